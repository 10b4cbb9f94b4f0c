import type { Transaction } from 'kysely';
import type { Db } from './database.ts';

// biome-ignore lint/suspicious/noExplicitAny: see Db
export type Trx = Transaction<any>;

/**
 * The one way to open a transaction. Inside an existing transaction it joins it, so a service
 * function can be called on its own or as part of a larger unit of work.
 */
export async function inTransaction<T>(db: Db | Trx, work: (trx: Trx) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db as Trx);
  return db.transaction().execute(work);
}
