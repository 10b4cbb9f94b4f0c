import type { Database } from '../platform/db/database.ts';
import type { LoketModule } from '../platform/module.ts';
import type { LocalResources } from '../zgw/local-resources.ts';
import { seedCasesDemo } from './demo/seed.ts';
import { applyCaseEvent } from './engine/apply.ts';
import { CaseRecords } from './engine/case-records.ts';
import type { EngineDeps } from './engine/cases.ts';
import { fireDeadline } from './engine/deadline-timers.ts';
import { DEADLINE_QUEUE, type DeadlineJobPayload } from './engine/deadlines.ts';
import { decisionTaskConsumer } from './engine/decision-tasks.ts';
import { PLAN_TIMER_QUEUE } from './engine/effects.ts';
import { caseEventConsumer, milestoneStatusConsumer } from './engine/events-in.ts';
import { caseMigrations } from './engine/migrations.ts';
import { objectionCaseConsumer } from './engine/objections.ts';
import { workQueueMigrations } from './engine/work-queue.ts';
import { zaakDeadlineConsumer } from './engine/zaak-deadlines.ts';
import { registerCasesApi } from './http/routes.ts';
import { PlanEventError } from './plan/index.ts';

export interface CasesOptions {
  /** Days before a term's last day that the citizen gets a notice and the team a warning (default 5). */
  warnDays?: number;
}

const engines = new WeakMap<Database, EngineDeps>();

/** The engine wired to a running Loket's database (for tests and benchmarks that call it directly). */
export function caseEngineOf(database: Database): EngineDeps {
  const deps = engines.get(database);
  if (!deps) throw new Error('the cases module is not registered on this database');
  return deps;
}

/**
 * Dynamic case management: plans per zaaktype running per case (src/cases/plan is the pure runtime),
 * tasks and ad hoc work, deadlines as durable timers, citizen tasks, life events across organisations.
 * API at /loket/api/v1/zaakbehandeling.
 */
export function casesModule(local: LocalResources, options: CasesOptions = {}): LoketModule {
  return {
    name: 'cases',
    migrations: { ...caseMigrations, ...workQueueMigrations },
    async register({ app, config, database, dispatcher, jobs, log }) {
      const deps: EngineDeps = { records: new CaseRecords(config, local), warnDays: options.warnDays ?? 5 };
      engines.set(database, deps);
      dispatcher.register(caseEventConsumer(deps, log));
      dispatcher.register(milestoneStatusConsumer(deps, log));
      dispatcher.register(decisionTaskConsumer(log));
      dispatcher.register(zaakDeadlineConsumer(deps, log));
      dispatcher.register(objectionCaseConsumer(deps, log));
      jobs.handle(PLAN_TIMER_QUEUE, async (job, trx) => {
        const p = job.payload as { caseId: string; instanceId: string };
        try {
          await applyCaseEvent(trx, p.caseId, { type: 'timer-fired', instanceId: p.instanceId });
        } catch (err) {
          // The plan closed before the timer fired: nothing left to do.
          if (!(err instanceof PlanEventError)) throw err;
        }
      });
      jobs.handle(DEADLINE_QUEUE, async (job, trx) => {
        await fireDeadline(trx, job.payload as DeadlineJobPayload, async (caseId) => {
          return (await deps.records.get(trx, caseId))?.subjectBsn ?? null;
        });
      });
      await registerCasesApi(app, database.db, deps, config.baseUrl);
    },
    async seedDemo({ database }, trx) {
      await seedCasesDemo(trx, caseEngineOf(database));
    },
  };
}
