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

/**
 * Runs every migration not yet applied. Kysely's migrator looks at the tables of every schema of the
 * server; when another process drops its own schema at that moment the look fails ("schema … does not
 * exist", seen when test processes share a server). Ours is untouched then, so the run is tried again.
 */
export async function migrateToLatest(database: Database, migrations: MigrationSet): Promise<string[]> {
  for (let attempt = 1; ; attempt++) {
    const { error, results } = await migrator(database, migrations).migrateToLatest();
    if (!error) return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
    const other = /schema "([^"]+)" does not exist/.exec(String(error))?.[1];
    if (other && other !== database.schema && attempt < 5) continue;
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`migration ${failed?.migrationName ?? '?'} failed: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

/** True when every known migration has been applied (readiness check). */
export async function migrationsCurrent(database: Database, migrations: MigrationSet): Promise<boolean> {
  const list = await migrator(database, migrations).getMigrations();
  return list.every((m) => m.executedAt !== undefined);
}
