import { type Expression, sql } from 'kysely';
import type { PlanState } from '../plan/index.ts';
import { type Conn, t } from './tables.ts';

/**
 * Read views for the citizen's one door (src/web/portal): several cases at once, in a fixed number of
 * queries whatever the number of cases, so a home page with fifty cases stays fast. Only what a citizen
 * may see: the service, where the plan stands, its milestones and the terms — never staff tasks.
 */

export interface CitizenMilestone {
  name: string;
  reached: boolean;
  /** When it was reached (ISO timestamp), for reached milestones. */
  reachedAt: string | null;
}

export interface CitizenCasePlan {
  caseId: string;
  organisationId: string;
  /** The name of the plan: the service as the citizen knows it. */
  name: string;
  status: PlanState['status'];
  milestones: CitizenMilestone[];
}

export interface CitizenDeadline {
  caseId: string;
  kind: string;
  legal: boolean;
  dueDate: string;
  status: string;
}

/** Case ids: a list, or a subquery that selects them (see zaken's `caseIdsOfSubjectQuery`). */
export type CaseIds = readonly string[] | Expression<{ id: string }>;

/** The service name and status of these cases' plans (for a list of cases), for a caller that composes it. */
export function casePlanNamesQuery(db: Conn, caseIds: CaseIds) {
  return t(db)
    .selectFrom('case_plan as p')
    .leftJoin('case_plan_definition as d', (j) =>
      j
        .onRef('d.organisation_id', '=', 'p.organisation_id')
        .onRef('d.plan_id', '=', 'p.plan_id')
        .onRef('d.version', '=', 'p.plan_version'),
    )
    .select([
      'p.case_id',
      'p.organisation_id',
      'p.status',
      sql<string>`coalesce(d.name, p.state->>'planId')`.as('name'),
    ])
    .where('p.case_id', 'in', caseIds as readonly string[]);
}

/**
 * The plans of these cases with their milestones (not the whole plan state: the milestones are taken
 * out of it in the database), for a caller that composes it into a statement of its own.
 */
export function casePlansQuery(db: Conn, caseIds: CaseIds) {
  return casePlanNamesQuery(db, caseIds).select(
    sql<CitizenMilestone[]>`(select coalesce(json_agg(json_build_object('name', i->>'name',
      'reached', i->>'state' = 'completed',
      'reachedAt', case when i->>'state' = 'completed' then i->>'updatedAt' end) order by n), '[]'::json)
      from jsonb_array_elements(p.state->'instances') with ordinality as m(i, n)
      where i->>'kind' = 'milestone')`.as('milestones'),
  );
}

type PlanRow = {
  case_id: string;
  organisation_id: string;
  status: PlanState['status'];
  name: string;
  milestones: CitizenMilestone[];
};

const toCitizenCasePlan = (r: PlanRow): CitizenCasePlan => ({
  caseId: r.case_id,
  organisationId: r.organisation_id,
  name: r.name,
  status: r.status,
  milestones: r.milestones,
});

/** The plans of these cases, by case id (cases without a plan are left out). */
export async function casePlansOf(db: Conn, caseIds: string[]): Promise<Map<string, CitizenCasePlan>> {
  const out = new Map<string, CitizenCasePlan>();
  if (caseIds.length === 0) return out;
  for (const r of await casePlansQuery(db, caseIds).execute()) out.set(r.case_id, toCitizenCasePlan(r));
  return out;
}

/** The terms of these cases (beslistermijn, streeftermijn), for a caller that composes it. */
export function deadlinesQuery(db: Conn, caseIds: CaseIds) {
  return t(db)
    .selectFrom('case_deadline')
    .select(['case_id', 'kind', 'legal', 'due_date', 'status'])
    .where('case_id', 'in', caseIds as readonly string[]);
}

type DeadlineRow = { case_id: string; kind: string; legal: boolean; due_date: string; status: string };

/** Deadline rows by case id. */
function deadlinesByCase(rows: readonly DeadlineRow[]): Map<string, CitizenDeadline[]> {
  const out = new Map<string, CitizenDeadline[]>();
  for (const r of rows) {
    const list = out.get(r.case_id) ?? [];
    list.push({ caseId: r.case_id, kind: r.kind, legal: r.legal, dueDate: r.due_date, status: r.status });
    out.set(r.case_id, list);
  }
  return out;
}

/** The terms of these cases (beslistermijn, streeftermijn), by case id. */
export async function deadlinesOfCases(db: Conn, caseIds: string[]): Promise<Map<string, CitizenDeadline[]>> {
  if (caseIds.length === 0) return new Map();
  return deadlinesByCase(await deadlinesQuery(db, caseIds).execute());
}
