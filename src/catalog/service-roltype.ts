import { sql } from 'kysely';
import { json, t } from './repository.ts';
import { childBase, childService, zaaktypeColumns } from './service-child.ts';
import { mergeData } from './service-statustype.ts';
import { type Conn, urlOf } from './support.ts';

const DATA_DEFAULTS = { beginGeldigheid: null as string | null, eindeGeldigheid: null as string | null };

export type RoltypeInput = Partial<typeof DATA_DEFAULTS> & {
  zaaktype?: string;
  omschrijving?: string;
  omschrijvingGeneriek?: string;
};

function load(db: Conn, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return t(db)
    .selectFrom('catalog_roltype as x')
    .innerJoin('catalog_zaaktype as z', 'z.id', 'x.zaaktype_id')
    .selectAll('x')
    .select([...zaaktypeColumns])
    .where('x.id', 'in', ids)
    .execute();
}
type Row = Awaited<ReturnType<typeof load>>[number];

export function roltypeJson(baseUrl: string, r: Row) {
  const d = mergeData(DATA_DEFAULTS, r.data, {});
  const base = childBase(baseUrl, r);
  return {
    url: urlOf(baseUrl, 'roltypen', r.id),
    zaaktype: base.zaaktype,
    zaaktypeIdentificatie: base.zaaktypeIdentificatie,
    omschrijving: r.omschrijving,
    omschrijvingGeneriek: r.omschrijving_generiek,
    catalogus: base.catalogus,
    beginGeldigheid: d.beginGeldigheid,
    eindeGeldigheid: d.eindeGeldigheid,
    beginObject: null,
    eindeObject: null,
  };
}

/** Roltypen: who can be involved in a zaak of the zaaktype (initiator, behandelaar, …). */
export const roltypen = childService<RoltypeInput, Row, undefined, undefined>({
  resource: 'roltypen',
  notification: 'roltype',
  table: 'catalog_roltype',
  load,
  json: roltypeJson,
  filter: (q) =>
    typeof q.omschrijvingGeneriek === 'string'
      ? [sql<boolean>`x.omschrijving_generiek = ${q.omschrijvingGeneriek}`]
      : [],
  async write(trx, { id, input, zaaktype, existing }) {
    const row = {
      zaaktype_id: zaaktype.id,
      organisation_id: zaaktype.organisation_id,
      omschrijving: input.omschrijving ?? existing!.omschrijving,
      omschrijving_generiek: input.omschrijvingGeneriek ?? existing!.omschrijving_generiek,
      data: json(mergeData(DATA_DEFAULTS, existing?.data, input)),
    };
    if (existing) await t(trx).updateTable('catalog_roltype').set(row).where('id', '=', id).execute();
    else
      await t(trx)
        .insertInto('catalog_roltype')
        .values({ id, ...row })
        .execute();
  },
});
