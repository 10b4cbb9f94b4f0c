import { afterAll, beforeAll, expect, it } from 'vitest';
import { addTestClient, apiAs, type TestClient, zgwToken } from '../authz/test-support.ts';
import { describeBackends, startTestLoket, type TestLoket } from '../testing/backends.ts';
import { besluittypeBody, newCatalogus, zaaktypeBody } from './test-support.ts';

const ZTC = '/catalogi/api/v1';
const BASE = 'http://loket.test';
const NOWHERE = '00000000-0000-4000-8000-000000000000';

/**
 * Bad input to the Catalogi API: always a 400 problem+json in the ZGW shape, with the code and the
 * invalidParams name the reference implementation gives (the field path, or nonFieldErrors).
 */
describeBackends('Catalogi: bad input', (database) => {
  let loket: TestLoket;
  let as: ReturnType<typeof apiAs>;
  let catalogus: string;
  let zaaktype: string;
  let admin: TestClient;

  beforeAll(async () => {
    admin = await addTestClient(database().db, {
      autorisaties: [{ component: 'ztc', scopes: ['catalogi.lezen', 'catalogi.schrijven'] }],
    });
    loket = await startTestLoket(database(), { config: { baseUrl: BASE } });
    as = apiAs(loket.url, admin);
    catalogus = await newCatalogus(as, 'BAD');
    zaaktype = (await as('POST', `${ZTC}/zaaktypen`, zaaktypeBody(catalogus))).body.url;
  });
  afterAll(async () => loket.stop());

  /** `name code` of every invalidParam, after checking the problem shape. */
  async function refused(method: string, path: string, body?: unknown, headers?: Record<string, string>) {
    const res = await as(method, path, body, headers);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body).toMatchObject({ status: 400, title: expect.any(String), instance: expect.any(String) });
    expect(res.body.type).toMatch(/^https?:\/\//);
    return (res.body.invalidParams as { name: string; code: string; reason: string }[]).map((p) => {
      expect(p.reason).toEqual(expect.any(String));
      return `${p.name} ${p.code}`;
    });
  }

  it.each([
    [
      'a value outside the choices',
      { vertrouwelijkheidaanduiding: 'geheimpje' },
      'vertrouwelijkheidaanduiding invalid_choice',
    ],
    ['a text too long', { omschrijving: 'x'.repeat(81) }, 'omschrijving max_length'],
    ['a date that is no date', { beginGeldigheid: '1 januari' }, 'beginGeldigheid invalid'],
    ['a duration that is no duration', { doorlooptijd: 'tien dagen' }, 'doorlooptijd invalid'],
    [
      'a URL that is no URL, inside a list',
      { productenOfDiensten: ['geen url'] },
      'productenOfDiensten.0 invalid',
    ],
    ['a nested field missing', { referentieproces: { link: '' } }, 'referentieproces.naam required'],
    ['a boolean that is not', { verlengingMogelijk: 'ja' }, 'verlengingMogelijk invalid'],
  ])('names %s', async (_, change, expected) => {
    expect(await refused('POST', `${ZTC}/zaaktypen`, zaaktypeBody(catalogus, change))).toEqual([expected]);
  });

  it('names a reference to this API that is not of the right kind or does not exist', async () => {
    expect(await refused('POST', `${ZTC}/zaaktypen`, zaaktypeBody(zaaktype))).toEqual(['catalogus no_match']);
    expect(
      await refused('POST', `${ZTC}/zaaktypen`, zaaktypeBody(`${BASE}${ZTC}/catalogussen/${NOWHERE}`)),
    ).toEqual(['catalogus does_not_exist']);
    expect(
      await refused(
        'POST',
        `${ZTC}/zaaktypen`,
        zaaktypeBody(catalogus, { besluittypen: ['https://elders.example/besluittypen/1'] }),
      ),
    ).toEqual(['besluittypen no_match']);
    expect(
      await refused('POST', `${ZTC}/statustypen`, {
        omschrijving: 'Ontvangen',
        zaaktype: `${BASE}${ZTC}/zaaktypen/${NOWHERE}`,
        volgnummer: 1,
      }),
    ).toEqual(['zaaktype does_not_exist']);
  });

  it('names the rules between fields as nonFieldErrors', async () => {
    expect(
      await refused('POST', `${ZTC}/zaaktypen`, zaaktypeBody(catalogus, { verlengingMogelijk: true })),
    ).toEqual(['nonFieldErrors verlenging-mismatch']);
    const st = { omschrijving: 'Ontvangen', zaaktype, volgnummer: 1 };
    expect((await as('POST', `${ZTC}/statustypen`, st)).status).toBe(201);
    expect(await refused('POST', `${ZTC}/statustypen`, { ...st, omschrijving: 'Nogmaals' })).toEqual([
      'nonFieldErrors unique',
    ]);
  });

  it('checks a catalogus RSIN with the elfproef', async () => {
    expect(
      await refused('POST', `${ZTC}/catalogussen`, {
        domein: 'RSIN',
        rsin: '123456789',
        contactpersoonBeheerNaam: 'Beheer',
      }),
    ).toEqual(['rsin invalid']);
  });

  it('refuses a besluittype without its required fields, naming each', async () => {
    const { catalogus: _c, publicatieIndicatie: _p, ...rest } = besluittypeBody(catalogus);
    expect((await refused('POST', `${ZTC}/besluittypen`, rest)).sort()).toEqual([
      'catalogus required',
      'publicatieIndicatie required',
    ]);
  });

  it('refuses unknown and malformed query parameters', async () => {
    expect(await refused('GET', `${ZTC}/zaaktypen?kleur=rood`)).toEqual([
      'nonFieldErrors unknown-parameters',
    ]);
    expect(await refused('GET', `${ZTC}/zaaktypen?datumGeldigheid=gisteren`)).toEqual([
      'datumGeldigheid invalid',
    ]);
    expect(await refused('GET', `${ZTC}/zaaktypen?status=half`)).toEqual(['status invalid_choice']);
  });

  it('refuses a body that is not JSON', async () => {
    const res = await fetch(`${loket.url}${ZTC}/zaaktypen`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await zgwToken(admin)}`,
        'content-type': 'application/json',
      },
      body: '{"catalogus": ',
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { code: string }).code).toBe('parse_error');
  });

  it('answers a path id that is no uuid, or a page past the end, with 404', async () => {
    expect((await as('GET', `${ZTC}/zaaktypen/123`)).status).toBe(404);
    const page = await as('GET', `${ZTC}/zaaktypen?status=alles&page=99`);
    expect(page.status).toBe(404);
    expect(page.headers.get('content-type')).toContain('application/problem+json');
  });
});
