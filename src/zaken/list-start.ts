import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';
import { TOP_RANK } from '../authz/policy.ts';
import {
  type Eb,
  givenFilters,
  MERGE_AT_MOST,
  onlyTypeAndStart,
  type Scope,
  START_FILTERS,
  scopeConditions,
} from './list-shared.ts';
import { type Conn, startMonthOf } from './store.ts';

/**
 * A list filtered on a range of startdatum (list (a): one zaaktype and a year): its page from a scan per
 * zaaktype and year of startdatum (or, with every zaaktype or many, per year of the organisation's zaken),
 * its count from the counters by month of startdatum (README.md, "Lists"). The filtered path
 * (list-filters.ts) asks.
 */

/** The year of startdatum, written as the indexes zrc_zaak_type_start_year and zrc_zaak_start_year hold it. */
export const START_YEAR = sql<number>`extract(year from startdatum)::int`;

/** A range of startdatum, both ends included (yyyy-mm-dd); a side without a bound is open. */
interface Range {
  from?: string;
  to?: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const addDays = (day: string, n: number) => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};
/** A real day (not 2024-02-30, which JavaScript would take as 1 March and PostgreSQL refuses). */
const isDay = (v: unknown): v is string =>
  typeof v === 'string' && DATE.test(v) && !Number.isNaN(Date.parse(v)) && addDays(v, 0) === v;

/** The range the filters ask, or null when they ask none (or a bound is no day: the plain path says so). */
function rangeOf(f: Record<string, unknown>): Range | null {
  const bound = (k: string, shift: number) => {
    const v = f[k];
    if (v === undefined || v === null || v === '') return undefined;
    return isDay(v) ? addDays(v, shift) : null;
  };
  const lower = [bound('startdatum', 0), bound('startdatum__gte', 0), bound('startdatum__gt', 1)];
  const upper = [bound('startdatum', 0), bound('startdatum__lte', 0), bound('startdatum__lt', -1)];
  if ([...lower, ...upper].includes(null)) return null;
  const from = lower.filter((d) => typeof d === 'string').sort();
  const to = upper.filter((d) => typeof d === 'string').sort();
  if (from.length === 0 && to.length === 0) return null;
  return { from: from[from.length - 1], to: to[0] };
}

/**
 * For a range of startdatum open on a side ("started since 1 March", or "since 1900" meant as "all") or
 * spanning more years than a page merges, the years of startdatum that hold the organisation's zaken, in
 * order, from its counters by month (one index descent per year) and pending deltas: a page scans each of
 * those in the range (`yearBranches`). Null for any other list, without a query.
 */
export async function startYears(
  db: Conn,
  organisationId: string,
  f: Record<string, unknown>,
): Promise<number[] | null> {
  const range = rangeOf(f);
  if (!range) return null;
  const { from, to } = range;
  if (from !== undefined && to !== undefined && yearOf(to) - yearOf(from) < MERGE_AT_MOST) return null;
  const { rows } = await sql<{ year: number }>`with recursive y(year) as (
      (select month / 100 from zrc_zaak_start_total where organisation_id = ${organisationId}
        order by month limit 1)
      union all
      select (select c.month / 100 from zrc_zaak_start_total c
          where c.organisation_id = ${organisationId} and c.month >= (y.year + 1) * 100 order by c.month limit 1)
        from y where y.year is not null
    )
    select year from y where year is not null
    union select start_month / 100 from zrc_zaak_count_delta
      where organisation_id = ${organisationId} and start_month is not null
    order by year`.execute(db);
  return rows.map((r) => Number(r.year));
}

const yearOf = (day: string) => Number(day.slice(0, 4));

/**
 * One scan of a page: the zaken whose year of startdatum is from `first` to `last` (a side undefined: open),
 * and the filters it needs; for a zaaktype up to a rank (`key`, `rank`), or (`key` undefined) for every
 * zaaktype the client may see, filtered inside the index. A scan of one year reads its index in order.
 */
export interface YearBranch {
  key?: number;
  rank: number;
  first?: number;
  last?: number;
  filters: Record<string, unknown>;
}

/**
 * The scans that together hold exactly the zaken of a range of startdatum; or null, when the range is empty,
 * or the scans would be more than MERGE_AT_MOST. Each year of a zaaktype is a run of an index in created_at
 * order (migrations.ts, `zaak_type_start_year`): one scan per zaaktype and year when those are at most
 * MERGE_AT_MOST, else (every zaaktype, or many) one scan per year of the organisation's index by year
 * (`zaak_start_year`), filtered on zaaktype and rank inside the index. A year the range covers whole drops
 * the range from its scan: the year says it all, and a prepared statement's generic plan, which cannot know
 * how much of the year a range holds, still takes the index. With `years` (`startYears`: a range open on a
 * side, or of many years) only the years that hold zaken have a scan of their own; one more scan takes each
 * run of years between them and beyond them: those hold no zaak, or only the few made since `years` was
 * read, which that scan sorts.
 */
export function yearBranches(
  scope: Scope,
  f: Record<string, unknown>,
  years: number[] | null,
): YearBranch[] | null {
  const range = rangeOf(f);
  if (!range) return null;
  const { from, to } = range;
  if (from !== undefined && to !== undefined && from > to) return null;
  const lo = from === undefined ? undefined : yearOf(from);
  const hi = to === undefined ? undefined : yearOf(to);
  let held: number[];
  if (years) held = years.filter((y) => (lo === undefined || y >= lo) && (hi === undefined || y <= hi));
  else if (lo !== undefined && hi !== undefined) held = Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
  else return null;
  const rest = Object.fromEntries(Object.entries(f).filter(([k]) => !START_FILTERS.includes(k)));
  const spans: Omit<YearBranch, 'key' | 'rank'>[] = [];
  // Years as yyyy, as the range's days have them (a placeholder startdatum may be in year 1).
  const yyyy = (year: number) => String(year).padStart(4, '0');
  const add = (first: number | undefined, last: number | undefined) => {
    if (first !== undefined && last !== undefined && first > last) return;
    const whole =
      (from === undefined || (first !== undefined && from <= `${yyyy(first)}-01-01`)) &&
      (to === undefined || (last !== undefined && to >= `${yyyy(last)}-12-31`));
    spans.push({ first, last, filters: whole ? rest : f });
  };
  // The years between those that hold zaken, and before and after them, in runs.
  let next = lo;
  for (const year of held) {
    if (next === undefined || next < year) add(next, year - 1);
    add(year, year);
    next = year + 1;
  }
  if (next === undefined || hi === undefined || next <= hi) add(next, hi);
  if (spans.length > MERGE_AT_MOST) return null;
  if (scope.kind === 'all' || spans.length * scope.pairs.length > MERGE_AT_MOST)
    return spans.map((s) => ({ key: undefined, rank: TOP_RANK, ...s }));
  return scope.pairs.flatMap(([key, rank]) => spans.map((s) => ({ key, rank, ...s })));
}

/**
 * The exact count of a range of startdatum from the counters by month of startdatum (with the pending
 * deltas) for its whole months (every month on a side left open), and from the index for the days before
 * and after them; or null, when other filters than zaaktype, confidentiality and startdatum are given, or
 * the range holds no whole month (the index count is as cheap then).
 */
export function startCount(
  db: Conn,
  organisationId: string,
  scope: Scope,
  f: Record<string, unknown>,
): RawBuilder<unknown> | null {
  const range = rangeOf(f);
  const given = givenFilters(f);
  if (!range || !onlyTypeAndStart(given)) return null;
  const { from, to } = range;
  const firstOfMonth = (day: string) => `${day.slice(0, 8)}01`;
  const wholeFrom =
    from === undefined || from.endsWith('-01') ? from : firstOfMonth(addDays(firstOfMonth(from), 31));
  const afterTo = to === undefined ? undefined : addDays(to, 1);
  // The last whole month ends the day before the first of the month after `to`, or before `to`'s.
  const wholeTo =
    to === undefined || afterTo === undefined
      ? undefined
      : addDays(afterTo.endsWith('-01') ? afterTo : firstOfMonth(to), -1);
  if (wholeFrom !== undefined && wholeTo !== undefined && wholeFrom > wholeTo) return null;
  const months = {
    from: wholeFrom === undefined ? undefined : startMonthOf(wholeFrom),
    to: wholeTo === undefined ? undefined : startMonthOf(wholeTo),
  };
  const base = db.selectFrom('zrc_zaak').where('organisation_id', '=', organisationId);
  const days = (dayFrom: string, dayTo: string) =>
    base
      .where((eb: Eb) => {
        const c: Expression<SqlBool>[] = scopeConditions(eb, scope);
        c.push(eb('startdatum', '>=', dayFrom), eb('startdatum', '<=', dayTo));
        // With every zaaktype, the zaaktypen that have zaken in those months (from their counters and the
        // pending deltas): the index by zaaktype and startdatum then reads only those days.
        if (scope.kind === 'all')
          c.push(sql<SqlBool>`zaaktype_key = any(${typesStarted(organisationId, dayFrom, dayTo)})`);
        return eb.and(c);
      })
      .select(sql<number>`count(*)`.as('n'));
  const edges = [
    ...(from !== undefined && wholeFrom !== undefined && from < wholeFrom
      ? [sql` + (${days(from, addDays(wholeFrom, -1))})`]
      : []),
    ...(to !== undefined && wholeTo !== undefined && to > wholeTo
      ? [sql` + (${days(addDays(wholeTo, 1), to)})`]
      : []),
  ];
  return sql`(select coalesce(sum(n), 0) from (${monthCounts(organisationId, scope, months)}) x)${sql.join(edges, sql``)}`;
}

/** Months of startdatum (yyyymm), both included; a side without a bound is open. */
interface Months {
  from?: number;
  to?: number;
}

/**
 * The counts of the months of startdatum the scope sees, as rows (n): counters (with every zaaktype, those
 * summed over the zaaktypen), then pending deltas. A counter counts one rank (not every rank below too, as
 * the registration counters do): a compaction then writes one counter per delta, not eight.
 */
function monthCounts(org: string, scope: Scope, months: Months): RawBuilder<unknown> {
  const within = (column: RawBuilder<unknown>) =>
    sql.join(
      [
        ...(months.from === undefined ? [] : [sql` and ${column} >= ${months.from}`]),
        ...(months.to === undefined ? [] : [sql` and ${column} <= ${months.to}`]),
      ],
      sql``,
    );
  if (scope.kind === 'all') {
    const cap = scope.cap < TOP_RANK ? sql` and rank <= ${sql.lit(scope.cap)}` : sql``;
    return sql`select sum(n)::int as n from zrc_zaak_start_total
        where organisation_id = ${org}${within(sql.ref('month'))}${cap}
      union all
      select n from zrc_zaak_count_delta
        where organisation_id = ${org}${within(sql.ref('start_month'))}${cap}`;
  }
  // Per pair the counters of its months up to its rank (lateral: a generic plan that joined the other way
  // round read every counter of the months, 5 ms for list (a)).
  const keys = scope.pairs.map(([k]) => k);
  const ceilings = scope.pairs.map(([, r]) => r);
  const pairs = sql`unnest(${keys}::int[], ${ceilings}::int[]) t(key, ceiling)`;
  return sql`select c.n from ${pairs} cross join lateral (select sum(c.n)::int as n from zrc_zaak_start_count c
      where c.organisation_id = ${org} and c.zaaktype_key = t.key${within(sql.ref('c.month'))}
        and c.rank <= t.ceiling) c
    union all
    select d.n from ${pairs} join zrc_zaak_count_delta d on d.organisation_id = ${org}
      and d.zaaktype_key = t.key and d.rank <= t.ceiling${within(sql.ref('d.start_month'))}`;
}

/**
 * The keys of the zaaktypen with zaken that start between two days (or more: every zaaktype with a counter
 * or a pending delta in their months), as an array.
 */
function typesStarted(org: string, from: string, to: string): RawBuilder<unknown> {
  const [m1, m2] = [startMonthOf(from), startMonthOf(to)];
  return sql`array(select zaaktype_key from zrc_zaak_start_count
      where organisation_id = ${org} and month >= ${m1} and month <= ${m2}
    union select zaaktype_key from zrc_zaak_count_delta
      where organisation_id = ${org} and start_month >= ${m1} and start_month <= ${m2})`;
}
