import { createServer } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addTestClient, apiAs } from '../authz/test-support.ts';
import { newCatalogus, zaaktypeBody } from '../catalog/test-support.ts';
import { DRC, eioBody, publishedType } from '../documenten/test-support.ts';
import { DEFAULT_PREFIX, defaultDataDir, registerReferentielijsten } from '../referentielijsten/index.ts';
import { describeBackends, startTestLoket, type TestLoket, testConfig } from '../testing/backends.ts';
import { casesOfSubject } from './index.ts';
import { createBatcherOf } from './store.ts';

const ZTC = '/catalogi/api/v1';
const ZRC = '/zaken/api/v1';
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

const CRS = { 'accept-crs': 'EPSG:4326', 'content-crs': 'EPSG:4326' };

describeBackends('Zaken API', (database, backend) => {
  let loket: TestLoket;
  let as: ReturnType<typeof apiAs>;
  let zaaktype: string;
  let begin: string;
  let eind: string;
  let resultaattype: string;
  let initiator: string;
  let kleur: string;
  let catalogus: string;
  let referentielijsten: FastifyInstance;

  const zaak = (extra: Record<string, unknown> = {}) =>
    as(
      'POST',
      `${ZRC}/zaken`,
      {
        bronorganisatie: '000000000',
        verantwoordelijkeOrganisatie: '000000000',
        startdatum: '2025-02-01',
        zaaktype,
        ...extra,
      },
      CRS,
    );

  beforeAll(async () => {
    const admin = await addTestClient(database().db, { all: true });
    // The national Referentielijsten API is the outside world: a separate local server stands in for it.
    const port = await freePort();
    const root = `http://127.0.0.1:${port}`;
    referentielijsten = Fastify();
    await registerReferentielijsten(referentielijsten, {
      baseUrl: root,
      dataDir: defaultDataDir(testConfig().sharedDir),
    });
    await referentielijsten.listen({ port, host: '127.0.0.1' });
    loket = await startTestLoket(database(), {
      config: { baseUrl: 'http://loket.test', referentielijstenUrl: `${root}${DEFAULT_PREFIX}` },
    });
    as = apiAs(loket.url, admin);
    catalogus = await newCatalogus(as, 'ZRC');
    const lijst = `${loket.context.config.referentielijstenUrl}`;
    const procestypen = (await fetch(`${lijst}/procestypen`).then((r) => r.json())) as { url: string }[];
    const procestype = procestypen[0]?.url as string;
    zaaktype = (
      await as('POST', `${ZTC}/zaaktypen`, zaaktypeBody(catalogus, { selectielijstProcestype: procestype }))
    ).body.url;
    begin = (await as('POST', `${ZTC}/statustypen`, { omschrijving: 'Ontvangen', zaaktype, volgnummer: 1 }))
      .body.url;
    eind = (await as('POST', `${ZTC}/statustypen`, { omschrijving: 'Afgehandeld', zaaktype, volgnummer: 2 }))
      .body.url;
    const omschrijvingen = (await fetch(`${lijst}/resultaattypeomschrijvingen`).then((r) => r.json())) as {
      url: string;
    }[];
    const resultaten = (await fetch(`${lijst}/resultaten?procesType=${encodeURIComponent(procestype)}`).then(
      (r) => r.json(),
    )) as { results: { url: string }[] };
    const created = await as('POST', `${ZTC}/resultaattypen`, {
      zaaktype,
      omschrijving: 'Toegekend',
      resultaattypeomschrijving: omschrijvingen[0]?.url,
      selectielijstklasse: resultaten.results[0]?.url,
      archiefnominatie: 'vernietigen',
      archiefactietermijn: 'P10Y',
      brondatumArchiefprocedure: {
        afleidingswijze: 'afgehandeld',
        datumkenmerk: '',
        objecttype: '',
        registratie: '',
        procestermijn: null,
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    resultaattype = created.body.url;
    initiator = (
      await as('POST', `${ZTC}/roltypen`, {
        zaaktype,
        omschrijving: 'Aanvrager',
        omschrijvingGeneriek: 'initiator',
      })
    ).body.url;
    kleur = (
      await as('POST', `${ZTC}/eigenschappen`, {
        naam: 'kleur',
        definitie: 'kleur',
        zaaktype,
        specificatie: { formaat: 'tekst', lengte: '20', kardinaliteit: '1', waardenverzameling: [] },
      })
    ).body.url;
    expect((await as('POST', `${zaaktype}/publish`)).status).toBe(200);
  });
  afterAll(async () => {
    await loket.stop();
    await referentielijsten.close();
  });

  describe('a new zaak', () => {
    it('demands the coordinate system, and only EPSG:4326', async () => {
      const body = {
        bronorganisatie: '000000000',
        verantwoordelijkeOrganisatie: '000000000',
        startdatum: '2025-02-01',
        zaaktype,
      };
      expect((await as('POST', `${ZRC}/zaken`, body)).status).toBe(412);
      expect((await as('POST', `${ZRC}/zaken`, body, { 'content-crs': 'EPSG:28992' })).status).toBe(406);
    });

    it('gets a unique identificatie per bronorganisatie, and refuses a duplicate', async () => {
      const a = await zaak();
      const b = await zaak();
      expect(a.status).toBe(201);
      expect(a.headers.get('content-crs')).toBe('EPSG:4326');
      expect(a.body.identificatie).toMatch(/^ZAAK-2025-\d{10}$/);
      expect(b.body.identificatie).not.toBe(a.body.identificatie);
      const dup = await zaak({ identificatie: a.body.identificatie });
      expect(dup.status).toBe(400);
      expect(dup.body.invalidParams[0]).toMatchObject({
        name: 'identificatie',
        code: 'identificatie-niet-uniek',
      });
    });

    it('names every missing field, then an invalid RSIN', async () => {
      const res = await as('POST', `${ZRC}/zaken`, { bronorganisatie: '000000000' }, CRS);
      expect(res.status).toBe(400);
      const names = res.body.invalidParams.map((p: { name: string; code: string }) => `${p.name}:${p.code}`);
      expect(names.sort()).toEqual([
        'startdatum:required',
        'verantwoordelijkeOrganisatie:required',
        'zaaktype:required',
      ]);
      const rsin = await zaak({ bronorganisatie: '123456789' });
      expect(rsin.status).toBe(400);
      expect(rsin.body.invalidParams).toEqual([
        expect.objectContaining({ name: 'bronorganisatie', code: 'invalid' }),
      ]);
    });

    it('keeps its zaaktype and identificatie', async () => {
      const z = (await zaak()).body;
      const res = await as('PATCH', z.url, { identificatie: 'ANDERS' }, CRS);
      expect(res.status).toBe(400);
      expect(res.body.invalidParams[0].code).toBe('wijzigen-niet-toegelaten');
    });

    it('follows a forced change of its published zaaktype at once', async () => {
      const other = (await as('POST', `${ZTC}/zaaktypen`, zaaktypeBody(catalogus))).body.url as string;
      expect((await as('POST', `${other}/publish`)).status).toBe(200);
      // The first zaak reads the zaaktype; the second uses it as remembered.
      for (let i = 0; i < 2; i++)
        expect((await zaak({ zaaktype: other })).body.vertrouwelijkheidaanduiding).toBe('openbaar');
      const changed = await as('PATCH', other, { vertrouwelijkheidaanduiding: 'vertrouwelijk' });
      expect(changed.status, JSON.stringify(changed.body)).toBe(200);
      const after = await zaak({ zaaktype: other });
      expect(after.status).toBe(201);
      expect(after.body.vertrouwelijkheidaanduiding).toBe('vertrouwelijk');
    });
    it('are made together when they come at once, each with its own number, trail and notification', async () => {
      const db = database().db;
      const counted = async () =>
        (await as('GET', `${ZRC}/zaken?zaaktype=${encodeURIComponent(zaaktype)}`, undefined, CRS)).body.count;
      const countBefore = await counted();
      const before = { ...(createBatcherOf(db)?.done ?? { batches: 0, items: 0 }) };
      const made = await Promise.all([
        ...Array.from({ length: 22 }, () => zaak()),
        zaak({ identificatie: 'SAMEN-1' }),
        zaak({ identificatie: 'SAMEN-1' }),
      ]);
      const after = createBatcherOf(db)?.done ?? { batches: 0, items: 0 };
      expect(after.items - before.items).toBeGreaterThanOrEqual(24);
      // PGlite runs each statement on Node's own thread, so there the inserts of the requests never overlap.
      if (backend === 'postgres')
        expect(after.batches - before.batches).toBeLessThan(after.items - before.items);
      expect(made.map((r) => r.status).sort()).toEqual([...Array(23).fill(201), 400]);
      const refused = made.find((r) => r.status === 400);
      expect(refused?.body.invalidParams[0].code).toBe('identificatie-niet-uniek');
      const zaken = made.filter((r) => r.status === 201).map((r) => r.body);
      expect(new Set(zaken.map((z) => z.identificatie)).size).toBe(23);
      expect(await counted()).toBe(countBefore + 23);
      for (const z of zaken) {
        const trail = (await as('GET', `${z.url}/audittrail`)).body;
        expect(trail).toHaveLength(1);
        expect(trail[0]).toMatchObject({ actie: 'create', resourceWeergave: z.identificatie });
        expect(trail[0].wijzigingen.nieuw.identificatie).toBe(z.identificatie);
      }
      const { rows } = await sql<{ url: string }>`select payload ->> 'resourceUrl' as url from outbox_event
        where topic = 'zgw.zaken' and payload ->> 'resourceUrl' = any(${zaken.map((z) => z.url)})`.execute(
        db,
      );
      expect(rows.map((r) => r.url).sort()).toEqual(zaken.map((z) => z.url).sort());
    });
  });

  describe('closing and reopening', () => {
    it('closes on the end status with a resultaat, deriving the archive dates; reopening needs its scope', async () => {
      const z = (await zaak()).body;
      expect(
        (
          await as('POST', `${ZRC}/statussen`, {
            zaak: z.url,
            statustype: begin,
            datumStatusGezet: '2025-02-01T10:00:00Z',
          })
        ).status,
      ).toBe(201);
      const early = await as('POST', `${ZRC}/statussen`, {
        zaak: z.url,
        statustype: eind,
        datumStatusGezet: '2025-03-01T10:00:00Z',
      });
      expect(early.status).toBe(400);
      expect(early.body.invalidParams[0].code).toBe('resultaat-does-not-exist');
      const res = await as('POST', `${ZRC}/resultaten`, { zaak: z.url, resultaattype });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(
        (
          await as('POST', `${ZRC}/statussen`, {
            zaak: z.url,
            statustype: eind,
            datumStatusGezet: '2025-03-01T10:00:00Z',
          })
        ).status,
      ).toBe(201);
      const closed = (await as('GET', z.url, undefined, CRS)).body;
      expect(closed).toMatchObject({
        einddatum: '2025-03-01',
        archiefnominatie: 'vernietigen',
        archiefactiedatum: '2035-03-01',
      });

      const limited = await addTestClient(database().db, {
        autorisaties: [
          {
            component: 'zrc',
            scopes: ['zaken.lezen', 'zaken.bijwerken', 'zaken.statussen.toevoegen'],
            zaaktype,
            maxVertrouwelijkheidaanduiding: 'zeer_geheim',
          },
        ],
      });
      const asLimited = apiAs(loket.url, limited);
      expect((await asLimited('PATCH', z.url, { omschrijving: 'Te laat' }, CRS)).status).toBe(403);
      expect(
        (
          await asLimited('POST', `${ZRC}/statussen`, {
            zaak: z.url,
            statustype: begin,
            datumStatusGezet: '2025-04-01T10:00:00Z',
          })
        ).status,
      ).toBe(403);
      expect(
        (
          await as('POST', `${ZRC}/statussen`, {
            zaak: z.url,
            statustype: begin,
            datumStatusGezet: '2025-04-01T10:00:00Z',
          })
        ).status,
      ).toBe(201);
      expect((await as('GET', z.url, undefined, CRS)).body).toMatchObject({
        einddatum: null,
        archiefnominatie: null,
      });
    });
  });

  describe('archiving', () => {
    it('needs archiefnominatie, archiefactiedatum and only archived documents', async () => {
      const z = (await zaak()).body;
      const archive = { archiefstatus: 'gearchiveerd' };
      const refused = async (body: Record<string, unknown>) => {
        const res = await as('PATCH', z.url, body, CRS);
        expect(res.status, JSON.stringify(res.body)).toBe(400);
        return res.body.invalidParams.map((p: { name: string; code: string }) => `${p.name} ${p.code}`);
      };
      expect(await refused(archive)).toEqual(['archiefnominatie archiefnominatie-not-set']);
      expect(await refused({ ...archive, archiefnominatie: 'vernietigen' })).toEqual([
        'archiefactiedatum archiefactiedatum-not-set',
      ]);

      const iot = await publishedType(as, catalogus);
      const ziot = await as('POST', `${ZTC}/zaaktype-informatieobjecttypen`, {
        zaaktype,
        informatieobjecttype: iot,
        volgnummer: 1,
        richting: 'inkomend',
      });
      expect(ziot.status, JSON.stringify(ziot.body)).toBe(201);
      const eio = (await as('POST', `${DRC}/enkelvoudiginformatieobjecten`, eioBody(iot))).body;
      const zio = await as('POST', `${ZRC}/zaakinformatieobjecten`, {
        zaak: z.url,
        informatieobject: eio.url,
      });
      expect(zio.status, JSON.stringify(zio.body)).toBe(201);
      const complete = { ...archive, archiefnominatie: 'vernietigen', archiefactiedatum: '2035-03-01' };
      expect(await refused(complete)).toEqual(['archiefstatus documents-not-archived']);

      const { lock } = (await as('POST', `${eio.url}/lock`)).body;
      expect((await as('PATCH', eio.url, { status: 'gearchiveerd', lock })).status).toBe(200);
      expect((await as('POST', `${eio.url}/unlock`, { lock })).status).toBe(204);
      const archived = await as('PATCH', z.url, complete, CRS);
      expect(archived.status, JSON.stringify(archived.body)).toBe(200);
      expect(archived.body).toMatchObject(complete);
    });
  });

  describe('date-times without offset', () => {
    it('are accepted and read as UTC, as the reference implementation does', async () => {
      const z = (await zaak()).body;
      expect((await as('POST', `${ZRC}/resultaten`, { zaak: z.url, resultaattype })).status).toBe(201);
      const status = await as('POST', `${ZRC}/statussen`, {
        zaak: z.url,
        statustype: eind,
        datumStatusGezet: '2025-03-01T23:30:00',
      });
      expect(status.status, JSON.stringify(status.body)).toBe(201);
      expect(status.body.datumStatusGezet).toBe('2025-03-01T23:30:00.000Z');
      // The einddatum is the UTC date of the end status (not the next day in Amsterdam, nor a local reading).
      expect((await as('GET', z.url, undefined, CRS)).body.einddatum).toBe('2025-03-01');
      const kc = await as('POST', `${ZRC}/klantcontacten`, {
        zaak: z.url,
        datumtijd: '2025-02-02T10:00:00',
        kanaal: 'telefoon',
      });
      expect(kc.status, JSON.stringify(kc.body)).toBe(201);
      expect(kc.body.datumtijd).toBe('2025-02-02T10:00:00.000Z');
      const paid = await zaak({ betalingsindicatie: 'geheel', laatsteBetaaldatum: '2025-02-03T09:00:00' });
      expect(paid.status).toBe(201);
      expect(paid.body.laatsteBetaaldatum).toBe('2025-02-03T09:00:00.000Z');
    });

    it('still refuses what is no date-time, and betalingsindicatie nvt with a betaaldatum', async () => {
      const bad = await zaak({ betalingsindicatie: 'geheel', laatsteBetaaldatum: '2025-13-03T09:00:00' });
      expect(bad.status).toBe(400);
      expect(bad.body.invalidParams[0]).toMatchObject({ name: 'laatsteBetaaldatum', code: 'invalid' });
      const nvt = await zaak({ betalingsindicatie: 'nvt', laatsteBetaaldatum: '2025-02-03T09:00:00' });
      expect(nvt.status).toBe(400);
      expect(nvt.body.invalidParams[0]).toMatchObject({ name: 'laatsteBetaaldatum', code: 'betaling-nvt' });
    });
  });

  describe('who sees what', () => {
    it('lists and shows only zaken of the zaaktypen and confidentiality a client may read', async () => {
      await zaak({ vertrouwelijkheidaanduiding: 'geheim' });
      const reader = await addTestClient(database().db, {
        autorisaties: [
          { component: 'zrc', scopes: ['zaken.lezen'], zaaktype, maxVertrouwelijkheidaanduiding: 'openbaar' },
        ],
      });
      const stranger = await addTestClient(database().db, {
        autorisaties: [
          {
            component: 'zrc',
            scopes: ['zaken.lezen'],
            zaaktype: `${zaaktype}x`,
            maxVertrouwelijkheidaanduiding: 'zeer_geheim',
          },
        ],
      });
      const all = (await as('GET', `${ZRC}/zaken`, undefined, CRS)).body;
      const seen = (await apiAs(loket.url, reader)('GET', `${ZRC}/zaken`, undefined, CRS)).body;
      expect(seen.count).toBe(
        all.results.filter(
          (z: { zaaktype: string; vertrouwelijkheidaanduiding: string }) =>
            z.zaaktype === zaaktype && z.vertrouwelijkheidaanduiding === 'openbaar',
        ).length,
      );
      expect(seen.count).toBeLessThan(all.count);
      expect((await apiAs(loket.url, stranger)('GET', `${ZRC}/zaken`, undefined, CRS)).body.count).toBe(0);
      const secret = all.results.find(
        (z: { vertrouwelijkheidaanduiding: string }) => z.vertrouwelijkheidaanduiding === 'geheim',
      );
      const denied = await apiAs(loket.url, reader)('GET', secret.url, undefined, CRS);
      expect(denied.status).toBe(403);
      expect(denied.body.code).toBe('permission_denied');
    });

    it('finds a person’s cases through the initiator rol', async () => {
      const z = (await zaak()).body;
      const rol = await as('POST', `${ZRC}/rollen`, {
        zaak: z.url,
        roltype: initiator,
        betrokkeneType: 'natuurlijk_persoon',
        roltoelichting: 'Aanvrager',
        betrokkeneIdentificatie: { inpBsn: '999990354' },
      });
      expect(rol.status).toBe(201);
      const cases = await casesOfSubject(database().db, '999990354');
      expect(cases.map((c) => c.id)).toContain(z.uuid);
    });
  });

  describe('objects, properties and customer contacts of a zaak', () => {
    it('adds them, and refuses an eigenschap of another zaaktype', async () => {
      const z = (await zaak()).body;
      const obj = await as('POST', `${ZRC}/zaakobjecten`, {
        zaak: z.url,
        objectType: 'pand',
        objectIdentificatie: { identificatie: 'x' },
      });
      expect(obj.status).toBe(201);
      expect((await as('GET', `${ZRC}/zaakobjecten?zaak=${encodeURIComponent(z.url)}`)).body.count).toBe(1);
      const kc = await as('POST', `${ZRC}/klantcontacten`, {
        zaak: z.url,
        datumtijd: '2025-02-02T10:00:00Z',
        kanaal: 'telefoon',
      });
      expect(kc.status).toBe(201);
      expect(kc.body.identificatie).toMatch(/^KC-/);
      const otherCatalogus = await newCatalogus(as, 'ZRC2');
      const otherType = (await as('POST', `${ZTC}/zaaktypen`, zaaktypeBody(otherCatalogus))).body.url;
      const foreign = await as('POST', `${ZTC}/eigenschappen`, {
        naam: 'kleur',
        definitie: 'kleur',
        zaaktype: otherType,
        specificatie: { formaat: 'tekst', lengte: '20', kardinaliteit: '1', waardenverzameling: [] },
      });
      expect(foreign.status, JSON.stringify(foreign.body)).toBe(201);
      const wrong = await as('POST', `${z.url}/zaakeigenschappen`, {
        zaak: z.url,
        eigenschap: foreign.body.url,
        waarde: 'rood',
      });
      expect(wrong.status).toBe(400);
      expect(wrong.body.invalidParams[0]).toMatchObject({
        name: 'nonFieldErrors',
        code: 'zaaktype-mismatch',
      });
    });
  });

  describe('list pages', () => {
    it('show every zaak exactly as its own page does, on each path of the list', async () => {
      const hoofdzaak = await zaak({
        omschrijving: 'Met "aanhalingstekens", een \\ en een\nregel',
        toelichting: 'Ü ñ 中文 😀',
        betalingsindicatie: 'gedeeltelijk',
        laatsteBetaaldatum: '2025-02-03T10:00:00Z',
        zaakgeometrie: { type: 'Point', coordinates: [4.9, 52.37] },
        verlenging: { reden: 'Drukte', duur: 'P5D' },
        opschorting: { indicatie: true, reden: 'Wacht op stukken' },
        kenmerken: [{ kenmerk: 'k1', bron: 'b1' }],
        publicatiedatum: '2025-03-01',
        einddatumGepland: '2025-06-01',
        uiterlijkeEinddatumAfdoening: '2025-07-01',
      });
      expect(hoofdzaak.status, JSON.stringify(hoofdzaak.body)).toBe(201);
      const z = hoofdzaak.body;
      const deelzaak = await zaak({
        hoofdzaak: z.url,
        relevanteAndereZaken: [{ url: z.url, aardRelatie: 'vervolg' }],
        betalingsindicatie: 'nvt',
      });
      expect(deelzaak.status, JSON.stringify(deelzaak.body)).toBe(201);
      const parts = [
        await as('POST', `${ZRC}/rollen`, {
          zaak: z.url,
          roltype: initiator,
          betrokkeneType: 'natuurlijk_persoon',
          roltoelichting: 'Aanvrager',
          betrokkeneIdentificatie: { inpBsn: '999990354' },
        }),
        await as('POST', `${ZRC}/zaakobjecten`, {
          zaak: z.url,
          objectType: 'pand',
          objectIdentificatie: { identificatie: 'x' },
        }),
        await as('POST', `${z.url}/zaakeigenschappen`, { zaak: z.url, eigenschap: kleur, waarde: 'rood' }),
        await as('POST', `${ZRC}/statussen`, {
          zaak: z.url,
          statustype: begin,
          datumStatusGezet: '2025-02-01T10:00:00Z',
        }),
        await as('POST', `${ZRC}/resultaten`, { zaak: z.url, resultaattype }),
      ];
      const iot = await publishedType(as, catalogus);
      parts.push(
        await as('POST', `${ZTC}/zaaktype-informatieobjecttypen`, {
          zaaktype,
          informatieobjecttype: iot,
          volgnummer: 7,
          richting: 'inkomend',
        }),
      );
      const eio = (await as('POST', `${DRC}/enkelvoudiginformatieobjecten`, eioBody(iot))).body;
      parts.push(
        await as('POST', `${ZRC}/zaakinformatieobjecten`, { zaak: z.url, informatieobject: eio.url }),
      );
      for (const p of parts) expect(p.status, JSON.stringify(p.body)).toBe(201);

      const pages = [
        await as('GET', `${ZRC}/zaken`, undefined, CRS),
        await as('GET', `${ZRC}/zaken?ordering=-startdatum&startdatum__gte=2000-01-01`, undefined, CRS),
        await as('POST', `${ZRC}/zaken/_zoek`, { zaaktype }, CRS),
      ];
      for (const page of pages) {
        expect(page.status, JSON.stringify(page.body)).toBe(200);
        expect(page.headers.get('content-type')).toBe('application/json; charset=utf-8');
        expect(page.headers.get('content-crs')).toBe('EPSG:4326');
        expect(Object.keys(page.body)).toEqual(['count', 'next', 'previous', 'results']);
        const results = page.body.results as Record<string, unknown>[];
        expect(results.length).toBe(page.body.count);
        expect(results.map((r) => r.url)).toEqual(expect.arrayContaining([z.url, deelzaak.body.url]));
        for (const item of results) {
          const own = await as('GET', item.url as string, undefined, CRS);
          expect(JSON.stringify(item)).toBe(JSON.stringify(own.body));
        }
        // Every kind of part is on the page, so every URL the statement builds was compared.
        for (const field of [
          'rollen',
          'zaakobjecten',
          'eigenschappen',
          'zaakinformatieobjecten',
          'deelzaken',
        ])
          expect(
            results.some((r) => (r[field] as string[]).length > 0),
            field,
          ).toBe(true);
        for (const field of ['status', 'resultaat', 'hoofdzaak'])
          expect(
            results.some((r) => r[field] !== null),
            field,
          ).toBe(true);
      }

      const expanded = await as('GET', `${ZRC}/zaken?expand=status,hoofdzaak`, undefined, CRS);
      expect(expanded.status).toBe(200);
      const item = expanded.body.results.find((r: { url: string }) => r.url === z.url);
      expect(item._expand.status.url).toBe(item.status);
      expect(item._expand.hoofdzaak).toBeNull();
      const child = expanded.body.results.find((r: { url: string }) => r.url === deelzaak.body.url);
      expect(child._expand.hoofdzaak.url).toBe(z.url);

      // Parts that go leave the stored JSON too: the list and the zaak's own page agree again.
      for (const p of [parts[0], parts[1], parts[2]])
        expect((await as('DELETE', p.body.url as string)).status).toBe(204);
      expect((await as('DELETE', deelzaak.body.url as string)).status).toBe(204);
      const after = await as('GET', `${ZRC}/zaken`, undefined, CRS);
      const listed = after.body.results.find((r: { url: string }) => r.url === z.url);
      const own = await as('GET', z.url as string, undefined, CRS);
      expect(JSON.stringify(listed)).toBe(JSON.stringify(own.body));
      for (const field of ['rollen', 'zaakobjecten', 'eigenschappen', 'deelzaken'])
        expect(own.body[field]).toEqual([]);
      expect(own.body.zaakinformatieobjecten).toHaveLength(1);
    });
  });
});
