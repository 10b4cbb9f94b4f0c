import type { Db } from '../platform/db/database.ts';
import type { Trx } from '../platform/db/transaction.ts';
import { problems } from '../platform/http/problem.ts';
import { factTexts as t } from './texts.nl.ts';

/** A decision to look at again after a correction: the old and the new outcome side by side. */
export interface ReviewTask {
  id: string;
  organisationId: string;
  decisionId: string;
  correctionId: string;
  oldOutputs: unknown;
  /** null when the decision could not be re-evaluated: a human must look at why. */
  newOutputs: unknown;
  status: 'open' | 'done';
}

export async function reviewTasks(db: Db | Trx, organisationId: string, status: 'open' | 'done' = 'open') {
  const rows = await db
    .selectFrom('review_task')
    .select(['id', 'organisation_id', 'decision_id', 'correction_id', 'old_outputs', 'new_outputs', 'status'])
    .where('organisation_id', '=', organisationId)
    .where('status', '=', status)
    .orderBy('created_at')
    .execute();
  return rows.map(
    (r): ReviewTask => ({
      id: r.id,
      organisationId: r.organisation_id,
      decisionId: r.decision_id,
      correctionId: r.correction_id,
      oldOutputs: r.old_outputs,
      newOutputs: r.new_outputs,
      status: r.status,
    }),
  );
}

export async function completeReview(trx: Trx, id: string, organisationId: string): Promise<void> {
  const r = await trx
    .updateTable('review_task')
    .set({ status: 'done' })
    .where('id', '=', id)
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) throw problems.notFound();
}

export async function improvementItems(db: Db | Trx, organisationId: string) {
  return db
    .selectFrom('improvement_item')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .orderBy('status', 'desc')
    .orderBy('created_at')
    .execute();
}

/** The owner closes an improvement item, saying what was changed so it does not happen again. */
export async function closeImprovement(trx: Trx, id: string, organisationId: string, resolution: string) {
  if (!resolution.trim()) throw problems.invalidField('resolution', 'required', t.reasonRequired);
  const r = await trx
    .updateTable('improvement_item')
    .set({ status: 'closed', resolution: resolution.trim(), closed_at: new Date() })
    .where('id', '=', id)
    .where('organisation_id', '=', organisationId)
    .where('status', '=', 'open')
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) throw problems.notFound();
}

/** A person's messages, newest first, for a caller that composes it into a statement of its own. */
export function messagesForQuery(db: Db | Trx, bsn: string) {
  return db
    .selectFrom('person_message')
    .select(['id', 'organisation_id', 'subject', 'body', 'created_at'])
    .where('bsn', '=', bsn)
    .orderBy('created_at', 'desc');
}

export async function messagesFor(db: Db | Trx, bsn: string) {
  return messagesForQuery(db, bsn).execute();
}

/** Whom a message is for (its BSN), e.g. to notify them by e-mail; null when there is no such message. */
export async function messageRecipient(db: Db | Trx, messageId: string): Promise<string | null> {
  const r = await db
    .selectFrom('person_message')
    .select('bsn')
    .where('id', '=', messageId)
    .executeTakeFirst();
  return r?.bsn ?? null;
}
