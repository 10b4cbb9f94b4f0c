import { describe, expect, it } from 'vitest';
import { dryRunMigration, migratePlan } from './migration.ts';
import { applyEvent } from './runtime.ts';
import { drive, MONDAY, on, plan, professional, task } from './test-support.ts';
import type { PlanItem } from './types.ts';

const LATER = '2025-03-05T09:00:00.000Z';
const v1Items: PlanItem[] = [
  task('intake', { required: true }),
  task('controle', { required: true, entry: [on('intake')] }),
  task('oud', { entry: [{ if: 'nooit = true' }] }),
  task('vervalt', { entry: [on('intake')] }),
];
const v1 = plan(v1Items);

describe('plan versions', () => {
  it('a running case keeps the version it started with', () => {
    const d = drive(v1);
    const v2 = plan(v1Items, { version: 2 });
    expect(() =>
      applyEvent(
        v2,
        d.state,
        { type: 'task-completed', instanceId: 'intake#1', actor: professional },
        { now: LATER },
      ),
    ).toThrow(expect.objectContaining({ code: 'wrong-plan' }));
    expect(d.state.planVersion).toBe(1);
  });
});

describe('migratePlan', () => {
  it('keeps what stays, adds new items to running stages and re-evaluates changed criteria', () => {
    const d = drive(v1);
    const v2 = plan(
      [
        task('intake', { required: true }),
        task('controle', { required: true }), // no longer waits for the intake
        task('oud', { entry: [{ if: 'nooit = true' }] }),
        task('vervalt', { entry: [on('intake')] }),
        task('nieuw', { name: 'Nieuwe controle', required: true }),
      ],
      { version: 2 },
    );
    const { report, result } = migratePlan(v1, v2, d.state, { now: LATER });
    expect(report).toMatchObject({
      caseId: 'zaak-1',
      fromVersion: 1,
      toVersion: 2,
      migrated: true,
      kept: ['intake', 'controle', 'oud', 'vervalt'],
      added: ['nieuw'],
      removed: [],
      conflicts: [],
      tasksCreated: 2,
      tasksClosed: 0,
    });
    const state = result!.state;
    expect(state.planVersion).toBe(2);
    expect(state.instances.find((i) => i.id === 'intake#1')).toEqual(
      d.state.instances.find((i) => i.id === 'intake#1'),
    );
    expect(state.instances.filter((i) => i.state === 'active').map((i) => i.id)).toEqual([
      'plan#1',
      'intake#1',
      'controle#1',
      'nieuw#1',
    ]);
    expect(result!.transitions.find((t) => t.instanceId === 'nieuw#1')?.cause).toEqual({
      kind: 'migration',
      fromVersion: 1,
      toVersion: 2,
    });
    // The migrated case runs on the new version.
    const next = applyEvent(
      v2,
      state,
      { type: 'task-completed', instanceId: 'intake#1', actor: professional },
      { now: LATER },
    );
    expect(next.state.instances.find((i) => i.id === 'vervalt#1')?.state).toBe('active');
  });

  const v2WithoutActive = plan(
    [task('controle', { required: true }), task('oud', { entry: [{ if: 'nooit = true' }] })],
    {
      version: 2,
    },
  );

  it('reports an active task that the new version removes as a conflict and changes nothing', () => {
    const d = drive(v1);
    const { report, result } = migratePlan(v1, v2WithoutActive, d.state, { now: LATER });
    expect(result).toBeNull();
    expect(report.migrated).toBe(false);
    expect(report.removed).toEqual(['intake', 'vervalt']);
    expect(report.conflicts).toEqual([
      {
        instanceId: 'intake#1',
        itemId: 'intake',
        state: 'active',
        problem: 'removed-while-active',
        reason: '"Taak intake" is bezig maar staat niet meer in versie 2',
      },
    ]);
  });

  it('can keep such a task as an ad hoc task, with the same id, so no work is lost', () => {
    const d = drive(v1);
    const { report, result } = migratePlan(v1, v2WithoutActive, d.state, {
      now: LATER,
      conflicts: 'keep-as-adhoc',
      actor: professional,
    });
    expect(report.conflicts[0].resolution).toBe('kept-as-adhoc');
    const kept = result!.state.instances.find((i) => i.id === 'intake#1')!;
    expect(kept.state).toBe('active');
    expect(kept.task?.adhoc).toEqual({ reason: expect.stringContaining('versie 2'), addedBy: professional });
    // The waiting item that was removed is simply withdrawn.
    expect(result!.state.instances.find((i) => i.id === 'vervalt#1')?.state).toBe('terminated');
    expect(result!.effects.filter((e) => e.type === 'task-closed')).toEqual([]);
    const done = applyEvent(
      v2WithoutActive,
      result!.state,
      {
        type: 'task-completed',
        instanceId: 'intake#1',
        actor: professional,
      },
      { now: LATER },
    );
    expect(done.state.instances.find((i) => i.id === 'intake#1')?.state).toBe('completed');
  });

  it('keeps an active task of a removed stage under the case plan when its stage goes', () => {
    const old = plan([
      { kind: 'stage', id: 'oude-fase', name: 'Oude fase', required: true },
      task('werk', { stage: 'oude-fase', required: true }),
      task('rest', { required: true }),
    ]);
    const d = drive(old);
    const v2 = plan([task('rest', { required: true })], { version: 2 });
    const { report, result } = migratePlan(old, v2, d.state, { now: LATER, conflicts: 'keep-as-adhoc' });
    expect(report.conflicts.map((c) => [c.instanceId, c.resolution])).toEqual([
      ['oude-fase#1', 'terminated'],
      ['werk#1', 'kept-as-adhoc'],
    ]);
    const s = result!.state;
    expect(s.instances.find((i) => i.id === 'werk#1')).toMatchObject({ parentId: 'plan#1', state: 'active' });
    const step = (state: typeof s, instanceId: string) =>
      applyEvent(v2, state, { type: 'task-completed', instanceId, actor: professional }, { now: LATER })
        .state;
    const afterRest = step(s, 'rest#1');
    expect(afterRest.status).toBe('active');
    expect(step(afterRest, 'werk#1').status).toBe('completed');
  });

  it('can terminate such a task instead, closing it for the persistence layer', () => {
    const d = drive(v1);
    const { report, result } = migratePlan(v1, v2WithoutActive, d.state, {
      now: LATER,
      conflicts: 'terminate',
    });
    expect(report.conflicts[0].resolution).toBe('terminated');
    expect(report.tasksClosed).toBe(1);
    expect(result!.effects).toContainEqual({
      type: 'task-closed',
      instanceId: 'intake#1',
      itemId: 'intake',
      outcome: 'terminated',
    });
  });

  it('moves a waiting item to its new stage, and calls moving an active one a conflict', () => {
    const d = drive(v1);
    const v2 = plan(
      [
        { kind: 'stage', id: 'fase', name: 'Fase', required: true },
        task('intake', { required: true, stage: 'fase' }),
        task('controle', { required: true, stage: 'fase', entry: [on('intake')] }),
      ],
      { version: 2 },
    );
    const { report } = migratePlan(v1, v2, d.state, { now: LATER });
    expect(report.conflicts.map((c) => [c.instanceId, c.problem])).toEqual([
      ['intake#1', 'moved-while-active'],
    ]);
    const { result } = migratePlan(v1, v2, d.state, { now: LATER, conflicts: 'keep-as-adhoc' });
    const s = result!.state;
    expect(s.instances.find((i) => i.id === 'controle#1')?.state).toBe('terminated');
    expect(s.instances.find((i) => i.id === 'controle#2')).toMatchObject({
      parentId: 'fase#1',
      state: 'available',
    });
    expect(s.instances.find((i) => i.id === 'intake#2')).toMatchObject({
      parentId: 'fase#1',
      state: 'active',
    });
  });

  it('refuses a state of another version or a plan that has ended', () => {
    const d = drive(v1);
    const v3 = plan(v1Items, { version: 3 });
    expect(migratePlan(v3, plan(v1Items, { version: 4 }), d.state, { now: LATER }).report.error).toMatch(
      /not v3/,
    );
    expect(
      migratePlan(v1, plan(v1Items, { id: 'ander-plan', version: 2 }), d.state, { now: LATER }).report.error,
    ).toMatch(/not a version/);
    const ended = drive(plan([task('a')]));
    ended.complete('a');
    const def = plan([task('a')]);
    expect(
      migratePlan(def, plan([task('a')], { version: 2 }), ended.state, { now: LATER }).report.error,
    ).toBe('plan is completed');
  });
});

describe('dryRunMigration', () => {
  it('reports per case what would be kept, added, removed and in conflict, changing nothing', () => {
    const fresh = drive(v1).state;
    const progressed = drive(v1);
    progressed.complete('intake', professional, MONDAY);
    const states = [fresh, progressed.state, { ...fresh, planVersion: 7, caseId: 'zaak-7' }];
    const snapshot = structuredClone(states);
    const v2 = plan(
      [
        task('controle', { required: true, entry: [on('nieuw')] }),
        task('oud', { entry: [{ if: 'nooit = true' }] }),
        task('vervalt', { entry: [on('nieuw')] }),
        task('nieuw'),
      ],
      { version: 2 },
    );

    const report = dryRunMigration(v1, v2, states, { now: LATER });

    expect(states).toEqual(snapshot);
    expect(report.totals).toEqual({ cases: 3, migratable: 1, withConflicts: 1, failed: 1 });
    expect(report.cases[0]).toMatchObject({
      migrated: false,
      conflicts: [expect.objectContaining({ instanceId: 'intake#1', problem: 'removed-while-active' })],
    });
    expect(report.cases[1]).toMatchObject({
      migrated: true,
      kept: ['controle', 'oud', 'vervalt'],
      added: ['nieuw'],
      removed: ['intake'],
      conflicts: [],
      tasksCreated: 1,
    });
    expect(report.cases[2]).toMatchObject({
      caseId: 'zaak-7',
      migrated: false,
      error: expect.stringContaining('v7'),
    });
  });
});
