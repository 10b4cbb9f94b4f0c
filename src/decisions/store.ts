import { sql } from 'kysely';
import type { Db } from '../platform/db/database.ts';
import type { Trx } from '../platform/db/transaction.ts';
import type { PlainValue, RuleInputs, TraceStep } from '../rules/index.ts';
import type { DeviationReason } from './texts.nl.ts';

export type DecisionStatus = 'draft' | 'needs_human' | 'awaiting_approval' | 'final' | 'superseded';
export type Outputs = Record<string, PlainValue>;

export interface Deviation {
  by: string;
  reason: DeviationReason;
  motivation: string;
  outputs: Outputs;
  at: string;
}

/** A decision as stored: what was decided, on which rule version and facts, by whom, and where it stands. */
export interface Decision {
  id: string;
  organisationId: string;
  caseId: string | null;
  subjectBsn: string | null;
  ruleId: string;
  ruleVersionId: string;
  contentHash: string;
  referenceDate: string;
  inputs: RuleInputs;
  /** The rule's own outcome (null when it could not be evaluated). */
  ruleOutputs: Outputs | null;
  /** The outcome that counts: the rule's, or the approved deviation's. */
  outputs: Outputs | null;
  trace: TraceStep[] | null;
  explanationCitizen: string;
  explanationProfessional: string;
  adverse: boolean;
  status: DecisionStatus;
  needsHumanReason: string | null;
  draftedBy: string;
  deviation: Deviation | null;
  decidedBy: string | null;
  approvedBy: string | null;
  decidedAt: string | null;
  objectionUntil: string | null;
  supersedes: string | null;
  besluitUrl: string | null;
}

type Row = Record<string, unknown>;
const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : v === null ? null : String(v));

export function toDecision(r: Row): Decision {
  return {
    id: r.id as string,
    organisationId: r.organisation_id as string,
    caseId: (r.case_id as string | null) ?? null,
    subjectBsn: (r.subject_bsn as string | null) ?? null,
    ruleId: r.rule_id as string,
    ruleVersionId: r.rule_version_id as string,
    contentHash: r.content_hash as string,
    referenceDate: r.reference_date as string,
    inputs: r.inputs as RuleInputs,
    ruleOutputs: (r.rule_outputs as Outputs | null) ?? null,
    outputs: (r.outputs as Outputs | null) ?? null,
    trace: (r.trace as TraceStep[] | null) ?? null,
    explanationCitizen: r.explanation_citizen as string,
    explanationProfessional: r.explanation_professional as string,
    adverse: r.adverse as boolean,
    status: r.status as DecisionStatus,
    needsHumanReason: (r.needs_human_reason as string | null) ?? null,
    draftedBy: r.drafted_by as string,
    deviation: (r.deviation as Deviation | null) ?? null,
    decidedBy: (r.decided_by as string | null) ?? null,
    approvedBy: (r.approved_by as string | null) ?? null,
    decidedAt: iso(r.decided_at),
    objectionUntil: (r.objection_until as string | null) ?? null,
    supersedes: (r.supersedes as string | null) ?? null,
    besluitUrl: (r.besluit_url as string | null) ?? null,
  };
}

const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));

export async function insertDecision(trx: Trx, d: Decision): Promise<void> {
  await trx
    .insertInto('decision')
    .values({
      id: d.id,
      organisation_id: d.organisationId,
      case_id: d.caseId,
      subject_bsn: d.subjectBsn,
      rule_id: d.ruleId,
      rule_version_id: d.ruleVersionId,
      content_hash: d.contentHash,
      reference_date: d.referenceDate,
      inputs: json(d.inputs),
      rule_outputs: json(d.ruleOutputs),
      outputs: json(d.outputs),
      trace: json(d.trace),
      explanation_citizen: d.explanationCitizen,
      explanation_professional: d.explanationProfessional,
      adverse: d.adverse,
      status: d.status,
      needs_human_reason: d.needsHumanReason,
      drafted_by: d.draftedBy,
      deviation: json(d.deviation),
      decided_by: d.decidedBy,
      approved_by: d.approvedBy,
      decided_at: d.decidedAt,
      objection_until: d.objectionUntil,
      supersedes: d.supersedes,
      besluit_url: d.besluitUrl,
    })
    .execute();
  const reads = Object.entries(d.inputs)
    .filter(([, input]) => input.factId !== undefined)
    .map(([name, input]) => ({
      fact_id: input.factId as string,
      fact_version: String(input.factVersion ?? ''),
      decision_id: d.id,
      input: name,
    }));
  if (reads.length > 0) await trx.insertInto('decision_fact_read').values(reads).execute();
}

/** Writes the changed fields of a decision (status, outcome, people, dates). */
export async function updateDecision(trx: Trx, d: Decision): Promise<void> {
  await trx
    .updateTable('decision')
    .set({
      outputs: json(d.outputs),
      status: d.status,
      needs_human_reason: d.needsHumanReason,
      deviation: json(d.deviation),
      decided_by: d.decidedBy,
      approved_by: d.approvedBy,
      decided_at: d.decidedAt,
      objection_until: d.objectionUntil,
      besluit_url: d.besluitUrl,
      updated_at: new Date(),
    })
    .where('id', '=', d.id)
    .execute();
}

export async function getDecision(db: Db | Trx, id: string, forUpdate = false): Promise<Decision | null> {
  let q = db.selectFrom('decision').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row ? toDecision(row) : null;
}

export async function decisionsOfCase(
  db: Db | Trx,
  organisationId: string,
  caseId: string,
): Promise<Decision[]> {
  const rows = await db
    .selectFrom('decision')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('case_id', '=', caseId)
    .orderBy('created_at')
    .execute();
  return rows.map(toDecision);
}

export async function decisionsOfSubject(db: Db | Trx, bsn: string): Promise<Decision[]> {
  const rows = await db
    .selectFrom('decision')
    .selectAll()
    .where('subject_bsn', '=', bsn)
    .where('status', 'in', ['final', 'superseded'])
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map(toDecision);
}

/** What a list of a person's decisions shows (the portal's messages), without inputs, trace or outcome. */
export interface DecisionSummary {
  id: string;
  organisationId: string;
  caseId: string | null;
  ruleId: string;
  /** The rule version it was decided with (`rule@validFrom`): its title names what the decision is about. */
  ruleVersionId: string;
  /** ISO timestamp. */
  decidedAt: string | null;
}

/**
 * A person's final (and superseded) decisions, newest first, as summaries — for a caller that composes
 * it into a statement of its own; `toDecisionSummary` reads its rows (from pg or as JSON).
 */
export function decisionSummariesOfSubjectQuery(db: Db | Trx, bsn: string) {
  return db
    .selectFrom('decision')
    .select(['id', 'organisation_id', 'case_id', 'rule_id', 'rule_version_id', 'decided_at'])
    .where('subject_bsn', '=', bsn)
    .where('status', 'in', ['final', 'superseded'])
    .orderBy('created_at', 'desc');
}

export function toDecisionSummary(r: Row): DecisionSummary {
  return {
    id: r.id as string,
    organisationId: r.organisation_id as string,
    caseId: (r.case_id as string | null) ?? null,
    ruleId: r.rule_id as string,
    ruleVersionId: r.rule_version_id as string,
    decidedAt: r.decided_at == null ? null : new Date(r.decided_at as string | Date).toISOString(),
  };
}

/**
 * The ids of decisions that read fact `factId` at `version`, in id order, a page at a time (keyset:
 * pass the last id of the previous page as `afterId`). Served by the primary key of decision_fact_read.
 */
export async function decisionsReadingFact(
  db: Db | Trx,
  factId: string,
  version: string | number,
  page: { afterId?: string; limit?: number } = {},
): Promise<string[]> {
  let q = db
    .selectFrom('decision_fact_read')
    .select('decision_id')
    .distinct()
    .where('fact_id', '=', factId)
    .where('fact_version', '=', String(version));
  if (page.afterId) q = q.where('decision_id', '>', page.afterId);
  const rows = await q
    .orderBy('decision_id')
    .limit(page.limit ?? 1000)
    .execute();
  return rows.map((r) => r.decision_id as string);
}

/** How often professionals deviated, per rule and reason (for the learning view). */
export async function deviationCounts(
  db: Db | Trx,
  organisationId: string,
): Promise<{ ruleId: string; reason: string; count: number }[]> {
  const rows = await db
    .selectFrom('decision')
    .select(['rule_id', sql<string>`deviation->>'reason'`.as('reason'), sql<number>`count(*)`.as('n')])
    .where('organisation_id', '=', organisationId)
    .where('deviation', 'is not', null)
    .groupBy(['rule_id', sql`deviation->>'reason'`])
    .orderBy('rule_id')
    .execute();
  return rows.map((r) => ({ ruleId: r.rule_id as string, reason: r.reason as string, count: Number(r.n) }));
}
