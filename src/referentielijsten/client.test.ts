import { existsSync } from 'node:fs';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSelectielijstClient } from './client.ts';
import { defaultDataDir } from './data.ts';
import { DEFAULT_PREFIX, registerReferentielijsten } from './plugin.ts';

const dataDir = defaultDataDir();
const BASE = 'http://selectielijst.test';
const ROOT = `${BASE}${DEFAULT_PREFIX}`;
const RESULTAATTYPEOMSCHRIJVING = `${ROOT}/resultaattypeomschrijvingen/e6a0c939-3404-45b0-88e3-76c94fb80ea7`;

describe.skipIf(!existsSync(dataDir))('selectielijst client', () => {
  const app = Fastify();
  const requested: string[] = [];
  /** Answers through the plugin in memory, so no port is needed. */
  const fetchVia = (async (input: URL | RequestInfo) => {
    const url = new URL(String(input));
    requested.push(url.href);
    if (url.origin !== BASE) throw new TypeError('fetch failed');
    const res = await app.inject({ url: url.pathname + url.search });
    return new Response(res.body, {
      status: res.statusCode,
      headers: { 'content-type': String(res.headers['content-type']) },
    });
  }) as typeof fetch;
  let procestypeUrl = '';
  let resultaatUrl = '';

  beforeAll(async () => {
    await registerReferentielijsten(app, { baseUrl: BASE, dataDir });
    const list = (await app.inject({ url: `${DEFAULT_PREFIX}/resultaten` })).json();
    resultaatUrl = list.results[0].url;
    procestypeUrl = list.results[0].procesType;
  });
  afterAll(() => app.close());

  it('returns a procestype by url and asks the API only once', async () => {
    const client = createSelectielijstClient(ROOT, { fetch: fetchVia });
    requested.length = 0;
    const first = await client.getProcestype(procestypeUrl);
    const second = await client.getProcestype(procestypeUrl);
    expect(first).toEqual({ ok: true, value: expect.objectContaining({ url: procestypeUrl, jaar: 2020 }) });
    expect(second).toEqual(first);
    expect(requested).toEqual([procestypeUrl]);
  });

  it('returns a resultaat with its procesType and archive fields', async () => {
    const client = createSelectielijstClient(ROOT, { fetch: fetchVia });
    const result = await client.getResultaat(resultaatUrl);
    expect(result).toEqual({
      ok: true,
      value: expect.objectContaining({
        url: resultaatUrl,
        procesType: procestypeUrl,
        waardering: expect.stringMatching(/^(blijvend_bewaren|vernietigen)$/),
      }),
    });
  });

  it('returns a resultaattypeomschrijving by url', async () => {
    const client = createSelectielijstClient(ROOT, { fetch: fetchVia });
    const result = await client.getResultaattypeomschrijving(RESULTAATTYPEOMSCHRIJVING);
    expect(result).toEqual({ ok: true, value: expect.objectContaining({ omschrijving: 'Afgewezen' }) });
  });

  it('calls a url that answers with another resource invalid-resource', async () => {
    const client = createSelectielijstClient(ROOT, { fetch: fetchVia });
    expect(await client.getProcestype(resultaatUrl)).toMatchObject({ ok: false, code: 'invalid-resource' });
    expect(await client.getResultaat(procestypeUrl)).toMatchObject({ ok: false, code: 'invalid-resource' });
  });

  it('calls a 404, an unreachable host or a malformed url bad-url, and does not cache the failure', async () => {
    const client = createSelectielijstClient(ROOT, { fetch: fetchVia });
    const missing = `${ROOT}/procestypen/00000000-0000-4000-8000-000000000000`;
    requested.length = 0;
    expect(await client.getProcestype(missing)).toMatchObject({ ok: false, code: 'bad-url' });
    expect(await client.getProcestype(missing)).toMatchObject({ ok: false, code: 'bad-url' });
    expect(requested).toEqual([missing, missing]);
    expect(await client.getProcestype('http://elders.test/procestypen/x')).toMatchObject({ code: 'bad-url' });
    expect(await client.getProcestype('geen url')).toMatchObject({ ok: false, code: 'bad-url' });
  });

  it('tells whether a url lies under the configured Referentielijsten API', () => {
    const client = createSelectielijstClient(`${ROOT}/`);
    expect(client.baseUrl).toBe(ROOT);
    expect(client.isOwnUrl(procestypeUrl)).toBe(true);
    expect(client.isOwnUrl(`${ROOT}-other/procestypen/x`)).toBe(false);
  });
});
