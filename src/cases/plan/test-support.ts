import { applyEvent, startPlan } from './runtime.ts';
import type {
  Actor,
  ItemInstance,
  PlanDefinition,
  PlanEffect,
  PlanEvent,
  PlanItem,
  PlanResult,
  PlanState,
  Transition,
} from './types.ts';
import { requireValidPlan } from './validate.ts';

/** Helpers for the plan tests: small plans in a few lines, and a driver that keeps the whole history. */

export const professional: Actor = { kind: 'staff', id: 'medewerker-1', name: 'Fatima de Vries' };
export const citizen: Actor = { kind: 'citizen', id: 'burger-1' };
export const MONDAY = '2025-03-03T09:00:00.000Z';

export const team = (name = 'burgerzaken') => ({ kind: 'team' as const, team: name });
export const task = (id: string, more: Partial<PlanItem> = {}): PlanItem =>
  ({ kind: 'task', id, name: `Taak ${id}`, assignee: team(), ...more }) as PlanItem;
export const on = (item: string, event: 'start' | 'complete' | 'terminate' | 'occur' = 'complete') => ({
  on: [{ item, event }],
});

export function plan(items: PlanItem[], more: Partial<PlanDefinition> = {}): PlanDefinition {
  return requireValidPlan({
    id: 'testplan',
    version: 1,
    zaaktype: 'TEST',
    name: 'Testplan',
    team: 'burgerzaken',
    items,
    ...more,
  });
}

export interface Driver {
  readonly state: PlanState;
  readonly last: PlanResult;
  readonly history: Transition[];
  readonly effects: PlanEffect[];
  apply(event: PlanEvent, now?: string): PlanResult;
  /** The open (or else the latest) instance of an item. */
  instance(itemId: string): ItemInstance;
  states(itemId: string): string[];
  complete(itemId: string, actor?: Actor, now?: string): PlanResult;
  setData(data: Record<string, unknown>, now?: string): PlanResult;
}

export function drive(def: PlanDefinition, data: Record<string, unknown> = {}, start = MONDAY): Driver {
  let last = startPlan(def, data, start, { caseId: 'zaak-1' });
  const history = [...last.transitions];
  const effects = [...last.effects];
  const driver: Driver = {
    get state() {
      return last.state;
    },
    get last() {
      return last;
    },
    history,
    effects,
    apply(event, now = start) {
      last = applyEvent(def, last.state, event, { now });
      history.push(...last.transitions);
      effects.push(...last.effects);
      return last;
    },
    instance(itemId) {
      const all = last.state.instances.filter((i) => i.itemId === itemId);
      const open = all.find((i) => ['available', 'enabled', 'active'].includes(i.state));
      const found = open ?? all.at(-1);
      if (!found) throw new Error(`no instance of ${itemId}`);
      return found;
    },
    states(itemId) {
      return last.state.instances.filter((i) => i.itemId === itemId).map((i) => i.state);
    },
    complete(itemId, actor = professional, now = start) {
      const inst = last.state.instances.find((i) => i.itemId === itemId && i.state === 'active');
      if (!inst) throw new Error(`no active instance of ${itemId}`);
      return driver.apply({ type: 'task-completed', instanceId: inst.id, actor }, now);
    },
    setData(data, now = start) {
      return driver.apply({ type: 'case-data-changed', data }, now);
    },
  };
  return driver;
}

export const effectTypes = (result: PlanResult) => result.effects.map((e) => e.type);
