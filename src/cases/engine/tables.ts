import type { ColumnType, Generated, Kysely } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { Trx } from '../../platform/db/transaction.ts';
import type { Actor, PlanDefinition, PlanState } from '../plan/index.ts';

/** jsonb: parsed on the way out, a JSON string on the way in. */
type Json<T> = ColumnType<T, string, string>;
type JsonOrNull<T> = ColumnType<T | null, string | null | undefined, string | null>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;

export interface CaseTables {
  case_plan_definition: {
    organisation_id: string;
    plan_id: string;
    version: number;
    zaaktype: string;
    zaaktype_id: string | null;
    name: string;
    definition: Json<PlanDefinition>;
    source: string;
    published_at: ColumnType<Date, Date | undefined, never>;
    published_by: Json<Actor>;
  };
  case_plan: {
    case_id: string;
    organisation_id: string;
    plan_id: string;
    plan_version: number;
    status: PlanState['status'];
    attention: number;
    state: Json<PlanState>;
    started_at: Timestamp;
    updated_at: Timestamp;
  };
  case_plan_history: {
    case_id: string;
    seq: number;
    organisation_id: string;
    at: Timestamp;
    item_id: string;
    instance_id: string;
    from_state: string | null;
    to_state: string;
    cause: Json<unknown>;
    actor: JsonOrNull<Actor>;
  };
  case_task: {
    case_id: string;
    instance_id: string;
    organisation_id: string;
    item_id: string;
    name: string;
    description: string | null;
    assignee_kind: 'team' | 'role' | 'citizen';
    assignee: string;
    citizen_task: string | null;
    document_type: string | null;
    appointment_type: string | null;
    due_date: string | null;
    state: 'enabled' | 'active' | 'completed' | 'terminated' | 'disabled';
    adhoc: JsonOrNull<{ reason: string; addedBy: Actor }>;
    activated: JsonOrNull<{ reason: string; by: Actor }>;
    closed_by: JsonOrNull<Actor>;
    closed_reason: string | null;
    outcome: JsonOrNull<Record<string, unknown>>;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
  case_decision_task: {
    case_id: string;
    decision_id: string;
    kind: 'review' | 'approve';
    instance_id: string;
    organisation_id: string;
  };
  case_deadline: {
    case_id: string;
    kind: string;
    organisation_id: string;
    term: string;
    legal: boolean;
    started_on: string;
    due_date: string;
    original_due_date: string;
    warn_days: number;
    status: 'running' | 'suspended' | 'met' | 'lapsed' | 'stopped';
    suspended_on: string | null;
    warned_at: Timestamp | null;
    lapsed_at: Timestamp | null;
    ended_at: Timestamp | null;
  };
  case_deadline_change: {
    id: Generated<number>;
    case_id: string;
    kind: string;
    organisation_id: string;
    at: ColumnType<Date, Date | string | undefined, never>;
    change: 'started' | 'suspended' | 'resumed' | 'extended' | 'warned' | 'lapsed' | 'met' | 'stopped';
    reason: string | null;
    actor: JsonOrNull<Actor>;
    due_before: string | null;
    due_after: string | null;
  };
  case_notice: {
    id: string;
    case_id: string;
    organisation_id: string;
    kind: string;
    subject: string;
    body: string;
    reason: string;
    expected_date: string | null;
    contact: Json<NoticeContact>;
    created_at: ColumnType<Date, Date | string | undefined, never>;
  };
  life_event: {
    id: string;
    organisation_id: ColumnType<string, string | undefined, string>;
    name: string;
    description: string;
    services: Json<LifeEventService[]>;
    questions: Json<LifeEventQuestion[]>;
  };
  life_event_request: {
    id: string;
    organisation_id: ColumnType<string, string | undefined, string>;
    life_event_id: string;
    subject_bsn: string;
    created_at: ColumnType<Date, Date | string | undefined, never>;
  };
  life_event_case: {
    request_id: string;
    case_id: string;
    organisation_id: string;
    service_key: string;
    shared: Json<string[]>;
  };
}

export interface NoticeContact {
  organisation: string;
  phone: string | null;
  openingHours: string | null;
  website: string | null;
}

/** A question of a life event's one form; its answer goes to every service that lists it in `data`. */
export interface LifeEventQuestion {
  key: string;
  /** Dutch, for the citizen. */
  label: string;
  type: 'text' | 'date' | 'boolean' | 'number' | 'bsn';
  required: boolean;
}

/** One service (dienst) of one organisation that a life event starts. */
export interface LifeEventService {
  key: string;
  organisationId: string;
  /** Identificatie of the zaaktype that delivers the service. */
  zaaktype: string;
  /**
   * Where the answers go in this service's case data: `{ 'partners.buitenlandseGeboorte': 'geborenBuitenland' }`
   * (case data path → question key). The data is passed once; each organisation receives only its part.
   */
  data: Record<string, string>;
  /** Fixed case data for this service (e.g. `{ inwoning: false }`). */
  fixed?: Record<string, unknown>;
  /** Dutch: why this organisation is involved, shown in the combined progress. */
  why: string;
}

export type Conn = Db | Trx;

/** The shared handle narrowed to the case engine's tables. */
export function t(db: Conn): Kysely<CaseTables> {
  return db as unknown as Kysely<CaseTables>;
}

export const json = (value: unknown): string => JSON.stringify(value);
export const jsonOrNull = (value: unknown): string | null =>
  value === undefined || value === null ? null : JSON.stringify(value);
