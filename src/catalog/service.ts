import type { Kysely } from 'kysely';
import type { Db } from '../platform/db/database.ts';
import { Problem } from '../platform/http/problem.ts';
import type { SelectielijstClient } from '../referentielijsten/index.ts';
import type { LocalResources } from '../zgw/local-resources.ts';
import { type CatalogiResource, type Conn, type Invalid, localId, refError } from './support.ts';
import { catalogTexts } from './texts.nl.ts';

/** What every catalogue service function works with. */
export interface CatalogContext {
  db: Db;
  baseUrl: string;
  selectielijst: SelectielijstClient;
  /** Where the other ZGW modules resolve catalogue URLs in-process (the routes register a resolver each). */
  local?: LocalResources;
}

export type StatusFilter = 'alles' | 'concept' | 'definitief';

/** The types a request body refers to, with what the concept and catalogus rules need of them. */
export interface TypeRef {
  id: string;
  organisation_id: string;
  catalogus_id: string;
  concept: boolean;
}

type Table = 'catalog_zaaktype' | 'catalog_besluittype' | 'catalog_informatieobjecttype';

/**
 * Resolves URLs of this API's own types (all must exist). Reports `no_match` / `does_not_exist` under
 * `name` and returns null when one does not resolve.
 */
export async function resolveTypes(
  db: Conn,
  baseUrl: string,
  urls: string[],
  resource: CatalogiResource,
  table: Table,
  name: string,
  invalid: Invalid,
): Promise<TypeRef[] | null> {
  const ids = urls.map((u) => localId(baseUrl, u, resource));
  const wanted = ids.filter((id): id is string => id !== null);
  const rows = wanted.length
    ? await (db as unknown as Kysely<Record<Table, TypeRef>>)
        .selectFrom(table)
        .select(['id', 'organisation_id', 'catalogus_id', 'concept'])
        .where('id', 'in', wanted)
        .execute()
    : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const missing = ids.find((id) => id === null || !byId.has(id));
  if (missing !== undefined) {
    refError(invalid, name, missing);
    return null;
  }
  return ids.map((id) => byId.get(id as string)!);
}

/** True when the body of a PATCH sets nothing but eindeGeldigheid: ending the validity of a published type. */
export function onlyEndsValidity(input: object, partial: boolean): boolean {
  const keys = Object.keys(input);
  return partial && keys.length === 1 && keys[0] === 'eindeGeldigheid';
}

export function has<T extends object>(input: T, key: keyof T): boolean {
  return Object.hasOwn(input, key) && input[key] !== undefined;
}

/** A list filter that must be a date (YYYY-MM-DD). */
export function dateFilter(name: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) {
    throw new Problem(400, 'invalid', 'Invalid input.', catalogTexts.invalidDate, [
      { name, code: 'invalid', reason: catalogTexts.invalidDate },
    ]);
  }
  return value;
}
