/**
 * `npm run bench [-- SCENARIO…]`: starts Loket, runs the scenarios of bench/scenarios/*.ts (and their
 * bare baselines in the same run), and writes bench/results/latest.json and latest.md.
 *
 * Backend: PostgreSQL at BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/loket_bench,
 * created when missing) when reachable, else PGlite in a temporary data folder.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { peakRssMb, type ServerProcess, startServer } from './lib.ts';
import type { BenchContext, BenchResult, BenchScenario } from './types.ts';

const RESULTS = join(import.meta.dirname, 'results');

async function loadScenarios(): Promise<BenchScenario[]> {
  const dir = join(import.meta.dirname, 'scenarios');
  const all: BenchScenario[] = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .sort()) {
    const mod = (await import(pathToFileURL(join(dir, file)).href)) as { default?: BenchScenario[] };
    all.push(...(mod.default ?? []));
  }
  return all;
}

/** Makes sure the benchmark database exists and is empty; returns its URL, or null to use PGlite. */
async function prepareDatabase(): Promise<string | null> {
  const url = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/loket_bench';
  const target = new URL(url);
  const name = target.pathname.slice(1);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString(), connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
  } catch (err) {
    console.log(`PostgreSQL not reachable (${(err as Error).message}); benchmarking on PGlite.`);
    return null;
  }
  try {
    if (process.env.BENCH_KEEP_DATABASE !== '1')
      await client.query(`drop database if exists "${name}" with (force)`);
    const exists = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (exists.rowCount === 0) await client.query(`create database "${name}"`);
  } finally {
    await client.end();
  }
  return url;
}

function table(results: BenchResult[]): string {
  const head =
    '| scenario | backend | conn | p50 ms | p99 ms | per s | peak RSS MB | baseline p50 ms | baseline per s | target | met |\n|---|---|---|---|---|---|---|---|---|---|---|';
  const rows = results.map(
    (r) =>
      `| ${r.scenario} | ${r.backend} | ${r.connections} | ${r.p50_ms} | ${r.p99_ms} | ${r.throughput_per_s} | ${r.peak_rss_mb} | ${r.baseline?.p50_ms ?? '–'} | ${r.baseline?.throughput_per_s ?? '–'} | ${r.target} | ${r.met ? 'yes' : 'NO'} |`,
  );
  return [head, ...rows].join('\n');
}

async function main() {
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const all = await loadScenarios();
  const unknown = wanted.filter((w) => !all.some((s) => s.name === w));
  if (unknown.length > 0) {
    console.error(`Unknown scenario(s): ${unknown.join(', ')}. Known: ${all.map((s) => s.name).join(', ')}`);
    process.exit(2);
  }
  const selected = wanted.length > 0 ? all.filter((s) => wanted.includes(s.name)) : all;
  const results: BenchResult[] = [];

  let server: ServerProcess | null = null;
  let dataDir: string | null = null;
  let databaseUrl: string | null = null;
  if (selected.some((s) => s.needsServer)) {
    databaseUrl = await prepareDatabase();
    dataDir = mkdtempSync(join(tmpdir(), 'loket-bench-'));
    const env: Record<string, string> = { LOKET_DEMO: '1', LOKET_DATA_DIR: dataDir };
    if (databaseUrl) env.DATABASE_URL = databaseUrl;
    server = await startServer(env);
  }
  const backend = databaseUrl ? 'postgres' : 'pglite';
  try {
    for (const scenario of selected) {
      process.stdout.write(`running ${scenario.name} … `);
      const ctx: BenchContext = {
        baseUrl: server?.url ?? '',
        backend,
        databaseUrl,
        serverPid: server?.pid ?? process.pid,
        serverPeakRssMb: () => peakRssMb(server?.pid ?? process.pid),
      };
      let r: Awaited<ReturnType<BenchScenario['run']>>;
      try {
        r = await scenario.run(ctx);
      } catch (err) {
        // One failing scenario must not lose the others' results: it is reported as not met, with why.
        console.log(`FAILED: ${(err as Error).message}`);
        results.push({
          scenario: scenario.name,
          backend: scenario.needsServer ? backend : 'none',
          connections: 0,
          p50_ms: 0,
          p99_ms: 0,
          throughput_per_s: 0,
          peak_rss_mb: 0,
          baseline: null,
          target: scenario.target,
          met: false,
          error: (err as Error).message,
        });
        continue;
      }
      const row: BenchResult = {
        scenario: scenario.name,
        backend: scenario.needsServer ? backend : 'none',
        ...r,
        target: scenario.target,
      };
      results.push(row);
      console.log(`p50 ${row.p50_ms} ms, ${row.throughput_per_s}/s ${row.met ? '(met)' : '(NOT met)'}`);
    }
  } finally {
    await server?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(join(RESULTS, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
  const md = `# Benchmark results\n\nMeasured ${new Date().toISOString()} with \`npm run bench${wanted.length ? ` -- ${wanted.join(' ')}` : ''}\`.\n\n${table(results)}\n`;
  writeFileSync(join(RESULTS, 'latest.md'), md);
  console.log(`\n${table(results)}\n\nWritten to bench/results/latest.json and latest.md`);
}

await main();
