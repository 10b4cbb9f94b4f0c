import { type CompiledQuery, type RawBuilder, sql } from 'kysely';
import { TOP_RANK, vertrouwelijkheidRank } from '../authz/policy.ts';
import { type Db, eachRow, PREPARED } from '../platform/db/database.ts';
import { PerDatabase } from '../platform/db/per-database.ts';
import { PAGE_SIZE } from '../zgw/pagination.ts';
import { filteredPage } from './list-filters.ts';
import {
  countersMark,
  held,
  type RememberedPage,
  recall,
  remember,
  rememberedStatement,
  remembersPage,
} from './list-remember.ts';
import {
  COUNTED_FILTERS,
  deltaSource,
  givenFilters,
  type ListRequest,
  listOf,
  MERGE_AT_MOST,
  onlyTypeAndStart,
  type PageRow,
  type PageShape,
  type Pairs,
  pageColumns,
  pageSelect,
  ROWS,
  rankAtMost,
  type Scope,
  scopeFilter,
} from './list-shared.ts';
import { startYears } from './list-start.ts';
import { existingZaaktypeKeys } from './store.ts';

export type { ListRequest } from './list-shared.ts';

/**
 * The zaken list, counted exactly and paged by number, fast at a million zaken (README.md, "Lists").
 *
 * Without filters other than zaaktype and confidentiality (what a client's autorisaties amount to), the
 * count comes from the counters (per zaaktype × confidentiality × year, summed over the pairs the client
 * may see) and a page is found through the per-year, then per-month counts: only the month(s) the page
 * falls in are scanned, on the list indexes of the client's zaaktypen (`page` is the page's number, not a
 * filter). The first two pages need no month: their scans start at the newest zaak (`shallowPage`); a deeper
 * page, asked again while the client's zaken stay the same, is read by id (list-remember.ts). Any
 * other filter or ordering takes the plain path (list-filters.ts). Either way count and page come from one
 * statement: one snapshot, one round trip. The zaken's parts ride on their rows (doc.ts). (COUNTED_FILTERS:
 * list-shared.ts.)
 */
export interface ListResult {
  count: number;
  /** The page's zaken, whole rows. */
  rows: PageRow[];
}

/** A page of zaken as rows, to build objects from. */
export async function listZaakRows(db: Db, req: ListRequest): Promise<ListResult> {
  const plan = await pagePlan(db, req, ROWS);
  if (!plan) return { count: 0, rows: [] };
  const read = async (statement: CompiledQuery) => (await db.executeQuery(statement)).rows as PageRow[];
  let rows = plan.recalled ? await read(plan.recalled) : [];
  if (plan.key && rows.length > 0) held(db, plan.key);
  if (rows.length === 0) {
    rows = await read(plan.statement);
    if (plan.key)
      remember(
        db,
        plan.key,
        {
          total: Number(rows[0]?.total ?? 0),
          mark: rows[0]?.mark,
          ids: rows.filter((r) => r.id !== null).map((r) => r.id),
        },
        plan.tried,
      );
  }
  return { count: Number(rows[0]?.total ?? 0), rows: rows.filter((r) => r.id !== null) };
}

/** Where the texts of a page go as they arrive: the count first, then each zaak's JSON (`PageWriter`). */
export interface TextSink {
  start(count: number): void;
  add(json: string): void;
}

/**
 * A page of zaken as their JSON texts with `baseUrl` put in (`PageShape`), handed to `sink` one by one as
 * PostgreSQL sends them (`eachRow`): no text outlives its row, which keeps the server's young generation
 * small under load (docs/benchmarks.md). Returns the count and how many zaken the page holds.
 */
export async function listZaakText(
  db: Db,
  req: ListRequest,
  baseUrl: string,
  sink: TextSink,
): Promise<{ count: number; found: number }> {
  const plan = await pagePlan(db, req, { kind: 'text', baseUrl });
  let count = 0;
  let found = 0;
  let started = false;
  // Every row carries the total; a statement returns one row without a text when the page is empty, and a
  // remembered page's none at all when it no longer holds (list-remember.ts). The full statement's rows of a
  // page to be remembered also carry the zaak's id and the counters' mark.
  let mark: unknown = null;
  let ids: unknown[] | null = null;
  const onRow = ([total, text, id, rowMark]: unknown[]) => {
    if (!started) {
      started = true;
      count = Number(total);
      mark = rowMark;
      sink.start(count);
    }
    if (typeof text === 'string') {
      found++;
      sink.add(text);
      ids?.push(id);
    }
  };
  if (plan?.recalled) await eachRow(db, plan.recalled, onRow);
  if (plan?.key && started) held(db, plan.key);
  if (plan && !started) {
    if (plan.key) ids = [];
    await eachRow(db, plan.statement, onRow);
    if (plan.key && ids) remember(db, plan.key, { total: count, mark, ids }, plan.tried);
  }
  if (!started) sink.start(0);
  return { count, found };
}

/**
 * How a page is read: its full statement, and for a deep page of the counted path the key it is remembered
 * by and, when it is, the statement of the remembered page, to try first (list-remember.ts).
 */
interface PagePlan {
  statement: CompiledQuery;
  key?: string;
  recalled?: CompiledQuery;
  /** The remembered page `recalled` reads. */
  tried?: RememberedPage;
}

/** How the page is read, or null when the client may see no zaak at all. */
async function pagePlan(db: Db, req: ListRequest, shape: PageShape): Promise<PagePlan | null> {
  const f = req.filters;
  const given = givenFilters(f);
  const counted = given.every((k) => COUNTED_FILTERS.has(k));
  const scope = await authorisedScope(db, req);
  if (scope === 'none') return null;
  // A range of startdatum open on a side, or of many years, in created_at order: the years that hold zaken
  // (list-start.ts; an ordering takes the plain page).
  const years = counted || f.ordering ? null : await startYears(db, req.organisationId, f);
  const build = () => (counted ? countedPage(req, scope, shape) : filteredPage(db, req, scope, shape, years));
  // A statement follows from these alone; one with a filter on a person (a BSN) is not kept.
  if (!onlyTypeAndStart(given)) return { statement: build().compile(db) };
  const key = JSON.stringify([req.organisationId, scope, req.page, shape, counted ? null : f, years]);
  let statement = compiledPages.of(db).get(key);
  if (!statement) {
    statement = build().compile(db);
    compiledPages.keep(db, key, statement);
  }
  if (!counted || !remembersPage(req.page)) return { statement };
  const tried = recall(db, key);
  return {
    statement,
    key,
    recalled: tried && rememberedStatement(db, req.organisationId, scope, shape, tried),
    tried,
  };
}

/**
 * Compiled page statements of the counted path and of lists filtered on zaaktype and startdatum, per
 * database handle, by what they follow from: building and compiling one cost the server 10–60 µs per page,
 * and the same clients ask for the same pages. A statement kept is also the same object each time, so its
 * prepared name is known without hashing its text (`eachRow`).
 */
const compiledPages = new PerDatabase<CompiledQuery>(500);

async function authorisedScope(db: Db, req: ListRequest): Promise<Scope | 'none'> {
  const f = req.filters;
  const cap =
    typeof f.maximaleVertrouwelijkheidaanduiding === 'string'
      ? vertrouwelijkheidRank(f.maximaleVertrouwelijkheidaanduiding)
      : TOP_RANK;
  const wanted = [...(typeof f.zaaktype === 'string' ? [f.zaaktype] : []), ...(listOf(f.zaaktype__in) ?? [])];
  let urls: Map<string, number> | null = req.allowed;
  if (wanted.length > 0) {
    urls = new Map();
    for (const t of wanted) {
      const rank = req.allowed ? req.allowed.get(t) : TOP_RANK;
      if (rank !== undefined) urls.set(t, rank);
    }
  }
  if (urls === null) return { kind: 'all', cap };
  if (urls.size === 0) return 'none';
  const keys = await existingZaaktypeKeys(db, [...urls.keys()]);
  const pairs: Pairs = [...keys].map(([url, key]) => [key, Math.min(urls.get(url) ?? -1, cap)]);
  const visible = pairs.filter(([, r]) => r >= 0);
  return visible.length === 0 ? 'none' : { kind: 'pairs', pairs: visible };
}

/**
 * Counts per bucket of what the scope sees (counters plus the pending deltas of CTE `d`), as rows (key,
 * bucket, n: key the zaaktype, null on the organisation's totals), for the buckets `within` admits (a
 * condition on a column `bucket`). A bucket is a month (yyyymm) or a whole year (yyyy, below `YEAR_BELOW`);
 * the deltas are kept by month, so `grain` says which the rows are wanted in. A counter counts the zaken at
 * its rank or below, so each zaaktype (or the organisation's total) takes one counter per bucket. The counts
 * are summed as integers (a month of one organisation stays far below 2^31 zaken): `sum` of a bigint
 * computes in numeric (docs/benchmarks.md: 0.36 → 0.20 ms for (b)'s month counts under EXPLAIN).
 */
function bucketSource(
  org: string,
  scope: Scope,
  grain: 'year' | 'month',
  within: (bucket: RawBuilder<unknown>) => RawBuilder<unknown>,
): RawBuilder<unknown> {
  const deltaBucket = grain === 'year' ? sql`bucket / 100` : sql`bucket`;
  const deltas = sql`select key, ${deltaBucket}, n from d where ${within(deltaBucket)}`;
  if (scope.kind === 'all') {
    const cap = Math.min(scope.cap, TOP_RANK);
    return sql`select null::int as key, bucket, n::int as n from zrc_zaak_count_total
        where organisation_id = ${org} and rank = ${cap} and ${within(sql.ref('bucket'))}
      union all ${deltas}`;
  }
  const keys = scope.pairs.map(([k]) => k);
  const ceilings = scope.pairs.map(([, r]) => r);
  return sql`select t.key, c.bucket, c.n::int as n from unnest(${keys}::int[], ${ceilings}::int[]) t(key, ceiling)
      join zrc_zaak_count c on c.organisation_id = ${org} and c.zaaktype_key = t.key and c.rank = t.ceiling
        and ${within(sql.ref('c.bucket'))}
    union all ${deltas}`;
}

/** Buckets below this are whole years (yyyy); from it on, months (yyyymm). */
const YEAR_BELOW = 10_000;

/** `rankAtMost` as a further condition of a scan (list-shared.ts). */
const belowTop = (ceiling: number) => {
  const atMost = rankAtMost(ceiling);
  return atMost ? sql` and ${atMost}` : sql``;
};

/** The first moment of a yyyymm bucket (UTC). */
const monthStart = (bucket: RawBuilder<unknown>) =>
  sql`make_timestamptz((${bucket}) / 100, (${bucket}) % 100, 1, 0, 0, 0, 'UTC')`;

/**
 * Pages that start before this row read their rows straight from the list index; deeper ones the ids from
 * the index alone and then the 100 rows by primary key (README.md, "Lists").
 */
const FETCH_WHILE_SKIP_BELOW = 200;

/**
 * A first page (`offset` below FETCH_WHILE_SKIP_BELOW), which needs no month located: the total from the year
 * counters, the page from scans that start at the newest zaak and stop after `offset + 100` entries. With
 * every zaaktype up to the top rank, one scan of the organisation's list index, which holds no zaak the
 * client may not see. With some zaaktypen, one scan per zaaktype, merged. A zaaktype the client sees only up
 * to some rank may hold many zaken it may not see, which its scan would read past: so such a scan reads no
 * further back than the year the page ends in (by the year counts), and no more rows than the zaaktype holds
 * for the client (a zaaktype whose zaken are all above the client's rank, the usual case when a zaaktype's
 * zaken share its confidentiality, reads none). Locating the month, as a deeper page does, costs more than
 * these first pages read (docs/benchmarks.md).
 */
function shallowPage(req: ListRequest, scope: Scope, shape: PageShape): RawBuilder<unknown> {
  const org = req.organisationId;
  const offset = (req.page - 1) * PAGE_SIZE;
  const end = offset + PAGE_SIZE;
  const columns = pageColumns(shape);
  const pairs = scope.kind === 'pairs' ? scope.pairs : [];
  const bounded = pairs.some(([, ceiling]) => ceiling < TOP_RANK);
  const source =
    scope.kind === 'all'
      ? sql`select ${columns} from zrc_zaak z where organisation_id = ${org}${belowTop(scope.cap)}`
      : sql.join(
          pairs.map(([key, ceiling]) =>
            ceiling < TOP_RANK
              ? sql`(select ${columns} from zrc_zaak z
                where organisation_id = ${org} and created_at >= r.t_from and zaaktype_key = ${key}${belowTop(ceiling)}
                order by created_at desc, id desc
                limit least(${sql.lit(end)}, (select coalesce(sum(n), 0) from kt where kt.key = ${key})))`
              : sql`(select ${columns} from zrc_zaak z where organisation_id = ${org} and zaaktype_key = ${key}
                order by created_at desc, id desc limit ${sql.lit(end)})`,
          ),
          sql` union all `,
        );
  // The year counts by zaaktype (yk), and r: the total and where a bounded scan stops.
  const counts = bucketSource(org, scope, 'year', (bucket) => sql`${bucket} < ${sql.lit(YEAR_BELOW)}`);
  const located = bounded
    ? sql`, kt as (
        select key, sum(n)::int as n from yk group by key
      ), yc as (
        select bucket as year, sum(sum(n)) over (order by bucket desc) as upto from yk group by bucket
      ), r as materialized (
        select (select coalesce(sum(n), 0) from kt)::bigint as total, make_timestamptz(coalesce(
          (select year from yc where upto >= ${end} order by year desc limit 1), (select min(year) from yc)),
          1, 1, 0, 0, 0, 'UTC') as t_from
      )`
    : sql`, r as (select coalesce(sum(n), 0)::bigint as total from yk)`;
  return sql`${PREPARED} with d as (${deltaSource(org, scope)}), yk as (${counts})${located}
    ${pageSelect(shape, {
      total: sql`r.total`,
      from: sql`r`,
      page: sql`select ${columns} from (${source}) z
        order by created_at desc, id desc offset ${sql.lit(offset)} limit ${sql.lit(PAGE_SIZE)}`,
    })}`;
}

/**
 * One statement: the year counts and which years hold rows [offset, offset + 100), their month counts, which
 * months hold those rows and the offset inside the newest of them, then the page's 100 rows from a scan of
 * those months.
 */
function countedPage(req: ListRequest, scope: Scope, shape: PageShape): RawBuilder<unknown> {
  const org = req.organisationId;
  const offset = (req.page - 1) * PAGE_SIZE;
  const end = offset + PAGE_SIZE;
  const merged = scope.kind === 'pairs' && scope.pairs.length <= MERGE_AT_MOST ? scope.pairs : null;
  const remembered = remembersPage(req.page);
  // A client that sees every zaak of the organisation, or a few zaaktypen, scans the newest zaken alone; one
  // with many zaaktypen or a rank below the top filters a scan of all zaaktypen, which only the months bound.
  if (offset < FETCH_WHILE_SKIP_BELOW && (merged || (scope.kind === 'all' && scope.cap >= TOP_RANK)))
    return shallowPage(req, scope, shape);
  const range = sql`organisation_id = ${org} and created_at >= r.t_from and created_at < r.t_to`;
  // A client with some zaaktypen: one scan per zaaktype, in index order, merged (PostgreSQL's Merge Append),
  // so the page reads skip + 100 entries in all and never a zaaktype it may not see. With many zaaktypen,
  // one scan of the months in order, filtered on the organisation's index (which carries zaaktype and rank).
  const filter = merged ? null : scopeFilter(scope);
  const scan = (columns: RawBuilder<unknown>) =>
    merged
      ? sql.join(
          merged.map(
            ([key, ceiling]) => sql`(select ${columns} from zrc_zaak z
              where ${range} and zaaktype_key = ${key}${belowTop(ceiling)}
              order by created_at desc, id desc limit (select skip from r) + ${sql.lit(PAGE_SIZE)})`,
          ),
          sql` union all `,
        )
      : sql`select ${columns} from zrc_zaak z where ${range}${filter ? sql` and ${filter}` : sql``}`;
  const pageOf = (columns: RawBuilder<unknown>) => sql`select ${columns} from (${scan(columns)}) z
    order by created_at desc, id desc offset (select skip from r) limit ${sql.lit(PAGE_SIZE)}`;
  // The first pages (fewer rows to skip than FETCH_WHILE_SKIP_BELOW) take their rows straight from the list
  // index; deeper ones the ids from the index alone, then only the page's rows. The choice is made here, not
  // in the statement: a branch that never runs still costs PostgreSQL the start-up of its index scans.
  const columns = pageColumns(shape);
  const page =
    offset < FETCH_WHILE_SKIP_BELOW
      ? pageOf(columns)
      : sql`select ${columns} from (${pageOf(sql`id, created_at`)}) i join zrc_zaak z on z.id = i.id
        order by i.created_at desc, i.id desc`;
  // The year counts say which years the page falls in; only their months are read (with five years of
  // zaken, 10 zaaktypen: 50 + 120 or 240 counters instead of 610).
  const years = bucketSource(org, scope, 'year', (bucket) => sql`${bucket} < ${sql.lit(YEAR_BELOW)}`);
  const months = bucketSource(
    org,
    scope,
    'month',
    (bucket) =>
      sql`${bucket} >= (select year from ly) * 100 and ${bucket} < ((select year from fy) + 1) * 100`,
  );
  return sql`${PREPARED} with d as (${deltaSource(org, scope)}), y as (
      select bucket as year, sum(n)::int as n from (${years}) x group by bucket having sum(n) > 0
    ), yc as (
      select year, n, sum(n) over (order by year desc) as upto from y
    ), fy as (
      select year, upto - n as before from yc where upto > ${offset} order by year desc limit 1
    ), ly as (
      select coalesce((select year from yc where upto >= ${end} order by year desc limit 1),
        (select min(year) from yc)) as year
    ), b as (
      select bucket, sum(n)::int as n from (${months}) x group by bucket having sum(n) > 0
    ), c as (
      select bucket, n, (select before from fy) + sum(n) over (order by bucket desc) as upto from b
    ), f as (
      select bucket, ${offset} - (upto - n) as skip from c where upto > ${offset} order by bucket desc limit 1
    ), l as (
      select coalesce((select bucket from c where upto >= ${end} order by bucket desc limit 1),
        (select min(bucket) from c)) as bucket
    ), r as (
      select (select coalesce(sum(n), 0) from y)::bigint as total, f.skip,
        ${monthStart(sql`l.bucket`)} as t_from, ${monthStart(sql`f.bucket`)} + interval '1 month' as t_to
        ${remembered ? sql`, ${countersMark(org, sql`d`)} as mark` : sql``}
      from l left join f on true
    )
    ${pageSelect(shape, {
      total: sql`r.total`,
      from: sql`r`,
      page,
      mark: remembered ? sql`r.mark` : undefined,
    })}`;
}
