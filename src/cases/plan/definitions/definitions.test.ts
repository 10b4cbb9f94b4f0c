import { describe, expect, it } from 'vitest';
import { citizen, drive, professional } from '../test-support.ts';
import { parsePlanDefinition } from '../validate.ts';
import { DEMO_PLAN_FILES, loadDemoPlan, loadDemoPlans, readDemoPlanText } from './index.ts';

const activeTasks = (d: ReturnType<typeof drive>) =>
  d.state.instances.filter((i) => i.kind === 'task' && i.state === 'active').map((i) => i.itemId);

describe('demo plans', () => {
  it.each(DEMO_PLAN_FILES)('%s is valid', (file) => {
    const result = parsePlanDefinition(readDemoPlanText(file));
    expect(result.valid ? [] : result.errors).toEqual([]);
  });

  it('include a plan of about 30 items for the benchmark', () => {
    expect(loadDemoPlans().get('subsidieaanvraag')?.items).toHaveLength(30);
  });
});

describe('melding voorgenomen huwelijk', () => {
  const def = loadDemoPlan('melding-voorgenomen-huwelijk.yaml');

  it('runs from the checks through the appointment with the registrar to the decision', () => {
    const d = drive(def, { partners: { buitenlandseGeboorte: true } });
    expect(d.states('melding-ontvangen')).toEqual(['completed']);
    expect(activeTasks(d)).toEqual(['controleer-brp', 'controleer-getuigen', 'lever-geboorteakte']);
    expect(d.states('vraag-advies-ind')).toEqual(['enabled']);
    d.complete('controleer-brp');
    d.complete('controleer-getuigen');
    d.apply({ type: 'document-received', documentType: 'buitenlandse geboorteakte', actor: citizen });
    expect(d.states('controle')).toEqual(['completed']);
    expect(d.states('controles-afgerond')).toEqual(['completed']);
    const afspraak = d.instance('kies-afspraak');
    expect(afspraak.task).toMatchObject({
      name: 'Kies een afspraak met de trouwambtenaar',
      assignee: { kind: 'citizen', task: 'choose-appointment', appointmentType: 'gesprek trouwambtenaar' },
      dueDate: '2025-03-17',
    });
    d.complete('kies-afspraak', citizen);
    expect(d.states('herinnering-afspraak')).toEqual(['terminated']);
    expect(d.states('afspraak-gepland')).toEqual(['completed']);
    d.complete('gesprek-trouwambtenaar');
    d.apply({ type: 'decision-drafted', outcome: 'geen bezwaar' });
    d.complete('neem-besluit');
    expect(d.states('besluit-genomen')).toEqual(['completed']);
    expect(d.state.status).toBe('completed');
  });

  it('has someone call the partners when they have not chosen an appointment after a week', () => {
    const d = drive(def, { partners: { buitenlandseGeboorte: false } });
    d.complete('controleer-brp');
    d.complete('controleer-getuigen');
    const timer = d.instance('herinnering-afspraak');
    d.apply({ type: 'timer-fired', instanceId: timer.id }, timer.timer!.fireAt);
    expect(activeTasks(d)).toEqual(['kies-afspraak', 'bel-over-afspraak']);
    d.complete('kies-afspraak', citizen);
    expect(d.states('bel-over-afspraak')).toEqual(['terminated']);
  });

  it('ends when the melding is withdrawn', () => {
    const d = drive(def, {});
    d.setData({ melding: { ingetrokken: true } });
    expect(d.state.status).toBe('terminated');
  });
});

describe('verhuizing', () => {
  const def = loadDemoPlan('verhuizing.yaml');

  it('registers a plain move right after the address check', () => {
    const d = drive(def, { inwoning: false });
    d.complete('controleer-adres');
    d.complete('verwerk-in-brp');
    expect(d.states('verhuizing-verwerkt')).toEqual(['completed']);
    expect(d.state.status).toBe('completed');
  });

  it('waits for the main occupant when someone moves in with them', () => {
    const d = drive(def, { inwoning: true });
    d.complete('controleer-adres');
    expect(d.states('verwerk-in-brp')).toEqual(['available']);
    d.complete('toestemming-hoofdbewoner', citizen);
    expect(d.states('verwerk-in-brp')).toEqual(['active']);
  });

  it('lets the professional start an address investigation', () => {
    const d = drive(def, { inwoning: false });
    d.apply({
      type: 'task-activated',
      instanceId: 'adresonderzoek#1',
      actor: professional,
      reason: 'Veel inschrijvingen op dit adres',
    });
    expect(activeTasks(d)).toEqual(['controleer-adres', 'huisbezoek']);
  });
});

describe('zorgtoeslag aanvraag', () => {
  const def = loadDemoPlan('zorgtoeslag-aanvraag.yaml');

  it('asks the applicant for the income statement and phones when it does not come', () => {
    const d = drive(def, { inkomen: { bekend: false } });
    expect(activeTasks(d)).toEqual([
      'controleer-inkomen',
      'controleer-verzekering',
      'lever-inkomensverklaring',
    ]);
    d.apply({ type: 'timer-fired', instanceId: d.instance('rappel-inkomen').id });
    expect(activeTasks(d)).toContain('bel-aanvrager');
    d.complete('bel-aanvrager');
    d.apply({ type: 'document-received', documentType: 'inkomensverklaring', actor: citizen });
    d.complete('controleer-inkomen');
    d.complete('controleer-verzekering');
    expect(activeTasks(d)).toEqual(['bereken-voorschot']);
    d.complete('bereken-voorschot');
    d.apply({ type: 'decision-drafted', outcome: 'toegekend' });
    d.complete('neem-besluit');
    expect(d.states('beschikking-verstuurd')).toEqual(['completed']);
    expect(d.state.status).toBe('completed');
  });
});

describe('kwijtschelding gemeentelijke belastingen', () => {
  const def = loadDemoPlan('kwijtschelding-gemeentelijke-belastingen.yaml');

  it('asks for more documents as often as needed, then decides', () => {
    const d = drive(def, { bewijs: { compleet: false } });
    d.apply({ type: 'document-received', documentType: 'bankafschriften', actor: citizen });
    d.complete('controleer-bewijsstukken');
    d.apply({ type: 'document-received', documentType: 'aanvullende stukken', actor: citizen });
    d.complete('controleer-bewijsstukken');
    expect(d.states('lever-aanvullende-stukken')).toEqual(['completed', 'active', 'available']);
    d.apply({ type: 'document-received', documentType: 'aanvullende stukken', actor: citizen });
    d.setData({ bewijs: { compleet: true } });
    d.complete('controleer-bewijsstukken');
    expect(d.states('controleer-bewijsstukken')).toEqual([
      'completed',
      'completed',
      'completed',
      'available',
    ]);
    d.complete('bereken-betalingscapaciteit');
    d.apply({ type: 'decision-drafted', outcome: 'afgewezen' });
    d.complete('neem-besluit');
    expect(d.states('bied-betalingsregeling-aan')).toEqual(['enabled']);
    expect(d.states('besluit-verzonden')).toEqual(['completed']);
    expect(d.state.status).toBe('active');
    d.apply({
      type: 'task-activated',
      instanceId: 'bied-betalingsregeling-aan#1',
      actor: professional,
      reason: 'Kan €20 per maand',
    });
    d.complete('bied-betalingsregeling-aan');
    expect(d.state.status).toBe('completed');
  });
});

describe('bezwaar', () => {
  const def = loadDemoPlan('bezwaar.yaml');

  it('hears the objector before deciding', () => {
    const d = drive(def, { bezwaar: { ondertekend: true } });
    d.setData({ bezwaar: { ondertekend: true, ontvankelijk: true } });
    d.complete('beoordeel-ontvankelijkheid');
    expect(d.states('ontvankelijk')).toEqual(['completed']);
    for (const id of [
      'plan-hoorzitting',
      'kies-moment-hoorzitting',
      'houd-hoorzitting',
      'verslag-hoorzitting',
    ]) {
      d.complete(id);
    }
    d.complete('beslissing-op-bezwaar');
    expect(d.state.status).toBe('completed');
  });

  it('goes straight to the decision when hearing may be skipped (Awb 7:3)', () => {
    const d = drive(def, { bezwaar: { ondertekend: false, ontvankelijk: true, afzienVanHoren: true } });
    expect(activeTasks(d)).toEqual(['beoordeel-ontvankelijkheid', 'herstel-verzuim']);
    d.apply({ type: 'document-received', documentType: 'ondertekend bezwaarschrift', actor: citizen });
    d.complete('beoordeel-ontvankelijkheid');
    expect(d.states('hoorzitting')).toEqual(['available']);
    expect(activeTasks(d)).toEqual(['beslissing-op-bezwaar']);
    d.complete('beslissing-op-bezwaar');
    expect(d.states('hoorzitting')).toEqual(['terminated']);
    expect(d.state.status).toBe('completed');
  });
});

describe('subsidieaanvraag (30 items)', () => {
  it('runs every task to the end, one event at a time', () => {
    const d = drive(loadDemoPlan('subsidieaanvraag.yaml'), {
      aanvraag: { volledig: true, doelgroep: true },
      begroting: { bedrag: 25_000 },
    });
    let steps = 0;
    for (let next = activeTasks(d)[0]; next; next = activeTasks(d)[0]) {
      d.complete(next);
      steps++;
    }
    expect(steps).toBe(15);
    expect(d.states('besluit-verzonden')).toEqual(['completed']);
    expect(d.states('zaak-afgerond')).toEqual(['completed']);
    // The objection period still runs; the plan ends when it has passed.
    expect(d.state.status).toBe('active');
    d.apply({ type: 'timer-fired', instanceId: d.instance('bezwaartermijn').id });
    expect(d.state.status).toBe('completed');
  });
});
