import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { Logger } from 'pino';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { createLoket, type Loket, loketMigrations } from '../app.ts';
import { type Config, loadConfig } from '../platform/config.ts';
import { type Backend, type Database, openDatabase } from '../platform/db/database.ts';
import { migrateToLatest } from '../platform/db/migrate.ts';
import { createLogger } from '../platform/logging.ts';

const RAN_DIR = join('.test-results', 'backends-ran');

/** A fresh, fully migrated database: in-memory PGlite, or a new schema on the test PostgreSQL server. */
export async function openTestDatabase(backend: Backend): Promise<Database> {
  const schema = `t_${inject('runId')}_${randomBytes(4).toString('hex')}`;
  const database =
    backend === 'postgres'
      ? await openDatabase({ url: inject('testDatabaseUrl'), schema, poolSize: 4 })
      : await openDatabase({});
  await migrateToLatest(database, loketMigrations());
  return database;
}

/** Captures log lines in memory, so a test can assert what reached (or never reached) the log. */
export function memoryLogger(level = 'info'): { log: Logger; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { log: createLogger(level, stream), lines };
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({ LOKET_DEMO: '0', LOG_LEVEL: 'warn', PORT: '0' }), outboxPollMs: 50, ...overrides };
}

export interface TestLoket extends Loket {
  /** Base URL the server listens on, when started with listen. */
  url: string;
}

/** A whole Loket on a test database, listening on a free 127.0.0.1 port. */
export async function startTestLoket(
  database: Database,
  options: {
    config?: Partial<Config>;
    log?: Logger;
    listen?: boolean;
    /** Adds test-only routes, consumers or job handlers before the server starts. */
    prepare?: (loket: Loket) => void | Promise<void>;
  } = {},
): Promise<TestLoket> {
  const config = testConfig(options.config);
  const loket = await createLoket(config, { database, log: options.log });
  await options.prepare?.(loket);
  await loket.start({ listen: options.listen ?? true });
  let url = '';
  if (options.listen ?? true) {
    const address = loket.app.server.address();
    if (address && typeof address === 'object') url = `http://127.0.0.1:${address.port}`;
  }
  return Object.assign(loket, { url });
}

/**
 * Runs a suite once per database backend (PGlite always; PostgreSQL when the global setup found it),
 * each on its own fresh database, and records that the backend ran.
 */
export function describeBackends(name: string, body: (db: () => Database, backend: Backend) => void): void {
  for (const backend of inject('backends')) {
    describe(`${name} [${backend}]`, () => {
      let database: Database | undefined;
      beforeAll(async () => {
        database = await openTestDatabase(backend);
      });
      afterAll(async () => {
        await database?.close();
        writeFileSync(join(RAN_DIR, `${backend}.${process.pid}.${randomBytes(3).toString('hex')}`), '1');
      });
      body(() => {
        if (!database) throw new Error('database not open yet: use it inside a test or hook');
        return database;
      }, backend);
    });
  }
}
