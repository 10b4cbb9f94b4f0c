import { type RawBuilder, sql } from 'kysely';
import { BASE_MARK } from './doc.ts';
import type { ZaakRow } from './store.ts';

/** What both paths of the zaken list share (list.ts, list-filters.ts). */
export interface ListRequest {
  organisationId: string;
  /** zaaktype URL → highest confidentiality rank the client may read; null: every zaaktype, every rank. */
  allowed: Map<string, number> | null;
  filters: Record<string, unknown>;
  page: number;
}

export type Pairs = [key: number, rank: number][];
/** What the client may see, narrowed by the zaaktype and confidentiality filters. */
export type Scope = { kind: 'all'; cap: number } | { kind: 'pairs'; pairs: Pairs };
/** A zaak row of a page with the statement's total; `id` is null on an empty page. */
export type PageRow = ZaakRow & { total: number };

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
 * `from`) ordered by `order`, as rows or as texts.
 */
export function pageSelect(
  shape: PageShape,
  parts: {
    total: RawBuilder<unknown>;
    from: RawBuilder<unknown>;
    page: RawBuilder<unknown>;
    order: RawBuilder<unknown>;
  },
): RawBuilder<unknown> {
  const { total, from, page, order } = parts;
  return shape.kind === 'rows'
    ? sql`select ${total} as total, p.* from ${from} left join lateral (${page}) p on true order by ${order}`
    : sql`select ${total} as total, replace(p.doc, ${BASE_MARK}, ${shape.baseUrl}) as text
        from ${from} left join lateral (${page}) p on true order by ${order}`;
}
/** What the page's inner select reads of each zaak (`orderedBy`: a further column the page is ordered by). */
export const pageColumns = (shape: PageShape, orderedBy?: string) =>
  shape.kind === 'rows'
    ? sql`z.*`
    : sql`z.id, z.created_at, z.doc${orderedBy ? sql`, ${sql.ref(`z.${orderedBy}`)}` : sql``}`;

/** A list of values from a query string (comma-separated) or a _zoek body (array). */
export function listOf(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return value.map(String);
  return String(value)
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
}
