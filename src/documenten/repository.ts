import type { Db } from '../platform/db/database.ts';
import type { Trx } from '../platform/db/transaction.ts';
import { parseDateTime } from '../zgw/datetime.ts';
import { type EioRow, eioJson, type PartRow, type VersionRow } from './json.ts';

export type Conn = Db | Trx;

export interface StoredEio extends EioRow {
  organisation_id: string;
  informatieobjecttype: string;
  vertrouwelijkheid_rank: number;
}

export async function loadEio(db: Conn, id: string, forUpdate = false): Promise<StoredEio | null> {
  let q = db.selectFrom('drc_eio').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  return ((await q.executeTakeFirst()) as StoredEio | undefined) ?? null;
}

/**
 * One version of a document: the latest, the given `versie`, or the one registered at `registratieOp`
 * (the newest version whose beginRegistratie is at or before that moment).
 */
export async function loadVersion(
  db: Conn,
  eio: EioRow,
  at: { versie?: number; registratieOp?: string } = {},
): Promise<VersionRow | null> {
  let q = db.selectFrom('drc_eio_version').selectAll().where('eio_id', '=', eio.id);
  if (at.versie !== undefined) q = q.where('versie', '=', at.versie);
  else if (at.registratieOp !== undefined)
    q = q
      .where('begin_registratie', '<=', parseDateTime(at.registratieOp))
      .orderBy('versie', 'desc')
      .limit(1);
  else q = q.where('versie', '=', eio.versie);
  return ((await q.executeTakeFirst()) as VersionRow | undefined) ?? null;
}

export async function loadParts(db: Conn, eioId: string): Promise<PartRow[]> {
  return (await db
    .selectFrom('drc_bestandsdeel')
    .selectAll()
    .where('eio_id', '=', eioId)
    .orderBy('volgnummer')
    .execute()) as PartRow[];
}

/** The document's JSON as GET shows it (the latest version unless asked otherwise), or null. */
export async function readEioJson(
  db: Conn,
  baseUrl: string,
  id: string,
  at: { versie?: number; registratieOp?: string } = {},
) {
  const eio = await loadEio(db, id);
  if (!eio) return null;
  const version = await loadVersion(db, eio, at);
  if (!version) return null;
  return { eio, json: eioJson(baseUrl, eio, version, await loadParts(db, id)) };
}
