import type { Trx } from '../../platform/db/transaction.ts';
import { Problem, problems } from '../../platform/http/problem.ts';
import { cancel, schedule } from '../../platform/jobs/queue.ts';
import { publish } from '../../platform/outbox/outbox.ts';
import type { Actor } from '../plan/index.ts';
import {
  addDays,
  addTerm,
  daysBetween,
  isTerm,
  localDate,
  startOfDay,
  termEnd,
  workingDayFrom,
} from './dates.ts';
import { getPlan } from './definitions.ts';
import { CASE_TOPICS } from './effects.ts';
import { sendNotice } from './notices.ts';
import { type CaseTables, jsonOrNull, t } from './tables.ts';
import { caseTexts as tx } from './texts.nl.ts';

/**
 * Deadlines: the dienst's beslistermijn (legal) and streeftermijn (the organisation's own service level) as
 * durable timers on the job queue. Two timers per deadline, each under a singleton key so it can be moved
 * or cancelled: a warning `warn_days` before the last day (the citizen gets a notice, the team a warning)
 * and the lapse the day after the last day (visible on the case). Opschorting (Awb 4:15) stops the clock
 * and resuming moves the last day by the days it stood still; verlenging (Awb 4:14) moves it with a reason
 * the citizen is told. A timer fires in the transaction that marks its job done: exactly once.
 */

export const DEADLINE_QUEUE = 'cases.deadline';

export interface DeadlineTerm {
  kind: string;
  term: string;
  legal: boolean;
}

export interface DeadlineChange {
  at: Date;
  change: CaseTables['case_deadline_change']['change'];
  reason: string | null;
  actor: Actor | null;
  dueBefore: string | null;
  dueAfter: string | null;
}

export interface Deadline {
  kind: string;
  term: string;
  legal: boolean;
  startedOn: string;
  dueDate: string;
  originalDueDate: string;
  warnDays: number;
  status: CaseTables['case_deadline']['status'];
  suspendedOn: string | null;
  warnedAt: Date | null;
  lapsedAt: Date | null;
  endedAt: Date | null;
  changes?: DeadlineChange[];
}

export type DeadlineRow = {
  case_id: string;
  kind: string;
  organisation_id: string;
  due_date: string;
  warn_days: number;
  status: Deadline['status'];
  warned_at: Date | null;
};

type Phase = 'warn' | 'lapse';
const jobKey = (caseId: string, kind: string, phase: Phase) => `${caseId}:${kind}:${phase}`;

export interface DeadlineJobPayload {
  caseId: string;
  kind: string;
  phase: Phase;
  due: string;
}

async function scheduleTimers(trx: Trx, row: DeadlineRow): Promise<void> {
  const payload = (phase: Phase): DeadlineJobPayload => ({
    caseId: row.case_id,
    kind: row.kind,
    phase,
    due: row.due_date,
  });
  if (!row.warned_at) {
    await schedule(trx, {
      organisationId: row.organisation_id,
      queue: DEADLINE_QUEUE,
      payload: payload('warn'),
      runAt: startOfDay(addDays(row.due_date, -row.warn_days)),
      singletonKey: jobKey(row.case_id, row.kind, 'warn'),
    });
  }
  await schedule(trx, {
    organisationId: row.organisation_id,
    queue: DEADLINE_QUEUE,
    payload: payload('lapse'),
    runAt: startOfDay(addDays(row.due_date, 1)),
    singletonKey: jobKey(row.case_id, row.kind, 'lapse'),
  });
}

async function cancelTimers(trx: Trx, caseId: string, kind: string): Promise<void> {
  await cancel(trx, DEADLINE_QUEUE, jobKey(caseId, kind, 'warn'));
  await cancel(trx, DEADLINE_QUEUE, jobKey(caseId, kind, 'lapse'));
}

async function teamOf(trx: Trx, caseId: string): Promise<string | null> {
  const p = await t(trx)
    .selectFrom('case_plan')
    .select(['organisation_id', 'plan_id', 'plan_version'])
    .where('case_id', '=', caseId)
    .executeTakeFirst();
  return p ? ((await getPlan(trx, p.organisation_id, p.plan_id, p.plan_version))?.team ?? null) : null;
}

export async function recordChange(
  trx: Trx,
  row: Pick<DeadlineRow, 'case_id' | 'kind' | 'organisation_id'>,
  change: DeadlineChange['change'],
  details: { reason?: string | null; actor?: Actor | null; before?: string | null; after?: string | null },
): Promise<void> {
  await t(trx)
    .insertInto('case_deadline_change')
    .values({
      case_id: row.case_id,
      kind: row.kind,
      organisation_id: row.organisation_id,
      change,
      reason: details.reason ?? null,
      actor: jsonOrNull(details.actor),
      due_before: details.before ?? null,
      due_after: details.after ?? null,
    })
    .execute();
  if (change !== 'started') {
    // Warnings and lapses go to the team responsible for the case (the plan's team).
    const team = change === 'warned' || change === 'lapsed' ? await teamOf(trx, row.case_id) : undefined;
    await publish(trx, {
      organisationId: row.organisation_id,
      topic:
        change === 'lapsed'
          ? CASE_TOPICS.deadlineLapsed
          : change === 'warned'
            ? CASE_TOPICS.deadlineWarning
            : CASE_TOPICS.deadlineChanged,
      payload: {
        caseId: row.case_id,
        kind: row.kind,
        change,
        dueDate: details.after ?? details.before ?? null,
        ...(team !== undefined ? { team } : {}),
      },
    });
  }
}

export interface StartDeadlines {
  caseId: string;
  organisationId: string;
  startedOn: string;
  terms: DeadlineTerm[];
  warnDays: number;
}

export async function startDeadlines(trx: Trx, input: StartDeadlines): Promise<void> {
  for (const term of input.terms) {
    if (!isTerm(term.term)) continue;
    const due = termEnd(input.startedOn, term.term);
    const row: DeadlineRow = {
      case_id: input.caseId,
      kind: term.kind,
      organisation_id: input.organisationId,
      due_date: due,
      warn_days: input.warnDays,
      status: 'running',
      warned_at: null,
    };
    await t(trx)
      .insertInto('case_deadline')
      .values({
        ...row,
        term: term.term,
        legal: term.legal,
        started_on: input.startedOn,
        original_due_date: due,
      })
      .execute();
    await recordChange(trx, row, 'started', { after: due });
    await scheduleTimers(trx, row);
  }
}

async function lockDeadline(
  trx: Trx,
  caseId: string,
  organisationId: string,
  kind: string,
): Promise<DeadlineRow> {
  const row = await t(trx)
    .selectFrom('case_deadline')
    .select(['case_id', 'kind', 'organisation_id', 'due_date', 'warn_days', 'status', 'warned_at'])
    .where('case_id', '=', caseId)
    .where('kind', '=', kind)
    .forUpdate()
    .executeTakeFirst();
  if (!row || row.organisation_id !== organisationId) throw problems.notFound(tx.deadlineNotFound);
  return row;
}

const requireStatus = (row: DeadlineRow, allowed: DeadlineRow['status'][]) => {
  if (!allowed.includes(row.status))
    throw new Problem(409, `deadline-${row.status}`, tx.conflict, tx.deadlineState(row.status));
};

const requireReason = (reason: string | undefined): string => {
  const r = reason?.trim() ?? '';
  if (!r) throw problems.invalidField('reason', 'required', tx.reasonRequired);
  return r;
};

export interface DeadlineRequest {
  caseId: string;
  organisationId: string;
  kind: string;
  actor: Actor;
  reason?: string;
  /** The day it happens (default today in the Netherlands). */
  on?: string;
}

/** Opschorting: the clock stops (Awb 4:15). */
export async function suspendDeadline(trx: Trx, r: DeadlineRequest): Promise<void> {
  const reason = requireReason(r.reason);
  const row = await lockDeadline(trx, r.caseId, r.organisationId, r.kind);
  requireStatus(row, ['running']);
  await t(trx)
    .updateTable('case_deadline')
    .set({ status: 'suspended', suspended_on: r.on ?? localDate(new Date()) })
    .where('case_id', '=', r.caseId)
    .where('kind', '=', r.kind)
    .execute();
  await cancelTimers(trx, r.caseId, r.kind);
  await recordChange(trx, row, 'suspended', { reason, actor: r.actor, before: row.due_date });
}

/** The clock runs again; the last day moves by the days it stood still. */
export async function resumeDeadline(trx: Trx, r: DeadlineRequest): Promise<string> {
  const row = await lockDeadline(trx, r.caseId, r.organisationId, r.kind);
  requireStatus(row, ['suspended']);
  const since = await t(trx)
    .selectFrom('case_deadline')
    .select('suspended_on')
    .where('case_id', '=', r.caseId)
    .where('kind', '=', r.kind)
    .executeTakeFirstOrThrow();
  const today = r.on ?? localDate(new Date());
  const stood = Math.max(0, daysBetween(since.suspended_on ?? today, today));
  const due = workingDayFrom(addDays(row.due_date, stood));
  await t(trx)
    .updateTable('case_deadline')
    .set({ status: 'running', suspended_on: null, due_date: due })
    .where('case_id', '=', r.caseId)
    .where('kind', '=', r.kind)
    .execute();
  await scheduleTimers(trx, { ...row, status: 'running', due_date: due });
  await recordChange(trx, row, 'resumed', {
    reason: r.reason ?? null,
    actor: r.actor,
    before: row.due_date,
    after: due,
  });
  return due;
}

/**
 * Verlenging (Awb 4:14): the last day moves by a term (or to a date) before it lapses, with a reason; the
 * citizen is told why and when we now expect to decide, and who to contact.
 */
export async function extendDeadline(
  trx: Trx,
  r: DeadlineRequest & { term?: string; until?: string; subjectBsn: string | null },
): Promise<string> {
  const reason = requireReason(r.reason);
  const row = await lockDeadline(trx, r.caseId, r.organisationId, r.kind);
  requireStatus(row, ['running', 'suspended']);
  let due: string;
  if (r.until) due = workingDayFrom(r.until);
  else if (r.term && isTerm(r.term)) due = workingDayFrom(addTerm(row.due_date, r.term));
  else throw problems.invalidField('term', 'invalid', tx.extensionNeeded);
  if (due <= row.due_date) throw problems.invalidField('until', 'invalid', tx.extensionEarlier);
  await t(trx)
    .updateTable('case_deadline')
    .set({ due_date: due, warned_at: null })
    .where('case_id', '=', r.caseId)
    .where('kind', '=', r.kind)
    .execute();
  if (row.status === 'running') await scheduleTimers(trx, { ...row, due_date: due, warned_at: null });
  await recordChange(trx, row, 'extended', { reason, actor: r.actor, before: row.due_date, after: due });
  await sendNotice(trx, {
    caseId: r.caseId,
    organisationId: r.organisationId,
    kind: 'extension',
    reason,
    expectedDate: due,
    subjectBsn: r.subjectBsn,
  });
  return due;
}

/** The case is decided (met) or closed otherwise (stopped): the clocks stop and the timers go. */
export async function endDeadlines(
  trx: Trx,
  caseId: string,
  outcome: 'met' | 'stopped',
  actor: Actor | null,
  kinds?: string[],
): Promise<void> {
  let q = t(trx)
    .selectFrom('case_deadline')
    .select(['case_id', 'kind', 'organisation_id', 'due_date', 'warn_days', 'status', 'warned_at'])
    .where('case_id', '=', caseId)
    .where('status', 'in', ['running', 'suspended']);
  if (kinds) q = q.where('kind', 'in', kinds);
  for (const row of await q.forUpdate().execute()) {
    await t(trx)
      .updateTable('case_deadline')
      .set({ status: outcome, ended_at: new Date() })
      .where('case_id', '=', caseId)
      .where('kind', '=', row.kind)
      .execute();
    await cancelTimers(trx, caseId, row.kind);
    await recordChange(trx, row, outcome, { actor, before: row.due_date });
  }
}
