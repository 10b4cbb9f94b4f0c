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
