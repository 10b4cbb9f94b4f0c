import { sql } from 'kysely';
import type { Logger } from 'pino';
import type { Database, Db } from '../db/database.ts';
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
 * Cancels the pending job with this key (e.g. the decision was made before the term lapsed). Also a job that
 * is running right now: its worker then finds it changed and rolls its effects back (`JobWorker`). Answers
 * whether a job was cancelled.
 */
export async function cancel(db: Db | Trx, queue: string, singletonKey: string): Promise<boolean> {
  const res = await db
    .updateTable('job')
    .set({ status: 'cancelled', done_at: sql`now()` })
    .where('queue', '=', queue)
    .where('singleton_key', '=', singletonKey)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

export type JobHandler = (job: Job, trx: Trx) => Promise<void>;

export interface WorkerOptions {
  pollMs: number;
  batchSize?: number;
  leaseSeconds?: number;
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
    this.opts = { batchSize: 500, leaseSeconds: 120, ...options };
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
    // The claim: a lease, and the version of the job it is for (run_at and payload as PostgreSQL wrote them).
    const claimed = await sql<Claim>`
      update job set locked_until = now() + make_interval(secs => ${this.opts.leaseSeconds}), attempts = attempts + 1
      where id in (
        select id from job
        where status = 'pending' and run_at <= now() and queue = any(${queues})
          and (locked_until is null or locked_until < now())
        order by run_at, id
        limit ${this.opts.batchSize}
        for update skip locked)
      returning id, attempts, run_at::text as run_at, payload::text as payload`.execute(db);
    for (const claim of claimed.rows) await this.runOne(claim);
    return claimed.rows.length;
  }

  /**
   * Runs one claimed job in a transaction that also marks it done. The job's row is locked only at the end,
   * after the handler's own locks: in the order every other transaction takes them (a case's rows, then its
   * timer, as `cancel` and `schedule` do), so a handler waiting for a case never holds a timer someone else
   * is moving. If the job was cancelled, moved, or claimed again (lease expired) while it ran, it is not
   * done: the handler's effects roll back and the job is left as it now is.
   */
  private async runOne(claim: Claim): Promise<void> {
    const { db } = this.database;
    const { id } = claim;
    // An update of the job only if it is still the version claimed.
    const current = (d: Db | Trx) =>
      d
        .updateTable('job')
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .where('attempts', '=', claim.attempts)
        .where(sql<boolean>`run_at = ${claim.run_at}::timestamptz and payload = ${claim.payload}::jsonb`);
    try {
      await inTransaction(db, async (trx) => {
        const row = await trx
          .selectFrom('job')
          .selectAll()
          .where('id', '=', id)
          .where('status', '=', 'pending')
          .executeTakeFirst();
        if (!row) return;
        const handler = this.handlers.get(row.queue)!;
        await handler(
          {
            id: row.id,
            organisationId: row.organisation_id,
            queue: row.queue,
            payload: row.payload,
            runAt: row.run_at,
            attempts: row.attempts,
          },
          trx,
        );
        const done = await current(trx)
          .set({ status: 'done', done_at: sql`now()`, locked_until: null })
          .executeTakeFirst();
        if (Number(done.numUpdatedRows) === 0) throw new JobChanged();
      });
    } catch (err) {
      if (err instanceof JobChanged) {
        this.log.info({ job: id }, 'job changed while it ran: not done, left as it now is');
        await release(db, id);
        return;
      }
      const row = await db
        .selectFrom('job')
        .select(['attempts', 'max_attempts'])
        .where('id', '=', id)
        .executeTakeFirst();
      const giveUp = row ? row.attempts >= row.max_attempts : true;
      this.log.warn({ err, job: id, giveUp }, 'job failed');
      const failed = await current(db)
        .set({
          status: giveUp ? 'failed' : 'pending',
          last_error: String((err as Error)?.message ?? err).slice(0, 2000),
          locked_until: null,
          run_at: sql`now() + make_interval(secs => ${backoffSeconds(row?.attempts ?? 1, 3600)})`,
        })
        .executeTakeFirst();
      // Cancelled or moved meanwhile: that stands; only our lease goes.
      if (Number(failed.numUpdatedRows) === 0) await release(db, id);
    }
  }
}

/** The job a worker claimed: its id and the version it claimed (as PostgreSQL's own text). */
interface Claim {
  id: number;
  attempts: number;
  run_at: string;
  payload: string;
}

class JobChanged extends Error {}

/** Gives up a lease on a job that is still pending, so it runs at its (new) time without waiting for the lease. */
async function release(db: Db, id: number): Promise<void> {
  await db
    .updateTable('job')
    .set({ locked_until: null })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .execute();
}
