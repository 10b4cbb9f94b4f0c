import {
  type DatabaseIntrospector,
  type Kysely,
  type Migration,
  type MigrationProvider,
  Migrator,
  type SchemaMetadata,
  sql,
  type TableMetadata,
} from 'kysely';
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

/**
 * Kysely's migrator asks the introspector for the tables of every schema of the server, and the
 * Postgres introspector resolves each table by name while it reads. When another process drops a
 * table or schema at that moment (test processes and the bench seeder share a server), the look fails
 * with "relation … does not exist" although our schema is untouched. This introspector answers for
 * our own schema only, from the catalogue, without resolving names.
 */
class OwnSchemaIntrospector implements DatabaseIntrospector {
  constructor(
    private readonly db: Kysely<unknown>,
    private readonly schema: string | null,
  ) {}

  async getSchemas(): Promise<SchemaMetadata[]> {
    const { rows } = await sql<{ name: string }>`select nspname as name from pg_catalog.pg_namespace
      where nspname = coalesce(${this.schema}::text, current_schema())`.execute(this.db);
    return rows;
  }

  async getTables(): Promise<TableMetadata[]> {
    const { rows } = await sql<{ name: string; schema: string; isView: boolean }>`
      select c.relname as name, n.nspname as schema, c.relkind = 'v' as "isView"
      from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
      where n.nspname = coalesce(${this.schema}::text, current_schema()) and c.relkind in ('r', 'v', 'p')`.execute(
      this.db,
    );
    return rows.map((row) => ({ ...row, columns: [] }));
  }

  async getMetadata() {
    return { tables: await this.getTables() };
  }
}

/** The database as the migrator sees it: the same connection, with the introspector above. */
function withOwnSchemaIntrospector(database: Database): Kysely<unknown> {
  const introspection = new OwnSchemaIntrospector(database.db as Kysely<unknown>, database.schema);
  return new Proxy(database.db as Kysely<unknown>, {
    get(target, property) {
      if (property === 'introspection') return introspection;
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

function migrator(database: Database, migrations: MigrationSet): Migrator {
  return new Migrator({
    db: withOwnSchemaIntrospector(database),
    provider: new StaticProvider(migrations),
    // Kysely looks for its bookkeeping tables by name; pin it to our schema.
    migrationTableSchema: database.schema ?? undefined,
  });
}

/** Runs every migration not yet applied; returns the names of those it ran. */
export async function migrateToLatest(database: Database, migrations: MigrationSet): Promise<string[]> {
  const { error, results } = await migrator(database, migrations).migrateToLatest();
  if (!error) return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  const failed = results?.find((r) => r.status === 'Error');
  throw new Error(`migration ${failed?.migrationName ?? '?'} failed: ${(error as Error).message}`, {
    cause: error,
  });
}

/** True when every known migration has been applied (readiness check). */
export async function migrationsCurrent(database: Database, migrations: MigrationSet): Promise<boolean> {
  const list = await migrator(database, migrations).getMigrations();
  return list.every((m) => m.executedAt !== undefined);
}
