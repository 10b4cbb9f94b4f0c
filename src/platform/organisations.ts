import { Type } from 'typebox';
import type { Db } from './db/database.ts';
import { DbMemo } from './db/memo.ts';
import { type MigrationSet, sqlMigration } from './db/migrate.ts';
import type { Trx } from './db/transaction.ts';
import { problems } from './http/problem.ts';
import type { App } from './http/server.ts';

/**
 * Organisations are the tenants of Loket: every table carries organisation_id, which is also the
 * distribution column when Loket outgrows one database server (see docs/ARCHITECTURE.md).
 */
export const organisationMigrations: MigrationSet = {
  '2026_11_23_0000_organisations': sqlMigration([
    `create table organisation (
      id text primary key,
      organisation_id text generated always as (id) stored,
      name text not null,
      kind text not null check (kind in ('gemeente', 'uitvoeringsorganisatie', 'provincie', 'waterschap', 'rijk', 'overig')),
      rsin text,
      phone text,
      opening_hours text,
      website text,
      created_at timestamptz not null default now()
    )`,
    `create table system_setting (
      organisation_id text not null default 'system',
      key text primary key,
      value jsonb not null,
      updated_at timestamptz not null default now()
    )`,
  ]),
};

export interface Organisation {
  id: string;
  name: string;
  kind: string;
  rsin: string | null;
  phone: string | null;
  openingHours: string | null;
  website: string | null;
}

export async function upsertOrganisation(db: Db | Trx, o: Organisation): Promise<void> {
  const row = {
    id: o.id,
    name: o.name,
    kind: o.kind,
    rsin: o.rsin,
    phone: o.phone,
    opening_hours: o.openingHours,
    website: o.website,
  };
  await db
    .insertInto('organisation')
    .values(row)
    .onConflict((oc) => oc.column('id').doUpdateSet(row))
    .execute();
  cached.forgetAll();
}

/**
 * Organisations are read on nearly every page (names in headers, contact details on cases) and change a
 * few times a year, so reads outside a transaction are cached per database for a few seconds. A change
 * through `upsertOrganisation` in this process is seen at once; one by another process within the TTL.
 */
const cached = new DbMemo<Organisation | null>({
  maxEntries: 1_000,
  rememberMs: 5_000,
  remember: (organisation) => organisation !== null,
});

export async function getOrganisation(
  db: Db | Trx,
  id: string,
  /** Inside a transaction: the database whose cache to use (reads still go through the transaction). */
  cacheOf?: Db,
): Promise<Organisation | null> {
  const key = cacheOf ?? (db.isTransaction ? null : db);
  if (!key) return readOrganisation(db, id);
  return cached.read(key, id, async () => {
    const value = await readOrganisation(db, id);
    return value && Object.freeze(value);
  });
}

async function readOrganisation(db: Db | Trx, id: string): Promise<Organisation | null> {
  const r = await db.selectFrom('organisation').selectAll().where('id', '=', id).executeTakeFirst();
  return r
    ? {
        id: r.id,
        name: r.name,
        kind: r.kind,
        rsin: r.rsin,
        phone: r.phone,
        openingHours: r.opening_hours,
        website: r.website,
      }
    : null;
}

/** Every organisation on this installation, by name. */
export async function listOrganisations(db: Db | Trx): Promise<Organisation[]> {
  const rows = await db.selectFrom('organisation').selectAll().orderBy('name').execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    kind: r.kind,
    rsin: r.rsin,
    phone: r.phone,
    openingHours: r.opening_hours,
    website: r.website,
  }));
}

export async function getSetting<T>(db: Db | Trx, key: string): Promise<T | null> {
  const r = await db.selectFrom('system_setting').select('value').where('key', '=', key).executeTakeFirst();
  return r ? (r.value as T) : null;
}

export async function setSetting(db: Db | Trx, key: string, value: unknown): Promise<void> {
  const json = JSON.stringify(value);
  await db
    .insertInto('system_setting')
    .values({ key, value: json })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: json, updated_at: new Date() }))
    .execute();
}

const OrganisationSchema = Type.Object({
  url: Type.String({ format: 'uri' }),
  id: Type.String(),
  naam: Type.String(),
  soort: Type.String(),
  rsin: Type.Union([Type.String(), Type.Null()]),
  telefoon: Type.Union([Type.String(), Type.Null()]),
  openingstijden: Type.Union([Type.String(), Type.Null()]),
  website: Type.Union([Type.String(), Type.Null()]),
});

/** Loket's own API: the organisations on this installation (contact details shown on every case). */
export function registerOrganisationRoutes(app: App, db: Db, baseUrl: string): void {
  app.get(
    '/organisaties/:id',
    {
      config: { auth: 'zgw' },
      schema: {
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        response: { 200: OrganisationSchema },
        summary: 'Eén organisatie',
        tags: ['organisaties'],
      },
    },
    async (req) => {
      const o = await getOrganisation(db, req.params.id);
      if (!o) throw problems.notFound();
      return {
        url: `${baseUrl}/loket/api/v1/organisaties/${o.id}`,
        id: o.id,
        naam: o.name,
        soort: o.kind,
        rsin: o.rsin,
        telefoon: o.phone,
        openingstijden: o.openingHours,
        website: o.website,
      };
    },
  );
}
