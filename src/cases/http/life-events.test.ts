import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_BSN } from '../../demo/people.ts';
import { describeBackends, type TestLoket } from '../../testing/backends.ts';
import { caseApi, type Person, personSession, startCaseLoket, taskPath } from '../test-support.ts';

describeBackends('life events across organisations (end to end)', (database) => {
  let loket: TestLoket;
  let as: ReturnType<typeof caseApi>;
  const p: Record<string, Person> = {};

  beforeAll(async () => {
    loket = await startCaseLoket(database());
    as = caseApi(loket);
    p.sanne = await personSession(database(), 'citizen', DEMO_BSN.sanne, 'voorbeeldstad');
    p.jeroen = await personSession(database(), 'citizen', DEMO_BSN.jeroen, 'voorbeeldstad');
    p.gemeente = await personSession(database(), 'staff', 'm.jansen', 'voorbeeldstad', {
      roles: ['behandelaar'],
    });
    p.toeslagen = await personSession(database(), 'staff', 'j.visser', 'toeslagen', {
      roles: ['behandelaar'],
    });
    p.incasso = await personSession(database(), 'staff', 's.mulder', 'incasso', { roles: ['behandelaar'] });
  });
  afterAll(async () => loket?.stop());

  const progress = async (who: Person, requestId: string) =>
    (await as(who, 'GET', `/levensgebeurtenissen/aanvragen/${requestId}`)).body;
  const service = (view: { services: { serviceKey: string }[] }, key: string) =>
    view.services.find((s) => s.serviceKey === key) as unknown as Record<string, unknown> & {
      milestones: { name: string }[];
      openTasks?: { instanceId: string; name: string }[];
    };

  it('starts the cases at two organisations from one request, and the combined progress follows them', async () => {
    const events = (await as(p.sanne, 'GET', '/levensgebeurtenissen')).body;
    expect(events.map((e: { id: string }) => e.id)).toEqual(
      expect.arrayContaining(['we-gaan-trouwen', 'ik-ga-verhuizen']),
    );

    // Bad answers: every problem at once, and nothing is started.
    const bad = await as(p.sanne, 'POST', '/levensgebeurtenissen/we-gaan-trouwen/aanvragen', {
      answers: { partnerBsn: '123456789', geborenBuitenland: 'nee', schoenmaat: 41 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.invalidParams.map((x: { name: string }) => x.name).sort()).toEqual([
      'answers.geborenBuitenland',
      'answers.gewensteDatum',
      'answers.inkomenBekend',
      'answers.partnerBsn',
      'answers.schoenmaat',
    ]);
    expect((await as(p.sanne, 'GET', '/levensgebeurtenissen/aanvragen')).body).toEqual([]);

    const started = await as(p.sanne, 'POST', '/levensgebeurtenissen/we-gaan-trouwen/aanvragen', {
      answers: {
        partnerBsn: DEMO_BSN.jeroen,
        gewensteDatum: '2030-06-14',
        geborenBuitenland: false,
        inkomenBekend: false,
      },
    });
    expect(started.body).toMatchObject({ requestId: expect.any(String) });
    const { requestId, cases } = started.body as {
      requestId: string;
      cases: { caseId: string; organisationId: string; serviceKey: string }[];
    };
    expect(cases.map((c) => c.organisationId)).toEqual(['voorbeeldstad', 'toeslagen']);
    const melding = cases[0].caseId;
    // Jeroen's number went to both organisations: recorded for him at each.
    const jeroen = await database()
      .db.selectFrom('processing_log')
      .select(['organisation_id', 'operation'])
      .where('subject_id', '=', DEMO_BSN.jeroen)
      .execute();
    expect(jeroen.map((r) => `${r.organisation_id}:${r.operation}`).sort()).toEqual([
      'toeslagen:write',
      'voorbeeldstad:write',
    ]);
    const zorgtoeslag = cases[1].caseId;

    // The data is passed once; each organisation receives only its part.
    const meldingData = (await as(p.gemeente, 'GET', `/zaken/${melding}/plan`)).body.state.data;
    expect(meldingData).toEqual({
      partners: { aantal: 2, partnerBsn: DEMO_BSN.jeroen, buitenlandseGeboorte: false },
      melding: { ingetrokken: false, gewensteDatum: '2030-06-14' },
    });
    const toeslagData = (await as(p.toeslagen, 'GET', `/zaken/${zorgtoeslag}/plan`)).body.state.data;
    expect(toeslagData).toEqual({
      verzekering: { actief: true },
      inkomen: { bekend: false },
      aanvrager: { toeslagpartnerBsn: DEMO_BSN.jeroen },
    });

    let view = await progress(p.sanne, requestId);
    expect(view).toMatchObject({
      lifeEvent: { id: 'we-gaan-trouwen', name: 'We gaan trouwen' },
      done: 0,
      total: 2,
    });
    expect(service(view, 'melding')).toMatchObject({
      organisation: { id: 'voorbeeldstad', name: 'Gemeente Voorbeeldstad' },
      dienst: 'Melding voorgenomen huwelijk',
      status: 'busy',
      milestones: [{ name: 'Melding ontvangen' }],
    });
    // Without a known income, Dienst Toeslagen asks for the income statement: waiting for Sanne.
    expect(service(view, 'zorgtoeslag')).toMatchObject({
      status: 'waiting-for-you',
      milestones: [{ name: 'Aanvraag ontvangen' }],
    });
    expect(service(view, 'zorgtoeslag').openTasks?.map((t) => t.name)).toEqual([
      'Stuur uw inkomensverklaring',
    ]);

    // The municipality does its checks: the plan asks Sanne to choose an appointment.
    for (const task of ['controleer-brp#1', 'controleer-getuigen#1'])
      expect(
        (await as(p.gemeente, 'POST', `/zaken/${melding}/taken/${taskPath(task)}/afronden`, {})).status,
      ).toBe(200);
    view = await progress(p.sanne, requestId);
    expect(service(view, 'melding').milestones.map((m) => m.name)).toEqual([
      'Melding ontvangen',
      'Uw gegevens zijn gecontroleerd',
    ]);
    expect(service(view, 'melding').status).toBe('waiting-for-you');

    // Sanne does her two tasks at two organisations from one list.
    const mine = (await as(p.sanne, 'GET', '/mijn-taken')).body as {
      caseId: string;
      instanceId: string;
      task: string;
    }[];
    expect(mine.map((t) => t.task).sort()).toEqual(['choose-appointment', 'upload-document']);
    const appointment = mine.find((t) => t.task === 'choose-appointment')!;
    const slots = (
      await as(
        p.sanne,
        'GET',
        `/mijn-taken/${appointment.caseId}/${taskPath(appointment.instanceId)}/tijdsloten`,
      )
    ).body;
    expect(slots.length).toBeGreaterThan(10);
    const finish = (t: { caseId: string; instanceId: string }, body: unknown) =>
      as(p.sanne, 'POST', `/mijn-taken/${t.caseId}/${taskPath(t.instanceId)}/afronden`, body);
    expect((await finish(appointment, { slot: '2020-01-01T09:00:00.000Z' })).status).toBe(400);
    expect((await finish(appointment, { slot: slots[2] })).body.state).toBe('completed');
    const upload = mine.find((t) => t.task === 'upload-document')!;
    expect((await finish(upload, { document: { id: 'inkomensverklaring-2030.pdf' } })).body.state).toBe(
      'completed',
    );
    // Jeroen is not the applicant: he sees none of it.
    expect((await as(p.jeroen, 'GET', '/mijn-taken')).body).toEqual([]);
    expect((await as(p.jeroen, 'GET', `/levensgebeurtenissen/aanvragen/${requestId}`)).status).toBe(404);

    view = await progress(p.sanne, requestId);
    expect(service(view, 'melding').milestones.map((m) => m.name)).toContain(
      'Afspraak met de trouwambtenaar gepland',
    );
    expect(service(view, 'zorgtoeslag').status).toBe('busy');

    // Dienst Toeslagen finishes its case; the combined progress shows one of two done.
    for (const task of ['controleer-inkomen#1', 'controleer-verzekering#1', 'bereken-voorschot#1'])
      expect(
        (await as(p.toeslagen, 'POST', `/zaken/${zorgtoeslag}/taken/${taskPath(task)}/afronden`, {})).status,
      ).toBe(200);
    await as(p.toeslagen, 'POST', `/zaken/${zorgtoeslag}/gebeurtenissen`, {
      type: 'decision-drafted',
      outcome: 'toegekend',
    });
    await as(p.toeslagen, 'POST', `/zaken/${zorgtoeslag}/taken/${taskPath('neem-besluit#1')}/afronden`, {});
    view = await progress(p.sanne, requestId);
    expect(service(view, 'zorgtoeslag')).toMatchObject({ status: 'done', statusText: 'Afgerond' });
    expect(service(view, 'zorgtoeslag').milestones.map((m) => m.name)).toContain('Beschikking verstuurd');
    expect(view).toMatchObject({ done: 1, total: 2 });
    // The decision met the legal term of the toeslagen case.
    expect(service(view, 'zorgtoeslag').deadline).toMatchObject({ status: 'met' });

    // A professional sees her own case in full and of the other organisation only what is shared.
    const staffView = (await as(p.toeslagen, 'GET', `/zaken/${zorgtoeslag}/levensgebeurtenis`)).body;
    expect(service(staffView, 'zorgtoeslag').caseId).toBe(zorgtoeslag);
    const other = service(staffView, 'melding');
    expect(other.caseId).toBeUndefined();
    expect(other.openTasks).toBeUndefined();
    expect(other.deadline).toBeUndefined();
    expect(other.milestones.length).toBeGreaterThan(0);
    // An organisation outside the request sees nothing; nor can it open the other's case.
    expect((await as(p.incasso, 'GET', `/levensgebeurtenissen/aanvragen/${requestId}`)).status).toBe(404);
    expect((await as(p.toeslagen, 'GET', `/zaken/${melding}/plan`)).status).toBe(404);
  });

  it('starts "ik ga verhuizen" at the municipality and the benefits organisation', async () => {
    const started = await as(p.jeroen, 'POST', '/levensgebeurtenissen/ik-ga-verhuizen/aanvragen', {
      answers: {
        nieuwAdres: 'Stationsplein 4, 9990 SA Voorbeeldstad',
        verhuisdatum: '2030-05-01',
        inwoning: false,
        inkomenBekend: true,
      },
    });
    expect(started.status).toBe(201);
    const view = await progress(p.jeroen, started.body.requestId);
    expect(
      view.services.map((s: { organisation: { id: string }; dienst: string }) => [
        s.organisation.id,
        s.dienst,
      ]),
    ).toEqual([
      ['voorbeeldstad', 'Verhuizing'],
      ['toeslagen', 'Aanvraag zorgtoeslag'],
    ]);
    const mine = (await as(p.jeroen, 'GET', '/levensgebeurtenissen/aanvragen')).body;
    expect(mine.map((r: { lifeEventId: string }) => r.lifeEventId)).toEqual(['ik-ga-verhuizen']);
  });
});
