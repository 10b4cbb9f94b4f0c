/**
 * What one Zaken API request costs the server, without HTTP load or other clients in the way (the Zaken
 * counterpart of bench/page-cost.ts): the list pages (a)–(d) of bench/scenarios/zaken.ts and POST /zaken are
 * asked N times in process (Fastify inject), and this prints CPU time and SQL statements per request. For
 * creates it also waits until the outbox has fanned out and delivered every event they caused, so the
 * work after the request (deliveries to consumers) is counted with it. On the seeded database:
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/zaken/cost.ts [--times 500] [--creates 1000]
 *
 * (schema BENCH_ZAKEN_SCHEMA or `bench`). `--only a,b,create` picks the cases. `--with-plan` publishes a case
 * plan in the seeded organisation for the run (for a zaaktype none of the creates has, and takes it out
 * again), so the creates pay what an organisation that uses case plans pays at fan-out.
 */
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { createLoket } from '../../src/app.ts';
import { zgwToken } from '../../src/authz/test-support.ts';
import { publishPlan } from '../../src/cases/engine/definitions.ts';
import { readDemoPlanText } from '../../src/cases/plan/definitions/index.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { forgetCreated, listClients } from './load.ts';
import { SEED_DEFAULTS } from './seed.ts';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}
const times = Number(arg('times') ?? 500);
const creates = Number(arg('creates') ?? 1000);
const only = arg('only')?.split(',');
const wanted = (name: string) => !only || only.includes(name);
const withPlan = process.argv.includes('--with-plan');

const statements = new Map<string, number>();
/** The server processes of every connection the app used (PostgreSQL runs on this machine): their CPU is read from /proc. */
const backends = new Set<pg.Client>();
/** This tool's own connection (counting what is pending), left out of the figures. */
const ownClients = new Set<pg.Client>();
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  backends.add(this);
  const first = args[0] as string | { text?: string };
  const text = (typeof first === 'string' ? first : (first?.text ?? '')).replace(/\s+/g, ' ').slice(0, 100);
  if (!text.startsWith('/* cost */')) statements.set(text, (statements.get(text) ?? 0) + 1);
  return (query as (...a: unknown[]) => unknown).apply(this, args);
} as typeof query;

const url = process.env.DATABASE_URL || SEED_DEFAULTS.url;
const schema = process.env.BENCH_ZAKEN_SCHEMA || SEED_DEFAULTS.schema;
const config = loadConfig({
  ...process.env,
  DATABASE_URL: url,
  LOKET_DB_SCHEMA: schema,
  BASE_URL: SEED_DEFAULTS.baseUrl,
  LOKET_DEMO: '0',
  LOG_LEVEL: 'warn',
});
const loket = await createLoket(config);
await loket.start({ listen: false });
const db = loket.database.db;
const pool = new pg.Pool({ connectionString: url, max: 1, options: `-c search_path=${schema}` });
pool.on('connect', (c) => ownClients.add(c));
const { org, types: typeRows, admin, limited } = await listClients(db, pool);
const BENCH_PLAN = 'bench-plan';
const dropPlan = () =>
  pool.query('/* cost */ delete from case_plan_definition where plan_id = $1', [BENCH_PLAN]);
if (withPlan) {
  await dropPlan();
  const definition = readDemoPlanText('verhuizing.yaml')
    .replace('id: verhuizing', `id: ${BENCH_PLAN}`)
    .replace('zaaktype: AANGIFTE-VERHUIZING', 'zaaktype: BENCH-NONE-OF-THE-SEEDED');
  await publishPlan(db, { organisationId: org, definition, actor: { kind: 'staff', id: 'bench' } });
}
const types = typeRows.map((t) => t.url);
const crs = { 'accept-crs': 'EPSG:4326', 'content-crs': 'EPSG:4326' };
const as = async (c: typeof admin) => ({ authorization: `Bearer ${await zgwToken(c)}`, ...crs });
const ZRC = '/zaken/api/v1';
const cases = [
  {
    name: 'a',
    headers: await as(admin),
    path: `${ZRC}/zaken?zaaktype=${encodeURIComponent(types[0])}&startdatum__gte=2024-01-01&startdatum__lte=2024-12-31`,
  },
  { name: 'b', headers: await as(limited), path: `${ZRC}/zaken` },
  { name: 'c', headers: await as(admin), path: `${ZRC}/zaken` },
  { name: 'd', headers: await as(limited), path: `${ZRC}/zaken?page=50` },
];

/** CPU time (ms) PostgreSQL spent so far in each of the app's live connections, by server process id. */
function postgresCpu(): Map<number, number> {
  const byPid = new Map<number, number>();
  for (const c of backends) {
    if (ownClients.has(c)) continue;
    const pid = (c as unknown as { processID?: number }).processID;
    if (!pid) continue;
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      byPid.set(pid, ((Number(fields[11]) + Number(fields[12])) * 1000) / 100); // utime + stime, USER_HZ 100
    } catch {
      // the connection has ended (or PostgreSQL runs elsewhere)
    }
  }
  return byPid;
}

/** PostgreSQL CPU (ms) between two readings: connections that ended meanwhile are missed (the pool keeps its). */
function postgresCpuSince(before: Map<number, number>): number {
  let ms = 0;
  for (const [pid, now] of postgresCpu()) ms += now - (before.get(pid) ?? 0);
  return ms;
}

function report(label: string, n: number, used: NodeJS.CpuUsage, wall: number) {
  const total = [...statements.values()].reduce((a, b) => a + b, 0);
  console.log(
    `${label}: ${((used.user + used.system) / 1000 / n).toFixed(3)} ms CPU and ${(wall / n).toFixed(2)} ms wall per request; ${(total / n).toFixed(2)} statements per request:`,
  );
  for (const [text, k] of [...statements].sort((x, y) => y[1] - x[1]))
    if (k >= n / 20) console.log(`  ${(k / n).toFixed(2)} × ${text}`);
}

for (const c of cases) {
  if (!wanted(c.name)) continue;
  const ask = async () => {
    const res = await loket.app.inject({ url: c.path, headers: c.headers });
    if (res.statusCode !== 200) throw new Error(`${c.path}: ${res.statusCode} ${res.body.slice(0, 300)}`);
    return res;
  };
  const first = await ask();
  for (let i = 0; i < Math.min(300, times); i++) await ask(); // warm up: JIT, caches, prepared plans
  statements.clear();
  const pgBefore = postgresCpu();
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < times; i++) await ask();
  report(
    `(${c.name}) ${c.path} [${first.rawPayload.length} bytes]`,
    times,
    process.cpuUsage(cpu),
    performance.now() - started,
  );
  console.log(
    `  PostgreSQL CPU in the app's connections: ${(postgresCpuSince(pgBefore) / times).toFixed(3)} ms per request`,
  );
}

if (wanted('create')) {
  const headers = { ...(await as(admin)), 'content-type': 'application/json' };
  let next = 0;
  const create = async () => {
    const res = await loket.app.inject({
      method: 'POST',
      url: `${ZRC}/zaken`,
      headers,
      payload: JSON.stringify({
        bronorganisatie: '000000000',
        verantwoordelijkeOrganisatie: '000000000',
        omschrijving: 'Aanvraag',
        startdatum: '2026-01-05',
        zaaktype: types[next++ % types.length],
      }),
    });
    if (res.statusCode !== 201) throw new Error(`create: ${res.statusCode} ${res.body.slice(0, 300)}`);
  };
  const pending = async () =>
    Number(
      (
        await pool.query<{ n: string }>(
          `/* cost */ select (select count(*) from outbox_event where not fanned_out)
            + (select count(*) from outbox_delivery where status = 'pending' and attempts < 3) as n`,
        )
      ).rows[0].n,
    );
  const settle = async () => {
    while ((await pending()) > 0) await new Promise((r) => setTimeout(r, 20));
  };
  const since = (await pool.query<{ at: Date }>('/* cost */ select now() as at')).rows[0].at;
  for (let i = 0; i < 200; i++) await create();
  await settle();
  statements.clear();
  const pgBefore = postgresCpu();
  const cpu = process.cpuUsage();
  const started = performance.now();
  // 16 at a time, as the load test does, so the dispatcher sees batches as it would under load.
  await Promise.all(
    Array.from({ length: 16 }, async (_, w) => {
      for (let i = w; i < creates; i += 16) await create();
    }),
  );
  const requestCpu = process.cpuUsage(cpu);
  await settle();
  const used = process.cpuUsage(cpu);
  report(`POST ${ZRC}/zaken (and its deliveries)`, creates, used, performance.now() - started);
  console.log(
    `  of which in the requests themselves: ${((requestCpu.user + requestCpu.system) / 1000 / creates).toFixed(3)} ms CPU`,
  );
  const pgUsed = postgresCpuSince(pgBefore);
  if (pgUsed > 0)
    console.log(`  PostgreSQL CPU in the app's connections: ${(pgUsed / creates).toFixed(3)} ms per request`);
  // The seed's million stays as it was for the next run (bench/scenarios/zaken.ts does the same).
  await forgetCreated(url, schema, since);
}

if (withPlan) await dropPlan();
await pool.end();
await loket.stop();
process.exit(0);
