import type { Trx } from '../platform/db/transaction.ts';
import { problems } from '../platform/http/problem.ts';
import { publish } from '../platform/outbox/outbox.ts';

/**
 * A new decision replaces an old one (after a review or an objection): the new one points at the old,
 * the old becomes superseded, and `decision.superseded` is published. Both must be of the organisation.
 */
export async function supersede(
  trx: Trx,
  oldId: string,
  newId: string,
  organisationId: string,
): Promise<void> {
  const rows = await trx
    .selectFrom('decision')
    .select(['id', 'case_id'])
    .where('id', 'in', [oldId, newId])
    .where('organisation_id', '=', organisationId)
    .execute();
  if (rows.length !== 2) throw problems.notFound();
  await trx.updateTable('decision').set({ supersedes: oldId }).where('id', '=', newId).execute();
  await trx
    .updateTable('decision')
    .set({ status: 'superseded', updated_at: new Date() })
    .where('id', '=', oldId)
    .execute();
  await publish(trx, {
    organisationId,
    topic: 'decision.superseded',
    payload: {
      decisionId: oldId,
      caseId: rows.find((r) => r.id === oldId)?.case_id ?? null,
      newDecisionId: newId,
    },
  });
}
