import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { inTransaction, type Trx } from '../platform/db/transaction.ts';
import { problems } from '../platform/http/problem.ts';
import { PAGE_SIZE } from '../zgw/pagination.ts';
import { bumpRevision, json, parsed, replaceLinks, t } from './repository.ts';
import {
  type CatalogContext,
  dateFilter,
  onlyEndsValidity,
  resolveTypes,
  type StatusFilter,
  type TypeRef,
} from './service.ts';
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

const DATA_DEFAULTS = {
  omschrijvingGeneriek: '',
  besluitcategorie: '',
  reactietermijn: null as string | null,
  publicatieIndicatie: false,
  publicatietekst: '',
  publicatietermijn: null as string | null,
  toelichting: '',
};
type BesluittypeData = typeof DATA_DEFAULTS;

export type BesluittypeInput = Partial<BesluittypeData> & {
  catalogus?: string;
  zaaktypen?: string[];
  omschrijving?: string;
  informatieobjecttypen?: string[];
  beginGeldigheid?: string;
  eindeGeldigheid?: string | null;
};

export interface BesluittypeQuery {
  catalogus?: string;
  zaaktypen?: string;
  informatieobjecttypen?: string;
  status?: StatusFilter;
  omschrijving?: string;
  datumGeldigheid?: string;
  page?: number;
}

function select(db: Conn) {
  return t(db)
    .selectFrom('catalog_besluittype as b')
    .selectAll('b')
    .select([
      sql<
        string[]
      >`array(select l.zaaktype_id::text from catalog_zaaktype_besluittype l join catalog_zaaktype z on z.id = l.zaaktype_id
        where l.besluittype_id = b.id order by z.created_at, z.id)`.as('zaaktypen'),
      sql<
        string[]
      >`array(select l.informatieobjecttype_id::text from catalog_besluittype_iot l where l.besluittype_id = b.id
        order by l.position)`.as('informatieobjecttypen'),
      sql<
        string[]
      >`array(select i.omschrijving from catalog_besluittype_iot l join catalog_informatieobjecttype i
        on i.id = l.informatieobjecttype_id where l.besluittype_id = b.id order by l.position)`.as(
        'vastgelegd_in',
      ),
      sql<
        string[]
      >`array(select l.resultaattype_id::text from catalog_resultaattype_besluittype l join catalog_resultaattype r
        on r.id = l.resultaattype_id where l.besluittype_id = b.id order by r.created_at, r.id)`.as(
        'resultaattypen',
      ),
      sql<
        string[]
      >`array(select r.omschrijving from catalog_resultaattype_besluittype l join catalog_resultaattype r
        on r.id = l.resultaattype_id where l.besluittype_id = b.id order by r.created_at, r.id)`.as(
        'resultaattypen_omschrijving',
      ),
      sql<string | null>`(select min(v.begin_geldigheid) from catalog_besluittype v
        where v.catalogus_id = b.catalogus_id and v.omschrijving = b.omschrijving)`.as('begin_object'),
      sql<
        string | null
      >`(select case when bool_or(v.einde_geldigheid is null) then null else max(v.einde_geldigheid) end
        from catalog_besluittype v where v.catalogus_id = b.catalogus_id and v.omschrijving = b.omschrijving)`.as(
        'einde_object',
      ),
    ]);
}
type Row = Awaited<ReturnType<ReturnType<typeof select>['executeTakeFirstOrThrow']>>;

export function besluittypeJson(baseUrl: string, r: Row) {
  const d = { ...DATA_DEFAULTS, ...parsed<Partial<BesluittypeData>>(r.data) };
  return {
    url: urlOf(baseUrl, 'besluittypen', r.id),
    catalogus: urlOf(baseUrl, 'catalogussen', r.catalogus_id),
    zaaktypen: r.zaaktypen.map((id) => urlOf(baseUrl, 'zaaktypen', id)),
    omschrijving: r.omschrijving,
    omschrijvingGeneriek: d.omschrijvingGeneriek,
    besluitcategorie: d.besluitcategorie,
    reactietermijn: d.reactietermijn,
    publicatieIndicatie: d.publicatieIndicatie,
    publicatietekst: d.publicatietekst,
    publicatietermijn: d.publicatietermijn,
    toelichting: d.toelichting,
    informatieobjecttypen: r.informatieobjecttypen.map((id) => urlOf(baseUrl, 'informatieobjecttypen', id)),
    beginGeldigheid: r.begin_geldigheid,
    eindeGeldigheid: r.einde_geldigheid,
    beginObject: r.begin_object,
    eindeObject: r.einde_object,
    concept: r.concept,
    resultaattypen: r.resultaattypen.map((id) => urlOf(baseUrl, 'resultaattypen', id)),
    resultaattypenOmschrijving: r.resultaattypen_omschrijving,
    vastgelegdIn: r.vastgelegd_in,
  };
}

async function loadRow(db: Conn, id: string): Promise<Row> {
  const row = await select(db).where('b.id', '=', pathId(id)).executeTakeFirst();
  if (!row) throw problems.notFound();
  return row;
}

export async function readBesluittype(ctx: CatalogContext, id: string) {
  return besluittypeJson(ctx.baseUrl, await loadRow(ctx.db, id));
}

export async function listBesluittypen(ctx: CatalogContext, q: BesluittypeQuery) {
  const page = q.page ?? 1;
  const datum = dateFilter('datumGeldigheid', q.datumGeldigheid);
  let base = t(ctx.db).selectFrom('catalog_besluittype as b');
  if (q.catalogus !== undefined)
    base = base.where('b.catalogus_id', '=', localId(ctx.baseUrl, q.catalogus, 'catalogussen') ?? '');
  if (q.zaaktypen !== undefined) {
    const id = localId(ctx.baseUrl, q.zaaktypen, 'zaaktypen');
    base =
      base.where(sql<boolean>`exists (select 1 from catalog_zaaktype_besluittype l where l.besluittype_id = b.id
      and l.zaaktype_id::text = ${id ?? ''})`);
  }
  if (q.informatieobjecttypen !== undefined) {
    const id = localId(ctx.baseUrl, q.informatieobjecttypen, 'informatieobjecttypen');
    base =
      base.where(sql<boolean>`exists (select 1 from catalog_besluittype_iot l where l.besluittype_id = b.id
      and l.informatieobjecttype_id::text = ${id ?? ''})`);
  }
  if (q.omschrijving !== undefined) base = base.where('b.omschrijving', '=', q.omschrijving);
  const status = q.status ?? 'definitief';
  if (status !== 'alles') base = base.where('b.concept', '=', status === 'concept');
  if (datum) base = base.where(validOn('b', datum));
  const { count } = await base.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
  checkPage(page, Number(count), PAGE_SIZE);
  const rows = await select(ctx.db)
    .where('b.id', 'in', base.select('b.id'))
    .orderBy('b.created_at', 'desc')
    .orderBy('b.id', 'desc')
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE)
    .execute();
  return { count: Number(count), results: rows.map((r) => besluittypeJson(ctx.baseUrl, r)) };
}

interface Resolved {
  catalogus: { id: string; organisation_id: string };
  zaaktypen?: TypeRef[] | null;
  informatieobjecttypen?: TypeRef[] | null;
}

async function resolveFields(
  trx: Trx,
  ctx: CatalogContext,
  input: BesluittypeInput,
  existing: Row | null,
): Promise<Resolved> {
  const invalid = new Invalid();
  const catalogus =
    input.catalogus !== undefined
      ? await catalogusRef(trx, ctx.baseUrl, input.catalogus, invalid)
      : { id: existing!.catalogus_id, organisation_id: existing!.organisation_id };
  const zaaktypen = input.zaaktypen
    ? await resolveTypes(
        trx,
        ctx.baseUrl,
        input.zaaktypen,
        'zaaktypen',
        'catalog_zaaktype',
        'zaaktypen',
        invalid,
      )
    : undefined;
  const informatieobjecttypen = input.informatieobjecttypen
    ? await resolveTypes(
        trx,
        ctx.baseUrl,
        input.informatieobjecttypen,
        'informatieobjecttypen',
        'catalog_informatieobjecttype',
        'informatieobjecttypen',
        invalid,
      )
    : undefined;
  invalid.throwIfAny();
  return { catalogus: catalogus!, zaaktypen, informatieobjecttypen };
}

async function objectRules(
  trx: Trx,
  caller: Caller,
  input: BesluittypeInput,
  merged: BesluittypeInput,
  r: Resolved,
  existing: Row | null,
  partial: boolean,
) {
  const endsOnly = onlyEndsValidity(input, partial);
  if (existing && !existing.concept) {
    await refuseOverlap(
      trx,
      'catalog_besluittype',
      {
        catalogusId: r.catalogus.id,
        key: merged.omschrijving ?? '',
        begin: merged.beginGeldigheid!,
        einde: merged.eindeGeldigheid ?? null,
        excludeId: existing.id,
      },
      endsOnly ? 'eindeGeldigheid' : 'beginGeldigheid',
    );
  }
  const invalid = new Invalid();
  for (const field of ['informatieobjecttypen', 'zaaktypen'] as const) {
    if (r[field]?.some((x) => x.catalogus_id !== r.catalogus.id))
      invalid.nonField('relations-incorrect-catalogus', catalogTexts.relationsIncorrectCatalogus(field));
  }
  if (!caller.forceWrite && !endsOnly) {
    if (existing && !existing.concept) invalid.nonField('non-concept-object', catalogTexts.nonConceptObject);
    const related = existing ? await publishedRelation(trx, 'catalog_besluittype', existing.id) : null;
    if (related) invalid.nonField('non-concept-relation', catalogTexts.nonConceptRelation(related));
    else {
      const added = (['informatieobjecttypen', 'zaaktypen'] as const).find((f) =>
        r[f]?.some((x) => !x.concept),
      );
      if (added) invalid.nonField('non-concept-relation', catalogTexts.nonConceptRelationNew(added));
    }
  }
  invalid.throwIfAny();
}

async function notifyBesluittype(
  trx: Trx,
  ctx: CatalogContext,
  caller: Caller,
  row: { id: string; organisation_id: string; catalogus_id: string },
  actie: 'create' | 'update' | 'partial_update' | 'destroy' | 'publish',
) {
  const url = urlOf(ctx.baseUrl, 'besluittypen', row.id);
  await notify(trx, caller, row.organisation_id, {
    kanaal: 'besluittypen',
    hoofdObject: url,
    resource: 'besluittype',
    resourceUrl: url,
    actie,
    catalogus: urlOf(ctx.baseUrl, 'catalogussen', row.catalogus_id),
  });
}

async function writeLinks(trx: Trx, organisationId: string, id: string, r: Resolved) {
  if (r.informatieobjecttypen)
    await replaceLinks(
      trx,
      'catalog_besluittype_iot',
      'besluittype_id',
      'informatieobjecttype_id',
      organisationId,
      id,
      r.informatieobjecttypen.map((x) => x.id),
    );
  if (r.zaaktypen) {
    // The relation is the zaaktype's (zaaktype.besluittypen); from this side it is the set of zaaktypen.
    await t(trx).deleteFrom('catalog_zaaktype_besluittype').where('besluittype_id', '=', id).execute();
    if (r.zaaktypen.length)
      await t(trx)
        .insertInto('catalog_zaaktype_besluittype')
        .values(
          [...new Set(r.zaaktypen.map((z) => z.id))].map((zaaktypeId) => ({
            organisation_id: organisationId,
            zaaktype_id: zaaktypeId,
            besluittype_id: id,
            position: 1000,
          })),
        )
        .execute();
  }
}

function dataOf(merged: BesluittypeInput): BesluittypeData {
  const data = {} as Record<string, unknown>;
  for (const key of Object.keys(DATA_DEFAULTS) as (keyof BesluittypeData)[])
    data[key] = merged[key] ?? DATA_DEFAULTS[key];
  return data as BesluittypeData;
}

export async function createBesluittype(
  ctx: CatalogContext,
  caller: Caller,
  input: BesluittypeInput,
  options: { id?: string } = {},
) {
  return inTransaction(ctx.db, async (trx) => {
    await bumpRevision(trx);
    const r = await resolveFields(trx, ctx, input, null);
    requireOwner(caller, r.catalogus.organisation_id, catalogTexts.catalogusOtherOrganisation);
    const merged = { ...DATA_DEFAULTS, ...input };
    await objectRules(trx, caller, input, merged, r, null, false);
    const id = options.id ?? randomUUID();
    await t(trx)
      .insertInto('catalog_besluittype')
      .values({
        id,
        organisation_id: r.catalogus.organisation_id,
        catalogus_id: r.catalogus.id,
        omschrijving: merged.omschrijving ?? '',
        concept: true,
        begin_geldigheid: merged.beginGeldigheid!,
        einde_geldigheid: merged.eindeGeldigheid ?? null,
        data: json(dataOf(merged)),
      })
      .execute();
    await writeLinks(trx, r.catalogus.organisation_id, id, r);
    await notifyBesluittype(
      trx,
      ctx,
      caller,
      { id, organisation_id: r.catalogus.organisation_id, catalogus_id: r.catalogus.id },
      'create',
    );
    return besluittypeJson(ctx.baseUrl, await loadRow(trx, id));
  });
}

export async function updateBesluittype(
  ctx: CatalogContext,
  caller: Caller,
  id: string,
  input: BesluittypeInput,
  partial: boolean,
) {
  return inTransaction(ctx.db, async (trx) => {
    await bumpRevision(trx);
    const existing = await loadRow(trx, id);
    const r = await resolveFields(trx, ctx, input, existing);
    requireOwner(caller, existing.organisation_id);
    const merged: BesluittypeInput = {
      ...DATA_DEFAULTS,
      ...parsed<Partial<BesluittypeData>>(existing.data),
      omschrijving: existing.omschrijving,
      beginGeldigheid: existing.begin_geldigheid,
      eindeGeldigheid: existing.einde_geldigheid,
      ...input,
    };
    await objectRules(trx, caller, input, merged, r, existing, partial);
    await t(trx)
      .updateTable('catalog_besluittype')
      .set({
        catalogus_id: r.catalogus.id,
        omschrijving: merged.omschrijving ?? '',
        begin_geldigheid: merged.beginGeldigheid!,
        einde_geldigheid: merged.eindeGeldigheid ?? null,
        data: json(dataOf(merged)),
      })
      .where('id', '=', existing.id)
      .execute();
    await writeLinks(trx, existing.organisation_id, existing.id, r);
    await notifyBesluittype(
      trx,
      ctx,
      caller,
      { ...existing, catalogus_id: r.catalogus.id },
      partial ? 'partial_update' : 'update',
    );
    return besluittypeJson(ctx.baseUrl, await loadRow(trx, existing.id));
  });
}

export async function deleteBesluittype(ctx: CatalogContext, caller: Caller, id: string) {
  await inTransaction(ctx.db, async (trx) => {
    await bumpRevision(trx);
    const existing = await loadRow(trx, id);
    requireOwner(caller, existing.organisation_id);
    await refuseDelete(trx, caller, 'catalog_besluittype', existing);
    await t(trx).deleteFrom('catalog_besluittype').where('id', '=', existing.id).execute();
    await notifyBesluittype(trx, ctx, caller, existing, 'destroy');
  });
}

export async function publishBesluittype(ctx: CatalogContext, caller: Caller, id: string) {
  return inTransaction(ctx.db, async (trx) => {
    await bumpRevision(trx);
    const existing = await loadRow(trx, id);
    requireOwner(caller, existing.organisation_id);
    await publishVersion(trx, 'catalog_besluittype', existing);
    await notifyBesluittype(trx, ctx, caller, existing, 'publish');
    return besluittypeJson(ctx.baseUrl, await loadRow(trx, existing.id));
  });
}
