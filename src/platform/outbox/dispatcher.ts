import { sql } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../db/database.ts';
import { inTransaction, type Trx } from '../db/transaction.ts';
import { type DomainEvent, OUTBOX_CHANNEL, topicMatches } from './outbox.ts';

/** What one consumer reads during one fan-out batch, each read once (`Consumer.targets`). */
export class FanOutBatch {
  private readonly reads = new Map<string, Promise<unknown>>();

  /** Every event of the batch, in order (also those for other consumers), so a read can cover them all. */
  constructor(readonly events: readonly DomainEvent[]) {}

  /** The answer of `read` under `key`: read the first time it is asked for in this batch, then the same. */
  once<T>(key: string, read: () => Promise<T>): Promise<T> {
    let answer = this.reads.get(key) as Promise<T> | undefined;
    if (!answer) {
      answer = read();
      this.reads.set(key, answer);
    }
    return answer;
  }
}

/**
 * Something that receives events. `targets` fans one event out to several receivers of the same
 * kind (e.g. one per ZGW abonnement); without it the consumer is a single receiver.
 * A `transactional` consumer gets the transaction in which its delivery is marked done, so its
 * database effects happen exactly once.
 */
export interface Consumer {
  name: string;
  topics: string[];
  /**
   * Whether the consumer does anything with this event, answered from the event alone (no database): an
   * event it would ignore gets no delivery, so no transaction and no row (most zaak events mean nothing to
   * most consumers).
   */
  accepts?(event: DomainEvent): boolean;
  /**
   * `batch` lives for one fan-out batch (up to batchSize events in one transaction): what every event of the
   * batch would read alike (its subscriptions), or what each reads for itself but one statement can read for
   * all (`batch.events`), a consumer reads through `batch.once`, once per batch.
   */
  targets?(event: DomainEvent, trx: Trx, batch: FanOutBatch): Promise<string[]>;
  deliver(event: DomainEvent, target: string, trx: Trx | null): Promise<void>;
  transactional?: boolean;
}

export interface DispatcherOptions {
  pollMs: number;
  batchSize?: number;
  /** Deliveries run in parallel up to this number (HTTP subscribers are slow, handlers fast). */
  concurrency?: number;
  leaseSeconds?: number;
  /** Longest wait between retries. Deliveries are never dropped: a subscriber may be down for days. */
  maxBackoffSeconds?: number;
}

interface EventRow {
  id: number;
  organisation_id: string;
  topic: string;
  payload: unknown;
  trace_id: string | null;
  created_at: Date;
}

export function backoffSeconds(attempts: number, max: number): number {
  return Math.min(max, 2 ** Math.min(attempts, 20));
}

/** Delivers outbox events at least once, with retries and exponential backoff; survives restarts. */
export class Dispatcher {
  private readonly consumers = new Map<string, Consumer>();
  private running = false;
  private wake: (() => void) | null = null;
  private pending = false;
  private loop: Promise<void> | null = null;
  private unlisten: (() => Promise<void>) | null = null;
  private readonly opts: Required<DispatcherOptions>;

  constructor(
    private readonly database: Database,
    private readonly log: Logger,
    options: DispatcherOptions,
  ) {
    this.opts = { batchSize: 200, concurrency: 16, leaseSeconds: 60, maxBackoffSeconds: 3600, ...options };
  }

  register(consumer: Consumer): void {
    if (this.consumers.has(consumer.name)) throw new Error(`consumer ${consumer.name} registered twice`);
    this.consumers.set(consumer.name, consumer);
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.unlisten = await this.database.listen(OUTBOX_CHANNEL, () => this.poke());
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.poke();
    await this.loop;
    const unlisten = this.unlisten;
    this.unlisten = null;
    await unlisten?.();
  }

  /** Wake the loop now (also called by pg_notify). */
  poke(): void {
    this.pending = true;
    this.wake?.();
  }

  /** One full pass: fan out new events, deliver what is due. Returns the number of deliveries tried. */
  async drainOnce(): Promise<number> {
    await this.fanOut();
    return this.deliverDue();
  }

  private async run(): Promise<void> {
    while (this.running) {
      this.pending = false;
      try {
        const tried = await this.drainOnce();
        if (tried > 0) continue;
      } catch (err) {
        this.log.error({ err }, 'outbox dispatcher pass failed');
      }
      if (!this.running) break;
      if (this.pending) continue;
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

  private async fanOut(): Promise<void> {
    for (;;) {
      const count = await inTransaction(this.database.db, async (trx) => {
        const events = await trx
          .selectFrom('outbox_event')
          .selectAll()
          .where('fanned_out', '=', false)
          .orderBy('id')
          .limit(this.opts.batchSize)
          .forUpdate()
          .skipLocked()
          .execute();
        if (events.length === 0) return 0;
        const rows: { organisation_id: string; event_id: number; consumer: string; target: string }[] = [];
        const batchEvents = (events as EventRow[]).map(toEvent);
        const batches = new Map<string, FanOutBatch>();
        for (const event of batchEvents) {
          for (const consumer of this.consumers.values()) {
            if (!consumer.topics.some((p) => topicMatches(p, event.topic))) continue;
            if (consumer.accepts && !consumer.accepts(event)) continue;
            let batch = batches.get(consumer.name);
            if (!batch) {
              batch = new FanOutBatch(batchEvents);
              batches.set(consumer.name, batch);
            }
            const targets = consumer.targets ? await consumer.targets(event, trx, batch) : [''];
            for (const target of targets) {
              rows.push({
                organisation_id: event.organisationId,
                event_id: event.id,
                consumer: consumer.name,
                target,
              });
            }
          }
        }
        if (rows.length > 0) {
          await trx
            .insertInto('outbox_delivery')
            .values(rows)
            .onConflict((oc) => oc.doNothing())
            .execute();
        }
        await trx
          .updateTable('outbox_event')
          .set({ fanned_out: true })
          .where(
            'id',
            'in',
            events.map((e) => e.id),
          )
          .execute();
        return events.length;
      });
      if (count < this.opts.batchSize) return;
    }
  }

  private async deliverDue(): Promise<number> {
    const { db } = this.database;
    const claimed = await sql<{
      id: number;
      event_id: number;
      consumer: string;
      target: string;
      attempts: number;
    }>`
      update outbox_delivery set locked_until = now() + make_interval(secs => ${this.opts.leaseSeconds}),
        attempts = attempts + 1
      where id in (
        select id from outbox_delivery
        where status = 'pending' and next_attempt_at <= now()
          and (locked_until is null or locked_until < now())
        order by next_attempt_at, id
        limit ${this.opts.batchSize}
        for update skip locked)
      returning id, event_id, consumer, target, attempts`.execute(db);
    const deliveries = claimed.rows;
    if (deliveries.length === 0) return 0;
    const eventIds = [...new Set(deliveries.map((d) => d.event_id))];
    const events = new Map(
      (
        (await db.selectFrom('outbox_event').selectAll().where('id', 'in', eventIds).execute()) as EventRow[]
      ).map((r) => [r.id, toEvent(r)]),
    );
    let next = 0;
    const worker = async () => {
      while (next < deliveries.length) {
        const d = deliveries[next++];
        await this.deliverOne(d, events.get(d.event_id)!);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.opts.concurrency, deliveries.length) }, worker));
    return deliveries.length;
  }

  private async deliverOne(
    d: { id: number; consumer: string; target: string; attempts: number },
    event: DomainEvent,
  ): Promise<void> {
    const { db } = this.database;
    const consumer = this.consumers.get(d.consumer);
    try {
      if (!consumer) throw new Error(`no consumer named ${d.consumer} in this process`);
      if (consumer.transactional) {
        await inTransaction(db, async (trx) => {
          await consumer.deliver(event, d.target, trx);
          await markDelivered(trx, d.id);
        });
      } else {
        await consumer.deliver(event, d.target, null);
        await markDelivered(db, d.id);
      }
    } catch (err) {
      const wait = backoffSeconds(d.attempts, this.opts.maxBackoffSeconds);
      this.log.warn(
        { err, delivery: d.id, consumer: d.consumer, attempts: d.attempts },
        'delivery failed, will retry',
      );
      await db
        .updateTable('outbox_delivery')
        .set({
          last_error: String((err as Error)?.message ?? err).slice(0, 2000),
          locked_until: null,
          next_attempt_at: sql`now() + make_interval(secs => ${wait})`,
        })
        .where('id', '=', d.id)
        .execute();
    }
  }
}

async function markDelivered(db: Trx | Database['db'], id: number): Promise<void> {
  await db
    .updateTable('outbox_delivery')
    .set({ status: 'delivered', delivered_at: sql`now()`, locked_until: null, last_error: null })
    .where('id', '=', id)
    .execute();
}

function toEvent(row: EventRow): DomainEvent {
  return {
    id: row.id,
    organisationId: row.organisation_id,
    topic: row.topic,
    payload: row.payload,
    traceId: row.trace_id,
    createdAt: row.created_at,
  };
}
