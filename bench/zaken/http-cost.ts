/**
 * Where the CPU of one zaken list page under HTTP load goes: the server, PostgreSQL (every postgres process on
 * this machine, from /proc) and the load generator itself, per request, plus the minor page faults of
 * PostgreSQL and the server (fresh memory touched per request). One list page (a)–(d) of
 * bench/scenarios/zaken.ts, 16 connections, on the seeded database, without the naive baseline:
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/loket_bench BENCH_ZAKEN_SCHEMA=bench1m \
 *     npx tsx bench/zaken/http-cost.ts c [seconds=10] [connections=16]
 *
 * Instead of a–d, a path (`/zaken/api/v1/zaken/<uuid>`) is read as the client with all rights, for comparison.
 *
 * Two cores shared by all three: a p50 of 10 ms at 16 connections needs about 1,600 pages a second, so about
 * 1.25 ms of CPU per page in all. BENCH_CPU_PROF=<folder> makes the server write a CPU profile. The server's
 * CPU is also given as user and kernel time: a profile samples wall time, so it shows the page's `writev` as
 * the largest cost while the server is mostly off its core inside that call (docs/benchmarks.md).
 *
 * BENCH_CREATES_PER_S=<n>: meanwhile zaken are made through the API at about n per second, spread over the
 * 10 zaaktypen of the limited client, so their counter deltas are pending (a deep page is then mostly not
 * remembered: src/zaken/list-remember.ts); they are taken out again after.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { type TestClient, zgwToken } from '../../src/authz/test-support.ts';
import { openDatabase } from '../../src/platform/db/database.ts';
import { cpuTimeMs, procStat, startServer } from '../lib.ts';
import { forgetCreated, listClients } from './load.ts';
import { SEED_DEFAULTS } from './seed.ts';

const [which = 'c', seconds = '10', conns = '16'] = process.argv.slice(2);
const url = process.env.DATABASE_URL || SEED_DEFAULTS.url;
const schema = process.env.BENCH_ZAKEN_SCHEMA || SEED_DEFAULTS.schema;
const pool = new pg.Pool({ connectionString: url, max: 1, options: `-c search_path=${schema}` });
const database = await openDatabase({ url, schema, poolSize: 1 });
const { types, admin, limited } = await listClients(database.db, pool);
await pool.end();
await database.close();

const ZRC = '/zaken/api/v1';
const cases: Record<string, [TestClient, string]> = {
  a: [
    admin,
    `${ZRC}/zaken?zaaktype=${encodeURIComponent(types[0].url)}&startdatum__gte=2024-01-01&startdatum__lte=2024-12-31`,
  ],
  b: [limited, `${ZRC}/zaken`],
  c: [admin, `${ZRC}/zaken`],
  d: [limited, `${ZRC}/zaken?page=500`],
};
// Any other path (starting with /) is read as the client with all rights: the floor of one request.
if (which.startsWith('/')) cases[which] = [admin, which];
if (!cases[which]) throw new Error(`unknown case ${which}: a, b, c, d or a path`);
const [client, path] = cases[which];

const faults = (pid: number) => procStat(pid).minorFaults;
function postgresPids(): number[] {
  return readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .filter((p) => {
      try {
        return readFileSync(`/proc/${p}/comm`, 'utf8').startsWith('postgres');
      } catch {
        return false;
      }
    })
    .map(Number);
}
const sum = (f: (pid: number) => number) => postgresPids().reduce((s, p) => s + f(p), 0);

const server = await startServer({
  DATABASE_URL: url,
  LOKET_DB_SCHEMA: schema,
  BASE_URL: SEED_DEFAULTS.baseUrl,
  LOKET_DEMO: '0',
  LOKET_DATA_DIR: mkdtempSync(join(tmpdir(), 'loket-http-cost-')),
});
let startedAt: Date | null = null;
const adminToken = await zgwToken(admin);
try {
  const headers = {
    authorization: `Bearer ${await zgwToken(client)}`,
    'accept-crs': 'EPSG:4326',
    'content-crs': 'EPSG:4326',
  };
  const options = { url: `${server.url}${path}`, connections: Number(conns), headers };
  const bytes = (await (await fetch(options.url, { headers })).arrayBuffer()).byteLength;
  await autocannon({ ...options, duration: 2 });
  const before = {
    server: procStat(server.pid),
    postgres: sum(cpuTimeMs),
    postgresFaults: sum(faults),
    self: process.cpuUsage(),
  };
  const creating = makeZaken(Number(process.env.BENCH_CREATES_PER_S ?? 0), headers);
  const r = await autocannon({ ...options, duration: Number(seconds) });
  const made = await creating.stop();
  const n = r.requests.total;
  const self = process.cpuUsage(before.self);
  const per = (x: number) => (x / n).toFixed(3);
  const after = procStat(server.pid);
  const serverUser = after.userMs - before.server.userMs;
  const serverKernel = after.kernelMs - before.server.kernelMs;
  console.log(
    `(${which}) ${path}: p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, ${Math.round(n / Number(seconds))}/s, ${r.non2xx} not 2xx, ${bytes} bytes per response\n` +
      `  CPU per request: server ${per(serverUser + serverKernel)} ms (user ${per(serverUser)}, kernel ${per(serverKernel)}), PostgreSQL ${per(sum(cpuTimeMs) - before.postgres)} ms, autocannon ${per((self.user + self.system) / 1000)} ms\n` +
      `  page faults per request: server ${per(after.minorFaults - before.server.minorFaults)}, PostgreSQL ${per(sum(faults) - before.postgresFaults)}` +
      (made > 0 ? `\n  zaken made meanwhile: ${made} (${(made / Number(seconds)).toFixed(1)} per s)` : ''),
  );
} finally {
  await server.stop();
  if (startedAt) await forgetCreated(url, schema, startedAt);
}

/** Makes zaken at about `perSecond` through the API until stopped; answers how many were made. */
function makeZaken(perSecond: number, headers: Record<string, string>) {
  if (perSecond <= 0) return { stop: async () => 0 };
  startedAt = new Date(Date.now() - 1000);
  let made = 0;
  let i = 0;
  const post = async () => {
    const zaaktype = types[i++ % types.length].url;
    const body = {
      bronorganisatie: '000000000',
      verantwoordelijkeOrganisatie: '000000000',
      startdatum: '2026-01-05',
      zaaktype,
    };
    const res = await fetch(`${server.url}${ZRC}/zaken`, {
      method: 'POST',
      headers: { ...headers, authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (res.status === 201) made++;
    await res.arrayBuffer();
  };
  const pending = new Set<Promise<void>>();
  const timer = setInterval(() => {
    const p = post().finally(() => pending.delete(p));
    pending.add(p);
  }, 1000 / perSecond);
  return {
    stop: async () => {
      clearInterval(timer);
      await Promise.all(pending);
      return made;
    },
  };
}
