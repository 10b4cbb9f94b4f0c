import { sql } from 'kysely';
import { VERTROUWELIJKHEID } from '../authz/policy.ts';
import type { ZaakRow } from './store.ts';

/** What both paths of the zaken list share (list.ts, list-filters.ts). */
export interface ListRequest {
  organisationId: string;
  /** zaaktype URL → highest confidentiality rank the client may read; null: every zaaktype, every rank. */
  allowed: Map<string, number> | null;
  filters: Record<string, unknown>;
  page: number;
}

export const TOP_RANK = VERTROUWELIJKHEID.length - 1;
export type Pairs = [key: number, rank: number][];
/** What the client may see, narrowed by the zaaktype and confidentiality filters. */
export type Scope = { kind: 'all'; cap: number } | { kind: 'pairs'; pairs: Pairs };
/** A zaak row of a page with the statement's total; `id` is null on an empty page. */
export type PageRow = ZaakRow & { total: number };

/**
 * What a page reads of each zaak: the whole row (to build objects, when parts are expanded) or only its
 * stored JSON (doc.ts), with the columns the page is ordered by.
 */
export type PageShape = 'row' | 'doc';
/** What the page statement returns of each zaak (the ordering columns stay inside: no dates to parse). */
export const pageOutput = (shape: PageShape) => (shape === 'row' ? sql`p.*` : sql`p.id, p.doc`);
export const pageColumns = (shape: PageShape, orderedBy?: string) =>
  shape === 'row'
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
