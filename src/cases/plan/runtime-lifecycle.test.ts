import { describe, expect, it } from 'vitest';
import { applyEvent, PlanEventError, startPlan } from './runtime.ts';
import { drive, effectTypes, MONDAY, on, plan, professional, task } from './test-support.ts';

describe('starting a plan', () => {
  it('creates the case plan and activates the items without entry criteria', () => {
    const def = plan([task('a'), task('b', { entry: [on('a')] })]);
    const { state, transitions, effects } = startPlan(def, { x: 1 }, MONDAY, { caseId: 'zaak-9' });
    expect(state).toMatchObject({ planId: 'testplan', planVersion: 1, zaaktype: 'TEST', caseId: 'zaak-9' });
    expect(state.instances.map((i) => [i.id, i.state])).toEqual([
      ['plan#1', 'active'],
      ['a#1', 'active'],
      ['b#1', 'available'],
    ]);
    expect(transitions.map((t) => `${t.instanceId}:${t.from}->${t.to}`)).toEqual([
      'plan#1:null->available',
      'plan#1:available->active',
      'a#1:null->available',
      'b#1:null->available',
      'a#1:available->active',
    ]);
    expect(transitions.map((t) => t.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(effects).toEqual([
      expect.objectContaining({ type: 'task-created', instanceId: 'a#1', stageInstanceId: 'plan#1' }),
    ]);
  });

  it('gives tasks a due date in working days, skipping weekends and holidays', () => {
    // Friday 25 April 2025; Monday 5 May (Bevrijdingsdag) is not a working day in the Algemene termijnenwet.
    const def = plan([task('a', { due: { workingDays: 5 } }), task('b', { due: { days: 1 } })]);
    const { effects } = startPlan(def, {}, '2025-04-25T10:00:00Z');
    const due = effects.map((e) => (e.type === 'task-created' ? e.task.dueDate : null));
    // a: Mon 28, Tue 29, Wed 30 April, Thu 1, Fri 2 May. b: Saturday 26 April moves to Monday 28 April.
    expect(due).toEqual(['2025-05-02', '2025-04-28']);
  });
});

describe('sentries', () => {
  it('start an item when the plan item event it waits for happens', () => {
    const d = drive(plan([task('a'), task('b', { entry: [on('a')] })]));
    const result = d.complete('a');
    expect(d.states('a')).toEqual(['completed']);
    expect(d.states('b')).toEqual(['active']);
    expect(result.transitions.find((t) => t.instanceId === 'b#1' && t.to === 'active')?.cause).toEqual({
      kind: 'entry-criterion',
      index: 0,
    });
    expect(result.transitions.find((t) => t.instanceId === 'a#1')?.actor).toEqual(professional);
    expect(effectTypes(result)).toEqual(['task-closed', 'task-created']);
  });

  it('wait for all events of one criterion and for any one of several criteria', () => {
    const def = plan([
      task('a'),
      task('b'),
      task('c'),
      task('both', { entry: [{ on: [...on('a').on, ...on('b').on] }] }),
      task('either', { entry: [on('b'), on('c')] }),
    ]);
    const d = drive(def);
    d.complete('a');
    expect(d.states('both')).toEqual(['available']);
    expect(d.states('either')).toEqual(['available']);
    d.complete('b');
    expect(d.states('both')).toEqual(['active']);
    expect(d.states('either')).toEqual(['active']);
  });

  it('remember an event until the condition holds, then start the item when the data changes', () => {
    const def = plan([
      task('a'),
      task('b', { required: true, entry: [{ ...on('a'), if: 'documents.received >= 2' }] }),
    ]);
    const d = drive(def);
    d.complete('a');
    d.apply({ type: 'document-received', documentType: 'paspoort' });
    expect(d.states('b')).toEqual(['available']);
    expect(d.instance('b').seen).toEqual(['a.complete']);
    d.apply({ type: 'document-received', documentType: 'uittreksel' });
    expect(d.states('b')).toEqual(['active']);
  });

  it('start an item on a condition over case data alone', () => {
    const d = drive(plan([task('a'), task('b', { entry: [{ if: 'aanvraag.bedrag > 1000' }] })]), {
      aanvraag: { bedrag: 10 },
    });
    expect(d.states('b')).toEqual(['available']);
    d.setData({ aanvraag: { bedrag: 5000 } });
    expect(d.states('b')).toEqual(['active']);
    expect(d.state.data).toEqual({ aanvraag: { bedrag: 5000 } });
  });

  it('terminate an active task on an exit criterion and close its task', () => {
    const d = drive(plan([task('a', { exit: [{ if: 'ingetrokken = true' }] }), task('b')]));
    const result = d.setData({ ingetrokken: true });
    expect(d.states('a')).toEqual(['terminated']);
    expect(result.effects).toEqual([
      { type: 'task-closed', instanceId: 'a#1', itemId: 'a', outcome: 'terminated' },
    ]);
    expect(result.transitions[0].cause).toEqual({ kind: 'exit-criterion', index: 0 });
  });

  it('terminate the whole plan on its own exit criterion', () => {
    const d = drive(plan([task('a'), task('b')], { exit: [{ if: 'ingetrokken = true' }] }));
    const result = d.setData({ ingetrokken: true });
    expect(d.state.status).toBe('terminated');
    expect(d.state.endedAt).toBe(MONDAY);
    expect(effectTypes(result)).toEqual(['task-closed', 'task-closed', 'plan-completed']);
    expect(result.effects.at(-1)).toEqual({ type: 'plan-completed', outcome: 'terminated' });
  });
});

describe('stages and completion', () => {
  const nested = () =>
    plan([
      { kind: 'stage', id: 'fase', name: 'Fase', required: true, autoComplete: true },
      { kind: 'stage', id: 'binnen', name: 'Binnen', stage: 'fase', required: true, autoComplete: true },
      task('x', { stage: 'binnen', required: true }),
      task('y', { stage: 'fase', entry: [on('binnen')] }),
      task('z', { entry: [on('fase')] }),
    ]);

  it('start nested stages and create their children only when the stage starts', () => {
    const d = drive(nested());
    expect(d.state.instances.map((i) => `${i.id}:${i.parentId}:${i.state}`)).toEqual([
      'plan#1:null:active',
      'fase#1:plan#1:active',
      'z#1:plan#1:available',
      'binnen#1:fase#1:active',
      'y#1:fase#1:available',
      'x#1:binnen#1:active',
    ]);
  });

  it('complete a stage when nothing in it is active and its required items are done', () => {
    const d = drive(nested());
    const r1 = d.complete('x');
    expect(d.states('binnen')).toEqual(['completed']);
    expect(d.states('y')).toEqual(['active']);
    expect(d.states('fase')).toEqual(['active']);
    expect(r1.effects).toContainEqual({
      type: 'stage-completed',
      instanceId: 'binnen#1',
      itemId: 'binnen',
      name: 'Binnen',
    });
    d.complete('y');
    expect(d.states('fase')).toEqual(['completed']);
    const last = d.complete('z');
    expect(d.state.status).toBe('completed');
    expect(last.effects.at(-1)).toEqual({ type: 'plan-completed', outcome: 'completed' });
  });

  it('let a waiting item that is not required not hold up its stage, and terminate it with the stage', () => {
    const def = plan([task('a', { required: true }), task('waits', { entry: [{ if: 'nooit = true' }] })]);
    const d = drive(def);
    const result = d.complete('a');
    expect(d.state.status).toBe('completed');
    expect(result.transitions.find((t) => t.instanceId === 'waits#1')?.cause).toEqual({
      kind: 'parent-ended',
      parentInstanceId: 'plan#1',
    });
  });

  it('count a required task a professional ended as done, and close everything inside a stage that exits', () => {
    const d = drive(
      plan([
        { kind: 'stage', id: 's', name: 'S', required: true, exit: [{ if: 'stop = true' }] },
        task('in-s', { stage: 's', required: true }),
        task('a', { required: true }),
      ]),
    );
    const ended = d.apply({
      type: 'task-terminated',
      instanceId: 'a#1',
      actor: professional,
      reason: 'Dubbel',
    });
    expect(d.instance('a')).toMatchObject({ state: 'terminated', closedBy: professional });
    expect(ended.effects).toEqual([
      {
        type: 'task-closed',
        instanceId: 'a#1',
        itemId: 'a',
        outcome: 'terminated',
        actor: professional,
        reason: 'Dubbel',
      },
    ]);
    expect(d.state.status).toBe('active');
    const exited = d.setData({ stop: true });
    expect(exited.transitions.map((t) => `${t.instanceId}:${t.to}`)).toEqual([
      'in-s#1:terminated',
      's#1:terminated',
      'plan#1:completed',
    ]);
    expect(d.state.status).toBe('completed');
  });

  it('let a required item that waits hold up its stage', () => {
    const def = plan([task('a'), task('later', { required: true, entry: [{ if: 'klaar = true' }] })]);
    const d = drive(def);
    d.complete('a');
    expect(d.state.status).toBe('active');
    d.setData({ klaar: true });
    d.complete('later');
    expect(d.state.status).toBe('completed');
  });
});

describe('events that do not fit', () => {
  const def = plan([task('a'), task('b', { entry: [on('a')] })]);

  it('are rejected with a code, leaving the state untouched', () => {
    const { state } = startPlan(def, {}, MONDAY);
    const before = structuredClone(state);
    const attempt = (event: Parameters<typeof applyEvent>[2]) => () =>
      applyEvent(def, state, event, { now: MONDAY });
    expect(attempt({ type: 'task-completed', instanceId: 'b#1', actor: professional })).toThrow(
      expect.objectContaining({ code: 'invalid-state' }),
    );
    expect(attempt({ type: 'task-completed', instanceId: 'nope#1', actor: professional })).toThrow(
      PlanEventError,
    );
    expect(attempt({ type: 'task-activated', instanceId: 'a#1', actor: professional, reason: 'x' })).toThrow(
      expect.objectContaining({ code: 'invalid-state' }),
    );
    expect(() =>
      applyEvent({ ...def, version: 2 }, state, { type: 'timer-fired', instanceId: 'x' }, { now: MONDAY }),
    ).toThrow(expect.objectContaining({ code: 'wrong-plan' }));
    expect(state).toEqual(before);
  });

  it('are rejected once the plan has ended', () => {
    const d = drive(plan([task('a')]));
    d.complete('a');
    expect(() => d.complete('a')).toThrow();
    expect(() => d.setData({})).toThrow(expect.objectContaining({ code: 'plan-closed' }));
  });
});

describe('purity', () => {
  it('never changes the state it is given, and gives the same answer for the same input', () => {
    const def = plan([
      task('a'),
      task('b', { entry: [on('a')], repeat: true }),
      task('c', { entry: [on('b')] }),
    ]);
    const { state } = startPlan(def, { n: 1 }, MONDAY);
    const frozen = structuredClone(state);
    const event = { type: 'task-completed' as const, instanceId: 'a#1', actor: professional };
    const one = applyEvent(def, state, event, { now: '2025-03-04T10:00:00Z' });
    const two = applyEvent(def, state, event, { now: '2025-03-04T10:00:00Z' });
    expect(state).toEqual(frozen);
    expect(one).toEqual(two);
  });

  it('works on a state that went through JSON (as stored in jsonb)', () => {
    const def = plan([task('a'), task('b', { entry: [on('a')] })]);
    const { state } = startPlan(def, {}, MONDAY);
    const stored = JSON.parse(JSON.stringify(state));
    const result = applyEvent(
      def,
      stored,
      { type: 'task-completed', instanceId: 'a#1', actor: professional },
      {
        now: MONDAY,
      },
    );
    expect(result.state.instances.find((i) => i.id === 'b#1')?.state).toBe('active');
  });
});
