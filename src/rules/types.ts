/**
 * Types of the rules engine. A rule definition is data (one YAML document per law or regulation per
 * valid-from date); a rule version is a validated, compiled definition; an evaluation reads inputs that
 * carry their provenance and returns outputs plus, when asked, a trace that explains every step.
 */

/** Types a rule input, parameter, step or output can have. Money is an amount in euros. */
export type ValueType = 'number' | 'boolean' | 'string' | 'date' | 'money';

/** Where a fact comes from. */
export type SourceKind = 'base-registry' | 'organisation' | 'applicant' | 'case';

export interface SourceRef {
  kind: SourceKind;
  /** The registry or organisation, e.g. "BRP" or "Dienst Toeslagen". */
  name: string;
}

/**
 * What a value or step rests on. `statute` and `regulation` point at an article; `policy` is a written
 * policy rule of the organisation; `practice` marks a published practice for which no legal basis was
 * found (it must say so in `note`, so nobody mistakes it for law).
 */
export type LegalBasisKind = 'statute' | 'regulation' | 'policy' | 'practice';

export interface LegalBasis {
  law: string;
  article?: string;
  paragraph?: string;
  url?: string;
  kind?: LegalBasisKind;
  note?: string;
}

export interface LawRef {
  name: string;
  bwbId: string;
  url: string;
}

export interface InputDefinition {
  name: string;
  type: ValueType;
  unit?: string;
  description: string;
  source: SourceRef;
  legalBasis: LegalBasis;
  /** Allowed values of a string input. */
  values?: string[];
  /**
   * FEEL condition over other inputs and parameters. Absent: the input is always required. Present: the
   * input is required when the condition is true and may be left out otherwise (it is then null).
   */
  requiredWhen?: string;
}

export interface ParameterDefinition {
  name: string;
  type: ValueType;
  value: number | boolean | string;
  unit?: string;
  description: string;
  legalBasis: LegalBasis;
  /** Where the value was published, e.g. "Stcrt. 2024, 38887". */
  publication?: string;
}

export interface StepDefinition {
  name: string;
  /** What the step means, for the professional (Dutch). */
  description: string;
  /** FEEL expression; may reference inputs, parameters and earlier steps. */
  expression: string;
  legalBasis: LegalBasis;
  /** Declared type; when present the engine checks the value. */
  type?: ValueType;
}

export interface OutputDefinition {
  /** Name of the step whose value is the output. */
  name: string;
  type: ValueType;
  description: string;
  legalBasis: LegalBasis;
  nullable?: boolean;
}

/** One block of an explanation; included when `when` (FEEL) is true or absent. */
export interface TemplateBlock {
  when?: string;
  /** Text with placeholders `{{name}}` or `{{name|format}}`; formats: see explain.ts. */
  text: string;
}

export interface ExplanationTemplates {
  /** Text for the citizen, Dutch at B1 level. */
  citizen: TemplateBlock[];
  /** Summary for the professional, placed above the generated step-by-step account. */
  professional?: TemplateBlock[];
}

export interface RuleDefinition {
  id: string;
  title: string;
  description?: string;
  law: LawRef;
  /** First day the version applies (ISO date). */
  validFrom: string;
  /** Last day the version applies (ISO date, inclusive). Absent: until the next version starts. */
  validUntil?: string;
  inputs: InputDefinition[];
  parameters: ParameterDefinition[];
  steps: StepDefinition[];
  outputs: OutputDefinition[];
  explanation: ExplanationTemplates;
}

/** How a step is executed: fully compiled, compiled with some sub-expressions interpreted, or interpreted. */
export type StepExecution = 'compiled' | 'partial' | 'interpreted';

/** A validated and compiled rule definition: what `select` returns and `evaluate` runs. */
export interface RuleVersion {
  /** `${ruleId}@${validFrom}` — what a decision stores as "the rule version it used". */
  readonly id: string;
  readonly ruleId: string;
  readonly validFrom: string;
  /** Last day this version applies; null when open-ended. */
  readonly validUntil: string | null;
  /** SHA-256 of the canonical definition, so a stored decision can prove which text it ran. */
  readonly contentHash: string;
  readonly definition: Readonly<RuleDefinition>;
  readonly execution: Readonly<Record<string, StepExecution>>;
}

/** A fact handed to a rule, with where it came from, so a decision can record what it read. */
export interface RuleInput<T = unknown> {
  value: T;
  source: SourceRef;
  factId?: string;
  factVersion?: string | number;
}

export type RuleInputs = Record<string, RuleInput>;

/** A value as it appears in outputs and traces: dates become ISO strings. */
export type PlainValue = number | boolean | string | null;

export interface TraceParameter {
  name: string;
  value: PlainValue;
  unit?: string;
  legalBasis: LegalBasis;
}

export interface TraceStep {
  step: string;
  description: string;
  expression: string;
  value: PlainValue;
  legalBasis: LegalBasis;
  /** Parameters the expression uses, with their values. */
  parameters: readonly TraceParameter[];
  /** Inputs the expression reads directly (values: `EvaluationResult.inputs`). */
  inputs: readonly string[];
  /** Earlier steps the expression reads. */
  steps: readonly string[];
  isOutput: boolean;
}

export interface EvaluationOptions {
  /** Record every step (needed for explanations). */
  trace?: boolean;
  /** `interpreted` runs every step through feelin's interpreter (slow; for checking and debugging). */
  engine?: 'compiled' | 'interpreted';
}

export interface EvaluationResult {
  ruleVersionId: string;
  ruleId: string;
  validFrom: string;
  contentHash: string;
  outputs: Record<string, PlainValue>;
  /** The inputs as provided, in the provenance shape, so a decision can store which facts it read. */
  inputs: RuleInputs;
  /** Inputs whose source differs from the source the rule expects (not an error; worth a look). */
  sourceDeviations: { input: string; expected: SourceRef; actual: SourceRef }[];
  trace?: TraceStep[];
  engine: 'compiled' | 'interpreted';
}

/** A problem in a rule definition: where (path) and why. */
export interface ValidationIssue {
  file?: string;
  path: string;
  message: string;
}
