import { SignJWT } from 'jose';
import { Type } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  describeBackends,
  memoryLogger,
  startTestLoket,
  type TestLoket,
  testConfig,
} from '../../testing/backends.ts';
import { setClientSecret, verifyZgwToken } from '../auth/zgw-jwt.ts';
import { createServer } from './server.ts';

const SECRET = 'test-secret-for-http';

async function token(claims: Record<string, unknown>, secret = SECRET, alg = 'HS256'): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg, typ: 'JWT' }).sign(new TextEncoder().encode(secret));
}

describeBackends('HTTP layer', (database) => {
  let loket: TestLoket;
  const logs = memoryLogger('info');

  beforeAll(async () => {
    await setClientSecret(database().db, 'http-test', SECRET, 'voorbeeldstad');
    loket = await startTestLoket(database(), {
      log: logs.log,
      config: { bodyLimit: 2048 },
      prepare: ({ app }) => {
        app.post(
          '/test/items',
          {
            config: { auth: 'zgw' },
            schema: {
              body: Type.Object({ naam: Type.String({ maxLength: 20 }), aantal: Type.Integer() }),
              querystring: Type.Object({ dryRun: Type.Optional(Type.Boolean()) }),
            },
          },
          async (req, reply) => {
            await database()
              .db.insertInto('system_setting')
              .values({ key: `item-${req.body.naam}`, value: JSON.stringify(req.body) })
              .execute();
            return reply.status(201).send({ ok: true, client: req.apiClient?.clientId });
          },
        );
      },
    });
  });
  afterAll(async () => loket.stop());

  const post = async (body: string, headers: Record<string, string> = {}) => {
    const auth = await token({ client_id: 'http-test', iat: Math.floor(Date.now() / 1000) });
    return fetch(`${loket.url}/test/items`, {
      method: 'POST',
      headers: { authorization: `Bearer ${auth}`, 'content-type': 'application/json', ...headers },
      body,
    });
  };

  it('accepts a valid request from an authenticated client', async () => {
    const res = await post(JSON.stringify({ naam: 'een', aantal: 1 }));
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ ok: true, client: 'http-test' });
  });

  it('answers malformed JSON with a 400 problem and writes nothing', async () => {
    const res = await post('{"naam": "kapot",');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const body = await res.json();
    expect(body).toMatchObject({ status: 400, code: 'parse_error' });
    expect(body.invalidParams[0].code).toBe('parse_error');
    const rows = await database()
      .db.selectFrom('system_setting')
      .selectAll()
      .where('key', '=', 'item-kapot')
      .execute();
    expect(rows).toHaveLength(0);
  });

  it('answers a wrong content type with 415 problem+json', async () => {
    const res = await post('naam=een', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(res.status).toBe(415);
    expect((await res.json()).code).toBe('unsupported_media_type');
  });

  it('answers an oversized body with 413 problem+json', async () => {
    const res = await post(JSON.stringify({ naam: 'groot', aantal: 1, pad: 'x'.repeat(5000) }));
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });

  it('lists every invalid field with its ZGW code', async () => {
    const res = await post(JSON.stringify({ naam: 'x'.repeat(30) }));
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.invalidParams).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'aantal', code: 'required' }),
        expect.objectContaining({ name: 'naam', code: 'max_length' }),
      ]),
    );
    expect(body.type).toMatch(/\/ref\/fouten\/ValidationError\/$/);
    expect(body.instance).toMatch(/^urn:uuid:/);
  });

  it('rejects unknown query parameters with code unknown-parameters', async () => {
    const res = await fetch(`${loket.url}/health/live?foo=bar`);
    expect(res.status).toBe(400);
    expect((await res.json()).invalidParams).toEqual([
      expect.objectContaining({ name: 'nonFieldErrors', code: 'unknown-parameters' }),
    ]);
  });

  it.each([
    ['no token', async () => ''],
    [
      'a forged token',
      async () =>
        `Bearer ${await token({ client_id: 'http-test', iat: Math.floor(Date.now() / 1000) }, 'wrong')}`,
    ],
    [
      'an expired token',
      async () =>
        `Bearer ${await token({ client_id: 'http-test', iat: Math.floor(Date.now() / 1000) - 7200 })}`,
    ],
    [
      'an unknown client',
      async () => `Bearer ${await token({ client_id: 'nobody', iat: Math.floor(Date.now() / 1000) })}`,
    ],
    ['a token without iat', async () => `Bearer ${await token({ client_id: 'http-test' })}`],
    ['garbage', async () => 'Bearer not.a.jwt'],
    [
      'a token past its exp',
      async () => {
        const now = Math.floor(Date.now() / 1000);
        return `Bearer ${await token({ client_id: 'http-test', iat: now - 600, exp: now - 300 })}`;
      },
    ],
    [
      'a token whose claims were changed after signing',
      async () => {
        const [h, , sig] = (
          await token({ client_id: 'http-test', iat: Math.floor(Date.now() / 1000) })
        ).split('.');
        const other = Buffer.from(
          JSON.stringify({ client_id: 'http-test', iat: Math.floor(Date.now() / 1000), user_id: 'admin' }),
        ).toString('base64url');
        return `Bearer ${h}.${other}.${sig}`;
      },
    ],
    [
      'another algorithm',
      async () =>
        `Bearer ${await token({ client_id: 'http-test', iat: Math.floor(Date.now() / 1000) }, SECRET, 'HS512')}`,
    ],
  ])('answers %s with 401 problem+json', async (_name, makeHeader) => {
    const header = await makeHeader();
    const res = await fetch(`${loket.url}/test/items`, {
      method: 'POST',
      headers: { ...(header ? { authorization: header } : {}), 'content-type': 'application/json' },
      body: JSON.stringify({ naam: 'geweigerd', aantal: 1 }),
    });
    expect(res.status).toBe(401);
    expect((await res.json()).code).toBe('not_authenticated');
    const rows = await database()
      .db.selectFrom('system_setting')
      .selectAll()
      .where('key', '=', 'item-geweigerd')
      .execute();
    expect(rows).toHaveLength(0);
  });

  it('checks a remembered token’s age again, and its signature again after the secret changed', async () => {
    const db = database().db;
    await setClientSecret(db, 'http-rotate', SECRET, 'voorbeeldstad');
    const issued = Math.floor(Date.now() / 1000);
    const auth = `Bearer ${await token({ client_id: 'http-rotate', iat: issued })}`;
    expect((await verifyZgwToken(db, auth, 3600)).clientId).toBe('http-rotate');
    expect((await verifyZgwToken(db, auth, 3600)).organisationId).toBe('voorbeeldstad');
    await expect(verifyZgwToken(db, auth, 3600, () => (issued + 3700) * 1000)).rejects.toMatchObject({
      status: 401,
    });
    await setClientSecret(db, 'http-rotate', 'a-new-secret', 'voorbeeldstad');
    await expect(verifyZgwToken(db, auth, 3600)).rejects.toMatchObject({ status: 401 });
  });

  it('echoes a given request id and makes one otherwise', async () => {
    const given = await fetch(`${loket.url}/health/live`, { headers: { 'x-request-id': 'trace-1234567' } });
    expect(given.headers.get('x-request-id')).toBe('trace-1234567');
    const made = await fetch(`${loket.url}/health/live`);
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('is ready when the database is reachable and migrations are current', async () => {
    const res = await fetch(`${loket.url}/health/ready`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', checks: { database: 'ok', migrations: 'current' } });
  });

  it('answers unknown paths with a 404 problem', async () => {
    const res = await fetch(`${loket.url}/bestaat/niet`);
    expect(res.status).toBe(404);
    expect((await res.json()).code).toBe('not_found');
  });

  it('never writes a BSN from a request into the log', async () => {
    const bsn = '999993653';
    const auth = await token({ client_id: 'http-test', iat: Math.floor(Date.now() / 1000) });
    await fetch(`${loket.url}/test/items?bsn=${bsn}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${auth}`, 'content-type': 'application/json', 'x-bsn': bsn },
      body: JSON.stringify({ naam: bsn, aantal: 'geen getal' }),
    });
    await fetch(`${loket.url}/personen/${bsn}`);
    await fetch(`${loket.url}/test/items`, {
      method: 'POST',
      headers: { authorization: `Bearer ${auth}`, 'content-type': 'application/json' },
      body: `{"bsn": "${bsn}", kapot`,
    });
    loket.log.info({ burgerservicenummer: bsn, note: `lookup for ${bsn}` }, `message with ${bsn}`);
    loket.log.error({ err: new Error(`failed for ${bsn}`) }, 'error path');
    await new Promise((r) => setTimeout(r, 50));
    expect(logs.lines.length).toBeGreaterThan(5);
    expect(logs.lines.some((l) => l.includes('/personen/*********'))).toBe(true);
    for (const line of logs.lines) expect(line).not.toContain(bsn);
  });
});

describe('route registration', () => {
  it('refuses a route that does not say who may call it', async () => {
    const app = createServer(testConfig(), memoryLogger().log, 'test-cookie-secret');
    expect(() => app.get('/open', async () => 'oops')).toThrow(/config.auth/);
  });
});
