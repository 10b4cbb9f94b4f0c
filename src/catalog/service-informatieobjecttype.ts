import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { inTransaction, type Trx } from '../platform/db/transaction.ts';
import { problems } from '../platform/http/problem.ts';
import { PAGE_SIZE } from '../zgw/pagination.ts';
import { bumpRevision, json, parsed, t } from './repository.ts';
import { type CatalogContext, dateFilter, onlyEndsValidity, type StatusFilter } from './service.ts';
import { catalogusRef } from './service-catalogus.ts';
import {
  type Caller,
  type Conn,
  checkPage,
  Invalid,
  localId,
  notify,
  pathId,
  requireOwner,
  urlOf,
} from './support.ts';
import { catalogTexts } from './texts.nl.ts';
import { publishedRelation, publishVersion, refuseDelete, refuseOverlap, validOn } from './versions.ts';

const OMSCHRIJVING_GENERIEK = {
  informatieobjecttypeOmschrijvingGeneriek: '',
  definitieInformatieobjecttypeOmschrijvingGeneriek: '',
  herkomstInformatieobjecttypeOmschrijvingGeneriek: '',
  hierarchieInformatieobjecttypeOmschrijvingGeneriek: '',
  opmerkingInformatieobjecttypeOmschrijvingGeneriek: null as string | null,
};

const DATA_DEFAULTS = {
  vertrouwelijkheidaanduiding: 'openbaar',
  informatieobjectcategorie: '',
  trefwoord: [] as string[],
  omschrijvingGeneriek: OMSCHRIJVING_GENERIEK as Partial<typeof OMSCHRIJVING_GENERIEK>,
};
type IotData = typeof DATA_DEFAULTS;

export type InformatieobjecttypeInput = Partial<IotData> & {
  catalogus?: string;
  omschrijving?: string;
  beginGeldigheid?: string;
  eindeGeldigheid?: string | null;
};

export interface InformatieobjecttypeQuery {
  catalogus?: string;
  status?: StatusFilter;
  datumGeldigheid?: string;
  omschrijving?: string;
  page?: number;
}

function select(db: Conn) {
  return t(db)
    .selectFrom('catalog_informatieobjecttype as i')
    .selectAll('i')
    .select([
      sql<
        string[]
      >`array(select l.zaaktype_id::text from catalog_ziot l where l.informatieobjecttype_id = i.id
        group by l.zaaktype_id order by min(l.created_at))`.as('zaaktypen'),
      sql<
        string[]
      >`array(select l.besluittype_id::text from catalog_besluittype_iot l join catalog_besluittype b
        on b.id = l.besluittype_id where l.informatieobjecttype_id = i.id order by b.created_at, b.id)`.as(
        'besluittypen',
      ),
      sql<string | null>`(select min(v.begin_geldigheid) from catalog_informatieobjecttype v
        where v.catalogus_id = i.catalogus_id and v.omschrijving = i.omschrijving)`.as('begin_object'),
      sql<
        string | null
      >`(select case when bool_or(v.einde_geldigheid is null) then null else max(v.einde_geldigheid) end
        from catalog_informatieobjecttype v where v.catalogus_id = i.catalogus_id and v.omschrijving = i.omschrijving)`.as(
        'einde_object',
      ),
    ]);
}
type Row = Awaited<ReturnType<ReturnType<typeof select>['executeTakeFirstOrThrow']>>;

export function informatieobjecttypeJson(baseUrl: string, r: Row) {
  const d = { ...DATA_DEFAULTS, ...parsed<Partial<IotData>>(r.data) };
  return {
    url: urlOf(baseUrl, 'informatieobjecttypen', r.id),
    catalogus: urlOf(baseUrl, 'catalogussen', r.catalogus_id),
    omschrijving: r.omschrijving,
    vertrouwelijkheidaanduiding: d.vertrouwelijkheidaanduiding,
    beginGeldigheid: r.begin_geldigheid,
    eindeGeldigheid: r.einde_geldigheid,
    beginObject: r.begin_object,
    eindeObject: r.einde_object,
    concept: r.concept,
    zaaktypen: r.zaaktypen.map((id) => urlOf(baseUrl, 'zaaktypen', id)),
    besluittypen: r.besluittypen.map((id) => urlOf(baseUrl, 'besluittypen', id)),
    informatieobjectcategorie: d.informatieobjectcategorie,
    trefwoord: d.trefwoord,
    omschrijvingGeneriek: { ...OMSCHRIJVING_GENERIEK, ...d.omschrijvingGeneriek },
  };
}

async function loadRow(db: Conn, id: string): Promise<Row> {
  const row = await select(db).where('i.id', '=', pathId(id)).executeTakeFirst();
  if (!row) throw problems.notFound();
  return row;
}

export async function readInformatieobjecttype(ctx: CatalogContext, id: string) {
  return informatieobjecttypeJson(ctx.baseUrl, await loadRow(ctx.db, id));
}

export async function listInformatieobjecttypen(ctx: CatalogContext, q: InformatieobjecttypeQuery) {
  const page = q.page ?? 1;
  const datum = dateFilter('datumGeldigheid', q.datumGeldigheid);
  let base = t(ctx.db).selectFrom('catalog_informatieobjecttype as i');
  if (q.catalogus !== undefined)
    base = base.where('i.catalogus_id', '=', localId(ctx.baseUrl, q.catalogus, 'catalogussen') ?? '');
  if (q.omschrijving !== undefined) base = base.where('i.omschrijving', '=', q.omschrijving);
  const status = q.status ?? 'definitief';
  if (status !== 'alles') base = base.where('i.concept', '=', status === 'concept');
  if (datum) base = base.where(validOn('i', datum));
  const { count } = await base.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
  checkPage(page, Number(count), PAGE_SIZE);
  const rows = await select(ctx.db)
    .where('i.id', 'in', base.select('i.id'))
    .orderBy('i.created_at', 'desc')
    .orderBy('i.id', 'desc')
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE)
    .execute();
  return { count: Number(count), results: rows.map((r) => informatieobjecttypeJson(ctx.baseUrl, r)) };
}

async function notifyIot(
  trx: Trx,
  ctx: CatalogContext,
  caller: Caller,
  row: { id: string; organisation_id: string; catalogus_id: string },
  actie: 'create' | 'update' | 'partial_update' | 'destroy' | 'publish',
) {
  const url = urlOf(ctx.baseUrl, 'informatieobjecttypen', row.id);
  await notify(trx, caller, row.organisation_id, {
    kanaal: 'informatieobjecttypen',
    hoofdObject: url,
    resource: 'informatieobjecttype',
    resourceUrl: url,
    actie,
    catalogus: urlOf(ctx.baseUrl, 'catalogussen', row.catalogus_id),
  });
}

function dataOf(merged: InformatieobjecttypeInput): IotData {
  return {
    vertrouwelijkheidaanduiding:
      merged.vertrouwelijkheidaanduiding ?? DATA_DEFAULTS.vertrouwelijkheidaanduiding,
    informatieobjectcategorie: merged.informatieobjectcategorie ?? '',
    trefwoord: merged.trefwoord ?? [],
    omschrijvingGeneriek: { ...OMSCHRIJVING_GENERIEK, ...merged.omschrijvingGeneriek },
  };
}

export async function createInformatieobjecttype(
  ctx: CatalogContext,
  caller: Caller,
  input: InformatieobjecttypeInput,
  options: { id?: string } = {},
) {
  return inTransaction(ctx.db, async (trx) => {
    await bumpRevision(trx);
    const invalid = new Invalid();
    const catalogus = await catalogusRef(trx, ctx.baseUrl, input.catalogus ?? '', invalid);
    invalid.throwIfAny();
    requireOwner(caller, catalogus!.organisation_id, catalogTexts.catalogusOtherOrganisation);
    const id = options.id ?? randomUUID();
    await t(trx)
      .insertInto('catalog_informatieobjecttype')
      .values({
        id,
        organisation_id: catalogus!.organisation_id,
        catalogus_id: catalogus!.id,
        omschrijving: input.omschrijving!,
        concept: true,
        begin_geldigheid: input.beginGeldigheid!,
        einde_geldigheid: input.eindeGeldigheid ?? null,
        data: json(dataOf(input)),
      })
      .execute();
    await notifyIot(
      trx,
      ctx,
      caller,
      { id, organisation_id: catalogus!.organisation_id, catalogus_id: catalogus!.id },
      'create',
    );
    return informatieobjecttypeJson(ctx.baseUrl, await loadRow(trx, id));
  });
}

export async function updateInformatieobjecttype(
  ctx: CatalogContext,
  caller: Caller,
  id: string,
  input: InformatieobjecttypeInput,
  partial: boolean,
) {
  return inTransaction(ctx.db, async (trx) => {
    await bumpRevision(trx);
    const existing = await loadRow(trx, id);
    const invalid = new Invalid();
    const catalogus =
      input.catalogus !== undefined
        ? await catalogusRef(trx, ctx.baseUrl, input.catalogus, invalid)
        : { id: existing.catalogus_id, organisation_id: existing.organisation_id };
    invalid.throwIfAny();
    requireOwner(caller, existing.organisation_id);
    if (catalogus!.organisation_id !== existing.organisation_id)
      requireOwner(caller, catalogus!.organisation_id, catalogTexts.catalogusOtherOrganisation);
    const merged: InformatieobjecttypeInput = {
      ...DATA_DEFAULTS,
      ...parsed<Partial<IotData>>(existing.data),
      omschrijving: existing.omschrijving,
      beginGeldigheid: existing.begin_geldigheid,
      eindeGeldigheid: existing.einde_geldigheid,
      ...input,
    };
    const endsOnly = onlyEndsValidity(input, partial);
    if (!existing.concept) {
      await refuseOverlap(
        trx,
        'catalog_informatieobjecttype',
        {
          catalogusId: catalogus!.id,
          key: merged.omschrijving!,
          begin: merged.beginGeldigheid!,
          einde: merged.eindeGeldigheid ?? null,
          excludeId: existing.id,
        },
        endsOnly ? 'eindeGeldigheid' : 'beginGeldigheid',
      );
    }
    if (!caller.forceWrite && !endsOnly) {
      const rules = new Invalid();
      if (!existing.concept) rules.nonField('non-concept-object', catalogTexts.nonConceptObject);
      const related = await publishedRelation(trx, 'catalog_informatieobjecttype', existing.id);
      if (related) rules.nonField('non-concept-relation', catalogTexts.nonConceptRelation(related));
      rules.throwIfAny();
    }
    await t(trx)
      .updateTable('catalog_informatieobjecttype')
      .set({
        catalogus_id: catalogus!.id,
        omschrijving: merged.omschrijving!,
        begin_geldigheid: merged.beginGeldigheid!,
        einde_geldigheid: merged.eindeGeldigheid ?? null,
        data: json(dataOf(merged)),
      })
      .where('id', '=', existing.id)
      .execute();
    await notifyIot(
      trx,
      ctx,
      caller,
      { ...existing, catalogus_id: catalogus!.id },
      partial ? 'partial_update' : 'update',
    );
    return informatieobjecttypeJson(ctx.baseUrl, await loadRow(trx, existing.id));
  });
}

export async function deleteInformatieobjecttype(ctx: CatalogContext, caller: Caller, id: string) {
  await inTransaction(ctx.db, async (trx) => {
    await bumpRevision(trx);
    const existing = await loadRow(trx, id);
    requireOwner(caller, existing.organisation_id);
    await refuseDelete(trx, caller, 'catalog_informatieobjecttype', existing);
    await t(trx).deleteFrom('catalog_informatieobjecttype').where('id', '=', existing.id).execute();
    await notifyIot(trx, ctx, caller, existing, 'destroy');
  });
}

export async function publishInformatieobjecttype(ctx: CatalogContext, caller: Caller, id: string) {
  return inTransaction(ctx.db, async (trx) => {
    await bumpRevision(trx);
    const existing = await loadRow(trx, id);
    requireOwner(caller, existing.organisation_id);
    await publishVersion(trx, 'catalog_informatieobjecttype', existing);
    await notifyIot(trx, ctx, caller, existing, 'publish');
    return informatieobjecttypeJson(ctx.baseUrl, await loadRow(trx, existing.id));
  });
}
