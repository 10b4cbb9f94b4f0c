import { randomUUID } from 'node:crypto';
import { getDecision } from '../decisions/index.ts';
import { messageRecipient } from '../facts/follow-up.ts';
import type { Db } from '../platform/db/database.ts';
import type { Trx } from '../platform/db/transaction.ts';
import { getOrganisation } from '../platform/organisations.ts';
import type { Consumer } from '../platform/outbox/dispatcher.ts';
import type { DomainEvent } from '../platform/outbox/outbox.ts';
import { recordProcessing } from '../processing-log/index.ts';
import { getZaak } from '../zaken/index.ts';
import { CONTACT_TOPICS } from './requests.ts';
import { contactTexts as t } from './texts.nl.ts';

/**
 * E-mail notifications: whenever a person gets a message in the portal (a decision, a delay notice, a
 * request to do something, a message about their data, the outcome of a call-back), they get an e-mail
 * that says so — without personal details. Sending goes through `MailSender`; the demo's sender is a
 * local mailbox (a table, shown at /demo/e-mail), so nothing leaves the machine.
 */

export interface Mail {
  organisationId: string;
  recipientBsn: string;
  subject: string;
  body: string;
  /** What caused it; the pair makes sending idempotent (an event delivered twice gives one e-mail). */
  sourceTopic: string;
  sourceId: string;
}

export interface MailSender {
  send(trx: Trx, mail: Mail): Promise<void>;
}

/** The demo's mail catcher: stores every e-mail instead of sending it. */
export const demoMailbox: MailSender = {
  async send(trx, mail) {
    await trx
      .insertInto('demo_mail')
      .values({
        id: randomUUID(),
        organisation_id: mail.organisationId,
        recipient_bsn: mail.recipientBsn,
        subject: mail.subject,
        body: mail.body,
        source_topic: mail.sourceTopic,
        source_id: mail.sourceId,
      })
      .onConflict((oc) => oc.columns(['source_topic', 'source_id']).doNothing())
      .execute();
  },
};

export interface CaughtMail {
  id: string;
  organisationId: string;
  recipientBsn: string;
  subject: string;
  body: string;
  sourceTopic: string;
  createdAt: Date;
}

/** The newest e-mails in the demo mailbox. */
export async function caughtMail(db: Db | Trx, limit = 100): Promise<CaughtMail[]> {
  const rows = await db
    .selectFrom('demo_mail')
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    organisationId: r.organisation_id,
    recipientBsn: r.recipient_bsn,
    subject: r.subject,
    body: r.body,
    sourceTopic: r.source_topic,
    createdAt: r.created_at,
  }));
}

/** The topic facts publish when it writes a message to a person (src/facts/propagation.ts). */
export const PERSON_MESSAGE_TOPIC = 'facts.person_message.created';

export const MAIL_TOPICS = [
  'case.notice.sent',
  'case.task.activated',
  'decision.final',
  PERSON_MESSAGE_TOPIC,
  CONTACT_TOPICS.closed,
];

interface Notification {
  bsn: string;
  what: string;
  sourceId: string;
}

async function caseSubject(trx: Trx, caseId: unknown): Promise<string | null> {
  if (typeof caseId !== 'string') return null;
  return (await getZaak(trx, caseId))?.subject_bsn ?? null;
}

/** Who gets an e-mail for this event, and what about; null when the event is not a message to a person. */
async function notificationFor(trx: Trx, event: DomainEvent): Promise<Notification | null> {
  const p = event.payload as Record<string, unknown>;
  switch (event.topic) {
    case 'case.notice.sent': {
      const bsn = await caseSubject(trx, p.caseId);
      return bsn ? { bsn, what: t.mail.caseNotice, sourceId: String(p.noticeId) } : null;
    }
    case 'case.task.activated': {
      const assignee = p.assignee as { kind?: string } | undefined;
      if (assignee?.kind !== 'citizen') return null;
      const bsn = await caseSubject(trx, p.caseId);
      return bsn ? { bsn, what: t.mail.citizenTask, sourceId: `${p.caseId}:${p.instanceId}` } : null;
    }
    case 'decision.final': {
      const decision = await getDecision(trx, String(p.decisionId));
      const bsn = decision?.subjectBsn ?? null;
      return bsn ? { bsn, what: t.mail.decision, sourceId: String(p.decisionId) } : null;
    }
    case PERSON_MESSAGE_TOPIC: {
      const bsn = typeof p.messageId === 'string' ? await messageRecipient(trx, p.messageId) : null;
      return bsn ? { bsn, what: t.mail.personMessage, sourceId: String(p.messageId) } : null;
    }
    case CONTACT_TOPICS.closed: {
      const r = await trx
        .selectFrom('contact_request')
        .select('subject_bsn')
        .where('id', '=', String(p.requestId))
        .executeTakeFirst();
      return r ? { bsn: r.subject_bsn, what: t.mail.contactClosed, sourceId: String(p.requestId) } : null;
    }
    default:
      return null;
  }
}

/** The outbox consumer that turns portal messages into e-mail notifications through `sender`. */
export function mailNotificationConsumer(sender: MailSender): Consumer {
  return {
    name: 'contact.mail',
    topics: MAIL_TOPICS,
    transactional: true,
    async deliver(event, _target, trx) {
      if (!trx) throw new Error('contact.mail is transactional');
      const n = await notificationFor(trx, event);
      if (!n) return;
      const organisation = (await getOrganisation(trx, event.organisationId))?.name ?? event.organisationId;
      await sender.send(trx, {
        organisationId: event.organisationId,
        recipientBsn: n.bsn,
        subject: t.mail.subject(n.what),
        body: t.mail.body(n.what, organisation),
        sourceTopic: event.topic,
        sourceId: n.sourceId,
      });
      await recordProcessing(trx, {
        organisationId: event.organisationId,
        operation: 'write',
        actor: { kind: 'system', id: 'contact.mail' },
        subject: { kind: 'bsn', id: n.bsn },
        dataCategories: ['e-mailmelding'],
        purpose: t.processing.purposeMail,
        legalBasis: t.processing.legalBasis,
      });
    },
  };
}
