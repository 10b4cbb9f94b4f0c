/**
 * What one page costs the server, without HTTP load or other clients in the way: the page is asked N
 * times in process (Fastify inject) and this prints its CPU time per page and the SQL statements it
 * sends. Run it on a database a benchmark left behind (BENCH_KEEP_DATABASE=1 npm run bench -- NAME):
 *
 *   npx tsx bench/page-cost.ts /werkplek?lijst=team            (a professional of team burgerzaken)
 *   npx tsx bench/page-cost.ts / --citizen 999991371 --times 300 (a citizen's home page)
 *
 * DATABASE_URL defaults to the benchmark database (postgres://postgres@127.0.0.1:5432/loket_bench). When
 * PostgreSQL runs on this machine it also prints the CPU its backends for that database used per page.
 */
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import pg from 'pg';
import { createLoket } from '../src/app.ts';
import { createSession, SESSION_COOKIE } from '../src/platform/auth/sessions.ts';
import { loadConfig } from '../src/platform/config.ts';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}

const url = process.argv[2]?.startsWith('/') ? process.argv[2] : '/werkplek?lijst=team';
const times = Number(arg('times') ?? 1000);
const citizen = arg('citizen');

// Count what reaches PostgreSQL: every statement passes pg.Client#query.
const statements = new Map<string, number>();
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  const first = args[0] as string | { text?: string };
  const text = (typeof first === 'string' ? first : (first?.text ?? '')).replace(/\s+/g, ' ').slice(0, 100);
  statements.set(text, (statements.get(text) ?? 0) + 1);
  return (query as (...a: unknown[]) => unknown).apply(this, args);
} as typeof query;

const config = loadConfig({
  ...process.env,
  DATABASE_URL: process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/loket_bench',
  LOG_LEVEL: 'warn',
});
const loket = await createLoket(config);
await loket.start({ listen: false });
const session = await createSession(
  loket.database.db,
  citizen
    ? { organisationId: 'loket', kind: 'citizen', subject: citizen, data: { name: 'Bench' } }
    : {
        organisationId: 'voorbeeldstad',
        kind: 'staff',
        subject: 'm.jansen',
        data: { name: 'Marieke Jansen', team: 'burgerzaken', roles: ['behandelaar'] },
      },
);
const headers = { cookie: `${SESSION_COOKIE}=${session.id}`, 'accept-encoding': 'gzip' };
const ask = async () => {
  const res = await loket.app.inject({ url, headers });
  if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode}`);
};
for (let i = 0; i < Math.min(200, times); i++) await ask(); // warm up: JIT, caches, prepared plans
statements.clear();
const dbCpu = await backendCpu();
const dbCpuBefore = dbCpu();
const cpu = process.cpuUsage();
const started = performance.now();
for (let i = 0; i < times; i++) await ask();
const used = process.cpuUsage(cpu);
const wall = performance.now() - started;
const dbAfter = dbCpu();
const dbUsed = [...dbAfter].reduce((sum, [pid, ms]) => sum + ms - (dbCpuBefore.get(pid) ?? ms), 0);
const total = [...statements.values()].reduce((a, b) => a + b, 0);
console.log(
  `${url}: ${((used.user + used.system) / 1000 / times).toFixed(2)} ms CPU and ${(wall / times).toFixed(2)} ms wall per page; ${(total / times).toFixed(2)} statements per page:`,
);
if (dbAfter.size > 0)
  console.log(`  PostgreSQL: ${(dbUsed / times).toFixed(2)} ms CPU per page (this database's backends)`);
for (const [text, n] of [...statements].sort((a, b) => b[1] - a[1]))
  if (n >= times / 10) console.log(`  ${(n / times).toFixed(2)} × ${text}`);
await loket.stop();
process.exit(0);

/**
 * The CPU time (ms) PostgreSQL's backends for this database have used so far, from /proc, per backend
 * (only when the server runs on this machine and its processes are readable).
 */
async function backendCpu(): Promise<() => Map<number, number>> {
  const { rows } = await sql<{ pid: number }>`select pid from pg_stat_activity
    where datname = current_database()`.execute(loket.database.db);
  const tick = 1000 / 100; // USER_HZ
  return () => {
    const used = new Map<number, number>();
    for (const { pid } of rows) {
      try {
        const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
        used.set(pid, (Number(fields[11]) + Number(fields[12])) * tick);
      } catch {} // gone, or not on this machine
    }
    return used;
  };
}
