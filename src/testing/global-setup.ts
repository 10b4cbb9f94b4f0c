import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';

export const RESULTS_DIR = '.test-results';
export const RAN_DIR = join(RESULTS_DIR, 'backends-ran');
const STALE_SECONDS = 6 * 3600;

declare module 'vitest' {
  export interface ProvidedContext {
    backends: ('pglite' | 'postgres')[];
    testDatabaseUrl: string;
    runId: string;
  }
}

async function postgresReachable(url: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    // Drop schemas left behind by runs that died more than a few hours ago.
    const { rows } = await client.query<{ nspname: string }>(
      `select nspname from pg_namespace where nspname ~ '^t_[0-9]+_'`,
    );
    const now = Math.floor(Date.now() / 1000);
    for (const { nspname } of rows) {
      const started = Number(nspname.split('_')[1]);
      if (now - started > STALE_SECONDS) await client.query(`drop schema if exists "${nspname}" cascade`);
    }
    return null;
  } catch (err) {
    return (err as Error).message;
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Decides which database backends the suite runs on: PGlite always, PostgreSQL when reachable
 * (TEST_DATABASE_URL). With LOKET_REQUIRE_POSTGRES=1 (CI) an unreachable server fails the run.
 */
export default async function setup(project: TestProject) {
  const url = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
  const runId = `${Math.floor(Date.now() / 1000)}_${process.pid}`;
  const problem = await postgresReachable(url);
  if (problem && process.env.LOKET_REQUIRE_POSTGRES === '1') {
    throw new Error(
      `PostgreSQL is required (LOKET_REQUIRE_POSTGRES=1) but not reachable at ${url}: ${problem}`,
    );
  }
  const backends: ('pglite' | 'postgres')[] = problem ? ['pglite'] : ['pglite', 'postgres'];
  rmSync(RAN_DIR, { recursive: true, force: true });
  mkdirSync(RAN_DIR, { recursive: true });
  console.log(
    `Database backends: ${backends.join(' + ')}${problem ? ` (PostgreSQL not reachable at ${url}: ${problem})` : ` (PostgreSQL at ${url})`}`,
  );
  project.provide('backends', backends);
  project.provide('testDatabaseUrl', url);
  project.provide('runId', runId);

  return async () => {
    const counts: Record<string, number> = {};
    for (const f of readdirSync(RAN_DIR)) {
      const backend = f.split('.')[0];
      counts[backend] = (counts[backend] ?? 0) + Number(readFileSync(join(RAN_DIR, f), 'utf8') || 0);
    }
    writeFileSync(
      join(RESULTS_DIR, 'backends.json'),
      JSON.stringify({ planned: backends, ran: counts }, null, 2),
    );
    const summary = Object.entries(counts)
      .map(([b, n]) => `${b} (${n} suites)`)
      .join(', ');
    console.log(`Database backends that ran: ${summary || 'none'}`);
    if (!problem) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const { rows } = await client.query<{ nspname: string }>(
        `select nspname from pg_namespace where nspname like $1`,
        [`t_${runId}_%`],
      );
      for (const { nspname } of rows) await client.query(`drop schema if exists "${nspname}" cascade`);
      await client.end();
    }
  };
}
