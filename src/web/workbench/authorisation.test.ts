import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Person, personSession } from '../../cases/test-support.ts';
import { DEMO_BSN } from '../../demo/people.ts';
import { describeBackends, type TestLoket } from '../../testing/backends.ts';
import { marriageLifeEvent, movingCase, startWorkbench, textOf, type web } from './test-support.ts';
import { workbenchTexts } from './texts.nl.ts';

/**
 * Another organisation's cases in the workbench: not in a professional's queues (whatever the filter),
 * not on a case page — unless a life event shares the case with their organisation, and then only what
 * the life event shares (the service, its stand and milestones), never the citizen, the tasks, the
 * decisions, the documents or the history, and nothing to act on.
 */

const t = workbenchTexts.casePage;
/** Every list and filter of the queue that could show a case: open and closed tasks, every list. */
const QUEUES = [
  '/werkplek',
  '/werkplek?lijst=mijn',
  '/werkplek?lijst=vrij',
  '/werkplek?lijst=team&filter=ja',
  '/werkplek?lijst=team&filter=ja&soort=melding-voorgenomen-huwelijk&soort=verhuizing',
  '/werkplek?lijst=team&filter=ja&rol=behandelaar',
];

describeBackends('workbench authorisation across organisations', (database) => {
  let loket: TestLoket;
  let get: ReturnType<typeof web>;
  let marieke: Person;
  let jeroen: Person;
  let sanne: Person;
  /** Dienst Toeslagen's professional in a team with the municipality's team name and role: only the organisation differs. */
  let namesake: Person;
  /** The municipality's own case, outside any life event. */
  let ownCase: string;
  /** The municipality's marriage notice and Dienst Toeslagen's case, in one life event of the couple. */
  let melding: string;
  let toeslag: string;

  beforeAll(async () => {
    ({
      loket,
      get,
      staff: { marieke, jeroen, sanne },
    } = await startWorkbench(database()));
    namesake = await personSession(database(), 'staff', 'n.genoot', 'toeslagen', {
      name: 'Naam Genoot',
      team: 'burgerzaken',
      roles: ['behandelaar', 'tweede-lezer'],
    });
    ownCase = await movingCase(database(), DEMO_BSN.lisa);
    ({ melding, toeslag } = await marriageLifeEvent(database()));
  });
  afterAll(async () => loket?.stop());

  it('the own organisation sees both of its cases in the queue (the check below is not vacuous)', async () => {
    const page = await get(marieke, '/werkplek?lijst=team&filter=ja');
    expect(page.status).toBe(200);
    expect(page.text).toContain(`/werkplek/zaken/${ownCase}`);
    expect(page.text).toContain(`/werkplek/zaken/${melding}`);
  });

  it('no queue of another organisation shows the case, shared by a life event or not', async () => {
    for (const who of [jeroen, sanne, namesake]) {
      for (const path of QUEUES) {
        const page = await get(who, path);
        expect(page.status, path).toBe(200);
        expect(page.text, path).not.toContain(ownCase);
        expect(page.text, path).not.toContain(melding);
        expect(textOf(page.text), path).not.toContain(DEMO_BSN.lisa);
      }
    }
  });

  it('a case outside a life event is not found by another organisation, on any of its pages', async () => {
    for (const who of [jeroen, sanne, namesake]) {
      for (const path of [
        `/werkplek/zaken/${ownCase}`,
        `/werkplek/zaken/${ownCase}/beslissing?regel=kwijtschelding-gemeentelijke-belastingen`,
      ]) {
        const page = await get(who, path);
        expect(page.status, path).toBe(404);
        expect(textOf(page.text)).not.toContain(DEMO_BSN.lisa);
      }
    }
  });

  it('a case shared by a life event shows only what is shared, and cannot be acted on', async () => {
    const page = await get(jeroen, `/werkplek/zaken/${melding}`);
    expect(page.status).toBe(200);
    const text = textOf(page.text);
    expect(text).toContain(t.shared('Gemeente Voorbeeldstad'));
    // Not shared: the citizen, the tasks, decisions, documents, history, and any form to act with.
    for (const bsn of [DEMO_BSN.sanne, DEMO_BSN.jeroen]) expect(text).not.toContain(bsn);
    expect(page.text).not.toContain('id="taak-');
    for (const heading of [t.tasks, t.decisions, t.documents, t.history, t.adhoc, t.message])
      expect(page.text).not.toContain(`>${heading}</h`);
    expect(page.text).not.toContain(`action="/werkplek/zaken/${melding}`);
    // Nor the pages behind it, nor its actions.
    const draft = await get(
      jeroen,
      `/werkplek/zaken/${melding}/beslissing?regel=huwelijk-melding-voorgenomen`,
    );
    expect(draft.status).toBe(404);
    for (const [action, form] of [
      ['bericht', { onderwerp: 'x', tekst: 'y' }],
      ['extra-taak', { naam: 'x', team: 'zorgtoeslag', reden: 'y' }],
      ['taak-afronden', { taak: 'controleer-brp#1' }],
    ] as const) {
      const res = await get(jeroen, `/werkplek/zaken/${melding}/${action}`, form);
      expect(res.status, action).toBe(404);
    }
    const claim = await get(jeroen, '/werkplek/taken/behandelaar', {
      zaak: melding,
      taak: 'controleer-brp#1',
      naar: 'mij',
    });
    expect(claim.status).toBe(404);
    // An organisation outside the life event sees nothing of it.
    expect((await get(sanne, `/werkplek/zaken/${melding}`)).status).toBe(404);
    expect((await get(sanne, `/werkplek/zaken/${toeslag}`)).status).toBe(404);
  });
});
