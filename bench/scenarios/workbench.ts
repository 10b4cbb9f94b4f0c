import autocannon from 'autocannon';
import pg from 'pg';
import { createSession, SESSION_COOKIE } from '../../src/platform/auth/sessions.ts';
import { openDatabase } from '../../src/platform/db/database.ts';
import { cpuTimeMs, measureLoop, percentile, round } from '../lib.ts';
import type { BenchContext, BenchScenario } from '../types.ts';

/**
 * The workbench's team work queue (GET /werkplek, server-rendered HTML) for a professional of team
 * burgerzaken at Gemeente Voorbeeldstad, over many cases of which OPEN are open for that team: the first
 * page of 50 tasks by deadline, the total, the three list counts and the case types for the filter.
 *
 * The cases are written in bulk with SQL (plan and tasks, as the case engine stores them; starting a
 * million cases through the engine would take hours): per case three tasks. Besides the team's open
 * cases there are the same team's closed cases, another team's open cases and two other organisations'
 * cases, so the queue must find its 1,000 among the rest. The number of cases is a flag:
 * `npm run bench -- workbench-queue --workbench-cases=1000000` (default 100,000; or
 * BENCH_WORKBENCH_CASES). Needs PostgreSQL (the harness's database).
 *
 * Measured: the page under load at 16 connections (autocannon), with the server's own time per page from
 * its Server-Timing header (arrival of the request to rendered HTML); and as baseline, in the same run,
 * the page's data as bare SQL in three plain queries over a pg pool (16 loops): what the database costs without Loket.
 */

const CONNECTIONS = 16;
const DURATION_S = Number(process.env.BENCH_WORKBENCH_SECONDS || 10);
const OPEN = 1_000;
const ORG = 'voorbeeldstad';
const TEAM = 'burgerzaken';
const ROLES = ['behandelaar'];

function casesWanted(): number {
  const flag = process.argv.find((a) => a.startsWith('--workbench-cases='))?.split('=')[1];
  const n = Number(flag ?? process.env.BENCH_WORKBENCH_CASES ?? 100_000);
  if (!Number.isInteger(n) || n < OPEN * 4)
    throw new Error(`--workbench-cases must be a whole number of at least ${OPEN * 4}`);
  return n;
}

/**
 * Cases by number g: 1…OPEN open for the team (one open task, two done); then in turns of four: the
 * team's closed cases, another organisation's open cases, a third organisation's closed cases, and the
 * municipality's other team (one in five open).
 */
const SEED_SQL = `
with c as (
  select g, md5('workbench-queue-' || g)::uuid as case_id,
    case when g <= $2 or g % 4 in (2, 3) then 'voorbeeldstad' when g % 4 = 0 then 'toeslagen' else 'incasso' end as org,
    case when g <= $2 or g % 4 = 2 then 'burgerzaken' when g % 4 = 3 then 'klantcontact'
         when g % 4 = 0 then 'zorgtoeslag' else 'invordering' end as team,
    (g <= $2 or g % 4 = 0 or (g % 4 = 3 and g % 5 = 0)) as open
  from generate_series(1, $1::int) g
), plans as (
  select * from unnest($3::text[], $4::text[], $5::int[]) as p(org, plan_id, version)
), cases as (
  insert into case_plan (case_id, organisation_id, plan_id, plan_version, status, state, started_at, updated_at)
  select c.case_id, c.org, p.plan_id, p.version, case when c.open then 'active' else 'completed' end,
    '{}'::jsonb, now() - (c.g % 700) * interval '1 day', now()
  from c join plans p on p.org = c.org
  returning case_id
)
insert into case_task (case_id, instance_id, organisation_id, item_id, name, assignee_kind, assignee,
  due_date, state, created_at, updated_at)
select c.case_id, 'bench-' || k || '#1', c.org, 'bench-' || k, 'Benchtaak ' || k, 'team', c.team,
  current_date + ((c.g * 7 + k) % 120 - 30),
  case when c.open and k = 3 then 'active' else 'completed' end, now(), now()
from c cross join generate_series(1, 3) k
where exists (select 1 from plans p where p.org = c.org)`;

/** The data of the page as three plain queries (rows, list counts, case types; `queueView` asks them as one statement), for the baseline. */
const OURS = `((assignee_kind = 'team' and assignee = $2) or (assignee_kind = 'role' and assignee = any($3)))`;
const TEAM_WHERE = `organisation_id = $1 and state in ('enabled', 'active') and ${OURS}`;
const BARE = [
  `select k.*, p.plan_id, d.name as plan_name
   from (select case_id, instance_id, name, assignee_kind, assignee, due_date, state, handler, handler_name, adhoc
         from case_task where ${TEAM_WHERE}
         order by due_date asc nulls last, case_id, instance_id limit 50 offset 0) k
   join case_plan p on p.case_id = k.case_id
   join case_plan_definition d on d.organisation_id = p.organisation_id and d.plan_id = p.plan_id
     and d.version = p.plan_version
   order by k.due_date asc nulls last, k.case_id, k.instance_id`,
  `select count(*) filter (where handler = $4) as mine, count(*) filter (where ${OURS}) as team,
     count(*) filter (where ${OURS} and handler is null) as unassigned
   from case_task where organisation_id = $1 and state in ('enabled', 'active') and (handler = $4 or ${OURS})`,
  `select plan_id, max(name), max(zaaktype) from case_plan_definition where organisation_id = $1
   group by plan_id order by plan_id`,
];

async function seed(ctx: BenchContext, cases: number): Promise<{ cookie: string; teamOpen: number }> {
  if (!ctx.databaseUrl) throw new Error('workbench-queue seeds in bulk with SQL: it needs PostgreSQL');
  const pool = new pg.Pool({ connectionString: ctx.databaseUrl, max: 2 });
  try {
    const plans = (
      await pool.query<{ organisation_id: string; plan_id: string; version: number }>(
        `select distinct on (organisation_id) organisation_id, plan_id, version from case_plan_definition
         where organisation_id in ('voorbeeldstad', 'toeslagen', 'incasso')
         order by organisation_id, plan_id, version desc`,
      )
    ).rows;
    if (!plans.some((p) => p.organisation_id === ORG)) throw new Error('no published plan of Voorbeeldstad');
    const already = await pool.query(
      `select 1 from case_plan where case_id = md5('workbench-queue-1')::uuid`,
    );
    if (already.rowCount === 0) {
      const started = performance.now();
      await pool.query(SEED_SQL, [
        cases,
        OPEN,
        plans.map((p) => p.organisation_id),
        plans.map((p) => p.plan_id),
        plans.map((p) => p.version),
      ]);
      await pool.query('analyze case_plan');
      await pool.query('analyze case_task');
      console.log(
        `\n  seeded ${cases.toLocaleString('en')} cases (${(cases * 3).toLocaleString('en')} tasks) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
      );
    }
    const teamOpen = Number(
      (
        await pool.query<{ n: string }>(`select count(*) as n from case_task where ${TEAM_WHERE}`, [
          ORG,
          TEAM,
          ROLES,
        ])
      ).rows[0].n,
    );
    const database = await openDatabase({ url: ctx.databaseUrl, poolSize: 1 });
    try {
      const session = await createSession(database.db, {
        organisationId: ORG,
        kind: 'staff',
        subject: 'm.jansen',
        data: { name: 'Marieke Jansen', team: TEAM, roles: ROLES },
      });
      return { cookie: `${SESSION_COOKIE}=${session.id}`, teamOpen };
    } finally {
      await database.close();
    }
  } finally {
    await pool.end();
  }
}

/** The page's bare SQL (page rows, the list counts, the case types), from 16 loops over a pool of 16. */
async function baseline(url: string): Promise<{ p50_ms: number; throughput_per_s: number }> {
  const pool = new pg.Pool({ connectionString: url, max: CONNECTIONS });
  try {
    const args = [[ORG, TEAM, ROLES], [ORG, TEAM, ROLES, 'm.jansen'], [ORG]];
    const r = await measureLoop(CONNECTIONS, DURATION_S * 1000, async () => {
      for (const [i, q] of BARE.entries()) await pool.query(q, args[i]);
    });
    return { p50_ms: r.p50_ms, throughput_per_s: r.throughput_per_s };
  } finally {
    await pool.end();
  }
}

/** Collects the Server-Timing duration of every response. */
function serverTime(into: number[]) {
  return (_status: number, _body: string, _context: unknown, headers?: Record<string, string>) => {
    const dur = /dur=([\d.]+)/.exec(headers?.['server-timing'] ?? '')?.[1];
    if (dur) into.push(Number(dur));
  };
}

const scenarios: BenchScenario[] = [
  {
    name: 'workbench-queue',
    target: `GET /werkplek (team work queue, ${OPEN.toLocaleString('en')} open for the team among many cases): p50 ≤ 20 ms server time at 16 connections`,
    needsServer: true,
    async run(ctx) {
      const cases = casesWanted();
      const { cookie, teamOpen } = await seed(ctx, cases);
      const check = await fetch(`${ctx.baseUrl}/werkplek?lijst=team`, {
        headers: { cookie },
        redirect: 'manual',
      });
      const page = await check.text();
      console.log(`\n  page: ${Math.round(Buffer.byteLength(page) / 1024)} kB of HTML`);
      const shown = /Taken van mijn team \((\d+)\)/.exec(page)?.[1];
      const rows = (page.match(/href="\/werkplek\/zaken\/[0-9a-f-]{36}#/g) ?? []).length;
      if (check.status !== 200 || Number(shown) !== teamOpen || teamOpen < OPEN || rows !== 50)
        throw new Error(
          `queue page: status ${check.status}, shows ${shown} open for the team (SQL: ${teamOpen}), ${rows} rows`,
        );
      // One connection first (no queueing: the time one page costs), then the load at 16 connections.
      const alone: number[] = [];
      await autocannon({
        url: `${ctx.baseUrl}/werkplek?lijst=team`,
        connections: 1,
        duration: 3,
        headers: { cookie, 'accept-encoding': 'gzip' },
        requests: [{ onResponse: serverTime(alone) } as autocannon.Request],
      });
      alone.sort((a, b) => a - b);
      const serverMs: number[] = [];
      const cpuBefore = cpuTimeMs(ctx.serverPid);
      const result = await autocannon({
        url: `${ctx.baseUrl}/werkplek?lijst=team`,
        connections: CONNECTIONS,
        duration: DURATION_S,
        headers: { cookie, 'accept-encoding': 'gzip' },
        requests: [
          {
            onResponse: serverTime(serverMs),
          } as autocannon.Request,
        ],
      });
      if (result.non2xx > 0 || result.errors > 0)
        throw new Error(`${result.non2xx} non-2xx, ${result.errors} errors`);
      const cpuPerPage = round((cpuTimeMs(ctx.serverPid) - cpuBefore) / Math.max(1, result.requests.total));
      serverMs.sort((a, b) => a - b);
      const server50 = round(percentile(serverMs, 50));
      const bare = await baseline(ctx.databaseUrl!);
      console.log(
        `\n  ${cases.toLocaleString('en')} cases, ${teamOpen} open for the team: server time p50 ${server50} ms, p99 ${round(percentile(serverMs, 99))} ms (${serverMs.length} pages; one connection alone: p50 ${round(percentile(alone, 50))} ms); server CPU ${cpuPerPage} ms per page; client p50 ${round(result.latency.p50)} ms; bare SQL of the page p50 ${bare.p50_ms} ms`,
      );
      return {
        connections: CONNECTIONS,
        p50_ms: server50,
        p99_ms: round(percentile(serverMs, 99)),
        throughput_per_s: Math.round(result.requests.average),
        peak_rss_mb: ctx.serverPeakRssMb(),
        baseline: bare,
        met: server50 <= 20,
      };
    },
  },
];

export default scenarios;
