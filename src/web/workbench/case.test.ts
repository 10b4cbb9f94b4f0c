import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Person, personSession } from '../../cases/test-support.ts';
import { DEMO_BSN } from '../../demo/people.ts';
import { SESSION_COOKIE } from '../../platform/auth/sessions.ts';
import { describeBackends, type TestLoket } from '../../testing/backends.ts';
import { movingCase, startWorkbench, textOf, type web } from './test-support.ts';
import { workbenchTexts } from './texts.nl.ts';

it('gives every state of a plan item a coloured tag (the state is also in words)', () => {
  const css = readFileSync(new URL('../shared/loket.css', import.meta.url), 'utf8');
  const missing = Object.keys(workbenchTexts.casePage.itemStates).filter(
    (s) => !css.includes(`.loket-tag--${s}`),
  );
  expect(missing).toEqual([]);
});

const anchor = (id: string) => `taak-${id.replace(/[^A-Za-z0-9_-]/g, '-')}`;

describeBackends('workbench case page and its actions over HTTP', (database) => {
  let loket: TestLoket;
  let get: ReturnType<typeof web>;
  let marieke: Person;
  let jeroen: Person;
  let caseId: string;

  beforeAll(async () => {
    ({
      loket,
      get,
      staff: { marieke, jeroen },
    } = await startWorkbench(database()));
    caseId = await movingCase(database(), DEMO_BSN.lisa);
  });
  afterAll(async () => loket?.stop());

  const processingRecords = () =>
    database()
      .db.selectFrom('processing_log')
      .select(['actor_id', 'operation', 'subject_id', 'purpose'])
      .where('actor_id', '=', 'm.jansen')
      .execute();

  it('shows the plan, deadlines, history and documents, and records the read in the processing log', async () => {
    const before = (await processingRecords()).length;
    const page = await get(marieke, `/werkplek/zaken/${caseId}`);
    expect(page.status).toBe(200);
    const text = textOf(page.text);
    expect(text).toContain('Mijlpalen');
    expect(text).toContain('Beslistermijn (wettelijk)');
    expect(text).toContain('Geschiedenis');
    expect(text).toContain(DEMO_BSN.lisa);
    expect(page.text).toContain(`id="${anchor('controleer-adres#1')}"`);
    const after = await processingRecords();
    expect(after.length).toBe(before + 1);
    expect(after.at(-1)).toMatchObject({ operation: 'read', subject_id: DEMO_BSN.lisa });
  });

  it('adds an ad hoc task with who and why, and completes it', async () => {
    const missing = await get(marieke, `/werkplek/zaken/${caseId}/extra-taak`, {
      naam: 'Bel de verhuurder',
      team: 'burgerzaken',
    });
    expect(missing.status).toBe(400);
    expect(missing.text).toContain('<title>Fout: ');
    expect(textOf(missing.text)).toContain('Vul in: waarom is deze taak nodig?');
    const added = await get(marieke, `/werkplek/zaken/${caseId}/extra-taak`, {
      naam: 'Bel de verhuurder',
      team: 'burgerzaken',
      reden: 'Het huurcontract lijkt niet te kloppen',
    });
    expect(added.status).toBe(303);
    const page = await get(marieke, added.location!.split('#')[0]!);
    const text = textOf(page.text);
    expect(text).toContain('De extra taak is toegevoegd.');
    expect(text).toContain('Extra taak van Marieke Jansen. Reden: Het huurcontract lijkt niet te kloppen');
    const instance = /taak-(adhoc-\d+)/.exec(page.text)?.[1];
    expect(instance).toBeTruthy();
    const done = await get(marieke, `/werkplek/zaken/${caseId}/taak-afronden`, {
      taak: instance!.replace(/-(\d+)$/, '#$1'),
      [`notitie-taak-${instance}`]: 'Verhuurder gebeld, contract klopt',
    });
    expect(done.status).toBe(303);
    const history = textOf((await get(marieke, `/werkplek/zaken/${caseId}`)).text);
    expect(history).toContain('Bel de verhuurder: Klaar');
    expect(history).toContain('Taak afgerond');
  });

  it('activates the optional stage with a reason, and refuses it without one', async () => {
    const without = await get(marieke, `/werkplek/zaken/${caseId}/taak-activeren`, {
      taak: 'adresonderzoek#1',
    });
    expect(without.status).toBe(400);
    expect(without.text).toContain('<title>Fout: ');
    const ok = await get(marieke, `/werkplek/zaken/${caseId}/taak-activeren`, {
      taak: 'adresonderzoek#1',
      [`reden-${anchor('adresonderzoek#1')}`]: 'Twee meldingen van bewoning op dit adres',
    });
    expect(ok.status).toBe(303);
    const plan = await database()
      .db.selectFrom('case_plan_history')
      .select(['instance_id', 'to_state', 'actor'])
      .where('case_id', '=', caseId)
      .where('instance_id', '=', 'adresonderzoek#1')
      .execute();
    expect(plan.map((h) => h.to_state)).toContain('active');
  });

  it('suspends and extends the term with a reason; the citizen is told about the extension', async () => {
    const noReason = await get(marieke, `/werkplek/zaken/${caseId}/termijn`, {
      soort: 'beslistermijn',
      actie: 'opschorten',
    });
    expect(noReason.text).toContain('<title>Fout: ');
    const suspended = await get(marieke, `/werkplek/zaken/${caseId}/termijn`, {
      soort: 'beslistermijn',
      actie: 'opschorten',
      'reden-beslistermijn': 'Wachten op het huurcontract',
    });
    expect(suspended.status).toBe(303);
    const extended = await get(marieke, `/werkplek/zaken/${caseId}/termijn`, {
      soort: 'beslistermijn',
      actie: 'verlengen',
      'reden-beslistermijn': 'Het adresonderzoek kost meer tijd',
      'tot-beslistermijn': '2099-12-31',
    });
    expect(extended.status).toBe(303);
    const text = textOf((await get(marieke, `/werkplek/zaken/${caseId}`)).text);
    expect(text).toContain('Opgeschort');
    expect(text).toContain('Verlengd');
    expect(text).toContain('Het adresonderzoek kost meer tijd');
    const notices = await database()
      .db.selectFrom('case_notice')
      .select(['kind', 'reason'])
      .where('case_id', '=', caseId)
      .execute();
    expect(notices).toContainEqual({ kind: 'extension', reason: 'Het adresonderzoek kost meer tijd' });
  });

  it('sends a message the citizen can read with their messages', async () => {
    const sent = await get(marieke, `/werkplek/zaken/${caseId}/bericht`, {
      onderwerp: 'Uw verhuizing',
      tekst: 'Wij hebben uw huurcontract nodig. Stuur het ons binnen twee weken.',
    });
    expect(sent.status).toBe(303);
    const lisa = await personSession(database(), 'citizen', DEMO_BSN.lisa, 'loket');
    const res = await fetch(`${loket.url}/loket/api/v1/gegevens/berichten`, {
      headers: { cookie: `${SESSION_COOKIE}=${lisa.cookie}` },
    });
    const text = await res.text();
    expect(res.status, text).toBe(200);
    expect(text).toContain('Wij hebben uw huurcontract nodig.');
  });

  it('starts a service for a citizen at the desk, recorded as done on their behalf', async () => {
    const bad = await get(marieke, '/werkplek/namens', { bsn: '123456789', kanaal: 'balie', zaaktype: '' });
    expect(bad.status).toBe(400);
    expect(textOf(bad.text)).toContain('Vul een geldig BSN in van 9 cijfers.');
    const started = await get(marieke, '/werkplek/namens', {
      bsn: DEMO_BSN.sanne,
      kanaal: 'balie',
      zaaktype: 'AANGIFTE-VERHUIZING',
      toelichting: 'Verhuist per 1 maart naar de Lindelaan',
    });
    expect(started.status).toBe(303);
    const page = textOf((await get(marieke, started.location!)).text);
    expect(page).toContain('De zaak is gestart.');
    expect(page).toContain(`Zaak gestart namens de inwoner (BSN ${DEMO_BSN.sanne})`);
    const logged = await database()
      .db.selectFrom('processing_log')
      .select(['actor_kind', 'actor_id', 'operation', 'purpose'])
      .where('subject_id', '=', DEMO_BSN.sanne)
      .execute();
    expect(logged).toContainEqual({
      actor_kind: 'staff',
      actor_id: 'm.jansen',
      operation: 'write',
      purpose: 'Aanvraag namens de inwoner (aan de balie)',
    });
  });

  it('refuses an action without the CSRF token, and from another organisation', async () => {
    const res = await fetch(`${loket.url}/werkplek/zaken/${caseId}/bericht`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        cookie: `${SESSION_COOKIE}=${marieke.cookie}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'onderwerp=a&tekst=b',
    });
    expect(res.status).toBe(403);
    const foreign = await get(jeroen, `/werkplek/zaken/${caseId}/bericht`, { onderwerp: 'x', tekst: 'y' });
    expect(foreign.status).toBe(404);
  });
});
