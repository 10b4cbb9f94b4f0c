/**
 * `npm run bench:seed -- --zaken 1000000 [--zaaktypen 100] [--schema bench]`: a fresh schema on PostgreSQL
 * (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test), migrated with Loket's migrations, filled
 * by bench/zaken/seed.ts. BASE_URL (default http://loket.bench) is the base the benchmark server must use.
 */
import { sql } from 'kysely';
import pg from 'pg';
import { loketMigrations } from '../src/app.ts';
import { openDatabase } from '../src/platform/db/database.ts';
import { migrateToLatest } from '../src/platform/db/migrate.ts';
import { SEED_DEFAULTS, seedZaken } from './zaken/seed.ts';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const url = process.env.DATABASE_URL || SEED_DEFAULTS.url;
const schema = arg('schema', SEED_DEFAULTS.schema);
const zaken = Number(arg('zaken', '100000'));
const zaaktypen = Number(arg('zaaktypen', '100'));
const baseUrl = process.env.BASE_URL || SEED_DEFAULTS.baseUrl;
if (!/^[a-z_][a-z0-9_]*$/.test(schema) || !(zaken >= zaaktypen) || !(zaaktypen > 0)) {
  console.error('usage: npm run bench:seed -- --zaken N [--zaaktypen K ≤ N] [--schema name]');
  process.exit(2);
}

const started = performance.now();
const admin = new pg.Client({ connectionString: url });
await admin.connect();
await admin.query(`drop schema if exists "${schema}" cascade`);
await admin.end();
const database = await openDatabase({ url, schema, poolSize: 4 });
try {
  await migrateToLatest(database, loketMigrations());
  console.log(`schema ${schema} on ${new URL(url).host}${new URL(url).pathname} migrated`);
  const result = await seedZaken(database, {
    zaken,
    zaaktypen,
    baseUrl,
    progress: (line) => console.log(`  ${line}`),
  });
  const { rows } = await sql<{
    zaken: number;
    statussen: number;
    rollen: number;
    besluiten: number;
    documenten: number;
  }>`
    select (select count(*) from zrc_zaak)::int as zaken, (select count(*) from zrc_status)::int as statussen,
      (select count(*) from zrc_rol)::int as rollen, (select count(*) from brc_besluit)::int as besluiten,
      (select count(*) from drc_eio)::int as documenten`.execute(database.db);
  const s = result.seconds;
  console.log(`counted: ${JSON.stringify(rows[0])}`);
  console.log(
    `seeded in ${((performance.now() - started) / 1000).toFixed(1)} s (templates ${s.templates.toFixed(1)} s, bulk ${s.bulk.toFixed(1)} s, counters and analyse ${s.derived.toFixed(1)} s)`,
  );
  console.log(`serve it with DATABASE_URL=${url} LOKET_DB_SCHEMA=${schema} BASE_URL=${baseUrl}`);
} finally {
  await database.close();
}
