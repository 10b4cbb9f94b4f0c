import type { Kysely } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { Trx } from '../../platform/db/transaction.ts';
import type { Staff } from './support.ts';

interface WorkbenchTables {
  workbench_action: {
    id: number;
    organisation_id: string;
    case_id: string | null;
    at: Date;
    actor_id: string;
    actor_name: string;
    action: string;
    reason: string | null;
    on_behalf_of: string | null;
    details: unknown;
  };
  workbench_staff: {
    organisation_id: string;
    staff_id: string;
    name: string;
    team: string;
    roles: unknown;
    last_seen: Date;
  };
}

type Conn = Db | Trx;
const w = (db: Conn) => db as unknown as Kysely<WorkbenchTables>;

/** What a professional did through the workbench. `onBehalfOf` is the BSN of the citizen they acted for. */
export interface WorkbenchAction {
  caseId: string | null;
  action: string;
  reason?: string | null;
  onBehalfOf?: string | null;
  details?: Record<string, unknown>;
}

export async function recordAction(trx: Conn, staff: Staff, a: WorkbenchAction): Promise<void> {
  await w(trx)
    .insertInto('workbench_action')
    .values({
      organisation_id: staff.organisationId,
      case_id: a.caseId,
      actor_id: staff.id,
      actor_name: staff.name,
      action: a.action,
      reason: a.reason ?? null,
      on_behalf_of: a.onBehalfOf ?? null,
      details: JSON.stringify(a.details ?? {}),
    } as never)
    .execute();
}

export interface RecordedAction {
  at: Date;
  actor: { id: string; name: string };
  action: string;
  reason: string | null;
  onBehalfOf: string | null;
  details: Record<string, unknown>;
}

export async function actionsOfCase(
  db: Conn,
  organisationId: string,
  caseId: string,
): Promise<RecordedAction[]> {
  const rows = await w(db)
    .selectFrom('workbench_action')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('organisation_id', '=', organisationId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    at: new Date(r.at),
    actor: { id: r.actor_id, name: r.actor_name },
    action: r.action,
    reason: r.reason,
    onBehalfOf: r.on_behalf_of,
    details: (r.details ?? {}) as Record<string, unknown>,
  }));
}

/** Sessions already known to be in the colleague list (only saves a write; losing it changes nothing). */
const known = new Set<string>();

/** Keeps the colleague list: everyone of the organisation who used the workbench. */
export async function rememberStaff(db: Conn, staff: Staff): Promise<void> {
  if (known.has(staff.session.id)) return;
  await w(db)
    .insertInto('workbench_staff')
    .values({
      organisation_id: staff.organisationId,
      staff_id: staff.id,
      name: staff.name,
      team: staff.team,
      roles: JSON.stringify(staff.roles),
    } as never)
    .onConflict((oc) =>
      oc.columns(['organisation_id', 'staff_id']).doUpdateSet({
        name: staff.name,
        team: staff.team,
        roles: JSON.stringify(staff.roles) as never,
        last_seen: new Date(),
      }),
    )
    .execute();
  if (known.size > 10_000) known.clear();
  known.add(staff.session.id);
}

export async function colleagues(db: Conn, organisationId: string) {
  const rows = await w(db)
    .selectFrom('workbench_staff')
    .select(['staff_id', 'name', 'team'])
    .where('organisation_id', '=', organisationId)
    .orderBy('name')
    .execute();
  return rows.map((r) => ({ id: r.staff_id, name: r.name, team: r.team }));
}

/**
 * The names of colleagues by their id, from the colleague list (everyone who used the workbench). The one
 * place the workbench turns a staff id into a name; an id not in the list is given back as it is.
 */
export async function staffNames(
  db: Conn,
  organisationId: string,
  ids: Iterable<string>,
): Promise<Map<string, string>> {
  const wanted = [...new Set(ids)];
  const names = new Map(wanted.map((id) => [id, id]));
  if (wanted.length === 0) return names;
  const rows = await w(db)
    .selectFrom('workbench_staff')
    .select(['staff_id', 'name'])
    .where('organisation_id', '=', organisationId)
    .where('staff_id', 'in', wanted)
    .execute();
  for (const r of rows) names.set(r.staff_id, r.name);
  return names;
}
