/**
 * The same work for concurrent callers, done together: an item is sent at once when fewer than `slots`
 * batches are under way; otherwise it waits, and when a batch ends the items that came meanwhile go
 * together (at most `atMost` in one). A caller alone waits for nothing more; under load many items share one
 * statement and one commit (zaken creates: store.ts). A batch that fails is done again item by item, so an
 * item fails only by itself.
 */
export class Batcher<I, O> {
  private running = 0;
  private readonly queue: { item: I; resolve: (out: O) => void; reject: (error: unknown) => void }[] = [];
  /** Batches and items done so far (for tests and benchmarks). */
  readonly done = { batches: 0, items: 0 };

  /** `work` answers one output per item, in the items' order. */
  constructor(
    private readonly work: (items: I[]) => Promise<O[]>,
    readonly slots = 2,
    readonly atMost = 64,
  ) {
    if (!Number.isInteger(slots) || slots < 1 || !Number.isInteger(atMost) || atMost < 1)
      throw new Error(`a batcher needs at least one slot and one item per batch, got ${slots} and ${atMost}`);
  }

  /** How many batches are under way, and how many items wait. */
  get state(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.queue.length };
  }

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (this.running < this.slots) this.next();
    });
  }

  private next(): void {
    const batch = this.queue.splice(0, this.atMost);
    if (batch.length === 0) return;
    this.running++;
    void this.run(batch).finally(() => {
      this.running--;
      this.next();
    });
  }

  private async run(batch: typeof this.queue): Promise<void> {
    this.done.batches++;
    this.done.items += batch.length;
    let outs: O[];
    try {
      outs = await this.work(batch.map((b) => b.item));
      if (outs.length !== batch.length)
        throw new Error(`a batch of ${batch.length} answered ${outs.length} outputs`);
    } catch (error) {
      if (batch.length === 1) return batch[0].reject(error);
      await Promise.all(batch.map((b) => this.work([b.item]).then((o) => b.resolve(o[0]), b.reject)));
      return;
    }
    for (const [i, b] of batch.entries()) b.resolve(outs[i]);
  }
}
