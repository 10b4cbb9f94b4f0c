import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addTestClient, apiAs } from '../authz/test-support.ts';
import { describeBackends, startTestLoket, type TestLoket } from '../testing/backends.ts';
import { newCatalogus, zaaktypeBody } from './test-support.ts';

const ZTC = '/catalogi/api/v1';
type As = ReturnType<typeof apiAs>;

describeBackends('Catalogi: concept, publish and versions', (database) => {
  let loket: TestLoket;
  let as: As;
  let forced: As;
  let catalogus: string;

  beforeAll(async () => {
    // An ordinary catalogue administrator; heeftAlleAutorisaties would include catalogi.geforceerd-schrijven.
    const admin = await addTestClient(database().db, {
      autorisaties: [{ component: 'ztc', scopes: ['catalogi.lezen', 'catalogi.schrijven'] }],
    });
    const superuser = await addTestClient(database().db, {
      autorisaties: [{ component: 'ztc', scopes: ['catalogi.lezen', 'catalogi.geforceerd-schrijven'] }],
    });
    loket = await startTestLoket(database(), { config: { baseUrl: 'http://loket.test' } });
    as = apiAs(loket.url, admin);
    forced = apiAs(loket.url, superuser);
    catalogus = await newCatalogus(as, 'WF1');
  });
  afterAll(async () => loket.stop());

  describe('a concept zaaktype', () => {
    it('can be changed and deleted while concept', async () => {
      const created = await as('POST', `${ZTC}/zaaktypen`, zaaktypeBody(catalogus));
      expect(created.status).toBe(201);
      expect(created.body.concept).toBe(true);
      const patched = await as('PATCH', created.body.url, { omschrijving: 'Aangepast' });
      expect(patched.status).toBe(200);
      expect(patched.body.omschrijving).toBe('Aangepast');
      expect((await as('DELETE', created.body.url)).status).toBe(204);
      expect((await as('GET', created.body.url)).status).toBe(404);
    });
  });

  describe('a published zaaktype', () => {
    let zaaktype: string;
    beforeAll(async () => {
      const created = await as('POST', `${ZTC}/zaaktypen`, zaaktypeBody(catalogus));
      zaaktype = created.body.url;
      const st = await as('POST', `${ZTC}/statustypen`, {
        omschrijving: 'Ontvangen',
        zaaktype,
        volgnummer: 1,
      });
      expect(st.status).toBe(201);
      const published = await as('POST', `${zaaktype}/publish`);
      expect(published.status).toBe(200);
      expect(published.body.concept).toBe(false);
    });

    it('refuses changes and deletion, except ending its validity', async () => {
      const put = await as('PUT', zaaktype, zaaktypeBody(catalogus));
      expect(put.status).toBe(400);
      expect(put.body.invalidParams[0]).toMatchObject({ name: 'nonFieldErrors', code: 'non-concept-object' });
      const patch = await as('PATCH', zaaktype, { omschrijving: 'Anders' });
      expect(patch.status).toBe(400);
      expect((await as('DELETE', zaaktype)).status).toBe(400);
      const end = await as('PATCH', zaaktype, { eindeGeldigheid: '2025-12-31' });
      expect(end.status).toBe(200);
      expect(end.body.eindeGeldigheid).toBe('2025-12-31');
    });

    it('lets only the catalogi.geforceerd-schrijven scope change it anyway', async () => {
      const patch = await forced('PATCH', zaaktype, { doel: 'Met voorrang aangepast' });
      expect(patch.status).toBe(200);
      expect(patch.body.doel).toBe('Met voorrang aangepast');
    });

    it('locks its child types', async () => {
      const st = await as('POST', `${ZTC}/statustypen`, { omschrijving: 'Later', zaaktype, volgnummer: 2 });
      expect(st.status).toBe(400);
      expect(st.body.invalidParams[0].code).toBe('non-concept-zaaktype');
    });

    it('finds the version valid on a date, and refuses overlapping versions', async () => {
      const identificatie = (await as('GET', zaaktype)).body.identificatie;
      const next = await as(
        'POST',
        `${ZTC}/zaaktypen`,
        zaaktypeBody(catalogus, { identificatie, beginGeldigheid: '2026-01-01', versiedatum: '2026-01-01' }),
      );
      expect(next.status).toBe(201);
      expect((await as('POST', `${next.body.url}/publish`)).status).toBe(200);

      const on2025 = await as(
        'GET',
        `${ZTC}/zaaktypen?identificatie=${identificatie}&datumGeldigheid=2025-06-01`,
      );
      expect(on2025.body.results.map((z: { url: string }) => z.url)).toEqual([zaaktype]);
      const on2026 = await as(
        'GET',
        `${ZTC}/zaaktypen?identificatie=${identificatie}&datumGeldigheid=2026-06-01`,
      );
      expect(on2026.body.results.map((z: { url: string }) => z.url)).toEqual([next.body.url]);

      const overlap = await as(
        'POST',
        `${ZTC}/zaaktypen`,
        zaaktypeBody(catalogus, { identificatie, beginGeldigheid: '2026-03-01', versiedatum: '2026-03-01' }),
      );
      const overlapPublish =
        overlap.status === 201 ? await as('POST', `${overlap.body.url}/publish`) : overlap;
      expect(overlapPublish.status).toBe(400);
      expect(JSON.stringify(overlapPublish.body.invalidParams)).toContain('overlap');
    });
  });

  describe('notifications', () => {
    it('announces a new zaaktype and its publication on kanaal zaaktypen', async () => {
      const created = await as('POST', `${ZTC}/zaaktypen`, zaaktypeBody(catalogus));
      expect((await as('POST', `${created.body.url}/publish`)).status).toBe(200);
      const events = await database()
        .db.selectFrom('outbox_event')
        .select(['topic', 'payload'])
        .where('topic', '=', 'zgw.zaaktypen')
        .orderBy('id')
        .execute();
      const mine = events
        .map((e) => e.payload as { resourceUrl: string; actie: string; kenmerken: Record<string, string> })
        .filter((p) => p.resourceUrl === created.body.url);
      expect(mine.map((p) => p.actie)).toEqual(['create', 'publish']);
      expect(mine[0]?.kenmerken).toEqual({ catalogus });
    });
  });

  describe('relations', () => {
    it('refuses publishing while a related besluittype is concept', async () => {
      const bt = await as('POST', `${ZTC}/besluittypen`, {
        catalogus,
        omschrijving: `Besluit ${crypto.randomUUID().slice(0, 6)}`,
        zaaktypen: [],
        publicatieIndicatie: false,
        informatieobjecttypen: [],
        beginGeldigheid: '2025-01-01',
      });
      expect(bt.status).toBe(201);
      const zt = await as(
        'POST',
        `${ZTC}/zaaktypen`,
        zaaktypeBody(catalogus, { besluittypen: [bt.body.url] }),
      );
      expect(zt.status).toBe(201);
      const publish = await as('POST', `${zt.body.url}/publish`);
      expect(publish.status).toBe(400);
      expect(JSON.stringify(publish.body.invalidParams)).toContain('concept-relation');
    });

    it('refuses a relation to a type in another catalogus', async () => {
      const other = await newCatalogus(as, 'WF2');
      const bt = await as('POST', `${ZTC}/besluittypen`, {
        catalogus: other,
        omschrijving: 'Elders',
        zaaktypen: [],
        publicatieIndicatie: false,
        informatieobjecttypen: [],
        beginGeldigheid: '2025-01-01',
      });
      expect(bt.status).toBe(201);
      const zt = await as(
        'POST',
        `${ZTC}/zaaktypen`,
        zaaktypeBody(catalogus, { besluittypen: [bt.body.url] }),
      );
      expect(zt.status).toBe(400);
      expect(JSON.stringify(zt.body.invalidParams)).toContain('relations-incorrect-catalogus');
    });
  });

  describe('bad input', () => {
    it('names every missing field with the ZGW code', async () => {
      const res = await as('POST', `${ZTC}/zaaktypen`, { catalogus });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      const names = res.body.invalidParams.map((p: { name: string }) => p.name);
      expect(names).toEqual(expect.arrayContaining(['identificatie', 'omschrijving', 'doel']));
      expect(res.body.invalidParams.every((p: { code: string }) => p.code === 'required')).toBe(true);
    });

    it('answers a catalogus URL that does not resolve with a 400, never a 500', async () => {
      const res = await as(
        'POST',
        `${ZTC}/zaaktypen`,
        zaaktypeBody('http://loket.test/catalogi/api/v1/catalogussen/00000000-0000-4000-8000-000000000000'),
      );
      expect(res.status).toBe(400);
      expect(res.body.invalidParams[0].name).toBe('catalogus');
    });

    it('refuses a client without catalogi rights', async () => {
      const nobody = await addTestClient(database().db, {
        autorisaties: [{ component: 'zrc', scopes: ['zaken.lezen'] }],
      });
      const res = await apiAs(loket.url, nobody)('POST', `${ZTC}/zaaktypen`, zaaktypeBody(catalogus));
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('permission_denied');
    });
  });
});
