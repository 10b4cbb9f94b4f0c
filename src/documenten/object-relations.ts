import { sql } from 'kysely';
import type { Db } from '../platform/db/database.ts';
import { type MigrationSet, sqlMigration } from '../platform/db/migrate.ts';
import type { Trx } from '../platform/db/transaction.ts';

/**
 * The ObjectInformatieObject relation of the Documenten API: which zaak or besluit a document belongs to.
 * The Zaken and Besluiten modules own their side (zaakinformatieobject, besluitinformatieobject) and mirror
 * it here **in the same transaction** through `linkObject` / `unlinkObject`; the Documenten API reads it
 * (GET /objectinformatieobjecten, refusing to delete a document that still has relations).
 *
 * `informatieobject` and `object` are the absolute ZGW URLs as the client gave them; `informatieobjectId`
 * is set when the document lives in this Loket (the UUID at the end of a local URL), so joins stay local.
 */
export type ObjectType = 'zaak' | 'besluit' | 'verzoek';

export interface ObjectRelation {
  id: string;
  informatieobject: string;
  informatieobjectId: string | null;
  object: string;
  objectType: ObjectType;
}

export const objectRelationMigrations: MigrationSet = {
  '2026_11_23_1000_documenten_object_relations': sqlMigration([
    `create table drc_object_informatieobject (
      id uuid primary key,
      informatieobject text not null,
      informatieobject_id uuid,
      object text not null,
      object_type text not null check (object_type in ('zaak', 'besluit')),
      created_at timestamptz not null default now(),
      unique (informatieobject, object)
    )`,
    'create index drc_oio_informatieobject_id on drc_object_informatieobject (informatieobject_id)',
    'create index drc_oio_object on drc_object_informatieobject (object)',
  ]),
};

const UUID_AT_END = /\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/?$/i;

/** Records that a zaak or besluit uses a document. Idempotent: linking twice keeps one relation. */
export async function linkObject(
  trx: Trx,
  relation: { informatieobject: string; object: string; objectType: ObjectType; id?: string },
): Promise<void> {
  await trx
    .insertInto('drc_object_informatieobject')
    .values({
      id: relation.id ?? crypto.randomUUID(),
      informatieobject: relation.informatieobject,
      informatieobject_id: UUID_AT_END.exec(relation.informatieobject)?.[1] ?? null,
      object: relation.object,
      object_type: relation.objectType,
    })
    .onConflict((oc) => oc.columns(['informatieobject', 'object']).doNothing())
    .execute();
}

/** Removes the mirror of one zaak/besluit–document relation. */
export async function unlinkObject(
  trx: Trx,
  relation: { informatieobject: string; object: string },
): Promise<void> {
  await trx
    .deleteFrom('drc_object_informatieobject')
    .where('informatieobject', '=', relation.informatieobject)
    .where('object', '=', relation.object)
    .execute();
}

/** Removes every mirrored relation of a zaak or besluit that is being deleted. */
export async function unlinkAllOf(trx: Trx, object: string): Promise<void> {
  await trx.deleteFrom('drc_object_informatieobject').where('object', '=', object).execute();
}

function toRelation(row: Record<string, unknown>): ObjectRelation {
  return {
    id: row.id as string,
    informatieobject: row.informatieobject as string,
    informatieobjectId: (row.informatieobject_id as string | null) ?? null,
    object: row.object as string,
    objectType: row.object_type as ObjectType,
  };
}

/** The relations, filtered like GET /objectinformatieobjecten (?object=, ?informatieobject=). */
export async function listObjectRelations(
  db: Db | Trx,
  filter: { object?: string; informatieobject?: string; informatieobjectId?: string },
): Promise<ObjectRelation[]> {
  let q = db.selectFrom('drc_object_informatieobject').selectAll();
  if (filter.object) q = q.where('object', '=', filter.object);
  if (filter.informatieobject) q = q.where('informatieobject', '=', filter.informatieobject);
  if (filter.informatieobjectId) q = q.where('informatieobject_id', '=', filter.informatieobjectId);
  const rows = await q.orderBy('created_at').orderBy('id').execute();
  return rows.map(toRelation);
}

/** How many zaken/besluiten use a local document (a document with relations cannot be deleted). */
export async function countRelations(db: Db | Trx, informatieobjectId: string): Promise<number> {
  const row = await db
    .selectFrom('drc_object_informatieobject')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('informatieobject_id', '=', informatieobjectId)
    .executeTakeFirstOrThrow();
  return row.n;
}

/** One relation by its id (the uuid of /objectinformatieobjecten/{uuid}), or null. */
export async function getObjectRelation(db: Db | Trx, id: string): Promise<ObjectRelation | null> {
  const row = await db
    .selectFrom('drc_object_informatieobject')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toRelation(row) : null;
}
