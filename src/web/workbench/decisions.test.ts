import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Person, personSession } from '../../cases/test-support.ts';
import { DEMO_BSN } from '../../demo/people.ts';
import { SESSION_COOKIE } from '../../platform/auth/sessions.ts';
import { describeBackends, type TestLoket } from '../../testing/backends.ts';
import {
  HIGH_INCOME,
  marriageLifeEvent,
  REMISSION_RULE as RULE,
  remissionCase,
  startWorkbench,
  textOf,
  type web,
} from './test-support.ts';
import { workbenchTexts } from './texts.nl.ts';

const t = workbenchTexts.casePage;

describeBackends('workbench decisions (four eyes) and authorisation over HTTP', (database) => {
  let loket: TestLoket;
  let get: ReturnType<typeof web>;
  let marieke: Person;
  let ahmed: Person;
  let jeroen: Person;
  let sanne: Person;
  let caseId: string;

  beforeAll(async () => {
    ({
      loket,
      get,
      staff: { marieke, ahmed, jeroen, sanne },
    } = await startWorkbench(database()));
    caseId = await remissionCase(database(), DEMO_BSN.pieter);
  });
  afterAll(async () => loket?.stop());

  const decisionsOfCase = () =>
    database()
      .db.selectFrom('decision')
      .select(['id', 'status', 'outputs', 'drafted_by', 'approved_by'])
      .where('case_id', '=', caseId)
      .orderBy('created_at')
      .execute();

  it('drafts a decision from the rule with every input and its source; bad input is named at its field', async () => {
    const formPage = await get(marieke, `/werkplek/zaken/${caseId}/beslissing?regel=${RULE}`);
    expect(formPage.status).toBe(200);
    expect(formPage.text).toContain('name="invoer-nettoInkomenPerMaand"');
    const bad = await get(marieke, `/werkplek/zaken/${caseId}/beslissing`, {
      regel: RULE,
      ...HIGH_INCOME,
      'invoer-nettoInkomenPerMaand': 'veel',
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('<title>Fout: ');
    expect(bad.text).toContain('href="#veld-invoer-nettoInkomenPerMaand"');
    const ok = await get(marieke, `/werkplek/zaken/${caseId}/beslissing`, { regel: RULE, ...HIGH_INCOME });
    expect(ok.status).toBe(303);
    const [d] = await decisionsOfCase();
    expect(d).toMatchObject({ status: 'draft', drafted_by: 'm.jansen' });
    const page = textOf((await get(marieke, `/werkplek/zaken/${caseId}`)).text);
    expect(page).toContain('Aanvrager (met bewijsstukken) (applicant)');
    expect(page).toContain('Berekening stap voor stap');
  });

  it('a deviation needs a second, different professional; the citizen then sees the decision', async () => {
    const [d] = await decisionsOfCase();
    const lisaLike = await personSession(database(), 'citizen', DEMO_BSN.pieter, 'loket');
    const citizenView = () =>
      fetch(`${loket.url}/loket/api/v1/beslissingen/${d!.id}`, {
        headers: { cookie: `${SESSION_COOKIE}=${lisaLike.cookie}` },
      });
    expect((await citizenView()).status).toBe(404);
    const short = await get(marieke, `/werkplek/zaken/${caseId}/beslissingen/${d!.id}/afwijken`, {
      reden: 'hardheidsclausule',
      motivering: 'kort',
    });
    expect(short.status).toBe(400);
    expect(short.text).toContain('<title>Fout: ');
    const deviated = await get(marieke, `/werkplek/zaken/${caseId}/beslissingen/${d!.id}/afwijken`, {
      reden: 'hardheidsclausule',
      motivering: 'De woonlasten stijgen volgende maand fors door een huurverhoging.',
      'uitkomst-uitkomst': 'volledig',
    });
    expect(deviated.status).toBe(303);
    expect((await decisionsOfCase())[0]).toMatchObject({ status: 'awaiting_approval' });
    const own = await get(marieke, `/werkplek/zaken/${caseId}/beslissingen/${d!.id}/goedkeuren`, {});
    expect(own.status).toBe(403);
    expect(textOf((await get(marieke, `/werkplek/zaken/${caseId}`)).text)).toContain(
      'Een andere medewerker moet deze afwijking goedkeuren.',
    );
    const approved = await get(ahmed, `/werkplek/zaken/${caseId}/beslissingen/${d!.id}/goedkeuren`, {});
    expect(approved.status).toBe(303);
    expect((await decisionsOfCase())[0]).toMatchObject({ status: 'final', approved_by: 'a.bakker' });
    // The page names the professionals, not their ids (Ahmed approved without opening a page first).
    const decided = textOf((await get(marieke, `/werkplek/zaken/${caseId}`)).text);
    expect(decided).toContain(t.approvedBy('Ahmed Bakker'));
    expect(decided).toContain('Afwijking door Marieke Jansen.');
    expect(decided).not.toContain(t.approvedBy('a.bakker'));
    expect(decided).not.toContain('Afwijking door m.jansen');
    const seen = await citizenView();
    expect(seen.status).toBe(200);
    expect((await seen.json()).uitkomst).toMatchObject({ uitkomst: 'volledig' });
  });

  it('returns a deviation to the professional with a reason: the decision is a draft again', async () => {
    await get(marieke, `/werkplek/zaken/${caseId}/beslissing`, { regel: RULE, ...HIGH_INCOME });
    const d = (await decisionsOfCase()).at(-1)!;
    await get(marieke, `/werkplek/zaken/${caseId}/beslissingen/${d.id}/afwijken`, {
      reden: 'evenredigheid',
      motivering: 'De gevolgen zijn te zwaar voor dit gezin.',
      'uitkomst-uitkomst': 'gedeeltelijk',
    });
    const noReason = await get(ahmed, `/werkplek/zaken/${caseId}/beslissingen/${d.id}/terugsturen`, {});
    expect(noReason.text).toContain('<title>Fout: ');
    const returned = await get(ahmed, `/werkplek/zaken/${caseId}/beslissingen/${d.id}/terugsturen`, {
      reden: 'Onderbouw de huurverhoging met een brief van de verhuurder.',
    });
    expect(returned.status).toBe(303);
    expect((await decisionsOfCase()).at(-1)).toMatchObject({ status: 'draft' });
    expect(textOf((await get(marieke, `/werkplek/zaken/${caseId}`)).text)).toContain(
      'Onderbouw de huurverhoging met een brief van de verhuurder.',
    );
  });

  it('shows another organisation’s case only when a life event shares it, and then only what is shared', async () => {
    const { melding, toeslag } = await marriageLifeEvent(database());
    // Dienst Toeslagen takes part: it sees the municipality's case as service, status and milestones.
    const shared = await get(jeroen, `/werkplek/zaken/${melding}`);
    expect(shared.status).toBe(200);
    const text = textOf(shared.text);
    expect(text).toContain('U ziet alleen wat de levensgebeurtenis deelt');
    expect(text).toContain('Gemeente Voorbeeldstad');
    expect(text).not.toContain(DEMO_BSN.sanne);
    expect(shared.text).not.toContain('taak-controleer-brp');
    expect(shared.text).not.toContain('<form class="utrecht-form" action="/werkplek/zaken/');
    // …but cannot act on it.
    const act = await get(jeroen, `/werkplek/zaken/${melding}/bericht`, {
      onderwerp: 'x',
      tekst: 'y',
    });
    expect(act.status).toBe(404);
    // The collection office does not take part: nothing to see. Nor is a case outside a life event shared.
    expect((await get(sanne, `/werkplek/zaken/${melding}`)).status).toBe(404);
    expect((await get(jeroen, `/werkplek/zaken/${caseId}`)).status).toBe(404);
    // The own organisation sees its case in full, with the partner's case in the combined progress.
    const full = textOf((await get(jeroen, `/werkplek/zaken/${toeslag}`)).text);
    expect(full).toContain(DEMO_BSN.sanne);
    expect(full).toContain('Onderdeel van de levensgebeurtenis');
  });
});
