import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { isUniqueViolation } from '../platform/db/errors.ts';
import { inTransaction, type Trx } from '../platform/db/transaction.ts';
import { type InvalidParam, problems } from '../platform/http/problem.ts';
import { PAGE_SIZE } from '../zgw/pagination.ts';
import { bumpRevision, t } from './repository.ts';
import { type CatalogContext, dateFilter, type StatusFilter } from './service.ts';
import {
  type Caller,
  type CatalogiResource,
  type Conn,
  checkPage,
  Invalid,
  localId,
  nonField,
  notify,
  pathId,
  refError,
  requireOwner,
  uniqueProblem,
  urlOf,
} from './support.ts';
import { catalogTexts } from './texts.nl.ts';
import { validOn } from './versions.ts';

/** The zaaktype a child type (statustype, resultaattype, …) belongs to, as its rules need it. */
export interface ZaaktypeRef {
  id: string;
  organisation_id: string;
  catalogus_id: string;
  concept: boolean;
  identificatie: string;
}

export async function zaaktypeRef(db: Conn, id: string): Promise<ZaaktypeRef | undefined> {
  return t(db)
    .selectFrom('catalog_zaaktype')
    .select(['id', 'organisation_id', 'catalogus_id', 'concept', 'identificatie'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The zaaktype a request body names; a field error when it does not resolve. */
export async function zaaktypeField(
  db: Conn,
  baseUrl: string,
  url: string,
  invalid: Invalid,
  name = 'zaaktype',
) {
  const id = localId(baseUrl, url, 'zaaktypen');
  const ref = id ? await zaaktypeRef(db, id) : undefined;
  if (!ref) refError(invalid, name, id);
  return ref ?? null;
}

export type ChildTable =
  | 'catalog_statustype'
  | 'catalog_resultaattype'
  | 'catalog_roltype'
  | 'catalog_eigenschap'
  | 'catalog_ziot'
  | 'catalog_zaakobjecttype';

export interface ChildRow {
  id: string;
  organisation_id: string;
  zaaktype_id: string;
}

export interface ChildQuery {
  zaaktype?: string;
  zaaktypeIdentificatie?: string;
  status?: StatusFilter;
  datumGeldigheid?: string;
  page?: number;
}

/** What one kind of child type adds to the shared flow: its reads, its own checks and its writes. */
export interface ChildSpec<
  I extends { zaaktype?: string },
  R extends ChildRow,
  P = undefined,
  X = undefined,
> {
  resource: CatalogiResource;
  /** The `resource` of its notifications. */
  notification: string;
  table: ChildTable;
  /** Columns of the unique key besides the zaaktype, for the `unique` error. */
  unique?: string;
  load(db: Conn, ids: string[]): Promise<R[]>;
  json(baseUrl: string, row: R): object;
  /** Lookups outside Loket (the selectielijst), done before the transaction; failures are field errors. */
  prepare?(ctx: CatalogContext, input: I, invalid: Invalid): Promise<P>;
  /** This API's own references in the body, resolved in the transaction; failures are field errors. */
  resolve?(
    trx: Trx,
    ctx: CatalogContext,
    input: I,
    zaaktype: ZaaktypeRef,
    existing: R | null,
    invalid: Invalid,
  ): Promise<X>;
  /**
   * Object rules of this kind, before the shared concept rule. Errors pushed to `errors` are reported
   * together with it; a thrown Problem is reported alone.
   */
  rules?(
    trx: Trx,
    c: {
      ctx: CatalogContext;
      caller: Caller;
      input: I;
      zaaktype: ZaaktypeRef;
      existing: R | null;
      partial: boolean;
      prepared: P;
      resolved: X;
    },
    errors: InvalidParam[],
  ): Promise<void>;
  write(
    trx: Trx,
    c: {
      ctx: CatalogContext;
      id: string;
      input: I;
      zaaktype: ZaaktypeRef;
      existing: R | null;
      prepared: P;
      resolved: X;
    },
  ): Promise<void>;
  /** Extra list filters of this kind, on alias `x` (the child) and `z` (its zaaktype). */
  filter?(q: Record<string, unknown>, ctx: CatalogContext): ReturnType<typeof sql<boolean>>[];
  /** List order (default: newest first). */
  orderBy?: 'volgnummer';
  /** false: the kind has its own concept rule (zaaktype-informatieobjecttypen), in `rules`. */
  conceptRule?: false;
  /** The list has no `status` filter (all, concept or not). */
  noStatusFilter?: true;
  /** `datumGeldigheid` filters on the child's own validity instead of its zaaktype's. */
  ownValidity?: true;
}

// biome-ignore lint/suspicious/noExplicitAny: the engine works on any of the child tables by name
type Loose = Kysely<any>;

export function childService<I extends { zaaktype?: string }, R extends ChildRow, P, X>(
  spec: ChildSpec<I, R, P, X>,
) {
  const loadOne = async (db: Conn, id: string): Promise<R> => {
    const [row] = await spec.load(db, [pathId(id)]);
    if (!row) throw problems.notFound();
    return row;
  };

  async function notifyChild(
    trx: Trx,
    ctx: CatalogContext,
    caller: Caller,
    id: string,
    z: ZaaktypeRef,
    actie: 'create' | 'update' | 'partial_update' | 'destroy',
  ) {
    await notify(trx, caller, z.organisation_id, {
      kanaal: 'zaaktypen',
      hoofdObject: urlOf(ctx.baseUrl, 'zaaktypen', z.id),
      resource: spec.notification,
      resourceUrl: urlOf(ctx.baseUrl, spec.resource, id),
      actie,
      catalogus: urlOf(ctx.baseUrl, 'catalogussen', z.catalogus_id),
    });
  }

  /** Children of a published zaaktype are frozen with it, unless the caller may force (geforceerd-schrijven). */
  function conceptRule(
    caller: Caller,
    existingZaaktype: ZaaktypeRef | null,
    zaaktype: ZaaktypeRef,
    errors: InvalidParam[],
  ) {
    if (caller.forceWrite) return;
    if (existingZaaktype && !existingZaaktype.concept)
      errors.push({
        name: 'nonFieldErrors',
        code: 'non-concept-zaaktype',
        reason: catalogTexts.nonConceptZaaktype,
      });
    else if (!zaaktype.concept)
      errors.push({
        name: 'nonFieldErrors',
        code: 'non-concept-zaaktype',
        reason: catalogTexts.nonConceptZaaktypeRelation,
      });
  }

  async function save(
    ctx: CatalogContext,
    caller: Caller,
    input: I,
    existingId: string | null,
    partial: boolean,
  ) {
    const invalid = new Invalid();
    const prepared = (await spec.prepare?.(ctx, input, invalid)) as P;
    try {
      return await inTransaction(ctx.db, async (trx) => {
        await bumpRevision(trx);
        const existing = existingId ? await loadOne(trx, existingId) : null;
        const existingZaaktype = existing ? ((await zaaktypeRef(trx, existing.zaaktype_id)) ?? null) : null;
        const zaaktype =
          input.zaaktype !== undefined
            ? await zaaktypeField(trx, ctx.baseUrl, input.zaaktype, invalid)
            : existingZaaktype;
        const resolved = zaaktype
          ? ((await spec.resolve?.(trx, ctx, input, zaaktype, existing, invalid)) as X)
          : (undefined as X);
        invalid.throwIfAny();
        if (existing) requireOwner(caller, existing.organisation_id);
        requireOwner(caller, zaaktype!.organisation_id, catalogTexts.catalogusOtherOrganisation);
        const errors: InvalidParam[] = [];
        const c = { ctx, caller, input, zaaktype: zaaktype!, existing, partial, prepared, resolved };
        await spec.rules?.(trx, c, errors);
        if (spec.conceptRule !== false) conceptRule(caller, existingZaaktype, zaaktype!, errors);
        if (errors.length) throw problems.validation(errors);
        const id = existing?.id ?? randomUUID();
        await spec.write(trx, { ...c, id });
        if (existingZaaktype && existingZaaktype.id !== zaaktype!.id)
          await notifyChild(trx, ctx, caller, id, existingZaaktype, partial ? 'partial_update' : 'update');
        await notifyChild(
          trx,
          ctx,
          caller,
          id,
          zaaktype!,
          existing ? (partial ? 'partial_update' : 'update') : 'create',
        );
        return spec.json(ctx.baseUrl, await loadOne(trx, id));
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw uniqueProblem(`zaaktype, ${spec.unique ?? 'volgnummer'}`);
      throw err;
    }
  }

  return {
    spec,
    async list(ctx: CatalogContext, q: ChildQuery & Record<string, unknown>) {
      const page = q.page ?? 1;
      // The published spec spells two resultaattypen filters in snake_case; both spellings are accepted.
      const datum = dateFilter(
        'datumGeldigheid',
        q.datumGeldigheid ?? (q.datum_geldigheid as string | undefined),
      );
      const identificatie = q.zaaktypeIdentificatie ?? (q.zaaktype_identificatie as string | undefined);
      const conditions = [sql<boolean>`true`];
      if (q.zaaktype !== undefined)
        conditions.push(
          sql<boolean>`x.zaaktype_id::text = ${localId(ctx.baseUrl, q.zaaktype, 'zaaktypen') ?? ''}`,
        );
      if (identificatie !== undefined) conditions.push(sql<boolean>`z.identificatie = ${identificatie}`);
      const status = spec.noStatusFilter ? 'alles' : (q.status ?? 'definitief');
      if (status !== 'alles') {
        const concept = status === 'concept';
        conditions.push(
          spec.table === 'catalog_ziot'
            ? concept
              ? sql<boolean>`(z.concept or exists (select 1 from catalog_informatieobjecttype i where i.id = x.informatieobjecttype_id and i.concept))`
              : sql<boolean>`(not z.concept and not exists (select 1 from catalog_informatieobjecttype i where i.id = x.informatieobjecttype_id and i.concept))`
            : sql<boolean>`z.concept = ${concept}`,
        );
      }
      if (datum) conditions.push(validOn(spec.ownValidity ? 'x' : 'z', datum));
      conditions.push(...(spec.filter?.(q, ctx) ?? []));
      const where = sql.join(conditions, sql` and `);
      const from = sql`${sql.table(spec.table)} x join catalog_zaaktype z on z.id = x.zaaktype_id`;
      const db = ctx.db as Loose;
      const counted = await sql<{
        count: number;
      }>`select count(*)::int as count from ${from} where ${where}`.execute(db);
      const count = Number(counted.rows[0]?.count ?? 0);
      checkPage(page, count, PAGE_SIZE);
      const order =
        spec.orderBy === 'volgnummer'
          ? sql`z.created_at desc, x.zaaktype_id, x.volgnummer`
          : sql`x.created_at desc, x.id desc`;
      const ids = await sql<{ id: string }>`select x.id from ${from} where ${where} order by ${order}
        limit ${PAGE_SIZE} offset ${(page - 1) * PAGE_SIZE}`.execute(db);
      const rows = await spec.load(
        ctx.db,
        ids.rows.map((r) => r.id),
      );
      const byId = new Map(rows.map((r) => [r.id, r]));
      return { count, results: ids.rows.map((r) => spec.json(ctx.baseUrl, byId.get(r.id)!)) };
    },
    async read(ctx: CatalogContext, id: string) {
      return spec.json(ctx.baseUrl, await loadOne(ctx.db, id));
    },
    create: (ctx: CatalogContext, caller: Caller, input: I) => save(ctx, caller, input, null, false),
    update: (ctx: CatalogContext, caller: Caller, id: string, input: I, partial: boolean) =>
      save(ctx, caller, input, pathId(id), partial),
    async remove(ctx: CatalogContext, caller: Caller, id: string) {
      await inTransaction(ctx.db, async (trx) => {
        await bumpRevision(trx);
        const existing = await loadOne(trx, id);
        requireOwner(caller, existing.organisation_id);
        const zaaktype = (await zaaktypeRef(trx, existing.zaaktype_id))!;
        await deleteRule(trx, caller, existing, zaaktype);
        await (trx as Loose).deleteFrom(spec.table).where('id', '=', existing.id).execute();
        await notifyChild(trx, ctx, caller, existing.id, zaaktype, 'destroy');
      });
    },
  };

  async function deleteRule(trx: Trx, caller: Caller, existing: R, zaaktype: ZaaktypeRef) {
    if (caller.forceDelete || zaaktype.concept) return;
    if (spec.table === 'catalog_ziot') {
      const iot = await t(trx)
        .selectFrom('catalog_informatieobjecttype')
        .select('concept')
        .where(
          'id',
          '=',
          (existing as unknown as { informatieobjecttype_id: string }).informatieobjecttype_id,
        )
        .executeTakeFirst();
      if (iot?.concept) return;
      throw nonField('non-concept-relation', catalogTexts.nonConceptBoth);
    }
    throw nonField('non-concept-zaaktype', catalogTexts.nonConceptZaaktype);
  }
}

/** Parts of the JSON every child type shares: its zaaktype, that zaaktype's catalogus and identificatie. */
export function childBase(
  baseUrl: string,
  r: { zaaktype_id: string; z_catalogus_id: string; z_identificatie: string },
) {
  return {
    zaaktype: urlOf(baseUrl, 'zaaktypen', r.zaaktype_id),
    zaaktypeIdentificatie: r.z_identificatie,
    catalogus: urlOf(baseUrl, 'catalogussen', r.z_catalogus_id),
  };
}

/** Whether another child of the zaaktype already has this value in its unique column. */
export async function taken(
  db: Conn,
  table: 'catalog_statustype' | 'catalog_resultaattype' | 'catalog_eigenschap' | 'catalog_ziot',
  zaaktypeId: string,
  column: 'volgnummer' | 'omschrijving' | 'naam',
  value: string | number,
  exceptId?: string,
): Promise<boolean> {
  let q = (db as Loose)
    .selectFrom(table)
    .select('id')
    .where('zaaktype_id', '=', zaaktypeId)
    .where(column, '=', value);
  if (exceptId) q = q.where('id', '<>', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

/** The zaaktype columns a child's read joins in. */
export const zaaktypeColumns = [
  'z.catalogus_id as z_catalogus_id',
  'z.identificatie as z_identificatie',
] as const;
