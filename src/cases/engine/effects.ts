import type { Trx } from '../../platform/db/transaction.ts';
import { cancel, schedule } from '../../platform/jobs/queue.ts';
import { type NewEvent, publish } from '../../platform/outbox/outbox.ts';
import type { PlanDefinition, PlanEffect, PlanEvent, PlanResult, TaskDetails } from '../plan/index.ts';
import { jsonOrNull, t } from './tables.ts';

/**
 * What one applied event leaves behind besides the new state: the task rows (the work queues read them,
 * not the jsonb state), the durable timers of timer items, and the outbox events other modules and the
 * team receive. Everything here runs in the transaction that stores the state.
 */

export const PLAN_TIMER_QUEUE = 'cases.plan-timer';

/** Topics the case engine publishes. Payloads carry ids and names only, never personal data. */
export const CASE_TOPICS = {
  taskActivated: 'case.task.activated',
  taskEnabled: 'case.task.enabled',
  taskCompleted: 'case.task.completed',
  taskTerminated: 'case.task.terminated',
  taskDisabled: 'case.task.disabled',
  milestoneReached: 'case.milestone.reached',
  stageCompleted: 'case.stage.completed',
  needsAttention: 'case.needs_attention',
  attentionCleared: 'case.attention_cleared',
  planStarted: 'case.plan.started',
  planCompleted: 'case.plan.completed',
  planMigrated: 'case.plan.migrated',
  deadlineWarning: 'case.deadline.warning',
  deadlineLapsed: 'case.deadline.lapsed',
  deadlineChanged: 'case.deadline.changed',
  noticeSent: 'case.notice.sent',
} as const;

export const timerKey = (caseId: string, instanceId: string) => `${caseId}:${instanceId}`;

function taskRow(
  organisationId: string,
  caseId: string,
  instanceId: string,
  itemId: string,
  task: TaskDetails,
) {
  const a = task.assignee;
  return {
    case_id: caseId,
    instance_id: instanceId,
    organisation_id: organisationId,
    item_id: itemId,
    name: task.name,
    description: task.description ?? null,
    assignee_kind: a.kind,
    assignee: a.kind === 'team' ? a.team : a.kind === 'role' ? a.role : 'burger',
    citizen_task: a.kind === 'citizen' ? a.task : null,
    document_type: a.kind === 'citizen' ? (a.documentType ?? null) : null,
    appointment_type: a.kind === 'citizen' ? (a.appointmentType ?? null) : null,
    due_date: task.dueDate ?? null,
    adhoc: jsonOrNull(task.adhoc),
  };
}

function outboxEvent(organisationId: string, caseId: string, effect: PlanEffect): NewEvent | null {
  const base = { caseId };
  const ev = (topic: string, payload: Record<string, unknown>): NewEvent => ({
    organisationId,
    topic,
    payload: { ...base, ...payload },
  });
  switch (effect.type) {
    case 'task-created':
      return ev(CASE_TOPICS.taskActivated, {
        instanceId: effect.instanceId,
        itemId: effect.itemId,
        name: effect.task.name,
        assignee: effect.task.assignee,
        dueDate: effect.task.dueDate ?? null,
        adhoc: Boolean(effect.task.adhoc),
      });
    case 'item-enabled':
      return ev(CASE_TOPICS.taskEnabled, {
        instanceId: effect.instanceId,
        itemId: effect.itemId,
        kind: effect.kind,
        name: effect.name,
      });
    case 'task-closed':
      return ev(
        effect.outcome === 'completed'
          ? CASE_TOPICS.taskCompleted
          : effect.outcome === 'terminated'
            ? CASE_TOPICS.taskTerminated
            : CASE_TOPICS.taskDisabled,
        { instanceId: effect.instanceId, itemId: effect.itemId },
      );
    case 'milestone-reached':
      return ev(CASE_TOPICS.milestoneReached, {
        instanceId: effect.instanceId,
        itemId: effect.itemId,
        name: effect.name,
      });
    case 'stage-completed':
      return ev(CASE_TOPICS.stageCompleted, {
        instanceId: effect.instanceId,
        itemId: effect.itemId,
        name: effect.name,
      });
    case 'item-needs-attention':
      return ev(CASE_TOPICS.needsAttention, {
        instanceId: effect.instanceId,
        itemId: effect.itemId,
        team: effect.team,
        problem: effect.attention.problem,
        message: effect.attention.message,
      });
    case 'attention-cleared':
      return ev(CASE_TOPICS.attentionCleared, { instanceId: effect.instanceId, itemId: effect.itemId });
    case 'plan-completed':
      return ev(CASE_TOPICS.planCompleted, { outcome: effect.outcome });
    default:
      return null;
  }
}

/** Task rows, timers and outbox events for the effects of one applied event (or a start or migration). */
export async function applyEffects(
  trx: Trx,
  def: PlanDefinition,
  organisationId: string,
  caseId: string,
  result: PlanResult,
  event?: PlanEvent,
): Promise<void> {
  const at = result.state.updatedAt;
  const events: NewEvent[] = [];
  for (const effect of result.effects) {
    switch (effect.type) {
      case 'task-created': {
        const row = taskRow(organisationId, caseId, effect.instanceId, effect.itemId, effect.task);
        const activated =
          event?.type === 'task-activated' && event.instanceId === effect.instanceId
            ? jsonOrNull({ reason: event.reason, by: event.actor })
            : null;
        await t(trx)
          .insertInto('case_task')
          .values({ ...row, state: 'active', activated, created_at: at, updated_at: at })
          .onConflict((oc) =>
            oc.columns(['case_id', 'instance_id']).doUpdateSet({
              ...row,
              state: 'active',
              activated,
              updated_at: at,
            }),
          )
          .execute();
        break;
      }
      case 'item-enabled': {
        const item = def.items.find((i) => i.id === effect.itemId);
        if (item?.kind !== 'task') break;
        // Not started yet: no due date until someone activates it.
        const task: TaskDetails = { name: item.name, assignee: item.assignee };
        if (item.description) task.description = item.description;
        const row = taskRow(organisationId, caseId, effect.instanceId, effect.itemId, task);
        await t(trx)
          .insertInto('case_task')
          .values({ ...row, state: 'enabled', created_at: at, updated_at: at })
          .onConflict((oc) => oc.columns(['case_id', 'instance_id']).doNothing())
          .execute();
        break;
      }
      case 'task-closed':
        await t(trx)
          .updateTable('case_task')
          .set({
            state: effect.outcome,
            closed_by: jsonOrNull(effect.actor),
            closed_reason: effect.reason ?? null,
            updated_at: at,
          })
          .where('case_id', '=', caseId)
          .where('instance_id', '=', effect.instanceId)
          .execute();
        break;
      case 'timer-scheduled':
        await schedule(trx, {
          organisationId,
          queue: PLAN_TIMER_QUEUE,
          payload: { caseId, instanceId: effect.instanceId },
          runAt: new Date(effect.fireAt),
          singletonKey: timerKey(caseId, effect.instanceId),
        });
        break;
      case 'timer-cancelled':
        await cancel(trx, PLAN_TIMER_QUEUE, timerKey(caseId, effect.instanceId));
        break;
    }
    const e = outboxEvent(organisationId, caseId, effect);
    if (e) events.push(e);
  }
  await publish(trx, events);
}
