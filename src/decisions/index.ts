/** The decisions module's interface for other modules (facts, case engine, portal, workbench). */
export { decideObjection, fileObjection, type Objection } from './objection.ts';
export { isAdverse } from './outcome.ts';
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
  decisionsOfCase,
  decisionsOfSubject,
  decisionsReadingFact,
  deviationCounts,
  getDecision,
  type Outputs,
} from './store.ts';
