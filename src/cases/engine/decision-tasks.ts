import type { Logger } from 'pino';
import type { Trx } from '../../platform/db/transaction.ts';
import type { Consumer } from '../../platform/outbox/dispatcher.ts';
import { type Actor, PlanEventError } from '../plan/index.ts';
import { applyCaseEvent, loadCasePlan } from './apply.ts';
import { getPlan } from './definitions.ts';
import { t } from './tables.ts';
import { addAdhocTask } from './tasks.ts';
import { caseTexts as tx } from './texts.nl.ts';

/**
 * A decision that waits for a person becomes work on its case: a rule that could not be applied
 * (`decision.needs_human`, with the reason) or an adverse draft (no adverse decision is final without a
 * professional) is a review task for the plan's team; a deviation (`decision.awaiting_approval`) closes the
 * review task and opens an approval task for a second professional; `decision.final` closes what is still
 * open, in the name of who decided. The tasks are ad hoc tasks of the plan, so they show in the team's queue,
 * in the history, and keep a stage from completing while they are open. `case_decision_task` remembers
 * which task stands for which decision (an event delivered twice adds nothing twice).
 */

export const DECISION_TASK_TOPICS = [
  'decision.needs_human',
  'decision.drafted',
  'decision.awaiting_approval',
  'decision.final',
] as const;

interface DecisionEvent {
  decisionId?: string;
  caseId?: string | null;
  adverse?: boolean;
  reason?: string | null;
  deviationBy?: string;
  by?: string;
}

type Kind = 'review' | 'approve';

const SYSTEM: Actor = { kind: 'system', id: 'decisions', name: tx.decisionTasks.systemActor };
const staff = (id: string | undefined): Actor => (id && id !== 'system' ? { kind: 'staff', id } : SYSTEM);

async function teamOfCase(trx: Trx, caseId: string) {
  const row = await loadCasePlan(trx, caseId);
  if (row?.state.status !== 'active') return null;
  const plan = await getPlan(trx, row.organisationId, row.planId, row.planVersion);
  return plan ? { organisationId: row.organisationId, team: plan.team } : null;
}

async function linked(trx: Trx, decisionId: string, kind: Kind) {
  return t(trx)
    .selectFrom('case_decision_task')
    .selectAll()
    .where('decision_id', '=', decisionId)
    .where('kind', '=', kind)
    .executeTakeFirst();
}

async function openTask(
  trx: Trx,
  caseId: string,
  decisionId: string,
  kind: Kind,
  details: { name: string; reason: string },
): Promise<string | null> {
  if (await linked(trx, decisionId, kind)) return null;
  const owner = await teamOfCase(trx, caseId);
  if (!owner) return null;
  const instanceId = await addAdhocTask(trx, {
    caseId,
    organisationId: owner.organisationId,
    name: details.name,
    description: details.reason,
    assignee: { kind: 'team', team: owner.team },
    reason: details.reason,
    actor: SYSTEM,
  });
  await t(trx)
    .insertInto('case_decision_task')
    .values({
      case_id: caseId,
      decision_id: decisionId,
      kind,
      instance_id: instanceId,
      organisation_id: owner.organisationId,
    })
    .execute();
  return instanceId;
}

async function closeTask(trx: Trx, decisionId: string, kind: Kind, actor: Actor): Promise<boolean> {
  const link = await linked(trx, decisionId, kind);
  if (!link) return false;
  const task = await t(trx)
    .selectFrom('case_task')
    .select('state')
    .where('case_id', '=', link.case_id)
    .where('instance_id', '=', link.instance_id)
    .executeTakeFirst();
  if (task?.state !== 'active') return false;
  await applyCaseEvent(trx, link.case_id, { type: 'task-completed', instanceId: link.instance_id, actor });
  return true;
}

/** Carries out one decision event on its case (exported for tests that call it in a transaction). */
export async function decisionToTasks(trx: Trx, topic: string, p: DecisionEvent): Promise<void> {
  const { decisionId, caseId } = p;
  if (!decisionId || !caseId) return;
  const texts = tx.decisionTasks;
  switch (topic) {
    case 'decision.needs_human':
      await openTask(trx, caseId, decisionId, 'review', {
        name: texts.reviewName,
        reason: texts.reviewCannotEvaluate(p.reason ?? ''),
      });
      break;
    case 'decision.drafted':
      if (p.adverse === true)
        await openTask(trx, caseId, decisionId, 'review', {
          name: texts.reviewName,
          reason: texts.reviewAdverse,
        });
      break;
    case 'decision.awaiting_approval':
      await closeTask(trx, decisionId, 'review', staff(p.deviationBy));
      await openTask(trx, caseId, decisionId, 'approve', {
        name: texts.approveName,
        reason: texts.approveReason(p.deviationBy ?? '?'),
      });
      break;
    case 'decision.final':
      await closeTask(trx, decisionId, 'review', staff(p.by));
      await closeTask(trx, decisionId, 'approve', staff(p.by));
      break;
  }
}

export function decisionTaskConsumer(log: Logger): Consumer {
  return {
    name: 'cases.decision-tasks',
    topics: [...DECISION_TASK_TOPICS],
    transactional: true,
    async deliver(event, _target, trx) {
      if (!trx) return;
      try {
        await decisionToTasks(trx as Trx, event.topic, event.payload as DecisionEvent);
      } catch (err) {
        // The case closed meanwhile: nothing left to put the work on.
        if (!(err instanceof PlanEventError)) throw err;
        log.info({ event: event.id, code: err.code }, 'decision task does not fit the case; dropped');
      }
    },
  };
}
