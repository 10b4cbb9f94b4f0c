/**
 * At most `limit` holders at once; the others wait their turn, first come first served. Used to keep
 * statements that run on the CPU (zaken list pages) fewer than the connections, which also serve statements
 * that mostly wait for their commit to reach the disk (database.ts, `eachRow`).
 */
export class Gate {
  private inside = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1)
      throw new Error(`a gate needs a limit of at least 1, got ${limit}`);
  }

  /** How many hold the gate now, and how many wait. */
  get state(): { inside: number; waiting: number } {
    return { inside: this.inside, waiting: this.waiting.length };
  }

  /** Resolves once the caller holds the gate; `leave` exactly once after. */
  enter(): Promise<void> {
    if (this.inside < this.limit) {
      this.inside++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Hands the place to the longest waiter, if any. */
  leave(): void {
    if (this.inside === 0) throw new Error('left a gate nobody holds');
    const next = this.waiting.shift();
    if (next) next();
    else this.inside--;
  }

  /** Runs `work` holding the gate. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    await this.enter();
    try {
      return await work();
    } finally {
      this.leave();
    }
  }
}
