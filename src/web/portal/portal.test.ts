import { afterAll, beforeAll, expect, it } from 'vitest';
import { sendNotice } from '../../cases/engine/notices.ts';
import { DEMO_BSN } from '../../demo/people.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { verifyChain } from '../../processing-log/index.ts';
import { describeBackends, type TestLoket } from '../../testing/backends.ts';
import type { CookieClient } from '../../testing/browserless.ts';
import {
  caseLinks,
  csrfOf,
  loginCitizen,
  staffCompletes,
  staffDecidesMarriage,
  startPortalLoket,
} from './test-support.ts';

const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});

describeBackends('citizen portal over HTTP', (database) => {
  let loket: TestLoket;
  let sanne: CookieClient;
  let marriageCase: string;
  beforeAll(async () => {
    loket = await startPortalLoket(database());
    sanne = await loginCitizen(loket.url, DEMO_BSN.sanne);
  }, 90_000);
  afterAll(async () => loket?.stop());

  it('shows the home page with the cases at every organisation and the life event', async () => {
    const res = await sanne.request('/');
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('Welkom, ');
    expect(page).toContain('We gaan trouwen');
    expect(page).toContain('Gemeente Voorbeeldstad');
    expect(page).toContain('Dienst Toeslagen (demo)');
    expect(page).toContain('Ik wil iemand spreken');
    const links = caseLinks(page);
    marriageCase = links.find((l) => l.text.includes('huwelijk'))?.id ?? '';
    expect(marriageCase).toMatch(/^[0-9a-f-]{36}$/);
    const logged = await database()
      .db.selectFrom('processing_log')
      .select(['purpose', 'operation'])
      .where('subject_id', '=', DEMO_BSN.sanne)
      .where('trace_id', '=', res.headers.get('x-request-id'))
      .execute();
    expect(logged).toEqual([
      { purpose: 'Inzage in eigen zaken, taken en berichten (Mijn Loket)', operation: 'read' },
    ]);
  });

  it('reads the home page and records the read in one statement, the chain whole when pages are asked at once', async () => {
    const subject = { kind: 'bsn', id: DEMO_BSN.sanne } as const;
    const before = await verifyChain(database().db, subject);
    const pages = await Promise.all(Array.from({ length: 8 }, () => sanne.request('/')));
    expect(pages.map((p) => p.status)).toEqual(Array(8).fill(200));
    expect(pages[0].headers.get('server-timing')).toMatch(/^app;dur=\d+\.\d\d$/);
    expect(await verifyChain(database().db, subject)).toEqual({
      ok: true,
      brokenAt: null,
      records: before.records + 8,
    });
  });

  it('gives another person a 404 for this case, without any of its data', async () => {
    const jeroen = await loginCitizen(loket.url, DEMO_BSN.jeroen);
    const res = await jeroen.request(`/zaken/${marriageCase}`);
    expect(res.status).toBe(404);
    const page = await res.text();
    expect(page).not.toContain('Melding voorgenomen huwelijk');
    expect(page).toContain('Deze zaak vinden wij niet');
    expect((await jeroen.request('/zaken/niet-een-id')).status).toBe(404);
  });

  it('shows milestones with what their dates mean, and the contact details of the organisation', async () => {
    const page = await (await sanne.request(`/zaken/${marriageCase}`)).text();
    expect(page).toContain('Melding ontvangen');
    expect(page).toContain('Klaar op');
    expect(page).toContain('Wettelijke termijn: uiterlijk');
    expect(page).toContain('14 0123');
    expect(page).toContain('Maandag tot en met vrijdag van 8.30 tot 17.00 uur');
  });

  it('lets the citizen choose an appointment slot, with the error next to the field when none is chosen', async () => {
    await staffCompletes(database(), marriageCase, 'controleer-getuigen#1');
    const taskPath = `/zaken/${marriageCase}/taken/${encodeURIComponent('kies-afspraak#1')}`;
    const home = await (await sanne.request('/')).text();
    expect(home).toContain('Kies een afspraak met de trouwambtenaar');
    const taskPage = await (await sanne.request(taskPath)).text();
    const slot = /name="slot" type="radio" value="([^"]+)"/.exec(taskPage)?.[1];
    expect(slot).toBeTruthy();
    const csrf = await csrfOf(sanne, taskPath);
    const missing = await sanne.request(taskPath, form({ _csrf: csrf }));
    expect(missing.status).toBe(400);
    const errorPage = await missing.text();
    expect(errorPage).toContain('<title>Fout: ');
    expect(errorPage).toContain('href="#veld-slot"');
    const chosen = await sanne.request(taskPath, form({ _csrf: csrf, slot: slot as string }));
    expect(chosen.status).toBe(303);
    const casePage = await (await sanne.request(chosen.headers.get('location') as string)).text();
    expect(casePage).toContain('Gelukt. Uw zaak gaat verder.');
    expect(casePage).toMatch(
      /Afspraak met de trouwambtenaar gepland<\/strong> <span class="loket-tag loket-tag--done">/,
    );
  });

  it('shows a decision with its explanation and law, and takes an objection', async () => {
    await staffCompletes(database(), marriageCase, 'gesprek-trouwambtenaar#1');
    const decisionId = await staffDecidesMarriage(database(), marriageCase, DEMO_BSN.sanne);
    const home = await (await sanne.request('/')).text();
    expect(home).toContain('Er is 1 besluit dat u nog niet hebt gelezen.');
    const path = `/zaken/${marriageCase}/besluiten/${decisionId}`;
    // The unread decision is one click away from the home page.
    expect(home).toContain(
      `href="${path}">Besluit over: Melding voorgenomen huwelijk (Gemeente Voorbeeldstad)</a>`,
    );
    const page = await (await sanne.request(path)).text();
    expect(page).toContain('U mag trouwen op');
    expect(page).toContain('Burgerlijk Wetboek');
    expect(page).toContain('Bent u het er niet mee eens?');
    const after = await (await sanne.request('/')).text();
    expect(after).not.toContain('besluit dat u nog niet hebt gelezen');
    const csrf = await csrfOf(sanne, path);
    const empty = await sanne.request(`${path}/bezwaar`, form({ _csrf: csrf, reason: ' ' }));
    expect(empty.status).toBe(400);
    const filed = await sanne.request(
      `${path}/bezwaar`,
      form({ _csrf: csrf, reason: 'De datum klopt niet.' }),
    );
    expect(filed.status).toBe(303);
    const shown = await (await sanne.request(filed.headers.get('location') as string)).text();
    expect(shown).toContain('Wij hebben uw bezwaar ontvangen');
    expect(shown).toContain('Wij bekijken uw bezwaar: De datum klopt niet.');
    const jeroen = await loginCitizen(loket.url, DEMO_BSN.jeroen);
    expect((await jeroen.request(path)).status).toBe(404);
  });

  it('shows a delay notice on the case and as an unread message until the case is opened', async () => {
    await inTransaction(database().db, (trx) =>
      sendNotice(trx, {
        caseId: marriageCase,
        organisationId: 'voorbeeldstad',
        kind: 'delay',
        reason: 'Wij wachten op een advies van de IND.',
        expectedDate: '2030-01-15',
        subjectBsn: DEMO_BSN.sanne,
      }),
    );
    const home = await (await sanne.request('/')).text();
    expect(home).toMatch(/U hebt \d+ nieuwe? bericht(en)?\./);
    const page = await (await sanne.request(`/zaken/${marriageCase}`)).text();
    expect(page).toContain('Wij wachten op een advies van de IND.');
  });

  it('starts a life event from a form prefilled with what the BRP knows, checked on the server', async () => {
    const lisa = await loginCitizen(loket.url, DEMO_BSN.lisa);
    expect(await (await lisa.request('/regelen')).text()).toContain('Begin: We gaan trouwen');
    const path = '/regelen/we-gaan-trouwen';
    const formPage = await (await lisa.request(path)).text();
    expect(formPage).toContain('Wat wij al van u weten');
    expect(formPage).toContain('Lisa Kramer');
    expect(formPage).toContain('Bron: Basisregistratie Personen (BRP)');
    const csrf = await csrfOf(lisa, path);
    const empty = await lisa.request(path, form({ _csrf: csrf, partnerBsn: '123' }));
    expect(empty.status).toBe(400);
    const errors = await empty.text();
    expect(errors).toContain('href="#veld-partnerBsn">Dit is geen geldig burgerservicenummer');
    expect(errors).toContain('href="#veld-gewensteDatum"');
    expect(errors).toContain('value="123"');
    const answers = { gewensteDatum: '2027-06-01', geborenBuitenland: 'nee', inkomenBekend: 'ja' };
    const unknown = await lisa.request(path, form({ _csrf: csrf, ...answers, partnerBsn: '111222333' }));
    expect(await unknown.text()).toContain('Dit burgerservicenummer vinden wij niet in de BRP');
    const sent = await lisa.request(path, form({ _csrf: csrf, ...answers, partnerBsn: DEMO_BSN.jeroen }));
    expect(sent.status).toBe(303);
    const confirm = await (await lisa.request(sent.headers.get('location') as string)).text();
    expect(confirm).toContain('Wij hebben uw aanvraag ontvangen');
    expect(confirm).toContain('Zaaknummer');
    expect(confirm).toContain('U hoort uiterlijk op');
    expect(confirm).toContain('Gemeente Voorbeeldstad');
  });

  it('shows my data with source and legal basis, markers with reason and contact, and a terugmelding with its status', async () => {
    const esther = await loginCitizen(loket.url, DEMO_BSN.esther);
    // Her remission decisions (no case in her list) are named by their rule's title, not its id.
    const home = await (await esther.request('/')).text();
    expect(home).toContain('Besluit over: Kwijtschelding gemeentelijke belastingen (normen');
    expect(home).not.toContain('Besluit over: kwijtschelding-gemeentelijke-belastingen');
    const page = await (await esther.request('/mijn-gegevens')).text();
    expect(page).toContain('Vermoeden opzet of grove schuld');
    expect(page).toContain('Dienst Toeslagen, 0800-0543');
    expect(page).toContain('Esther Lieke Jansen');
    expect(page).toContain('Wie heeft mijn gegevens gebruikt?');
    expect(page).toContain('Automatisch (Centraal Incassobureau (demo))');
    expect(page).toContain('Behandelen van een aanvraag');
    // Her own visits are left out of "who used my data" until she asks for them.
    expect(page).toContain('zonder uw eigen bezoeken');
    expect(page).not.toContain('<td class="utrecht-table__cell">Uzelf</td>');
    const withOwn = await (await esther.request('/mijn-gegevens?eigen=ja')).text();
    expect(withOwn).toContain('<td class="utrecht-table__cell">Uzelf</td>');
    expect(withOwn).toContain('Automatisch (Centraal Incassobureau (demo))');
    const reportPath = /href="(\/mijn-gegevens\/[0-9a-f-]{36}\/\d+\/melden)"/.exec(page)?.[1] as string;
    expect(reportPath).toBeTruthy();
    const csrf = await csrfOf(esther, reportPath);
    const empty = await esther.request(reportPath, form({ _csrf: csrf, explanation: '' }));
    expect(empty.status).toBe(400);
    const sent = await esther.request(
      reportPath,
      form({ _csrf: csrf, explanation: 'Ik heb nooit gefraudeerd.' }),
    );
    expect(sent.status).toBe(303);
    const after = await (await esther.request(sent.headers.get('location') as string)).text();
    expect(after).toContain('Wij hebben uw melding ontvangen');
    expect(after).toMatch(/terugvordering kinderopvangtoeslag per maand<\/th><td[^>]*>Ontvangen</);
    // Another person cannot report about Esther's fact.
    const jeroen = await loginCitizen(loket.url, DEMO_BSN.jeroen);
    expect((await jeroen.request(reportPath)).status).toBe(404);
  });

  it('puts decisions, notices and requests in one inbox, unread until opened', async () => {
    const inbox = await (await sanne.request('/berichten')).text();
    expect(inbox).toContain('Besluit over: Melding voorgenomen huwelijk');
    expect(inbox).toContain('Wij vragen u iets te doen: Stuur uw inkomensverklaring');
    const key = /href="\/berichten\/(verzoek[^"]+)"/.exec(inbox)?.[1] as string;
    expect(inbox).toMatch(new RegExp(`loket-tag--todo">Nieuw</span> Verzoek[^]*?${key.replace(/%/g, '%')}`));
    const opened = await sanne.request(`/berichten/${key}`);
    expect(opened.status).toBe(200);
    expect(await opened.text()).toContain('Ga naar uw zaak');
    const again = await (await sanne.request('/berichten')).text();
    expect(again).toMatch(new RegExp(`loket-tag--done">Gelezen</span> Verzoek[^]*?${key}`));
    expect((await sanne.request('/berichten/besluit%3Aonbekend')).status).toBe(404);
  });

  it('refuses a task post without the session’s CSRF token', async () => {
    const res = await sanne.request(`/zaken/${marriageCase}/taken/x`, form({ _csrf: 'fout' }));
    expect(res.status).toBe(403);
  });
});
