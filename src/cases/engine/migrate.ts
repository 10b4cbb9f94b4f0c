import type { Trx } from '../../platform/db/transaction.ts';
import { publish } from '../../platform/outbox/outbox.ts';
import {
  type Actor,
  type ConflictPolicy,
  dryRunMigration,
  type MigrationDryRun,
  type MigrationReport,
  migratePlan,
  type PlanState,
} from '../plan/index.ts';
import { saveResult } from './apply.ts';
import { requirePlan } from './definitions.ts';
import { CASE_TOPICS } from './effects.ts';
import { type Conn, jsonOrNull, t } from './tables.ts';

/**
 * Moving open cases to a newer version of their plan, only on request. The dry run reports per case what
 * would happen (kept, added, removed, conflicts, tasks created and closed) and changes nothing; the
 * migration does the same per case, locked, and stores each migrated case like any other event.
 */

export interface MigrationRequest {
  organisationId: string;
  planId: string;
  from: number;
  to: number;
  conflicts?: ConflictPolicy;
  /** Only these cases (default: every open case on `from`). */
  caseIds?: string[];
  actor: Actor;
  now?: Date;
}

async function openCases(db: Conn, r: MigrationRequest, forUpdate: boolean) {
  let q = t(db)
    .selectFrom('case_plan')
    .select(['case_id', 'state'])
    .where('organisation_id', '=', r.organisationId)
    .where('plan_id', '=', r.planId)
    .where('plan_version', '=', r.from)
    .where('status', '=', 'active');
  if (r.caseIds)
    q = q.where('case_id', 'in', r.caseIds.length ? r.caseIds : ['00000000-0000-0000-0000-000000000000']);
  q = q.orderBy('case_id');
  if (forUpdate) q = q.forUpdate();
  return (await q.execute()).map((row) => ({ caseId: row.case_id, state: row.state as PlanState }));
}

export async function dryRunCaseMigration(db: Conn, r: MigrationRequest): Promise<MigrationDryRun> {
  const oldDef = await requirePlan(db, r.organisationId, r.planId, r.from);
  const newDef = await requirePlan(db, r.organisationId, r.planId, r.to);
  const cases = await openCases(db, r, false);
  return dryRunMigration(
    oldDef,
    newDef,
    cases.map((c) => ({ ...c.state, caseId: c.caseId })),
    { conflicts: r.conflicts, actor: r.actor, now: r.now ?? new Date() },
  );
}

export interface MigrationRun {
  fromVersion: number;
  toVersion: number;
  cases: MigrationReport[];
  totals: { cases: number; migrated: number; notMigrated: number };
}

/** Migrates every open case that can go (one transaction); cases with conflicts under `reject` stay. */
export async function migrateCases(trx: Trx, r: MigrationRequest): Promise<MigrationRun> {
  const oldDef = await requirePlan(trx, r.organisationId, r.planId, r.from);
  const newDef = await requirePlan(trx, r.organisationId, r.planId, r.to);
  const reports: MigrationReport[] = [];
  for (const c of await openCases(trx, r, true)) {
    const { report, result } = migratePlan(
      oldDef,
      newDef,
      { ...c.state, caseId: c.caseId },
      { conflicts: r.conflicts, actor: r.actor, now: r.now ?? new Date() },
    );
    reports.push(report);
    if (!result) continue;
    await saveResult(trx, newDef, r.organisationId, c.caseId, result);
    // Work kept as an ad hoc task stays the same task row, now marked as not in the plan.
    for (const conflict of report.conflicts.filter((x) => x.resolution === 'kept-as-adhoc')) {
      const inst = result.state.instances.find((i) => i.id === conflict.instanceId);
      await t(trx)
        .updateTable('case_task')
        .set({ adhoc: jsonOrNull(inst?.task?.adhoc) })
        .where('case_id', '=', c.caseId)
        .where('instance_id', '=', conflict.instanceId)
        .execute();
    }
    await publish(trx, {
      organisationId: r.organisationId,
      topic: CASE_TOPICS.planMigrated,
      payload: { caseId: c.caseId, planId: r.planId, fromVersion: r.from, toVersion: r.to },
    });
  }
  const migrated = reports.filter((x) => x.migrated).length;
  return {
    fromVersion: r.from,
    toVersion: r.to,
    cases: reports,
    totals: { cases: reports.length, migrated, notMigrated: reports.length - migrated },
  };
}
