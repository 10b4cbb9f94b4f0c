import { type Migration, type MigrationProvider, Migrator, sql } from 'kysely';
import type { Database } from './database.ts';

/** A migration written as plain SQL statements, run one by one (PGlite's query() takes one statement). */
export function sqlMigration(up: string[]): Migration {
  return {
    async up(db) {
      for (const statement of up) await sql.raw(statement).execute(db);
    },
  };
}

/**
 * Every module contributes its migrations; names start with a sortable stamp so the order across
 * modules is fixed: `2026_11_23_0100_outbox`.
 */
export type MigrationSet = Record<string, Migration>;

class StaticProvider implements MigrationProvider {
  constructor(private readonly migrations: MigrationSet) {}
  async getMigrations() {
    return this.migrations;
  }
}

function migrator(database: Database, migrations: MigrationSet): Migrator {
  return new Migrator({
    db: database.db,
    provider: new StaticProvider(migrations),
    // Kysely looks for its bookkeeping tables by name in any schema; pin it to ours.
    migrationTableSchema: database.schema ?? undefined,
  });
}

export async function migrateToLatest(database: Database, migrations: MigrationSet): Promise<string[]> {
  const { error, results } = await migrator(database, migrations).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`migration ${failed?.migrationName ?? '?'} failed: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** True when every known migration has been applied (readiness check). */
export async function migrationsCurrent(database: Database, migrations: MigrationSet): Promise<boolean> {
  const list = await migrator(database, migrations).getMigrations();
  return list.every((m) => m.executedAt !== undefined);
}
