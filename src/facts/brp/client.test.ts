import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningBrpTestService, startBrpTestService } from '../../demo/brp-service.ts';
import { DEMO_BSN as B, buildDemoPeople } from '../../demo/people.ts';
import {
  HaalCentraalBrpClient,
  InvalidRequestError,
  SourceAccessDeniedError,
  SourceUnavailableError,
} from './client.ts';
import { persoonFacts } from './facts.ts';
import { ageOf, isMinorOn, type Persoon } from './persoon.ts';

const TODAY = '2026-11-23';
const NOW = new Date(`${TODAY}T10:00:00Z`);
const KEY = 'adapter-test-key';
/** Everything the marriage, kinship and toeslagen stories read. */
const STORY_FIELDS = [
  'naam',
  'geboorte.datum',
  'partners',
  'ouders.burgerservicenummer',
  'kinderen.burgerservicenummer',
  'indicatieCurateleRegister',
  'verblijfplaats',
  'gemeenteVanInschrijving',
  'overlijden',
];

let service: RunningBrpTestService;
let brp: HaalCentraalBrpClient;

beforeAll(async () => {
  service = await startBrpTestService({
    apiKeys: [KEY],
    persons: buildDemoPeople(TODAY).map((p) => p.persoon),
    now: () => NOW,
  });
  brp = new HaalCentraalBrpClient({ baseUrl: service.baseUrl, apiKey: KEY, timeoutMs: 2000, now: () => NOW });
});
afterAll(() => service.close());

async function person(bsn: string, fields = STORY_FIELDS): Promise<Persoon> {
  const p = await brp.getPerson(bsn, fields);
  if (!p) throw new Error(`demo person ${bsn} not found`);
  return p;
}

describe('HaalCentraalBrpClient over HTTP', () => {
  it('reads a person and maps the answer to the Persoon model', async () => {
    const sanne = await person(B.sanne);
    expect(sanne).toMatchObject({
      bsn: B.sanne,
      name: { givenNames: 'Sanne Maria', prefix: 'de', surname: 'Vries', fullName: 'Sanne Maria de Vries' },
      birthDate: { type: 'Datum', datum: '1994-05-12' },
      maritalStatus: 'none',
      curatele: false,
      municipality: { code: '9990', omschrijving: 'Voorbeeldstad' },
      address: {
        kind: 'domestic',
        street: 'Lindelaan',
        houseNumber: 12,
        postcode: '9990SA',
        city: 'Voorbeeldstad',
      },
      deceased: null,
      secrecy: false,
      provenance: { source: 'BRP', via: 'Haal Centraal BRP Personen v2', retrievedAt: NOW.toISOString() },
    });
    expect(ageOf(sanne, TODAY)).toBe(32);
  });

  it('asks only the given fields and leaves the rest unknown rather than empty', async () => {
    const sanne = await person(B.sanne, ['naam.voornamen']);
    expect(sanne.name).toEqual({ givenNames: 'Sanne Maria' });
    expect(sanne.birthDate).toBeUndefined();
    expect(sanne.maritalStatus).toBeUndefined();
    expect(sanne.curatele).toBeUndefined();
    expect(sanne.provenance.fields).toEqual(['naam.voornamen', 'burgerservicenummer']);
    expect(Object.keys(sanne.raw).sort()).toEqual(['burgerservicenummer', 'naam']);
  });

  it('answers null for a valid BSN the BRP does not know', async () => {
    expect(await brp.getPerson('999998407', ['naam'])).toBeNull();
  });

  it('reads more than 20 people in batches of 20 and marks the unknown ones null', async () => {
    const known = Object.values(B);
    const unknown = ['999998407', '999998419', '999998730'];
    const before = service.control.requests;
    const result = await brp.getPersons([...known, ...unknown], ['burgerservicenummer']);
    expect(service.control.requests - before).toBe(2);
    expect(result.size).toBe(known.length + unknown.length);
    for (const bsn of known) expect(result.get(bsn)?.bsn).toBe(bsn);
    for (const bsn of unknown) expect(result.get(bsn)).toBeNull();
  });

  it('narrows to a municipality when asked', async () => {
    expect(await brp.getPerson(B.lisa, ['naam'], { gemeenteVanInschrijving: '9990' })).toBeNull();
    expect((await brp.getPerson(B.lisa, ['naam'], { gemeenteVanInschrijving: '9991' }))?.bsn).toBe(B.lisa);
  });

  it('finds people by name and birth date, and by address', async () => {
    const found = await brp.findByNameAndBirthDate({ geslachtsnaam: 'Bakker', geboortedatum: '1992-09-03' }, [
      'naam',
    ]);
    expect(found.map((p) => p.name?.fullName)).toEqual(['Jeroen Willem Bakker']);
    const home = await brp.findByAddress({ postcode: '9991 SD', huisnummer: 27, huisnummertoevoeging: '2' }, [
      'naam',
    ]);
    expect(home.map((p) => p.bsn).sort()).toEqual([B.esther, B.lotte, B.daan].sort());
  });

  it('refuses a number that fails the elfproef without asking the BRP', async () => {
    const before = service.control.requests;
    const error = await brp.getPerson('123456789', ['naam']).catch((e) => e);
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error.invalidParams[0]).toMatchObject({ name: 'burgerservicenummer' });
    expect(service.control.requests).toBe(before);
  });

  it('turns the BRP 400 into InvalidRequestError with the reasons, at the caller field positions', async () => {
    const error = await brp.getPerson(B.sanne, ['naam', 'anummer']).catch((e) => e);
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error.invalidParams).toEqual([
      { name: 'fields[1]', code: 'fields', reason: 'Parameter bevat een niet bestaande veldnaam.' },
    ]);
    expect(error.problem).toMatchObject({ status: 400, code: 'paramsValidation' });
    const empty = await brp.getPerson(B.sanne, []).catch((e) => e);
    expect(empty).toBeInstanceOf(InvalidRequestError);
  });

  it('reports wrong credentials as SourceAccessDeniedError', async () => {
    const wrong = new HaalCentraalBrpClient({ baseUrl: service.baseUrl, apiKey: 'wrong' });
    const error = await wrong.getPerson(B.sanne, ['naam']).catch((e) => e);
    expect(error).toBeInstanceOf(SourceAccessDeniedError);
    expect(error.status).toBe(401);
  });

  it('reports an outage (503) as SourceUnavailableError with an honest message for the citizen', async () => {
    service.control.outage = true;
    try {
      const error = await brp.getPerson(B.sanne, ['naam']).catch((e) => e);
      expect(error).toBeInstanceOf(SourceUnavailableError);
      expect(error).toMatchObject({ reason: 'server-error', status: 503 });
      expect(error.citizenMessage).toMatch(/niet ophalen uit de Basisregistratie Personen/);
    } finally {
      service.control.outage = false;
    }
  });

  it('reports a closed port as SourceUnavailableError (network)', async () => {
    const port = await freePort();
    const down = new HaalCentraalBrpClient({
      baseUrl: `http://127.0.0.1:${port}/haalcentraal/api/brp`,
      apiKey: KEY,
    });
    const error = await down.getPerson(B.sanne, ['naam']).catch((e) => e);
    expect(error).toBeInstanceOf(SourceUnavailableError);
    expect(error.reason).toBe('network');
  });

  it('gives up after the timeout with SourceUnavailableError (timeout)', async () => {
    service.control.delayMs = 1000;
    try {
      const impatient = new HaalCentraalBrpClient({ baseUrl: service.baseUrl, apiKey: KEY, timeoutMs: 100 });
      const error = await impatient.getPerson(B.sanne, ['naam']).catch((e) => e);
      expect(error).toBeInstanceOf(SourceUnavailableError);
      expect(error.reason).toBe('timeout');
    } finally {
      service.control.delayMs = 0;
    }
  });

  it('treats a 200 that is not a Haal Centraal answer as an unavailable source', async () => {
    const garbled = new HaalCentraalBrpClient({
      baseUrl: 'http://brp.invalid',
      fetch: async () => new Response('<html>maintenance</html>', { status: 200 }),
    });
    const error = await garbled.getPerson(B.sanne, ['naam']).catch((e) => e);
    expect(error).toMatchObject({ name: 'SourceUnavailableError', reason: 'unexpected-response' });
  });
});

describe('the demo stories, as the adapter reads them', () => {
  it('(a) Sanne and Jeroen are unmarried adults in Voorbeeldstad, not related to each other', async () => {
    const [sanne, jeroen] = [await person(B.sanne), await person(B.jeroen)];
    for (const p of [sanne, jeroen]) {
      expect(p.maritalStatus).toBe('none');
      expect(isMinorOn(p, TODAY)).toBe(false);
      expect(p.curatele).toBe(false);
      expect(p.municipality?.code).toBe('9990');
    }
    expect(sanne.parentBsns?.some((b) => jeroen.parentBsns?.includes(b))).toBe(false);
  });

  it('(b) Pieter is married to Marieke', async () => {
    const pieter = await person(B.pieter);
    expect(pieter.maritalStatus).toBe('married');
    expect(pieter.partners).toEqual([
      expect.objectContaining({ bsn: B.marieke, kind: 'marriage', dissolvedOn: undefined }),
    ]);
  });

  it('(c) Fleur is 17, a minor', async () => {
    const fleur = await person(B.fleur);
    expect(ageOf(fleur, TODAY)).toBe(17);
    expect(isMinorOn(fleur, TODAY)).toBe(true);
  });

  it('(d) Kees is under curatele', async () => {
    expect((await person(B.kees)).curatele).toBe(true);
  });

  it('(e) Thomas and Fleur share both parents', async () => {
    const [thomas, fleur] = [await person(B.thomas), await person(B.fleur)];
    expect(thomas.parentBsns?.sort()).toEqual([B.marieke, B.pieter].sort());
    expect(fleur.parentBsns?.sort()).toEqual(thomas.parentBsns?.sort());
  });

  it('(f) Esther is divorced and lives with her two minor children', async () => {
    const esther = await person(B.esther);
    expect(esther.maritalStatus).toBe('dissolved');
    expect(esther.childBsns?.sort()).toEqual([B.lotte, B.daan].sort());
    for (const child of [await person(B.lotte), await person(B.daan)]) {
      expect(isMinorOn(child, TODAY)).toBe(true);
      expect(child.address).toEqual(esther.address);
    }
  });

  it('(g) Lisa lives in Rivierdal with her registered partner Noor', async () => {
    const lisa = await person(B.lisa);
    expect(lisa.municipality).toEqual({ code: '9991', omschrijving: 'Rivierdal' });
    expect(lisa.maritalStatus).toBe('registered-partner');
    expect(lisa.partners?.[0]?.bsn).toBe(B.noor);
  });

  it('(h) Henk has died; for Gerda the marriage is dissolved', async () => {
    const henk = await person(B.henk);
    expect(henk.deceased).toEqual({ date: expect.objectContaining({ datum: '2025-11-02' }) });
    expect(henk.suspension?.reason.code).toBe('O');
    expect((await person(B.gerda)).maritalStatus).toBe('dissolved');
    // Death is known even when overlijden was not asked: opschortingBijhouding always comes along.
    expect((await person(B.henk, ['naam'])).deceased).not.toBeNull();
  });

  it('(i) Iris has geheimhouding, whatever was asked', async () => {
    expect((await person(B.iris, ['naam.voornamen'])).secrecy).toBe(true);
  });

  it('(j) Ruben lives abroad and is registered in the RNI', async () => {
    const ruben = await person(B.ruben);
    expect(ruben.address).toMatchObject({
      kind: 'abroad',
      country: { code: '6037', omschrijving: 'Spanje' },
    });
    expect(ruben.municipality?.code).toBe('1999');
  });

  it('Samir has an age only when the partly unknown birth date settles it', async () => {
    const samir = await person(B.samir);
    expect(ageOf(samir, '2026-11-23')).toBe(47);
    expect(ageOf(samir, '2026-06-15')).toBeNull();
  });
});

describe('facts with provenance', () => {
  it('turn every known attribute into a fact with source, retrieval time and version', async () => {
    const facts = persoonFacts(await person(B.pieter));
    expect(facts.map((f) => f.attribute).sort()).toEqual(
      [
        'address',
        'birthDate',
        'childBsns',
        'curatele',
        'deceased',
        'maritalStatus',
        'municipality',
        'name',
        'parentBsns',
        'partners',
        'secrecy',
      ].sort(),
    );
    for (const f of facts) {
      expect(f).toMatchObject({
        subject: B.pieter,
        source: 'BRP',
        via: 'Haal Centraal BRP Personen v2',
        retrievedAt: NOW.toISOString(),
      });
      expect(f.version).toMatch(/^sha256:[0-9a-f]{64}$/);
    }
    expect(facts.find((f) => f.attribute === 'maritalStatus')).toMatchObject({
      value: 'married',
      sourceFields: ['partners'],
    });
  });

  it('leave out what was not asked', async () => {
    const facts = persoonFacts(await person(B.pieter, ['naam']));
    expect(facts.map((f) => f.attribute).sort()).toEqual(['deceased', 'name', 'secrecy']);
  });

  it('keep their version while the source data stays the same, and change it when the BRP corrects it', async () => {
    const byAttribute = (p: Persoon) => new Map(persoonFacts(p).map((f) => [f.attribute, f.version]));
    const first = byAttribute(await person(B.pieter));
    const again = byAttribute(await person(B.pieter, ['geboorte.datum', 'partners']));
    expect(again.get('birthDate')).toBe(first.get('birthDate'));
    expect(again.get('maritalStatus')).toBe(first.get('maritalStatus'));

    // The same BRP after a correction: Pieter's marriage turns out to have been dissolved.
    const corrected = buildDemoPeople(TODAY).map(({ persoon }) =>
      persoon.burgerservicenummer !== B.pieter
        ? persoon
        : {
            ...persoon,
            partners: persoon.partners?.map((r) => ({
              ...r,
              ontbindingHuwelijkPartnerschap: {
                datum: { type: 'Datum' as const, datum: '2020-01-06', langFormaat: '6 januari 2020' },
              },
            })),
          },
    );
    const after = await startBrpTestService({ apiKeys: [KEY], persons: corrected, now: () => NOW });
    try {
      const client = new HaalCentraalBrpClient({ baseUrl: after.baseUrl, apiKey: KEY, now: () => NOW });
      const pieter = (await client.getPerson(B.pieter, STORY_FIELDS))!;
      expect(pieter.maritalStatus).toBe('dissolved');
      const changed = byAttribute(pieter);
      expect(changed.get('maritalStatus')).not.toBe(first.get('maritalStatus'));
      expect(changed.get('name')).toBe(first.get('name'));
    } finally {
      await after.close();
    }
  });
});

/** A port nothing listens on: bind one, then let it go. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  await new Promise((r) => server.close(r));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}
