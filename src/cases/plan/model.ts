import type { PlanDefinition, PlanItem, PlanItemEvent, StageItem } from './types.ts';

/** Item id of the case plan itself (the outermost stage). Reserved in definitions. */
export const ROOT_ID = 'plan';
/** Item id under which ad hoc tasks (not in the plan) are counted. Reserved in definitions. */
export const ADHOC_ID = 'adhoc';

/** A validated definition with the look-ups the runtime needs, built once per definition object. */
export interface PlanModel {
  def: PlanDefinition;
  root: StageItem;
  items: Map<string, PlanItem>;
  /** Stage id (ROOT_ID for the plan) → its child items, in definition order. */
  children: Map<string, PlanItem[]>;
  /** `item.event` → ids of the items with a sentry listening to it. */
  listeners: Map<string, string[]>;
}

export const onPartKey = (item: string, event: PlanItemEvent): string => `${item}.${event}`;

const models = new WeakMap<PlanDefinition, PlanModel>();

/**
 * The index of a definition. Cached per object: callers keep one definition object per plan version (e.g.
 * in a map keyed by id and version) and the index is built once.
 */
export function modelOf(def: PlanDefinition): PlanModel {
  let model = models.get(def);
  if (model) return model;
  const root: StageItem = {
    kind: 'stage',
    id: ROOT_ID,
    name: def.name,
    autoComplete: def.autoComplete,
    exit: def.exit,
  };
  const items = new Map<string, PlanItem>([[ROOT_ID, root]]);
  const children = new Map<string, PlanItem[]>([[ROOT_ID, []]]);
  for (const item of def.items) {
    items.set(item.id, item);
    if (item.kind === 'stage') children.set(item.id, children.get(item.id) ?? []);
  }
  for (const item of def.items) {
    const parent = item.stage ?? ROOT_ID;
    const list = children.get(parent) ?? [];
    list.push(item);
    children.set(parent, list);
  }
  const listeners = new Map<string, string[]>();
  for (const item of items.values()) {
    for (const criterion of [...(item.entry ?? []), ...(item.exit ?? [])]) {
      for (const on of criterion.on ?? []) {
        const key = onPartKey(on.item, on.event);
        const list = listeners.get(key) ?? [];
        if (!list.includes(item.id)) list.push(item.id);
        listeners.set(key, list);
      }
    }
  }
  model = { def, root, items, children, listeners };
  models.set(def, model);
  return model;
}
