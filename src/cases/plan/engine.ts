import { algemeneTermijnenwet, dueDateFor, fireAtFor } from './calendar.ts';
import { ConditionScope } from './condition-scope.ts';
import { InstanceIndex } from './instance-index.ts';
import { onPartKey, type PlanModel, ROOT_ID } from './model.ts';
import type {
  Actor,
  Attention,
  Criterion,
  ItemInstance,
  ItemState,
  PlanEffect,
  PlanEvent,
  PlanItem,
  PlanItemEvent,
  PlanState,
  StageItem,
  TaskDetails,
  Transition,
  TransitionCause,
  WorkingDayCalendar,
} from './types.ts';

/** More new instances of one item within one event than this is a repetition loop. */
export const REPETITION_LIMIT = 25;
/** Evaluation passes per event; with the limit above it is never reached unless the engine has a bug. */
const PASS_LIMIT = 1_000;

const OPEN: ReadonlySet<ItemState> = new Set(['available', 'enabled', 'active']);
export const isOpen = (inst: ItemInstance): boolean => OPEN.has(inst.state);
const isDone = (inst: ItemInstance): boolean =>
  inst.state === 'completed' || inst.state === 'terminated' || inst.state === 'disabled';

function eventOf(inst: ItemInstance, to: ItemState): PlanItemEvent | null {
  if (to === 'active') return 'start';
  if (to === 'completed') return inst.kind === 'milestone' || inst.kind === 'timer' ? 'occur' : 'complete';
  if (to === 'terminated') return 'terminate';
  return null;
}

/** A shallow copy deep enough that the run never writes into the caller's state. */
export function copyState(state: PlanState): PlanState {
  return {
    ...state,
    data: state.data,
    facts: {
      documents: { ...state.facts.documents, types: [...state.facts.documents.types] },
      decision: { ...state.facts.decision },
    },
    instances: state.instances.map((i) => ({ ...i })),
    counters: { ...state.counters },
  };
}

/**
 * One application of one event: a working copy of the state, the transitions and effects it produces, and
 * the CMMN lifecycle operations. Used once and thrown away; all state lives in `state`.
 */
export class Run {
  readonly transitions: Transition[] = [];
  readonly effects: PlanEffect[] = [];
  readonly nowIso: string;
  private readonly index: InstanceIndex;
  private readonly conditions: ConditionScope;
  private readonly createdNow = new Map<string, number>();

  constructor(
    readonly model: PlanModel,
    readonly state: PlanState,
    readonly now: Date,
    readonly calendar: WorkingDayCalendar = algemeneTermijnenwet,
    event?: PlanEvent,
  ) {
    this.nowIso = now.toISOString();
    this.index = new InstanceIndex(state.instances);
    this.conditions = new ConditionScope(state, now, event);
  }

  instance(id: string): ItemInstance | undefined {
    return this.index.get(id);
  }

  childrenOf(instanceId: string): ItemInstance[] {
    return this.index.childrenOf(instanceId);
  }

  /** Move an instance under another stage instance (migration keeps removed work under the case plan). */
  reparent(inst: ItemInstance, parentId: string): void {
    this.index.reparent(inst, parentId);
  }

  get root(): ItemInstance {
    return this.state.instances[0];
  }

  /** Case data or facts changed: conditions must be evaluated afresh. */
  dataChanged(): void {
    this.conditions.reset();
  }

  // --- conditions ----------------------------------------------------------------------------------------

  /** True when the condition holds; a failure marks the instance as needing attention and counts as false. */
  private holds(inst: ItemInstance, expression: string): boolean {
    const outcome = this.conditions.evaluate(expression);
    if (!outcome.ok) {
      this.flag(inst, {
        problem: 'condition-failed',
        message: `De voorwaarde "${expression}" bij "${inst.name}" kan niet worden berekend. Dit onderdeel wacht tot iemand ernaar kijkt; de rest van de zaak gaat door.`,
        detail: outcome.error,
        expression,
        since: this.nowIso,
      });
      return false;
    }
    if (inst.attention?.problem === 'condition-failed' && inst.attention.expression === expression) {
      inst.attention = undefined;
      this.effects.push({ type: 'attention-cleared', instanceId: inst.id, itemId: inst.itemId });
    }
    return outcome.value === true;
  }

  /**
   * Mark an instance as needing attention and tell the team, once: an instance carries one problem of a kind
   * at a time (the first failing condition; the next shows up when that one is fixed).
   */
  flag(inst: ItemInstance, attention: Attention): void {
    if (inst.attention?.problem === attention.problem) return;
    inst.attention = attention;
    this.effects.push({
      type: 'item-needs-attention',
      instanceId: inst.id,
      itemId: inst.itemId,
      team: this.model.def.team,
      attention,
    });
  }

  /** Index of the first satisfied criterion, or -1. */
  private satisfied(inst: ItemInstance, criteria: Criterion[]): number {
    for (let i = 0; i < criteria.length; i++) {
      const { on, if: condition } = criteria[i];
      if (on && !on.every((p) => inst.seen?.includes(onPartKey(p.item, p.event)))) continue;
      if (condition !== undefined && !this.holds(inst, condition)) continue;
      return i;
    }
    return -1;
  }

  private repeats(item: PlanItem, inst: ItemInstance): boolean {
    if (!item.repeat) return false;
    return item.repeat === true || this.holds(inst, item.repeat.if);
  }

  // --- lifecycle -----------------------------------------------------------------------------------------

  private record(inst: ItemInstance, from: ItemState | null, cause: TransitionCause, actor?: Actor): void {
    this.state.seq += 1;
    const row: Transition = {
      seq: this.state.seq,
      at: this.nowIso,
      itemId: inst.itemId,
      instanceId: inst.id,
      from,
      to: inst.state,
      cause,
    };
    if (actor) row.actor = actor;
    this.transitions.push(row);
  }

  create(
    itemId: string,
    name: string,
    kind: ItemInstance['kind'],
    parentId: string | null,
    cause: TransitionCause,
  ) {
    const n = (this.state.counters[itemId] ?? 0) + 1;
    this.state.counters[itemId] = n;
    const inst: ItemInstance = {
      id: `${itemId}#${n}`,
      itemId,
      kind,
      name,
      parentId,
      state: 'available',
      repetition: n,
      createdAt: this.nowIso,
      updatedAt: this.nowIso,
    };
    this.state.instances.push(inst);
    this.index.add(inst);
    this.record(inst, null, cause);
    const count = (this.createdNow.get(itemId) ?? 0) + 1;
    this.createdNow.set(itemId, count);
    if (cause.kind === 'repetition' && count > REPETITION_LIMIT) {
      // Freeze it (the stabilisation loop skips it) instead of stopping the case.
      this.flag(inst, {
        problem: 'loop',
        message: `"${name}" herhaalt zich steeds opnieuw zonder dat er iets gebeurt. Het plan heeft hier een fout; dit onderdeel is stilgezet tot iemand ernaar kijkt.`,
        since: this.nowIso,
      });
    }
    return inst;
  }

  private move(inst: ItemInstance, to: ItemState, cause: TransitionCause, actor?: Actor): void {
    const from = inst.state;
    inst.state = to;
    inst.updatedAt = this.nowIso;
    this.record(inst, from, cause, actor);
    const event = eventOf(inst, to);
    if (!event) return;
    const key = onPartKey(inst.itemId, event);
    for (const target of this.model.listeners.get(key) ?? []) {
      for (const other of this.index.ofItem(target)) {
        if (isOpen(other) && !other.seen?.includes(key)) other.seen = [...(other.seen ?? []), key];
      }
    }
  }

  /** Entry criteria met (or none): enable, start or occur, and repeat when the rule says so. */
  private enter(inst: ItemInstance, item: PlanItem, cause: TransitionCause): void {
    if (item.entry?.length && this.repeats(item, inst)) {
      this.create(item.id, item.name, item.kind, inst.parentId, { kind: 'repetition', of: inst.id });
    }
    switch (item.kind) {
      case 'milestone':
        this.move(inst, 'completed', cause);
        this.effects.push({
          type: 'milestone-reached',
          instanceId: inst.id,
          itemId: item.id,
          name: item.name,
        });
        this.afterCompletion(inst, item);
        return;
      case 'timer': {
        const fireAt = fireAtFor(this.now, item.after, this.calendar);
        inst.timer = { fireAt };
        this.move(inst, 'active', cause);
        this.effects.push({ type: 'timer-scheduled', instanceId: inst.id, itemId: item.id, fireAt });
        return;
      }
      case 'task':
      case 'stage':
        if (item.optional) {
          this.move(inst, 'enabled', cause);
          this.effects.push({
            type: 'item-enabled',
            instanceId: inst.id,
            itemId: item.id,
            kind: item.kind,
            name: item.name,
          });
        } else if (item.kind === 'task') {
          this.startTask(inst, this.taskDetails(item), cause);
        } else {
          this.startStage(inst, item, cause);
        }
    }
  }

  taskDetails(item: PlanItem): TaskDetails {
    if (item.kind !== 'task') throw new Error(`${item.id} is not a task`);
    const task: TaskDetails = { name: item.name, assignee: item.assignee };
    if (item.description) task.description = item.description;
    if (item.due) task.dueDate = dueDateFor(this.now, item.due, this.calendar);
    return task;
  }

  startTask(inst: ItemInstance, task: TaskDetails, cause: TransitionCause, actor?: Actor): void {
    inst.task = task;
    this.move(inst, 'active', cause, actor);
    this.effects.push({
      type: 'task-created',
      instanceId: inst.id,
      itemId: inst.itemId,
      task,
      stageInstanceId: inst.parentId,
      repetition: inst.repetition,
    });
  }

  startStage(inst: ItemInstance, stage: StageItem, cause: TransitionCause, actor?: Actor): void {
    this.move(inst, 'active', cause, actor);
    for (const child of this.model.children.get(stage.id) ?? []) {
      this.create(child.id, child.name, child.kind, inst.id, {
        kind: 'stage-started',
        stageInstanceId: inst.id,
      });
    }
  }

  complete(inst: ItemInstance, cause: TransitionCause, actor?: Actor): void {
    const item = this.model.items.get(inst.itemId);
    if (inst.kind === 'stage') this.closeChildren(inst);
    this.move(inst, 'completed', cause, actor);
    if (actor) inst.closedBy = actor;
    if (inst.kind === 'task') {
      const closed: PlanEffect = {
        type: 'task-closed',
        instanceId: inst.id,
        itemId: inst.itemId,
        outcome: 'completed',
      };
      if (actor) closed.actor = actor;
      this.effects.push(closed);
    } else if (inst.itemId === ROOT_ID) {
      this.endPlan('completed');
    } else if (inst.kind === 'stage') {
      this.effects.push({
        type: 'stage-completed',
        instanceId: inst.id,
        itemId: inst.itemId,
        name: inst.name,
      });
    }
    if (item) this.afterCompletion(inst, item);
  }

  /** Without entry criteria, CMMN repeats an item when an instance completes. */
  private afterCompletion(inst: ItemInstance, item: PlanItem): void {
    if (item.entry?.length || inst.parentId === null || !this.repeats(item, inst)) return;
    if (this.instance(inst.parentId)?.state !== 'active') return;
    this.create(item.id, item.name, item.kind, inst.parentId, { kind: 'repetition', of: inst.id });
  }

  /** Terminate (or, for an optional task nobody started, disable) an open instance and all it contains. */
  terminate(
    inst: ItemInstance,
    cause: TransitionCause,
    actor?: Actor,
    reason?: string,
    to: ItemState = 'terminated',
  ) {
    const wasTaskRow = inst.kind === 'task' && (inst.state === 'active' || inst.state === 'enabled');
    const wasTimer = inst.kind === 'timer' && inst.state === 'active';
    if (inst.kind === 'stage') this.closeChildren(inst);
    this.move(inst, to, cause, actor);
    if (actor) inst.closedBy = actor;
    if (wasTaskRow) {
      const outcome = to === 'disabled' ? 'disabled' : 'terminated';
      const closed: PlanEffect = { type: 'task-closed', instanceId: inst.id, itemId: inst.itemId, outcome };
      if (actor) closed.actor = actor;
      if (reason) closed.reason = reason;
      this.effects.push(closed);
    }
    if (wasTimer) this.effects.push({ type: 'timer-cancelled', instanceId: inst.id, itemId: inst.itemId });
    if (inst.itemId === ROOT_ID) this.endPlan('terminated');
  }

  private closeChildren(stage: ItemInstance): void {
    for (const child of this.childrenOf(stage.id)) {
      if (isOpen(child)) this.terminate(child, { kind: 'parent-ended', parentInstanceId: stage.id });
    }
  }

  private endPlan(outcome: 'completed' | 'terminated'): void {
    this.state.status = outcome;
    this.state.endedAt = this.nowIso;
    this.effects.push({ type: 'plan-completed', outcome });
  }

  // --- evaluation until stable ---------------------------------------------------------------------------

  private canComplete(inst: ItemInstance, stage: StageItem): boolean {
    const children = this.childrenOf(inst.id);
    for (const child of children) {
      if (child.state === 'active') return false;
      if (child.state === 'enabled' && !stage.autoComplete) return false;
    }
    for (const item of this.model.children.get(stage.id) ?? []) {
      if (item.required && !children.some((c) => c.itemId === item.id && isDone(c))) return false;
    }
    return true;
  }

  /** Evaluate one open instance; true when it moved. */
  private step(inst: ItemInstance): boolean {
    const item = inst.itemId === ROOT_ID ? this.model.root : this.model.items.get(inst.itemId);
    // Ad hoc tasks (also those kept from an older plan version) are moved by events only.
    if (!item || inst.task?.adhoc) return false;
    if (item.exit?.length) {
      const index = this.satisfied(inst, item.exit);
      if (index >= 0) {
        this.terminate(inst, { kind: 'exit-criterion', index });
        return true;
      }
    }
    if (inst.state === 'available') {
      if (!item.entry?.length) {
        this.enter(inst, item, { kind: 'no-entry-criteria' });
        return true;
      }
      const index = this.satisfied(inst, item.entry);
      if (index < 0) return false;
      this.enter(inst, item, { kind: 'entry-criterion', index });
      return true;
    }
    return false;
  }

  private evaluable(inst: ItemInstance): boolean {
    if (!isOpen(inst) || inst.attention?.problem === 'loop') return false;
    return inst.parentId === null || this.index.get(inst.parentId)?.state === 'active';
  }

  /** Complete the innermost stage that can complete; true when one did. */
  private completeOneStage(): boolean {
    const instances = this.state.instances;
    // Children are created after their stage, so walking backwards meets inner stages first.
    for (let i = instances.length - 1; i >= 0; i--) {
      const inst = instances[i];
      if (inst.kind !== 'stage' || inst.state !== 'active' || !this.evaluable(inst)) continue;
      const item = inst.itemId === ROOT_ID ? this.model.root : this.model.items.get(inst.itemId);
      if (item?.kind === 'stage' && this.canComplete(inst, item)) {
        this.complete(inst, { kind: 'required-items-done' });
        return true;
      }
    }
    return false;
  }

  /**
   * Re-evaluate every open instance until nothing moves. Stages complete only once everything else is
   * stable, so a stage never completes while a child that is about to start is still 'available'.
   */
  stabilize(): void {
    const instances = this.state.instances;
    for (let pass = 0; pass < PASS_LIMIT; pass++) {
      let moved = false;
      // Instances created during the pass are evaluated in the same pass (the length is read each time).
      for (let i = 0; i < instances.length; i++) {
        if (this.evaluable(instances[i]) && this.step(instances[i])) moved = true;
      }
      if (this.state.status !== 'active') return;
      if (!moved && !this.completeOneStage()) return;
      if (this.state.status !== 'active') return;
    }
    this.flag(this.root, {
      problem: 'loop',
      message: 'Het plan van deze zaak komt niet tot rust. Bekijk het plan; de zaak zelf gaat door.',
      since: this.nowIso,
    });
  }
}
