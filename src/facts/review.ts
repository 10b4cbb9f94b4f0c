import { type Decision, decide, finalize, getDecision, supersede } from '../decisions/index.ts';
import type { Db } from '../platform/db/database.ts';
import type { Trx } from '../platform/db/transaction.ts';
import { Problem, problems } from '../platform/http/problem.ts';
import { publish } from '../platform/outbox/outbox.ts';
import { recordProcessing } from '../processing-log/index.ts';
import type { RuleInputs, RuleRegistry } from '../rules/index.ts';
import { getCorrection } from './propagation.ts';
import { type Fact, getFact } from './store.ts';
import { reviewTexts as t } from './texts-review.nl.ts';

/** One input of the decision, before and after the correction; `changed` marks the corrected fact. */
export interface ReviewInput {
  name: string;
  oldValue: unknown;
  newValue: unknown;
  source: string;
  changed: boolean;
}

/** Everything the review page shows: the decision, the correction, and old and new side by side. */
export interface ReviewDetail {
  id: string;
  status: 'open' | 'done';
  decision: Decision;
  correction: { reason: string; attribute: string; owner: string; toVersion: number; createdAt: Date };
  oldOutputs: Record<string, unknown> | null;
  newOutputs: Record<string, unknown> | null;
  inputs: ReviewInput[];
  resolution: 'accepted' | 'kept' | null;
  motivation: string | null;
  resolvedBy: string | null;
  newDecisionId: string | null;
}

const LEGAL_BASIS = 'Awb art. 4:6 en 6:19 (heroverweging na correctie van een gegeven)';

async function load(db: Db | Trx, id: string, organisationId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  return db
    .selectFrom('review_task')
    .selectAll()
    .where('id', '=', id)
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
}

/**
 * A review task of the staff member's own organisation with old and new outcome and every input before and
 * after the correction. Reading it reads the person's decision: logged as processing.
 */
export async function reviewDetail(
  trx: Trx,
  id: string,
  organisationId: string,
  staffId: string,
): Promise<ReviewDetail> {
  const row = await load(trx, id, organisationId);
  if (!row) throw problems.notFound(t.notFound);
  const decision = (await getDecision(trx, row.decision_id)) as Decision;
  const correction = (await getCorrection(trx, row.correction_id))!;
  const next = (await getFact(trx, correction.factId, correction.toVersion)) as Fact;
  const owner = await trx
    .selectFrom('organisation')
    .select('name')
    .where('id', '=', next.organisationId)
    .executeTakeFirst();
  if (decision.subjectBsn)
    await recordProcessing(trx, {
      organisationId,
      operation: 'read',
      actor: { kind: 'staff', id: staffId },
      subject: { kind: 'bsn', id: decision.subjectBsn },
      dataCategories: ['beslissing', 'financiële gegevens'],
      purpose: t.purpose,
      legalBasis: LEGAL_BASIS,
      processingActivity: 'correctie-beoordelen',
    });
  const inputs = Object.entries(decision.inputs).map(([name, input]): ReviewInput => {
    const changed =
      input.factId === correction.factId && String(input.factVersion) === String(correction.fromVersion);
    return {
      name,
      oldValue: input.value,
      newValue: changed ? next.value : input.value,
      source: input.source.name,
      changed,
    };
  });
  return {
    id: row.id,
    status: row.status,
    decision,
    correction: {
      reason: correction.reason,
      attribute: next.attribute,
      owner: (owner?.name as string) ?? next.organisationId,
      toVersion: correction.toVersion,
      createdAt: row.created_at,
    },
    oldOutputs: row.old_outputs,
    newOutputs: row.new_outputs,
    inputs,
    resolution: row.resolution ?? null,
    motivation: row.motivation ?? null,
    resolvedBy: row.resolved_by ?? null,
    newDecisionId: row.new_decision_id ?? null,
  };
}

/**
 * The professional decides: accept the new outcome (a new decision with the corrected fact, final at once
 * because a human took it, superseding the old one) or keep the old outcome, with a motivation.
 */
export async function resolveReview(
  trx: Trx,
  registry: RuleRegistry,
  input: { id: string; organisationId: string; by: string; choice: string; motivation?: string },
): Promise<{ resolution: 'accepted' | 'kept'; newDecisionId: string | null }> {
  const detail = await reviewDetail(trx, input.id, input.organisationId, input.by);
  if (detail.status !== 'open') throw new Problem(409, 'wrong-status', t.alreadyDone);
  const motivation = input.motivation?.trim() ?? '';
  if (input.choice !== 'accept' && input.choice !== 'keep')
    throw problems.invalidField('choice', 'required', t.choiceRequired);
  if (input.choice === 'keep' && motivation.length < 10)
    throw problems.invalidField('motivation', 'required', t.motivationRequired);
  let newDecisionId: string | null = null;
  if (input.choice === 'accept') {
    if (detail.newOutputs === null) throw problems.invalidField('choice', 'invalid', t.noNewOutcome);
    const old = detail.decision;
    const inputs: RuleInputs = {};
    for (const i of detail.inputs) {
      const before = old.inputs[i.name]!;
      inputs[i.name] = i.changed
        ? { ...before, value: i.newValue, factVersion: detail.correction.toVersion }
        : before;
    }
    const drafted = await decide(trx, registry, {
      ruleId: old.ruleId,
      referenceDate: old.referenceDate,
      inputs,
      organisationId: old.organisationId,
      caseId: old.caseId,
      subjectBsn: old.subjectBsn,
      actor: input.by,
    });
    const final =
      drafted.status === 'draft' ? await finalize(trx, drafted.id, old.organisationId, input.by) : drafted;
    await supersede(trx, old.id, final.id, old.organisationId);
    newDecisionId = final.id;
  }
  const resolution = input.choice === 'accept' ? 'accepted' : 'kept';
  await trx
    .updateTable('review_task')
    .set({
      status: 'done',
      resolution,
      motivation: motivation || null,
      resolved_by: input.by,
      resolved_at: new Date(),
      new_decision_id: newDecisionId,
    })
    .where('id', '=', input.id)
    .execute();
  if (detail.decision.subjectBsn)
    await recordProcessing(trx, {
      organisationId: input.organisationId,
      operation: 'write',
      actor: { kind: 'staff', id: input.by },
      subject: { kind: 'bsn', id: detail.decision.subjectBsn },
      dataCategories: ['beslissing'],
      purpose: t.purpose,
      legalBasis: LEGAL_BASIS,
      processingActivity: 'correctie-beoordelen',
    });
  await publish(trx, {
    organisationId: input.organisationId,
    topic: 'review.resolved',
    payload: { reviewTaskId: input.id, decisionId: detail.decision.id, resolution, newDecisionId },
  });
  return { resolution, newDecisionId };
}
