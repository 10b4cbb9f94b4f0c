import { randomUUID } from 'node:crypto';
import type { Trx } from '../platform/db/transaction.ts';
import { Problem, problems } from '../platform/http/problem.ts';
import { publish } from '../platform/outbox/outbox.ts';
import {
  type EvaluationResult,
  evaluate,
  explainForCitizen,
  explainForProfessional,
  NoValidVersionError,
  RuleEvaluationError,
  RuleInputError,
  type RuleInputs,
  type RuleRegistry,
  type RuleVersion,
  UnknownRuleError,
} from '../rules/index.ts';
import { isAdverse, objectionDeadline } from './outcome.ts';
import { type Decision, getDecision, insertDecision, type Outputs, updateDecision } from './store.ts';
import { type DeviationReason, decisionTexts as t } from './texts.nl.ts';

/** Who acts: a professional (staff id) or Loket itself ('system', for drafts and favourable outcomes). */
export type Actor = string;
export const SYSTEM: Actor = 'system';

export interface DecideRequest {
  ruleId: string;
  /** The case's reference date (YYYY-MM-DD): it chooses the rule version, never "today". */
  referenceDate: string;
  inputs: RuleInputs;
  organisationId: string;
  caseId?: string | null;
  subjectBsn?: string | null;
  actor: Actor;
}

async function emit(trx: Trx, d: Decision, topic: string, extra: Record<string, unknown> = {}) {
  // No personal data in events: who the decision is about stays in the decision.
  await publish(trx, {
    organisationId: d.organisationId,
    topic,
    payload: { decisionId: d.id, caseId: d.caseId, ruleId: d.ruleId, status: d.status, ...extra },
  });
}

/** Missing or ill-typed inputs: a 400 naming every input and where it should come from. */
function inputProblem(err: RuleInputError): Problem {
  return problems.validation(
    err.problems.map((p) => {
      const source = p.expectedSource ? `${p.expectedSource.name} (${p.expectedSource.kind})` : 'onbekend';
      return {
        name: `inputs.${p.input}`,
        code: p.kind === 'missing' ? 'required' : p.kind === 'type' ? 'invalid' : 'unknown',
        reason:
          p.kind === 'missing'
            ? t.inputMissing(p.input, source)
            : p.kind === 'type'
              ? t.inputType(p.input, source, p.expectedType ?? '?')
              : t.inputUnknown(p.input),
      };
    }),
  );
}

function base(req: DecideRequest): Omit<Decision, 'ruleVersionId' | 'contentHash' | 'status'> {
  return {
    id: randomUUID(),
    organisationId: req.organisationId,
    caseId: req.caseId ?? null,
    subjectBsn: req.subjectBsn ?? null,
    ruleId: req.ruleId,
    referenceDate: req.referenceDate,
    inputs: req.inputs,
    ruleOutputs: null,
    outputs: null,
    trace: null,
    explanationCitizen: '',
    explanationProfessional: '',
    adverse: true,
    needsHumanReason: null,
    draftedBy: req.actor,
    deviation: null,
    decidedBy: null,
    approvedBy: null,
    decidedAt: null,
    objectionUntil: null,
    supersedes: null,
    besluitUrl: null,
  };
}

function fromResult(version: RuleVersion, result: EvaluationResult, req: DecideRequest): Decision {
  return {
    ...base(req),
    ruleVersionId: result.ruleVersionId,
    contentHash: result.contentHash,
    ruleOutputs: result.outputs,
    outputs: result.outputs,
    trace: result.trace ?? null,
    explanationCitizen: explainForCitizen(version, result).text,
    explanationProfessional: explainForProfessional(version, result).text,
    adverse: isAdverse(req.ruleId, result.outputs),
    status: 'draft',
  };
}

/**
 * Applies the rule valid on the reference date and stores a draft decision with every input's provenance,
 * the trace and both explanations. Bad inputs are refused (400, every input named). A rule that cannot be
 * applied (no version for the date, a failing step) is stored as `needs_human` with the reason.
 */
export async function decide(trx: Trx, registry: RuleRegistry, req: DecideRequest): Promise<Decision> {
  let decision: Decision;
  try {
    const version = registry.select(req.ruleId, req.referenceDate);
    decision = fromResult(version, evaluate(version, req.inputs, { trace: true }), req);
  } catch (err) {
    if (err instanceof RuleInputError) throw inputProblem(err);
    if (err instanceof UnknownRuleError) throw problems.invalidField('ruleId', 'unknown', err.message);
    if (!(err instanceof NoValidVersionError || err instanceof RuleEvaluationError)) throw err;
    decision = {
      ...base(req),
      ruleVersionId: err instanceof RuleEvaluationError ? err.ruleVersionId : '',
      contentHash: '',
      status: 'needs_human',
      needsHumanReason: t.cannotEvaluate(err.message),
    };
  }
  await insertDecision(trx, decision);
  // The case engine makes a team task of an outcome a person must look at (needs_human, adverse).
  if (decision.status === 'needs_human')
    await emit(trx, decision, 'decision.needs_human', { reason: decision.needsHumanReason });
  else await emit(trx, decision, 'decision.drafted', { adverse: decision.adverse });
  return decision;
}

async function load(trx: Trx, id: string, organisationId: string): Promise<Decision> {
  const d = await getDecision(trx, id, true);
  if (!d || d.organisationId !== organisationId) throw problems.notFound(t.notFound);
  return d;
}

function requireStatus(d: Decision, ...allowed: Decision['status'][]) {
  if (!allowed.includes(d.status)) throw new Problem(409, 'wrong-status', t.wrongStatus(d.status));
}

function makeFinal(d: Decision, decidedBy: Actor, now: Date): Decision {
  return {
    ...d,
    status: 'final',
    decidedBy,
    decidedAt: now.toISOString(),
    objectionUntil: objectionDeadline(now),
  };
}

/** Makes a draft final. An adverse outcome needs a professional: Loket itself may only finalise favourable ones. */
export async function finalize(trx: Trx, id: string, organisationId: string, actor: Actor, now = new Date()) {
  const d = await load(trx, id, organisationId);
  requireStatus(d, 'draft');
  if (d.adverse && actor === SYSTEM) throw new Problem(409, 'needs-human', t.adverseNeedsHuman);
  const final = makeFinal(d, actor, now);
  await updateDecision(trx, final);
  await emit(trx, final, 'decision.final', { by: actor });
  return final;
}

/** Maatwerk: a professional departs from the rule's outcome, with a reason and a written motivation. */
export async function deviate(
  trx: Trx,
  id: string,
  organisationId: string,
  by: Actor,
  input: { reason: string; motivation: string; outputs: Outputs },
): Promise<Decision> {
  const d = await load(trx, id, organisationId);
  requireStatus(d, 'draft', 'needs_human');
  if (by === SYSTEM) throw problems.permissionDenied();
  if (!(input.reason in t.deviationReasons))
    throw problems.invalidField('reason', 'invalid', t.unknownReason);
  if (input.motivation.trim().length < 10)
    throw problems.invalidField('motivation', 'required', t.motivationRequired);
  const allowed = Object.keys(d.ruleOutputs ?? input.outputs);
  const unknown = Object.keys(input.outputs).filter((k) => !allowed.includes(k));
  if (unknown.length > 0)
    throw problems.invalidField(`outputs.${unknown[0]}`, 'unknown', t.inputUnknown(unknown[0]!));
  const next: Decision = {
    ...d,
    status: 'awaiting_approval',
    deviation: {
      by,
      reason: input.reason as DeviationReason,
      motivation: input.motivation.trim(),
      outputs: { ...(d.ruleOutputs ?? {}), ...input.outputs },
      at: new Date().toISOString(),
    },
  };
  await updateDecision(trx, next);
  await emit(trx, next, 'decision.awaiting_approval', { reason: input.reason, deviationBy: by });
  return next;
}

/** The second pair of eyes: another professional approves the deviation, which makes the decision final. */
export async function approve(trx: Trx, id: string, organisationId: string, by: Actor, now = new Date()) {
  const d = await load(trx, id, organisationId);
  requireStatus(d, 'awaiting_approval');
  if (!d.deviation) throw new Problem(409, 'wrong-status', t.wrongStatus(d.status));
  if (by === SYSTEM || by === d.deviation.by) throw new Problem(403, 'four-eyes', t.sameApprover);
  const final: Decision = {
    ...makeFinal(d, d.deviation.by, now),
    outputs: d.deviation.outputs,
    adverse: isAdverse(d.ruleId, d.deviation.outputs),
    approvedBy: by,
  };
  await updateDecision(trx, final);
  await emit(trx, final, 'decision.final', { deviation: true, by });
  return final;
}

/** Equal outcomes, whatever the key order (jsonb does not keep it). */
export function sameOutputs(a: Outputs | null, b: Outputs | null): boolean {
  if (!a || !b) return a === b;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => k in b && a[k] === b[k]);
}

/** What a stored decision would say if some of the facts it read had other values (nothing is written). */
export function reevaluate(
  registry: RuleRegistry,
  d: Decision,
  factOverrides: Record<string, { value: unknown; version: string | number }>,
): { changed: boolean; oldOutputs: Outputs | null; newOutputs: Outputs; result: EvaluationResult } {
  const inputs: RuleInputs = {};
  for (const [name, input] of Object.entries(d.inputs)) {
    const override = input.factId ? factOverrides[input.factId] : undefined;
    inputs[name] = override ? { ...input, value: override.value, factVersion: override.version } : input;
  }
  const version = registry.version(d.ruleVersionId);
  const result = evaluate(version, inputs, { trace: true });
  const changed = !sameOutputs(result.outputs, d.ruleOutputs);
  return { changed, oldOutputs: d.outputs, newOutputs: result.outputs, result };
}
