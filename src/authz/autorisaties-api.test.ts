import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBackends, startTestLoket, type TestLoket } from '../testing/backends.ts';
import { addTestClient, apiAs, type TestClient } from './test-support.ts';

const AC = '/autorisaties/api/v1';
const ZAAKTYPE = 'https://catalogi.example/catalogi/api/v1/zaaktypen/0b5c2b3e-4a57-4d52-a8a7-2e9cc3b1e3a1';

const zrc = (extra: Record<string, unknown> = {}) => ({
  component: 'zrc',
  componentWeergave: 'Zaakregistratiecomponent',
  scopes: ['zaken.lezen'],
  zaaktype: ZAAKTYPE,
  maxVertrouwelijkheidaanduiding: 'openbaar',
  ...extra,
});

describeBackends('Autorisaties API', (database) => {
  let loket: TestLoket;
  let admin: TestClient;
  let as: ReturnType<typeof apiAs>;

  beforeAll(async () => {
    admin = await addTestClient(database().db, { all: true });
    loket = await startTestLoket(database(), { config: { baseUrl: 'http://loket.test' } });
    as = apiAs(loket.url, admin);
  });
  afterAll(async () => loket.stop());

  it('creates an applicatie with several client ids, keeping their order', async () => {
    const res = await as('POST', `${AC}/applicaties`, {
      clientIds: ['order-b', 'order-a'],
      label: 'Zaaksysteem',
      autorisaties: [zrc(), { component: 'ztc', scopes: ['catalogi.lezen'], zaaktype: 'genegeerd' }],
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(res.body.url);
    expect(res.body).toEqual({
      url: expect.stringMatching(/^http:\/\/loket\.test\/autorisaties\/api\/v1\/applicaties\/[0-9a-f-]{36}$/),
      clientIds: ['order-b', 'order-a'],
      label: 'Zaaksysteem',
      heeftAlleAutorisaties: false,
      autorisaties: [
        {
          component: 'zrc',
          componentWeergave: 'Zaakregistratiecomponent',
          scopes: ['zaken.lezen'],
          zaaktype: ZAAKTYPE,
          maxVertrouwelijkheidaanduiding: 'openbaar',
        },
        { component: 'ztc', componentWeergave: 'Zaaktypecatalogus', scopes: ['catalogi.lezen'] },
      ],
    });
    const read = await as('GET', res.body.url);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(res.body);
  });

  it('refuses a client id that another applicatie already has (clientId-exists)', async () => {
    await as('POST', `${AC}/applicaties`, {
      clientIds: ['taken-1'],
      label: 'Eerste',
      heeftAlleAutorisaties: true,
    });
    const res = await as('POST', `${AC}/applicaties`, {
      clientIds: ['taken-1'],
      label: 'Tweede',
      heeftAlleAutorisaties: true,
      autorisaties: [],
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.invalidParams).toEqual([
      expect.objectContaining({ name: 'clientIds', code: 'clientId-exists' }),
    ]);
  });

  it('refuses heeftAlleAutorisaties together with autorisaties (ambiguous-authorizations-specified)', async () => {
    const res = await as('POST', `${AC}/applicaties`, {
      clientIds: ['ambiguous'],
      label: 'Beide',
      heeftAlleAutorisaties: true,
      autorisaties: [zrc()],
    });
    expect(res.status).toBe(400);
    expect(res.body.invalidParams).toEqual([
      expect.objectContaining({ name: 'nonFieldErrors', code: 'ambiguous-authorizations-specified' }),
    ]);
  });

  it('refuses an applicatie with neither heeftAlleAutorisaties nor autorisaties (missing-authorizations)', async () => {
    const res = await as('POST', `${AC}/applicaties`, {
      clientIds: ['missing'],
      label: 'Niets',
      heeftAlleAutorisaties: false,
      autorisaties: [],
    });
    expect(res.status).toBe(400);
    expect(res.body.invalidParams).toEqual([
      expect.objectContaining({ name: 'nonFieldErrors', code: 'missing-authorizations' }),
    ]);
  });

  it.each([
    [
      'zrc',
      'zaken.lezen',
      { zaaktype: '', maxVertrouwelijkheidaanduiding: '' },
      ['maxVertrouwelijkheidaanduiding', 'zaaktype'],
    ],
    [
      'drc',
      'documenten.lezen',
      { informatieobjecttype: '', maxVertrouwelijkheidaanduiding: '' },
      ['informatieobjecttype', 'maxVertrouwelijkheidaanduiding'],
    ],
    ['brc', 'besluiten.lezen', { besluittype: '' }, ['besluittype']],
  ])(
    'requires the type fields for a %s autorisatie with scope %s',
    async (component, scope, empty, required) => {
      const res = await as('POST', `${AC}/applicaties`, {
        clientIds: [`required-${component}`],
        label: 'Zonder type',
        autorisaties: [{ component, scopes: [scope], ...empty }],
      });
      expect(res.status).toBe(400);
      const names = res.body.invalidParams
        .map((p: { name: string; code: string }) => `${p.name}:${p.code}`)
        .sort();
      expect(names).toEqual(required.map((f) => `autorisaties.0.${f}:required`));

      const other = await as('POST', `${AC}/applicaties`, {
        clientIds: [`optional-${component}`],
        label: 'Zonder hoofdscope',
        autorisaties: [{ component, scopes: ['notificaties.publiceren'], ...empty }],
      });
      expect(other.status).toBe(201);
      for (const field of Object.keys(empty)) expect(other.body.autorisaties[0][field]).toBe('');
    },
  );

  it('names every invalid field with its ZGW code', async () => {
    const res = await as('POST', `${AC}/applicaties`, {
      clientIds: ['x'.repeat(51)],
      autorisaties: [{ component: 'xyz', scopes: ['a'], zaaktype: 'geen url' }],
    });
    expect(res.status).toBe(400);
    expect(res.body.invalidParams).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'label', code: 'required' }),
        expect.objectContaining({ name: 'clientIds.0', code: 'max_length' }),
        expect.objectContaining({ name: 'autorisaties.0.component', code: 'invalid_choice' }),
      ]),
    );
    const url = await as('POST', `${AC}/applicaties`, {
      clientIds: ['bad-url'],
      label: 'Foute URL',
      autorisaties: [zrc({ zaaktype: 'geen url' })],
    });
    expect(url.body.invalidParams).toEqual([
      expect.objectContaining({ name: 'autorisaties.0.zaaktype', code: 'invalid' }),
    ]);
  });

  it('lists applicaties paginated, newest first, filtered on all given clientIds', async () => {
    const a = await as('POST', `${AC}/applicaties`, {
      clientIds: ['list-1', 'list-2'],
      label: 'A',
      heeftAlleAutorisaties: true,
    });
    const b = await as('POST', `${AC}/applicaties`, {
      clientIds: ['list-3'],
      label: 'B',
      heeftAlleAutorisaties: true,
    });
    const all = await as('GET', `${AC}/applicaties`);
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ next: null, previous: null });
    expect(all.body.count).toBe(all.body.results.length);
    expect(all.body.results.findIndex((r: { url: string }) => r.url === b.body.url)).toBeLessThan(
      all.body.results.findIndex((r: { url: string }) => r.url === a.body.url),
    );
    const one = await as('GET', `${AC}/applicaties?clientIds=list-1,list-2`);
    expect(one.body).toMatchObject({ count: 1, results: [{ url: a.body.url }] });
    const none = await as('GET', `${AC}/applicaties?clientIds=list-1,list-3`);
    expect(none.body).toMatchObject({ count: 0, results: [] });
    expect((await as('GET', `${AC}/applicaties?page=99`)).status).toBe(404);
    expect((await as('GET', `${AC}/applicaties?foo=bar`)).body.invalidParams[0].code).toBe(
      'unknown-parameters',
    );
  });

  it('replaces with PUT, changes part with PATCH and deletes, each time publishing on kanaal autorisaties', async () => {
    const created = await as('POST', `${AC}/applicaties`, {
      clientIds: ['change-1'],
      label: 'Oud',
      autorisaties: [zrc()],
    });
    const url = created.body.url as string;
    const put = await as('PUT', url, { clientIds: ['change-1', 'change-2'], label: 'Nieuw' });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({
      clientIds: ['change-1', 'change-2'],
      label: 'Nieuw',
      autorisaties: [{ component: 'zrc' }],
    });

    const ambiguous = await as('PATCH', url, { heeftAlleAutorisaties: true });
    expect(ambiguous.body.invalidParams[0].code).toBe('ambiguous-authorizations-specified');
    const patch = await as('PATCH', url, { heeftAlleAutorisaties: true, autorisaties: [] });
    expect(patch.status).toBe(200);
    expect(patch.body).toMatchObject({ label: 'Nieuw', heeftAlleAutorisaties: true, autorisaties: [] });

    expect((await as('DELETE', url)).status).toBe(204);
    expect((await as('GET', url)).status).toBe(404);
    expect((await as('DELETE', url)).status).toBe(404);
    expect((await as('GET', `${AC}/applicaties/geen-uuid`)).status).toBe(404);

    const events = await database()
      .db.selectFrom('outbox_event')
      .select(['topic', 'payload', 'organisation_id'])
      .where('topic', '=', 'zgw.autorisaties')
      .orderBy('id')
      .execute();
    const mine = events.filter((e) => (e.payload as { resourceUrl: string }).resourceUrl === url);
    expect(mine.map((e) => (e.payload as { actie: string }).actie)).toEqual([
      'create',
      'update',
      'partial_update',
      'destroy',
    ]);
    expect(mine[0]).toMatchObject({
      organisation_id: 'voorbeeldstad',
      payload: {
        kanaal: 'autorisaties',
        hoofdObject: url,
        resource: 'applicatie',
        resourceUrl: url,
        kenmerken: {},
      },
    });
  });

  it('answers /applicaties/consumer with the applicatie of a client id, or 404', async () => {
    const created = await as('POST', `${AC}/applicaties`, {
      clientIds: ['consumer-1'],
      label: 'C',
      heeftAlleAutorisaties: true,
    });
    const found = await as('GET', `${AC}/applicaties/consumer?clientId=consumer-1`);
    expect(found.status).toBe(200);
    expect(found.body).toEqual(created.body);
    expect((await as('GET', `${AC}/applicaties/consumer?clientId=onbekend`)).status).toBe(404);
    const missing = await as('GET', `${AC}/applicaties/consumer`);
    expect(missing.status).toBe(400);
    expect(missing.body.invalidParams).toEqual([
      expect.objectContaining({ name: 'clientId', code: 'required' }),
    ]);
  });

  it('applies a change of autorisaties to the very next request of that client', async () => {
    const limited = await addTestClient(database().db);
    const asLimited = apiAs(loket.url, limited);
    const before = await asLimited('GET', `${AC}/applicaties`);
    expect(before.status).toBe(403);
    expect(before.body.code).toBe('permission_denied');

    const app = await as('POST', `${AC}/applicaties`, {
      clientIds: [limited.clientId],
      label: 'Beperkt',
      autorisaties: [{ component: 'ac', scopes: ['autorisaties.lezen'] }],
    });
    expect((await asLimited('GET', `${AC}/applicaties`)).status).toBe(200);
    expect(
      (
        await asLimited('POST', `${AC}/applicaties`, {
          clientIds: ['y'],
          label: 'y',
          heeftAlleAutorisaties: true,
        })
      ).status,
    ).toBe(403);

    await as('PATCH', app.body.url, {
      autorisaties: [{ component: 'zrc', scopes: ['notificaties.publiceren'] }],
    });
    expect((await asLimited('GET', `${AC}/applicaties`)).status).toBe(403);
    await as('PATCH', app.body.url, { autorisaties: [{ component: 'ac', scopes: ['autorisaties.lezen'] }] });
    expect((await asLimited('GET', `${AC}/applicaties`)).status).toBe(200);
    await as('DELETE', app.body.url);
    expect((await asLimited('GET', `${AC}/applicaties`)).status).toBe(403);
  });

  it('keeps the applicaties of one organisation apart from another', async () => {
    const other = await addTestClient(database().db, { organisationId: 'toeslagen', all: true });
    const asOther = apiAs(loket.url, other);
    const mine = await as('POST', `${AC}/applicaties`, {
      clientIds: ['tenant-1'],
      label: 'Van ons',
      heeftAlleAutorisaties: true,
    });
    expect((await asOther('GET', mine.body.url)).status).toBe(404);
    expect((await asOther('GET', `${AC}/applicaties?clientIds=tenant-1`)).body.count).toBe(0);

    // An applicatie in another organisation gives a client no rights in its own.
    const stranger = await addTestClient(database().db);
    await asOther('POST', `${AC}/applicaties`, {
      clientIds: [stranger.clientId],
      label: 'Vreemd',
      heeftAlleAutorisaties: true,
    });
    expect((await apiAs(loket.url, stranger)('GET', `${AC}/applicaties`)).status).toBe(403);
  });

  it('answers a request without a valid token with 401', async () => {
    const res = await fetch(`${loket.url}${AC}/applicaties`);
    expect(res.status).toBe(401);
    expect((await res.json()).code).toBe('not_authenticated');
  });
});
