/**
 * Rules as law: versioned rule definitions, a compiled FEEL engine with traces, and explanations for
 * citizens (B1) and professionals. This is the interface the decisions module calls.
 */
export { evaluate, prepareRuleVersion } from './engine.ts';
export {
  type InputProblem,
  NoValidVersionError,
  RuleDefinitionError,
  RuleEvaluationError,
  RuleInputError,
  RulesError,
  UnknownRuleError,
} from './errors.ts';
export { type Explanation, explainForCitizen, explainForProfessional, formatLegalBasis } from './explain.ts';
export {
  B1_RULES,
  type B1Rules,
  checkB1,
  type ReadabilityIssue,
  type ReadabilityReport,
} from './readability.ts';
export {
  DEFAULT_DEFINITIONS_DIR,
  loadRuleRegistry,
  RuleRegistry,
  readDefinitions,
  type SourcedDefinition,
} from './registry.ts';
export type {
  EvaluationOptions,
  EvaluationResult,
  InputDefinition,
  LawRef,
  LegalBasis,
  OutputDefinition,
  ParameterDefinition,
  PlainValue,
  RuleDefinition,
  RuleInput,
  RuleInputs,
  RuleVersion,
  SourceKind,
  SourceRef,
  StepDefinition,
  StepExecution,
  TemplateBlock,
  TraceParameter,
  TraceStep,
  ValidationIssue,
  ValueType,
} from './types.ts';
export { ruleDefinitionSchema, validateRuleDefinition, validateRuleVersions } from './validate.ts';
