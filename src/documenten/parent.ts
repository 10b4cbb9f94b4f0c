import { sql } from 'kysely';
import type { Trx } from '../platform/db/transaction.ts';
import { problems } from '../platform/http/problem.ts';
import {
  type Caller,
  type DocumentenContext,
  eioIdOf,
  readableTypes,
  requireDocumentAccess,
} from './context.ts';
import { type EioJson, eioJson } from './json.ts';
import { type Conn, loadEio, loadVersion } from './repository.ts';
import { documentenTexts as t } from './texts.nl.ts';

/**
 * The document a gebruiksrecht, verzending or objectinformatieobject belongs to, given by its URL in
 * field `field`: `no_match` when it is no document URL of this API, `does_not_exist` when there is no
 * such document. The caller must hold one of `scopes` for it.
 */
export async function parentDocument(
  ctx: DocumentenContext,
  conn: Conn,
  caller: Caller,
  scopes: string[],
  url: string,
  field = 'informatieobject',
): Promise<{ id: string; json: EioJson }> {
  const id = eioIdOf(ctx.baseUrl, url);
  if (!id) throw problems.invalidField(field, 'no_match', t.eioNotFound);
  const eio = await loadEio(conn, id);
  const version = eio && (await loadVersion(conn, eio));
  if (!eio || !version) throw problems.invalidField(field, 'does_not_exist', t.eioNotFound);
  const json = eioJson(ctx.baseUrl, eio, version);
  requireDocumentAccess(caller, scopes, json);
  return { id, json };
}

/** The document of a child row by its id (the row exists, so the document does). */
export async function documentById(
  ctx: DocumentenContext,
  conn: Conn,
  caller: Caller,
  scopes: string[],
  id: string,
) {
  const eio = await loadEio(conn, id);
  const version = eio && (await loadVersion(conn, eio));
  if (!eio || !version) throw problems.notFound();
  const json = eioJson(ctx.baseUrl, eio, version);
  requireDocumentAccess(caller, scopes, json);
  return json;
}

/**
 * A where-clause for child rows (alias `c`, with `eio_id`) limited to documents the caller may read,
 * and optionally to one document by URL.
 */
export function childrenOfReadable(ctx: DocumentenContext, caller: Caller, informatieobject?: string) {
  const allowed = readableTypes(caller);
  const parts = [];
  if (informatieobject !== undefined)
    parts.push(
      sql`c.eio_id = ${eioIdOf(ctx.baseUrl, informatieobject) ?? '00000000-0000-0000-0000-000000000000'}`,
    );
  if (allowed)
    parts.push(
      allowed.size === 0
        ? sql`false`
        : sql`exists (select 1 from drc_eio e where e.id = c.eio_id and (${sql.join(
            [...allowed].map(
              ([type, rank]) =>
                sql`(e.informatieobjecttype = ${type} and e.vertrouwelijkheid_rank <= ${rank})`,
            ),
            sql` or `,
          )}))`,
    );
  return parts.length === 0 ? sql<boolean>`true` : sql<boolean>`${sql.join(parts, sql` and `)}`;
}

/** Sets the latest version's indicatieGebruiksrecht (gebruiksrechten decide it, not the client). */
export async function setIndicatie(trx: Trx, eioId: string, value: boolean | null): Promise<void> {
  await sql`update drc_eio_version v set data = jsonb_set(v.data, '{indicatieGebruiksrecht}', ${JSON.stringify(value)}::jsonb)
    from drc_eio e where e.id = v.eio_id and v.versie = e.versie and e.id = ${eioId}`.execute(trx);
}
