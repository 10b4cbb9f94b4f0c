import { describe, expect, it } from 'vitest';
import { Batcher } from './batcher.ts';

/** A batch's work that waits until the test lets it end; records the batches it was given. */
function held() {
  const batches: number[][] = [];
  const ends: (() => void)[] = [];
  const work = (items: number[]) =>
    new Promise<number[]>((resolve) => {
      batches.push(items);
      ends.push(() => resolve(items.map((i) => i * 10)));
    });
  return { batches, ends, work };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('Batcher', () => {
  it('sends an item at once while a slot is free, and the items that came meanwhile together', async () => {
    const { batches, ends, work } = held();
    const batcher = new Batcher(work, 2, 3);
    const outs = [1, 2, 3, 4, 5, 6].map((i) => batcher.submit(i));
    expect(batches).toEqual([[1], [2]]);
    expect(batcher.state).toEqual({ running: 2, waiting: 4 });
    ends[1]();
    await tick();
    expect(batches).toEqual([[1], [2], [3, 4, 5]]);
    const seven = batcher.submit(7);
    ends[0]();
    await tick();
    expect(batches).toEqual([[1], [2], [3, 4, 5], [6, 7]]);
    ends[2]();
    ends[3]();
    expect(await Promise.all([...outs, seven])).toEqual([10, 20, 30, 40, 50, 60, 70]);
    expect(batcher.state).toEqual({ running: 0, waiting: 0 });
    expect(batcher.done).toEqual({ batches: 4, items: 7 });
  });

  it('does a failed batch again item by item, so only the item at fault fails', async () => {
    const seen: number[][] = [];
    const batcher = new Batcher(async (items: number[]) => {
      seen.push(items);
      if (items.includes(13)) throw new Error(`ongeluk met ${items.join(',')}`);
      return items.map((i) => -i);
    }, 1);
    const first = batcher.submit(1);
    const rest = [12, 13, 14].map((i) => batcher.submit(i).catch((e: Error) => e.message));
    expect(await first).toBe(-1);
    expect(await Promise.all(rest)).toEqual([-12, 'ongeluk met 13', -14]);
    expect(seen).toEqual([[1], [12, 13, 14], [12], [13], [14]]);
  });

  it('does a batch again item by item when its work answers too few outputs', async () => {
    const batcher = new Batcher(async (items: number[]) => items.slice(0, 1).map((i) => i + 1), 1);
    const outs = [batcher.submit(1), batcher.submit(2), batcher.submit(3)];
    expect(await Promise.all(outs)).toEqual([2, 3, 4]);
  });

  it('needs a slot and room for an item', () => {
    expect(() => new Batcher(async () => [], 0)).toThrow(/at least one slot/);
    expect(() => new Batcher(async () => [], 1, 0)).toThrow(/at least one slot/);
  });
});
