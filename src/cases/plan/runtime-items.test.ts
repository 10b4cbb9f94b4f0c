import { describe, expect, it } from 'vitest';
import { citizen, drive, effectTypes, on, plan, professional, task, team } from './test-support.ts';

describe('optional tasks', () => {
  const def = (autoComplete: boolean) =>
    plan([task('a', { required: true }), task('extra', { optional: true })], { autoComplete });

  it('are offered to the professional instead of started', () => {
    const d = drive(def(true));
    expect(d.states('extra')).toEqual(['enabled']);
    expect(d.effects).toContainEqual({
      type: 'item-enabled',
      instanceId: 'extra#1',
      itemId: 'extra',
      kind: 'task',
      name: 'Taak extra',
    });
  });

  it('start when a professional activates them, recording who and why', () => {
    const d = drive(def(false));
    const result = d.apply({
      type: 'task-activated',
      instanceId: 'extra#1',
      actor: professional,
      reason: 'Aanvrager is slechthorend; extra gesprek nodig',
    });
    expect(d.states('extra')).toEqual(['active']);
    expect(result.transitions).toEqual([
      expect.objectContaining({
        instanceId: 'extra#1',
        from: 'enabled',
        to: 'active',
        actor: professional,
        cause: {
          kind: 'event',
          event: 'task-activated',
          reason: 'Aanvrager is slechthorend; extra gesprek nodig',
        },
      }),
    ]);
    expect(effectTypes(result)).toEqual(['task-created']);
  });

  it('hold up a stage without auto-complete until activated or dismissed', () => {
    const d = drive(def(false));
    d.complete('a');
    expect(d.state.status).toBe('active');
    const result = d.apply({
      type: 'task-terminated',
      instanceId: 'extra#1',
      actor: professional,
      reason: 'Niet nodig',
    });
    expect(d.states('extra')).toEqual(['disabled']);
    expect(result.effects[0]).toEqual({
      type: 'task-closed',
      instanceId: 'extra#1',
      itemId: 'extra',
      outcome: 'disabled',
      actor: professional,
      reason: 'Niet nodig',
    });
    expect(d.state.status).toBe('completed');
  });

  it('do not hold up a stage with auto-complete, and are withdrawn when it completes', () => {
    const d = drive(def(true));
    const result = d.complete('a');
    expect(d.state.status).toBe('completed');
    expect(d.states('extra')).toEqual(['terminated']);
    expect(result.effects).toContainEqual(
      expect.objectContaining({ type: 'task-closed', instanceId: 'extra#1' }),
    );
  });

  it('can be an optional stage that the professional starts', () => {
    const d = drive(
      plan([
        task('a', { required: true }),
        { kind: 'stage', id: 'onderzoek', name: 'Onderzoek', optional: true },
        task('bezoek', { stage: 'onderzoek', required: true }),
      ]),
    );
    expect(d.states('bezoek')).toEqual([]);
    d.apply({
      type: 'task-activated',
      instanceId: 'onderzoek#1',
      actor: professional,
      reason: 'Twijfel over adres',
    });
    expect(d.states('bezoek')).toEqual(['active']);
  });
});

describe('repeatable items', () => {
  it('get a new instance each time their entry criterion fires', () => {
    const d = drive(
      plan([
        task('vraag', { repeat: true, entry: [on('controle')] }),
        task('controle', { repeat: true, required: true, entry: [on('lever'), on('vraag')] }),
        task('lever', { required: true }),
      ]),
    );
    d.complete('lever');
    d.complete('controle');
    d.complete('vraag');
    d.complete('controle');
    // Each entry leaves a fresh instance waiting for the next round.
    expect(d.states('controle')).toEqual(['completed', 'completed', 'available']);
    expect(d.states('vraag')).toEqual(['completed', 'active', 'available']);
    expect(d.instance('controle')).toMatchObject({ id: 'controle#3', repetition: 3 });
    expect(d.instance('controle').seen).toBeUndefined();
    expect(d.history.find((t) => t.instanceId === 'controle#2' && t.from === null)?.cause).toEqual({
      kind: 'repetition',
      of: 'controle#1',
    });
  });

  it('without entry criteria repeat on completion while their repetition rule holds', () => {
    const d = drive(plan([task('bel', { repeat: { if: 'nogBellen = true' } })]), { nogBellen: true });
    d.complete('bel');
    d.complete('bel');
    expect(d.states('bel')).toEqual(['completed', 'completed', 'active']);
    d.setData({ nogBellen: false });
    d.complete('bel');
    expect(d.states('bel')).toEqual(['completed', 'completed', 'completed']);
    expect(d.state.status).toBe('completed');
  });
});

describe('milestones', () => {
  it('are reached by a condition and tell the citizen', () => {
    const d = drive(
      plan([
        task('a', { required: true }),
        {
          kind: 'milestone',
          id: 'compleet',
          name: 'Uw aanvraag is compleet',
          entry: [{ if: 'documents.received >= 2' }],
        },
      ]),
    );
    d.apply({ type: 'document-received', documentType: 'paspoort' });
    expect(d.states('compleet')).toEqual(['available']);
    const result = d.apply({ type: 'document-received', documentType: 'loonstrook' });
    expect(d.states('compleet')).toEqual(['completed']);
    expect(result.effects).toEqual([
      {
        type: 'milestone-reached',
        instanceId: 'compleet#1',
        itemId: 'compleet',
        name: 'Uw aanvraag is compleet',
      },
    ]);
    expect(result.transitions[0]).toMatchObject({ from: 'available', to: 'completed' });
  });

  it('hold up their stage when required', () => {
    const d = drive(
      plan([
        task('a'),
        { kind: 'milestone', id: 'm', name: 'M', required: true, entry: [{ if: 'klaar = true' }] },
      ]),
    );
    d.complete('a');
    expect(d.state.status).toBe('active');
    d.setData({ klaar: true });
    expect(d.state.status).toBe('completed');
  });

  it('can be reached when a decision is drafted', () => {
    const d = drive(
      plan([
        task('besluit'),
        {
          kind: 'milestone',
          id: 'besluit-genomen',
          name: 'Besluit genomen',
          entry: [{ ...on('besluit'), if: 'decision.drafted = true and decision.outcome = "toegekend"' }],
        },
      ]),
    );
    d.apply({ type: 'decision-drafted', outcome: 'toegekend' });
    d.complete('besluit');
    expect(d.states('besluit-genomen')).toEqual(['completed']);
    expect(d.state.facts.decision).toEqual({ drafted: true, count: 1, outcome: 'toegekend' });
  });
});

describe('ad hoc tasks', () => {
  it('are added by a professional with a reason, an assignee and a due date', () => {
    const d = drive(plan([task('a', { required: true })]));
    const result = d.apply({
      type: 'adhoc-task-added',
      name: 'Bel mevrouw terug over haar schuldhulp',
      assignee: team('schuldhulp'),
      dueDate: '2025-03-07',
      reason: 'Signaal uit het gesprek: betalingsachterstand',
      actor: professional,
    });
    expect(result.effects).toEqual([
      {
        type: 'task-created',
        instanceId: 'adhoc#1',
        itemId: 'adhoc',
        stageInstanceId: 'plan#1',
        repetition: 1,
        task: {
          name: 'Bel mevrouw terug over haar schuldhulp',
          assignee: team('schuldhulp'),
          dueDate: '2025-03-07',
          adhoc: { reason: 'Signaal uit het gesprek: betalingsachterstand', addedBy: professional },
        },
      },
    ]);
    expect(result.transitions.map((t) => `${t.from}->${t.to}`)).toEqual([
      'null->available',
      'available->active',
    ]);
  });

  it('hold up their stage until done', () => {
    const d = drive(plan([task('a', { required: true })]));
    d.apply({ type: 'adhoc-task-added', name: 'Extra', assignee: team(), reason: 'r', actor: professional });
    d.complete('a');
    expect(d.state.status).toBe('active');
    d.complete('adhoc');
    expect(d.state.status).toBe('completed');
  });

  it('can be added to a running stage but not to one that has ended', () => {
    const d = drive(
      plan([
        { kind: 'stage', id: 's', name: 'S', required: true },
        task('x', { stage: 's', required: true }),
        task('y', { required: true }),
      ]),
    );
    d.apply({
      type: 'adhoc-task-added',
      name: 'In S',
      assignee: team(),
      reason: 'r',
      actor: professional,
      stageInstanceId: 's#1',
    });
    expect(d.instance('adhoc').parentId).toBe('s#1');
    d.complete('adhoc');
    d.complete('x');
    expect(() =>
      d.apply({
        type: 'adhoc-task-added',
        name: 'Te laat',
        assignee: team(),
        reason: 'r',
        actor: professional,
        stageInstanceId: 's#1',
      }),
    ).toThrow(expect.objectContaining({ code: 'invalid-state' }));
  });
});

describe('citizen tasks and documents', () => {
  it('complete an upload task when the document arrives, and count the documents', () => {
    const d = drive(
      plan([
        task('upload', {
          name: 'Stuur uw paspoort',
          assignee: { kind: 'citizen', task: 'upload-document', documentType: 'paspoort' },
          required: true,
        }),
        task('andere', {
          assignee: { kind: 'citizen', task: 'upload-document', documentType: 'loonstrook' },
        }),
      ]),
    );
    const result = d.apply({ type: 'document-received', documentType: 'paspoort', actor: citizen });
    expect(d.states('upload')).toEqual(['completed']);
    expect(d.states('andere')).toEqual(['active']);
    expect(result.transitions[0]).toMatchObject({
      cause: { kind: 'document-received', documentType: 'paspoort' },
      actor: citizen,
    });
    expect(d.state.facts.documents).toEqual({ received: 1, types: ['paspoort'] });
  });
});

describe('timers', () => {
  const def = () =>
    plan([
      task('kies', {
        required: true,
        assignee: { kind: 'citizen', task: 'choose-appointment', appointmentType: 'gesprek' },
      }),
      {
        kind: 'timer',
        id: 'herinnering',
        name: 'Herinnering',
        after: { days: 7 },
        entry: [on('kies', 'start')],
        exit: [on('kies')],
      },
      task('bel', { entry: [on('herinnering', 'occur')] }),
    ]);

  it('are scheduled for the persistence layer and fire as an event', () => {
    const d = drive(def());
    expect(d.effects).toContainEqual({
      type: 'timer-scheduled',
      instanceId: 'herinnering#1',
      itemId: 'herinnering',
      fireAt: '2025-03-10T09:00:00.000Z',
    });
    d.apply({ type: 'timer-fired', instanceId: 'herinnering#1' }, '2025-03-10T09:00:00.000Z');
    expect(d.states('herinnering')).toEqual(['completed']);
    expect(d.states('bel')).toEqual(['active']);
  });

  it('are cancelled by an exit criterion, and a late timer changes nothing', () => {
    const d = drive(def());
    const result = d.complete('kies', citizen);
    expect(result.effects).toContainEqual({
      type: 'timer-cancelled',
      instanceId: 'herinnering#1',
      itemId: 'herinnering',
    });
    const before = d.state;
    expect(d.state.status).toBe('completed');
    // A plan that has ended rejects events; a timer of a still-running plan that was cancelled is ignored.
    const running = drive(plan([...def().items, task('blijft', { required: true })]));
    running.complete('kies', citizen);
    const late = running.apply({ type: 'timer-fired', instanceId: 'herinnering#1' });
    expect(late).toEqual({ state: running.state, transitions: [], effects: [] });
    expect(before.status).toBe('completed');
  });
});
