import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addTestClient, apiAs } from '../authz/test-support.ts';
import { describeBackends, startTestLoket, type TestLoket } from '../testing/backends.ts';
import { besluittypeBody, informatieobjecttypeBody, newCatalogus, zaaktypeBody } from './test-support.ts';

const ZTC = '/catalogi/api/v1';
type As = ReturnType<typeof apiAs>;
interface Payload {
  kanaal: string;
  hoofdObject: string;
  resource: string;
  resourceUrl: string;
  actie: string;
  aanmaakdatum: string;
  kenmerken: Record<string, string>;
}

describeBackends(
  'Catalogi: besluittypen, informatieobjecttypen and the relations of a zaaktype',
  (database) => {
    let loket: TestLoket;
    let as: As;
    let forced: As;
    let catalogus: string;
    let other: string;

    const codes = (res: { body: { invalidParams?: { name: string; code: string }[] } }) =>
      (res.body.invalidParams ?? []).map((p) => `${p.name} ${p.code}`);
    const create = async (resource: string, body: object) => {
      const res = await as('POST', `${ZTC}/${resource}`, body);
      expect(res.status).toBe(201);
      return res.body.url as string;
    };
    /** The ZGW notifications in the outbox about one resource, oldest first. */
    const notifications = async (resourceUrl: string) =>
      (
        await database()
          .db.selectFrom('outbox_event')
          .select(['topic', 'payload'])
          .where('topic', 'like', 'zgw.%')
          .orderBy('id')
          .execute()
      )
        .map((e) => ({ topic: e.topic, ...(e.payload as Payload) }))
        .filter((p) => p.resourceUrl === resourceUrl);

    beforeAll(async () => {
      const admin = await addTestClient(database().db, {
        autorisaties: [{ component: 'ztc', scopes: ['catalogi.lezen', 'catalogi.schrijven'] }],
      });
      const superuser = await addTestClient(database().db, {
        autorisaties: [{ component: 'ztc', scopes: ['catalogi.lezen', 'catalogi.geforceerd-schrijven'] }],
      });
      loket = await startTestLoket(database(), { config: { baseUrl: 'http://loket.test' } });
      as = apiAs(loket.url, admin);
      forced = apiAs(loket.url, superuser);
      catalogus = await newCatalogus(as, 'TYP1');
      other = await newCatalogus(as, 'TYP2');
    });
    afterAll(async () => loket.stop());

    const kinds: [string, (c: string) => Record<string, unknown>, Record<string, unknown>][] = [
      ['besluittypen', (c) => besluittypeBody(c), { toelichting: 'Anders' }],
      ['informatieobjecttypen', (c) => informatieobjecttypeBody(c), { informatieobjectcategorie: 'anders' }],
    ];

    describe.each(kinds)('published %s', (resource, body, change) => {
      let url: string;
      beforeAll(async () => {
        url = await create(resource, body(catalogus));
        const published = await as('POST', `${url}/publish`);
        expect(published.status).toBe(200);
        expect(published.body.concept).toBe(false);
      });

      it('refuses PUT, PATCH and DELETE with non-concept-object', async () => {
        expect(codes(await as('PUT', url, body(catalogus)))).toEqual(['nonFieldErrors non-concept-object']);
        expect(codes(await as('PATCH', url, change))).toEqual(['nonFieldErrors non-concept-object']);
        expect(codes(await as('DELETE', url))).toEqual(['nonFieldErrors non-concept-object']);
        expect((await as('GET', url)).status).toBe(200);
      });

      it('lets its validity be ended, and only the forced scope change it otherwise', async () => {
        const end = await as('PATCH', url, { eindeGeldigheid: '2025-06-30' });
        expect(end.status).toBe(200);
        expect(end.body.eindeGeldigheid).toBe('2025-06-30');
        const forcedChange = await forced('PATCH', url, change);
        expect(forcedChange.status).toBe(200);
        expect(forcedChange.body).toMatchObject(change);
      });

      it('announces creation and publication on its own kanaal, with the catalogus as kenmerk', async () => {
        const events = await notifications(url);
        expect(events.slice(0, 2)).toEqual([
          expect.objectContaining({
            topic: `zgw.${resource}`,
            kanaal: resource,
            actie: 'create',
            hoofdObject: url,
          }),
          expect.objectContaining({
            topic: `zgw.${resource}`,
            kanaal: resource,
            actie: 'publish',
            hoofdObject: url,
          }),
        ]);
        expect(events[0]?.kenmerken).toEqual({ catalogus });
        expect(events.map((e) => e.actie)).toContain('partial_update');
        expect(Number.isNaN(Date.parse(events[0]?.aanmaakdatum ?? ''))).toBe(false);
      });
    });

    describe('versions of a besluittype', () => {
      it('share the omschrijving, may not overlap once published, and are found by date', async () => {
        const omschrijving = `Versie ${crypto.randomUUID().slice(0, 6)}`;
        const v1 = await create(
          'besluittypen',
          besluittypeBody(catalogus, { omschrijving, eindeGeldigheid: '2025-12-31' }),
        );
        expect((await as('POST', `${v1}/publish`)).status).toBe(200);
        const v2 = await create(
          'besluittypen',
          besluittypeBody(catalogus, { omschrijving, beginGeldigheid: '2026-01-01' }),
        );
        expect((await as('POST', `${v2}/publish`)).status).toBe(200);
        const clash = await create(
          'besluittypen',
          besluittypeBody(catalogus, { omschrijving, beginGeldigheid: '2025-12-01' }),
        );
        expect(codes(await as('POST', `${clash}/publish`))).toEqual(['beginGeldigheid overlap']);

        const on = async (date: string) =>
          (
            await as(
              'GET',
              `${ZTC}/besluittypen?omschrijving=${encodeURIComponent(omschrijving)}&datumGeldigheid=${date}`,
            )
          ).body.results.map((b: { url: string }) => b.url);
        expect(await on('2025-06-01')).toEqual([v1]);
        expect(await on('2026-06-01')).toEqual([v2]);
        expect(await on('2024-06-01')).toEqual([]);
      });

      it('of a zaaktype are found from any version by datumGeldigheid', async () => {
        const v1 = await create('zaaktypen', zaaktypeBody(catalogus, { eindeGeldigheid: '2025-12-31' }));
        const identificatie = (await as('GET', v1)).body.identificatie;
        const v2 = await create(
          'zaaktypen',
          zaaktypeBody(catalogus, {
            identificatie,
            beginGeldigheid: '2026-01-01',
            versiedatum: '2026-01-01',
          }),
        );
        for (const url of [v1, v2]) expect((await as('POST', `${url}/publish`)).status).toBe(200);
        expect((await as('GET', `${v1}?datumGeldigheid=2026-02-01`)).body.url).toBe(v2);
        expect((await as('GET', `${v2}?datumGeldigheid=2025-02-01`)).body.url).toBe(v1);
        expect((await as('GET', `${v2}?datumGeldigheid=2024-02-01`)).status).toBe(404);
      });
    });

    describe('publishing a zaaktype', () => {
      it('is refused while an informatieobjecttype it uses is concept, and allowed once it is published', async () => {
        const zaaktype = await create('zaaktypen', zaaktypeBody(catalogus));
        const iot = await create('informatieobjecttypen', informatieobjecttypeBody(catalogus));
        await create('zaaktype-informatieobjecttypen', {
          zaaktype,
          informatieobjecttype: iot,
          volgnummer: 1,
          richting: 'inkomend',
        });
        expect(codes(await as('POST', `${zaaktype}/publish`))).toEqual(['nonFieldErrors concept-relation']);
        expect((await as('POST', `${iot}/publish`)).status).toBe(200);
        expect((await as('POST', `${zaaktype}/publish`)).status).toBe(200);
      });

      it('is refused while a deelzaaktype is concept', async () => {
        const deel = await create('zaaktypen', zaaktypeBody(catalogus));
        const hoofd = await create('zaaktypen', zaaktypeBody(catalogus, { deelzaaktypen: [deel] }));
        expect(codes(await as('POST', `${hoofd}/publish`))).toEqual(['nonFieldErrors concept-relation']);
        expect((await as('POST', `${deel}/publish`)).status).toBe(200);
        expect((await as('POST', `${hoofd}/publish`)).status).toBe(200);
      });

      it('freezes its child types: no new, changed or deleted statustypen without the forced scope', async () => {
        const zaaktype = await create('zaaktypen', zaaktypeBody(catalogus));
        const statustype = await create('statustypen', {
          omschrijving: 'Ontvangen',
          zaaktype,
          volgnummer: 1,
        });
        expect((await as('POST', `${zaaktype}/publish`)).status).toBe(200);
        expect(codes(await as('PATCH', statustype, { omschrijving: 'Binnen' }))).toEqual([
          'nonFieldErrors non-concept-zaaktype',
        ]);
        expect(codes(await as('DELETE', statustype))).toEqual(['nonFieldErrors non-concept-zaaktype']);
        expect((await forced('PATCH', statustype, { omschrijving: 'Binnen' })).status).toBe(200);
        expect((await forced('DELETE', statustype)).status).toBe(204);
      });

      it('does not stop the forced scope from deleting it', async () => {
        const zaaktype = await create('zaaktypen', zaaktypeBody(catalogus));
        expect((await as('POST', `${zaaktype}/publish`)).status).toBe(200);
        expect(codes(await as('DELETE', zaaktype))).toEqual(['nonFieldErrors non-concept-object']);
        expect((await forced('DELETE', zaaktype)).status).toBe(204);
        expect((await as('GET', zaaktype)).status).toBe(404);
      });
    });

    describe('relations stay within one catalogus', () => {
      it('refuses a zaaktype-informatieobjecttype across catalogi', async () => {
        const zaaktype = await create('zaaktypen', zaaktypeBody(catalogus));
        const iot = await create('informatieobjecttypen', informatieobjecttypeBody(other));
        const res = await as('POST', `${ZTC}/zaaktype-informatieobjecttypen`, {
          zaaktype,
          informatieobjecttype: iot,
          volgnummer: 1,
          richting: 'inkomend',
        });
        expect(res.status).toBe(400);
        expect(codes(res)).toEqual(['nonFieldErrors relations-incorrect-catalogus']);
      });

      it('refuses a besluittype whose zaaktypen or informatieobjecttypen are in another catalogus', async () => {
        const zaaktype = await create('zaaktypen', zaaktypeBody(other));
        const viaZaaktype = await as(
          'POST',
          `${ZTC}/besluittypen`,
          besluittypeBody(catalogus, { zaaktypen: [zaaktype] }),
        );
        expect(codes(viaZaaktype)).toEqual(['nonFieldErrors relations-incorrect-catalogus']);
        const iot = await create('informatieobjecttypen', informatieobjecttypeBody(other));
        const viaIot = await as(
          'POST',
          `${ZTC}/besluittypen`,
          besluittypeBody(catalogus, { informatieobjecttypen: [iot] }),
        );
        expect(codes(viaIot)).toEqual(['nonFieldErrors relations-incorrect-catalogus']);
      });

      it('refuses a deelzaaktype from another catalogus', async () => {
        const deel = await create('zaaktypen', zaaktypeBody(other));
        const res = await as('POST', `${ZTC}/zaaktypen`, zaaktypeBody(catalogus, { deelzaaktypen: [deel] }));
        expect(codes(res)).toEqual(['deelzaaktypen relations-incorrect-catalogus']);
      });
    });

    describe('notifications of child types', () => {
      it('go on kanaal zaaktypen with the zaaktype as hoofdObject', async () => {
        const zaaktype = await create('zaaktypen', zaaktypeBody(catalogus));
        const roltype = await create('roltypen', {
          zaaktype,
          omschrijving: 'Aanvrager',
          omschrijvingGeneriek: 'initiator',
        });
        expect((await as('PATCH', roltype, { omschrijving: 'Indiener' })).status).toBe(200);
        expect((await as('DELETE', roltype)).status).toBe(204);
        const events = await notifications(roltype);
        expect(events.map((e) => [e.topic, e.resource, e.actie, e.hoofdObject])).toEqual([
          ['zgw.zaaktypen', 'roltype', 'create', zaaktype],
          ['zgw.zaaktypen', 'roltype', 'partial_update', zaaktype],
          ['zgw.zaaktypen', 'roltype', 'destroy', zaaktype],
        ]);
        expect(events.every((e) => e.kenmerken.catalogus === catalogus)).toBe(true);
      });

      it('are not written when the change is refused', async () => {
        const zaaktype = await create('zaaktypen', zaaktypeBody(catalogus));
        const before = await notifications(zaaktype);
        expect((await as('PATCH', zaaktype, { vertrouwelijkheidaanduiding: 'geheimpje' })).status).toBe(400);
        expect((await as('PATCH', zaaktype, { verlengingMogelijk: true })).status).toBe(400);
        expect(await notifications(zaaktype)).toEqual(before);
      });
    });
  },
);
