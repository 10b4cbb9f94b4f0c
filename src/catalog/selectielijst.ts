import type { Config } from '../platform/config.ts';
import { loadReferentielijsten, uuidOf } from '../referentielijsten/data.ts';
import {
  createSelectielijstClient,
  type Lookup,
  type Procestype,
  type Resultaattypeomschrijving,
  referentielijstenUrl,
  type SelectielijstClient,
  type SelectielijstResultaat,
} from '../referentielijsten/index.ts';
import type { Invalid } from './support.ts';

/**
 * A fetch that turns a 200 answer that is not JSON into a JSON `null`: the URL answers, but not with the
 * resource asked for. The ZGW rule (and the public conformance suite) calls that `invalid-resource`, not
 * `bad-url`; the selectielijst client then reports it as such.
 */
async function fetchJsonOrNull(input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) {
  const res = await fetch(input, init);
  if (res.status !== 200) return res;
  const text = await res.text();
  try {
    JSON.parse(text);
    return new Response(text, { status: 200, headers: { 'content-type': 'application/json' } });
  } catch {
    return new Response('null', { status: 200, headers: { 'content-type': 'application/json' } });
  }
}

/** The Referentielijsten API Loket uses: LOKET_REFERENTIELIJSTEN_URL, else its own at /referentielijsten/api/v1. */
export function selectielijstClient(
  config: Pick<Config, 'baseUrl' | 'referentielijstenUrl'>,
): SelectielijstClient {
  return createSelectielijstClient(referentielijstenUrl(config), { fetch: fetchJsonOrNull as typeof fetch });
}

/** Records a failed lookup as a field error; returns the value when it succeeded. */
export function lookedUp<T>(invalid: Invalid, name: string, result: Lookup<T>): T | null {
  if (result.ok) return result.value;
  invalid.add(name, result.code, result.reason);
  return null;
}

/**
 * The selectielijst read straight from the public data set, for seeding the demo before the server
 * listens (Loket cannot ask its own Referentielijsten API yet). URLs are those of `root`.
 */
export async function offlineSelectielijst(
  root: string,
  dataDir: string,
): Promise<SelectielijstClient | null> {
  const loaded = await loadReferentielijsten(dataDir, root);
  if (!loaded.ok) return null;
  const { byUuid } = loaded.data;
  const find = <T>(
    resource: 'procestypen' | 'resultaten' | 'resultaattypeomschrijvingen',
    url: string,
  ): Lookup<T> => {
    const uuid = url.startsWith(`${root}/${resource}/`) ? uuidOf(url) : null;
    const entry = uuid ? byUuid[resource].get(uuid) : undefined;
    return entry
      ? { ok: true, value: entry as T }
      : { ok: false, code: 'invalid-resource', reason: `${url} is geen ${resource} in de selectielijst.` };
  };
  return {
    baseUrl: root,
    isOwnUrl: (url) => url === root || url.startsWith(`${root}/`),
    getProcestype: async (url) => find<Procestype>('procestypen', url),
    getResultaat: async (url) => find<SelectielijstResultaat>('resultaten', url),
    getResultaattypeomschrijving: async (url) =>
      find<Resultaattypeomschrijving>('resultaattypeomschrijvingen', url),
  };
}
