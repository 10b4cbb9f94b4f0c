import { sql } from 'kysely';
import { t } from './repository.ts';
import { childBase, childService, taken, zaaktypeColumns } from './service-child.ts';
import { type Conn, localId, refError, urlOf } from './support.ts';
import { catalogTexts } from './texts.nl.ts';

export interface ZiotInput {
  zaaktype?: string;
  informatieobjecttype?: string;
  volgnummer?: number;
  richting?: string;
  statustype?: string | null;
}

function load(db: Conn, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return t(db)
    .selectFrom('catalog_ziot as x')
    .innerJoin('catalog_zaaktype as z', 'z.id', 'x.zaaktype_id')
    .selectAll('x')
    .select([...zaaktypeColumns])
    .where('x.id', 'in', ids)
    .execute();
}
type Row = Awaited<ReturnType<typeof load>>[number];

export function ziotJson(baseUrl: string, r: Row) {
  const base = childBase(baseUrl, r);
  return {
    url: urlOf(baseUrl, 'zaaktype-informatieobjecttypen', r.id),
    zaaktype: base.zaaktype,
    zaaktypeIdentificatie: base.zaaktypeIdentificatie,
    catalogus: base.catalogus,
    informatieobjecttype: urlOf(baseUrl, 'informatieobjecttypen', r.informatieobjecttype_id),
    volgnummer: r.volgnummer,
    richting: r.richting,
    statustype: r.statustype_id ? urlOf(baseUrl, 'statustypen', r.statustype_id) : null,
  };
}

interface Resolved {
  iot: { id: string; catalogus_id: string; concept: boolean };
  statustypeId?: string | null;
}

/**
 * Zaaktype-informatieobjecttypen: which documents a zaak of the type can hold, and in which direction. The
 * relation can change as long as the zaaktype or the informatieobjecttype is still a concept.
 */
export const zaaktypeInformatieobjecttypen = childService<ZiotInput, Row, undefined, Resolved>({
  resource: 'zaaktype-informatieobjecttypen',
  notification: 'zaaktypeinformatieobjecttype',
  table: 'catalog_ziot',
  unique: 'volgnummer',
  conceptRule: false,
  load,
  json: ziotJson,
  filter(q, ctx) {
    const f: ReturnType<typeof sql<boolean>>[] = [];
    if (typeof q.informatieobjecttype === 'string')
      f.push(
        sql<boolean>`x.informatieobjecttype_id::text = ${localId(ctx.baseUrl, q.informatieobjecttype, 'informatieobjecttypen') ?? ''}`,
      );
    if (typeof q.richting === 'string') f.push(sql<boolean>`x.richting = ${q.richting}`);
    return f;
  },
  async resolve(trx, ctx, input, zaaktype, existing, invalid) {
    const iotId = input.informatieobjecttype
      ? localId(ctx.baseUrl, input.informatieobjecttype, 'informatieobjecttypen')
      : existing!.informatieobjecttype_id;
    const iot = iotId
      ? await t(trx)
          .selectFrom('catalog_informatieobjecttype')
          .select(['id', 'catalogus_id', 'concept'])
          .where('id', '=', iotId)
          .executeTakeFirst()
      : undefined;
    if (!iot) refError(invalid, 'informatieobjecttype', iotId);
    let statustypeId: string | null | undefined;
    if (input.statustype === null || input.statustype === '') statustypeId = null;
    else if (input.statustype !== undefined) {
      const id = localId(ctx.baseUrl, input.statustype, 'statustypen');
      const st = id
        ? await t(trx)
            .selectFrom('catalog_statustype')
            .select(['id', 'zaaktype_id'])
            .where('id', '=', id)
            .executeTakeFirst()
        : undefined;
      if (!st) refError(invalid, 'statustype', id);
      else if (st.zaaktype_id !== zaaktype.id)
        invalid.add('statustype', 'relations-incorrect-zaaktype', catalogTexts.statustypeOtherZaaktype);
      statustypeId = st?.id;
    }
    return { iot: iot!, statustypeId };
  },
  async rules(trx, { caller, input, zaaktype, existing, resolved }, errors) {
    if (zaaktype.catalogus_id !== resolved.iot.catalogus_id)
      errors.push({
        name: 'nonFieldErrors',
        code: 'relations-incorrect-catalogus',
        reason: catalogTexts.ziotCatalogus,
      });
    const volgnummer = input.volgnummer ?? existing!.volgnummer;
    if (await taken(trx, 'catalog_ziot', zaaktype.id, 'volgnummer', volgnummer, existing?.id))
      errors.push({
        name: 'nonFieldErrors',
        code: 'unique',
        reason: catalogTexts.notUnique('zaaktype, volgnummer'),
      });
    if (errors.length || caller.forceWrite) return;
    if (!zaaktype.concept && !resolved.iot.concept)
      errors.push({
        name: 'nonFieldErrors',
        code: 'non-concept-relation',
        reason: catalogTexts.nonConceptBoth,
      });
  },
  async write(trx, { id, input, zaaktype, existing, resolved }) {
    const row = {
      zaaktype_id: zaaktype.id,
      organisation_id: zaaktype.organisation_id,
      informatieobjecttype_id: resolved.iot.id,
      statustype_id:
        resolved.statustypeId !== undefined ? resolved.statustypeId : (existing?.statustype_id ?? null),
      volgnummer: input.volgnummer ?? existing!.volgnummer,
      richting: input.richting ?? existing!.richting,
    };
    if (existing) await t(trx).updateTable('catalog_ziot').set(row).where('id', '=', id).execute();
    else
      await t(trx)
        .insertInto('catalog_ziot')
        .values({ id, ...row })
        .execute();
  },
});
