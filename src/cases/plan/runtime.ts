import { copyState, Run } from './engine.ts';
import { ADHOC_ID, modelOf, ROOT_ID } from './model.ts';
import type {
  ItemInstance,
  PlanDefinition,
  PlanEvent,
  PlanResult,
  PlanState,
  RuntimeContext,
  TaskDetails,
} from './types.ts';

/**
 * The pure entry points: a definition, a state and an event in; the new state, the history rows and the
 * effects out. No I/O, no clock (the time comes with the call), no mutation of the arguments.
 */

export type PlanEventErrorCode = 'wrong-plan' | 'plan-closed' | 'unknown-instance' | 'invalid-state';

/** The event does not fit the state (a stale or duplicate request); nothing was changed. */
export class PlanEventError extends Error {
  constructor(
    readonly code: PlanEventErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'PlanEventError';
  }
}

function toDate(now: Date | string): Date {
  const d = typeof now === 'string' ? new Date(now) : now;
  if (Number.isNaN(d.getTime())) throw new TypeError(`invalid time: ${String(now)}`);
  return d;
}

function result(run: Run): PlanResult {
  run.state.updatedAt = run.nowIso;
  return { state: run.state, transitions: run.transitions, effects: run.effects };
}

export interface StartOptions {
  caseId?: string;
  calendar?: RuntimeContext['calendar'];
}

/** Start the plan of a new case: create the case plan and run it until stable. */
export function startPlan(
  def: PlanDefinition,
  caseData: Record<string, unknown>,
  now: Date | string,
  options: StartOptions = {},
): PlanResult {
  const at = toDate(now);
  const state: PlanState = {
    format: 1,
    planId: def.id,
    planVersion: def.version,
    zaaktype: def.zaaktype,
    status: 'active',
    startedAt: at.toISOString(),
    updatedAt: at.toISOString(),
    data: caseData,
    facts: { documents: { received: 0, types: [] }, decision: { drafted: false, count: 0, outcome: null } },
    instances: [],
    counters: {},
    seq: 0,
  };
  if (options.caseId !== undefined) state.caseId = options.caseId;
  const model = modelOf(def);
  const run = new Run(model, state, at, options.calendar);
  const root = run.create(ROOT_ID, def.name, 'stage', null, { kind: 'plan-started' });
  run.startStage(root, model.root, { kind: 'plan-started' });
  run.stabilize();
  return result(run);
}

function open(run: Run, instanceId: string, kinds: ItemInstance['kind'][]): ItemInstance {
  const inst = run.instance(instanceId);
  if (!inst || !kinds.includes(inst.kind)) {
    throw new PlanEventError('unknown-instance', `no ${kinds.join(' or ')} ${instanceId} in this plan`);
  }
  return inst;
}

function requireState(inst: ItemInstance, states: ItemInstance['state'][]): void {
  if (!states.includes(inst.state)) {
    throw new PlanEventError('invalid-state', `${inst.id} is ${inst.state}, expected ${states.join(' or ')}`);
  }
}

/** Apply one event to a running plan and evaluate until stable. */
export function applyEvent(
  def: PlanDefinition,
  state: PlanState,
  event: PlanEvent,
  ctx: RuntimeContext,
): PlanResult {
  if (state.planId !== def.id || state.planVersion !== def.version) {
    throw new PlanEventError(
      'wrong-plan',
      `state runs ${state.planId} v${state.planVersion}, definition is ${def.id} v${def.version}`,
    );
  }
  if (state.status !== 'active') throw new PlanEventError('plan-closed', `the plan is ${state.status}`);
  const run = new Run(modelOf(def), copyState(state), toDate(ctx.now), ctx.calendar, event);
  const s = run.state;
  const cause = { kind: 'event', event: event.type } as const;

  switch (event.type) {
    case 'case-data-changed':
      s.data = event.data;
      run.dataChanged();
      break;
    case 'document-received': {
      const docs = s.facts.documents;
      docs.received += 1;
      if (!docs.types.includes(event.documentType)) docs.types.push(event.documentType);
      run.dataChanged();
      // The citizen's upload task for this document is done when the document arrives.
      for (const inst of s.instances) {
        const a = inst.task?.assignee;
        if (inst.state === 'active' && a?.kind === 'citizen' && a.task === 'upload-document') {
          if (a.documentType === event.documentType) {
            run.complete(inst, { kind: 'document-received', documentType: event.documentType }, event.actor);
          }
        }
      }
      break;
    }
    case 'decision-drafted': {
      const decision = s.facts.decision;
      decision.drafted = true;
      decision.count += 1;
      decision.outcome = event.outcome ?? decision.outcome;
      run.dataChanged();
      break;
    }
    case 'task-completed': {
      const inst = open(run, event.instanceId, ['task']);
      requireState(inst, ['active']);
      run.complete(inst, cause, event.actor);
      break;
    }
    case 'task-terminated': {
      const inst = open(run, event.instanceId, ['task']);
      requireState(inst, ['available', 'enabled', 'active']);
      const to = inst.state === 'enabled' ? 'disabled' : 'terminated';
      run.terminate(inst, { ...cause, reason: event.reason }, event.actor, event.reason, to);
      break;
    }
    case 'task-activated': {
      const inst = open(run, event.instanceId, ['task', 'stage']);
      requireState(inst, ['enabled']);
      const item = run.model.items.get(inst.itemId);
      if (!item) throw new PlanEventError('invalid-state', `${inst.id} is no longer in plan v${def.version}`);
      const why = { ...cause, reason: event.reason };
      if (item.kind === 'stage') run.startStage(inst, item, why, event.actor);
      else run.startTask(inst, run.taskDetails(item), why, event.actor);
      break;
    }
    case 'timer-fired': {
      const inst = run.instance(event.instanceId);
      // Durable timers may fire after their item was cancelled: a late timer changes nothing.
      if (inst?.kind !== 'timer' || inst.state !== 'active') {
        return { state, transitions: [], effects: [] };
      }
      run.complete(inst, cause);
      break;
    }
    case 'adhoc-task-added': {
      const parent = event.stageInstanceId ? open(run, event.stageInstanceId, ['stage']) : run.root;
      requireState(parent, ['active']);
      const inst = run.create(ADHOC_ID, event.name, 'task', parent.id, { ...cause, reason: event.reason });
      const task: TaskDetails = {
        name: event.name,
        assignee: event.assignee,
        adhoc: { reason: event.reason, addedBy: event.actor },
      };
      if (event.description) task.description = event.description;
      if (event.dueDate) task.dueDate = event.dueDate;
      run.startTask(inst, task, { ...cause, reason: event.reason }, event.actor);
      break;
    }
  }
  run.stabilize();
  return result(run);
}

/** Open tasks (for a work queue or the citizen's to-do list), in creation order. */
export function openTasks(state: PlanState): ItemInstance[] {
  return state.instances.filter((i) => i.kind === 'task' && (i.state === 'active' || i.state === 'enabled'));
}
