import { type CompiledQuery, type RawBuilder, sql } from 'kysely';
import { type Db, PREPARED } from '../platform/db/database.ts';
import { deltaSource, type PageShape, pageColumns, pageSelect, type Scope } from './list-shared.ts';

/**
 * Deep pages remembered (README.md, "Lists"). A page past the first two locates its month from the counters,
 * which costs PostgreSQL more than reading the page (page 500 of a client with 10 zaaktypen: 0.98 → 0.54 ms a
 * statement; docs/benchmarks.md). Which zaken a page of a client holds changes only with a change that
 * writes a counter delta in the client's zaaktypen and ranks (a zaak made, deleted, or given another
 * confidentiality): such a delta stays pending until the compactor folds it in, which raises the
 * organisation's counter generation in the same transaction (store.ts, `compactCounts`).
 *
 * So a page read when none of the client's deltas was pending is remembered with the generation it was read
 * at: its count and the ids of its zaken, in order. Asked again, one statement checks that the generation is
 * the same and none of the client's deltas is pending, and reads those zaken by id — current rows, so a
 * changed field shows — or returns no row at all, and the full statement runs (and may be remembered again).
 * Both checks are made in the snapshot the zaken are read in, so the page is exact whatever happened in
 * between. While zaken of the client's zaaktypen are being made, deltas are pending nearly always and the
 * page is not remembered: the full statement runs, and no second statement is tried.
 */
export interface RememberedPage {
  generation: number;
  total: number;
  /** The page's zaak ids in order, comma-separated (one parameter). */
  ids: string;
}

/** From this row on, pages are remembered (the first two pages locate no month: list.ts, `shallowPage`). */
export const REMEMBER_FROM_OFFSET = 200;

/**
 * The column a full statement adds for remembering: the organisation's counter generation when none of the
 * scope's deltas (its CTE `d`, list.ts) is pending, else null (not to be remembered).
 */
export const generationColumn = (org: string) =>
  sql`case when not exists (select from d) then coalesce((select generation from zrc_zaak_count_generation
    where organisation_id = ${org}), 0) end`;

/** Remembered pages per database handle, by the key of the page's statement (list.ts), oldest first. */
const pages = new WeakMap<Db, Map<string, RememberedPage>>();
const PAGES_KEPT = 1_000;

function pagesOf(db: Db): Map<string, RememberedPage> {
  let kept = pages.get(db);
  if (!kept) {
    kept = new Map();
    pages.set(db, kept);
  }
  return kept;
}

export const recall = (db: Db, key: string) => pagesOf(db).get(key);

export const forget = (db: Db, key: string) => pagesOf(db).delete(key);

/**
 * Remembers what a full statement returned, when its rows carry a generation (`generationColumn`); an
 * empty page (past the end) too.
 */
export function remember(
  db: Db,
  key: string,
  read: { total: number; generation: unknown; ids: unknown[] },
): void {
  const kept = pagesOf(db);
  kept.delete(key);
  if (typeof read.generation !== 'number') return;
  if (kept.size >= PAGES_KEPT) kept.delete(kept.keys().next().value as string);
  kept.set(key, { generation: read.generation, total: read.total, ids: read.ids.join(',') });
}

/**
 * The statement of a remembered page, compiled once per organisation, scope and shape (`kept`); its first
 * three parameters are the page's ids, count and generation (CTE `v`), set per call.
 */
export function rememberedStatement(
  db: Db,
  org: string,
  scope: Scope,
  shape: PageShape,
  page: RememberedPage,
): CompiledQuery {
  const key = JSON.stringify([org, scope, shape]);
  let kept = statements.get(db);
  if (!kept) {
    kept = new Map();
    statements.set(db, kept);
  }
  let statement = kept.get(key);
  if (!statement) {
    statement = rememberedSql(org, scope, shape).compile(db);
    if (kept.size >= PAGES_KEPT) kept.delete(kept.keys().next().value as string);
    kept.set(key, statement);
  }
  return {
    ...statement,
    parameters: [page.ids, page.total, page.generation, ...statement.parameters.slice(3)],
  };
}

const statements = new WeakMap<Db, Map<string, CompiledQuery>>();

function rememberedSql(org: string, scope: Scope, shape: PageShape): RawBuilder<unknown> {
  const columns = pageColumns(shape);
  return sql`${PREPARED} with v as (
      select ${''}::text as ids, ${0}::bigint as total, ${0}::bigint as generation
    ), r as (
      select v.total from v
      where coalesce((select generation from zrc_zaak_count_generation where organisation_id = ${org}), 0)
          = v.generation
        and not exists (${deltaSource(org, scope)})
    )
    ${pageSelect(shape, {
      total: sql`r.total`,
      from: sql`r`,
      page: sql`select ${columns} from unnest(string_to_array((select ids from v), ',')::uuid[])
          with ordinality i(id, o) join zrc_zaak z on z.id = i.id
        order by i.o`,
    })}`;
}
