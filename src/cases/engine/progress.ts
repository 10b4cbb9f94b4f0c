import { sql } from 'kysely';
import { problems } from '../../platform/http/problem.ts';
import { getOrganisation } from '../../platform/organisations.ts';
import type { PlanState } from '../plan/index.ts';
import { deadlinesOf } from './deadline-views.ts';
import { type Conn, t } from './tables.ts';
import { citizenTasksOf } from './tasks.ts';
import { caseTexts as tx } from './texts.nl.ts';

/**
 * One combined progress view of a life event request: per organisation the service, where it stands and the
 * milestones reached. The citizen sees everything of their own request, including what they still have to
 * do; a professional of a taking-part organisation sees their own case in full and of the other
 * organisations' cases only what the request shares (service, status, milestones).
 */

export type Viewer = { kind: 'citizen'; bsn: string } | { kind: 'staff'; organisationId: string };

export interface ServiceProgress {
  serviceKey: string;
  organisation: { id: string; name: string };
  dienst: string;
  why: string;
  status: 'busy' | 'waiting-for-you' | 'done' | 'stopped';
  statusText: string;
  milestones: { name: string; reachedAt: string }[];
  /** Only for the citizen and the case's own organisation. */
  caseId?: string;
  openTasks?: { instanceId: string; name: string; dueDate: string | null }[];
  deadline?: { dueDate: string; status: string } | null;
}

export interface LifeEventProgress {
  requestId: string;
  lifeEvent: { id: string; name: string };
  requestedAt: Date;
  services: ServiceProgress[];
  done: number;
  total: number;
}

function milestones(state: PlanState) {
  return state.instances
    .filter((i) => i.kind === 'milestone' && i.state === 'completed')
    .map((i) => ({ name: i.name, reachedAt: i.updatedAt }));
}

export async function lifeEventProgress(
  db: Conn,
  requestId: string,
  viewer: Viewer,
): Promise<LifeEventProgress> {
  const request = await t(db)
    .selectFrom('life_event_request as r')
    .innerJoin('life_event as e', 'e.id', 'r.life_event_id')
    .select(['r.id', 'r.subject_bsn', 'r.created_at', 'e.id as event_id', 'e.name', 'e.services'])
    .where('r.id', '=', requestId)
    .executeTakeFirst();
  const rows = request
    ? await t(db)
        .selectFrom('life_event_case as c')
        .innerJoin('case_plan as p', 'p.case_id', 'c.case_id')
        .select(['c.case_id', 'c.organisation_id', 'c.service_key', 'c.shared', 'p.status', 'p.state'])
        .where('c.request_id', '=', requestId)
        .execute()
    : [];
  const allowed =
    request &&
    (viewer.kind === 'citizen'
      ? request.subject_bsn === viewer.bsn
      : rows.some((r) => r.organisation_id === viewer.organisationId));
  if (!request || !allowed) throw problems.notFound(tx.requestNotFound);
  const citizenTasks = await citizenTasksOf(
    db,
    rows.map((r) => r.case_id),
  );
  const order = (key: string) => request.services.findIndex((x) => x.key === key);
  rows.sort((a, b) => order(a.service_key) - order(b.service_key));
  const services: ServiceProgress[] = [];
  for (const r of rows) {
    const service = request.services.find((s) => s.key === r.service_key);
    const full = viewer.kind === 'citizen' || viewer.organisationId === r.organisation_id;
    const open = citizenTasks.filter((x) => x.caseId === r.case_id);
    const status: ServiceProgress['status'] =
      r.status === 'completed'
        ? 'done'
        : r.status === 'terminated'
          ? 'stopped'
          : open.length
            ? 'waiting-for-you'
            : 'busy';
    const p: ServiceProgress = {
      serviceKey: r.service_key,
      organisation: {
        id: r.organisation_id,
        name: (await getOrganisation(db, r.organisation_id))?.name ?? '',
      },
      dienst: r.state.instances[0]?.name ?? r.state.planId,
      why: service?.why ?? '',
      status,
      statusText: {
        done: tx.progress.done,
        stopped: tx.progress.stopped,
        'waiting-for-you': tx.progress.waitingForYou,
        busy: tx.progress.busy,
      }[status],
      milestones: full || r.shared.includes('mijlpalen') ? milestones(r.state) : [],
    };
    if (full) {
      p.caseId = r.case_id;
      p.openTasks = open.map((x) => ({ instanceId: x.instanceId, name: x.name, dueDate: x.dueDate }));
      const legal = (await deadlinesOf(db, r.case_id)).find((d) => d.legal);
      p.deadline = legal ? { dueDate: legal.dueDate, status: legal.status } : null;
    }
    services.push(p);
  }
  return {
    requestId,
    lifeEvent: { id: request.event_id, name: request.name },
    requestedAt: request.created_at,
    services,
    done: services.filter((s) => s.status === 'done').length,
    total: services.length,
  };
}

/** The person's own requests, newest first. */
export async function requestsOf(db: Conn, bsn: string) {
  return t(db)
    .selectFrom('life_event_request as r')
    .innerJoin('life_event as e', 'e.id', 'r.life_event_id')
    .select(['r.id', 'e.id as lifeEventId', 'e.name', 'r.created_at'])
    .where('r.subject_bsn', '=', bsn)
    .orderBy('r.created_at', 'desc')
    .execute();
}

/**
 * The person's life event requests, newest first, each with the ids of the cases it started — for a
 * caller that composes it into a statement of its own.
 */
export function lifeEventRequestsQuery(db: Conn, bsn: string) {
  return t(db)
    .selectFrom('life_event_request as r')
    .innerJoin('life_event as e', 'e.id', 'r.life_event_id')
    .select([
      'r.id',
      'e.name',
      'r.created_at',
      sql<string[]>`array(select c.case_id from life_event_case c where c.request_id = r.id)`.as('case_ids'),
    ])
    .where('r.subject_bsn', '=', bsn)
    .orderBy('r.created_at', 'desc');
}

/** The request a case was started by, if any. */
export async function requestOfCase(db: Conn, caseId: string): Promise<string | null> {
  const r = await t(db)
    .selectFrom('life_event_case')
    .select('request_id')
    .where('case_id', '=', caseId)
    .executeTakeFirst();
  return r?.request_id ?? null;
}
