import type { Multipart } from '@fastify/multipart';
import { inTransaction } from '../platform/db/transaction.ts';
import { Problem, problems } from '../platform/http/problem.ts';
import { discard, fileSizeProblem, keepingContentOnlyIfDone, store, sweep } from './content.ts';
import { type Caller, type DocumentenContext, requireDocumentAccess, SCOPES } from './context.ts';
import { eioJson, type PartRow, partJson } from './json.ts';
import { type Conn, loadEio, loadVersion } from './repository.ts';
import { documentenTexts as t } from './texts.nl.ts';

const incorrectLock = () =>
  new Problem(400, 'invalid', 'Invalid input.', t.incorrectLock, [
    { name: 'nonFieldErrors', code: 'incorrect-lock-id', reason: t.incorrectLock },
  ]);

async function partWithDocument(ctx: DocumentenContext, conn: Conn, id: string, forUpdate = false) {
  let q = conn.selectFrom('drc_bestandsdeel').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  const part = (await q.executeTakeFirst()) as (PartRow & { eio_id: string }) | undefined;
  const eio = part && (await loadEio(conn, part.eio_id, forUpdate));
  const version = eio && (await loadVersion(conn, eio));
  if (!part || !eio || !version) throw problems.notFound();
  return { part, eio, json: eioJson(ctx.baseUrl, eio, version) };
}

/** The size limit to hand the multipart parser for a part (one byte more, so a too-long part is noticed). */
export async function partLimit(ctx: DocumentenContext, id: string): Promise<number> {
  const row = await ctx.db
    .selectFrom('drc_bestandsdeel')
    .select('omvang')
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? Number(row.omvang) + 1 : 1;
}

/**
 * PUT /bestandsdelen/{uuid}: one part of a large upload, as multipart/form-data with `lock` and `inhoud`.
 * The part streams straight into the document storage (never whole in memory) and must be exactly
 * `omvang` bytes; uploading a part again replaces it.
 */
export async function uploadPart(
  ctx: DocumentenContext,
  caller: Caller,
  id: string,
  form: AsyncIterable<Multipart>,
) {
  const first = await partWithDocument(ctx, ctx.db, id);
  requireDocumentAccess(caller, [SCOPES.bijwerken], first.json);
  const omvang = Number(first.part.omvang);
  let lock: string | undefined;
  let stored: { key: string; size: number } | null = null;
  try {
    for await (const field of form) {
      if (field.type === 'field') {
        if (field.fieldname === 'lock') {
          lock = String(field.value);
          if (lock !== first.eio.lock) throw incorrectLock();
        }
      } else if (field.fieldname === 'inhoud' && stored === null) {
        if (lock !== undefined && lock !== first.eio.lock) throw incorrectLock();
        stored = await store(ctx, field.file, omvang);
        if (field.file.truncated) throw fileSizeProblem(omvang, omvang + 1);
      } else {
        field.file.resume();
      }
    }
  } catch (err) {
    if (stored) await ctx.storage.delete(stored.key).catch(() => {});
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
      throw fileSizeProblem(omvang, omvang + 1);
    throw err;
  }
  if (lock === undefined)
    throw problems.validation([{ name: 'lock', code: 'required', reason: t.required }], t.missingLock);
  const key = stored?.key ?? null;
  const result = await keepingContentOnlyIfDone(ctx, [key], () =>
    inTransaction(ctx.db, async (trx) => {
      const now = await partWithDocument(ctx, trx, id, true);
      if (lock !== now.eio.lock) throw incorrectLock();
      if (key !== null) {
        await discard(trx, [now.part.content_key]);
        await trx.updateTable('drc_bestandsdeel').set({ content_key: key }).where('id', '=', id).execute();
      }
      return partJson(ctx.baseUrl, { ...now.part, content_key: key ?? now.part.content_key }, now.eio.lock);
    }),
  );
  void sweep(ctx);
  return result;
}
