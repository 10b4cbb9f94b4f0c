import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { type Database, openDatabase } from './database.ts';
import { type MigrationSet, migrateToLatest, sqlMigration } from './migrate.ts';

const migrations: MigrationSet = {
  '2026_01_01_0100_one': sqlMigration(['create table one (id serial primary key)']),
  '2026_01_01_0200_two': sqlMigration(['create table two (id serial primary key, one int references one)']),
};

describe.runIf(inject('backends').includes('postgres'))('migrations on a shared PostgreSQL server', () => {
  const opened: Database[] = [];
  const url = inject('testDatabaseUrl');
  const prefix = `t_${inject('runId')}_m${randomBytes(3).toString('hex')}`;

  afterAll(async () => {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    for (const database of opened) {
      await database.close();
      await admin.query(`drop schema if exists "${database.schema}" cascade`);
    }
    await admin.end();
  });

  it('runs while another process creates and drops tables and schemas elsewhere on the server', async () => {
    // The churn another test process or the bench seeder causes: tables appear and vanish all the time.
    const churner = new pg.Client({ connectionString: url });
    await churner.connect();
    let churning = true;
    let churned = 0;
    const churn = (async () => {
      while (churning) {
        const schema = `${prefix}_churn`;
        await churner.query(
          `create schema if not exists "${schema}"; create table "${schema}".t (a serial, b serial, c serial)`,
        );
        await churner.query(`drop schema "${schema}" cascade`);
        churned++;
      }
    })();
    try {
      for (let i = 0; i < 40; i++) {
        const database = await openDatabase({ url, schema: `${prefix}_${i}`, poolSize: 1 });
        opened.push(database);
        expect(await migrateToLatest(database, migrations)).toEqual(Object.keys(migrations));
        // Run again: nothing left to do, and the bookkeeping was found in our own schema.
        expect(await migrateToLatest(database, migrations)).toEqual([]);
      }
    } finally {
      churning = false;
      await churn;
      await churner.end();
    }
    expect(churned).toBeGreaterThan(10);
  });
});
