import { sql } from 'kysely';
import type { Db } from '../platform/db/database.ts';
import { type MigrationSet, sqlMigration } from '../platform/db/migrate.ts';

/** The demo identity provider keeps its sessions and codes in the database, like everything else. */
export const idpMigrations: MigrationSet = {
  '2026_11_23_0900_demo_idp': sqlMigration([
    `create table demo_idp_store (
      organisation_id text not null default 'demo',
      model text not null,
      id text not null,
      payload jsonb not null,
      grant_id text,
      uid text,
      expires_at timestamptz,
      primary key (model, id)
    )`,
    'create index demo_idp_store_grant on demo_idp_store (grant_id)',
    'create index demo_idp_store_uid on demo_idp_store (uid)',
  ]),
};

type Payload = Record<string, unknown> & { grantId?: string; uid?: string; consumed?: number };

/** An oidc-provider storage adapter over our database (see oidc-provider's Adapter interface). */
export function databaseAdapter(db: Db) {
  return class DatabaseAdapter {
    constructor(private readonly model: string) {}

    async upsert(id: string, payload: Payload, expiresIn?: number) {
      const row = {
        model: this.model,
        id,
        payload: JSON.stringify(payload),
        grant_id: payload.grantId ?? null,
        uid: payload.uid ?? null,
        expires_at: expiresIn ? new Date(Date.now() + expiresIn * 1000) : null,
      };
      await db
        .insertInto('demo_idp_store')
        .values(row)
        .onConflict((oc) => oc.columns(['model', 'id']).doUpdateSet(row))
        .execute();
    }

    private async findWhere(column: 'id' | 'uid', value: string): Promise<Payload | undefined> {
      const row = await db
        .selectFrom('demo_idp_store')
        .select('payload')
        .where('model', '=', this.model)
        .where(column, '=', value)
        .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', sql<Date>`now()`)]))
        .executeTakeFirst();
      return row?.payload as Payload | undefined;
    }

    find(id: string) {
      return this.findWhere('id', id);
    }

    findByUid(uid: string) {
      return this.findWhere('uid', uid);
    }

    async findByUserCode(): Promise<undefined> {
      return undefined; // device flow is not used
    }

    async consume(id: string) {
      await db
        .updateTable('demo_idp_store')
        .set({ payload: sql`payload || jsonb_build_object('consumed', extract(epoch from now())::bigint)` })
        .where('model', '=', this.model)
        .where('id', '=', id)
        .execute();
    }

    async destroy(id: string) {
      await db.deleteFrom('demo_idp_store').where('model', '=', this.model).where('id', '=', id).execute();
    }

    async revokeByGrantId(grantId: string) {
      await db.deleteFrom('demo_idp_store').where('grant_id', '=', grantId).execute();
    }
  };
}
