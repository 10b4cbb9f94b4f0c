import { type Expression, type ExpressionBuilder, type RawBuilder, type SqlBool, sql } from 'kysely';
import { TOP_RANK } from '../authz/policy.ts';
import { BASE_MARK } from './doc.ts';
import type { ZaakRow } from './store.ts';

/** What the paths of the zaken list share (list.ts, list-filters.ts, list-start.ts). */
export interface ListRequest {
  organisationId: string;
  /** zaaktype URL → highest confidentiality rank the client may read; null: every zaaktype, every rank. */
  allowed: Map<string, number> | null;
  filters: Record<string, unknown>;
  page: number;
}

/**
 * The filters a client's autorisaties amount to (zaaktype and confidentiality), and `page` and `expand`,
 * which filter nothing: with only these, a list is counted from the counters (list.ts, list-start.ts).
 */
export const COUNTED_FILTERS = new Set([
  'page',
  'zaaktype',
  'zaaktype__in',
  'maximaleVertrouwelijkheidaanduiding',
  'expand',
]);

/** The filters on startdatum (list-start.ts). */
export const START_FILTERS = [
  'startdatum',
  'startdatum__gt',
  'startdatum__gte',
  'startdatum__lt',
  'startdatum__lte',
];

/** The names of the filters given a value. */
export const givenFilters = (f: Record<string, unknown>) =>
  Object.keys(f).filter((k) => f[k] !== undefined && f[k] !== null && f[k] !== '');

/**
 * Whether the given filters are only those of the counted path, of startdatum, and `ordering`: filters on
 * the zaaktype, not on a person, so such a list's statement may be kept (list.ts) and a range of startdatum
 * counted from its counters (list-start.ts).
 */
export const onlyTypeAndStart = (given: string[]) =>
  given.every((k) => COUNTED_FILTERS.has(k) || START_FILTERS.includes(k) || k === 'ordering');

/**
 * Up to this many index scans, a page merges them in their order (PostgreSQL's Merge Append): one per
 * zaaktype of a limited client (list.ts), one per zaaktype and year of startdatum (list-start.ts). The
 * statement has a branch per scan (planned once per connection); beyond this, one scan, filtered, keeps it
 * small.
 */
export const MERGE_AT_MOST = 32;

export type Pairs = [key: number, rank: number][];
/** What the client may see, narrowed by the zaaktype and confidentiality filters. */
export type Scope = { kind: 'all'; cap: number } | { kind: 'pairs'; pairs: Pairs };
/** A zaak row of a page with the statement's total; `id` is null on an empty page. */
export type PageRow = ZaakRow & { total: number; mark?: string | null };

/**
 * The pending deltas the scope sees, as rows (key, bucket, n) by zaaktype and month: read once per statement
 * (CTE `d`), since between two vacuums their index holds many dead entries (README.md, "Counting").
 */
export function deltaSource(org: string, scope: Scope): RawBuilder<unknown> {
  const seen =
    scope.kind === 'all'
      ? sql`rank <= ${Math.min(scope.cap, TOP_RANK)}`
      : pairsCondition(scope.pairs, sql.ref('zaaktype_key'), sql.ref('rank'));
  return sql`select zaaktype_key as key, bucket, n from zrc_zaak_count_delta
    where organisation_id = ${org} and ${seen}`;
}

/**
 * What a page reads of each zaak: its whole row, to build objects from (when parts are expanded), or its stored
 * JSON (doc.ts) with the base URL put in by the database, ready to be written out as it is. (One text for the
 * whole page would spare the server 99 rows, but made PostgreSQL fault in fresh memory for every page:
 * docs/benchmarks.md.)
 */
export type PageShape = { kind: 'rows' } | { kind: 'text'; baseUrl: string };
export const ROWS: PageShape = { kind: 'rows' };

/**
 * The page statement's outer select: the total, then the page's zaken (`page`, a select that may refer to
 * `from`, a relation of one row), as rows or as texts. `page` orders its rows itself (with an ORDER BY its
 * index scans or a join that keeps their order already satisfy): the rows come out in that order, since the
 * join runs `page` once for the one row of `from`. Sorting the page's wide rows again cost PostgreSQL about
 * 5 % of a page (docs/benchmarks.md); the list tests hold every page's order equal to the naive SQL's.
 */
export function pageSelect(
  shape: PageShape,
  parts: {
    total: RawBuilder<unknown>;
    from: RawBuilder<unknown>;
    page: RawBuilder<unknown>;
    /** For a page to be remembered: the mark of its counters, as a further column (list-remember.ts). */
    mark?: RawBuilder<unknown>;
  },
): RawBuilder<unknown> {
  const { total, from, page, mark } = parts;
  if (shape.kind === 'rows')
    return sql`select ${total} as total${mark ? sql`, ${mark} as mark` : sql``}, p.*
      from ${from} left join lateral (${page}) p on true`;
  return sql`select ${total} as total, replace(p.doc, ${BASE_MARK}, ${shape.baseUrl}) as text${
    mark ? sql`, p.id, ${mark} as mark` : sql``
  } from ${from} left join lateral (${page}) p on true`;
}
/** What the page's inner select reads of each zaak. */
export const pageColumns = (shape: PageShape) =>
  shape.kind === 'rows' ? sql`z.*` : sql`z.id, z.created_at, z.doc`;

/** A list of values from a query string (comma-separated) or a _zoek body (array). */
export function listOf(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return value.map(String);
  return String(value)
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
}

// biome-ignore lint/suspicious/noExplicitAny: the builder of a dynamic where clause over zrc_zaak
export type Eb = ExpressionBuilder<any, 'zrc_zaak'>;

/** What the client may see, as conditions on zrc_zaak (none with every zaaktype up to the top rank). */
export function scopeConditions(eb: Eb, scope: Scope): Expression<SqlBool>[] {
  if (scope.kind === 'all')
    return scope.cap < TOP_RANK ? [eb('vertrouwelijkheid_rank', '<=', scope.cap)] : [];
  return [
    eb.or(
      scope.pairs.map(([k, r]) =>
        // At the top rank every zaak qualifies: no condition to test per index entry.
        r >= TOP_RANK
          ? eb('zaaktype_key', '=', k)
          : eb.and([eb('zaaktype_key', '=', k), eb('vertrouwelijkheid_rank', '<=', r)]),
      ),
    ),
  ];
}

/**
 * The pairs as one condition: `key = any(…)` for the index, and the rank ceiling per zaaktype as a filter
 * (one scan with cheap planning, where a branch per zaaktype costs more to plan than to run). Keys and ranks
 * are written into the statement (`intsLiteral`, `sql.lit`): given as parameters, the prepared statement's
 * generic plan takes the array for 10 keys, expects few rows and sorts every zaak of the months on the
 * zaaktype index instead of reading the newest in order (the first page of a client with 100 zaaktypen:
 * 17 ms of PostgreSQL's CPU instead of 2.4; docs/benchmarks.md).
 */
export function pairsCondition(
  pairs: Pairs,
  key: RawBuilder<unknown>,
  rank: RawBuilder<unknown>,
): RawBuilder<SqlBool> {
  const keys = intsLiteral(pairs.map(([k]) => k));
  // Every zaaktype up to the top rank: every zaak qualifies, no rank to test (`rankAtMost`).
  if (pairs.every(([, r]) => r >= TOP_RANK)) return sql<SqlBool>`${key} = any(${keys})`;
  const ranks = new Set(pairs.map(([, r]) => r));
  const ceiling =
    ranks.size === 1
      ? sql.lit(pairs[0][1])
      : sql`case ${key} ${sql.join(
          pairs.map(([k, r]) => sql`when ${sql.lit(k)} then ${sql.lit(r)}`),
          sql` `,
        )} end`;
  return sql<SqlBool>`${key} = any(${keys}) and ${rank} <= ${ceiling}`;
}

/** Integers of our own (zaaktype keys) as an array literal in the statement's text. */
function intsLiteral(values: number[]): RawBuilder<unknown> {
  if (!values.every(Number.isSafeInteger)) throw new Error('not integers');
  return sql.raw(`'{${values.join(',')}}'::int[]`);
}

/**
 * What the client may see, as one condition on columns every list index carries (zaaktype and rank), for a
 * scan of all zaaktypen filtered inside the index; null when it sees every zaak.
 */
export function scopeFilter(scope: Scope): RawBuilder<SqlBool> | null {
  if (scope.kind === 'pairs')
    return pairsCondition(scope.pairs, sql.ref('zaaktype_key'), sql.ref('vertrouwelijkheid_rank'));
  return rankAtMost(scope.cap);
}

/**
 * The confidentiality condition of a zaaktype the client sees up to `ceiling`: none (null) at the top rank,
 * where it holds for every zaak (a condition less per index entry: about 5 % of list (a) in PostgreSQL). The
 * ceiling is written into the statement (a rank is a small integer of our own): as a parameter, the prepared
 * statement's generic plan guesses a third of the zaken pass, costs itself above the plans made for the
 * values, and PostgreSQL then plans the statement anew on every run (a first page of (b): 1.5 ms of
 * PostgreSQL's CPU instead of 0.4; docs/benchmarks.md).
 */
export function rankAtMost(ceiling: number): RawBuilder<SqlBool> | null {
  return ceiling >= TOP_RANK ? null : sql<SqlBool>`vertrouwelijkheid_rank <= ${sql.lit(ceiling)}`;
}
