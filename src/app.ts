import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { authzModule } from './authz/module.ts';
import { besluitenModule } from './besluiten/module.ts';
import { casesModule } from './cases/module.ts';
import { catalogModule } from './catalog/module.ts';
import { contactModule } from './contact/module.ts';
import { decisionsModule } from './decisions/module.ts';
import { demoModule } from './demo/module.ts';
import { documentenModule } from './documenten/module.ts';
import { factsModule } from './facts/module.ts';
import { notificationsModule } from './notifications/module.ts';
import type { Config } from './platform/config.ts';
import { type Database, openDatabase } from './platform/db/database.ts';
import { type MigrationSet, migrateToLatest } from './platform/db/migrate.ts';
import { inTransaction } from './platform/db/transaction.ts';
import { type App, createServer } from './platform/http/server.ts';
import { JobWorker } from './platform/jobs/queue.ts';
import { createLogger } from './platform/logging.ts';
import type { LoketModule, ModuleContext } from './platform/module.ts';
import { getSetting, setSetting } from './platform/organisations.ts';
import { Dispatcher } from './platform/outbox/dispatcher.ts';
import { platformModule } from './platform/platform-module.ts';
import { processingLogMigrations } from './processing-log/index.ts';
import { referentielijstenModule } from './referentielijsten/index.ts';
import { signalsModule } from './signals/module.ts';
import { contactPagesModule } from './web/contact/module.ts';
import { learningWebModule } from './web/learning/module.ts';
import { portalModule } from './web/portal/module.ts';
import { workbenchModule } from './web/workbench/module.ts';
import { zakenModule } from './zaken/module.ts';
import { auditMigrations } from './zgw/audittrail.ts';
import { LocalResources } from './zgw/local-resources.ts';

/** Every capability of Loket, in the order their tables are created and routes registered. */
function modules(): LoketModule[] {
  const list: LoketModule[] = [];
  // How Loket's ZGW APIs resolve each other's URLs in-process (see zgw/local-resources.ts).
  const zgw = new LocalResources();
  list.push({ name: 'zgw-local-resources', register: ({ config }) => zgw.setBaseUrl(config.baseUrl) });
  list.push(platformModule(() => allMigrations(list)));
  list.push({ name: 'processing-log', migrations: processingLogMigrations });
  list.push(authzModule());
  list.push(notificationsModule());
  list.push(referentielijstenModule());
  list.push(catalogModule(zgw));
  list.push(zakenModule(zgw));
  list.push({ name: 'zgw-audittrail', migrations: auditMigrations });
  // Documenten owns the zaak/besluit–document relation; Zaken and Besluiten mirror into it.
  list.push(documentenModule(zgw));
  list.push(besluitenModule(zgw));
  list.push(decisionsModule(undefined, zgw));
  list.push(factsModule());
  list.push(casesModule(zgw));
  list.push(signalsModule());
  list.push(learningWebModule());
  list.push(contactModule());
  list.push(contactPagesModule());
  list.push(portalModule());
  list.push(workbenchModule());
  list.push(demoModule());
  return list;
}

/** Every migration of every module (tests migrate a fresh database with it). */
export function loketMigrations(): MigrationSet {
  return allMigrations(modules());
}

function allMigrations(list: LoketModule[]): MigrationSet {
  const all: MigrationSet = {};
  for (const m of list) {
    for (const [name, migration] of Object.entries(m.migrations ?? {})) {
      if (all[name]) throw new Error(`migration ${name} defined twice`);
      all[name] = migration;
    }
  }
  return all;
}

export interface Loket {
  app: App;
  database: Database;
  dispatcher: Dispatcher;
  jobs: JobWorker;
  log: Logger;
  context: ModuleContext;
  /** Starts background work (outbox dispatcher, job worker) and, unless `listen` is false, the HTTP server. */
  start(options?: { listen?: boolean }): Promise<void>;
  stop(): Promise<void>;
}

export interface LoketOptions {
  /** Use this database instead of opening one from the config (tests). */
  database?: Database;
  log?: Logger;
}

const DEMO_SETTING = 'demo.loaded';

/** A cookie-signing secret shared by every process on this database, made once. */
async function storedSecret(database: Database): Promise<string> {
  const existing = await getSetting<string>(database.db, 'session.cookie-secret');
  if (existing) return existing;
  const secret = randomBytes(32).toString('hex');
  await setSetting(database.db, 'session.cookie-secret', secret);
  return (await getSetting<string>(database.db, 'session.cookie-secret')) ?? secret;
}

/** Opens the database, applies migrations, loads demo data once, and wires every module. */
export async function createLoket(config: Config, options: LoketOptions = {}): Promise<Loket> {
  const log = options.log ?? createLogger(config.logLevel);
  const database =
    options.database ??
    (await openDatabase({
      url: config.databaseUrl,
      dataDir: config.databaseUrl ? null : config.dataDir,
      schema: config.databaseSchema ?? undefined,
      poolSize: config.databasePoolSize,
    }));
  const list = modules();
  const applied = await migrateToLatest(database, allMigrations(list));
  if (applied.length > 0) log.info({ migrations: applied.length }, 'migrations applied');

  const app = createServer(config, log, config.sessionSecret ?? (await storedSecret(database)));
  const dispatcher = new Dispatcher(database, log, { pollMs: config.outboxPollMs });
  const jobs = new JobWorker(database, log, { pollMs: config.outboxPollMs });
  const context: ModuleContext = { config, log, database, app, dispatcher, jobs };
  for (const m of list) await m.register?.(context);

  if (config.demo && !(await getSetting(database.db, DEMO_SETTING))) {
    await inTransaction(database.db, async (trx) => {
      for (const m of list) await m.seedDemo?.(context, trx);
      await setSetting(trx, DEMO_SETTING, { at: new Date().toISOString() });
    });
    log.info('demo data loaded');
  }

  let started = false;
  return {
    app,
    database,
    dispatcher,
    jobs,
    log,
    context,
    async start({ listen = true } = {}) {
      await app.ready();
      await dispatcher.start();
      await jobs.start();
      if (listen) await app.listen({ port: config.port, host: config.host });
      started = true;
    },
    async stop() {
      // Stop taking requests first, then finish background work, then close the database.
      await app.close();
      if (started) {
        await dispatcher.stop();
        await jobs.stop();
      }
      if (!options.database) await database.close();
    },
  };
}
