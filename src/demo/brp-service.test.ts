import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { FIELD_TREES, leafPaths } from '../facts/brp/fields.ts';
import { ageOn } from '../facts/brp/haal-centraal.ts';
import { isValidBsn } from '../platform/bsn.ts';
import { createServer } from '../platform/http/server.ts';
import { memoryLogger, testConfig } from '../testing/backends.ts';
import { newBrpTestServiceControl, registerBrpTestService } from './brp-service.ts';
import { DEMO_BSN as B, buildDemoPeople, DEMO_PEOPLE, demoLoginLabel } from './people.ts';

const TODAY = '2026-11-23';
const people = buildDemoPeople(TODAY);
const control = newBrpTestServiceControl();
const KEY = 'test-key';
const URL = '/haalcentraal/api/brp/personen';
let app: FastifyInstance;

beforeAll(async () => {
  app = Fastify({ logger: false });
  await registerBrpTestService(app, {
    apiKeys: [KEY],
    bearerTokens: ['test-token'],
    persons: people.map((p) => p.persoon),
    now: () => new Date(`${TODAY}T10:00:00Z`),
    control,
  });
  await app.ready();
});
afterAll(() => app.close());

async function post(body: unknown, headers: Record<string, string> = {}) {
  const res = await app.inject({
    method: 'POST',
    url: URL,
    headers: { 'content-type': 'application/json; charset=utf-8', 'x-api-key': KEY, ...headers },
    payload: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.statusCode, type: res.headers['content-type'], body: res.json() };
}

const raadpleeg = (bsns: string[], fields: string[], extra: object = {}) =>
  post({ type: 'RaadpleegMetBurgerservicenummer', burgerservicenummer: bsns, fields, ...extra });

describe('demo people', () => {
  it('are about twenty, with unique BSNs that pass the elfproef', () => {
    const bsns = DEMO_PEOPLE.map((p) => p.bsn);
    expect(bsns.length).toBeGreaterThanOrEqual(18);
    expect(new Set(bsns).size).toBe(bsns.length);
    for (const bsn of bsns) expect(isValidBsn(bsn), bsn).toBe(true);
  });

  const officialTestData = resolve(process.env.LOKET_SHARED_DIR ?? '../shared', 'data/brp/test-data.json');
  it.skipIf(!existsSync(officialTestData))('use no BSN of the official BRP test persons', () => {
    const official = readFileSync(officialTestData, 'utf8');
    for (const p of DEMO_PEOPLE) expect(official.includes(`"${p.bsn}"`), p.bsn).toBe(false);
  });

  it('keep their relations consistent in both directions', () => {
    const byBsn = new Map(people.map((p) => [p.bsn, p.persoon]));
    for (const { persoon } of people) {
      for (const partner of persoon.partners ?? []) {
        const back = byBsn.get(partner.burgerservicenummer!)?.partners ?? [];
        expect(back.map((x) => x.burgerservicenummer)).toContain(persoon.burgerservicenummer);
      }
      for (const ouder of persoon.ouders ?? []) {
        const kids = byBsn.get(ouder.burgerservicenummer!)?.kinderen ?? [];
        expect(kids.map((k) => k.burgerservicenummer)).toContain(persoon.burgerservicenummer);
      }
    }
  });

  it.each(['2026-01-01', '2026-12-31', '2031-06-30'])('keep the stories true on %s', (day) => {
    const byBsn = new Map(buildDemoPeople(day).map((p) => [p.bsn, p.persoon]));
    const age = (bsn: string) => ageOn(byBsn.get(bsn)!.geboorte!.datum, day);
    expect(age(B.fleur)).toBe(17);
    expect(age(B.sanne)).toBeGreaterThanOrEqual(18);
    expect(age(B.jeroen)).toBeGreaterThanOrEqual(18);
    const died = byBsn.get(B.henk)!.overlijden!.datum!;
    expect(died.type === 'Datum' && died.datum < day).toBe(true);
  });

  it('each have a Dutch role and description for the login page', () => {
    for (const p of DEMO_PEOPLE) {
      expect(p.role.length).toBeGreaterThan(3);
      expect(p.description.length).toBeGreaterThan(20);
    }
    expect(demoLoginLabel(DEMO_PEOPLE.find((p) => p.bsn === B.sanne)!)).toBe(
      'Sanne de Vries — wil trouwen met Jeroen Bakker',
    );
  });
});

describe('POST /personen', () => {
  it('delivers only the asked fields', async () => {
    const res = await raadpleeg([B.sanne], ['naam.voornamen']);
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/^application\/json; charset=utf-8/);
    expect(res.body).toEqual({
      type: 'RaadpleegMetBurgerservicenummer',
      personen: [{ naam: { voornamen: 'Sanne Maria' } }],
    });
  });

  it('delivers a whole waardetabel or date when a part of it is asked', async () => {
    const res = await raadpleeg([B.sanne], ['geslacht.code', 'geboorte.datum.jaar']);
    expect(res.body.personen[0]).toEqual({
      geslacht: { code: 'V', omschrijving: 'vrouw' },
      geboorte: { datum: { type: 'Datum', datum: '1994-05-12', langFormaat: '12 mei 1994' } },
    });
  });

  it('narrows every element of a collection and keeps the type of polymorphic groups', async () => {
    const res = await raadpleeg(
      [B.pieter],
      ['partners.burgerservicenummer', 'verblijfplaats.verblijfadres.postcode'],
    );
    expect(res.body.personen[0]).toEqual({
      partners: [{ burgerservicenummer: B.marieke }],
      verblijfplaats: { type: 'Adres', verblijfadres: { postcode: '9990SS' } },
    });
  });

  it('computes leeftijd on the day asked and never for the deceased', async () => {
    const res = await raadpleeg([B.fleur, B.henk, B.samir], ['burgerservicenummer', 'leeftijd']);
    expect(res.body.personen).toEqual([
      { burgerservicenummer: B.fleur, leeftijd: 17 },
      {
        burgerservicenummer: B.henk,
        opschortingBijhouding: {
          reden: { code: 'O', omschrijving: 'overlijden' },
          datum: { type: 'Datum', datum: '2025-11-02', langFormaat: '2 november 2025' },
        },
      },
      { burgerservicenummer: B.samir, leeftijd: 47 },
    ]);
  });

  it('adds geheimhoudingPersoonsgegevens without being asked', async () => {
    const res = await raadpleeg([B.iris], ['burgerservicenummer']);
    expect(res.body.personen).toEqual([{ burgerservicenummer: B.iris, geheimhoudingPersoonsgegevens: true }]);
  });

  it('returns an empty list for a valid BSN nobody has, and narrows by gemeenteVanInschrijving', async () => {
    expect((await raadpleeg(['999998407'], ['burgerservicenummer'])).body.personen).toEqual([]);
    const both = await raadpleeg([B.lisa, B.sanne], ['burgerservicenummer'], {
      gemeenteVanInschrijving: '9990',
    });
    expect(both.body.personen).toEqual([{ burgerservicenummer: B.sanne }]);
  });

  it('finds people by geslachtsnaam and geboortedatum, ignoring case and with a wildcard', async () => {
    const res = await post({
      type: 'ZoekMetGeslachtsnaamEnGeboortedatum',
      geslachtsnaam: 'VRI*',
      geboortedatum: '1994-05-12',
      fields: ['burgerservicenummer', 'naam.volledigeNaam'],
    });
    expect(res.body).toEqual({
      type: 'ZoekMetGeslachtsnaamEnGeboortedatum',
      personen: [{ burgerservicenummer: B.sanne, naam: { volledigeNaam: 'Sanne Maria de Vries' } }],
    });
  });

  it('leaves deceased people out of searches unless inclusiefOverledenPersonen', async () => {
    const query = {
      type: 'ZoekMetGeslachtsnaamEnGeboortedatum',
      geslachtsnaam: 'Mulder',
      geboortedatum: '1941-06-10',
    };
    expect((await post({ ...query, fields: ['burgerservicenummer'] })).body.personen).toEqual([]);
    const withDead = await post({
      ...query,
      inclusiefOverledenPersonen: true,
      fields: ['burgerservicenummer'],
    });
    expect(withDead.body.personen[0].burgerservicenummer).toBe(B.henk);
  });

  it('finds everyone at a postcode and huisnummer, with adresregels', async () => {
    const res = await post({
      type: 'ZoekMetPostcodeEnHuisnummer',
      postcode: '9990 sa',
      huisnummer: 12,
      fields: ['burgerservicenummer', 'adressering.adresregel1', 'adressering.adresregel2'],
    });
    const adressering = { adresregel1: 'Lindelaan 12', adresregel2: '9990 SA  VOORBEELDSTAD' };
    expect(res.body.personen).toEqual([
      { burgerservicenummer: B.sanne, adressering },
      { burgerservicenummer: B.jeroen, adressering },
    ]);
  });

  it('answers the other search types too', async () => {
    const fields = ['burgerservicenummer'];
    const bsnsOf = async (q: object) =>
      (await post({ ...q, fields })).body.personen.map(
        (p: { burgerservicenummer: string }) => p.burgerservicenummer,
      );
    expect(
      await bsnsOf({
        type: 'ZoekMetNaamEnGemeenteVanInschrijving',
        geslachtsnaam: 'dijk',
        voornamen: 'Fleur*',
        gemeenteVanInschrijving: '9990',
      }),
    ).toEqual([B.fleur]);
    expect(
      await bsnsOf({
        type: 'ZoekMetStraatHuisnummerEnGemeenteVanInschrijving',
        straat: 'Molenweg',
        huisnummer: 3,
        huisletter: 'a',
        gemeenteVanInschrijving: '9990',
      }),
    ).toEqual([B.kees]);
    expect(
      await bsnsOf({
        type: 'ZoekMetNummeraanduidingIdentificatie',
        nummeraanduidingIdentificatie: '9991200000000009',
      }),
    ).toEqual([B.lisa, B.noor]);
    const gezag = await post({
      type: 'ZoekMetAdresseerbaarObjectIdentificatie',
      adresseerbaarObjectIdentificatie: '9990010000000003',
      fields: ['burgerservicenummer', 'gezag'],
    });
    expect(
      gezag.body.personen.find((p: { burgerservicenummer: string }) => p.burgerservicenummer === B.fleur)
        .gezag[0].type,
    ).toBe('GezamenlijkOuderlijkGezag');
  });

  it('delivers adresseringBinnenland only for an address in the Netherlands', async () => {
    const res = await raadpleeg(
      [B.sanne, B.ruben],
      ['burgerservicenummer', 'adresseringBinnenland.adresregel1'],
    );
    expect(res.body.personen).toEqual([
      { burgerservicenummer: B.sanne, adressering: { adresregel1: 'Lindelaan 12' } },
      {
        burgerservicenummer: B.ruben,
        opschortingBijhouding: expect.objectContaining({ reden: { code: 'E', omschrijving: 'emigratie' } }),
      },
    ]);
  });

  it('accepts a bearer token instead of an API key', async () => {
    const res = await raadpleeg([B.sanne], ['burgerservicenummer']);
    expect(res.status).toBe(200);
    const bearer = await post(
      {
        type: 'RaadpleegMetBurgerservicenummer',
        burgerservicenummer: [B.sanne],
        fields: ['burgerservicenummer'],
      },
      { 'x-api-key': '', authorization: 'Bearer test-token' },
    );
    expect(bearer.status).toBe(200);
  });
});

const BAD_REQUEST = {
  type: 'https://datatracker.ietf.org/doc/html/rfc7231#section-6.5.1',
  status: 400,
  instance: URL,
};
const INVALID = {
  ...BAD_REQUEST,
  title: 'Een of meerdere parameters zijn niet correct.',
  code: 'paramsValidation',
};
const COMBINATION = {
  ...BAD_REQUEST,
  title: 'Minimale combinatie van parameters moet worden opgegeven.',
  code: 'paramsCombination',
};
const required = (name: string) => ({ name, code: 'required', reason: 'Parameter is verplicht.' });
const bsnPattern = (name: string) => ({
  name,
  code: 'pattern',
  reason: 'Waarde voldoet niet aan patroon ^[0-9]{9}$.',
});
const R = 'RaadpleegMetBurgerservicenummer';
const F = ['burgerservicenummer'];

describe('bad input gets the problem+json answer of the standard', () => {
  it.each([
    ['no type', { fields: F }, INVALID, [required('type')]],
    [
      'an unknown type',
      { type: 'OnbekendZoekType', fields: F },
      INVALID,
      [{ name: 'type', code: 'value', reason: 'Waarde is geen geldig zoek type.' }],
    ],
    ['no fields', { type: R, burgerservicenummer: [B.sanne] }, COMBINATION, [required('fields')]],
    ['no burgerservicenummer', { type: R, fields: F }, COMBINATION, [required('burgerservicenummer')]],
    [
      'BSNs that are not 9 digits',
      { type: R, burgerservicenummer: ['12345678', B.sanne, '<script>123456789</script>'], fields: F },
      INVALID,
      [bsnPattern('burgerservicenummer[0]'), bsnPattern('burgerservicenummer[2]')],
    ],
    [
      'BSNs as one string',
      { type: R, burgerservicenummer: `${B.sanne},${B.jeroen}`, fields: F },
      INVALID,
      [{ name: 'burgerservicenummer', code: 'array', reason: 'Parameter is geen array.' }],
    ],
    [
      'an empty BSN list',
      { type: R, burgerservicenummer: [], fields: F },
      INVALID,
      [{ name: 'burgerservicenummer', code: 'minItems', reason: 'Array bevat minder dan 1 items.' }],
    ],
    [
      'more than 20 BSNs',
      { type: R, burgerservicenummer: Array(21).fill(B.sanne), fields: F },
      INVALID,
      [{ name: 'burgerservicenummer', code: 'maxItems', reason: 'Array bevat meer dan 20 items.' }],
    ],
    [
      'a field that does not exist',
      { type: R, burgerservicenummer: [B.sanne], fields: ['burgerservicenummer', 'anummer'] },
      INVALID,
      [{ name: 'fields[1]', code: 'fields', reason: 'Parameter bevat een niet bestaande veldnaam.' }],
    ],
    [
      'automatic and whole-only fields',
      {
        type: R,
        burgerservicenummer: [B.sanne],
        fields: ['geheimhoudingPersoonsgegevens', 'naam.inOnderzoek', 'gezag.type'],
      },
      INVALID,
      [0, 1, 2].map((i) => ({
        name: `fields[${i}]`,
        code: 'fields',
        reason: 'Parameter bevat een niet toegestane veldnaam.',
      })),
    ],
    [
      'a field path with a bad character',
      { type: R, burgerservicenummer: [B.sanne], fields: ['a*nummer'] },
      INVALID,
      [
        {
          name: 'fields[0]',
          code: 'pattern',
          reason: 'Waarde voldoet niet aan patroon ^[a-zA-Z0-9\\._]{1,200}$.',
        },
      ],
    ],
    [
      'a Persoon field in a search',
      {
        type: 'ZoekMetGeslachtsnaamEnGeboortedatum',
        geslachtsnaam: 'Vries',
        geboortedatum: '1994-05-12',
        fields: ['partners'],
      },
      INVALID,
      [{ name: 'fields[0]', code: 'fields', reason: 'Parameter bevat een niet bestaande veldnaam.' }],
    ],
    [
      'a parameter of another query type',
      { type: R, burgerservicenummer: [B.sanne], voornamen: 'Sanne', fields: F },
      INVALID,
      [{ name: 'voornamen', code: 'unknownParam', reason: 'Parameter is niet verwacht.' }],
    ],
    [
      'a bad gemeenteVanInschrijving',
      { type: R, burgerservicenummer: [B.sanne], gemeenteVanInschrijving: '123', fields: F },
      INVALID,
      [
        {
          name: 'gemeenteVanInschrijving',
          code: 'pattern',
          reason: 'Waarde voldoet niet aan patroon ^[0-9]{4}$.',
        },
      ],
    ],
    [
      'no geslachtsnaam and geboortedatum',
      { type: 'ZoekMetGeslachtsnaamEnGeboortedatum', geslachtsnaam: '', fields: F },
      COMBINATION,
      [required('geboortedatum'), required('geslachtsnaam')],
    ],
    [
      'a geboortedatum that is no ISO date',
      {
        type: 'ZoekMetGeslachtsnaamEnGeboortedatum',
        geslachtsnaam: 'Vries',
        geboortedatum: '19940512',
        fields: F,
      },
      INVALID,
      [{ name: 'geboortedatum', code: 'date', reason: 'Waarde is geen geldige datum.' }],
    ],
    [
      'no postcode (paramsValidation, as the standard does here)',
      { type: 'ZoekMetPostcodeEnHuisnummer', huisnummer: 2, fields: F },
      INVALID,
      [required('postcode')],
    ],
    [
      'a bad postcode and huisnummer',
      { type: 'ZoekMetPostcodeEnHuisnummer', postcode: '0628HJ', huisnummer: 'twee', fields: F },
      INVALID,
      [
        {
          name: 'postcode',
          code: 'pattern',
          reason: 'Waarde voldoet niet aan patroon ^[1-9]{1}[0-9]{3}[ ]?[A-Za-z]{2}$.',
        },
        { name: 'huisnummer', code: 'integer', reason: 'Waarde is geen geldig getal.' },
      ],
    ],
    [
      'a non-boolean inclusiefOverledenPersonen',
      {
        type: 'ZoekMetPostcodeEnHuisnummer',
        postcode: '9990SA',
        huisnummer: 12,
        inclusiefOverledenPersonen: 'ja',
        fields: F,
      },
      INVALID,
      [{ name: 'inclusiefOverledenPersonen', code: 'boolean', reason: 'Waarde is geen boolean.' }],
    ],
  ])('400 for %s', async (_name, body, problem, invalidParams) => {
    const res = await post(body);
    expect(res.status).toBe(400);
    expect(res.type).toMatch(/^application\/problem\+json/);
    expect(res.body).toEqual({
      ...problem,
      detail: `De foutieve parameter(s) zijn: ${invalidParams.map((p) => p.name).join(', ')}.`,
      invalidParams,
    });
  });

  it('401 without a valid API key or token', async () => {
    const res = await post({ type: R, burgerservicenummer: [B.sanne], fields: F }, { 'x-api-key': 'wrong' });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({
      type: 'https://datatracker.ietf.org/doc/html/rfc7235#section-3.1',
      title: 'Niet correct geauthenticeerd.',
      status: 401,
      instance: URL,
      code: 'authentication',
    });
  });

  it('406 when the client does not accept JSON, 415 when it does not send JSON in UTF-8', async () => {
    const body = { type: R, burgerservicenummer: [B.sanne], fields: F };
    expect((await post(body, { accept: 'application/xml' })).body).toMatchObject({
      status: 406,
      code: 'notAcceptable',
    });
    expect((await post(body, { accept: '*/*' })).status).toBe(200);
    expect((await post(body, { 'content-type': 'text/csv' })).body).toMatchObject({
      status: 415,
      code: 'unsupported',
    });
    const cp1252 = await post(body, { 'content-type': 'application/json; charset=cp1252' });
    expect(cp1252.body).toMatchObject({ status: 415, title: 'Media Type wordt niet ondersteund.' });
  });

  it('400 for a body that is not JSON, 405 for another method', async () => {
    expect((await post('{"type": ')).body).toMatchObject({ status: 400, code: 'paramsValidation' });
    const get = await app.inject({ method: 'GET', url: URL, headers: { 'x-api-key': KEY } });
    expect(get.statusCode).toBe(405);
  });

  it('503 in the standard words while an outage is switched on', async () => {
    control.outage = true;
    try {
      const res = await post({ type: R, burgerservicenummer: [B.sanne], fields: F });
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({
        title: 'Bronservice BRP is tijdelijk niet beschikbaar.',
        code: 'notAvailable',
      });
    } finally {
      control.outage = false;
    }
  });
});

describe('inside Loket', () => {
  it('runs in Loket own server without taking over its error answers', async () => {
    const loket = createServer(testConfig(), memoryLogger('warn').log, 'brp-test-cookie-secret');
    await registerBrpTestService(loket, { apiKeys: [KEY] });
    await loket.ready();
    const ok = await loket.inject({
      method: 'POST',
      url: URL,
      headers: { 'content-type': 'application/json', 'x-api-key': KEY },
      payload: { type: R, burgerservicenummer: [B.sanne], fields: F },
    });
    expect(ok.json()).toEqual({ type: R, personen: [{ burgerservicenummer: B.sanne }] });
    const elsewhere = await loket.inject({ method: 'GET', url: '/bestaat-niet' });
    expect(elsewhere.json()).toMatchObject({ code: 'not_found' });
    await loket.close();
  });
});

describe('conformance with the Haal Centraal 2.x spec', () => {
  const specFile = resolve(
    process.env.LOKET_SHARED_DIR ?? '../shared',
    'data/brp/openapi-personen-resolved.yaml',
  );
  it.skipIf(!existsSync(specFile))('accepts exactly the field paths the spec defines', () => {
    const spec = parse(readFileSync(specFile, 'utf8'));
    const schemas = spec.components.schemas as Record<string, Schema>;
    const automatic = /^(geheimhoudingPersoonsgegevens|opschortingBijhouding|rni|verificatie)(\.|$)/;
    for (const [kind, schema] of [
      ['Persoon', 'Persoon'],
      ['PersoonBeperkt', 'PersoonBeperkt'],
      ['GezagPersoonBeperkt', 'GezagPersoonBeperkt'],
    ] as const) {
      const fromSpec = specLeafPaths(schemas, { $ref: `#/components/schemas/${schema}` }, '', []).filter(
        (p) => !automatic.test(p),
      );
      expect(leafPaths(FIELD_TREES[kind]).sort(), kind).toEqual([...new Set(fromSpec)].sort());
    }
  });
});

interface Schema {
  $ref?: string;
  allOf?: Schema[];
  properties?: Record<string, Schema>;
  items?: Schema;
  discriminator?: { mapping?: Record<string, string> };
}

/** Leaf paths of a schema: where fields stops (scalars, waardetabellen, dates, gezag), inOnderzoek left out. */
function specLeafPaths(
  schemas: Record<string, Schema>,
  schema: Schema,
  prefix: string,
  stack: string[],
): string[] {
  const LEAVES = ['Waardetabel', 'AdellijkeTitelPredicaatType', 'AbstractDatum', 'Gezag'];
  if (schema.$ref) {
    const name = schema.$ref.split('/').pop()!;
    if (LEAVES.includes(name)) return [prefix];
    const target = schemas[name];
    // A subtype refers back to its discriminated base: take only the base's own properties then.
    const own = stack.includes(name) ? { properties: target.properties, allOf: target.allOf } : target;
    return specLeafPaths(schemas, own, prefix, [...stack, name]);
  }
  const paths: string[] = [];
  for (const part of schema.allOf ?? []) paths.push(...specLeafPaths(schemas, part, prefix, stack));
  for (const ref of Object.values(schema.discriminator?.mapping ?? {})) {
    paths.push(...specLeafPaths(schemas, { $ref: ref }, prefix, stack));
  }
  if (schema.items) paths.push(...specLeafPaths(schemas, schema.items, prefix, stack));
  for (const [name, sub] of Object.entries(schema.properties ?? {})) {
    if (name === 'inOnderzoek') continue;
    paths.push(...specLeafPaths(schemas, sub, prefix ? `${prefix}.${name}` : name, stack));
  }
  if (paths.length === 0 && prefix && !schema.allOf && !schema.properties && !schema.items) return [prefix];
  return paths;
}
