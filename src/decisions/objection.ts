import { randomUUID } from 'node:crypto';
import type { Db } from '../platform/db/database.ts';
import type { Trx } from '../platform/db/transaction.ts';
import { Problem, problems } from '../platform/http/problem.ts';
import { publish } from '../platform/outbox/outbox.ts';
import type { RuleInputs, RuleRegistry } from '../rules/index.ts';
import { type Actor, decide, finalize, SYSTEM } from './service.ts';
import { type Decision, getDecision, updateDecision } from './store.ts';
import { decisionTexts as t } from './texts.nl.ts';

export interface Objection {
  id: string;
  organisationId: string;
  decisionId: string;
  filedBy: string;
  reason: string;
  status: 'open' | 'upheld' | 'rejected';
  handledBy: string | null;
  motivation: string | null;
  outcomeDecisionId: string | null;
  /** The bezwaar case it is handled in (null until the case engine opened it, or without a BEZWAAR zaaktype). */
  caseId: string | null;
}

function toObjection(r: Record<string, unknown>): Objection {
  return {
    id: r.id as string,
    organisationId: r.organisation_id as string,
    decisionId: r.decision_id as string,
    filedBy: r.filed_by as string,
    reason: r.reason as string,
    status: r.status as Objection['status'],
    handledBy: (r.handled_by as string | null) ?? null,
    motivation: (r.motivation as string | null) ?? null,
    outcomeDecisionId: (r.outcome_decision_id as string | null) ?? null,
    caseId: (r.case_id as string | null) ?? null,
  };
}

/**
 * Bezwaar: the person the decision is about objects within the term. The objection keeps the original
 * decision (with its inputs and trace) attached, and is handled as work of its own.
 */
export async function fileObjection(
  trx: Trx,
  decisionId: string,
  by: { bsn: string },
  reason: string,
  today = new Date().toISOString().slice(0, 10),
): Promise<Objection> {
  const d = await getDecision(trx, decisionId, true);
  if (!d || d.subjectBsn !== by.bsn) throw problems.notFound(t.notFound);
  if (d.status !== 'final') throw new Problem(409, 'wrong-status', t.wrongStatus(d.status));
  if (d.objectionUntil && today > d.objectionUntil)
    throw new Problem(409, 'term-lapsed', t.objectionClosed(d.objectionUntil));
  if (reason.trim().length === 0)
    throw problems.invalidField('reason', 'required', t.objectionReasonRequired);
  const objection: Objection = {
    id: randomUUID(),
    organisationId: d.organisationId,
    decisionId: d.id,
    filedBy: by.bsn,
    reason: reason.trim(),
    status: 'open',
    handledBy: null,
    motivation: null,
    outcomeDecisionId: null,
    caseId: null,
  };
  await trx
    .insertInto('decision_objection')
    .values({
      id: objection.id,
      organisation_id: objection.organisationId,
      decision_id: objection.decisionId,
      filed_by: objection.filedBy,
      reason: objection.reason,
      status: 'open',
    })
    .execute();
  await publish(trx, {
    organisationId: d.organisationId,
    topic: 'decision.objected',
    payload: { decisionId: d.id, caseId: d.caseId, objectionId: objection.id },
  });
  return objection;
}

export async function getObjection(trx: Db | Trx, id: string): Promise<Objection | null> {
  const row = await trx.selectFrom('decision_objection').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toObjection(row) : null;
}

export async function objectionsOf(trx: Db | Trx, decisionId: string): Promise<Objection[]> {
  const rows = await trx
    .selectFrom('decision_objection')
    .selectAll()
    .where('decision_id', '=', decisionId)
    .orderBy('filed_at')
    .execute();
  return rows.map(toObjection);
}

/** Records the bezwaar case an objection is handled in (called by the case engine when it opened it). */
export async function attachObjectionCase(trx: Trx, objectionId: string, caseId: string): Promise<void> {
  await trx
    .updateTable('decision_objection')
    .set({ case_id: caseId })
    .where('id', '=', objectionId)
    .where('case_id', 'is', null)
    .execute();
}

/** The objection with the decision it is about: its inputs with their provenance, its trace, its outcome. */
export async function objectionWithDecision(
  db: Db | Trx,
  objectionId: string,
): Promise<{ objection: Objection; decision: Decision } | null> {
  const objection = await getObjection(db, objectionId);
  const decision = objection ? await getDecision(db, objection.decisionId) : null;
  return objection && decision ? { objection, decision } : null;
}

/**
 * A professional decides on the objection. Upheld: the rule is applied again with the corrected inputs
 * (the person's objection often is a wrong fact), the new decision is final at once (a human decided it)
 * and points at the old one, which becomes superseded. Rejected: the motivation says why.
 */
export async function decideObjection(
  trx: Trx,
  registry: RuleRegistry,
  objectionId: string,
  organisationId: string,
  by: Actor,
  input: { upheld: boolean; motivation: string; correctedInputs?: RuleInputs },
): Promise<{ objection: Objection; decision: Decision | null }> {
  const objection = await getObjection(trx, objectionId);
  if (!objection || objection.organisationId !== organisationId) throw problems.notFound(t.notFound);
  if (objection.status !== 'open') throw new Problem(409, 'wrong-status', t.objectionNotOpen);
  if (by === SYSTEM) throw problems.permissionDenied();
  if (input.motivation.trim().length < 10)
    throw problems.invalidField('motivation', 'required', t.motivationRequired);
  const old = await getDecision(trx, objection.decisionId, true);
  if (!old) throw problems.notFound(t.notFound);

  let outcome: Decision | null = null;
  if (input.upheld) {
    const drafted = await decide(trx, registry, {
      ruleId: old.ruleId,
      referenceDate: old.referenceDate,
      inputs: { ...old.inputs, ...(input.correctedInputs ?? {}) },
      organisationId: old.organisationId,
      // The beslissing op bezwaar belongs to the bezwaar case (its besluit goes there), if there is one.
      caseId: objection.caseId ?? old.caseId,
      subjectBsn: old.subjectBsn,
      actor: by,
    });
    await trx.updateTable('decision').set({ supersedes: old.id }).where('id', '=', drafted.id).execute();
    outcome =
      drafted.status === 'draft' ? await finalize(trx, drafted.id, organisationId, by) : { ...drafted };
    outcome = { ...outcome, supersedes: old.id };
    await updateDecision(trx, { ...old, status: 'superseded' });
  }
  const status = input.upheld ? 'upheld' : 'rejected';
  await trx
    .updateTable('decision_objection')
    .set({
      status,
      handled_by: by,
      motivation: input.motivation.trim(),
      outcome_decision_id: outcome?.id ?? null,
      handled_at: new Date(),
    })
    .where('id', '=', objectionId)
    .execute();
  await publish(trx, {
    organisationId,
    topic: input.upheld ? 'decision.superseded' : 'decision.objection_rejected',
    payload: { decisionId: old.id, caseId: old.caseId, objectionId, newDecisionId: outcome?.id ?? null },
  });
  const handled: Objection = {
    ...objection,
    status,
    handledBy: by,
    motivation: input.motivation.trim(),
    outcomeDecisionId: outcome?.id ?? null,
  };
  return { objection: handled, decision: outcome };
}
