import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';
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
 * A list filtered on a range of startdatum (list (a): one zaaktype and a year), for a client limited to some
 * zaaktypen or with a zaaktype filter: its page from a scan per zaaktype and year of startdatum, its count
 * from the counters by month of startdatum (README.md, "Lists"). The filtered path (list-filters.ts) asks.
 */

/** The year of startdatum, written as the index zrc_zaak_type_start_year holds it (migrations.ts). */
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

/** One scan of a page: a zaaktype up to a rank, one year of startdatum, and the filters it needs. */
export interface YearBranch {
  key: number;
  rank: number;
  year: number;
  filters: Record<string, unknown>;
}

/**
 * The scans, one per zaaktype and year of startdatum, that together hold exactly the zaken of a range of
 * startdatum bounded on both sides; or null, when the range is open or empty, the scope is every zaaktype,
 * or the scans would be more than MERGE_AT_MOST. Each year of a zaaktype is a run of the index in
 * created_at order (migrations.ts, `zaak_type_start_year`). A year the range covers whole drops the range
 * from its scan: the year says it all, and a prepared statement's generic plan, which cannot know how much
 * of the year a range holds, still takes the index.
 */
export function yearBranches(scope: Scope, f: Record<string, unknown>): YearBranch[] | null {
  const range = rangeOf(f);
  if (scope.kind !== 'pairs' || !range || range.from > range.to) return null;
  const first = Number(range.from.slice(0, 4));
  const years = Number(range.to.slice(0, 4)) - first + 1;
  if (years * scope.pairs.length > MERGE_AT_MOST) return null;
  const rest = Object.fromEntries(Object.entries(f).filter(([k]) => !START_FILTERS.includes(k)));
  return scope.pairs.flatMap(([key, rank]) =>
    Array.from({ length: years }, (_, i) => {
      const year = first + i;
      const whole = range.from <= `${year}-01-01` && range.to >= `${year}-12-31`;
      return { key, rank, year, filters: whole ? rest : f };
    }),
  );
}

/**
 * The exact count of a range of startdatum from the counters by month of startdatum (with the pending
 * deltas) for its whole months, and from the index for the days before and after them; or null, when
 * other filters than zaaktype, confidentiality and startdatum are given, the scope is every zaaktype, or
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
  if (scope.kind !== 'pairs' || !range || !onlyTypeAndStart(given)) return null;
  const firstOfMonth = (day: string) => `${day.slice(0, 8)}01`;
  const wholeFrom = range.from.endsWith('-01')
    ? range.from
    : firstOfMonth(addDays(firstOfMonth(range.from), 31));
  const afterTo = addDays(range.to, 1);
  // The last whole month ends the day before the first of the month after range.to, or before range.to's.
  const wholeTo = addDays(afterTo.endsWith('-01') ? afterTo : firstOfMonth(range.to), -1);
  if (wholeFrom > wholeTo) return null;
  const keys = scope.pairs.map(([k]) => k);
  const ceilings = scope.pairs.map(([, r]) => r);
  const [m1, m2] = [startMonthOf(wholeFrom), startMonthOf(wholeTo)];
  const pairs = sql`unnest(${keys}::int[], ${ceilings}::int[]) t(key, ceiling)`;
  const base = db.selectFrom('zrc_zaak').where('organisation_id', '=', organisationId);
  const days = (from: string, to: string) =>
    base
      .where((eb: Eb) => {
        const c: Expression<SqlBool>[] = scopeConditions(eb, scope);
        c.push(eb('startdatum', '>=', from), eb('startdatum', '<=', to));
        return eb.and(c);
      })
      .select(sql<number>`count(*)`.as('n'));
  const edges = [
    ...(range.from < wholeFrom ? [sql` + (${days(range.from, addDays(wholeFrom, -1))})`] : []),
    ...(range.to > wholeTo ? [sql` + (${days(addDays(wholeTo, 1), range.to)})`] : []),
  ];
  // Per pair the counters of its months up to its rank (lateral: a generic plan that joined the other way
  // round read every counter of the months, 5 ms for list (a)), then the pending deltas, then the days
  // around the months. A counter counts one rank (not every rank below too, as the registration counters
  // do): a compaction then writes one counter per delta, not eight.
  return sql`(select coalesce(sum(n), 0) from (
      select c.n from ${pairs} cross join lateral (select sum(c.n)::int as n from zrc_zaak_start_count c
        where c.organisation_id = ${organisationId} and c.zaaktype_key = t.key and c.month >= ${m1}
          and c.month <= ${m2} and c.rank <= t.ceiling) c
      union all
      select d.n from ${pairs} join zrc_zaak_count_delta d on d.organisation_id = ${organisationId}
        and d.zaaktype_key = t.key and d.rank <= t.ceiling and d.start_month >= ${m1} and d.start_month <= ${m2}
    ) x)${sql.join(edges, sql``)}`;
}
