import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addTestClient, apiAs } from '../../src/authz/test-support.ts';
import { describeBackends, startTestLoket, type TestLoket } from '../../src/testing/backends.ts';
import { type SeedResult, seedZaken, validBsns } from './seed.ts';

const ZRC = '/zaken/api/v1';
const BRC = '/besluiten/api/v1';
const DRC = '/documenten/api/v1';
const BASE = 'http://loket.test';
const CRS = { 'accept-crs': 'EPSG:4326', 'content-crs': 'EPSG:4326' };
const N = 2000;

it('makes valid BSNs only (the 11-proof)', () => {
  for (const bsn of validBsns(500)) {
    const d = bsn.split('').map(Number);
    const sum = d.slice(0, 8).reduce((s, x, j) => s + x * (9 - j), 0) - d[8];
    expect(bsn).toMatch(/^\d{9}$/);
    expect(sum % 11).toBe(0);
  }
});

describeBackends('Zaken seed', (database) => {
  let seed: SeedResult;
  let loket: TestLoket;
  let as: ReturnType<typeof apiAs>;
  const count = async (query: string) =>
    Number((await sql.raw<{ n: number }>(query).execute(database().db)).rows[0].n);

  beforeAll(async () => {
    seed = await seedZaken(database(), { zaken: N, zaaktypen: 20, baseUrl: BASE, chunk: 700 });
    loket = await startTestLoket(database(), { config: { baseUrl: BASE } });
    as = apiAs(loket.url, seed.admin);
  }, 180_000);
  afterAll(async () => {
    await loket?.stop();
  });

  it('writes N zaken, each with one status, one initiator rol and one besluit, and N documents', async () => {
    expect(await count('select count(*)::int as n from zrc_zaak')).toBe(N);
    expect(await count('select count(distinct zaak_id)::int as n from zrc_status')).toBe(N);
    expect(await count('select count(*)::int as n from zrc_status')).toBe(N);
    expect(
      await count(`select count(*)::int as n from zrc_rol where omschrijving_generiek = 'initiator'`),
    ).toBe(N);
    expect(await count('select count(*)::int as n from brc_besluit where zaak_id is not null')).toBe(N);
    expect(await count('select count(*)::int as n from drc_eio')).toBe(N);
    expect(await count('select count(*)::int as n from zrc_zaak z where z.status_id is null')).toBe(0);
    expect(await count('select count(distinct zaaktype_key)::int as n from zrc_zaak')).toBe(20);
    expect(await count('select count(distinct vertrouwelijkheid_rank)::int as n from zrc_zaak')).toBe(8);
  });

  it('answers the list count exactly, for all rights and for a restricted client', async () => {
    const all = await as('GET', `${ZRC}/zaken`, undefined, CRS);
    expect(all.status).toBe(200);
    expect(all.body.count).toBe(N);
    expect(all.body.results).toHaveLength(100);
    const types = seed.templates.slice(0, 3).map((t) => t.zaaktype);
    const limited = await addTestClient(database().db, {
      autorisaties: types.map((zaaktype) => ({
        component: 'zrc',
        scopes: ['zaken.lezen'],
        zaaktype,
        maxVertrouwelijkheidaanduiding: 'intern',
      })),
    });
    const res = await apiAs(loket.url, limited)('GET', `${ZRC}/zaken`, undefined, CRS);
    const expected = await count(
      `select count(*)::int as n from zrc_zaak where zaaktype in (${types.map((t) => `'${t}'`).join(',')})
       and vertrouwelijkheid_rank <= 2`,
    );
    expect(expected).toBeGreaterThan(0);
    expect(res.body.count).toBe(expected);
    expect(res.body.results.every((z: { zaaktype: string }) => types.includes(z.zaaktype))).toBe(true);
  });

  it('serves a seeded zaak with its status, rol, besluit and a document like API-made ones', async () => {
    const row = (
      await sql<{ id: string; subject_bsn: string }>`select id, subject_bsn from zrc_zaak
        order by created_at limit 1 offset 1234`.execute(database().db)
    ).rows[0];
    const zaak = await as('GET', `${ZRC}/zaken/${row.id}`, undefined, CRS);
    expect(zaak.status).toBe(200);
    expect(zaak.body.identificatie).toMatch(/^ZAAK-\d{4}-\d{10}$/);
    expect(zaak.body.rollen).toHaveLength(1);
    const status = await as('GET', zaak.body.status);
    expect(status.status).toBe(200);
    expect(status.body.zaak).toBe(zaak.body.url);
    const rol = await as('GET', zaak.body.rollen[0]);
    expect(rol.body.betrokkeneIdentificatie.inpBsn).toBe(row.subject_bsn);
    const besluiten = await as('GET', `${BRC}/besluiten?zaak=${encodeURIComponent(zaak.body.url)}`);
    expect(besluiten.status).toBe(200);
    const list = Array.isArray(besluiten.body) ? besluiten.body : besluiten.body.results;
    expect(list).toHaveLength(1);
    const doc = (await sql<{ id: string }>`select id from drc_eio offset 999 limit 1`.execute(database().db))
      .rows[0];
    const eio = await as('GET', `${DRC}/enkelvoudiginformatieobjecten/${doc.id}`);
    expect(eio.status).toBe(200);
    expect(eio.body.identificatie).toMatch(/^DOCUMENT-\d{4}-\d{10}$/);
  });

  it('keeps creating after the seed: new identificaties and an exact count', async () => {
    const tpl = (await as('GET', `${ZRC}/zaken/${seed.templates[0].zaak}`, undefined, CRS)).body;
    const made = await as(
      'POST',
      `${ZRC}/zaken`,
      {
        bronorganisatie: tpl.bronorganisatie,
        verantwoordelijkeOrganisatie: tpl.bronorganisatie,
        startdatum: '2026-01-05',
        zaaktype: tpl.zaaktype,
      },
      CRS,
    );
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(
      await count(
        `select count(*)::int as n from zrc_zaak where identificatie = '${made.body.identificatie}'`,
      ),
    ).toBe(1);
    expect((await as('GET', `${ZRC}/zaken`, undefined, CRS)).body.count).toBe(N + 1);
    const besluit = (await as('GET', `${BRC}/besluiten/${seed.templates[0].besluit}`)).body;
    const next = await as('POST', `${BRC}/besluiten`, {
      verantwoordelijkeOrganisatie: besluit.verantwoordelijkeOrganisatie,
      besluittype: besluit.besluittype,
      datum: besluit.datum,
      ingangsdatum: besluit.ingangsdatum,
    });
    expect(next.status, JSON.stringify(next.body)).toBe(201);
  });
});
