import { sql } from 'kysely';
import type { Trx } from '../db/transaction.ts';

export const OUTBOX_CHANNEL = 'loket_outbox';

export interface DomainEvent<P = unknown> {
  id: number;
  organisationId: string;
  /** Dotted name, e.g. `zaken.zaak.create`, `autorisaties.applicatie.update`. */
  topic: string;
  payload: P;
  traceId: string | null;
  createdAt: Date;
}

export interface NewEvent<P = unknown> {
  organisationId: string;
  topic: string;
  payload: P;
  traceId?: string | null;
}

/**
 * Writes events in the caller's transaction: the change and its events commit together or not
 * at all. pg_notify fires at commit and wakes the dispatcher at once.
 */
export async function publish(trx: Trx, events: NewEvent | NewEvent[]): Promise<void> {
  const list = Array.isArray(events) ? events : [events];
  if (list.length === 0) return;
  // One statement, one round trip: the rows and the notification (this path runs on every case event).
  await trx
    .with('e', (db) =>
      db
        .insertInto('outbox_event')
        .values(
          list.map((e) => ({
            organisation_id: e.organisationId,
            topic: e.topic,
            payload: JSON.stringify(e.payload),
            trace_id: e.traceId ?? null,
          })),
        )
        .returning('id'),
    )
    .selectFrom('e')
    .select(sql`pg_notify(${OUTBOX_CHANNEL}, '')`.as('notified'))
    .limit(1)
    .execute();
}

/** `zaken.*` matches `zaken.zaak.create`; `*` matches everything; otherwise exact. */
export function topicMatches(pattern: string, topic: string): boolean {
  if (pattern === '*' || pattern === topic) return true;
  if (pattern.endsWith('.*')) return topic.startsWith(pattern.slice(0, -1));
  return false;
}
