import { sql } from 'kysely';
import type { Trx } from '../platform/db/transaction.ts';
import { json, t } from './repository.ts';
import { dateFilter } from './service.ts';
import { childBase, childService, zaaktypeColumns } from './service-child.ts';
import { type Conn, type Invalid, localId, refError, urlOf } from './support.ts';
import { catalogTexts } from './texts.nl.ts';

export interface ZaakobjecttypeInput {
  zaaktype?: string;
  anderObjecttype?: boolean;
  beginGeldigheid?: string;
  eindeGeldigheid?: string | null;
  objecttype?: string;
  relatieOmschrijving?: string;
  resultaattypen?: string[];
  statustypen?: string[];
  catalogus?: string | null;
}

function load(db: Conn, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return t(db)
    .selectFrom('catalog_zaakobjecttype as x')
    .innerJoin('catalog_zaaktype as z', 'z.id', 'x.zaaktype_id')
    .selectAll('x')
    .select([
      ...zaaktypeColumns,
      sql<string[]>`array(select l.resultaattype_id::text from catalog_zaakobjecttype_resultaattype l
        join catalog_resultaattype r on r.id = l.resultaattype_id where l.zaakobjecttype_id = x.id order by r.created_at, r.id)`.as(
        'resultaattypen',
      ),
      sql<string[]>`array(select l.statustype_id::text from catalog_zaakobjecttype_statustype l
        join catalog_statustype s on s.id = l.statustype_id where l.zaakobjecttype_id = x.id order by s.volgnummer)`.as(
        'statustypen',
      ),
    ])
    .where('x.id', 'in', ids)
    .execute();
}
type Row = Awaited<ReturnType<typeof load>>[number];

export function zaakobjecttypeJson(baseUrl: string, r: Row) {
  const base = childBase(baseUrl, r);
  return {
    url: urlOf(baseUrl, 'zaakobjecttypen', r.id),
    anderObjecttype: r.ander_objecttype,
    beginGeldigheid: r.begin_geldigheid,
    eindeGeldigheid: r.einde_geldigheid,
    beginObject: null,
    eindeObject: null,
    objecttype: r.objecttype,
    relatieOmschrijving: r.relatie_omschrijving,
    zaaktype: base.zaaktype,
    zaaktypeIdentificatie: base.zaaktypeIdentificatie,
    resultaattypen: r.resultaattypen.map((id) => urlOf(baseUrl, 'resultaattypen', id)),
    statustypen: r.statustypen.map((id) => urlOf(baseUrl, 'statustypen', id)),
    catalogus: base.catalogus,
  };
}

/** Children of the same zaaktype named in a body: resultaattypen or statustypen of a zaakobjecttype. */
async function sameZaaktype(
  trx: Trx,
  baseUrl: string,
  urls: string[],
  resource: 'resultaattypen' | 'statustypen',
  zaaktypeId: string,
  invalid: Invalid,
): Promise<string[] | null> {
  const table = resource === 'resultaattypen' ? 'catalog_resultaattype' : 'catalog_statustype';
  const ids = urls.map((u) => localId(baseUrl, u, resource));
  const found = ids.some((id) => id === null)
    ? []
    : await t(trx)
        .selectFrom(table)
        .select(['id', 'zaaktype_id'])
        .where('id', 'in', ids.length ? (ids as string[]) : [''])
        .execute();
  const byId = new Map(found.map((r) => [r.id, r]));
  const missing = ids.find((id) => id === null || !byId.has(id));
  if (missing !== undefined) {
    refError(invalid, resource, missing);
    return null;
  }
  if (found.some((r) => r.zaaktype_id !== zaaktypeId)) {
    invalid.add(resource, 'relations-incorrect-zaaktype', catalogTexts.otherZaaktype(resource));
    return null;
  }
  return ids as string[];
}

/** Zaakobjecttypen: the kinds of object (a building, a person, a vehicle) a zaak of the type can be about. */
export const zaakobjecttypen = childService<
  ZaakobjecttypeInput,
  Row,
  undefined,
  { resultaattypen?: string[] | null; statustypen?: string[] | null }
>({
  resource: 'zaakobjecttypen',
  notification: 'zaakobjecttype',
  table: 'catalog_zaakobjecttype',
  noStatusFilter: true,
  ownValidity: true,
  load,
  json: zaakobjecttypeJson,
  filter(q, ctx) {
    const f: ReturnType<typeof sql<boolean>>[] = [];
    if (typeof q.anderObjecttype === 'string')
      f.push(sql<boolean>`x.ander_objecttype = ${q.anderObjecttype === 'true'}`);
    if (typeof q.catalogus === 'string')
      f.push(sql<boolean>`z.catalogus_id::text = ${localId(ctx.baseUrl, q.catalogus, 'catalogussen') ?? ''}`);
    const begin = dateFilter('datumBeginGeldigheid', q.datumBeginGeldigheid as string | undefined);
    if (begin) f.push(sql<boolean>`x.begin_geldigheid = ${begin}::date`);
    const einde = dateFilter('datumEindeGeldigheid', q.datumEindeGeldigheid as string | undefined);
    if (einde) f.push(sql<boolean>`x.einde_geldigheid = ${einde}::date`);
    if (typeof q.objecttype === 'string') f.push(sql<boolean>`x.objecttype = ${q.objecttype}`);
    if (typeof q.relatieOmschrijving === 'string')
      f.push(sql<boolean>`x.relatie_omschrijving = ${q.relatieOmschrijving}`);
    return f;
  },
  async resolve(trx, ctx, input, zaaktype, _existing, invalid) {
    if (input.catalogus && localId(ctx.baseUrl, input.catalogus, 'catalogussen') !== zaaktype.catalogus_id)
      invalid.add(
        'catalogus',
        'relations-incorrect-catalogus',
        catalogTexts.relationsIncorrectCatalogus('zaaktype'),
      );
    return {
      resultaattypen: input.resultaattypen
        ? await sameZaaktype(trx, ctx.baseUrl, input.resultaattypen, 'resultaattypen', zaaktype.id, invalid)
        : undefined,
      statustypen: input.statustypen
        ? await sameZaaktype(trx, ctx.baseUrl, input.statustypen, 'statustypen', zaaktype.id, invalid)
        : undefined,
    };
  },
  async write(trx, { id, input, zaaktype, existing, resolved }) {
    const row = {
      zaaktype_id: zaaktype.id,
      organisation_id: zaaktype.organisation_id,
      objecttype: input.objecttype ?? existing!.objecttype,
      relatie_omschrijving: input.relatieOmschrijving ?? existing!.relatie_omschrijving,
      ander_objecttype: input.anderObjecttype ?? existing!.ander_objecttype,
      begin_geldigheid: input.beginGeldigheid ?? existing!.begin_geldigheid,
      einde_geldigheid:
        input.eindeGeldigheid !== undefined ? input.eindeGeldigheid : (existing?.einde_geldigheid ?? null),
      data: json({}),
    };
    if (existing) await t(trx).updateTable('catalog_zaakobjecttype').set(row).where('id', '=', id).execute();
    else
      await t(trx)
        .insertInto('catalog_zaakobjecttype')
        .values({ id, ...row })
        .execute();
    const org = zaaktype.organisation_id;
    if (resolved.resultaattypen) {
      await t(trx)
        .deleteFrom('catalog_zaakobjecttype_resultaattype')
        .where('zaakobjecttype_id', '=', id)
        .execute();
      if (resolved.resultaattypen.length)
        await t(trx)
          .insertInto('catalog_zaakobjecttype_resultaattype')
          .values(
            [...new Set(resolved.resultaattypen)].map((r) => ({
              organisation_id: org,
              zaakobjecttype_id: id,
              resultaattype_id: r,
            })),
          )
          .execute();
    }
    if (resolved.statustypen) {
      await t(trx)
        .deleteFrom('catalog_zaakobjecttype_statustype')
        .where('zaakobjecttype_id', '=', id)
        .execute();
      if (resolved.statustypen.length)
        await t(trx)
          .insertInto('catalog_zaakobjecttype_statustype')
          .values(
            [...new Set(resolved.statustypen)].map((s) => ({
              organisation_id: org,
              zaakobjecttype_id: id,
              statustype_id: s,
            })),
          )
          .execute();
    }
  },
});
