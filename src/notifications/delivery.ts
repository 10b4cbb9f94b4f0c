import type { Consumer } from '../platform/outbox/dispatcher.ts';
import type { DomainEvent } from '../platform/outbox/outbox.ts';
import { ZGW_TOPIC_PREFIX, type ZgwNotification } from '../zgw/notifications.ts';
import type { AfleveringLog, TargetCache } from './delivery-state.ts';
import { matchesFilters } from './filters.ts';
import { post } from './post.ts';
import { routesFor } from './repository.ts';

export const NOTIFICATIONS_CONSUMER = 'zgw-notificaties';

/** The ZGW notification an outbox event carries (every `zgw.<kanaal>` event). */
export function notificationOf(event: DomainEvent): ZgwNotification {
  return event.payload as ZgwNotification;
}

/**
 * Routes every ZGW notification (Loket's own resource changes and those published through POST
 * /notificaties) to the abonnementen of the same organisation on its kanaal whose filters match its
 * kenmerken, one outbox delivery per abonnement. The dispatcher delivers each at least once, retrying
 * with backoff while a subscriber is down, across restarts. Every attempt is logged per abonnement.
 */
export function notificationConsumer(cache: TargetCache, log: AfleveringLog, timeoutMs = 10_000): Consumer {
  return {
    name: NOTIFICATIONS_CONSUMER,
    topics: [`${ZGW_TOPIC_PREFIX}*`],
    async targets(event, trx, batch) {
      const n = notificationOf(event);
      // The abonnementen of an organisation's kanaal, read once per fan-out batch.
      const routes = await batch.once(`${event.organisationId} ${n.kanaal}`, () =>
        routesFor(trx, event.organisationId, n.kanaal),
      );
      const ids = routes
        .filter((r) => matchesFilters(r.filters, n.kenmerken ?? {}))
        .map((r) => r.abonnementId);
      return [...new Set(ids)];
    },
    async deliver(event, abonnementId) {
      // Read at delivery time (cached at most 2 s): a changed callback or auth header applies to the next attempt.
      const target = await cache.get(abonnementId);
      if (!target) return; // the abonnement was deleted since: nobody left to deliver to
      const n = notificationOf(event);
      const started = performance.now();
      let statusCode: number | null = null;
      let error: string | null = null;
      try {
        statusCode = await post(
          target.callbackUrl,
          JSON.stringify(n),
          { 'content-type': 'application/json', authorization: target.auth },
          timeoutMs,
        );
        if (statusCode < 200 || statusCode >= 300) error = `abonnee antwoordde ${statusCode}`;
      } catch (err) {
        error = `abonnee niet bereikt: ${(err as Error).message}`;
      }
      await log.add({
        organisationId: target.organisationId,
        abonnementId,
        eventId: event.id,
        kanaal: n.kanaal,
        resourceUrl: n.resourceUrl,
        actie: n.actie,
        statusCode,
        fout: error,
        geslaagd: error === null,
        duurMs: Math.round(performance.now() - started),
        tijdstip: new Date(),
      });
      if (error) throw new Error(error);
    },
  };
}
