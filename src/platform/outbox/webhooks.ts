import { randomUUID } from 'node:crypto';
import type { Db } from '../db/database.ts';
import type { Trx } from '../db/transaction.ts';
import type { Consumer, FanOutBatch } from './dispatcher.ts';
import { type DomainEvent, topicMatches } from './outbox.ts';

export interface Subscription {
  id: string;
  organisationId: string;
  label: string;
  topics: string[];
  callbackUrl: string;
  authHeader: string | null;
}

export async function addSubscription(db: Db | Trx, s: Omit<Subscription, 'id'>): Promise<Subscription> {
  const id = randomUUID();
  await db
    .insertInto('event_subscription')
    .values({
      id,
      organisation_id: s.organisationId,
      label: s.label,
      topics: s.topics,
      callback_url: s.callbackUrl,
      auth_header: s.authHeader,
    })
    .execute();
  return { id, ...s };
}

/**
 * Delivers each event as JSON to the HTTP subscribers whose topics match. A non-2xx answer or a
 * network error is a failed attempt: the dispatcher retries with backoff until it gets through.
 */
export function webhookConsumer(db: Db, timeoutMs = 10_000): Consumer {
  return {
    name: 'webhook',
    topics: ['*'],
    async targets(event: DomainEvent, trx: Trx, batch: FanOutBatch) {
      const subs = await batch.once('subscriptions', () =>
        trx.selectFrom('event_subscription').select(['id', 'topics']).where('active', '=', true).execute(),
      );
      return subs
        .filter((s) => (s.topics as string[]).some((p) => topicMatches(p, event.topic)))
        .map((s) => s.id);
    },
    async deliver(event, target) {
      // Read at delivery time so a changed callback or secret takes effect on the next attempt.
      const sub = await db
        .selectFrom('event_subscription')
        .select(['callback_url', 'auth_header', 'active'])
        .where('id', '=', target)
        .executeTakeFirst();
      if (!sub?.active) return; // unsubscribed since: nothing left to deliver to
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (sub.auth_header) headers.authorization = sub.auth_header;
      const res = await fetch(sub.callback_url, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          id: event.id,
          topic: event.topic,
          organisationId: event.organisationId,
          createdAt: event.createdAt.toISOString(),
          payload: event.payload,
        }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      await res.body?.cancel();
      if (!res.ok) throw new Error(`subscriber answered ${res.status}`);
    },
  };
}
