import type { Logger } from 'pino';
import type { Db } from '../platform/db/database.ts';
import { compactCounts, vacuumCountDeltas } from './store.ts';

/**
 * Folds the zaak counter deltas into the counters every second (README.md, "Counting"). Readers are exact
 * at any moment — they add the pending deltas — so this only keeps the number of pending deltas small.
 * Every process runs one; they do not get in each other's way.
 *
 * On PostgreSQL it also vacuums the delta table after every `VACUUM_AFTER` deltas it moved. Readers find the
 * pending deltas by an index whose dead entries only VACUUM removes: without this, a minute of 1,000 creates
 * per second left 60,000 of them, and every list page spent 1.7 ms reading them (docs/benchmarks.md).
 * Autovacuum looks at a table once a minute at most.
 */
export class CountCompactor {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private movedSinceVacuum = 0;
  static readonly VACUUM_AFTER = 10_000;

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
    private readonly options: { vacuum: boolean; intervalMs?: number },
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.pass().finally(() => {
        this.running = null;
      });
    }, this.options.intervalMs ?? 1000);
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
      for (let moved = await compactCounts(this.db); moved > 0; moved = await compactCounts(this.db))
        this.movedSinceVacuum += moved;
      if (this.options.vacuum && this.movedSinceVacuum >= CountCompactor.VACUUM_AFTER) {
        this.movedSinceVacuum = 0;
        await vacuumCountDeltas(this.db);
      }
    } catch (err) {
      this.log.warn({ err }, 'zaak counter compaction failed');
    }
  }
}
