import type { Logger } from 'pino';
import type { Db } from '../platform/db/database.ts';
import { compactCounts } from './store.ts';

/**
 * Folds the zaak counter deltas into the counters every second (README.md, "Counting"). Readers are exact
 * at any moment — they add the pending deltas — so this only keeps the number of pending deltas small.
 * Every process runs one; they do not get in each other's way.
 */
export class CountCompactor {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
    private readonly intervalMs = 1000,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.pass().finally(() => {
        this.running = null;
      });
    }, this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Compacts until nothing is pending (in batches). */
  async pass(): Promise<void> {
    try {
      while ((await compactCounts(this.db)) > 0) {
        // keep going while a burst left more than one batch
      }
    } catch (err) {
      this.log.warn({ err }, 'zaak counter compaction failed');
    }
  }
}
