import { randomUUID } from 'node:crypto';
import type { Trx } from '../../platform/db/transaction.ts';
import { getOrganisation } from '../../platform/organisations.ts';
import { publish } from '../../platform/outbox/outbox.ts';
import { recordProcessing } from '../../processing-log/index.ts';
import type { CaseIds } from './citizen-views.ts';
import { CASE_TOPICS } from './effects.ts';
import { type Conn, json, type NoticeContact, t } from './tables.ts';
import { caseTexts as tx } from './texts.nl.ts';

/**
 * Notices to the citizen about their case (Dutch, B1): the case takes longer, why, when we now expect to
 * be done, and whom to call. The portal shows them with the case; the outbox event lets a channel
 * (e-mail, Berichtenbox) deliver them.
 */

export type NoticeKind = 'delay' | 'extension';

export interface Notice {
  id: string;
  caseId: string;
  organisationId: string;
  kind: string;
  subject: string;
  body: string;
  reason: string;
  expectedDate: string | null;
  contact: NoticeContact;
  createdAt: Date;
}

export interface NewNotice {
  caseId: string;
  organisationId: string;
  kind: NoticeKind;
  reason: string;
  expectedDate: string | null;
  /** The person the notice is for; recorded in the processing log. */
  subjectBsn: string | null;
}

export async function sendNotice(trx: Trx, input: NewNotice): Promise<Notice> {
  const o = await getOrganisation(trx, input.organisationId);
  const contact: NoticeContact = {
    organisation: o?.name ?? input.organisationId,
    phone: o?.phone ?? null,
    openingHours: o?.openingHours ?? null,
    website: o?.website ?? null,
  };
  const text = tx.notice[input.kind];
  const notice: Notice = {
    id: randomUUID(),
    caseId: input.caseId,
    organisationId: input.organisationId,
    kind: input.kind,
    subject: text.subject,
    body: text.body({ reason: input.reason, expectedDate: input.expectedDate, contact }),
    reason: input.reason,
    expectedDate: input.expectedDate,
    contact,
    createdAt: new Date(),
  };
  await t(trx)
    .insertInto('case_notice')
    .values({
      id: notice.id,
      case_id: notice.caseId,
      organisation_id: notice.organisationId,
      kind: notice.kind,
      subject: notice.subject,
      body: notice.body,
      reason: notice.reason,
      expected_date: notice.expectedDate,
      contact: json(contact),
      created_at: notice.createdAt,
    })
    .execute();
  if (input.subjectBsn) {
    await recordProcessing(trx, {
      organisationId: input.organisationId,
      operation: 'write',
      actor: { kind: 'system', id: 'cases.deadlines' },
      subject: { kind: 'bsn', id: input.subjectBsn },
      dataCategories: ['zaak', 'bericht'],
      purpose: 'De aanvrager op tijd laten weten dat de behandeling langer duurt',
      legalBasis: 'Awb art. 4:14 (bericht bij niet tijdig beslissen)',
    });
  }
  await publish(trx, {
    organisationId: input.organisationId,
    topic: CASE_TOPICS.noticeSent,
    payload: { caseId: input.caseId, noticeId: notice.id, kind: input.kind },
  });
  return notice;
}

/** The notices about these cases, newest first, for a caller that composes it. */
export function noticesQuery(db: Conn, caseIds: CaseIds) {
  return t(db)
    .selectFrom('case_notice')
    .selectAll()
    .where('case_id', 'in', caseIds as readonly string[])
    .orderBy('created_at', 'desc');
}

/** A notice row (from pg, or as JSON from a composed statement) as a notice. */
export function toNotice(r: {
  id: string;
  case_id: string;
  organisation_id: string;
  kind: string;
  subject: string;
  body: string;
  reason: string;
  expected_date: string | null;
  contact: NoticeContact;
  created_at: Date | string;
}): Notice {
  return {
    id: r.id,
    caseId: r.case_id,
    organisationId: r.organisation_id,
    kind: r.kind,
    subject: r.subject,
    body: r.body,
    reason: r.reason,
    expectedDate: r.expected_date,
    contact: r.contact,
    createdAt: r.created_at instanceof Date ? r.created_at : new Date(r.created_at),
  };
}

export async function noticesOf(db: Conn, caseIds: string[]): Promise<Notice[]> {
  if (caseIds.length === 0) return [];
  return (await noticesQuery(db, caseIds).execute()).map(toNotice);
}
