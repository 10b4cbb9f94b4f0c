import { createHash } from 'node:crypto';
import type { Consumer } from '../platform/outbox/dispatcher.ts';
import type { DomainEvent } from '../platform/outbox/outbox.ts';
import { ZGW_TOPIC_PREFIX } from '../zgw/notifications.ts';
import { notificationOf } from './delivery.ts';
import { post } from './post.ts';

export const CLOUDEVENTS_CONSUMER = 'cloudevents';
export const CLOUDEVENTS_CONTENT_TYPE = 'application/cloudevents+json; charset=utf-8';

/** A CloudEvent in JSON structured mode (CloudEvents 1.0, NL GOV profile). */
export interface CloudEvent {
  specversion: '1.0';
  id: string;
  source: string;
  type: string;
  time: string;
  subject?: string;
  dataref?: string;
  datacontenttype: 'application/json';
  data: unknown;
}

/** A stable UUID for an outbox event: a redelivery carries the same id, so sinks can drop duplicates. */
function eventUuid(baseUrl: string, event: DomainEvent): string {
  const h = createHash('sha256')
    .update(`${baseUrl}|${event.id}|${event.createdAt.toISOString()}`)
    .digest('hex');
  const variant = ((Number.parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * The ZGW notification as a CloudEvent (NL GOV profile):
 * - `source` is a URN in the `nld` namespace naming the organisation and the system (`urn:nld:<organisatie>.loket`;
 *   no OIN is configured per organisation yet);
 * - `type` is reverse-DNS, `nl.overheid.<kanaal>.<resource>.<actie>` (as Open Notificaties does);
 * - `id` identifies the event persistently (derived from the outbox event), `time` is when it was recorded;
 * - `subject` is the resource's identifier, `dataref` its URL, `data` the whole ZGW notification.
 */
export function toCloudEvent(baseUrl: string, event: DomainEvent): CloudEvent {
  const n = notificationOf(event);
  const subject = n.resourceUrl.replace(/\/+$/, '').split('/').pop();
  return {
    specversion: '1.0',
    id: eventUuid(baseUrl, event),
    source: `urn:nld:${encodeURIComponent(event.organisationId)}.loket`,
    type: `nl.overheid.${n.kanaal}.${n.resource}.${n.actie}`,
    time: event.createdAt.toISOString(),
    ...(subject ? { subject } : {}),
    dataref: n.resourceUrl,
    datacontenttype: 'application/json',
    data: n,
  };
}

/**
 * Sends every ZGW notification as a CloudEvent to each configured sink (LOKET_CLOUDEVENTS_SINKS), at least
 * once, with the dispatcher's retries. A sink removed from the configuration gets nothing more.
 */
export function cloudEventsConsumer(baseUrl: string, sinks: string[], timeoutMs = 10_000): Consumer {
  return {
    name: CLOUDEVENTS_CONSUMER,
    topics: [`${ZGW_TOPIC_PREFIX}*`],
    async targets() {
      return sinks;
    },
    async deliver(event, sink) {
      if (!sinks.includes(sink)) return;
      const status = await post(
        sink,
        JSON.stringify(toCloudEvent(baseUrl, event)),
        { 'content-type': CLOUDEVENTS_CONTENT_TYPE },
        timeoutMs,
      );
      if (status < 200 || status >= 300) throw new Error(`sink answered ${status}`);
    },
  };
}
