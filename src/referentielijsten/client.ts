/** What the Catalogi API needs of a selectielijst procestype. */
export interface Procestype {
  url: string;
  nummer: number;
  jaar: number;
  naam: string;
  omschrijving?: string;
  toelichting?: string;
  procesobject?: string;
}

/** What the Catalogi API needs of a selectielijst resultaat (selectielijstklasse). */
export interface SelectielijstResultaat {
  url: string;
  procesType: string;
  nummer: number;
  volledigNummer?: string;
  naam: string;
  waardering: 'blijvend_bewaren' | 'vernietigen' | string;
  procestermijn: string;
  bewaartermijn: string | null;
  [key: string]: unknown;
}

export interface Resultaattypeomschrijving {
  url: string;
  omschrijving: string;
  definitie?: string;
  opmerking?: string;
}

/**
 * A lookup outcome in ZGW terms: `bad-url` when the URL does not answer 200 with JSON,
 * `invalid-resource` when it answers with something that is not the expected resource.
 */
export type Lookup<T> =
  | { ok: true; value: T }
  | { ok: false; code: 'bad-url' | 'invalid-resource'; reason: string };

export interface SelectielijstClient {
  /** Root of the configured Referentielijsten API (no trailing slash). */
  readonly baseUrl: string;
  /** Whether `url` lies under the configured Referentielijsten API. */
  isOwnUrl(url: string): boolean;
  getProcestype(url: string): Promise<Lookup<Procestype>>;
  getResultaat(url: string): Promise<Lookup<SelectielijstResultaat>>;
  getResultaattypeomschrijving(url: string): Promise<Lookup<Resultaattypeomschrijving>>;
}

export interface SelectielijstClientOptions {
  fetch?: typeof fetch;
  timeoutMs?: number;
}

type Shape = Record<string, 'string' | 'number'>;

const SHAPES = {
  procestypen: { url: 'string', nummer: 'number', jaar: 'number', naam: 'string' },
  resultaten: {
    url: 'string',
    procesType: 'string',
    nummer: 'number',
    naam: 'string',
    waardering: 'string',
    procestermijn: 'string',
  },
  resultaattypeomschrijvingen: { url: 'string', omschrijving: 'string' },
} satisfies Record<string, Shape>;

const NAMES: Record<keyof typeof SHAPES, string> = {
  procestypen: 'procestype',
  resultaten: 'selectielijstresultaat',
  resultaattypeomschrijvingen: 'resultaattypeomschrijving',
};

function matches(body: unknown, shape: Shape): body is Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  const record = body as Record<string, unknown>;
  return Object.entries(shape).every(([key, type]) => typeof record[key] === type);
}

/**
 * Fetches selectielijst resources by URL, as the Catalogi API's archive rules need them, and caches
 * every successful answer for the life of the process (the selectielijst changes once a year at most).
 * Failures are not cached, so a service that comes up later is picked up.
 */
export function createSelectielijstClient(
  baseUrl: string,
  options: SelectielijstClientOptions = {},
): SelectielijstClient {
  const root = baseUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 5000;
  const cache = new Map<string, Promise<Lookup<Record<string, unknown>>>>();

  async function load(url: string, resource: keyof typeof SHAPES): Promise<Lookup<Record<string, unknown>>> {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return { ok: false, code: 'bad-url', reason: `"${url}" is geen geldige URL.` };
    }
    let response: Response;
    try {
      response = await doFetch(parsed, {
        headers: { accept: 'application/json' },
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      return { ok: false, code: 'bad-url', reason: `${url} is niet bereikbaar: ${(err as Error).message}` };
    }
    if (response.status !== 200) {
      await response.body?.cancel();
      return { ok: false, code: 'bad-url', reason: `${url} gaf status ${response.status}.` };
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      return { ok: false, code: 'bad-url', reason: `${url} gaf geen JSON.` };
    }
    const pathOk = new RegExp(`/${resource}/[^/]+/?$`).test(parsed.pathname);
    if (!pathOk || !matches(body, SHAPES[resource])) {
      return { ok: false, code: 'invalid-resource', reason: `${url} is geen ${NAMES[resource]}.` };
    }
    return { ok: true, value: body };
  }

  function cached<T>(url: string, resource: keyof typeof SHAPES): Promise<Lookup<T>> {
    const key = `${resource} ${url}`;
    let pending = cache.get(key);
    if (!pending) {
      pending = load(url, resource);
      cache.set(key, pending);
      pending.then((r) => !r.ok && cache.delete(key));
    }
    return pending as Promise<Lookup<T>>;
  }

  return {
    baseUrl: root,
    isOwnUrl: (url) => url === root || url.startsWith(`${root}/`),
    getProcestype: (url) => cached<Procestype>(url, 'procestypen'),
    getResultaat: (url) => cached<SelectielijstResultaat>(url, 'resultaten'),
    getResultaattypeomschrijving: (url) =>
      cached<Resultaattypeomschrijving>(url, 'resultaattypeomschrijvingen'),
  };
}
