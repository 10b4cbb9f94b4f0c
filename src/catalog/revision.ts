import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../platform/db/database.ts';
import type { Trx } from '../platform/db/transaction.ts';

/**
 * The catalogue's revision: one number that every catalogue write raises in its transaction
 * (`bumpRevision`, repository.ts). What is remembered of the catalogue (list pages, cache.ts; the zaaktypen
 * new zaken refer to, zaken/service-zaak.ts) is valid as long as the revision is the one it was read at.
 */
export const catalogRevision = (): RawBuilder<number> =>
  sql<number>`(select revision from catalog_revision where id = 1)`;

export async function currentRevision(db: Db | Trx): Promise<number> {
  const { rows } = await sql<{ revision: string | number }>`select ${catalogRevision()} as revision`.execute(
    db,
  );
  return Number(rows[0]?.revision ?? 0);
}
