import { requireScopes, requireTypeAccess } from '../authz/policy.ts';
import type { Db } from '../platform/db/database.ts';
import { problems } from '../platform/http/problem.ts';
import type { LocalResources } from '../zgw/local-resources.ts';
import { parseLocalUrl } from '../zgw/urls.ts';
import type { Caller } from './support.ts';
import { besluitenTexts } from './texts.nl.ts';

type Json = Record<string, unknown>;
type Tree = Map<string, Tree>;

/** `zaak.zaaktype,besluittype` → { zaak: { zaaktype }, besluittype }. */
function parse(expand: string): Tree {
  const root: Tree = new Map();
  for (const path of expand
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    let node = root;
    for (const part of path.split('.')) {
      if (!node.has(part)) node.set(part, new Map());
      node = node.get(part) as Tree;
    }
  }
  return root;
}

/** Whether the caller may read this local resource through its own API (expand shows nothing more). */
function mayRead(baseUrl: string, caller: Caller, url: string, r: Json): boolean {
  const auth = caller.auth;
  if (!auth) return true;
  const ref = parseLocalUrl(baseUrl, url);
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  try {
    if (ref?.api === 'catalogi') requireScopes(auth, 'ztc', ['catalogi.lezen']);
    else if (ref?.api === 'zaken' && ref.resource === 'zaken')
      requireTypeAccess(
        auth,
        'zrc',
        ['zaken.lezen'],
        'zaaktype',
        str(r.zaaktype),
        str(r.vertrouwelijkheidaanduiding),
      );
    else if (ref?.api === 'documenten' && ref.resource === 'enkelvoudiginformatieobjecten')
      requireTypeAccess(
        auth,
        'drc',
        ['documenten.lezen'],
        'informatieobjecttype',
        str(r.informatieobjecttype),
        str(r.vertrouwelijkheidaanduiding),
      );
    else if (ref?.api === 'besluiten' && ref.resource === 'besluiten')
      requireTypeAccess(auth, 'brc', ['besluiten.lezen'], 'besluittype', str(r.besluittype));
    else return false;
    return true;
  } catch {
    return false;
  }
}

interface Scope {
  baseUrl: string;
  local: LocalResources;
  db: Db;
  caller: Caller;
}

async function expandInto(s: Scope, json: Json, tree: Tree): Promise<Json> {
  if (tree.size === 0) return json;
  const embedded: Json = {};
  const one = async (url: unknown, sub: Tree): Promise<Json | null> => {
    if (typeof url !== 'string' || url === '') return {};
    const found = await s.local.lookup(s.db, url);
    return found && mayRead(s.baseUrl, s.caller, url, found) ? expandInto(s, found, sub) : null;
  };
  for (const [field, sub] of tree) {
    const value = json[field];
    if (Array.isArray(value)) {
      embedded[field] = (await Promise.all(value.map((u) => one(u, sub)))).filter((v) => v !== null);
    } else {
      const got = await one(value, sub);
      if (got !== null) embedded[field] = got;
    }
  }
  return { ...json, _expand: embedded };
}

/**
 * The `expand` query parameter of the ZGW APIs: embeds the resources the named fields point at under
 * `_expand` (dot notation for deeper levels). Only resources in this Loket that the caller may read are
 * embedded; an empty reference gives `{}`. Top-level fields outside `fields` are a 400.
 */
export async function expandJson<T extends object>(
  scope: Scope,
  json: T,
  expand: string | undefined,
  fields: readonly string[],
): Promise<T> {
  if (!expand) return json;
  const tree = parse(expand);
  const unknown = [...tree.keys()].filter((f) => !fields.includes(f));
  if (unknown.length > 0)
    throw problems.invalidField('expand', 'invalid-expand-field', besluitenTexts.unknownExpand(unknown));
  return (await expandInto(scope, json as Json, tree)) as T;
}
