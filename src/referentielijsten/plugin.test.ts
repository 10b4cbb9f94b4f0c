import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from '../platform/http/server.ts';
import { memoryLogger, testConfig } from '../testing/backends.ts';
import { COMMUNICATIEKANALEN, defaultDataDir } from './data.ts';
import { DEFAULT_PREFIX, referentielijstenStatus, registerReferentielijsten } from './plugin.ts';

const dataDir = defaultDataDir();
const BASE = 'http://loket.test';
const ROOT = `${BASE}${DEFAULT_PREFIX}`;

type Json = Record<string, unknown>;
const raw = (file: string) => JSON.parse(readFileSync(join(dataDir, file), 'utf8')) as Json[];

describe.skipIf(!existsSync(dataDir))('Referentielijsten API on the shared data', () => {
  const app = createServer(testConfig({ baseUrl: BASE }), memoryLogger('warn').log, 'test-cookie-secret');
  const get = async (path: string) => {
    const res = await app.inject({ method: 'GET', url: `${DEFAULT_PREFIX}${path}` });
    return { status: res.statusCode, type: String(res.headers['content-type']), body: res.json() };
  };

  beforeAll(async () => {
    const status = await registerReferentielijsten(app, { baseUrl: BASE, dataDir });
    expect(status).toEqual({ available: true, apiRoot: ROOT, reason: null });
    await app.ready();
  });
  afterAll(() => app.close());

  it('lists every procestype with its url rewritten to this server', async () => {
    const { status, body } = await get('/procestypen');
    const source = raw('procestypen.json');
    expect(status).toBe(200);
    expect(body).toHaveLength(source.length);
    expect(body[0]).toEqual({ ...source[0], url: `${ROOT}/procestypen/${source[0].url}` });
    for (const p of body as Json[]) expect(p.url).toMatch(new RegExp(`^${ROOT}/procestypen/[0-9a-f-]{36}$`));
  });

  it('returns a procestype by uuid, at the url it lists', async () => {
    const [first] = (await get('/procestypen')).body as Json[];
    const { status, body } = await get(String(first.url).slice(ROOT.length));
    expect(status).toBe(200);
    expect(body).toEqual(first);
  });

  it('filters procestypen by jaar and refuses a jaar that is not a number', async () => {
    expect((await get('/procestypen?jaar=2020')).body).toHaveLength(raw('procestypen.json').length);
    expect((await get('/procestypen?jaar=2017')).body).toEqual([]);
    const bad = await get('/procestypen?jaar=twintig');
    expect(bad.status).toBe(400);
    expect(bad.type).toContain('application/problem+json');
    expect(bad.body.invalidParams).toEqual([expect.objectContaining({ name: 'jaar', code: 'invalid' })]);
  });

  it('paginates resultaten by 100 with absolute next and previous links', async () => {
    const total = raw('resultaten.json').length;
    const first = await get('/resultaten');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ count: total, next: `${ROOT}/resultaten?page=2`, previous: null });
    expect(first.body.results).toHaveLength(100);

    const lastPage = Math.ceil(total / 100);
    const last = await get(`/resultaten?page=${lastPage}`);
    expect(last.body).toMatchObject({
      count: total,
      next: null,
      previous: `${ROOT}/resultaten?page=${lastPage - 1}`,
    });
    expect(last.body.results).toHaveLength(total - (lastPage - 1) * 100);
  });

  it('answers a page past the end with a 404 problem', async () => {
    const { status, type, body } = await get('/resultaten?page=99');
    expect(status).toBe(404);
    expect(type).toContain('application/problem+json');
    expect(body).toMatchObject({ status: 404, code: 'not_found' });
  });

  it('points every resultaat.procesType at a procestype served here', async () => {
    const { body } = await get('/resultaten?page=2');
    const resultaat = (body.results as Json[])[0];
    expect(resultaat.url).toMatch(new RegExp(`^${ROOT}/resultaten/`));
    const procestype = await get(String(resultaat.procesType).slice(ROOT.length));
    expect(procestype.status).toBe(200);
    expect(procestype.body.url).toBe(resultaat.procesType);
  });

  it('filters resultaten by procesType url (or proces_type uuid) and keeps the filter in the links', async () => {
    const [procestype] = raw('procestypen.json');
    const expected = raw('resultaten.json').filter((r) => r.procesType === procestype.url).length;
    const url = `${ROOT}/procestypen/${procestype.url}`;
    const byUrl = await get(`/resultaten?procesType=${encodeURIComponent(url)}`);
    expect(byUrl.body.count).toBe(expected);
    for (const r of byUrl.body.results as Json[]) expect(r.procesType).toBe(url);
    const byUuid = await get(`/resultaten?proces_type=${procestype.url}`);
    expect(byUuid.body.count).toBe(expected);
  });

  it('refuses a procesType filter that is not a known procestype', async () => {
    const { status, body } = await get('/resultaten?procesType=http://elders.test/procestypen/nope');
    expect(status).toBe(400);
    expect(body.invalidParams).toEqual([
      expect.objectContaining({ name: 'procesType', code: 'invalid_choice' }),
    ]);
  });

  it('answers an unknown uuid on every detail path with a 404 problem', async () => {
    for (const resource of [
      'procestypen',
      'resultaten',
      'resultaattypeomschrijvingen',
      'communicatiekanalen',
    ]) {
      const { status, type, body } = await get(`/${resource}/00000000-0000-4000-8000-000000000000`);
      expect(status, resource).toBe(404);
      expect(type).toContain('application/problem+json');
      expect(body).toMatchObject({ status: 404, code: 'not_found', title: expect.any(String) });
    }
  });

  it('serves the resultaattypeomschrijvingen the ZGW suite refers to', async () => {
    const list = await get('/resultaattypeomschrijvingen');
    expect(list.body).toHaveLength(raw('resultaattypeomschrijvingen.json').length);
    const afgewezen = await get('/resultaattypeomschrijvingen/e6a0c939-3404-45b0-88e3-76c94fb80ea7');
    expect(afgewezen.body).toEqual({
      url: `${ROOT}/resultaattypeomschrijvingen/e6a0c939-3404-45b0-88e3-76c94fb80ea7`,
      omschrijving: 'Afgewezen',
      definitie: expect.any(String),
      opmerking: expect.any(String),
    });
  });

  it('serves the built-in communicatiekanalen paginated, at stable urls', async () => {
    const { body } = await get('/communicatiekanalen');
    expect(body).toMatchObject({ count: COMMUNICATIEKANALEN.length, next: null, previous: null });
    expect((body.results as Json[]).map((k) => k.naam)).toEqual([
      'E-mail',
      'Telefoon',
      'Balie',
      'Post',
      'Internet',
    ]);
    const email = await get(`/communicatiekanalen/${COMMUNICATIEKANALEN[0].uuid}`);
    expect(email.body).toEqual({
      url: `${ROOT}/communicatiekanalen/${COMMUNICATIEKANALEN[0].uuid}`,
      naam: 'E-mail',
      omschrijving: expect.any(String),
    });
  });

  it('refuses unknown query parameters, like every Loket API', async () => {
    const { status, body } = await get('/procestypen?foo=bar');
    expect(status).toBe(400);
    expect(body.invalidParams).toEqual([expect.objectContaining({ code: 'unknown-parameters' })]);
  });
});

describe('Referentielijsten API outside Loket', () => {
  it('works in a plain Fastify under another prefix', async () => {
    if (!existsSync(dataDir)) return;
    const app = Fastify();
    await registerReferentielijsten(app, { baseUrl: 'http://x.test/', prefix: '/api/v1/', dataDir });
    const res = await app.inject({ url: '/api/v1/procestypen' });
    expect(res.statusCode).toBe(200);
    expect(res.json()[0].url).toMatch(/^http:\/\/x\.test\/api\/v1\/procestypen\//);
    await app.close();
  });

  it('keeps the procesType filter in the page links', async () => {
    if (!existsSync(dataDir)) return;
    const app = Fastify();
    await registerReferentielijsten(app, { baseUrl: BASE, dataDir, pageSize: 10 });
    const procesType = 'a81c84fb-7c70-40fb-b76b-290c973402fa';
    const page2 = (
      await app.inject({ url: `${DEFAULT_PREFIX}/resultaten?procesType=${procesType}&page=2` })
    ).json();
    expect(page2.count).toBe(raw('resultaten.json').filter((r) => r.procesType === procesType).length);
    expect(page2.results).toHaveLength(10);
    expect(page2.next).toBe(`${ROOT}/resultaten?procesType=${procesType}&page=3`);
    expect(page2.previous).toBe(`${ROOT}/resultaten?procesType=${procesType}&page=1`);
    await app.close();
  });

  it('registers nothing, logs why and reports unavailable when the data folder is absent', async () => {
    const logs = memoryLogger('info');
    const app = Fastify({ loggerInstance: logs.log });
    const status = await registerReferentielijsten(app, {
      baseUrl: BASE,
      dataDir: '/nonexistent/referentielijsten',
    });
    expect(status.available).toBe(false);
    expect(status.reason).toContain('/nonexistent/referentielijsten');
    expect(referentielijstenStatus.available).toBe(false);
    expect(logs.lines.join('\n')).toContain('running without selectielijst references');
    expect((await app.inject({ url: `${DEFAULT_PREFIX}/procestypen` })).statusCode).toBe(404);
    await app.close();
  });
});
