import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { PREPARED } from '../platform/db/database.ts';
import { inTransaction, type Trx } from '../platform/db/transaction.ts';
import { problems } from '../platform/http/problem.ts';
import { PAGE_SIZE } from '../zgw/pagination.ts';
import { dienstForZaaktype, followZaaktype, removeOrphanedDienst, type ZaaktypeFacts } from './dienst.ts';
import { bumpRevision, json, replaceLinks, t } from './repository.ts';
import {
  ZAAKTYPE_DATA_DEFAULTS,
  ZAAKTYPE_DATA_FIELDS,
  type ZaaktypeData,
  type ZaaktypeRow,
  zaaktypeData,
  zaaktypeJson,
  zaaktypeSelect,
} from './repository-zaaktype.ts';
import { lookedUp } from './selectielijst.ts';
import {
  type CatalogContext,
  dateFilter,
  has,
  onlyEndsValidity,
  resolveTypes,
  type StatusFilter,
} from './service.ts';
import { catalogusRef } from './service-catalogus.ts';
import {
  type Caller,
  type Conn,
  checkPage,
  Invalid,
  localId,
  nonField,
  notify,
  pathId,
  requireOwner,
  urlOf,
} from './support.ts';
import { catalogTexts } from './texts.nl.ts';
import { publishVersion, refuseDelete, refuseOverlap, validOn, versionOnDate } from './versions.ts';

export type ZaaktypeInput = Partial<ZaaktypeData> & {
  identificatie?: string;
  omschrijving?: string;
  trefwoorden?: string[];
  catalogus?: string;
  besluittypen?: string[];
  deelzaaktypen?: string[];
  beginGeldigheid?: string;
  eindeGeldigheid?: string | null;
  versiedatum?: string;
};

export interface ZaaktypeQuery {
  catalogus?: string;
  identificatie?: string;
  trefwoorden?: string;
  status?: StatusFilter;
  datumGeldigheid?: string;
  page?: number;
}

/** One zaaktype by id: asked on every zaak created, so prepared once per connection (ten sub-selects to plan). */
async function loadRow(db: Conn, id: string): Promise<ZaaktypeRow> {
  const row = await zaaktypeSelect(db)
    .where('z.id', '=', pathId(id))
    .modifyFront(PREPARED)
    .executeTakeFirst();
  if (!row) throw problems.notFound();
  return row;
}

export async function listZaaktypen(ctx: CatalogContext, q: ZaaktypeQuery) {
  const page = q.page ?? 1;
  const datum = dateFilter('datumGeldigheid', q.datumGeldigheid);
  let base = t(ctx.db).selectFrom('catalog_zaaktype as z');
  if (q.catalogus !== undefined)
    base = base.where('z.catalogus_id', '=', localId(ctx.baseUrl, q.catalogus, 'catalogussen') ?? null);
  if (q.identificatie !== undefined) base = base.where('z.identificatie', '=', q.identificatie);
  const trefwoorden = q.trefwoorden
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (trefwoorden?.length) base = base.where(sql<boolean>`z.trefwoorden @> ${sql.val(trefwoorden)}::text[]`);
  const status = q.status ?? 'definitief';
  if (status !== 'alles') base = base.where('z.concept', '=', status === 'concept');
  if (datum) base = base.where(validOn('z', datum));
  const { count } = await base.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
  checkPage(page, Number(count), PAGE_SIZE);
  const ids = (
    await base
      .select('z.id')
      .orderBy('z.created_at', 'desc')
      .orderBy('z.id', 'desc')
      .limit(PAGE_SIZE)
      .offset((page - 1) * PAGE_SIZE)
      .execute()
  ).map((r) => r.id);
  const rows = ids.length ? await zaaktypeSelect(ctx.db).where('z.id', 'in', ids).execute() : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return { count: Number(count), results: ids.map((id) => zaaktypeJson(ctx.baseUrl, byId.get(id)!)) };
}

/** One zaaktype; with `datumGeldigheid`, the version of it (same catalogus and identificatie) valid on that date. */
export async function readZaaktype(ctx: CatalogContext, id: string, datumGeldigheid?: string) {
  const row = await loadRow(ctx.db, id);
  const date = dateFilter('datumGeldigheid', datumGeldigheid);
  if (!date) return zaaktypeJson(ctx.baseUrl, row);
  const versionId = await versionOnDate(ctx.db, 'catalog_zaaktype', {
    catalogusId: row.catalogus_id,
    key: row.identificatie,
    date,
  });
  if (!versionId) throw problems.notFound(catalogTexts.noVersionOnDate);
  return zaaktypeJson(ctx.baseUrl, versionId === row.id ? row : await loadRow(ctx.db, versionId));
}

function facts(organisationId: string, catalogusId: string, z: ZaaktypeInput & ZaaktypeData): ZaaktypeFacts {
  return {
    organisationId,
    catalogusId,
    identificatie: z.identificatie ?? '',
    omschrijving: z.omschrijving ?? '',
    doel: z.doel,
    doorlooptijd: z.doorlooptijd,
    servicenorm: z.servicenorm,
    verantwoordelijke: z.verantwoordelijke,
  };
}

interface Resolved {
  catalogus: { id: string; organisation_id: string };
  besluittypen?: Awaited<ReturnType<typeof resolveTypes>>;
  deelzaaktypen?: Awaited<ReturnType<typeof resolveTypes>>;
}

/** Field checks: the selectielijst procestype (fetched, before the transaction) and this API's own references. */
async function remoteFieldErrors(ctx: CatalogContext, input: ZaaktypeInput): Promise<Invalid> {
  const invalid = new Invalid();
  if (input.selectielijstProcestype)
    lookedUp(
      invalid,
      'selectielijstProcestype',
      await ctx.selectielijst.getProcestype(input.selectielijstProcestype),
    );
  return invalid;
}

async function resolveFields(
  trx: Trx,
  ctx: CatalogContext,
  input: ZaaktypeInput,
  invalid: Invalid,
  existing: ZaaktypeRow | null,
): Promise<Resolved> {
  const catalogus =
    input.catalogus !== undefined
      ? await catalogusRef(trx, ctx.baseUrl, input.catalogus, invalid)
      : { id: existing!.catalogus_id, organisation_id: existing!.organisation_id };
  const besluittypen = input.besluittypen
    ? await resolveTypes(
        trx,
        ctx.baseUrl,
        input.besluittypen,
        'besluittypen',
        'catalog_besluittype',
        'besluittypen',
        invalid,
      )
    : undefined;
  const deelzaaktypen = input.deelzaaktypen
    ? await resolveTypes(
        trx,
        ctx.baseUrl,
        input.deelzaaktypen,
        'zaaktypen',
        'catalog_zaaktype',
        'deelzaaktypen',
        invalid,
      )
    : undefined;
  invalid.throwIfAny();
  return { catalogus: catalogus!, besluittypen, deelzaaktypen };
}

/**
 * The object rules, in the order and with the grouping of the reference implementation: an overlap or a
 * deelzaaktype in another catalogus is reported alone; the others together.
 */
async function objectRules(
  trx: Trx,
  caller: Caller,
  input: ZaaktypeInput,
  merged: ZaaktypeInput & ZaaktypeData,
  r: Resolved,
  existing: ZaaktypeRow | null,
  partial: boolean,
): Promise<void> {
  const endsOnly = onlyEndsValidity(input, partial);
  if (existing && !existing.concept) {
    await refuseOverlap(
      trx,
      'catalog_zaaktype',
      {
        catalogusId: r.catalogus.id,
        key: merged.identificatie!,
        begin: merged.beginGeldigheid!,
        einde: merged.eindeGeldigheid ?? null,
        excludeId: existing.id,
      },
      endsOnly ? 'eindeGeldigheid' : 'beginGeldigheid',
    );
  }
  const invalid = new Invalid();
  if (r.besluittypen?.some((b) => b.catalogus_id !== r.catalogus.id))
    invalid.nonField(
      'relations-incorrect-catalogus',
      catalogTexts.relationsIncorrectCatalogus('besluittypen'),
    );
  if (!caller.forceWrite && !endsOnly) {
    if (existing && !existing.concept) invalid.nonField('non-concept-object', catalogTexts.nonConceptObject);
    if (!existing && r.besluittypen?.some((b) => !b.concept))
      invalid.nonField('non-concept-relation', catalogTexts.nonConceptRelationNew('besluittypen'));
    if (existing) {
      const published = await t(trx)
        .selectFrom('catalog_zaaktype_besluittype as l')
        .innerJoin('catalog_besluittype as b', 'b.id', 'l.besluittype_id')
        .select('b.id')
        .where('l.zaaktype_id', '=', existing.id)
        .where('b.concept', '=', false)
        .executeTakeFirst();
      if (published)
        invalid.nonField('non-concept-relation', catalogTexts.nonConceptRelation('besluittypen'));
      else if (r.besluittypen?.some((b) => !b.concept))
        invalid.nonField('non-concept-relation', catalogTexts.nonConceptRelationNew('besluittypen'));
    }
  }
  const deel =
    r.deelzaaktypen ?? (existing ? existing.deelzaaktypen.map((id) => ({ id, catalogus_id: '' })) : []);
  const deelCatalogi = r.deelzaaktypen
    ? deel.map((d) => d.catalogus_id)
    : deel.length
      ? (
          await t(trx)
            .selectFrom('catalog_zaaktype')
            .select('catalogus_id')
            .where(
              'id',
              'in',
              deel.map((d) => d.id),
            )
            .execute()
        ).map((x) => x.catalogus_id)
      : [];
  if (deelCatalogi.some((c) => c !== r.catalogus.id))
    throw problems.validation([
      {
        name: 'deelzaaktypen',
        code: 'relations-incorrect-catalogus',
        reason: catalogTexts.deelzaaktypenCatalogus,
      },
    ]);
  if (merged.verlengingMogelijk && !merged.verlengingstermijn)
    invalid.nonField('verlenging-mismatch', catalogTexts.verlenging);
  if (
    Boolean(input.broncatalogus) !== Boolean(input.bronzaaktype) &&
    (has(input, 'broncatalogus') || has(input, 'bronzaaktype'))
  )
    invalid.nonField('invalid-bronzaaktype-for-broncatalogus', catalogTexts.bronZaaktype);
  invalid.throwIfAny();
}

function dataOf(merged: ZaaktypeInput & ZaaktypeData): ZaaktypeData {
  const data = {} as Record<string, unknown>;
  for (const field of ZAAKTYPE_DATA_FIELDS) data[field] = merged[field];
  return data as ZaaktypeData;
}

async function notifyZaaktype(
  trx: Trx,
  ctx: CatalogContext,
  caller: Caller,
  row: { id: string; organisation_id: string; catalogus_id: string },
  actie: 'create' | 'update' | 'partial_update' | 'destroy' | 'publish',
) {
  const url = urlOf(ctx.baseUrl, 'zaaktypen', row.id);
  await notify(trx, caller, row.organisation_id, {
    kanaal: 'zaaktypen',
    hoofdObject: url,
    resource: 'zaaktype',
    resourceUrl: url,
    actie,
    catalogus: urlOf(ctx.baseUrl, 'catalogussen', row.catalogus_id),
  });
}

export async function createZaaktype(
  ctx: CatalogContext,
  caller: Caller,
  input: ZaaktypeInput,
  options: { dienstId?: string; id?: string } = {},
) {
  const remote = await remoteFieldErrors(ctx, input);
  return inTransaction(ctx.db, async (trx) => {
    await bumpRevision(trx);
    const r = await resolveFields(trx, ctx, input, remote, null);
    requireOwner(caller, r.catalogus.organisation_id, catalogTexts.catalogusOtherOrganisation);
    const merged = { ...ZAAKTYPE_DATA_DEFAULTS, ...input };
    await objectRules(trx, caller, input, merged, r, null, false);
    const id = options.id ?? randomUUID();
    const f = facts(caller.organisationId, r.catalogus.id, merged);
    const dienstId = await dienstForZaaktype(trx, f, options.dienstId);
    await t(trx)
      .insertInto('catalog_zaaktype')
      .values({
        id,
        organisation_id: r.catalogus.organisation_id,
        catalogus_id: r.catalogus.id,
        dienst_id: dienstId,
        identificatie: merged.identificatie!,
        omschrijving: merged.omschrijving!,
        concept: true,
        begin_geldigheid: merged.beginGeldigheid!,
        einde_geldigheid: merged.eindeGeldigheid ?? null,
        versiedatum: merged.versiedatum!,
        trefwoorden: merged.trefwoorden ?? [],
        data: json(dataOf(merged)),
      })
      .execute();
    await writeLinks(trx, r.catalogus.organisation_id, id, r);
    await notifyZaaktype(
      trx,
      ctx,
      caller,
      { id, organisation_id: r.catalogus.organisation_id, catalogus_id: r.catalogus.id },
      'create',
    );
    return zaaktypeJson(ctx.baseUrl, await loadRow(trx, id));
  });
}

async function writeLinks(trx: Trx, organisationId: string, id: string, r: Resolved) {
  if (r.besluittypen)
    await replaceLinks(
      trx,
      'catalog_zaaktype_besluittype',
      'zaaktype_id',
      'besluittype_id',
      organisationId,
      id,
      r.besluittypen.map((b) => b.id),
    );
  if (r.deelzaaktypen)
    await replaceLinks(
      trx,
      'catalog_zaaktype_deelzaaktype',
      'zaaktype_id',
      'deelzaaktype_id',
      organisationId,
      id,
      r.deelzaaktypen.map((b) => b.id),
    );
}

export async function updateZaaktype(
  ctx: CatalogContext,
  caller: Caller,
  id: string,
  input: ZaaktypeInput,
  partial: boolean,
) {
  const remote = await remoteFieldErrors(ctx, input);
  return inTransaction(ctx.db, async (trx) => {
    await bumpRevision(trx);
    const existing = await loadRow(trx, id);
    const r = await resolveFields(trx, ctx, input, remote, existing);
    requireOwner(caller, existing.organisation_id);
    if (r.catalogus.organisation_id !== existing.organisation_id)
      requireOwner(caller, r.catalogus.organisation_id, catalogTexts.catalogusOtherOrganisation);
    const merged = {
      ...zaaktypeData(existing),
      identificatie: existing.identificatie,
      omschrijving: existing.omschrijving,
      trefwoorden: existing.trefwoorden,
      beginGeldigheid: existing.begin_geldigheid,
      eindeGeldigheid: existing.einde_geldigheid,
      versiedatum: existing.versiedatum,
      ...input,
    };
    await objectRules(trx, caller, input, merged, r, existing, partial);
    await t(trx)
      .updateTable('catalog_zaaktype')
      .set({
        catalogus_id: r.catalogus.id,
        identificatie: merged.identificatie,
        omschrijving: merged.omschrijving,
        begin_geldigheid: merged.beginGeldigheid,
        einde_geldigheid: merged.eindeGeldigheid ?? null,
        versiedatum: merged.versiedatum,
        trefwoorden: merged.trefwoorden ?? [],
        data: json(dataOf(merged)),
      })
      .where('id', '=', existing.id)
      .execute();
    await writeLinks(trx, existing.organisation_id, existing.id, r);
    await followZaaktype(trx, existing.dienst_id, facts(existing.organisation_id, r.catalogus.id, merged));
    await notifyZaaktype(
      trx,
      ctx,
      caller,
      { ...existing, catalogus_id: r.catalogus.id },
      partial ? 'partial_update' : 'update',
    );
    return zaaktypeJson(ctx.baseUrl, await loadRow(trx, existing.id));
  });
}

export async function deleteZaaktype(ctx: CatalogContext, caller: Caller, id: string) {
  await inTransaction(ctx.db, async (trx) => {
    await bumpRevision(trx);
    const existing = await loadRow(trx, id);
    requireOwner(caller, existing.organisation_id);
    await refuseDelete(trx, caller, 'catalog_zaaktype', existing);
    await t(trx).deleteFrom('catalog_zaaktype').where('id', '=', existing.id).execute();
    await removeOrphanedDienst(trx, existing.dienst_id);
    await notifyZaaktype(trx, ctx, caller, existing, 'destroy');
  });
}

/**
 * Publishing makes a zaaktype usable in the Zaken API and freezes it (and its child types). Refused while
 * a related besluittype, informatieobjecttype or deelzaaktype is still a concept, or when another published
 * version of the same zaaktype is valid in the same period.
 */
export async function publishZaaktype(ctx: CatalogContext, caller: Caller, id: string) {
  return inTransaction(ctx.db, async (trx) => {
    await bumpRevision(trx);
    const existing = await loadRow(trx, id);
    requireOwner(caller, existing.organisation_id);
    const concept = await sql<{ n: number }>`
      select count(*)::int as n from (
        select b.id from catalog_zaaktype_besluittype l join catalog_besluittype b on b.id = l.besluittype_id
          where l.zaaktype_id = ${existing.id} and b.concept
        union all
        select i.id from catalog_ziot l join catalog_informatieobjecttype i on i.id = l.informatieobjecttype_id
          where l.zaaktype_id = ${existing.id} and i.concept
        union all
        select d.id from catalog_zaaktype_deelzaaktype l join catalog_zaaktype d on d.id = l.deelzaaktype_id
          where l.zaaktype_id = ${existing.id} and d.concept
      ) x`.execute(trx);
    if (Number(concept.rows[0]?.n ?? 0) > 0) throw nonField('concept-relation', catalogTexts.conceptRelation);
    await publishVersion(trx, 'catalog_zaaktype', existing);
    await notifyZaaktype(trx, ctx, caller, existing, 'publish');
    return zaaktypeJson(ctx.baseUrl, await loadRow(trx, existing.id));
  });
}
