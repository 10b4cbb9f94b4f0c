import { sql } from 'kysely';
import type { Trx } from '../../platform/db/transaction.ts';
import { problems } from '../../platform/http/problem.ts';
import type { Actor, Assignee, PlanResult } from '../plan/index.ts';
import { applyCaseEvent } from './apply.ts';
import type { CaseIds } from './citizen-views.ts';
import { type CaseTables, type Conn, jsonOrNull, t } from './tables.ts';
import { caseTexts as tx } from './texts.nl.ts';

/**
 * Tasks as work: the task rows the runtime's effects keep (team queues, the citizen's to-do list) and the
 * commands people give — complete, stop, add an ad hoc task, activate an optional one — each applied
 * through the plan so the history records who did it and why.
 */

export interface Task {
  caseId: string;
  instanceId: string;
  organisationId: string;
  itemId: string;
  name: string;
  description: string | null;
  assignee: { kind: 'team' | 'role' | 'citizen'; name: string };
  citizenTask: string | null;
  documentType: string | null;
  appointmentType: string | null;
  dueDate: string | null;
  state: CaseTables['case_task']['state'];
  adhoc: { reason: string; addedBy: Actor } | null;
  activated: { reason: string; by: Actor } | null;
  closedBy: Actor | null;
  closedReason: string | null;
  outcome: Record<string, unknown> | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A timestamp as a Date: pg gives one, JSON (a composed statement's jsonArrayFrom) an ISO string. */
const asDate = (v: unknown): Date => (v instanceof Date ? v : new Date(v as string));

function toTask(r: Record<string, unknown>): Task {
  return {
    caseId: r.case_id as string,
    instanceId: r.instance_id as string,
    organisationId: r.organisation_id as string,
    itemId: r.item_id as string,
    name: r.name as string,
    description: (r.description as string | null) ?? null,
    assignee: { kind: r.assignee_kind as Task['assignee']['kind'], name: r.assignee as string },
    citizenTask: (r.citizen_task as string | null) ?? null,
    documentType: (r.document_type as string | null) ?? null,
    appointmentType: (r.appointment_type as string | null) ?? null,
    dueDate: (r.due_date as string | null) ?? null,
    state: r.state as Task['state'],
    adhoc: (r.adhoc as Task['adhoc']) ?? null,
    activated: (r.activated as Task['activated']) ?? null,
    closedBy: (r.closed_by as Actor | null) ?? null,
    closedReason: (r.closed_reason as string | null) ?? null,
    outcome: (r.outcome as Record<string, unknown> | null) ?? null,
    createdAt: asDate(r.created_at),
    updatedAt: asDate(r.updated_at),
  };
}

export const rowToTask = (r: object): Task => toTask(r as Record<string, unknown>);

export interface TeamQuery {
  organisationId: string;
  team?: string;
  role?: string;
  caseId?: string;
  open?: boolean;
}

/** The work queue of an organisation (optionally of one team or role, or one case), earliest due first. */
export async function tasksOf(db: Conn, q: TeamQuery): Promise<Task[]> {
  let query = t(db).selectFrom('case_task').selectAll().where('organisation_id', '=', q.organisationId);
  if (q.open !== false) query = query.where('state', 'in', ['enabled', 'active']);
  if (q.caseId) query = query.where('case_id', '=', q.caseId);
  if (q.team) query = query.where('assignee_kind', '=', 'team').where('assignee', '=', q.team);
  if (q.role) query = query.where('assignee_kind', '=', 'role').where('assignee', '=', q.role);
  const rows = await query
    .orderBy((eb) => eb.fn.coalesce('due_date', eb.val('9999-12-31')))
    .orderBy('created_at')
    .limit(500)
    .execute();
  return rows.map(rowToTask);
}

/** The citizen's open tasks in these cases, earliest due first, for a caller that composes it. */
export function citizenTasksQuery(db: Conn, caseIds: CaseIds) {
  return t(db)
    .selectFrom('case_task')
    .selectAll()
    .where('case_id', 'in', caseIds as readonly string[])
    .where('assignee_kind', '=', 'citizen')
    .where('state', '=', 'active')
    .orderBy((eb) => eb.fn.coalesce('due_date', eb.val('9999-12-31')));
}

/** The citizen's open tasks in these cases (the cases are the person's, at any organisation). */
export async function citizenTasksOf(db: Conn, caseIds: string[]): Promise<Task[]> {
  if (caseIds.length === 0) return [];
  return (await citizenTasksQuery(db, caseIds).execute()).map(rowToTask);
}

export async function getTask(db: Conn, caseId: string, instanceId: string): Promise<Task | null> {
  const r = await t(db)
    .selectFrom('case_task')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('instance_id', '=', instanceId)
    .executeTakeFirst();
  return r ? rowToTask(r) : null;
}

export interface TaskCommand {
  caseId: string;
  organisationId: string;
  instanceId: string;
  actor: Actor;
  now?: Date;
}

async function apply(trx: Trx, cmd: TaskCommand, event: Parameters<typeof applyCaseEvent>[2]) {
  const result = await applyCaseEvent(trx, cmd.caseId, event, {
    organisationId: cmd.organisationId,
    now: cmd.now,
  });
  if (!result) throw problems.notFound(tx.caseNotFound);
  return result;
}

/** What the person who completed a task answered or decided (a chosen slot, a document, a note). */
export async function storeTaskOutcome(
  trx: Trx,
  caseId: string,
  instanceId: string,
  outcome: Record<string, unknown> | undefined,
): Promise<void> {
  if (!outcome) return;
  await t(trx)
    .updateTable('case_task')
    .set({ outcome: jsonOrNull(outcome) })
    .where('case_id', '=', caseId)
    .where('instance_id', '=', instanceId)
    .execute();
}

/** Whether a citizen task of the case already took this document (its outcome names it). */
export async function documentTakenByTask(db: Conn, caseId: string, documentId: string): Promise<boolean> {
  const row = await t(db)
    .selectFrom('case_task')
    .select('instance_id')
    .where('case_id', '=', caseId)
    .where(sql<string>`outcome -> 'document' ->> 'id'`, '=', documentId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function completeTask(
  trx: Trx,
  cmd: TaskCommand & { outcome?: Record<string, unknown> },
): Promise<PlanResult> {
  const result = await apply(trx, cmd, {
    type: 'task-completed',
    instanceId: cmd.instanceId,
    actor: cmd.actor,
  });
  await storeTaskOutcome(trx, cmd.caseId, cmd.instanceId, cmd.outcome);
  return result;
}

const required = (value: string | undefined, name: string, reason: string): string => {
  const v = value?.trim() ?? '';
  if (!v) throw problems.invalidField(name, 'required', reason);
  return v;
};

export async function terminateTask(trx: Trx, cmd: TaskCommand & { reason?: string }): Promise<PlanResult> {
  const reason = required(cmd.reason, 'reason', tx.reasonRequired);
  return apply(trx, cmd, { type: 'task-terminated', instanceId: cmd.instanceId, actor: cmd.actor, reason });
}

/** An optional task or stage the professional decides is needed, with why. */
export async function activateOptional(
  trx: Trx,
  cmd: TaskCommand & { reason?: string },
): Promise<PlanResult> {
  const reason = required(cmd.reason, 'reason', tx.reasonRequired);
  return apply(trx, cmd, { type: 'task-activated', instanceId: cmd.instanceId, actor: cmd.actor, reason });
}

export interface AdhocTask {
  caseId: string;
  organisationId: string;
  name?: string;
  description?: string;
  assignee?: Assignee;
  dueDate?: string;
  reason?: string;
  stageInstanceId?: string;
  actor: Actor;
  now?: Date;
}

/** A task that is not in the plan, with who added it and why. Returns the new task's instance id. */
export async function addAdhocTask(trx: Trx, input: AdhocTask): Promise<string> {
  const name = required(input.name, 'name', tx.nameRequired);
  const reason = required(input.reason, 'reason', tx.reasonRequired);
  if (!input.assignee) throw problems.invalidField('assignee', 'required', tx.assigneeRequired);
  const result = await apply(
    trx,
    {
      caseId: input.caseId,
      organisationId: input.organisationId,
      instanceId: '',
      actor: input.actor,
      now: input.now,
    },
    {
      type: 'adhoc-task-added',
      name,
      description: input.description,
      assignee: input.assignee,
      dueDate: input.dueDate,
      reason,
      actor: input.actor,
      stageInstanceId: input.stageInstanceId,
    },
  );
  const created = result.effects.find((e) => e.type === 'task-created' && e.task.adhoc);
  return created?.type === 'task-created' ? created.instanceId : '';
}
