import { copyState, isOpen, Run } from './engine.ts';
import { ADHOC_ID, modelOf, ROOT_ID } from './model.ts';
import type { Actor, ItemInstance, PlanDefinition, PlanResult, PlanState, RuntimeContext } from './types.ts';

/**
 * Moving a running case to a newer plan version. A case keeps the version it started with until someone
 * migrates it on purpose. Items are matched by id: kept items keep their instances (and sentry memory),
 * new items appear in stages that are running, removed items that were only waiting disappear. Work in
 * progress is never silently dropped: an active task or stage that no longer fits is a conflict, which
 * blocks the migration unless the caller chooses how to resolve it.
 */

export type ConflictPolicy = 'reject' | 'keep-as-adhoc' | 'terminate';

export interface MigrationConflict {
  instanceId: string;
  itemId: string;
  state: ItemInstance['state'];
  problem: 'removed-while-active' | 'kind-changed' | 'moved-while-active';
  /** Dutch, for the functional administrator planning the migration. */
  reason: string;
  /** How the chosen policy resolved it; absent under 'reject'. */
  resolution?: 'kept-as-adhoc' | 'terminated';
}

export interface MigrationReport {
  caseId?: string;
  fromVersion: number;
  toVersion: number;
  /** Whether the case is (or, in a dry run, would be) migrated. */
  migrated: boolean;
  /** Set when the case cannot be migrated at all (other plan, other version, plan closed). */
  error?: string;
  /** Items of this case present in both versions. */
  kept: string[];
  /** Items that get a new instance now (new items in running stages, moved or changed items). */
  added: string[];
  /** Items of this case that the new version no longer has. */
  removed: string[];
  conflicts: MigrationConflict[];
  tasksCreated: number;
  tasksClosed: number;
}

export interface MigrationOptions extends RuntimeContext {
  conflicts?: ConflictPolicy;
  /** Who migrates; recorded on ad hoc tasks made from removed ones. */
  actor?: Actor;
}

export type MigrationOutcome = { report: MigrationReport; result: PlanResult | null };

const SYSTEM: Actor = { kind: 'system', id: 'plan-migration' };

export function migratePlan(
  oldDef: PlanDefinition,
  newDef: PlanDefinition,
  state: PlanState,
  options: MigrationOptions,
): MigrationOutcome {
  const report: MigrationReport = {
    fromVersion: oldDef.version,
    toVersion: newDef.version,
    migrated: false,
    kept: [],
    added: [],
    removed: [],
    conflicts: [],
    tasksCreated: 0,
    tasksClosed: 0,
  };
  if (state.caseId !== undefined) report.caseId = state.caseId;
  if (oldDef.id !== newDef.id || oldDef.zaaktype !== newDef.zaaktype) {
    return {
      report: { ...report, error: `${newDef.id} is not a version of plan ${oldDef.id}` },
      result: null,
    };
  }
  if (state.planId !== oldDef.id || state.planVersion !== oldDef.version) {
    const error = `case runs ${state.planId} v${state.planVersion}, not v${oldDef.version}`;
    return { report: { ...report, error }, result: null };
  }
  if (state.status !== 'active')
    return { report: { ...report, error: `plan is ${state.status}` }, result: null };

  const oldModel = modelOf(oldDef);
  const newModel = modelOf(newDef);
  const policy = options.conflicts ?? 'reject';
  const now = typeof options.now === 'string' ? new Date(options.now) : options.now;
  const working = copyState(state);
  working.planVersion = newDef.version;
  const run = new Run(newModel, working, now, options.calendar);
  const cause = { kind: 'migration', fromVersion: oldDef.version, toVersion: newDef.version } as const;
  const kept = new Set<string>();
  const removed = new Set<string>();
  const toClose: ItemInstance[] = [];
  const conflicting: ItemInstance[] = [];

  const conflict = (inst: ItemInstance, problem: MigrationConflict['problem'], reason: string) => {
    report.conflicts.push({ instanceId: inst.id, itemId: inst.itemId, state: inst.state, problem, reason });
    conflicting.push(inst);
  };

  for (const inst of working.instances) {
    if (inst.itemId === ROOT_ID || inst.itemId === ADHOC_ID || inst.task?.adhoc) continue;
    const before = oldModel.items.get(inst.itemId);
    const after = newModel.items.get(inst.itemId);
    if (!before) continue; // removed by an earlier migration; only history is left
    if (!after) {
      removed.add(inst.itemId);
      if (inst.state === 'active' && inst.kind !== 'timer') {
        conflict(
          inst,
          'removed-while-active',
          `"${inst.name}" is bezig maar staat niet meer in versie ${newDef.version}`,
        );
      } else if (isOpen(inst)) toClose.push(inst);
      continue;
    }
    const moved = (after.stage ?? ROOT_ID) !== (before.stage ?? ROOT_ID);
    const changedKind = after.kind !== before.kind;
    if (isOpen(inst) && (moved || changedKind)) {
      if (inst.state !== 'active' || inst.kind === 'timer') toClose.push(inst);
      else if (changedKind)
        conflict(inst, 'kind-changed', `"${inst.name}" is bezig en is nu een ${after.kind}`);
      else conflict(inst, 'moved-while-active', `"${inst.name}" is bezig en staat nu in een andere fase`);
      continue;
    }
    kept.add(inst.itemId);
  }

  if (report.conflicts.length > 0 && policy === 'reject') {
    report.kept = [...kept];
    report.removed = [...removed];
    return { report, result: null };
  }

  const closedNow = new Set<string>();
  const close = (inst: ItemInstance) => {
    closedNow.add(inst.id);
    if (isOpen(inst)) run.terminate(inst, cause, options.actor);
  };
  const closing = new Set([...conflicting, ...toClose].filter((i) => i.kind === 'stage').map((i) => i.id));
  const insideClosingStage = (inst: ItemInstance): boolean => {
    for (let p = inst.parentId; p !== null; p = run.instance(p)?.parentId ?? null)
      if (closing.has(p)) return true;
    return false;
  };
  // Tasks first: a task kept as ad hoc moves to the case plan before a stage around it is terminated.
  conflicting.sort((a, b) => Number(b.kind === 'task') - Number(a.kind === 'task'));
  for (const inst of conflicting) {
    const c = report.conflicts.find((x) => x.instanceId === inst.id)!;
    if (policy === 'keep-as-adhoc' && inst.kind === 'task' && inst.task) {
      // The work goes on as a task outside the plan. Same instance id, so the task row stays the same; the
      // runtime leaves ad hoc tasks to events, whatever their item id now means.
      if (insideClosingStage(inst)) run.reparent(inst, run.root.id);
      inst.task = {
        ...inst.task,
        adhoc: {
          reason: `Vervallen in versie ${newDef.version} van het plan; als losse taak behouden.`,
          addedBy: options.actor ?? SYSTEM,
        },
      };
      closedNow.add(inst.id);
      c.resolution = 'kept-as-adhoc';
    } else {
      close(inst);
      c.resolution = 'terminated';
    }
  }
  for (const inst of toClose) close(inst);

  // Every running stage gets an instance of each of its items that it does not have yet: new items, and
  // items whose old instance was closed above because it moved or changed kind.
  run.root.name = newDef.name;
  for (const stage of [...working.instances]) {
    if (stage.kind !== 'stage' || stage.state !== 'active') continue;
    const existing = run.childrenOf(stage.id);
    for (const item of newModel.children.get(stage.itemId) ?? []) {
      if (existing.some((c) => c.itemId === item.id && c.kind === item.kind && !closedNow.has(c.id)))
        continue;
      run.create(item.id, item.name, item.kind, stage.id, cause);
      if (!report.added.includes(item.id)) report.added.push(item.id);
    }
  }

  run.stabilize();
  working.updatedAt = run.nowIso;
  report.migrated = true;
  report.kept = [...kept];
  report.removed = [...removed];
  report.tasksCreated = run.effects.filter((e) => e.type === 'task-created').length;
  report.tasksClosed = run.effects.filter((e) => e.type === 'task-closed').length;
  return { report, result: { state: working, transitions: run.transitions, effects: run.effects } };
}

export interface MigrationDryRun {
  fromVersion: number;
  toVersion: number;
  cases: MigrationReport[];
  totals: { cases: number; migratable: number; withConflicts: number; failed: number };
}

/**
 * What a migration would do to each case, changing nothing (the runtime is pure, so this is the migration
 * itself with the results thrown away). Under the default policy cases with conflicts are not migratable.
 * Without a `now`, each case is judged at the moment its plan last changed, so the report is reproducible.
 */
export function dryRunMigration(
  oldDef: PlanDefinition,
  newDef: PlanDefinition,
  states: PlanState[],
  options: Partial<MigrationOptions> = {},
): MigrationDryRun {
  const cases = states.map(
    (s) => migratePlan(oldDef, newDef, s, { ...options, now: options.now ?? s.updatedAt }).report,
  );
  return {
    fromVersion: oldDef.version,
    toVersion: newDef.version,
    cases,
    totals: {
      cases: cases.length,
      migratable: cases.filter((c) => c.migrated).length,
      withConflicts: cases.filter((c) => c.conflicts.length > 0).length,
      failed: cases.filter((c) => c.error !== undefined).length,
    },
  };
}
