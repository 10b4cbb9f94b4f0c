import { type CompiledQuery, type RawBuilder, sql } from 'kysely';
import { type Db, PREPARED } from '../platform/db/database.ts';
import { PerDatabase } from '../platform/db/per-database.ts';
import { PAGE_SIZE } from '../zgw/pagination.ts';
import { deltaSource, type PageShape, pageColumns, pageSelect, type Scope } from './list-shared.ts';

/**
 * Deep pages remembered (README.md, "Lists"). A page past the first two locates its month from the
 * counters, which costs PostgreSQL more than reading the page (page 500 of a client with 10 zaaktypen:
 * 0.88–0.98 → 0.46–0.50 ms of its CPU per statement; docs/benchmarks.md). Which zaken a page of a client
 * holds changes only with a change that writes a counter delta in the client's zaaktypen and ranks (a zaak
 * made, deleted, or given another confidentiality). Deltas are only added, until the compactor folds them in
 * and raises the organisation's counter generation in the same transaction (store.ts, `compactCounts`; so
 * does `rebuildCounts`). So while the generation is the same, the same number of the client's deltas pending
 * means no change of the client's zaken: the two are the page's mark (`countersMark`).
 *
 * A page is remembered with the mark it was read at: its count and the ids of its zaken, in order. Asked
 * again, one statement checks the mark and reads those zaken by id — current rows, so a changed field shows
 * — or returns no row at all, and the full statement runs (and is remembered in its place). The mark is
 * checked in the snapshot the zaken are read in, so the page is exact whatever happened in between. A change
 * costs a page a failed try and a full read after it, and again after the compaction that folds it in.
 */
export interface RememberedPage {
  mark: string;
  total: number;
  /** The page's zaak ids in order, comma-separated (one parameter). */
  ids: string;
  /** Tries that found the page changed, less one per try that found it held (`held`). */
  misses: number;
  /** When (ms since the epoch) to try it again (`remember`). */
  tryAfter: number;
}

/**
 * Whether the counted path's page `page` is remembered: from the third on (the first two locate no month:
 * list.ts, `shallowPage`).
 */
export const remembersPage = (page: number) => (page - 1) * PAGE_SIZE >= 200;

/**
 * The state of the counters a scope reads, as one text: the organisation's counter generation and how many
 * of the scope's deltas are pending (`deltas`, a relation of them: CTE `d` of a page statement).
 */
export const countersMark = (org: string, deltas: RawBuilder<unknown>) =>
  sql<string>`coalesce((select generation from zrc_zaak_count_generation where organisation_id = ${org}), 0)
    || ':' || (select count(*) from ${deltas})`;

/** Remembered pages per database handle, by the key of the page's statement (list.ts). */
const pages = new PerDatabase<RememberedPage>(1_000);

/** The page remembered under `key`, unless it is not to be tried yet (`remember`). */
export function recall(db: Db, key: string): RememberedPage | undefined {
  const page = pages.of(db).get(key);
  return page && page.tryAfter <= Date.now() ? page : undefined;
}

/**
 * The remembered page held: one miss fewer counts against it. (Cleared at once, a page whose zaken change a
 * hundred times a second went back to tries every 10 ms after each lucky hit, and cost more than reading it
 * in full: docs/benchmarks.md.)
 */
export function held(db: Db, key: string): void {
  const page = pages.of(db).get(key);
  if (page && page.misses > 0) page.misses--;
}

/**
 * Remembers what a full statement returned with its mark (`countersMark`); an empty page (past the end) too.
 * `tried`: the remembered page that was tried first and no longer held. A page that keeps changing (zaken of
 * the client made many times a second) would cost a failed try before most reads: after a miss it is not
 * tried for 10 ms, twice as long for each miss more than hits (`held`), at most a second, and read in full
 * meanwhile. Reads that found the same page changed at once count as one miss.
 */
export function remember(
  db: Db,
  key: string,
  read: { total: number; mark: unknown; ids: unknown[] },
  tried: RememberedPage | undefined,
): void {
  const before = pages.of(db).get(key);
  if (tried && before !== tried) return;
  if (typeof read.mark !== 'string') {
    pages.of(db).delete(key);
    return;
  }
  const misses = (before?.misses ?? 0) + (tried ? 1 : 0);
  const tryAfter = tried ? Date.now() + Math.min(1000, 10 * 2 ** (misses - 1)) : (before?.tryAfter ?? 0);
  pages.keep(db, key, { mark: read.mark, total: read.total, ids: read.ids.join(','), misses, tryAfter });
}

/**
 * The statement of a remembered page, compiled once per organisation, scope and shape (`kept`); its first
 * three parameters are the page's ids, count and mark (CTE `v`), set per call.
 */
export function rememberedStatement(
  db: Db,
  org: string,
  scope: Scope,
  shape: PageShape,
  page: RememberedPage,
): CompiledQuery {
  const key = JSON.stringify([org, scope, shape]);
  let statement = statements.of(db).get(key);
  if (!statement) {
    statement = rememberedSql(org, scope, shape).compile(db);
    statements.keep(db, key, statement);
  }
  return {
    ...statement,
    parameters: [page.ids, page.total, page.mark, ...statement.parameters.slice(3)],
  };
}

const statements = new PerDatabase<CompiledQuery>(1_000);

function rememberedSql(org: string, scope: Scope, shape: PageShape): RawBuilder<unknown> {
  const columns = pageColumns(shape);
  return sql`${PREPARED} with v as (
      select ${''}::text as ids, ${0}::bigint as total, ${''}::text as mark
    ), r as (
      select v.total from v where ${countersMark(org, sql`(${deltaSource(org, scope)}) d`)} = v.mark
    )
    ${pageSelect(shape, {
      total: sql`r.total`,
      from: sql`r`,
      page: sql`select ${columns} from unnest(string_to_array((select ids from v), ',')::uuid[])
          with ordinality i(id, o) join zrc_zaak z on z.id = i.id
        order by i.o`,
    })}`;
}
