import type { Logger } from 'pino';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import type { MigrationSet } from './db/migrate.ts';
import type { Trx } from './db/transaction.ts';
import type { App } from './http/server.ts';
import type { JobWorker } from './jobs/queue.ts';
import type { Dispatcher } from './outbox/dispatcher.ts';

/** What every module gets from the platform. */
export interface ModuleContext {
  config: Config;
  log: Logger;
  database: Database;
  app: App;
  dispatcher: Dispatcher;
  jobs: JobWorker;
}

/**
 * A capability of Loket. The app lists its modules once (src/app.ts); each brings its tables,
 * its routes, its event consumers and job handlers, and its part of the demo data.
 */
export interface LoketModule {
  name: string;
  migrations?: MigrationSet;
  register?(ctx: ModuleContext): void | Promise<void>;
  /** Loads this module's demo data, once, in one transaction with all other modules' demo data. */
  seedDemo?(ctx: ModuleContext, trx: Trx): Promise<void>;
}
