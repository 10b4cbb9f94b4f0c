import { allowedTypes, vertrouwelijkheidRank } from '../authz/policy.ts';
import { SCOPES } from './access.ts';
import type { Conn } from './store.ts';
import type { Caller, ZakenContext } from './types.ts';

/**
 * `expand` (Zaken API 1.5): linked resources inlined under `_expand`, e.g.
 * `expand=zaaktype,status.statustype,hoofdzaak.status`. Every linked resource of Loket itself is resolved
 * in-process; zaken the client may not read are left out. Depth and number are bounded.
 */
const MAX_DEPTH = 3;
const MAX_LOOKUPS = 1000;

type Json = Record<string, unknown>;
type Tree = Map<string, Tree>;

export function parseExpand(value: unknown): Tree | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  const tree: Tree = new Map();
  for (const path of value
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    let node = tree;
    for (const segment of path.split('.').slice(0, MAX_DEPTH)) {
      if (!node.has(segment)) node.set(segment, new Map());
      node = node.get(segment) as Tree;
    }
  }
  return tree;
}

function readable(caller: Caller, item: Json): boolean {
  if (
    typeof item.zaaktype !== 'string' ||
    typeof item.identificatie !== 'string' ||
    !('bronorganisatie' in item)
  )
    return true;
  const allowed = allowedTypes(caller.auth, 'zrc', [SCOPES.lezen], 'zaaktype');
  if (allowed === null) return true;
  const max = allowed.get(item.zaaktype);
  return max !== undefined && vertrouwelijkheidRank(item.vertrouwelijkheidaanduiding as string) <= max;
}

/** Adds `_expand` to each object, in place. */
export async function expandAll(
  ctx: ZakenContext,
  db: Conn,
  caller: Caller,
  items: Json[],
  tree: Tree | null,
) {
  if (!tree) return;
  const budget = { left: MAX_LOOKUPS };
  const cache = new Map<string, Promise<Json | null>>();
  const lookup = (url: string) => {
    if (!cache.has(url)) {
      budget.left--;
      cache.set(url, budget.left < 0 ? Promise.resolve(null) : ctx.local.lookup(db, url).catch(() => null));
    }
    return cache.get(url) as Promise<Json | null>;
  };
  const expand = async (item: Json, node: Tree): Promise<void> => {
    const out: Json = {};
    for (const [field, sub] of node) {
      const value =
        field === 'relevanteAndereZaken'
          ? ((item[field] as { url: string }[] | undefined) ?? []).map((r) => r.url)
          : item[field];
      if (Array.isArray(value)) {
        const found = (
          await Promise.all(value.map((v) => (typeof v === 'string' ? lookup(v) : null)))
        ).filter((v): v is Json => v !== null && readable(caller, v));
        const copies = found.map((f) => ({ ...f }));
        for (const c of copies) if (sub.size > 0) await expand(c, sub);
        out[field] = copies;
      } else if (typeof value === 'string' && value) {
        const found = await lookup(value);
        if (!found || !readable(caller, found)) {
          out[field] = null;
          continue;
        }
        const copy = { ...found };
        if (sub.size > 0) await expand(copy, sub);
        out[field] = copy;
      } else out[field] = null;
    }
    item._expand = out;
  };
  for (const item of items) await expand(item, tree);
}
