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

/** A range of startdatum, both ends included (yyyy-mm-dd). */
interface Range {
  from: string;
  to: string;
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

/** The range the filters ask, or null when it is open on a side (or a bound is no day: the plain path says so). */
function rangeOf(f: Record<string, unknown>): Range | null {
  const bound = (k: string, shift: number) => {
    const v = f[k];
    if (v === undefined || v === null || v === '') return undefined;
    return isDay(v) ? addDays(v, shift) : null;
  };
  const lower = [bound('startdatum', 0), bound('startdatum__gte', 0), bound('startdatum__gt', 1)];
  const upper = [bound('startdatum', 0), bound('startdatum__lte', 0), bound('startdatum__lt', -1)];
  if ([...lower, ...upper].includes(null)) return null;
  const from = lower.filter((d) => d !== undefined).sort();
  const to = upper.filter((d) => d !== undefined).sort();
  if (from.length === 0 || to.length === 0) return null;
  return { from: from[from.length - 1] as string, to: to[0] as string };
}

/**
 * One scan of a page: a year of startdatum, and the filters it needs; for a zaaktype up to a rank (`key`,
 * `rank`), or (`key` undefined) for every zaaktype the client may see, filtered inside the index.
 */
export interface YearBranch {
  key?: number;
  rank: number;
  year: number;
  filters: Record<string, unknown>;
}

/**
 * The scans that together hold exactly the zaken of a range of startdatum bounded on both sides; or null,
 * when the range is open or empty, or spans more than MERGE_AT_MOST years. Each year of a zaaktype is a run
 * of an index in created_at order (migrations.ts, `zaak_type_start_year`): one scan per zaaktype and year
 * when those are at most MERGE_AT_MOST, else (every zaaktype, or many) one scan per year of the
 * organisation's index by year (`zaak_start_year`), filtered on zaaktype and rank inside the index. A year
 * the range covers whole drops the range from its scan: the year says it all, and a prepared statement's
 * generic plan, which cannot know how much of the year a range holds, still takes the index.
 */
export function yearBranches(scope: Scope, f: Record<string, unknown>): YearBranch[] | null {
  const range = rangeOf(f);
  if (!range || range.from > range.to) return null;
  const first = Number(range.from.slice(0, 4));
  const years = Number(range.to.slice(0, 4)) - first + 1;
  if (years > MERGE_AT_MOST) return null;
  const rest = Object.fromEntries(Object.entries(f).filter(([k]) => !START_FILTERS.includes(k)));
  const perYear = (key: number | undefined, rank: number) =>
    Array.from({ length: years }, (_, i) => {
      const year = first + i;
      const whole = range.from <= `${year}-01-01` && range.to >= `${year}-12-31`;
      return { key, rank, year, filters: whole ? rest : f };
    });
  if (scope.kind === 'all' || years * scope.pairs.length > MERGE_AT_MOST) return perYear(undefined, TOP_RANK);
  return scope.pairs.flatMap(([key, rank]) => perYear(key, rank));
}

/**
 * The exact count of a range of startdatum from the counters by month of startdatum (with the pending
 * deltas) for its whole months, and from the index for the days before and after them; or null, when
 * other filters than zaaktype, confidentiality and startdatum are given, or the range holds no whole month
 * (the index count is as cheap then).
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
  const firstOfMonth = (day: string) => `${day.slice(0, 8)}01`;
  const wholeFrom = range.from.endsWith('-01')
    ? range.from
    : firstOfMonth(addDays(firstOfMonth(range.from), 31));
  const afterTo = addDays(range.to, 1);
  // The last whole month ends the day before the first of the month after range.to, or before range.to's.
  const wholeTo = addDays(afterTo.endsWith('-01') ? afterTo : firstOfMonth(range.to), -1);
  if (wholeFrom > wholeTo) return null;
  const [m1, m2] = [startMonthOf(wholeFrom), startMonthOf(wholeTo)];
  const base = db.selectFrom('zrc_zaak').where('organisation_id', '=', organisationId);
  const days = (from: string, to: string) =>
    base
      .where((eb: Eb) => {
        const c: Expression<SqlBool>[] = scopeConditions(eb, scope);
        c.push(eb('startdatum', '>=', from), eb('startdatum', '<=', to));
        // With every zaaktype, the zaaktypen that have zaken in those months (from their counters and the
        // pending deltas): the index by zaaktype and startdatum then reads only those days.
        if (scope.kind === 'all')
          c.push(sql<SqlBool>`zaaktype_key = any(${typesStarted(organisationId, from, to)})`);
        return eb.and(c);
      })
      .select(sql<number>`count(*)`.as('n'));
  const edges = [
    ...(range.from < wholeFrom ? [sql` + (${days(range.from, addDays(wholeFrom, -1))})`] : []),
    ...(range.to > wholeTo ? [sql` + (${days(addDays(wholeTo, 1), range.to)})`] : []),
  ];
  return sql`(select coalesce(sum(n), 0) from (${monthCounts(organisationId, scope, m1, m2)}) x)${sql.join(edges, sql``)}`;
}

/**
 * The counts of months m1 to m2 of startdatum (yyyymm) the scope sees, as rows (n): counters, then pending
 * deltas. A counter counts one rank (not every rank below too, as the registration counters do): a
 * compaction then writes one counter per delta, not eight.
 */
function monthCounts(org: string, scope: Scope, m1: number, m2: number): RawBuilder<unknown> {
  if (scope.kind === 'all') {
    const cap = scope.cap < TOP_RANK ? sql` and rank <= ${sql.lit(scope.cap)}` : sql``;
    return sql`select sum(n)::int as n from zrc_zaak_start_count
        where organisation_id = ${org} and month >= ${m1} and month <= ${m2}${cap}
      union all
      select n from zrc_zaak_count_delta
        where organisation_id = ${org} and start_month >= ${m1} and start_month <= ${m2}${cap}`;
  }
  // Per pair the counters of its months up to its rank (lateral: a generic plan that joined the other way
  // round read every counter of the months, 5 ms for list (a)).
  const keys = scope.pairs.map(([k]) => k);
  const ceilings = scope.pairs.map(([, r]) => r);
  const pairs = sql`unnest(${keys}::int[], ${ceilings}::int[]) t(key, ceiling)`;
  return sql`select c.n from ${pairs} cross join lateral (select sum(c.n)::int as n from zrc_zaak_start_count c
      where c.organisation_id = ${org} and c.zaaktype_key = t.key and c.month >= ${m1}
        and c.month <= ${m2} and c.rank <= t.ceiling) c
    union all
    select d.n from ${pairs} join zrc_zaak_count_delta d on d.organisation_id = ${org}
      and d.zaaktype_key = t.key and d.rank <= t.ceiling and d.start_month >= ${m1} and d.start_month <= ${m2}`;
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
