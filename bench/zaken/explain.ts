/**
 * PostgreSQL's own time for the statement of each zaken list page (a)–(d) of bench/scenarios/zaken.ts
 * (EXPLAIN ANALYZE, median of 30) and the backend's CPU time per statement with its result sent (from /proc,
 * so on the database's machine), on the seeded database, and of pages 1 and 500 of a client given each of the
 * 100 zaaktypen by name ((e), (f): more than a page merges), of the first page of a year of startdatum
 * with all rights (g), of a range of startdatum open above (h: the statement only; the years it scans
 * come from a small query before it), and of (d) asked again, remembered (i); SHOW=b prints the plan of (b):
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/zaken/explain.ts
 */
import pg from 'pg';
import { vertrouwelijkheidRank } from '../../src/authz/policy.ts';
import { openDatabase } from '../../src/platform/db/database.ts';
import { listZaakText } from '../../src/zaken/list.ts';
import { PageWriter } from '../../src/zgw/pagination.ts';
import { cpuMs, LIMITED_CEILING } from './load.ts';
import { SEED_DEFAULTS } from './seed.ts';

const captured: { text: string; values: unknown[] }[] = [];
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  const first = args[0] as string | { text?: string; values?: unknown[] };
  if (typeof first === 'string') captured.push({ text: first, values: (args[1] as unknown[]) ?? [] });
  else if (first?.text)
    captured.push({ text: first.text, values: (args[1] as unknown[]) ?? first.values ?? [] });
  return (query as (...a: unknown[]) => unknown).apply(this, args);
} as typeof query;
const url = process.env.DATABASE_URL || SEED_DEFAULTS.url;
const schema = process.env.BENCH_ZAKEN_SCHEMA || SEED_DEFAULTS.schema;
const database = await openDatabase({ url, schema, poolSize: 2 });
const pool = new pg.Pool({ connectionString: url, max: 1, options: `-c search_path=${schema}` });
const org = (await pool.query('select min(organisation_id) as org from zrc_zaak')).rows[0].org;
const types = (
  await pool.query(
    'select url from zrc_zaaktype_key where key in (select distinct zaaktype_key from zrc_zaak) order by key',
  )
).rows.map((r) => r.url);
const allowed = new Map(types.slice(0, 10).map((t: string) => [t, vertrouwelijkheidRank(LIMITED_CEILING)]));
const every = new Map(types.map((t: string) => [t, vertrouwelijkheidRank(LIMITED_CEILING)]));
const cases: [string, Map<string, number> | null, Record<string, unknown>, number][] = [
  ['a', null, { zaaktype: types[0], startdatum__gte: '2024-01-01', startdatum__lte: '2024-12-31' }, 1],
  ['b', allowed, {}, 1],
  ['c', null, {}, 1],
  ['d', allowed, {}, 500],
  ['e', every, {}, 1],
  ['f', every, {}, 500],
  ['g', null, { startdatum__gte: '2024-01-01', startdatum__lte: '2024-12-31' }, 1],
  ['h', null, { startdatum__gte: '2025-06-15' }, 1],
  ['i', allowed, {}, 500],
];
for (const [name, al, filters, page] of cases) {
  captured.length = 0;
  const req = { organisationId: org, allowed: al, filters, page };
  // (i) is (d) asked again: the page remembered (list-remember.ts) while no delta is pending.
  for (let i = 0; i < (name === 'i' ? 2 : 1); i++)
    await listZaakText(database.db, req, SEED_DEFAULTS.baseUrl, new PageWriter(page, SEED_DEFAULTS.baseUrl));
  const q = captured.at(-1)!;
  const times: number[] = [];
  for (let i = 0; i < 30; i++) {
    const r = await pool.query(`explain (analyze, format json) ${q.text}`, q.values);
    times.push(r.rows[0]['QUERY PLAN'][0]['Execution Time']);
  }
  times.sort((x, y) => x - y);
  if (process.env.SHOW === name) {
    const r = await pool.query(`explain (analyze, buffers) ${q.text}`, q.values);
    console.log(r.rows.map((x) => x['QUERY PLAN']).join('\n'));
  }
  // The backend's own CPU time (/proc) over 500 runs of the statement itself, prepared once as the server
  // prepares it: with building and sending its result, which EXPLAIN ANALYZE leaves out.
  const pid = (await pool.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0].pid;
  const statement = { name: `explain-${name}`, text: q.text, values: q.values };
  await pool.query(statement);
  const start = cpuMs(pid);
  for (let i = 0; i < 500; i++) await pool.query(statement);
  const cpu = (cpuMs(pid) - start) / 500;
  console.log(
    `(${name}) execution p50 ${times[15].toFixed(2)} ms, min ${times[0].toFixed(2)} ms; backend CPU ${cpu.toFixed(2)} ms per statement`,
  );
}
await pool.end();
await database.close();
