import { describe, expect, it } from 'vitest';
import { Gate } from './gate.ts';

describe('Gate', () => {
  it('lets in at most its limit, and the waiting in the order they came', async () => {
    const gate = new Gate(2);
    const order: number[] = [];
    const releases: (() => void)[] = [];
    const holders = [0, 1, 2, 3, 4].map((i) =>
      gate.run(
        () =>
          new Promise<void>((resolve) => {
            order.push(i);
            releases[i] = resolve;
          }),
      ),
    );
    await Promise.resolve();
    expect(order).toEqual([0, 1]);
    expect(gate.state).toEqual({ inside: 2, waiting: 3 });
    releases[1]();
    await new Promise((r) => setTimeout(r, 0));
    expect(order).toEqual([0, 1, 2]);
    releases[0]();
    releases[2]();
    await new Promise((r) => setTimeout(r, 0));
    expect(order).toEqual([0, 1, 2, 3, 4]);
    releases[3]();
    releases[4]();
    await Promise.all(holders);
    expect(gate.state).toEqual({ inside: 0, waiting: 0 });
  });

  it('gives the place back when the work fails', async () => {
    const gate = new Gate(1);
    for (let i = 0; i < 3; i++)
      await expect(gate.run(async () => Promise.reject(new Error('kapot')))).rejects.toThrow('kapot');
    expect(gate.state).toEqual({ inside: 0, waiting: 0 });
    expect(await gate.run(async () => 'werkt')).toBe('werkt');
  });

  it('refuses a limit below one, and a leave without an enter', () => {
    expect(() => new Gate(0)).toThrow(/at least 1/);
    expect(() => new Gate(1).leave()).toThrow(/nobody holds/);
  });
});
