import type { ItemInstance } from './types.ts';

/** Look-ups over the instances of one state (which keeps them as a plain array, for jsonb). */
export class InstanceIndex {
  private readonly byId = new Map<string, ItemInstance>();
  private readonly byItem = new Map<string, ItemInstance[]>();
  private readonly byParent = new Map<string, ItemInstance[]>();

  constructor(instances: ItemInstance[]) {
    for (const inst of instances) this.add(inst);
  }

  add(inst: ItemInstance): void {
    this.byId.set(inst.id, inst);
    push(this.byItem, inst.itemId, inst);
    if (inst.parentId !== null) push(this.byParent, inst.parentId, inst);
  }

  get(id: string): ItemInstance | undefined {
    return this.byId.get(id);
  }

  ofItem(itemId: string): ItemInstance[] {
    return this.byItem.get(itemId) ?? [];
  }

  childrenOf(instanceId: string): ItemInstance[] {
    return this.byParent.get(instanceId) ?? [];
  }

  /** Move an instance under another stage instance. */
  reparent(inst: ItemInstance, parentId: string): void {
    if (inst.parentId !== null) {
      this.byParent.set(
        inst.parentId,
        this.childrenOf(inst.parentId).filter((s) => s !== inst),
      );
    }
    inst.parentId = parentId;
    push(this.byParent, parentId, inst);
  }
}

function push(map: Map<string, ItemInstance[]>, key: string, inst: ItemInstance): void {
  const list = map.get(key);
  if (list) list.push(inst);
  else map.set(key, [inst]);
}
