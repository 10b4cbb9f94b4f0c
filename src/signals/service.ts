import { randomUUID } from 'node:crypto';
import { getDienst, listDiensten } from '../catalog/dienst.ts';
import { getImprovementItem, openImprovementItem } from '../facts/improvements.ts';
import type { Db } from '../platform/db/database.ts';
import type { Trx } from '../platform/db/transaction.ts';
import { type InvalidParam, problems } from '../platform/http/problem.ts';
import { publish } from '../platform/outbox/outbox.ts';
import { recordProcessing } from '../processing-log/index.ts';
import { getZaak } from '../zaken/index.ts';
import {
  FAILURES,
  PROCESSES,
  type SignalFailure,
  type SignalProcess,
  type SignalStatus,
  STATUSES,
  signalTexts as t,
} from './texts.nl.ts';

/** The staff member who raises, reads or handles a signal (from the session). */
export interface Viewer {
  organisationId: string;
  staffId: string;
  name: string;
  team: string;
}

export interface Signal {
  id: string;
  organisationId: string;
  raisedBy: string;
  raisedByName: string;
  caseId: string | null;
  dienstId: string | null;
  dienstName: string | null;
  process: SignalProcess;
  failure: SignalFailure;
  summary: string;
  description: string;
  ownerOrganisationId: string;
  ownerTeam: string | null;
  ownerName: string;
  status: SignalStatus;
  improvementId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface SignalEvent {
  kind: 'raised' | 'status' | 'response' | 'improvement';
  actorName: string;
  status: SignalStatus | null;
  text: string | null;
  at: Date;
}

export interface NewSignal {
  process?: string;
  failure?: string;
  summary?: string;
  description?: string;
  /** `dienst:<id>` (the service's owning team) or `bron:<organisation id>` (the owner of a data source). */
  owner?: string;
  caseId?: string | null;
}

const PURPOSE = 'Signaal over de uitvoering van een dienst';
const LEGAL_BASIS = 'AVG art. 6 lid 1 sub e (taak van algemeen belang)';

function toSignal(r: Record<string, unknown>): Signal {
  return {
    id: r.id as string,
    organisationId: r.organisation_id as string,
    raisedBy: r.raised_by as string,
    raisedByName: r.raised_by_name as string,
    caseId: (r.case_id as string | null) ?? null,
    dienstId: (r.dienst_id as string | null) ?? null,
    dienstName: (r.dienst_name as string | null) ?? null,
    process: r.process as SignalProcess,
    failure: r.failure as SignalFailure,
    summary: r.summary as string,
    description: r.description as string,
    ownerOrganisationId: r.owner_organisation_id as string,
    ownerTeam: (r.owner_team as string | null) ?? null,
    ownerName: r.owner_name as string,
    status: r.status as SignalStatus,
    improvementId: (r.improvement_id as string | null) ?? null,
    createdAt: r.created_at as Date,
    updatedAt: r.updated_at as Date,
  };
}

/** Where a signal can go: every service with its owning team, and every organisation as a data source. */
export async function signalOwners(db: Db | Trx) {
  const organisations = await db.selectFrom('organisation').select(['id', 'name']).orderBy('name').execute();
  const diensten = [];
  for (const o of organisations) {
    for (const d of await listDiensten(db as Db, o.id))
      if (!d.automatisch) diensten.push({ value: `dienst:${d.id}`, label: `${d.naam} (${o.name})` });
  }
  const sources = organisations.map((o) => ({ value: `bron:${o.id}`, label: o.name as string }));
  return { diensten, sources };
}

async function resolveOwner(db: Db | Trx, owner: string) {
  const [kind, id] = [owner.slice(0, owner.indexOf(':')), owner.slice(owner.indexOf(':') + 1)];
  if (kind === 'dienst' && /^[0-9a-f-]{36}$/i.test(id)) {
    const d = await getDienst(db as Db, id);
    if (!d) return null;
    const org = await db
      .selectFrom('organisation')
      .select('name')
      .where('id', '=', d.organisationId)
      .executeTakeFirst();
    return {
      organisationId: d.organisationId,
      team: d.eigenaarTeam,
      name: `${d.eigenaarTeam ? `team ${d.eigenaarTeam}, ` : ''}${org?.name ?? d.organisationId}`,
      dienstId: d.id,
      dienstName: d.naam,
    };
  }
  if (kind === 'bron') {
    const org = await db
      .selectFrom('organisation')
      .select(['id', 'name'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!org) return null;
    return {
      organisationId: org.id as string,
      team: null,
      name: org.name as string,
      dienstId: null,
      dienstName: null,
    };
  }
  return null;
}

/** Checks a new signal; every problem at once, named by field. */
export function checkSignal(input: NewSignal): InvalidParam[] {
  const errors: InvalidParam[] = [];
  const bad = (name: string, reason: string) => errors.push({ name, code: 'invalid', reason });
  if (!PROCESSES.includes(input.process as SignalProcess)) bad('process', t.errors.process);
  if (!FAILURES.includes(input.failure as SignalFailure)) bad('failure', t.errors.failure);
  const summary = input.summary?.trim() ?? '';
  if (!summary || summary.length > 200) bad('summary', t.errors.summary);
  if ((input.description?.trim().length ?? 0) < 20) bad('description', t.errors.description);
  if (!input.owner?.includes(':')) bad('owner', t.errors.owner);
  return errors;
}

/** Raises a signal: checked, routed to the owner of the service or data source, and announced. */
export async function raiseSignal(trx: Trx, viewer: Viewer, input: NewSignal): Promise<Signal> {
  const errors = checkSignal(input);
  if (errors.length > 0) throw problems.validation(errors);
  const owner = await resolveOwner(trx, input.owner as string);
  if (!owner) throw problems.invalidField('owner', 'invalid', t.errors.unknownOwner);
  let subjectBsn: string | null = null;
  if (input.caseId) {
    const zaak = /^[0-9a-f-]{36}$/i.test(input.caseId) ? await getZaak(trx, input.caseId) : undefined;
    if (!zaak || zaak.organisation_id !== viewer.organisationId)
      throw problems.invalidField('caseId', 'invalid', t.errors.unknownCase);
    subjectBsn = zaak.subject_bsn;
  }
  const id = randomUUID();
  const row = await trx
    .insertInto('signal')
    .values({
      id,
      organisation_id: viewer.organisationId,
      raised_by: viewer.staffId,
      raised_by_name: viewer.name,
      case_id: input.caseId || null,
      subject_bsn: subjectBsn,
      dienst_id: owner.dienstId,
      dienst_name: owner.dienstName,
      process: input.process as SignalProcess,
      failure: input.failure as SignalFailure,
      summary: (input.summary as string).trim(),
      description: (input.description as string).trim(),
      owner_organisation_id: owner.organisationId,
      owner_team: owner.team,
      owner_name: owner.name,
      status: 'received',
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await addEvent(trx, id, viewer, { kind: 'raised', status: 'received', text: null });
  if (subjectBsn) await recordUse(trx, viewer, subjectBsn, 'write');
  await publish(trx, {
    organisationId: owner.organisationId,
    topic: 'signal.raised',
    payload: { signalId: id, ownerTeam: owner.team, process: input.process, failure: input.failure },
  });
  return toSignal(row);
}

/** Loket itself, as the raiser of a signal it found on its own (a fault in a service's set-up). */
export function loketViewer(organisationId: string): Viewer {
  return { organisationId, staffId: 'loket', name: t.loketName, team: '' };
}

/**
 * Raises the signal unless the same one (same case and summary) is still open: a fault Loket meets on
 * every visit becomes one signal for its owner, not one per visit. Answers the open or new signal.
 */
export async function raiseSignalOnce(trx: Trx, viewer: Viewer, input: NewSignal): Promise<Signal> {
  const open = await trx
    .selectFrom('signal')
    .selectAll()
    .where('organisation_id', '=', viewer.organisationId)
    .where('case_id', input.caseId ? '=' : 'is', input.caseId || null)
    .where('summary', '=', input.summary?.trim() ?? '')
    .where('status', 'not in', ['resolved', 'rejected'])
    .executeTakeFirst();
  return open ? toSignal(open) : raiseSignal(trx, viewer, input);
}

async function addEvent(
  trx: Trx,
  signalId: string,
  viewer: Viewer,
  e: { kind: SignalEvent['kind']; status: SignalStatus | null; text: string | null },
) {
  await trx
    .insertInto('signal_event')
    .values({
      signal_id: signalId,
      organisation_id: viewer.organisationId,
      actor: viewer.staffId,
      actor_name: viewer.name,
      kind: e.kind,
      status: e.status,
      text: e.text,
    })
    .execute();
}

async function recordUse(db: Db | Trx, viewer: Viewer, bsn: string, operation: 'read' | 'write') {
  await recordProcessing(db, {
    organisationId: viewer.organisationId,
    operation,
    actor: { kind: 'staff', id: viewer.staffId },
    subject: { kind: 'bsn', id: bsn },
    dataCategories: ['zaakgegevens'],
    purpose: PURPOSE,
    legalBasis: LEGAL_BASIS,
    processingActivity: 'signalen',
  });
}

/** May this staff member handle (respond to, change, link) the signal? The owner's organisation and team. */
export function canHandle(viewer: Viewer, s: Signal): boolean {
  return (
    viewer.organisationId === s.ownerOrganisationId && (s.ownerTeam === null || s.ownerTeam === viewer.team)
  );
}

/**
 * Signals a staff member may see: those raised in their organisation and those routed to it. `mine` =
 * raised by them; `owner` = routed to their organisation (their team first when they handle it).
 */
export async function listSignals(
  db: Db | Trx,
  viewer: Viewer,
  which: 'mine' | 'owner',
  options: { openOnly?: boolean } = {},
): Promise<Signal[]> {
  let q = db.selectFrom('signal').selectAll();
  q =
    which === 'mine'
      ? q.where('organisation_id', '=', viewer.organisationId).where('raised_by', '=', viewer.staffId)
      : q.where('owner_organisation_id', '=', viewer.organisationId);
  if (options.openOnly) q = q.where('status', 'not in', ['resolved', 'rejected']);
  const rows = await q.orderBy('created_at', 'desc').limit(500).execute();
  return rows.map(toSignal);
}

/** One signal with its history, for someone of the raising or the owning organisation (else not found). */
export async function signalForViewer(trx: Trx, viewer: Viewer, id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw problems.notFound(t.errors.notFound);
  const row = await trx.selectFrom('signal').selectAll().where('id', '=', id).executeTakeFirst();
  const s = row ? toSignal(row) : null;
  if (!s || (s.organisationId !== viewer.organisationId && s.ownerOrganisationId !== viewer.organisationId))
    throw problems.notFound(t.errors.notFound);
  const subject = row?.subject_bsn as string | null;
  if (subject) await recordUse(trx, viewer, subject, 'read');
  const events = await trx
    .selectFrom('signal_event')
    .select(['kind', 'actor_name', 'status', 'text', 'at'])
    .where('signal_id', '=', id)
    .orderBy('id')
    .execute();
  return {
    signal: s,
    events: events.map(
      (e): SignalEvent => ({
        kind: e.kind,
        actorName: e.actor_name,
        status: e.status,
        text: e.text,
        at: e.at,
      }),
    ),
    canHandle: canHandle(viewer, s),
  };
}

async function owned(trx: Trx, viewer: Viewer, id: string): Promise<Signal> {
  const { signal } = await signalForViewer(trx, viewer, id);
  if (!canHandle(viewer, signal)) throw problems.permissionDenied(t.errors.notOwner);
  return signal;
}

/** The owner answers: a new status and/or what was done (a closing status needs the why). */
export async function handleSignal(
  trx: Trx,
  viewer: Viewer,
  id: string,
  input: { status?: string; response?: string },
): Promise<Signal> {
  const s = await owned(trx, viewer, id);
  const status = (input.status || s.status) as SignalStatus;
  if (!STATUSES.includes(status)) throw problems.invalidField('status', 'invalid', t.errors.unknownStatus);
  const response = input.response?.trim() ?? '';
  const closing = status === 'resolved' || status === 'rejected';
  if ((closing || status === s.status) && response.length < 10)
    throw problems.invalidField('response', 'required', t.errors.reasonRequired);
  if (status !== s.status)
    await addEvent(trx, id, viewer, { kind: 'status', status, text: response || null });
  else await addEvent(trx, id, viewer, { kind: 'response', status: null, text: response });
  await trx.updateTable('signal').set({ status, updated_at: new Date() }).where('id', '=', id).execute();
  await publish(trx, {
    organisationId: s.organisationId,
    topic: 'signal.updated',
    payload: { signalId: id, status },
  });
  return { ...s, status };
}

/**
 * Links the signal (the symptom) to an improvement item at the owner (the cause fix): an existing open
 * one, or a new one opened with the owner's view of the cause.
 */
export async function linkImprovement(
  trx: Trx,
  viewer: Viewer,
  id: string,
  input: { improvementId?: string; cause?: string },
): Promise<Signal> {
  const s = await owned(trx, viewer, id);
  let improvementId: string;
  if (input.improvementId) {
    const item = /^[0-9a-f-]{36}$/i.test(input.improvementId)
      ? await getImprovementItem(trx, input.improvementId, viewer.organisationId)
      : null;
    if (!item) throw problems.invalidField('improvementId', 'invalid', t.errors.unknownImprovement);
    improvementId = item.id;
  } else {
    const cause = input.cause?.trim() ?? '';
    if (cause.length < 10) throw problems.invalidField('cause', 'required', t.errors.improvementCause);
    const item = await openImprovementItem(trx, {
      organisationId: viewer.organisationId,
      attribute: t.improvementAttribute(s.summary),
      sourceName: t.improvementSource,
      cause,
    });
    improvementId = item.id;
  }
  const status: SignalStatus = s.status === 'received' || s.status === 'investigating' ? 'fixing' : s.status;
  await trx
    .updateTable('signal')
    .set({ improvement_id: improvementId, status, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
  await addEvent(trx, id, viewer, { kind: 'improvement', status, text: null });
  return { ...s, improvementId, status };
}
