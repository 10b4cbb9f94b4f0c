import type { Trx } from '../../platform/db/transaction.ts';
import { Problem, problems } from '../../platform/http/problem.ts';
import { publish } from '../../platform/outbox/outbox.ts';
import {
  applyEvent,
  type PlanDefinition,
  type PlanEvent,
  PlanEventError,
  type PlanResult,
  type PlanState,
  startPlan,
} from '../plan/index.ts';
import { endDeadlines } from './deadlines.ts';
import { requirePlan } from './definitions.ts';
import { applyEffects, CASE_TOPICS } from './effects.ts';
import { type Conn, json, jsonOrNull, t } from './tables.ts';
import { caseTexts as tx } from './texts.nl.ts';

/**
 * The case engine's one path for changing a plan: lock the case's plan row, run the pure runtime, store the
 * state, append the transitions to the history and carry out the effects (tasks, timers, outbox) — all in
 * the caller's transaction, so a case event and everything it causes commit together or not at all.
 */

export interface CasePlanRow {
  caseId: string;
  organisationId: string;
  planId: string;
  planVersion: number;
  state: PlanState;
}

const attentionCount = (state: PlanState) => state.instances.filter((i) => i.attention).length;

/** Stores a result: state, history rows, effects. `insert` for a plan that starts now. */
export async function saveResult(
  trx: Trx,
  def: PlanDefinition,
  organisationId: string,
  caseId: string,
  result: PlanResult,
  options: { insert?: boolean; event?: PlanEvent } = {},
): Promise<void> {
  const s = result.state;
  const history = result.transitions.map((tr) => ({
    case_id: caseId,
    seq: tr.seq,
    organisation_id: organisationId,
    at: tr.at,
    item_id: tr.itemId,
    instance_id: tr.instanceId,
    from_state: tr.from,
    to_state: tr.to,
    cause: json(tr.cause),
    actor: jsonOrNull(tr.actor),
  }));
  const plan = {
    plan_version: s.planVersion,
    status: s.status,
    attention: attentionCount(s),
    state: json(s),
    updated_at: s.updatedAt,
  };
  if (options.insert) {
    await t(trx)
      .insertInto('case_plan')
      .values({
        ...plan,
        case_id: caseId,
        organisation_id: organisationId,
        plan_id: s.planId,
        started_at: s.startedAt,
      })
      .execute();
    if (history.length > 0) await t(trx).insertInto('case_plan_history').values(history).execute();
  } else if (history.length > 0) {
    // One round trip for the state and its history rows: the hot path of every case event.
    await t(trx)
      .with('saved', (db) =>
        db.updateTable('case_plan').set(plan).where('case_id', '=', caseId).returning('case_id'),
      )
      .insertInto('case_plan_history')
      .values(history)
      .execute();
  } else {
    await t(trx).updateTable('case_plan').set(plan).where('case_id', '=', caseId).execute();
  }
  await applyEffects(trx, def, organisationId, caseId, result, options.event);
  const ended = result.effects.find((e) => e.type === 'plan-completed');
  if (ended) await endDeadlines(trx, caseId, ended.outcome === 'completed' ? 'met' : 'stopped', null);
}

export interface StartInput {
  caseId: string;
  organisationId: string;
  plan: PlanDefinition;
  data: Record<string, unknown>;
  now?: Date;
}

/** Starts the plan of a new case (the zaak exists already; its id is the case id). */
export async function startCasePlan(trx: Trx, input: StartInput): Promise<PlanResult> {
  const result = startPlan(input.plan, input.data, input.now ?? new Date(), { caseId: input.caseId });
  await saveResult(trx, input.plan, input.organisationId, input.caseId, result, { insert: true });
  await publish(trx, {
    organisationId: input.organisationId,
    topic: CASE_TOPICS.planStarted,
    payload: { caseId: input.caseId, planId: input.plan.id, planVersion: input.plan.version },
  });
  return result;
}

/** History rows of a case, in order. */
export async function historyOf(db: Conn, caseId: string) {
  const rows = await t(db)
    .selectFrom('case_plan_history')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({
    seq: r.seq,
    at: new Date(r.at).toISOString(),
    itemId: r.item_id,
    instanceId: r.instance_id,
    from: r.from_state,
    to: r.to_state,
    cause: r.cause,
    actor: r.actor,
  }));
}

/** Cases of an organisation with an item that needs attention (a condition failed, a loop). */
export async function casesNeedingAttention(db: Conn, organisationId: string) {
  const rows = await t(db)
    .selectFrom('case_plan')
    .select(['case_id', 'plan_id', 'plan_version', 'state'])
    .where('organisation_id', '=', organisationId)
    .where('attention', '>', 0)
    .orderBy('updated_at', 'desc')
    .limit(500)
    .execute();
  return rows.map((r) => ({
    caseId: r.case_id,
    planId: r.plan_id,
    planVersion: r.plan_version,
    items: r.state.instances
      .filter((i) => i.attention)
      .map((i) => ({ instanceId: i.id, name: i.name, attention: i.attention })),
  }));
}

/** The plan row of a case, locked for the rest of the transaction when `forUpdate`. */
export async function loadCasePlan(db: Conn, caseId: string, forUpdate = false): Promise<CasePlanRow | null> {
  let q = t(db)
    .selectFrom('case_plan')
    .select(['case_id', 'organisation_id', 'plan_id', 'plan_version', 'state'])
    .where('case_id', '=', caseId);
  if (forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row
    ? {
        caseId: row.case_id,
        organisationId: row.organisation_id,
        planId: row.plan_id,
        planVersion: row.plan_version,
        state: row.state,
      }
    : null;
}

/** The plan row of a case of this organisation, or a 404 (another organisation's case does not exist here). */
export async function requireCasePlan(
  db: Conn,
  caseId: string,
  organisationId: string,
  forUpdate = false,
): Promise<CasePlanRow> {
  const row = await loadCasePlan(db, caseId, forUpdate);
  if (!row || row.organisationId !== organisationId) throw problems.notFound(tx.caseNotFound);
  return row;
}

export interface ApplyOptions {
  now?: Date;
  /** Refuse (404) when the case belongs to another organisation. */
  organisationId?: string;
}

/**
 * Applies one event to a case's plan (or the event a builder makes from the current state). Null when the
 * case has no plan. A PlanEventError (a stale or
 * duplicate request) changes nothing and is thrown for the caller to report.
 */
export async function applyCaseEvent(
  trx: Trx,
  caseId: string,
  eventOrBuilder: PlanEvent | ((state: PlanState) => PlanEvent),
  options: ApplyOptions = {},
): Promise<PlanResult | null> {
  const row = await loadCasePlan(trx, caseId, true);
  if (!row) return null;
  // A builder sees the locked state, e.g. to merge changed case data into the current data.
  const event = typeof eventOrBuilder === 'function' ? eventOrBuilder(row.state) : eventOrBuilder;
  if (options.organisationId && row.organisationId !== options.organisationId)
    throw problems.notFound(tx.caseNotFound);
  const def = await requirePlan(trx, row.organisationId, row.planId, row.planVersion);
  const result = applyEvent(def, row.state, event, { now: options.now ?? new Date() });
  await saveResult(trx, def, row.organisationId, caseId, result, { event });
  if (event.type === 'decision-drafted') await endDeadlines(trx, caseId, 'met', null, ['beslistermijn']);
  return result;
}

/** A runtime refusal as an HTTP problem: the request does not fit the case as it is now. */
export function planEventProblem(err: unknown): unknown {
  if (!(err instanceof PlanEventError)) return err;
  if (err.code === 'unknown-instance') return problems.notFound(tx.instanceNotFound);
  return new Problem(409, err.code, tx.conflict, tx.planEventRefused(err.code));
}
