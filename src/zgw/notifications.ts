import type { Trx } from '../platform/db/transaction.ts';
import { publish } from '../platform/outbox/outbox.ts';

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
  const notification: ZgwNotification = { ...n, aanmaakdatum: n.aanmaakdatum ?? new Date().toISOString() };
  await publish(trx, {
    organisationId,
    topic: `${ZGW_TOPIC_PREFIX}${n.kanaal}`,
    payload: notification,
    traceId,
  });
}
