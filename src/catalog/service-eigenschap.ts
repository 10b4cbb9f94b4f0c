import { json, t } from './repository.ts';
import { childBase, childService, taken, zaaktypeColumns } from './service-child.ts';
import { mergeData } from './service-statustype.ts';
import { type Conn, localId, refError, urlOf } from './support.ts';
import { catalogTexts } from './texts.nl.ts';

const DATA_DEFAULTS = {
  definitie: '',
  specificatie: { formaat: 'tekst', lengte: '', kardinaliteit: '' } as {
    groep?: string;
    formaat: string;
    lengte: string;
    kardinaliteit: string;
    waardenverzameling?: string[];
  },
  toelichting: '',
  beginGeldigheid: null as string | null,
  eindeGeldigheid: null as string | null,
};

export type EigenschapInput = Partial<typeof DATA_DEFAULTS> & {
  zaaktype?: string;
  naam?: string;
  statustype?: string | null;
};

function load(db: Conn, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return t(db)
    .selectFrom('catalog_eigenschap as x')
    .innerJoin('catalog_zaaktype as z', 'z.id', 'x.zaaktype_id')
    .selectAll('x')
    .select([...zaaktypeColumns])
    .where('x.id', 'in', ids)
    .execute();
}
type Row = Awaited<ReturnType<typeof load>>[number];

export function eigenschapJson(baseUrl: string, r: Row) {
  const d = mergeData(DATA_DEFAULTS, r.data, {});
  const base = childBase(baseUrl, r);
  return {
    url: urlOf(baseUrl, 'eigenschappen', r.id),
    naam: r.naam,
    definitie: d.definitie,
    specificatie: {
      groep: d.specificatie.groep ?? '',
      formaat: d.specificatie.formaat,
      lengte: d.specificatie.lengte,
      kardinaliteit: d.specificatie.kardinaliteit,
      waardenverzameling: d.specificatie.waardenverzameling ?? [],
    },
    toelichting: d.toelichting,
    zaaktype: base.zaaktype,
    zaaktypeIdentificatie: base.zaaktypeIdentificatie,
    catalogus: base.catalogus,
    statustype: r.statustype_id ? urlOf(baseUrl, 'statustypen', r.statustype_id) : null,
    beginGeldigheid: d.beginGeldigheid,
    eindeGeldigheid: d.eindeGeldigheid,
    beginObject: null,
    eindeObject: null,
  };
}

/** Eigenschappen: the zaaktype-specific data a zaak of the type records (with the statustype that needs it). */
export const eigenschappen = childService<
  EigenschapInput,
  Row,
  undefined,
  { statustypeId: string | null } | undefined
>({
  resource: 'eigenschappen',
  notification: 'eigenschap',
  table: 'catalog_eigenschap',
  unique: 'naam',
  load,
  json: eigenschapJson,
  async resolve(trx, ctx, input, zaaktype, _existing, invalid) {
    if (input.statustype === undefined) return undefined;
    if (input.statustype === null || input.statustype === '') return { statustypeId: null };
    const id = localId(ctx.baseUrl, input.statustype, 'statustypen');
    const row = id
      ? await t(trx)
          .selectFrom('catalog_statustype')
          .select(['id', 'zaaktype_id'])
          .where('id', '=', id)
          .executeTakeFirst()
      : undefined;
    if (!row) {
      refError(invalid, 'statustype', id);
      return undefined;
    }
    if (row.zaaktype_id !== zaaktype.id)
      invalid.add('statustype', 'relations-incorrect-zaaktype', catalogTexts.statustypeOtherZaaktype);
    return { statustypeId: row.id };
  },
  async rules(trx, { input, zaaktype, existing }, errors) {
    const naam = input.naam ?? existing!.naam;
    if (await taken(trx, 'catalog_eigenschap', zaaktype.id, 'naam', naam, existing?.id))
      errors.push({
        name: 'nonFieldErrors',
        code: 'unique',
        reason: catalogTexts.notUnique('zaaktype, naam'),
      });
  },
  async write(trx, { id, input, zaaktype, existing, resolved }) {
    const row = {
      zaaktype_id: zaaktype.id,
      organisation_id: zaaktype.organisation_id,
      naam: input.naam ?? existing!.naam,
      statustype_id: resolved ? resolved.statustypeId : (existing?.statustype_id ?? null),
      data: json(mergeData(DATA_DEFAULTS, existing?.data, input)),
    };
    if (existing) await t(trx).updateTable('catalog_eigenschap').set(row).where('id', '=', id).execute();
    else
      await t(trx)
        .insertInto('catalog_eigenschap')
        .values({ id, ...row })
        .execute();
  },
});
