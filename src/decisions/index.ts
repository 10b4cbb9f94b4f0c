/** The decisions module's interface for other modules (facts, case engine, portal, workbench). */
export {
  attachObjectionCase,
  decideObjection,
  fileObjection,
  getObjection,
  type Objection,
  objectionWithDecision,
} from './objection.ts';
export { isAdverse } from './outcome.ts';
export { returnDeviation } from './return.ts';
export {
  type Actor,
  approve,
  type DecideRequest,
  decide,
  deviate,
  finalize,
  reevaluate,
  SYSTEM,
} from './service.ts';
export {
  type Decision,
  type DecisionStatus,
  type DecisionSummary,
  decisionSummariesOfSubjectQuery,
  decisionsOfCase,
  decisionsOfSubject,
  decisionsReadingFact,
  deviationCounts,
  getDecision,
  type Outputs,
  toDecisionSummary,
} from './store.ts';
export { supersede } from './supersede.ts';
