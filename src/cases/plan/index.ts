/**
 * The case plan runtime: plan definitions (validated, versioned with the zaaktype) and a pure runtime that
 * turns (definition, state, event) into (state, transitions, effects). Persistence, timers, the outbox and
 * the HTTP API wrap around this; see README.md in this folder for the semantics and the storage shape.
 */
export { algemeneTermijnenwet, dueDateFor, holidays, localDate } from './calendar.ts';
export {
  type ConditionCheck,
  type ConditionOutcome,
  checkCondition,
  evaluateCondition,
} from './conditions.ts';
export { REPETITION_LIMIT } from './engine.ts';
export {
  type ConflictPolicy,
  dryRunMigration,
  type MigrationConflict,
  type MigrationDryRun,
  type MigrationOptions,
  type MigrationOutcome,
  type MigrationReport,
  migratePlan,
} from './migration.ts';
export { ADHOC_ID, ROOT_ID } from './model.ts';
export {
  applyEvent,
  openTasks,
  PlanEventError,
  type PlanEventErrorCode,
  type StartOptions,
  startPlan,
} from './runtime.ts';
export { RESERVED_VARIABLES } from './semantics.ts';
export type * from './types.ts';
export {
  InvalidPlanDefinition,
  type PlanValidation,
  parsePlanDefinition,
  planDefinitionSchema,
  requireValidPlan,
  validatePlanDefinition,
} from './validate.ts';
