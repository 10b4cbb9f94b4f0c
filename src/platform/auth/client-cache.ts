import type { Database, Db } from '../db/database.ts';
import { DbMemo } from '../db/memo.ts';

/**
 * What checking a ZGW request reads about its API client — the client's secret, its applicatie and
 * autorisaties — remembered per database handle and forgotten as soon as any of it changes:
 *
 * - in this process, right after the changing transaction commits (`clientsChanged`, called by the code
 *   that writes those tables), so a change applies to the very next request;
 * - in every process, through `pg_notify` on CLIENTS_CHANNEL, sent by triggers on the tables
 *   (`api_client_secret`, `applicatie`, `applicatie_client`, `autorisatie`) at commit.
 *
 * A read that overlaps a change (the generation moved while it ran) is answered but not remembered, so a
 * value read before a commit never outlives the commit's invalidation.
 */
export const CLIENTS_CHANNEL = 'loket_api_clients';

/** The trigger function the tables' triggers call (created by the auth migrations). */
export const CLIENTS_CHANGED_FUNCTION = `create or replace function loket_api_clients_changed() returns trigger
  language plpgsql as $$ begin perform pg_notify('${CLIENTS_CHANNEL}', ''); return null; end $$`;

export const clientsChangedTrigger = (table: string) =>
  `create or replace trigger ${table}_clients_changed after insert or update or delete or truncate on ${table}
    for each statement execute function loket_api_clients_changed()`;

const memo = new DbMemo<unknown>({ maxEntries: 10_000 });

/** The remembered value of `key`, or `read()`'s (remembered unless undefined or overlapping a change). */
export async function cachedClientRead<T>(db: Db, key: string, read: () => Promise<T>): Promise<T> {
  return (await memo.read(db, key, read)) as T;
}

/** Forgets everything remembered about API clients of this database handle (call after the commit). */
export function clientsChanged(db: Db): void {
  memo.forget(db);
}

/** Forgets on every change committed by any process (the tables' triggers notify). */
export async function listenForClientChanges(database: Database): Promise<void> {
  await database.listen(CLIENTS_CHANNEL, () => clientsChanged(database.db));
}
