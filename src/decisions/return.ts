import type { Trx } from '../platform/db/transaction.ts';
import { Problem, problems } from '../platform/http/problem.ts';
import { publish } from '../platform/outbox/outbox.ts';
import type { Actor } from './service.ts';
import { type Decision, type Deviation, getDecision, updateDecision } from './store.ts';
import { decisionTexts as t } from './texts.nl.ts';

/**
 * The second pair of eyes does not agree: the deviation goes back to the professional who proposed it and
 * the decision is a draft again (the rule's outcome). Only another professional can return it, with a
 * reason. Returns the deviation that was returned, for the caller's record of who did what and why.
 */
export async function returnDeviation(
  trx: Trx,
  id: string,
  organisationId: string,
  by: Actor,
  reason: string,
): Promise<{ decision: Decision; returned: Deviation }> {
  const d = await getDecision(trx, id, true);
  if (!d || d.organisationId !== organisationId) throw problems.notFound(t.notFound);
  if (d.status !== 'awaiting_approval' || !d.deviation)
    throw new Problem(409, 'wrong-status', t.wrongStatus(d.status));
  if (by === d.deviation.by) throw new Problem(403, 'four-eyes', t.sameApprover);
  if (!reason.trim()) throw problems.invalidField('reason', 'required', t.motivationRequired);
  const next: Decision = { ...d, status: 'draft', deviation: null };
  await updateDecision(trx, next);
  await publish(trx, {
    organisationId,
    topic: 'decision.deviation_returned',
    payload: { decisionId: d.id, caseId: d.caseId, ruleId: d.ruleId, status: next.status },
  });
  return { decision: next, returned: d.deviation };
}
