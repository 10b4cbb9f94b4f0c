import { sql } from 'kysely';
import type { Logger } from 'pino';
import type { Database, Db } from '../db/database.ts';
import { isLockConflict } from '../db/errors.ts';
import { inTransaction, type Trx } from '../db/transaction.ts';
import { backoffSeconds } from '../outbox/dispatcher.ts';

export interface Job<P = unknown> {
  id: number;
  organisationId: string;
  queue: string;
  payload: P;
  runAt: Date;
  attempts: number;
}

export interface NewJob<P = unknown> {
  organisationId: string;
  queue: string;
  payload?: P;
  runAt?: Date;
  /** At most one pending job per (queue, key): scheduling again moves the existing one. */
  singletonKey?: string;
  maxAttempts?: number;
}

/** Schedules a job (or a timer: a job with a runAt) in the caller's transaction. */
export async function schedule(db: Db | Trx, job: NewJob): Promise<number> {
  const values = {
    organisation_id: job.organisationId,
    queue: job.queue,
    payload: JSON.stringify(job.payload ?? {}),
    run_at: job.runAt ?? sql<Date>`now()`,
    singleton_key: job.singletonKey ?? null,
    max_attempts: job.maxAttempts ?? 10,
  };
  const q = db.insertInto('job').values(values);
  const row = job.singletonKey
    ? await q
        .onConflict((oc) =>
          oc
            .columns(['queue', 'singleton_key'])
            .where('status', '=', 'pending')
            .where('singleton_key', 'is not', null)
            .doUpdateSet({ run_at: values.run_at, payload: values.payload }),
        )
        .returning('id')
        .executeTakeFirstOrThrow()
    : await q.returning('id').executeTakeFirstOrThrow();
  return row.id as number;
}

/**
 * Cancels the pending job with this key (e.g. the decision was made before the term lapsed). A job that a
 * worker is running at this moment (its row locked) is left alone rather than waited for: its handler may be
 * waiting for a lock this transaction holds (the case's rows), which would deadlock. Handlers find such a late
 * job stale and change nothing (a timer whose item or term has gone). Answers whether a job was cancelled.
 */
export async function cancel(db: Db | Trx, queue: string, singletonKey: string): Promise<boolean> {
  const res = await db
    .updateTable('job')
    .set({ status: 'cancelled', done_at: sql`now()` })
    .where(
      'id',
      'in',
      db
        .selectFrom('job')
        .select('id')
        .where('queue', '=', queue)
        .where('singleton_key', '=', singletonKey)
        .where('status', '=', 'pending')
        .forUpdate()
        .skipLocked(),
    )
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

/** A job as this worker claimed it: its run_at exactly as stored, to tell whether it was moved since. */
interface Claimed {
  job: Job;
  maxAttempts: number;
  runAt: string;
}

export type JobHandler = (job: Job, trx: Trx) => Promise<void>;

export interface WorkerOptions {
  pollMs: number;
  batchSize?: number;
  leaseSeconds?: number;
  /** How long a handler waits for a lock before it gives way and runs again shortly (below PostgreSQL's
   * `deadlock_timeout`, 1 s by default). */
  lockWaitMs?: number;
}

/**
 * Runs due jobs. Each job runs inside a transaction that also marks it done, so a handler whose
 * effects are database writes takes effect exactly once, even across crashes and several processes.
 */
export class JobWorker {
  private readonly handlers = new Map<string, JobHandler>();
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private readonly opts: Required<WorkerOptions>;

  constructor(
    private readonly database: Database,
    private readonly log: Logger,
    options: WorkerOptions,
  ) {
    this.opts = {
      pollMs: options.pollMs,
      batchSize: options.batchSize ?? 500,
      leaseSeconds: options.leaseSeconds ?? 120,
      lockWaitMs: options.lockWaitMs ?? 200,
    };
  }

  handle(queue: string, handler: JobHandler): void {
    if (this.handlers.has(queue)) throw new Error(`queue ${queue} handled twice`);
    this.handlers.set(queue, handler);
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  poke(): void {
    this.wake?.();
  }

  /** Runs every job that is due now; returns how many ran (tests and benchmarks call this). */
  async runDue(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.runBatch();
      total += n;
      if (n < this.opts.batchSize) return total;
    }
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        await this.runDue();
      } catch (err) {
        this.log.error({ err }, 'job worker pass failed');
      }
      if (!this.running) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.opts.pollMs);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = null;
    }
  }

  private async runBatch(): Promise<number> {
    const queues = [...this.handlers.keys()];
    if (queues.length === 0) return 0;
    const { db } = this.database;
    const claimed = await sql<{ id: number }>`
      update job set locked_until = now() + make_interval(secs => ${this.opts.leaseSeconds}), attempts = attempts + 1
      where id in (
        select id from job
        where status = 'pending' and run_at <= now() and queue = any(${queues})
          and (locked_until is null or locked_until < now())
        order by run_at, id
        limit ${this.opts.batchSize}
        for update skip locked)
      returning id`.execute(db);
    for (const { id } of claimed.rows) await this.runOne(id);
    return claimed.rows.length;
  }

  private async runOne(id: number): Promise<void> {
    const { db } = this.database;
    let claimed: Claimed | undefined;
    try {
      await inTransaction(db, async (trx) => {
        // Re-read under a row lock: another process may have finished it after our lease expired. The same
        // statement bounds the handler's lock waits: it gives way rather than wait long for a lock, since
        // whoever holds it may be waiting for this job's row (moving or cancelling the timer), a deadlock
        // that PostgreSQL breaks only after a second, maybe by failing the other side (someone's request).
        const row = await trx
          .selectFrom('job')
          .selectAll()
          .select([
            sql<string>`run_at::text`.as('claimed_run_at'),
            sql`set_config('lock_timeout', ${`${this.opts.lockWaitMs}ms`}, true)`.as('lock_wait'),
          ])
          .where('id', '=', id)
          .where('status', '=', 'pending')
          .forUpdate()
          .executeTakeFirst();
        if (!row) return;
        const job: Job = {
          id: row.id,
          organisationId: row.organisation_id,
          queue: row.queue,
          payload: row.payload,
          runAt: row.run_at,
          attempts: row.attempts,
        };
        claimed = { job, maxAttempts: row.max_attempts, runAt: row.claimed_run_at };
        await this.handlers.get(row.queue)!(job, trx);
        await trx
          .updateTable('job')
          .set({ status: 'done', done_at: sql`now()`, locked_until: null })
          .where('id', '=', id)
          .execute();
      });
    } catch (err) {
      if (claimed) await this.retryLater(claimed, err);
      // Another process holds the job (it runs it after our lease ran out): it is theirs.
      else if (!isLockConflict(err)) this.log.error({ err, job: id }, 'job could not be read');
    }
  }

  /**
   * Puts a failed job back for a later attempt, or gives it up after its last. A job that gave way to a lock
   * (`isLockConflict`) did not fail: it runs again in a second and the attempt does not count. The job's row
   * was unlocked when its transaction rolled back: a move made since keeps its time, a cancel stands.
   */
  private async retryLater({ job, maxAttempts, runAt }: Claimed, err: unknown): Promise<void> {
    const busy = isLockConflict(err);
    const giveUp = !busy && job.attempts >= maxAttempts;
    if (busy) this.log.debug({ job: job.id }, 'job gave way to a lock; it runs again shortly');
    else this.log.warn({ err, job: job.id, giveUp }, 'job failed');
    const unmoved = sql`run_at = ${runAt}::timestamptz`;
    await this.database.db
      .updateTable('job')
      .set({
        status: giveUp ? sql`case when ${unmoved} then 'failed' else 'pending' end` : 'pending',
        last_error: String((err as Error)?.message ?? err).slice(0, 2000),
        locked_until: null,
        attempts: busy ? sql`attempts - 1` : sql`attempts`,
        run_at: sql`case when ${unmoved}
          then now() + make_interval(secs => ${busy ? 1 : backoffSeconds(job.attempts, 3600)}) else run_at end`,
      })
      .where('id', '=', job.id)
      .where('status', '=', 'pending')
      .execute();
  }
}
