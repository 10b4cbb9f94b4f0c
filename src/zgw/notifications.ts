import type { Trx } from '../platform/db/transaction.ts';
import { type NewEvent, publish } from '../platform/outbox/outbox.ts';

/** A ZGW notification (Notificaties API "Notificatie" schema) about one resource change. */
export interface ZgwNotification {
  kanaal: string;
  hoofdObject: string;
  resource: string;
  resourceUrl: string;
  actie: 'create' | 'update' | 'partial_update' | 'destroy' | string;
  aanmaakdatum: string;
  kenmerken: Record<string, string>;
}

export const ZGW_TOPIC_PREFIX = 'zgw.';

/**
 * Emits the ZGW notification for a resource change in the transaction of the change itself; the
 * notifications module delivers it to abonnementen (and CloudEvents sinks) through the outbox.
 */
export async function emitZgwNotification(
  trx: Trx,
  organisationId: string,
  n: Omit<ZgwNotification, 'aanmaakdatum'> & { aanmaakdatum?: string },
  traceId?: string,
): Promise<void> {
  await publish(trx, zgwNotificationEvent(organisationId, n, traceId));
}

/** The outbox event of a ZGW notification (for a statement that writes it along with the change). */
export function zgwNotificationEvent(
  organisationId: string,
  n: Omit<ZgwNotification, 'aanmaakdatum'> & { aanmaakdatum?: string },
  traceId?: string,
): NewEvent<ZgwNotification> {
  const notification: ZgwNotification = { ...n, aanmaakdatum: n.aanmaakdatum ?? new Date().toISOString() };
  return { organisationId, topic: `${ZGW_TOPIC_PREFIX}${n.kanaal}`, payload: notification, traceId };
}
