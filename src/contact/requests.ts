import { randomUUID } from 'node:crypto';
import { localDate } from '../cases/plan/index.ts';
import { getDienst, listDiensten } from '../catalog/dienst.ts';
import type { Db } from '../platform/db/database.ts';
import { inTransaction, type Trx } from '../platform/db/transaction.ts';
import { listOrganisations } from '../platform/organisations.ts';
import { publish } from '../platform/outbox/outbox.ts';
import { type Actor, recordProcessing } from '../processing-log/index.ts';
import { casesOfSubject, getZaak } from '../zaken/index.ts';
import { callBackDueDate, routeRequest } from './service-level.ts';
import { contactTexts as t } from './texts.nl.ts';

/**
 * Call-back and appointment requests: a citizen asks to speak to a person; the request is a task for the
 * right team of the right organisation with a service-level deadline; staff record the outcome, which
 * closes it and becomes a contact moment the citizen sees.
 */

type Conn = Db | Trx;

export type RequestKind = 'terugbellen' | 'afspraak-balie' | 'afspraak-video';
export const REQUEST_KINDS: readonly RequestKind[] = ['terugbellen', 'afspraak-balie', 'afspraak-video'];
export type PreferredTime = 'ochtend' | 'middag' | 'geen-voorkeur';
export const PREFERRED_TIMES: readonly PreferredTime[] = ['ochtend', 'middag', 'geen-voorkeur'];
export type Outcome = 'reached' | 'not-reached';

export const CONTACT_TOPICS = {
  filed: 'contact.request.filed',
  closed: 'contact.request.closed',
} as const;

export interface ContactRequest {
  id: string;
  organisationId: string;
  team: string;
  subjectBsn: string;
  requesterName: string;
  kind: RequestKind;
  question: string;
  caseId: string | null;
  dienstId: string | null;
  about: string;
  phone: string | null;
  preferredTime: PreferredTime;
  preferredNote: string | null;
  serviceTerm: string;
  dueDate: string;
  status: 'open' | 'closed';
  outcome: Outcome | null;
  outcomeNote: string | null;
  closedBy: { id: string; name: string } | null;
  closedAt: Date | null;
  createdAt: Date;
}

// biome-ignore lint/suspicious/noExplicitAny: a row of contact_request as Kysely returns it
function toRequest(r: any): ContactRequest {
  return {
    id: r.id,
    organisationId: r.organisation_id,
    team: r.team,
    subjectBsn: r.subject_bsn,
    requesterName: r.requester_name,
    kind: r.kind,
    question: r.question,
    caseId: r.case_id,
    dienstId: r.dienst_id,
    about: r.about,
    phone: r.phone,
    preferredTime: r.preferred_time,
    preferredNote: r.preferred_note,
    serviceTerm: r.service_term,
    dueDate: r.due_date,
    status: r.status,
    outcome: r.outcome,
    outcomeNote: r.outcome_note,
    closedBy: r.closed_by_id ? { id: r.closed_by_id, name: r.closed_by_name } : null,
    closedAt: r.closed_at,
    createdAt: r.created_at,
  };
}

/** One thing a request can be about: one of the person's cases, a dienst, or an organisation in general. */
export interface AboutChoice {
  value: string;
  label: string;
  organisationId: string;
  caseId: string | null;
  dienstId: string | null;
}

/**
 * What this person can ask about: their own cases (at any organisation), every dienst, and every
 * organisation in general. Only these values are accepted, so nobody files a request on someone else's case.
 */
export async function aboutChoices(db: Conn, bsn: string): Promise<AboutChoice[]> {
  const organisations = await listOrganisations(db);
  const orgName = new Map(organisations.map((o) => [o.id, o.name]));
  const choices: AboutChoice[] = [];
  for (const zaak of await casesOfSubject(db, bsn)) {
    const dienst = zaak.dienst_id ? await getDienst(db, zaak.dienst_id) : null;
    choices.push({
      value: `zaak:${zaak.id}`,
      label: t.aboutCase(zaak.identificatie, dienst?.naam ?? orgName.get(zaak.organisation_id) ?? ''),
      organisationId: zaak.organisation_id,
      caseId: zaak.id,
      dienstId: zaak.dienst_id,
    });
  }
  for (const o of organisations) {
    for (const d of await listDiensten(db, o.id)) {
      choices.push({
        value: `dienst:${d.id}`,
        label: t.aboutService(d.naam, o.name),
        organisationId: o.id,
        caseId: null,
        dienstId: d.id,
      });
    }
  }
  for (const o of organisations) {
    choices.push({
      value: `organisatie:${o.id}`,
      label: t.aboutOrganisation(o.name),
      organisationId: o.id,
      caseId: null,
      dienstId: null,
    });
  }
  return choices;
}

/** The choice for the page the person came from, when that page is about one of their cases. */
export async function choiceForReturnPath(
  db: Conn,
  bsn: string,
  returnPath: string | undefined,
): Promise<string | undefined> {
  const id = returnPath?.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i)?.[0];
  if (!id) return undefined;
  const zaak = await getZaak(db, id.toLowerCase());
  return zaak && zaak.subject_bsn === bsn ? `zaak:${zaak.id}` : undefined;
}

export interface NewRequest {
  bsn: string;
  name: string;
  kind: RequestKind;
  question: string;
  /** A value of `aboutChoices` for this person. */
  about: string;
  phone: string | null;
  preferredTime: PreferredTime;
  preferredNote: string | null;
  now?: Date;
}

export class UnknownChoiceError extends Error {}

/** Files a request: routes it, gives it its deadline, stores it with its processing record and event. */
export async function fileRequest(db: Conn, input: NewRequest): Promise<ContactRequest> {
  const choice = (await aboutChoices(db, input.bsn)).find((c) => c.value === input.about);
  if (!choice) throw new UnknownChoiceError(input.about);
  const now = input.now ?? new Date();
  return inTransaction(db, async (trx) => {
    const route = await routeRequest(trx, choice.organisationId, choice.dienstId);
    const row = {
      id: randomUUID(),
      organisation_id: route.organisationId,
      team: route.team,
      subject_bsn: input.bsn,
      requester_name: input.name,
      kind: input.kind,
      question: input.question,
      case_id: choice.caseId,
      dienst_id: route.dienstId,
      about: choice.label,
      phone: input.phone,
      preferred_time: input.preferredTime,
      preferred_note: input.preferredNote,
      service_term: route.term,
      due_date: callBackDueDate(now, route.term),
      created_at: now,
    };
    await trx.insertInto('contact_request').values(row).execute();
    await recordProcessing(trx, {
      organisationId: route.organisationId,
      operation: 'write',
      actor: { kind: 'citizen', id: input.bsn },
      subject: { kind: 'bsn', id: input.bsn },
      dataCategories: ['contactverzoek', 'telefoonnummer'],
      purpose: t.processing.purposeRequest,
      legalBasis: t.processing.legalBasis,
    });
    await publish(trx, {
      organisationId: route.organisationId,
      topic: CONTACT_TOPICS.filed,
      payload: { requestId: row.id, team: route.team, dueDate: row.due_date },
    });
    return (await findRequest(trx, row.id)) as ContactRequest;
  });
}

async function findRequest(db: Conn, id: string): Promise<ContactRequest | null> {
  const r = await db.selectFrom('contact_request').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toRequest(r) : null;
}

/** A request as its citizen sees it; null when it is not theirs. */
export async function requestOfCitizen(db: Conn, id: string, bsn: string): Promise<ContactRequest | null> {
  const r = await findRequest(db, id);
  if (!r || r.subjectBsn !== bsn) return null;
  await recordProcessing(db, {
    organisationId: r.organisationId,
    operation: 'read',
    actor: { kind: 'citizen', id: bsn },
    subject: { kind: 'bsn', id: bsn },
    dataCategories: ['contactverzoek'],
    purpose: t.processing.purposeHistory,
    legalBasis: t.processing.legalBasis,
  });
  return r;
}

/** A request for a staff member: only of their own organisation, else null (as if it did not exist). */
export async function requestForStaff(
  db: Conn,
  id: string,
  staff: { organisationId: string; id: string },
): Promise<ContactRequest | null> {
  const r = await findRequest(db, id);
  if (!r || r.organisationId !== staff.organisationId) return null;
  await recordProcessing(db, {
    organisationId: r.organisationId,
    operation: 'read',
    actor: { kind: 'staff', id: staff.id },
    subject: { kind: 'bsn', id: r.subjectBsn },
    dataCategories: ['contactverzoek', 'telefoonnummer'],
    purpose: t.processing.purposeHandle,
    legalBasis: t.processing.legalBasis,
  });
  return r;
}

export interface QueueFilter {
  organisationId: string;
  team?: string;
  /** Open requests only (default), or closed ones too. */
  includeClosed?: boolean;
  limit?: number;
}

export interface QueueEntry extends ContactRequest {
  overdue: boolean;
}

/** An organisation's requests by deadline (soonest first); overdue ones are marked. */
export async function requestQueue(
  db: Conn,
  filter: QueueFilter,
  staff: Actor,
  now = new Date(),
): Promise<QueueEntry[]> {
  let q = db.selectFrom('contact_request').selectAll().where('organisation_id', '=', filter.organisationId);
  if (filter.team) q = q.where('team', '=', filter.team);
  if (!filter.includeClosed) q = q.where('status', '=', 'open');
  const rows = await q
    .orderBy('due_date')
    .orderBy('created_at')
    .limit(filter.limit ?? 200)
    .execute();
  const today = localDate(now);
  const list = rows.map(toRequest).map((r) => ({ ...r, overdue: r.status === 'open' && r.dueDate < today }));
  const people = [...new Set(list.map((r) => r.subjectBsn))];
  await recordProcessing(
    db,
    people.map((bsn) => ({
      organisationId: filter.organisationId,
      operation: 'read' as const,
      actor: staff,
      subject: { kind: 'bsn' as const, id: bsn },
      dataCategories: ['contactverzoek'],
      purpose: t.processing.purposeHandle,
      legalBasis: t.processing.legalBasis,
    })),
  );
  return list;
}

/** The teams that have requests at this organisation (for the queue's filter). */
export async function requestTeams(db: Conn, organisationId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('contact_request')
    .select('team')
    .distinct()
    .where('organisation_id', '=', organisationId)
    .orderBy('team')
    .execute();
  return rows.map((r) => r.team as string);
}

/** Requests of one case (open and closed), for the case page of portal and workbench. */
export async function requestsOfCase(db: Conn, caseId: string): Promise<ContactRequest[]> {
  const rows = await db
    .selectFrom('contact_request')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map(toRequest);
}

/** Requests of one person, newest first. */
export async function requestsOfPerson(db: Conn, bsn: string): Promise<ContactRequest[]> {
  const rows = await db
    .selectFrom('contact_request')
    .selectAll()
    .where('subject_bsn', '=', bsn)
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map(toRequest);
}
