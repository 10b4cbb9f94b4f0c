import type { Trx } from '../../platform/db/transaction.ts';
import type { DeadlineJobPayload, DeadlineRow } from './deadlines.ts';
import { recordChange } from './deadlines.ts';
import { sendNotice } from './notices.ts';
import { t } from './tables.ts';
import { caseTexts as tx } from './texts.nl.ts';

/**
 * What happens when a deadline timer fires: the warning (the citizen's notice for a legal term, the team's
 * warning) and the lapse (visible on the case). See deadlines.ts for how the timers are set and moved.
 */

/** Why the case takes longer: the last reason given for a suspension or extension, else the general one. */
async function lastReason(trx: Trx, caseId: string): Promise<string> {
  const r = await t(trx)
    .selectFrom('case_deadline_change')
    .select('reason')
    .where('case_id', '=', caseId)
    .where('change', 'in', ['suspended', 'extended'])
    .where('reason', 'is not', null)
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return r?.reason ?? tx.defaultDelayReason;
}

/** When we now expect to be done: the last day, or later when open tasks are due later. */
async function expectedDate(trx: Trx, caseId: string, due: string): Promise<string> {
  const r = await t(trx)
    .selectFrom('case_task')
    .select((eb) => eb.fn.max('due_date').as('last'))
    .where('case_id', '=', caseId)
    .where('state', 'in', ['enabled', 'active'])
    .executeTakeFirst();
  const last = r?.last as string | null | undefined;
  return last && last > due ? last : due;
}

async function warn(
  trx: Trx,
  row: DeadlineRow & { legal: boolean },
  subjectOf: (caseId: string) => Promise<string | null>,
  now: Date,
): Promise<void> {
  await t(trx)
    .updateTable('case_deadline')
    .set({ warned_at: now })
    .where('case_id', '=', row.case_id)
    .where('kind', '=', row.kind)
    .execute();
  await recordChange(trx, row, 'warned', { before: row.due_date });
  if (!row.legal) return;
  await sendNotice(trx, {
    caseId: row.case_id,
    organisationId: row.organisation_id,
    kind: 'delay',
    reason: await lastReason(trx, row.case_id),
    expectedDate: await expectedDate(trx, row.case_id, row.due_date),
    subjectBsn: await subjectOf(row.case_id),
  });
}

/**
 * A deadline timer fires. A timer for a deadline that has moved, stopped or was suspended meanwhile finds
 * the row changed and does nothing (its key was moved or cancelled too; this guards a race).
 */
export async function fireDeadline(
  trx: Trx,
  p: DeadlineJobPayload,
  subjectOf: (caseId: string) => Promise<string | null>,
  now = new Date(),
): Promise<'warned' | 'lapsed' | 'stale'> {
  const row = await t(trx)
    .selectFrom('case_deadline')
    .select(['case_id', 'kind', 'organisation_id', 'due_date', 'warn_days', 'status', 'warned_at', 'legal'])
    .where('case_id', '=', p.caseId)
    .where('kind', '=', p.kind)
    .forUpdate()
    .executeTakeFirst();
  if (row?.status !== 'running' || row.due_date !== p.due) return 'stale';
  // A term that lapses without a warning first (it was already short) still gets its warning and notice.
  if (!row.warned_at) await warn(trx, row, subjectOf, now);
  if (p.phase === 'warn') return row.warned_at ? 'stale' : 'warned';
  await t(trx)
    .updateTable('case_deadline')
    .set({ status: 'lapsed', lapsed_at: now })
    .where('case_id', '=', p.caseId)
    .where('kind', '=', p.kind)
    .execute();
  await recordChange(trx, row, 'lapsed', { before: row.due_date });
  return 'lapsed';
}
