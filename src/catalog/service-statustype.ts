import { sql } from 'kysely';
import { json, parsed, t } from './repository.ts';
import { childBase, childService, taken, zaaktypeColumns } from './service-child.ts';
import { type Conn, urlOf } from './support.ts';
import { catalogTexts } from './texts.nl.ts';

const DATA_DEFAULTS = {
  omschrijvingGeneriek: '',
  statustekst: '',
  informeren: false,
  doorlooptijd: null as string | null,
  toelichting: null as string | null,
  checklistitemStatustype: [] as {
    itemnaam: string;
    toelichting?: string | null;
    vraagstelling: string;
    verplicht?: boolean;
  }[],
  beginGeldigheid: null as string | null,
  eindeGeldigheid: null as string | null,
};
type Data = typeof DATA_DEFAULTS;

export type StatustypeInput = Partial<Data> & {
  zaaktype?: string;
  omschrijving?: string;
  volgnummer?: number;
};

/** Picks the `data` fields of a type from its stored data and a request body. */
export function mergeData<D extends object>(defaults: D, stored: unknown, input: Partial<D>): D {
  const base = { ...defaults, ...(stored ? parsed<Partial<D>>(stored) : {}) };
  for (const key of Object.keys(defaults) as (keyof D)[]) {
    if (input[key] !== undefined) base[key] = input[key] as D[keyof D];
  }
  return base;
}

function load(db: Conn, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return t(db)
    .selectFrom('catalog_statustype as x')
    .innerJoin('catalog_zaaktype as z', 'z.id', 'x.zaaktype_id')
    .selectAll('x')
    .select([
      ...zaaktypeColumns,
      sql<number>`(select max(s.volgnummer) from catalog_statustype s where s.zaaktype_id = x.zaaktype_id)`.as(
        'max_volgnummer',
      ),
      sql<
        string[]
      >`array(select e.id::text from catalog_eigenschap e where e.statustype_id = x.id order by e.created_at, e.id)`.as(
        'eigenschappen',
      ),
      sql<string | null>`(select l.zaakobjecttype_id::text from catalog_zaakobjecttype_statustype l
        where l.statustype_id = x.id order by l.zaakobjecttype_id limit 1)`.as('zaakobjecttype'),
    ])
    .where('x.id', 'in', ids)
    .execute();
}
type Row = Awaited<ReturnType<typeof load>>[number];

export function statustypeJson(baseUrl: string, r: Row) {
  const d = mergeData(DATA_DEFAULTS, r.data, {});
  const base = childBase(baseUrl, r);
  return {
    url: urlOf(baseUrl, 'statustypen', r.id),
    omschrijving: r.omschrijving,
    omschrijvingGeneriek: d.omschrijvingGeneriek,
    statustekst: d.statustekst,
    zaaktype: base.zaaktype,
    zaaktypeIdentificatie: base.zaaktypeIdentificatie,
    catalogus: base.catalogus,
    volgnummer: r.volgnummer,
    isEindstatus: r.volgnummer === Number(r.max_volgnummer),
    informeren: d.informeren,
    doorlooptijd: d.doorlooptijd,
    toelichting: d.toelichting,
    checklistitemStatustype: d.checklistitemStatustype.map((c) => ({
      itemnaam: c.itemnaam,
      toelichting: c.toelichting ?? null,
      vraagstelling: c.vraagstelling,
      verplicht: c.verplicht ?? false,
    })),
    eigenschappen: r.eigenschappen.map((id) => urlOf(baseUrl, 'eigenschappen', id)),
    beginGeldigheid: d.beginGeldigheid,
    eindeGeldigheid: d.eindeGeldigheid,
    beginObject: null,
    eindeObject: null,
    zaakobjecttype: r.zaakobjecttype ? urlOf(baseUrl, 'zaakobjecttypen', r.zaakobjecttype) : null,
  };
}

/** Statustypen: the milestones of a zaaktype, in order; the one with the highest volgnummer ends the zaak. */
export const statustypen = childService<StatustypeInput, Row, undefined, undefined>({
  resource: 'statustypen',
  notification: 'statustype',
  table: 'catalog_statustype',
  unique: 'volgnummer',
  orderBy: 'volgnummer',
  load,
  json: statustypeJson,
  async rules(trx, { input, zaaktype, existing }, errors) {
    const volgnummer = input.volgnummer ?? existing!.volgnummer;
    if (await taken(trx, 'catalog_statustype', zaaktype.id, 'volgnummer', volgnummer, existing?.id))
      errors.push({
        name: 'nonFieldErrors',
        code: 'unique',
        reason: catalogTexts.notUnique('zaaktype, volgnummer'),
      });
  },
  async write(trx, { id, input, zaaktype, existing }) {
    const data = json(mergeData(DATA_DEFAULTS, existing?.data, input));
    const row = {
      zaaktype_id: zaaktype.id,
      organisation_id: zaaktype.organisation_id,
      volgnummer: input.volgnummer ?? existing!.volgnummer,
      omschrijving: input.omschrijving ?? existing!.omschrijving,
      data,
    };
    if (existing) await t(trx).updateTable('catalog_statustype').set(row).where('id', '=', id).execute();
    else
      await t(trx)
        .insertInto('catalog_statustype')
        .values({ id, ...row })
        .execute();
  },
});
