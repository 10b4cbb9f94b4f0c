import { randomUUID } from 'node:crypto';
import type { Db } from '../platform/db/database.ts';
import { inTransaction, type Trx } from '../platform/db/transaction.ts';
import { publish } from '../platform/outbox/outbox.ts';
import { type Actor, recordProcessing } from '../processing-log/index.ts';
import {
  CONTACT_TOPICS,
  type ContactRequest,
  type Outcome,
  type RequestKind,
  requestsOfCase,
  requestsOfPerson,
} from './requests.ts';
import { contactTexts as t } from './texts.nl.ts';

/**
 * Contact moments: who spoke with the person, when, through which channel and what about. The portal
 * (a case, my contacts) and the workbench (a case, record a contact) call these functions.
 */

type Conn = Db | Trx;

export type Channel = 'telefoon' | 'balie' | 'video' | 'e-mail' | 'brief' | 'portaal';
export const CHANNELS: readonly Channel[] = ['telefoon', 'balie', 'video', 'e-mail', 'brief', 'portaal'];

export interface ContactMoment {
  id: string;
  organisationId: string;
  subjectBsn: string;
  caseId: string | null;
  requestId: string | null;
  channel: Channel;
  summary: string;
  staff: { id: string; name: string };
  occurredAt: Date;
}

export interface Staff {
  id: string;
  name: string;
  organisationId: string;
}

// biome-ignore lint/suspicious/noExplicitAny: a row of contact_moment as Kysely returns it
function toMoment(r: any): ContactMoment {
  return {
    id: r.id,
    organisationId: r.organisation_id,
    subjectBsn: r.subject_bsn,
    caseId: r.case_id,
    requestId: r.request_id,
    channel: r.channel,
    summary: r.summary,
    staff: { id: r.staff_id, name: r.staff_name },
    occurredAt: r.occurred_at,
  };
}

export interface NewContact {
  subjectBsn: string;
  caseId?: string | null;
  requestId?: string | null;
  channel: Channel;
  summary: string;
  staff: Staff;
  occurredAt?: Date;
}

/** Records a contact a staff member had with a person (the workbench's "record a contact"). */
export async function recordContact(db: Conn, input: NewContact): Promise<ContactMoment> {
  return inTransaction(db, async (trx) => {
    const row = {
      id: randomUUID(),
      organisation_id: input.staff.organisationId,
      subject_bsn: input.subjectBsn,
      case_id: input.caseId ?? null,
      request_id: input.requestId ?? null,
      channel: input.channel,
      summary: input.summary,
      staff_id: input.staff.id,
      staff_name: input.staff.name,
      occurred_at: input.occurredAt ?? new Date(),
    };
    await trx.insertInto('contact_moment').values(row).execute();
    await recordProcessing(trx, {
      organisationId: input.staff.organisationId,
      operation: 'write',
      actor: { kind: 'staff', id: input.staff.id },
      subject: { kind: 'bsn', id: input.subjectBsn },
      dataCategories: ['contactmoment'],
      purpose: t.processing.purposeHandle,
      legalBasis: t.processing.legalBasis,
    });
    return toMoment(row);
  });
}

const CHANNEL_OF: Record<RequestKind, Channel> = {
  terugbellen: 'telefoon',
  'afspraak-balie': 'balie',
  'afspraak-video': 'video',
};

export class RequestClosedError extends Error {}

/**
 * Records the outcome of a request: closes it and adds a contact moment the citizen sees. Only staff of
 * the request's organisation; a request that is already closed stays as it was.
 */
export async function recordOutcome(
  db: Conn,
  input: { requestId: string; outcome: Outcome; note: string; staff: Staff },
): Promise<ContactMoment | null> {
  return inTransaction(db, async (trx) => {
    const r = await trx
      .selectFrom('contact_request')
      .selectAll()
      .where('id', '=', input.requestId)
      .forUpdate()
      .executeTakeFirst();
    if (!r || r.organisation_id !== input.staff.organisationId) return null;
    if (r.status !== 'open') throw new RequestClosedError(input.requestId);
    await trx
      .updateTable('contact_request')
      .set({
        status: 'closed',
        outcome: input.outcome,
        outcome_note: input.note,
        closed_by_id: input.staff.id,
        closed_by_name: input.staff.name,
        closed_at: new Date(),
      })
      .where('id', '=', input.requestId)
      .execute();
    const moment = await recordContact(trx, {
      subjectBsn: r.subject_bsn,
      caseId: r.case_id,
      requestId: r.id,
      channel: CHANNEL_OF[r.kind as RequestKind],
      summary: `${t.outcomes[input.outcome]}. ${input.note}`,
      staff: input.staff,
    });
    await publish(trx, {
      organisationId: r.organisation_id,
      topic: CONTACT_TOPICS.closed,
      payload: { requestId: r.id, outcome: input.outcome },
    });
    return moment;
  });
}

export interface ContactHistory {
  requests: ContactRequest[];
  moments: ContactMoment[];
}

/** Everything about contact with this person, at every organisation (the citizen's own view). */
export async function contactHistoryOfPerson(db: Conn, bsn: string, actor: Actor): Promise<ContactHistory> {
  return inTransaction(db, async (trx) => {
    const requests = await requestsOfPerson(trx, bsn);
    const moments = (
      await trx
        .selectFrom('contact_moment')
        .selectAll()
        .where('subject_bsn', '=', bsn)
        .orderBy('occurred_at', 'desc')
        .execute()
    ).map(toMoment);
    await recordProcessing(trx, {
      organisationId: 'loket',
      operation: 'read',
      actor,
      subject: { kind: 'bsn', id: bsn },
      dataCategories: ['contactverzoek', 'contactmoment'],
      purpose: t.processing.purposeHistory,
      legalBasis: t.processing.legalBasis,
    });
    return { requests, moments };
  });
}

/**
 * The contact history of one case. Staff pass their organisation: another organisation's case gives
 * nothing. The citizen's portal passes the case's own organisation after checking the case is theirs,
 * and `subjectBsn`: only that person's requests and moments are read (and recorded as read).
 */
export async function contactHistoryOfCase(
  db: Conn,
  caseId: string,
  viewer: { organisationId: string; actor: Actor; subjectBsn?: string; traceId?: string },
): Promise<ContactHistory> {
  return inTransaction(db, async (trx) => {
    const requests = (await requestsOfCase(trx, caseId)).filter(
      (r) =>
        r.organisationId === viewer.organisationId &&
        (viewer.subjectBsn === undefined || r.subjectBsn === viewer.subjectBsn),
    );
    let q = trx
      .selectFrom('contact_moment')
      .selectAll()
      .where('case_id', '=', caseId)
      .where('organisation_id', '=', viewer.organisationId);
    if (viewer.subjectBsn !== undefined) q = q.where('subject_bsn', '=', viewer.subjectBsn);
    const moments = (await q.orderBy('occurred_at', 'desc').execute()).map(toMoment);
    const people = new Set([...requests.map((r) => r.subjectBsn), ...moments.map((m) => m.subjectBsn)]);
    await recordProcessing(
      trx,
      [...people].map((bsn) => ({
        organisationId: viewer.organisationId,
        operation: 'read' as const,
        actor: viewer.actor,
        subject: { kind: 'bsn' as const, id: bsn },
        dataCategories: ['contactverzoek', 'contactmoment'],
        purpose: t.processing.purposeHistory,
        legalBasis: t.processing.legalBasis,
        traceId: viewer.traceId ?? null,
      })),
    );
    return { requests, moments };
  });
}
