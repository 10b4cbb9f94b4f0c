import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import pino from 'pino';
import { loketMigrations } from '../../src/app.ts';
import { applyCaseEvent, startCasePlan } from '../../src/cases/engine/apply.ts';
import { fireDeadline } from '../../src/cases/engine/deadline-timers.ts';
import { DEADLINE_QUEUE, type DeadlineJobPayload, startDeadlines } from '../../src/cases/engine/deadlines.ts';
import { getPlan, publishPlan } from '../../src/cases/engine/definitions.ts';
import { readDemoPlanText } from '../../src/cases/plan/definitions/index.ts';
import type { PlanState } from '../../src/cases/plan/index.ts';
import { DEMO_ORGANISATIONS } from '../../src/demo/organisations.ts';
import { type Database, openDatabase } from '../../src/platform/db/database.ts';
import { migrateToLatest } from '../../src/platform/db/migrate.ts';
import { inTransaction } from '../../src/platform/db/transaction.ts';
import { JobWorker } from '../../src/platform/jobs/queue.ts';
import { upsertOrganisation } from '../../src/platform/organisations.ts';
import { percentile, round } from '../lib.ts';
import type { BenchContext, BenchScenario } from '../types.ts';

/**
 * The case engine on the database (not over HTTP): the path every case event takes — lock the case's plan
 * row, re-evaluate the plan, store state, history, task rows and outbox events in one transaction — and
 * the deadline timers on the job queue. Runs in its own schema of the benchmark database (PostgreSQL), or
 * on an in-memory PGlite when there is none.
 */

const CASES = Number(process.env.BENCH_CASE_ENGINE_CASES ?? 200);
const TIMERS = Number(process.env.BENCH_CASE_TIMERS ?? 10_000);
const ORG = 'voorbeeldstad';
const actor = { kind: 'staff' as const, id: 'bench' };
const caseData = { aanvraag: { volledig: true, doelgroep: true }, begroting: { bedrag: 25_000 } };

async function open(ctx: BenchContext): Promise<Database> {
  const database = ctx.databaseUrl
    ? await openDatabase({ url: ctx.databaseUrl, schema: `bench_cases_${process.pid}`, poolSize: 8 })
    : await openDatabase({});
  await migrateToLatest(database, loketMigrations());
  for (const o of DEMO_ORGANISATIONS) await upsertOrganisation(database.db, o);
  return database;
}

async function close(database: Database): Promise<void> {
  if (database.schema)
    await sql.raw(`drop schema if exists "${database.schema}" cascade`).execute(database.db);
  await database.close();
}

const nextTask = (state: PlanState) =>
  state.instances.find((i) => i.kind === 'task' && i.state === 'active')?.id;

async function eventToNextTask(ctx: BenchContext) {
  const database = await open(ctx);
  try {
    const { db } = database;
    await inTransaction(db, (trx) =>
      publishPlan(trx, { organisationId: ORG, definition: readDemoPlanText('subsidieaanvraag.yaml'), actor }),
    );
    const plan = (await getPlan(db, ORG, 'subsidieaanvraag', 1))!;
    const samples: number[] = [];
    let events = 0;
    const started = performance.now();
    for (let n = 0; n < CASES; n++) {
      const caseId = randomUUID();
      let state = (
        await inTransaction(db, (trx) =>
          startCasePlan(trx, { caseId, organisationId: ORG, plan, data: caseData }),
        )
      ).state;
      for (let id = nextTask(state); id; id = nextTask(state)) {
        const instanceId = id;
        const t0 = performance.now();
        const result = await inTransaction(db, (trx) =>
          applyCaseEvent(trx, caseId, { type: 'task-completed', instanceId, actor }),
        );
        // The first cases warm the caches (plan index, FEEL parses, connections); they are not counted.
        if (n >= 10) samples.push(performance.now() - t0);
        events++;
        state = result!.state;
      }
    }
    const elapsed = (performance.now() - started) / 1000;
    samples.sort((a, b) => a - b);
    const p50 = round(percentile(samples, 50));
    console.log(`  ${CASES} cases of the 30-item plan, ${samples.length} events timed`);
    return {
      connections: 1,
      p50_ms: p50,
      p99_ms: round(percentile(samples, 99)),
      throughput_per_s: Math.round(events / elapsed),
      peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
      baseline: null,
      met: p50 <= 5,
    };
  } finally {
    await close(database);
  }
}

async function timersInOneMinute(ctx: BenchContext) {
  const database = await open(ctx);
  const worker = new JobWorker(database, pino({ level: 'warn' }), { pollMs: 200 });
  try {
    const { db } = database;
    const today = new Date().toISOString().slice(0, 10);
    const cases = Array.from({ length: TIMERS }, () => randomUUID());
    for (let i = 0; i < cases.length; i += 500) {
      await inTransaction(db, async (trx) => {
        for (const caseId of cases.slice(i, i + 500))
          await startDeadlines(trx, {
            caseId,
            organisationId: ORG,
            startedOn: today,
            terms: [{ kind: 'beslistermijn', term: 'P6W', legal: true }],
            warnDays: 5,
          });
      });
    }
    // Every term lapses in the same minute: all lapse timers are due at its first second. Their warnings
    // went out days before (as they would have), so what fires now is the lapse itself.
    const minute = new Date(Math.ceil((Date.now() + 5_000) / 60_000) * 60_000);
    await db
      .updateTable('job')
      .set({ status: 'cancelled' })
      .where('queue', '=', DEADLINE_QUEUE)
      .where('singleton_key', 'like', '%:warn')
      .execute();
    await db
      .updateTable('case_deadline')
      .set({ warned_at: new Date(Date.now() - 5 * 86_400_000) })
      .execute();
    await db
      .updateTable('job')
      .set({ run_at: minute })
      .where('queue', '=', DEADLINE_QUEUE)
      .where('status', '=', 'pending')
      .execute();
    worker.handle(DEADLINE_QUEUE, async (job, trx) => {
      await fireDeadline(trx, job.payload as DeadlineJobPayload, async () => null);
    });
    console.log(`  ${TIMERS} lapse timers due at ${minute.toISOString()}`);
    await new Promise((r) => setTimeout(r, Math.max(0, minute.getTime() - Date.now())));
    await worker.start();
    const deadline = minute.getTime() + 120_000;
    for (;;) {
      const { n } = await db
        .selectFrom('job')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('queue', '=', DEADLINE_QUEUE)
        .where('status', '=', 'pending')
        .executeTakeFirstOrThrow();
      if (n === 0 || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    await worker.stop();
    const rows = await db
      .selectFrom('job')
      .select(['run_at', 'done_at', 'status'])
      .where('queue', '=', DEADLINE_QUEUE)
      .where('singleton_key', 'like', '%:lapse')
      .execute();
    const late = rows
      .filter((r) => r.status === 'done')
      .map((r) => new Date(r.done_at as Date).getTime() - new Date(r.run_at).getTime())
      .sort((a, b) => a - b);
    const lapsed = await db
      .selectFrom('case_deadline')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('status', '=', 'lapsed')
      .executeTakeFirstOrThrow();
    const last = late.at(-1) ?? Number.POSITIVE_INFINITY;
    console.log(
      `  fired ${late.length}/${TIMERS} (${lapsed.n} deadlines lapsed); last ${round(last / 1000, 1)} s after the minute began`,
    );
    return {
      connections: 1,
      p50_ms: round(percentile(late, 50)),
      p99_ms: round(percentile(late, 99)),
      throughput_per_s: Math.round(late.length / (last / 1000)),
      peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
      baseline: null,
      met: late.length === TIMERS && lapsed.n === TIMERS && last < 60_000,
    };
  } finally {
    await worker.stop();
    await close(database);
  }
}

const scenarios: BenchScenario[] = [
  {
    name: 'case-engine-event',
    target:
      'case event → plan re-evaluation (persisted: state, history, tasks, outbox) → next task active, 30-item plan: p50 ≤ 5 ms',
    needsServer: true,
    run: eventToNextTask,
  },
  {
    name: 'case-engine-timers',
    target: `${TIMERS} deadline timers due in the same minute all fire within that minute (p50/p99 = lateness in ms)`,
    needsServer: true,
    run: timersInOneMinute,
  },
];

export default scenarios;
