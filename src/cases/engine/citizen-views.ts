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

function milestonesOf(state: PlanState): CitizenMilestone[] {
  return state.instances
    .filter((i) => i.kind === 'milestone')
    .map((i) => ({
      name: i.name,
      reached: i.state === 'completed',
      reachedAt: i.state === 'completed' ? i.updatedAt : null,
    }));
}

/** The plans of these cases, by case id (cases without a plan are left out). */
export async function casePlansOf(db: Conn, caseIds: string[]): Promise<Map<string, CitizenCasePlan>> {
  const out = new Map<string, CitizenCasePlan>();
  if (caseIds.length === 0) return out;
  const rows = await t(db)
    .selectFrom('case_plan as p')
    .leftJoin('case_plan_definition as d', (j) =>
      j
        .onRef('d.organisation_id', '=', 'p.organisation_id')
        .onRef('d.plan_id', '=', 'p.plan_id')
        .onRef('d.version', '=', 'p.plan_version'),
    )
    .select(['p.case_id', 'p.organisation_id', 'p.status', 'p.state', 'd.name'])
    .where('p.case_id', 'in', caseIds)
    .execute();
  for (const r of rows) {
    out.set(r.case_id, {
      caseId: r.case_id,
      organisationId: r.organisation_id,
      name: r.name ?? r.state.planId,
      status: r.status,
      milestones: milestonesOf(r.state),
    });
  }
  return out;
}

/** The terms of these cases (beslistermijn, streeftermijn), by case id. */
export async function deadlinesOfCases(db: Conn, caseIds: string[]): Promise<Map<string, CitizenDeadline[]>> {
  const out = new Map<string, CitizenDeadline[]>();
  if (caseIds.length === 0) return out;
  const rows = await t(db)
    .selectFrom('case_deadline')
    .select(['case_id', 'kind', 'legal', 'due_date', 'status'])
    .where('case_id', 'in', caseIds)
    .execute();
  for (const r of rows) {
    const list = out.get(r.case_id) ?? [];
    list.push({ caseId: r.case_id, kind: r.kind, legal: r.legal, dueDate: r.due_date, status: r.status });
    out.set(r.case_id, list);
  }
  return out;
}

/** The case ids of a person's life event requests, by request id. */
export async function casesOfRequests(db: Conn, requestIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (requestIds.length === 0) return out;
  const rows = await t(db)
    .selectFrom('life_event_case')
    .select(['request_id', 'case_id'])
    .where('request_id', 'in', requestIds)
    .execute();
  for (const r of rows) out.set(r.request_id, [...(out.get(r.request_id) ?? []), r.case_id]);
  return out;
}
