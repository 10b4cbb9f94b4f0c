import { randomUUID } from 'node:crypto';
import type { EngineDeps } from '../../cases/engine/cases.ts';
import { addDays, localDate } from '../../cases/engine/dates.ts';
import { getLifeEvent, type LifeEvent, requestLifeEvent } from '../../cases/engine/life-events.ts';
import type { Db } from '../../platform/db/database.ts';
import type { Trx } from '../../platform/db/transaction.ts';
import { schedule } from '../../platform/jobs/queue.ts';
import { recordProcessing } from '../../processing-log/index.ts';
import type { Citizen } from './page.ts';
import { portalTexts as tx } from './texts.nl.ts';

/**
 * When a request cannot be sent (an outside source is down), nothing is lost: the answers are kept, a
 * task for staff of the organisation that delivers the service is opened with a due date, and a job
 * tries again later. When the retry succeeds the task closes by itself.
 */

export const RETRY_QUEUE = 'portal.submission-retry';
const STAFF_DAYS = 2;

export interface KeptSubmission {
  id: string;
  reference: string;
  dueDate: string;
}

export async function keepSubmission(
  trx: Trx,
  input: {
    who: Citizen;
    lifeEvent: { id: string; name: string; organisationId: string };
    answers: Record<string, unknown>;
    failure: string;
    traceId: string;
  },
): Promise<KeptSubmission> {
  const id = randomUUID();
  const dueDate = addDays(localDate(new Date()), STAFF_DAYS);
  await trx
    .insertInto('portal_submission')
    .values({
      id,
      organisation_id: input.lifeEvent.organisationId,
      bsn: input.who.bsn,
      kind: 'life-event',
      target: input.lifeEvent.id,
      answers: JSON.stringify(input.answers),
      failure: input.failure,
      status: 'pending',
    })
    .execute();
  await trx
    .insertInto('portal_staff_task')
    .values({
      id: randomUUID(),
      organisation_id: input.lifeEvent.organisationId,
      submission_id: id,
      title: tx.failure.staffTitle(input.lifeEvent.name),
      reason: input.failure,
      due_date: dueDate,
      status: 'open',
    })
    .execute();
  await recordProcessing(trx, {
    organisationId: input.lifeEvent.organisationId,
    operation: 'write',
    actor: { kind: 'citizen', id: input.who.actorId },
    subject: { kind: 'bsn', id: input.who.bsn },
    dataCategories: ['aanvraag', ...Object.keys(input.answers)],
    purpose: tx.processing.submissionKept,
    legalBasis: tx.processing.legalAanvraag,
    traceId: input.traceId,
  });
  await schedule(trx, {
    organisationId: input.lifeEvent.organisationId,
    queue: RETRY_QUEUE,
    payload: { submissionId: id },
    runAt: new Date(Date.now() + 5 * 60_000),
    maxAttempts: 50,
  });
  return { id, reference: id.slice(0, 8).toUpperCase(), dueDate };
}

/** Open staff tasks about kept submissions of an organisation (for the workbench). */
export async function openSubmissionTasks(db: Db | Trx, organisationId: string) {
  return db
    .selectFrom('portal_staff_task')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('status', '=', 'open')
    .orderBy('due_date')
    .execute();
}

/** The person's kept submissions, newest first. */
export async function submissionsOf(db: Db | Trx, bsn: string) {
  return db
    .selectFrom('portal_submission')
    .select(['id', 'target', 'status', 'created_at', 'request_id'])
    .where('bsn', '=', bsn)
    .orderBy('created_at', 'desc')
    .execute();
}

/**
 * The retry job: sends the kept request through the one path a request takes (`check` first, e.g. the
 * BRP lookup that failed). Throws while the source is still down, so the job queue tries again later.
 */
export async function retrySubmission(
  trx: Trx,
  engine: EngineDeps,
  submissionId: string,
  /** False when the answers need a person to look at them (the staff task stays open). */
  check: (event: LifeEvent, answers: Record<string, unknown>) => Promise<boolean>,
): Promise<void> {
  const s = await trx
    .selectFrom('portal_submission')
    .selectAll()
    .where('id', '=', submissionId)
    .forUpdate()
    .executeTakeFirst();
  if (s?.status !== 'pending') return;
  const event = await getLifeEvent(trx, s.target);
  if (!event) return;
  const answers = s.answers as Record<string, unknown>;
  if (!(await check(event, answers))) return;
  const request = await requestLifeEvent(trx, engine, {
    lifeEventId: event.id,
    bsn: s.bsn,
    answers,
    actor: { kind: 'system', id: 'portal.retry', name: 'Mijn Loket' },
  });
  await trx
    .updateTable('portal_submission')
    .set({ status: 'submitted', request_id: request.requestId, updated_at: new Date() })
    .where('id', '=', submissionId)
    .execute();
  await trx
    .updateTable('portal_staff_task')
    .set({ status: 'done' })
    .where('submission_id', '=', submissionId)
    .execute();
}
