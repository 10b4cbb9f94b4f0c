import type { SourceRef, ValidationIssue, ValueType } from './types.ts';

/** Base class, so callers can catch every rules error at once. */
export class RulesError extends Error {
  override name = 'RulesError';
}

/** A rule definition (or a set of versions) is invalid; lists every issue, not just the first. */
export class RuleDefinitionError extends RulesError {
  override name = 'RuleDefinitionError';
  constructor(readonly issues: ValidationIssue[]) {
    super(
      `Invalid rule definition (${issues.length} issue${issues.length === 1 ? '' : 's'}):\n` +
        issues.map((i) => `- ${i.file ? `${i.file} ` : ''}${i.path}: ${i.message}`).join('\n'),
    );
  }
}

export class UnknownRuleError extends RulesError {
  override name = 'UnknownRuleError';
  constructor(readonly ruleId: string) {
    super(`Unknown rule "${ruleId}"`);
  }
}

/** No version of the rule applies on the case's reference date. */
export class NoValidVersionError extends RulesError {
  override name = 'NoValidVersionError';
  constructor(
    readonly ruleId: string,
    readonly referenceDate: string,
    readonly available: { validFrom: string; validUntil: string | null }[],
  ) {
    super(
      `Rule "${ruleId}" has no version valid on ${referenceDate}; versions: ` +
        (available.map((v) => `${v.validFrom} to ${v.validUntil ?? 'open'}`).join(', ') || 'none'),
    );
  }
}

export interface InputProblem {
  input: string;
  kind: 'missing' | 'type' | 'unknown';
  message: string;
  expectedType?: ValueType;
  expectedSource?: SourceRef;
}

/** Inputs are missing, ill-typed or unknown. Never silently defaulted: every problem is named. */
export class RuleInputError extends RulesError {
  override name = 'RuleInputError';
  constructor(
    readonly ruleVersionId: string,
    readonly problems: InputProblem[],
  ) {
    super(`Cannot evaluate ${ruleVersionId}:\n${problems.map((p) => `- ${p.message}`).join('\n')}`);
  }
}

/** A step failed or produced a value the definition does not allow. */
export class RuleEvaluationError extends RulesError {
  override name = 'RuleEvaluationError';
  constructor(
    readonly ruleVersionId: string,
    readonly step: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${ruleVersionId}, step "${step}": ${message}`, options);
  }
}
