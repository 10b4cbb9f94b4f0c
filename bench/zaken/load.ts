import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import pg from 'pg';
import { addTestClient, type TestClient } from '../../src/authz/test-support.ts';
import { type Db, openDatabase } from '../../src/platform/db/database.ts';
import { inTransaction } from '../../src/platform/db/transaction.ts';
import { rebuildCounts } from '../../src/zaken/store.ts';
import { measureLoop, round } from '../lib.ts';

/** Load helpers of the Zaken scenarios: HTTP load with the server's CPU time, and the naive SQL baseline. */

export interface HttpLoad {
  p50_ms: number;
  p99_ms: number;
  per_s: number;
  requests: number;
  non2xx: number;
  /** Server CPU time (user + system) per request, in ms. */
  cpu_ms_per_request: number;
}

/** user + system CPU time of a process so far, in ms (from /proc/<pid>/stat, 100 ticks per second). */
export function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

export async function httpLoad(
  pid: number,
  options: autocannon.Options & { connections: number; duration: number },
): Promise<HttpLoad> {
  const before = cpuMs(pid);
  const r = await autocannon(options);
  const cpu = cpuMs(pid) - before;
  const requests = r.requests.total;
  return {
    p50_ms: round(r.latency.p50),
    p99_ms: round(r.latency.p99),
    per_s: round(requests / options.duration, 0),
    requests,
    non2xx: r.non2xx + r.errors,
    cpu_ms_per_request: requests > 0 ? round(cpu / requests, 3) : 0,
  };
}

/** One list page the naive way: exact count(*) and the page by ORDER BY … LIMIT 100 OFFSET n. */
export interface NaiveQuery {
  where: string;
  params: unknown[];
  offset: number;
}

export async function naiveLoop(
  url: string,
  schema: string,
  q: NaiveQuery,
  connections: number,
  durationMs: number,
) {
  const pool = new pg.Pool({ connectionString: url, max: connections, options: `-c search_path=${schema}` });
  try {
    return await measureLoop(connections, durationMs, async () => {
      await pool.query(`select count(*) from zrc_zaak where ${q.where}`, q.params);
      await pool.query(
        `select * from zrc_zaak where ${q.where} order by created_at desc, id desc limit 100 offset ${q.offset}`,
        q.params,
      );
    });
  } finally {
    await pool.end();
  }
}

/**
 * The creates' baseline, as the issue gives it ("raw single-row inserts reach about 10,000 per second here"):
 * one row per statement, each its own transaction, into a table with a uuid primary key, a timestamp and a
 * short text, at the same concurrency. The table lives only for the measurement.
 */
export async function rawInsertLoop(url: string, schema: string, connections: number, durationMs: number) {
  const pool = new pg.Pool({ connectionString: url, max: connections, options: `-c search_path=${schema}` });
  const table = `bench_raw_insert_${process.pid}`;
  try {
    await pool.query(
      `create table ${table} (id uuid primary key, created_at timestamptz not null, omschrijving text not null)`,
    );
    return await measureLoop(connections, durationMs, () =>
      pool.query(`insert into ${table} (id, created_at, omschrijving) values ($1, now(), $2)`, [
        randomUUID(),
        'Aanvraag',
      ]),
    );
  } finally {
    await pool.query(`drop table if exists ${table}`).catch(() => undefined);
    await pool.end();
  }
}

/** The naive answer itself (count and the ids of the page), to check the API against. */
export async function naiveAnswer(pool: pg.Pool, q: NaiveQuery): Promise<{ count: number; ids: string[] }> {
  const c = await pool.query<{ n: string }>(`select count(*) as n from zrc_zaak where ${q.where}`, q.params);
  const page = await pool.query<{ id: string }>(
    `select id from zrc_zaak where ${q.where} order by created_at desc, id desc limit 100 offset ${q.offset}`,
    q.params,
  );
  return { count: Number(c.rows[0].n), ids: page.rows.map((r) => r.id) };
}

/**
 * The seeded organisation, its first 10 zaaktypen (key and URL) and the two API clients of the list pages
 * (a)–(d): one with every right, one with those 10 zaaktypen up to zaakvertrouwelijk.
 */
export async function listClients(
  db: Db,
  pool: pg.Pool,
): Promise<{ org: string; types: { key: number; url: string }[]; admin: TestClient; limited: TestClient }> {
  const org = (await pool.query<{ org: string }>('select min(organisation_id) as org from zrc_zaak')).rows[0]
    .org;
  const types = (
    await pool.query<{ key: number; url: string }>(
      'select key, url from zrc_zaaktype_key where key in (select distinct zaaktype_key from zrc_zaak) order by key limit 10',
    )
  ).rows;
  const admin = await addTestClient(db, { all: true, organisationId: org });
  const limited = await addTestClient(db, {
    organisationId: org,
    autorisaties: types.map((t) => ({
      component: 'zrc',
      scopes: ['zaken.lezen'],
      zaaktype: t.url,
      maxVertrouwelijkheidaanduiding: LIMITED_CEILING,
    })),
  });
  return { org, types, admin, limited };
}

/** The confidentiality ceiling of the limited client. */
export const LIMITED_CEILING = 'zaakvertrouwelijk';

/**
 * Takes the zaken a create run made out again (they cascade to nothing else of the seed), so every run of
 * the lists meets the seeded 1,000,000: else each run would add about 60,000 zaken to the newest month, and
 * page 500 of (b) would move into it. Their audit trail rows and outbox events stay.
 */
export async function forgetCreated(url: string, schema: string, since: Date) {
  const database = await openDatabase({ url, schema, poolSize: 1 });
  try {
    await inTransaction(database.db, async (trx) => {
      await sql`delete from zrc_zaak where created_at >= ${since}`.execute(trx);
      await rebuildCounts(trx);
    });
    // As autovacuum would in time: the rebuilt counters are read from their index alone again.
    for (const table of [
      'zrc_zaak',
      'zrc_zaak_count',
      'zrc_zaak_count_total',
      'zrc_zaak_start_count',
      'zrc_zaak_start_total',
      'zrc_zaak_count_delta',
    ])
      await sql`vacuum analyze ${sql.table(table)}`.execute(database.db);
  } finally {
    await database.close();
  }
}
