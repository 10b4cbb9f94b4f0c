import type { Logger } from 'pino';
import type { Db } from '../platform/db/database.ts';
import { type Aflevering, deliveryTarget, logAfleveringen } from './repository.ts';

type Target = NonNullable<Awaited<ReturnType<typeof deliveryTarget>>>;

/**
 * Where to deliver per abonnement, read from the database at most once per `ttlMs`: one notification
 * often goes to the same abonnementen as the one before. A change through this process's API applies
 * at once (`forget`); one made through another process within `ttlMs`.
 */
export class TargetCache {
  private readonly entries = new Map<string, { target: Target | null; until: number }>();
  constructor(
    private readonly db: Db,
    private readonly ttlMs = 2000,
  ) {}

  async get(abonnementId: string): Promise<Target | null> {
    const now = Date.now();
    const hit = this.entries.get(abonnementId);
    if (hit && hit.until > now) return hit.target;
    const target = await deliveryTarget(this.db, abonnementId);
    this.entries.set(abonnementId, { target, until: now + this.ttlMs });
    if (this.entries.size > 10_000) this.entries.clear();
    return target;
  }

  forget(abonnementId: string): void {
    this.entries.delete(abonnementId);
  }
}

export type AfleveringRow = Omit<Aflevering, 'poging' | 'tijdstip'> & {
  organisationId: string;
  abonnementId: string;
  tijdstip: Date;
};

/**
 * The delivery log, written in groups: the attempts of deliveries running side by side go into the
 * database in one insert. `add` resolves once its line is written, so a delivery is marked done only
 * after its log line exists, and stopping Loket loses no log lines.
 */
export class AfleveringLog {
  private rows: AfleveringRow[] = [];
  private pending: Promise<void> | null = null;
  private release: (() => void) | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
    /** How long a line waits for others to join its insert (0: those finishing in the same turn). */
    private readonly gatherMs = 0,
    private readonly maxRows = 200,
  ) {}

  add(row: AfleveringRow): Promise<void> {
    this.rows.push(row);
    if (!this.pending) {
      this.pending = new Promise<void>((resolve) => {
        this.release = resolve;
      });
      this.timer = setTimeout(() => void this.flush(), this.gatherMs);
    }
    const written = this.pending;
    if (this.rows.length >= this.maxRows) void this.flush();
    return written;
  }

  /** Writes the lines gathered so far; resolves when they are in the database (or could not be written). */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    const batch = this.rows;
    const release = this.release;
    this.rows = [];
    this.pending = null;
    this.release = null;
    this.timer = null;
    if (batch.length === 0) {
      release?.();
      return;
    }
    try {
      await logAfleveringen(this.db, batch);
    } catch (err) {
      // The log is for people; it must never stop or repeat a delivery.
      this.log.warn({ err, rows: batch.length }, 'could not write the notification delivery log');
    } finally {
      release?.();
    }
  }
}
