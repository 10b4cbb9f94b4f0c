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
/** A zaak row of a page with the statement's total and its parts' ids; `id` is null on an empty page. */
export type PageRow = ZaakRow & {
  total: number;
  part_rollen: string[] | null;
  part_children: string[] | null;
  part_deelzaken: string[] | null;
};

/** A list of values from a query string (comma-separated) or a _zoek body (array). */
export function listOf(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return value.map(String);
  return String(value)
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
}

/** The ids of a page row's parts (rollen, eigenschappen, objecten, documenten, deelzaken), in their order. */
export const PARTS = sql`
  array(select r.id::text from zrc_rol r where r.zaak_id = p.id order by r.created_at, r.id) as part_rollen,
  array(select k.kind || ' ' || k.id from zrc_zaak_child k where k.zaak_id = p.id
    and k.kind in ('zaakeigenschap', 'zaakobject', 'zaakinformatieobject') order by k.created_at, k.id) as part_children,
  array(select d.id::text from zrc_zaak d where d.hoofdzaak_id = p.id order by d.created_at, d.id) as part_deelzaken`;
