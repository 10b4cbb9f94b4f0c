import { sql } from 'kysely';
import { daysBetween } from './dates.ts';
import type { Deadline } from './deadlines.ts';
import { type Conn, t } from './tables.ts';

/** Reading deadlines: one case's terms with their changes, and an organisation's terms that need action. */

export async function deadlinesOf(db: Conn, caseId: string, withChanges = false): Promise<Deadline[]> {
  const rows = await t(db)
    .selectFrom('case_deadline')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('kind')
    .execute();
  const changes = withChanges
    ? await t(db)
        .selectFrom('case_deadline_change')
        .selectAll()
        .where('case_id', '=', caseId)
        .orderBy('id')
        .execute()
    : [];
  return rows.map((r) => {
    const d: Deadline = {
      kind: r.kind,
      term: r.term,
      legal: r.legal,
      startedOn: r.started_on,
      dueDate: r.due_date,
      originalDueDate: r.original_due_date,
      warnDays: r.warn_days,
      status: r.status,
      suspendedOn: r.suspended_on,
      warnedAt: r.warned_at as Date | null,
      lapsedAt: r.lapsed_at as Date | null,
      endedAt: r.ended_at as Date | null,
    };
    if (withChanges)
      d.changes = changes
        .filter((c) => c.kind === r.kind)
        .map((c) => ({
          at: c.at,
          change: c.change,
          reason: c.reason,
          actor: c.actor,
          dueBefore: c.due_before,
          dueAfter: c.due_after,
        }));
    return d;
  });
}

/** The terms of an organisation that lapsed or were warned about and still run: the diagnosis list. */
export async function deadlinesNeedingAction(db: Conn, organisationId: string) {
  const rows = await t(db)
    .selectFrom('case_deadline')
    .select(['case_id', 'kind', 'legal', 'due_date', 'status', 'warned_at', 'lapsed_at'])
    .where('organisation_id', '=', organisationId)
    .where((eb) =>
      eb.or([
        eb('status', '=', 'lapsed'),
        eb.and([eb('status', '=', 'running'), eb('warned_at', 'is not', null)]),
      ]),
    )
    .orderBy('due_date')
    .limit(1000)
    .execute();
  return rows.map((r) => ({
    caseId: r.case_id,
    kind: r.kind,
    legal: r.legal,
    dueDate: r.due_date,
    status: r.status,
    warnedAt: r.warned_at,
    lapsedAt: r.lapsed_at,
  }));
}

/** Per zaaktype and kind of term: how the terms of an organisation stand on `today`. */
export interface DiagnosisGroup {
  zaaktype: string;
  plan: string;
  kind: string;
  legal: boolean;
  running: number;
  suspended: number;
  nearlyLapsed: number;
  lapsed: number;
  met: number;
  stopped: number;
  moved: number;
}

export interface DiagnosisTerm {
  caseId: string;
  zaaktype: string;
  kind: string;
  legal: boolean;
  status: 'running' | 'lapsed';
  dueDate: string;
  originalDueDate: string;
  /** Days until the last day (negative: days past it). */
  daysLeft: number;
}

/**
 * Deadline diagnosis of an organisation: per zaaktype and term how many run, stand still, nearly lapse
 * (running, last day within the warning window), lapsed, were met or stopped, and were moved (suspension or
 * extension); and the lapsed and nearly lapsed terms themselves, most urgent first. Only the engine's own
 * tables: the zaaktype is the one of the plan the case runs.
 */
export async function deadlineDiagnosis(
  db: Conn,
  organisationId: string,
  today: string,
  zaaktype?: string,
): Promise<{ today: string; groups: DiagnosisGroup[]; terms: DiagnosisTerm[] }> {
  const nearly = sql<boolean>`(d.status = 'running' and d.due_date <= cast(${today} as date) + d.warn_days)`;
  const count = (cond: ReturnType<typeof sql>) => sql<number>`count(*) filter (where ${cond})`;
  let base = t(db)
    .selectFrom('case_deadline as d')
    .innerJoin('case_plan as p', 'p.case_id', 'd.case_id')
    .innerJoin('case_plan_definition as def', (j) =>
      j
        .onRef('def.organisation_id', '=', 'p.organisation_id')
        .onRef('def.plan_id', '=', 'p.plan_id')
        .onRef('def.version', '=', 'p.plan_version'),
    )
    .where('d.organisation_id', '=', organisationId);
  if (zaaktype) base = base.where('def.zaaktype', '=', zaaktype);
  const groups = await base
    .select([
      'def.zaaktype',
      sql<string>`min(def.name)`.as('plan'),
      'd.kind',
      'd.legal',
      count(sql`d.status = 'running'`).as('running'),
      count(sql`d.status = 'suspended'`).as('suspended'),
      count(nearly).as('nearly_lapsed'),
      count(sql`d.status = 'lapsed'`).as('lapsed'),
      count(sql`d.status = 'met'`).as('met'),
      count(sql`d.status = 'stopped'`).as('stopped'),
      count(sql`d.due_date <> d.original_due_date`).as('moved'),
    ])
    .groupBy(['def.zaaktype', 'd.kind', 'd.legal'])
    .orderBy('def.zaaktype')
    .orderBy('d.kind')
    .execute();
  const terms = await base
    .select([
      'd.case_id',
      'def.zaaktype',
      'd.kind',
      'd.legal',
      'd.status',
      'd.due_date',
      'd.original_due_date',
    ])
    .where((eb) => eb.or([eb('d.status', '=', 'lapsed'), eb(nearly, '=', true)]))
    .orderBy('d.due_date')
    .limit(500)
    .execute();
  return {
    today,
    groups: groups.map((g) => ({
      zaaktype: g.zaaktype,
      plan: g.plan,
      kind: g.kind,
      legal: g.legal,
      running: Number(g.running),
      suspended: Number(g.suspended),
      nearlyLapsed: Number(g.nearly_lapsed),
      lapsed: Number(g.lapsed),
      met: Number(g.met),
      stopped: Number(g.stopped),
      moved: Number(g.moved),
    })),
    terms: terms.map((r) => ({
      caseId: r.case_id,
      zaaktype: r.zaaktype,
      kind: r.kind,
      legal: r.legal,
      status: r.status as DiagnosisTerm['status'],
      dueDate: r.due_date,
      originalDueDate: r.original_due_date,
      daysLeft: daysBetween(today, r.due_date),
    })),
  };
}
