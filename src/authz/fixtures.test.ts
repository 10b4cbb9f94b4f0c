import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBackends, startTestLoket, type TestLoket, testConfig } from '../testing/backends.ts';
import { FIXTURE_ORGANISATION, readDjangoFixtures, seedAuthzFixtures } from './fixtures.ts';
import { loadAuthorisations } from './policy.ts';
import { apiAs } from './test-support.ts';

const SUITE_FIXTURES = join(testConfig().sharedDir, 'specs', 'zgw', 'postman', 'fixtures');

describeBackends('ZGW fixture seeding', (database) => {
  let loket: TestLoket;

  beforeAll(async () => {
    loket = await startTestLoket(database(), { config: { zgwFixtures: SUITE_FIXTURES } });
  });
  afterAll(async () => loket.stop());

  it('lets the suite clients in, with the applicatie of zgw_api_tests holding all autorisaties', async () => {
    const suite = apiAs(loket.url, { clientId: 'zgw_api_tests', secret: 'secret' });
    const res = await suite('GET', '/autorisaties/api/v1/applicaties/consumer?clientId=zgw_api_tests');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      url: expect.stringContaining('/applicaties/4223b169-ebc7-4410-900f-0ea2bf75dd83'),
      clientIds: ['zgw_api_tests'],
      label: 'zgw api tests',
      heeftAlleAutorisaties: true,
      autorisaties: [],
    });
    // The limited client is known but has no applicatie: authenticated, never authorised.
    const limited = apiAs(loket.url, { clientId: 'zgw_api_tests_limited', secret: 'secret_limited' });
    expect((await limited('GET', '/autorisaties/api/v1/applicaties')).status).toBe(403);
  });

  it('seeds the same state when run again, and makes the fixtures win over later changes', async () => {
    const fixtures = readDjangoFixtures(SUITE_FIXTURES);
    const count = async () => ({
      secrets: (await database().db.selectFrom('api_client_secret').select('client_id').execute()).length,
      applicaties: (await database().db.selectFrom('applicatie').select('id').execute()).length,
    });
    const before = await count();
    await database()
      .db.updateTable('applicatie')
      .set({ heeft_alle_autorisaties: false })
      .where('id', '=', '4223b169-ebc7-4410-900f-0ea2bf75dd83')
      .execute();
    expect(await seedAuthzFixtures(database().db, fixtures)).toEqual({ clients: 3, applicaties: 2 });
    expect(await seedAuthzFixtures(database().db, fixtures)).toEqual({ clients: 3, applicaties: 2 });
    expect(await count()).toEqual(before);
    const auth = await loadAuthorisations(database().db, 'zgw_api_tests', FIXTURE_ORGANISATION.id);
    expect(auth).toMatchObject({ applicatieId: '4223b169-ebc7-4410-900f-0ea2bf75dd83', all: true });
  });

  it('reads list fields written as JSON text and seeds autorisaties given in a fixture', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'loket-fixtures-'));
    try {
      writeFileSync(
        join(dir, 'eigen.json'),
        JSON.stringify([
          { model: 'vng_api_common.jwtsecret', pk: 1, fields: { identifier: 'fixture-zaken', secret: 's' } },
          {
            model: 'authorizations.applicatie',
            pk: 7,
            fields: {
              uuid: '0f7e8a44-9a0d-4d0c-8f4e-3c1d2b7a9e55',
              client_ids: '["fixture-zaken"]',
              label: 'zaken',
              heeft_alle_autorisaties: false,
            },
          },
          {
            model: 'authorizations.autorisatie',
            pk: 1,
            fields: {
              applicatie: 7,
              component: 'zrc',
              scopes: '["zaken.lezen"]',
              zaaktype: 'https://example.org/zaaktypen/1',
              max_vertrouwelijkheidaanduiding: 'geheim',
            },
          },
        ]),
      );
      await seedAuthzFixtures(database().db, readDjangoFixtures(dir));
      const auth = await loadAuthorisations(database().db, 'fixture-zaken');
      expect(auth.autorisaties).toEqual([
        {
          component: 'zrc',
          scopes: ['zaken.lezen'],
          zaaktype: 'https://example.org/zaaktypen/1',
          informatieobjecttype: null,
          besluittype: null,
          maxVertrouwelijkheidaanduiding: 'geheim',
        },
      ]);
      writeFileSync(join(dir, 'kapot.json'), '{"geen": "lijst"}');
      expect(() => readDjangoFixtures(dir)).toThrow(/kapot\.json is not a list/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
