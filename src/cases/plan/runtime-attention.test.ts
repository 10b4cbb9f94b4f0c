import { describe, expect, it } from 'vitest';
import { REPETITION_LIMIT } from './engine.ts';
import { drive, effectTypes, plan, task } from './test-support.ts';
import type { PlanDefinition } from './types.ts';

describe('a condition that fails while the case runs', () => {
  const def = () =>
    plan([
      task('a', { required: true }),
      task('controle-leeftijd', {
        name: 'Controleer de leeftijd',
        entry: [{ if: 'date(geboortedatum) < date("2007-01-01")' }],
      }),
    ]);

  it('marks the item as needing attention and tells the team, without stopping the case', () => {
    const d = drive(def(), { geboortedatum: 'onbekend' });
    const flagged = d.effects.find((e) => e.type === 'item-needs-attention');
    expect(flagged).toEqual({
      type: 'item-needs-attention',
      instanceId: 'controle-leeftijd#1',
      itemId: 'controle-leeftijd',
      team: 'burgerzaken',
      attention: {
        problem: 'condition-failed',
        message: expect.stringContaining(
          'De voorwaarde "date(geboortedatum) < date("2007-01-01")" bij "Controleer de leeftijd"',
        ),
        detail: expect.stringContaining('not a valid date'),
        expression: 'date(geboortedatum) < date("2007-01-01")',
        since: d.state.startedAt,
      },
    });
    expect(d.instance('controle-leeftijd')).toMatchObject({
      state: 'available',
      attention: { problem: 'condition-failed' },
    });
    expect(d.states('a')).toEqual(['active']);
    expect(d.state.status).toBe('active');
  });

  it('tells the team once, not on every event', () => {
    const d = drive(def(), { geboortedatum: 'onbekend' });
    const next = d.apply({ type: 'document-received', documentType: 'paspoort' });
    expect(effectTypes(next)).toEqual([]);
  });

  it('reports one failing condition of an item at a time, the next one when the first is fixed', () => {
    const d = drive(
      plan([
        task('a', { required: true }),
        task('b', { entry: [{ if: 'date(van) < today()' }, { if: 'date(tot) > today()' }] }),
      ]),
      { van: 'x', tot: 'y' },
    );
    d.apply({ type: 'document-received', documentType: 'paspoort' });
    const flags = () => d.effects.filter((e) => e.type === 'item-needs-attention');
    expect(flags()).toHaveLength(1);
    expect(d.instance('b').attention?.expression).toBe('date(van) < today()');
    d.setData({ van: '2030-01-01', tot: 'y' });
    expect(flags()).toHaveLength(2);
    expect(d.instance('b').attention?.expression).toBe('date(tot) > today()');
  });

  it('clears the mark and carries on when the data is corrected', () => {
    const d = drive(def(), { geboortedatum: 'onbekend' });
    const result = d.setData({ geboortedatum: '1990-05-01' });
    expect(effectTypes(result)).toEqual(['attention-cleared', 'task-created']);
    expect(d.instance('controle-leeftijd')).toMatchObject({ state: 'active', attention: undefined });
  });

  it('on the plan itself leaves the plan running', () => {
    const d = drive(plan([task('a')], { exit: [{ if: 'date(ingetrokenOp) < today()' }] }), {
      ingetrokenOp: 'gisteren',
    });
    expect(d.instance('plan').attention?.problem).toBe('condition-failed');
    expect(d.state.status).toBe('active');
    d.complete('a');
    expect(d.state.status).toBe('completed');
  });

  it('reads today() from the event time, not from the clock', () => {
    const d = drive(plan([task('a'), task('te-laat', { entry: [{ if: 'date(termijn) < today()' }] })]), {
      termijn: '2025-03-10',
    });
    expect(d.states('te-laat')).toEqual(['available']);
    d.setData({ termijn: '2025-03-10' }, '2025-03-11T08:00:00Z');
    expect(d.states('te-laat')).toEqual(['active']);
  });
});

describe('a repetition loop', () => {
  // Validation refuses this plan (a repeatable item with only a condition); the runtime must survive it anyway,
  // e.g. for a plan stored before that rule existed.
  const looping = {
    id: 'lus',
    version: 1,
    zaaktype: 'TEST',
    name: 'Lus',
    team: 'burgerzaken',
    items: [
      { kind: 'task', id: 'a', name: 'A', assignee: { kind: 'team', team: 't' }, required: true },
      { kind: 'milestone', id: 'm', name: 'M', repeat: true, entry: [{ if: 'x = 1' }] },
    ],
  } as PlanDefinition;

  it('is cut off, marked as needing attention, and the rest of the case goes on', () => {
    const d = drive(looping, { x: 1 });
    const instances = d.state.instances.filter((i) => i.itemId === 'm');
    expect(instances.length).toBe(REPETITION_LIMIT + 1);
    expect(instances.at(-1)).toMatchObject({ state: 'available', attention: { problem: 'loop' } });
    expect(d.effects.filter((e) => e.type === 'item-needs-attention')).toHaveLength(1);
    d.setData({ x: 1, y: 2 });
    expect(d.state.instances.filter((i) => i.itemId === 'm').length).toBe(REPETITION_LIMIT + 1);
    d.complete('a');
    expect(d.state.status).toBe('completed');
  });
});
