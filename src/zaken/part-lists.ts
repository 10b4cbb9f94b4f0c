import { type RawBuilder, sql } from 'kysely';
import { allowedTypes } from '../authz/policy.ts';
import { inTransaction } from '../platform/db/transaction.ts';
import { PAGE_SIZE } from '../zgw/pagination.ts';
import { SCOPES } from './access.ts';
import { bsnsOf, logPersonalData } from './events.ts';
import { type ChildKind, type ChildRow, KINDS } from './kinds.ts';
import { zaakFilterId } from './parts.ts';
import { type ResultaatRow, resultaatJson } from './service-resultaat.ts';
import { type RolRow, rolFilters, rolPage } from './service-rol.ts';
import { type StatusRow, statusPage } from './service-status.ts';
import type { Caller, ZakenContext } from './types.ts';

/**
 * Lists of the parts of zaken (statussen, resultaten, rollen, zaakobjecten, …): only parts of zaken the
 * client may read (organisation, zaaktype, confidentiality), filtered, paged where the spec pages them.
 */

type Table = 'zrc_status' | 'zrc_resultaat' | 'zrc_rol' | 'zrc_zaak_child';

interface PartQuery {
  table: Table;
  conditions: RawBuilder<unknown>[];
  /** Undefined: the whole list (the spec gives a plain array). */
  page?: number;
  order: RawBuilder<unknown>;
}

async function partRows<T>(
  ctx: ZakenContext,
  caller: Caller,
  q: PartQuery,
): Promise<{ count: number; rows: T[] }> {
  const allowed = allowedTypes(caller.auth, 'zrc', [SCOPES.lezen], 'zaaktype');
  if (allowed && allowed.size === 0) return { count: 0, rows: [] };
  const c = [sql`z.organisation_id = ${caller.organisationId}`, ...q.conditions];
  if (allowed)
    c.push(
      sql`(${sql.join(
        [...allowed].map(
          ([type, rank]) => sql`(z.zaaktype = ${type} and z.vertrouwelijkheid_rank <= ${rank})`,
        ),
        sql` or `,
      )})`,
    );
  const from = sql`${sql.table(q.table)} c join zrc_zaak z on z.id = c.zaak_id where ${sql.join(c, sql` and `)}`;
  if (q.page === undefined) {
    const { rows } =
      await sql<T>`select c.*, z.status_id as zaak_status_id from ${from} order by ${q.order}`.execute(
        ctx.db,
      );
    return { count: rows.length, rows };
  }
  const [count, page] = await Promise.all([
    sql<{ n: number }>`select count(*)::int as n from ${from}`.execute(ctx.db),
    sql<T>`select c.*, z.status_id as zaak_status_id from ${from} order by ${q.order}
      offset ${(q.page - 1) * PAGE_SIZE} limit ${PAGE_SIZE}`.execute(ctx.db),
  ]);
  return { count: count.rows[0]?.n ?? 0, rows: page.rows };
}

const text = (q: Record<string, unknown>, k: string) =>
  typeof q[k] === 'string' && q[k] !== '' ? (q[k] as string) : undefined;

function zaakCondition(ctx: ZakenContext, q: Record<string, unknown>): RawBuilder<unknown>[] {
  const id = zaakFilterId(ctx, q.zaak);
  return id ? [sql`c.zaak_id = ${id}`] : [];
}

export async function listStatussen(
  ctx: ZakenContext,
  caller: Caller,
  q: Record<string, unknown>,
  page: number,
) {
  const c = zaakCondition(ctx, q);
  if (text(q, 'statustype')) c.push(sql`c.statustype = ${text(q, 'statustype')}`);
  const laatste = q.indicatieLaatstGezetteStatus;
  if (laatste !== undefined)
    c.push(
      laatste === true || laatste === 'true'
        ? sql`c.id = z.status_id`
        : sql`c.id is distinct from z.status_id`,
    );
  const { count, rows } = await partRows<StatusRow & { zaak_status_id: string | null }>(ctx, caller, {
    table: 'zrc_status',
    conditions: c,
    page,
    order: sql`c.datum_status_gezet, c.created_at, c.id`,
  });
  return { count, results: await statusPage(ctx.db, ctx.baseUrl, rows) };
}

export async function listResultaten(
  ctx: ZakenContext,
  caller: Caller,
  q: Record<string, unknown>,
  page: number,
) {
  const c = zaakCondition(ctx, q);
  if (text(q, 'resultaattype')) c.push(sql`c.resultaattype = ${text(q, 'resultaattype')}`);
  const { count, rows } = await partRows<ResultaatRow>(ctx, caller, {
    table: 'zrc_resultaat',
    conditions: c,
    page,
    order: sql`c.id`,
  });
  return { count, results: rows.map((r) => resultaatJson(ctx.baseUrl, r)) };
}

export async function listRollen(
  ctx: ZakenContext,
  caller: Caller,
  q: Record<string, unknown>,
  page: number,
) {
  const { count, rows } = await partRows<RolRow>(ctx, caller, {
    table: 'zrc_rol',
    conditions: [...zaakCondition(ctx, q), ...rolFilters(q)],
    page,
    order: sql`c.created_at, c.id`,
  });
  const results = await rolPage(ctx.db, ctx.baseUrl, rows);
  await inTransaction(ctx.db, (trx) => logPersonalData(trx, caller, 'read', bsnsOf(results)));
  return { count, results };
}

/** Filters of the simple kinds besides `zaak`: their main reference, and zaakobject's objectType. */
const REF_FILTER: Partial<Record<ChildKind, string>> = {
  zaakobject: 'object',
  zaakinformatieobject: 'informatieobject',
  zaakcontactmoment: 'contactmoment',
  zaakverzoek: 'verzoek',
};

export async function listChildren(
  ctx: ZakenContext,
  caller: Caller,
  kind: ChildKind,
  q: Record<string, unknown>,
  page?: number,
  zaakId?: string,
) {
  const c = [sql`c.kind = ${kind}`, ...(zaakId ? [sql`c.zaak_id = ${zaakId}`] : zaakCondition(ctx, q))];
  const ref = REF_FILTER[kind];
  if (ref && text(q, ref)) c.push(sql`c.ref = ${text(q, ref)}`);
  if (kind === 'zaakobject' && text(q, 'objectType'))
    c.push(sql`c.data->>'objectType' = ${text(q, 'objectType')}`);
  const { count, rows } = await partRows<ChildRow>(ctx, caller, {
    table: 'zrc_zaak_child',
    conditions: c,
    page,
    order: sql`c.created_at, c.id`,
  });
  return { count, results: rows.map((r) => KINDS[kind].json(ctx.baseUrl, r)) };
}
