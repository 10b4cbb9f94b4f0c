import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { type CompiledQuery, Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { Gate } from './gate.ts';
import { PGliteDialect } from './pglite-dialect.ts';

export type Backend = 'pglite' | 'postgres';

// biome-ignore lint/suspicious/noExplicitAny: modules narrow this with their own table types (see scoped()).
export type Db = Kysely<any>;

/**
 * The one database handle every module receives. Both backends return the same JavaScript
 * types: int8 as number, numeric as string, date as 'YYYY-MM-DD', timestamptz as Date, json parsed.
 */
export interface Database {
  backend: Backend;
  /** The PostgreSQL schema in use, when not the default one. */
  schema: string | null;
  db: Db;
  /** Runs several statements at once (migrations). */
  exec(sqlText: string): Promise<void>;
  /** Subscribes to pg_notify on a channel; returns an unsubscribe function. */
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** Narrows the shared handle to a module's own tables. */
export function scoped<T>(db: Db): Kysely<T> {
  return db as unknown as Kysely<T>;
}

/**
 * Hands each row of a select to `onRow` as it arrives (its column values in order), without collecting the
 * rows. On PostgreSQL the rows come straight off the connection, so a row's values can be written out and
 * dropped before the next arrives (a zaken page: docs/benchmarks.md); elsewhere (PGlite, or a handle this
 * module did not open) the statement runs as usual and the rows are handed over after. On PostgreSQL at most
 * `ROW_STATEMENTS_AT_ONCE` of these run at once (`DEFAULT_POOL_SIZE` says why).
 */
export async function eachRow(
  db: Db,
  query: CompiledQuery,
  onRow: (values: unknown[]) => void,
): Promise<void> {
  const entry = pools.get(db);
  if (!entry) {
    const { rows } = await db.executeQuery(query);
    for (const row of rows) onRow(Object.values(row as object));
    return;
  }
  await entry.rowStatements.run(() => streamRows(entry.pool, query, onRow));
}

async function streamRows(
  pool: pg.Pool,
  query: CompiledQuery,
  onRow: (values: unknown[]) => void,
): Promise<void> {
  const client = await pool.connect();
  try {
    await new Promise<void>((resolve, reject) => {
      const config: pg.QueryArrayConfig = {
        text: query.sql,
        values: query.parameters as unknown[],
        name: statementName(query),
        rowMode: 'array',
      };
      const q = new pg.Query(config as pg.QueryConfig);
      // A callback that throws fails the call once the statement is done, not the connection midway.
      let failure: { error: unknown } | null = null;
      q.on('row', (values: unknown[]) => {
        if (failure) return;
        try {
          onRow(values);
        } catch (error) {
          failure = { error };
        }
      });
      q.on('error', reject);
      q.on('end', () => (failure ? reject(failure.error) : resolve()));
      client.query(q);
    });
  } finally {
    client.release();
  }
}

/** The pool behind each PostgreSQL handle and the gate of its `eachRow` statements. */
const pools = new WeakMap<Db, { pool: pg.Pool; rowStatements: Gate }>();

const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;

export interface DatabaseOptions {
  /** postgres://… ; absent = PGlite. */
  url?: string | null;
  /** PGlite data folder; absent = in memory. */
  dataDir?: string | null;
  /** PostgreSQL schema to use (tests run each suite in its own schema). Created when missing. */
  schema?: string;
  /** Connections to PostgreSQL at most, one of them listening for notifications. */
  poolSize?: number;
  /** Statements (or transactions) a connection runs before it is replaced (CONNECTION_USES). */
  connectionUses?: number;
}

/**
 * A connection is closed after this many uses, and a fresh one opened when needed. PostgreSQL keeps every
 * statement a connection prepared until it closes, and some statements are made per value (a zaken list's
 * page number and zaaktypen are written into its text: zaken/list.ts): about 30 kB each (a list page,
 * prepared and run six times), so a server up for weeks would otherwise grow its database processes without
 * bound. Opening a connection and planning its statements again costs a few milliseconds once per 10,000.
 */
export const CONNECTION_USES = 10_000;

/**
 * Ten connections: one listens, nine run statements, but at most five of them `eachRow` statements (the
 * zaken list pages) at once. A list page keeps its PostgreSQL process on the CPU: on two cores shared with
 * Loket, more of them at once only take turns, and a page that loses its core waits behind the others (up to
 * nine at once gave zaken page 500 a p99 of 33–52 ms at 16 HTTP connections, five 14–16 ms). A create
 * mostly waits for its commit to reach the disk, and more commits waiting together are flushed together:
 * with nine connections for them, 1,047 and 1,058 creates per second against 913 and 933 with five (the
 * slowest machine so far; lists, portal and work queue unchanged). See docs/benchmarks.md.
 */
export const DEFAULT_POOL_SIZE = 10;
/** The most `eachRow` statements at once (fewer when the pool is smaller). */
export const ROW_STATEMENTS_AT_ONCE = 5;

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.url ? openPostgres(options.url, options) : openPGlite(options);
}

async function openPGlite(options: DatabaseOptions): Promise<Database> {
  let dataDir: string | undefined;
  if (options.dataDir) {
    mkdirSync(options.dataDir, { recursive: true });
    dataDir = join(options.dataDir, 'pglite');
  }
  const pglite = await PGlite.create({
    dataDir,
    parsers: {
      [INT8]: (v: string) => Number(v),
      [NUMERIC]: (v: string) => v,
      [DATE]: (v: string) => v,
    },
  });
  if (options.schema)
    await pglite.exec(
      `create schema if not exists ${quoteIdent(options.schema)}; set search_path to ${quoteIdent(options.schema)}`,
    );
  const db = new Kysely({ dialect: new PGliteDialect(pglite) });
  return {
    backend: 'pglite',
    schema: options.schema ?? null,
    db,
    async exec(text) {
      await pglite.exec(text);
    },
    async listen(channel, onNotify) {
      const unlisten = await pglite.listen(channel, onNotify);
      return async () => {
        await unlisten();
      };
    },
    async close() {
      await db.destroy();
      await pglite.close();
    },
  };
}

async function openPostgres(url: string, options: DatabaseOptions): Promise<Database> {
  const types = {
    getTypeParser(oid: number, format?: string) {
      if (oid === INT8) return (v: string) => Number(v);
      if (oid === DATE) return (v: string) => v;
      // biome-ignore lint/suspicious/noExplicitAny: pg's overloads
      return (pg.types.getTypeParser as any)(oid, format);
    },
  };
  const schema = options.schema;
  if (schema) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(`create schema if not exists ${quoteIdent(schema)}`);
    } finally {
      await admin.end();
    }
  }
  const connections = options.poolSize ?? DEFAULT_POOL_SIZE;
  const pool = new pg.Pool({
    connectionString: url,
    max: connections,
    maxUses: options.connectionUses ?? CONNECTION_USES,
    types,
    // No JIT: Loket's statements are short, and a row estimate far above the truth (the work queue at a
    // million cases: 38,000 open tasks expected, 1,000 found) put one just over jit_above_cost, where
    // PostgreSQL spent 50 ms compiling a statement that runs in 2 ms. No parallel workers either: starting
    // them costs milliseconds per statement, and with many short requests at once on few cores they only
    // add latency (the work queue's plan made once for all values: 14 ms with workers, 1 ms without).
    options: `-c jit=off -c max_parallel_workers_per_gather=0${schema ? ` -c search_path=${schema}` : ''}`,
  });
  pool.on('connect', preparesMarked);
  // Fail fast with a clear message instead of on the first request.
  await pool.query('select 1');
  const db = new Kysely({ dialect: new PostgresDialect({ pool }) });
  pools.set(db, {
    pool,
    rowStatements: new Gate(Math.max(1, Math.min(ROW_STATEMENTS_AT_ONCE, connections - 1))),
  });
  // One connection listens for every channel (a connection per channel would take the pool's).
  const handlers = new Map<string, Set<(payload: string) => void>>();
  let listener: Promise<pg.PoolClient> | null = null;
  const listening = () => {
    listener ??= pool.connect().then((client) => {
      client.on('notification', (msg) => {
        for (const h of handlers.get(msg.channel) ?? []) h(msg.payload ?? '');
      });
      return client;
    });
    return listener;
  };
  return {
    backend: 'postgres',
    schema: schema ?? null,
    db,
    async exec(text) {
      await pool.query(text);
    },
    async listen(channel, onNotify) {
      const client = await listening();
      let set = handlers.get(channel);
      if (!set) {
        set = new Set();
        handlers.set(channel, set);
        await client.query(`listen ${quoteIdent(channel)}`);
      }
      const handler = (payload: string) => onNotify(payload);
      set.add(handler);
      return async () => {
        set.delete(handler);
        if (set.size > 0 || handlers.get(channel) !== set) return;
        handlers.delete(channel);
        await client.query(`unlisten ${quoteIdent(channel)}`).catch(() => {});
      };
    },
    async close() {
      if (listener) (await listener).release();
      listener = null;
      await db.destroy();
    },
  };
}

/**
 * Marks a select to be prepared once per connection on PostgreSQL (`.modifyFront(PREPARED)`, or
 * sql`${PREPARED} with …` at the start of a raw statement, white space before it allowed), so the
 * server keeps its plan: for a large statement asked on every page, planning costs more than running it
 * (the portal's overview: 0.9 ms of the database's CPU unprepared, 0.3 ms prepared). Only for statements
 * whose text is the same every time (the values are parameters). PGlite ignores the mark (a comment).
 */
export const PREPARED = sql`/*prepared*/`;

/** Names of prepared statements by their text (a statement's name is its text's hash). */
const preparedNames = new Map<string, string>();

function preparesMarked(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  // biome-ignore lint/suspicious/noExplicitAny: pg's overloads
  (client as any).query = (config: unknown, values?: unknown, callback?: unknown) => {
    if (typeof config !== 'string' || !isPrepared(config)) return query(config, values, callback);
    return query({ name: preparedName(config), text: config, values }, callback);
  };
}

/** Marked at the start, after any white space (a raw statement may begin on a new line). */
const MARKED = /^\s*(select )?\/\*prepared\*\//;
const isPrepared = (text: string) => MARKED.test(text);

/**
 * The prepared name of a compiled statement, or undefined when it is not marked: kept per statement object,
 * so a statement its caller keeps (the zaken list's) is not hashed again (7 kB of text: 10 µs per page).
 */
const compiledNames = new WeakMap<CompiledQuery, string | null>();
function statementName(query: CompiledQuery): string | undefined {
  let name = compiledNames.get(query);
  if (name === undefined) {
    name = isPrepared(query.sql) ? preparedName(query.sql) : null;
    compiledNames.set(query, name);
  }
  return name ?? undefined;
}

function preparedName(text: string): string {
  let name = preparedNames.get(text);
  if (!name) {
    if (preparedNames.size >= 100) preparedNames.clear();
    name = `loket_${createHash('sha256').update(text).digest('base64url').slice(0, 32)}`;
    preparedNames.set(text, name);
  }
  return name;
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Database reachable? Used by /health/ready. */
export async function ping(db: Db): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
