/**
 * Types of the case plan runtime: the plan definition (data, versioned with the zaaktype), the state of one
 * case's plan (JSON, stored as jsonb), the events that drive it and what it hands back (transitions for the
 * history, effects for the persistence layer). Semantics follow CMMN 1.1 as implemented by Flowable, with the
 * deviations written down in README.md.
 */

// ---------------------------------------------------------------------------------------------------------
// Plan definition
// ---------------------------------------------------------------------------------------------------------

/** A deadline relative to the moment an item starts. Working days follow the Algemene termijnenwet. */
export type Duration = { days: number } | { workingDays: number };

export type CitizenTaskKind = 'upload-document' | 'confirm' | 'choose-appointment';

/** Who does a human task: a team, anyone with a role, or the citizen (through the portal). */
export type Assignee =
  | { kind: 'team'; team: string }
  | { kind: 'role'; role: string }
  | {
      kind: 'citizen';
      task: CitizenTaskKind;
      /** upload-document: which document (documenttype omschrijving); completes the task when it arrives. */
      documentType?: string;
      /** choose-appointment: which kind of appointment (e.g. "gesprek trouwambtenaar"). */
      appointmentType?: string;
    };

/** Plan item transitions a sentry can listen to. `occur` is what milestones and timers do. */
export type PlanItemEvent = 'start' | 'complete' | 'terminate' | 'occur';

export interface OnPart {
  item: string;
  event: PlanItemEvent;
}

/**
 * A sentry: satisfied when every `on` event has happened (since the listening instance was created) and the
 * `if` condition (FEEL over case data) is true. Several criteria on one item are alternatives (OR).
 */
export interface Criterion {
  on?: OnPart[];
  if?: string;
}

interface ItemBase {
  id: string;
  /** Dutch, shown to professionals (and for milestones and citizen tasks: to the citizen). */
  name: string;
  description?: string;
  /** Id of the enclosing stage; absent means the case plan itself. */
  stage?: string;
  entry?: Criterion[];
  exit?: Criterion[];
  /** Must be completed or terminated before the enclosing stage can complete. */
  required?: boolean;
  /** Repetition rule: a new instance after each entry (or, without entry criteria, after each completion). */
  repeat?: boolean | { if: string };
}

export interface TaskItem extends ItemBase {
  kind: 'task';
  assignee: Assignee;
  due?: Duration;
  /** Manual activation (CMMN): the professional decides whether this task is needed. */
  optional?: boolean;
}

export interface StageItem extends ItemBase {
  kind: 'stage';
  autoComplete?: boolean;
  optional?: boolean;
}

export interface MilestoneItem extends ItemBase {
  kind: 'milestone';
}

export interface TimerItem extends ItemBase {
  kind: 'timer';
  /** Starts counting when the timer's entry criteria are met (or when its stage starts). */
  after: Duration;
}

export type PlanItem = TaskItem | StageItem | MilestoneItem | TimerItem;
export type PlanItemKind = PlanItem['kind'];

export interface PlanDefinition {
  id: string;
  version: number;
  /** Identificatie of the zaaktype this plan belongs to (ZGW Catalogi). */
  zaaktype: string;
  name: string;
  description?: string;
  /** Team responsible for the case: told when an item needs attention. */
  team: string;
  /** Auto-complete rule of the case plan itself (the outermost stage). */
  autoComplete?: boolean;
  /** Exit criteria of the case plan itself: terminate the whole plan. */
  exit?: Criterion[];
  /**
   * Top-level names of case data the conditions may read. When given, validation rejects conditions that
   * read anything else, so a typo is caught when the plan is published and not when a case silently waits.
   */
  variables?: string[];
  items: PlanItem[];
}

/** One problem in a plan definition: where (JSON Pointer) and why (Dutch, for the functional administrator). */
export interface PlanValidationError {
  path: string;
  reason: string;
}

// ---------------------------------------------------------------------------------------------------------
// Runtime state (one per case; JSON throughout so it can be stored as jsonb)
// ---------------------------------------------------------------------------------------------------------

export type ItemState = 'available' | 'enabled' | 'disabled' | 'active' | 'completed' | 'terminated';

/** Compatible with the processing log's actor. */
export interface Actor {
  kind: 'staff' | 'citizen' | 'system' | 'api-client';
  id: string;
  name?: string;
}

export interface TaskDetails {
  name: string;
  description?: string;
  assignee: Assignee;
  /** Calendar date (Europe/Amsterdam) by the end of which the task should be done. */
  dueDate?: string;
  /** Present for tasks a professional added that are not in the plan. */
  adhoc?: { reason: string; addedBy: Actor };
}

export interface Attention {
  problem: 'condition-failed' | 'loop';
  /** Dutch, for the team. */
  message: string;
  /** Technical detail (the evaluator's error), for the functional administrator. */
  detail?: string;
  expression?: string;
  since: string;
}

export interface ItemInstance {
  /** `${itemId}#${n}`, stable for the life of the case: the key of the task table. */
  id: string;
  itemId: string;
  kind: PlanItemKind;
  name: string;
  /** Instance id of the enclosing stage; null for the case plan itself. */
  parentId: string | null;
  state: ItemState;
  /** Which instance of this item in the case this is: 1 for the first, 2 for the next (repetition or a
   *  new instance of its stage), and so on. */
  repetition: number;
  createdAt: string;
  updatedAt: string;
  /** Sentry memory: the plan item events (`item.event`) this instance has seen since it was created. */
  seen?: string[];
  task?: TaskDetails;
  timer?: { fireAt: string };
  attention?: Attention;
  /** Who completed or terminated it (when a person did). */
  closedBy?: Actor;
}

/** What the runtime itself learns from events, readable in conditions next to the case data. */
export interface PlanFacts {
  documents: { received: number; types: string[] };
  decision: { drafted: boolean; count: number; outcome: string | null };
}

export interface PlanState {
  /** Format of this object, for the persistence layer to upgrade stored states. */
  format: 1;
  caseId?: string;
  planId: string;
  planVersion: number;
  zaaktype: string;
  status: 'active' | 'completed' | 'terminated';
  startedAt: string;
  updatedAt: string;
  endedAt?: string;
  /** The case data the plan last saw (replaced by case-data-changed). */
  data: Record<string, unknown>;
  facts: PlanFacts;
  /** In creation order; an array because jsonb does not keep object key order and order drives evaluation. */
  instances: ItemInstance[];
  /** Number of instances created per item id (ad hoc tasks count under 'adhoc'). */
  counters: Record<string, number>;
  /** Sequence number of the last transition, so history rows sort without relying on timestamps. */
  seq: number;
}

// ---------------------------------------------------------------------------------------------------------
// Events in, transitions and effects out
// ---------------------------------------------------------------------------------------------------------

export type PlanEvent =
  | { type: 'case-data-changed'; data: Record<string, unknown>; actor?: Actor }
  | { type: 'task-completed'; instanceId: string; actor: Actor }
  | { type: 'task-terminated'; instanceId: string; actor: Actor; reason: string }
  | { type: 'document-received'; documentType: string; documentId?: string; actor?: Actor }
  | { type: 'decision-drafted'; outcome?: string; decisionId?: string; actor?: Actor }
  | { type: 'timer-fired'; instanceId: string }
  | { type: 'task-activated'; instanceId: string; actor: Actor; reason: string }
  | {
      type: 'adhoc-task-added';
      name: string;
      description?: string;
      assignee: Assignee;
      dueDate?: string;
      reason: string;
      actor: Actor;
      /** Instance id of an active stage to add it to; the case plan itself when absent. */
      stageInstanceId?: string;
    };

export type TransitionCause =
  | { kind: 'plan-started' }
  | { kind: 'stage-started'; stageInstanceId: string }
  | { kind: 'no-entry-criteria' }
  | { kind: 'entry-criterion'; index: number }
  | { kind: 'exit-criterion'; index: number }
  | { kind: 'repetition'; of: string }
  | { kind: 'required-items-done' }
  | { kind: 'parent-ended'; parentInstanceId: string }
  | { kind: 'document-received'; documentType: string }
  | { kind: 'event'; event: PlanEvent['type']; reason?: string }
  | { kind: 'migration'; fromVersion: number; toVersion: number };

/** One history row. `from` is null when the instance is created. */
export interface Transition {
  seq: number;
  at: string;
  itemId: string;
  instanceId: string;
  from: ItemState | null;
  to: ItemState;
  cause: TransitionCause;
  actor?: Actor;
}

export type PlanEffect =
  | {
      type: 'task-created';
      instanceId: string;
      itemId: string;
      task: TaskDetails;
      stageInstanceId: string | null;
      repetition: number;
    }
  | { type: 'item-enabled'; instanceId: string; itemId: string; kind: 'task' | 'stage'; name: string }
  | {
      type: 'task-closed';
      instanceId: string;
      itemId: string;
      outcome: 'completed' | 'terminated' | 'disabled';
      actor?: Actor;
      reason?: string;
    }
  | { type: 'milestone-reached'; instanceId: string; itemId: string; name: string }
  | { type: 'stage-completed'; instanceId: string; itemId: string; name: string }
  | { type: 'timer-scheduled'; instanceId: string; itemId: string; fireAt: string }
  | { type: 'timer-cancelled'; instanceId: string; itemId: string }
  | { type: 'item-needs-attention'; instanceId: string; itemId: string; team: string; attention: Attention }
  | { type: 'attention-cleared'; instanceId: string; itemId: string }
  | { type: 'plan-completed'; outcome: 'completed' | 'terminated' };

export interface PlanResult {
  state: PlanState;
  transitions: Transition[];
  effects: PlanEffect[];
}

/** Decides which calendar days count as working days (default: Algemene termijnenwet). */
export interface WorkingDayCalendar {
  isWorkingDay(isoDate: string): boolean;
}

export interface RuntimeContext {
  now: Date | string;
  calendar?: WorkingDayCalendar;
}
