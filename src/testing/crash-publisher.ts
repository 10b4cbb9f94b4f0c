/**
 * Test helper process: commits a domain event and then dies with SIGKILL before any dispatcher
 * could deliver it. The outbox crash test restarts Loket on the same database and expects delivery.
 * Env: CRASH_DATABASE_URL + CRASH_SCHEMA (PostgreSQL) or CRASH_DATA_DIR (PGlite), CRASH_TOPIC.
 */
import { createLoket } from '../app.ts';
import { openDatabase } from '../platform/db/database.ts';
import { inTransaction } from '../platform/db/transaction.ts';
import { publish } from '../platform/outbox/outbox.ts';
import { memoryLogger, testConfig } from './backends.ts';

const database = await openDatabase({
  url: process.env.CRASH_DATABASE_URL || null,
  schema: process.env.CRASH_SCHEMA,
  dataDir: process.env.CRASH_DATA_DIR || null,
});
// Builds the whole app (migrations included) but never starts the dispatcher.
const loket = await createLoket(testConfig(), { database, log: memoryLogger().log });
await inTransaction(loket.database.db, async (trx) => {
  await trx.insertInto('system_setting').values({ key: 'crash-change', value: '"committed"' }).execute();
  await publish(trx, {
    organisationId: 'voorbeeldstad',
    topic: process.env.CRASH_TOPIC ?? 'test.crash',
    payload: { n: 1 },
  });
});
process.stdout.write('committed\n');
process.kill(process.pid, 'SIGKILL');
