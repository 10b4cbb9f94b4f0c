import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addTestClient, apiAs } from '../authz/test-support.ts';
import { describeBackends, startTestLoket, type TestLoket, testConfig } from '../testing/backends.ts';
import { startSubscriber } from './test-support.ts';

const NRC = '/notificaties/api/v1';
const FIXTURES = join(testConfig().sharedDir, 'specs', 'zgw', 'postman', 'fixtures');

describeBackends('Notificaties API', (database) => {
  let loket: TestLoket;
  let as: ReturnType<typeof apiAs>;
  let subscriber: Awaited<ReturnType<typeof startSubscriber>>;

  beforeAll(async () => {
    const client = await addTestClient(database().db, {
      autorisaties: [{ component: 'nrc', scopes: ['notificaties.consumeren', 'notificaties.publiceren'] }],
    });
    loket = await startTestLoket(database(), {
      config: { baseUrl: 'http://loket.test', zgwFixtures: FIXTURES },
    });
    as = apiAs(loket.url, client);
    subscriber = await startSubscriber();
  });
  afterAll(async () => {
    await loket.stop();
    await subscriber.close();
  });

  it('has the standard kanalen, the suite fixture’s kanaal with its own uuid, and filters them by naam', async () => {
    const all = await as('GET', `${NRC}/kanaal`);
    expect(all.status).toBe(200);
    expect(all.headers.get('api-version')).toBe('1.0.0');
    expect(all.body.map((k: { naam: string }) => k.naam)).toEqual(
      expect.arrayContaining([
        'autorisaties',
        'zaken',
        'documenten',
        'besluiten',
        'zaaktypen',
        'besluittypen',
        'informatieobjecttypen',
      ]),
    );
    const zaken = await as('GET', `${NRC}/kanaal?naam=zaken`);
    expect(zaken.body).toEqual([
      {
        url: expect.stringMatching(/^http:\/\/loket\.test\/notificaties\/api\/v1\/kanaal\/[0-9a-f-]{36}$/),
        naam: 'zaken',
        documentatieLink: 'http://loket.test/zaken/api/v1/schema/openapi.yaml',
        filters: ['bronorganisatie', 'zaaktype', 'vertrouwelijkheidaanduiding'],
      },
    ]);
    expect((await as('GET', zaken.body[0].url)).body).toEqual(zaken.body[0]);
    const autorisaties = await as('GET', `${NRC}/kanaal?naam=autorisaties`);
    expect(autorisaties.body[0].url).toMatch(/\/kanaal\/cf5d946e-f31b-47dd-8a3c-61926249b9c5$/);
  });

  it('creates a kanaal once: a second one with the same naam is refused', async () => {
    const created = await as('POST', `${NRC}/kanaal`, { naam: 'meldingen', filters: ['wijk'] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ naam: 'meldingen', documentatieLink: '', filters: ['wijk'] });
    const again = await as('POST', `${NRC}/kanaal`, { naam: 'meldingen' });
    expect(again.status).toBe(400);
    expect(again.body.invalidParams).toEqual([expect.objectContaining({ name: 'naam', code: 'unique' })]);
    const link = await as('POST', `${NRC}/kanaal`, { naam: 'x', documentatieLink: 'geen url' });
    expect(link.body.invalidParams).toEqual([
      expect.objectContaining({ name: 'documentatieLink', code: 'invalid' }),
    ]);
    expect((await as('GET', `${NRC}/kanaal/7f1b0ad2-1d0c-4a87-9d63-2c3fdfa0e6a1`)).status).toBe(404);
  });

  it('tests the callback with the abonnement’s auth header before accepting an abonnement', async () => {
    const res = await as('POST', `${NRC}/abonnement`, {
      callbackUrl: subscriber.url,
      auth: 'Bearer abonnee-geheim',
      kanalen: [{ naam: 'zaken', filters: { bronorganisatie: '002564440' } }],
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      url: expect.stringContaining('/notificaties/api/v1/abonnement/'),
      callbackUrl: subscriber.url,
      kanalen: [{ naam: 'zaken', filters: { bronorganisatie: '002564440' } }],
    });
    const probe = subscriber.received.at(-1)!;
    expect(probe.headers.authorization).toBe('Bearer abonnee-geheim');
    expect(probe.body).toMatchObject({ kanaal: 'test', actie: 'create' });

    subscriber.status = 500;
    const down = await as('POST', `${NRC}/abonnement`, {
      callbackUrl: subscriber.url,
      auth: 'x',
      kanalen: [],
    });
    subscriber.status = 204;
    expect(down.status).toBe(400);
    expect(down.body.invalidParams).toEqual([
      expect.objectContaining({ name: 'nonFieldErrors', code: 'invalid-callback-url' }),
    ]);
    const nowhere = await as('POST', `${NRC}/abonnement`, {
      callbackUrl: 'http://127.0.0.1:9/cb',
      auth: 'x',
      kanalen: [],
    });
    expect(nowhere.body.invalidParams[0].code).toBe('invalid-callback-url');
  });

  it('refuses an abonnement on an unknown kanaal or with filters the kanaal does not have', async () => {
    const res = await as('POST', `${NRC}/abonnement`, {
      callbackUrl: subscriber.url,
      auth: 'x',
      kanalen: [
        { naam: 'bestaat-niet' },
        { naam: 'zaken', filters: { kleur: 'rood', bronorganisatie: '1' } },
      ],
    });
    expect(res.status).toBe(400);
    expect(res.body.invalidParams).toEqual([
      expect.objectContaining({ name: 'kanalen.0.naam', code: 'kanaal_naam' }),
      expect.objectContaining({ name: 'kanalen.1.filters', code: 'inconsistent-abonnement-filters' }),
    ]);
    const missing = await as('POST', `${NRC}/abonnement`, { callbackUrl: subscriber.url, kanalen: [] });
    expect(missing.body.invalidParams).toEqual([expect.objectContaining({ name: 'auth', code: 'required' })]);
  });

  it('reads, lists, replaces, patches and deletes abonnementen, never showing the auth header', async () => {
    const created = await as('POST', `${NRC}/abonnement`, {
      callbackUrl: subscriber.url,
      auth: 'Token a',
      kanalen: [{ naam: 'besluiten' }],
    });
    const url = created.body.url as string;
    const read = await as('GET', url);
    expect(read.body).toEqual({
      url,
      callbackUrl: subscriber.url,
      kanalen: [{ naam: 'besluiten', filters: {} }],
    });
    expect((await as('GET', `${NRC}/abonnement`)).body).toContainEqual(read.body);

    const put = await as('PUT', url, {
      callbackUrl: subscriber.url,
      auth: 'Token b',
      kanalen: [{ naam: 'zaken' }],
    });
    expect(put.body.kanalen).toEqual([{ naam: 'zaken', filters: {} }]);
    expect(subscriber.received.at(-1)!.headers.authorization).toBe('Token b');
    const patch = await as('PATCH', url, {
      kanalen: [{ naam: 'documenten', filters: { informatieobjecttype: '*' } }],
    });
    expect(patch.status).toBe(200);
    expect(patch.body.kanalen).toEqual([{ naam: 'documenten', filters: { informatieobjecttype: '*' } }]);
    expect(subscriber.received.at(-1)!.headers.authorization).toBe('Token b');

    const other = apiAs(
      loket.url,
      await addTestClient(database().db, { organisationId: 'toeslagen', all: true }),
    );
    expect((await other('GET', url)).status).toBe(404);
    expect((await other('GET', `${NRC}/abonnement`)).body).toEqual([]);

    expect((await as('DELETE', url)).status).toBe(204);
    expect((await as('GET', url)).status).toBe(404);
  });

  it('accepts a notification only on an existing kanaal with kenmerken that fit it', async () => {
    const message = {
      kanaal: 'zaken',
      hoofdObject: 'https://zaken.example/api/v1/zaken/1',
      resource: 'zaak',
      resourceUrl: 'https://zaken.example/api/v1/zaken/1',
      actie: 'create',
      aanmaakdatum: '2026-11-23T10:00:00Z',
      kenmerken: {
        bronorganisatie: '002564440',
        zaaktype: 'https://catalogi.example/zaaktypen/1',
        vertrouwelijkheidaanduiding: 'openbaar',
      },
    };
    const ok = await as('POST', `${NRC}/notificaties`, message);
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual(message);
    const unknown = await as('POST', `${NRC}/notificaties`, { ...message, kanaal: 'bestaat-niet' });
    expect(unknown.body.invalidParams).toEqual([
      expect.objectContaining({ name: 'kanaal', code: 'message_kanaal' }),
    ]);
    const odd = await as('POST', `${NRC}/notificaties`, { ...message, kenmerken: { kleur: 'rood' } });
    expect(odd.body.invalidParams).toEqual([
      expect.objectContaining({ name: 'kenmerken', code: 'kenmerken_inconsistent' }),
    ]);
    const incomplete = await as('POST', `${NRC}/notificaties`, { kanaal: 'zaken' });
    expect(incomplete.body.invalidParams.map((p: { name: string }) => p.name).sort()).toEqual([
      'aanmaakdatum',
      'actie',
      'hoofdObject',
      'resource',
      'resourceUrl',
    ]);
  });

  it('refuses clients without the notificaties scopes', async () => {
    const reader = apiAs(
      loket.url,
      await addTestClient(database().db, {
        autorisaties: [{ component: 'nrc', scopes: ['notificaties.consumeren'] }],
      }),
    );
    expect((await reader('GET', `${NRC}/kanaal`)).status).toBe(200);
    const res = await reader('POST', `${NRC}/kanaal`, { naam: 'mag-niet' });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('permission_denied');
  });
});
