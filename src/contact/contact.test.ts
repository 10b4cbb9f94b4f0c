import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../bench/lib.ts';
import { algemeneTermijnenwet, dueDateFor } from '../cases/plan/index.ts';
import { DEMO_BSN } from '../demo/people.ts';
import { describeBackends, startTestLoket, type TestLoket } from '../testing/backends.ts';
import { CookieClient } from '../testing/browserless.ts';
import { aboutChoices } from './requests.ts';
import { callBackDueDate, workingDaysOf } from './service-level.ts';

describe('the service level of a call-back', () => {
  it('counts working days, skipping weekends and Dutch public holidays', () => {
    // Thursday 24 December 2026: Christmas (25, 26) and the weekend do not count.
    expect(callBackDueDate(new Date('2026-12-24T10:00:00+01:00'), 'P2D')).toBe('2026-12-29');
    // Friday before Easter 2027 (26 March): Easter Monday 29 March does not count.
    expect(callBackDueDate(new Date('2027-03-26T10:00:00+01:00'), 'P1D')).toBe('2027-03-30');
    // A request late in the evening counts from that day in the Netherlands, not from UTC.
    expect(callBackDueDate(new Date('2026-11-23T23:30:00Z'), 'P1D')).toBe('2026-11-25');
  });

  it('reads response times as working days: days, weeks, hours; anything else falls back', () => {
    expect(workingDaysOf('P3D')).toBe(3);
    expect(workingDaysOf('P1W')).toBe(5);
    expect(workingDaysOf('PT4H')).toBe(1);
    expect(workingDaysOf('PT0S')).toBeNull();
    expect(callBackDueDate(new Date('2026-11-23T10:00:00+01:00'), 'nonsense')).toBe('2026-11-25');
  });
});

async function loginAsCitizen(client: CookieClient, bsn: string, returnTo: string) {
  const { url } = await client.follow(`/inloggen?als=inwoner&terug=${encodeURIComponent(returnTo)}`);
  return client.submit(url, { account: `bsn:${bsn}` });
}

function csrfOf(page: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(page);
  if (!m) throw new Error('no CSRF token on the page');
  return m[1];
}

describeBackends('the contact page: a person within reach', (database) => {
  let loket: TestLoket;
  beforeAll(async () => {
    const port = await freePort();
    loket = await startTestLoket(database(), {
      config: { demo: true, port, baseUrl: `http://127.0.0.1:${port}` },
    });
  }, 120_000);
  afterAll(async () => loket?.stop());

  it('shows phone numbers, opening hours and a login link to someone not logged in, never an error', async () => {
    const client = new CookieClient(loket.url);
    const res = await client.request('/contact?terug=%2Fzaken');
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('14 0123');
    expect(page).toContain('Maandag tot en met vrijdag van 8.30 tot 17.00 uur');
    expect(page).toContain('href="/inloggen?als=inwoner&amp;terug=%2Fcontact%3Fterug%3D%252Fzaken"');
    expect(page).toContain('href="/zaken"');
    expect(page).not.toContain('name="vraag"');
    // A way back that leaves the site is dropped, not followed.
    const evil = await (await client.request('/contact?terug=%2F%2Fevil.example')).text();
    expect(evil).not.toContain('evil.example');
  });

  it('files a call-back about a case for the dienst’s team with its service level, and says by when', async () => {
    const client = new CookieClient(loket.url);
    const choices = await aboutChoices(database().db, DEMO_BSN.sanne);
    const melding = choices.find((c) => c.caseId && c.organisationId === 'voorbeeldstad');
    expect(melding).toBeDefined();
    const casePath = `/zaken/${melding!.caseId}`;
    const { res, url } = await loginAsCitizen(
      client,
      DEMO_BSN.sanne,
      `/contact?terug=${encodeURIComponent(casePath)}`,
    );
    expect(url).toContain('/contact?terug=');
    const form = await res.text();
    // The case the person came from is chosen already.
    expect(form).toContain(`<option value="${melding!.value}" selected>`);
    const csrf = csrfOf(form);

    const bad = await client.request('/contact', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        _csrf: csrf,
        soort: 'terugbellen',
        onderwerp: melding!.value,
        vraag: '',
        telefoon: '123',
        voorkeur: 'ochtend',
        terug: casePath,
      }).toString(),
    });
    expect(bad.status).toBe(400);
    const badPage = await bad.text();
    expect(badPage).toContain('<title>Fout: ');
    expect(badPage).toContain('href="#veld-vraag"');
    expect(badPage).toContain('href="#veld-telefoon"');

    const before = new Date();
    const done = await client.submit('/contact', {
      _csrf: csrf,
      soort: 'terugbellen',
      onderwerp: melding!.value,
      vraag: 'Welke papieren moeten onze getuigen meenemen?',
      telefoon: '06 12345678',
      voorkeur: 'ochtend',
      terug: casePath,
    });
    expect(done.res.status).toBe(200);
    expect(done.url).toMatch(/\/contact\/verzoek\/[0-9a-f-]{36}\?terug=/);
    const confirmation = await done.res.text();
    const row = await database()
      .db.selectFrom('contact_request')
      .selectAll()
      .where('subject_bsn', '=', DEMO_BSN.sanne)
      .executeTakeFirstOrThrow();
    // The marriage notice's dienst is owned by burgerzaken and promises a call-back within 1 working day.
    expect(row).toMatchObject({
      organisation_id: 'voorbeeldstad',
      team: 'burgerzaken',
      case_id: melding!.caseId,
      service_term: 'P1D',
      phone: '0612345678',
      status: 'open',
    });
    expect(row.due_date).toBe(dueDateFor(before, { workingDays: 1 }, algemeneTermijnenwet));
    expect(confirmation).toContain('Wij bellen u uiterlijk op');
    expect(confirmation).toContain('Gemeente Voorbeeldstad');
    expect(confirmation).toContain(`href="${casePath}"`);
    const log = await database()
      .db.selectFrom('processing_log')
      .select(['operation', 'data_categories'])
      .where('subject_id', '=', DEMO_BSN.sanne)
      .where('purpose', 'like', 'Een inwoner terugbellen%')
      .execute();
    expect(log).toHaveLength(1);
  });

  it('sends a general question to the organisation’s general team with the default term', async () => {
    const client = new CookieClient(loket.url);
    const { res } = await loginAsCitizen(client, DEMO_BSN.lisa, '/contact');
    const done = await client.submit('/contact', {
      _csrf: csrfOf(await res.text()),
      soort: 'afspraak-video',
      onderwerp: 'organisatie:toeslagen',
      vraag: 'Ik wil mijn situatie uitleggen.',
      telefoon: '+31 6 1234 5678',
      voorkeur: 'middag',
    });
    expect(await done.res.text()).toContain('om samen een afspraak te maken');
    const row = await database()
      .db.selectFrom('contact_request')
      .selectAll()
      .where('subject_bsn', '=', DEMO_BSN.lisa)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      organisation_id: 'toeslagen',
      team: 'klantcontact',
      service_term: 'P2D',
      kind: 'afspraak-video',
    });
  });

  it('refuses a request about someone else’s case and a post without the CSRF token', async () => {
    const client = new CookieClient(loket.url);
    const sanneCase = (await aboutChoices(database().db, DEMO_BSN.sanne)).find((c) => c.caseId)!;
    const { res } = await loginAsCitizen(client, DEMO_BSN.esther, '/contact');
    const csrf = csrfOf(await res.text());
    const fields = {
      soort: 'terugbellen',
      onderwerp: sanneCase.value,
      vraag: 'x',
      telefoon: '0612345678',
      voorkeur: 'ochtend',
    };
    const other = await client.request('/contact', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf, ...fields }).toString(),
    });
    expect(other.status).toBe(400);
    expect(await other.text()).toContain('href="#veld-onderwerp"');
    const noToken = await client.request('/contact', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
    expect(noToken.status).toBe(403);
  });
});
