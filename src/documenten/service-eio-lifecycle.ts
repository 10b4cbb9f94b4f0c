import { inTransaction } from '../platform/db/transaction.ts';
import { Problem, problems } from '../platform/http/problem.ts';
import { discard, keepingContentOnlyIfDone, store, sweep } from './content.ts';
import {
  announce,
  type Caller,
  type DocumentenContext,
  mayDo,
  requireDocumentAccess,
  SCOPES,
} from './context.ts';
import { eioJson } from './json.ts';
import { countRelations } from './object-relations.ts';
import { type Conn, loadEio, loadParts, loadVersion } from './repository.ts';
import { newLock, wipeParts } from './service-eio-write.ts';
import { concatenated } from './storage.ts';
import { documentenTexts as t } from './texts.nl.ts';

const refuse = (code: string, reason: string) =>
  new Problem(400, 'invalid', 'Invalid input.', reason, [{ name: 'nonFieldErrors', code, reason }]);

async function current(ctx: DocumentenContext, conn: Conn, id: string, forUpdate = false) {
  const eio = await loadEio(conn, id, forUpdate);
  const version = eio && (await loadVersion(conn, eio));
  if (!eio || !version) throw problems.notFound();
  return { eio, version, json: eioJson(ctx.baseUrl, eio, version) };
}

/** Checks a document out: answers the lock that PUT, PATCH, bestandsdelen and unlock need. */
export async function lockEio(ctx: DocumentenContext, caller: Caller, id: string): Promise<{ lock: string }> {
  return inTransaction(ctx.db, async (trx) => {
    const { eio, json } = await current(ctx, trx, id, true);
    requireDocumentAccess(caller, [SCOPES.lock], json);
    if (eio.lock) throw refuse('existing-lock', t.existingLock);
    const lock = newLock();
    await trx.updateTable('drc_eio').set({ lock }).where('id', '=', id).execute();
    return { lock };
  });
}

/**
 * Checks a document in. With the right lock, or without it (forced) with `documenten.geforceerd-unlock`. When all
 * bestandsdelen have arrived they are joined, streaming, into the content of the current version (outside
 * the transaction: joining gigabytes must not hold the database); a forced unlock of an incomplete upload
 * drops the parts and leaves the version without content.
 */
export async function unlockEio(
  ctx: DocumentenContext,
  caller: Caller,
  id: string,
  lock: string | undefined,
): Promise<void> {
  const before = await current(ctx, ctx.db, id);
  requireDocumentAccess(caller, [SCOPES.lock, SCOPES.geforceerdUnlock], before.json);
  // Whoever brings the right lock unlocks normally; only without it does the forced-unlock scope count.
  const forced = (lock ?? '') !== before.eio.lock && mayDo(caller, SCOPES.geforceerdUnlock, before.json);
  const parts = await loadParts(ctx.db, id);
  const complete = parts.length > 0 && parts.every((p) => p.content_key !== null);
  if (!forced) {
    if ((lock ?? '') !== before.eio.lock) throw refuse('incorrect-lock-id', t.incorrectLock);
    if (parts.length > 0 && !complete) throw refuse('incomplete-upload', t.incompleteUpload);
    if (
      parts.length === 0 &&
      before.version.content_key === null &&
      Number(before.version.bestandsomvang) > 0
    )
      throw refuse('file-size', t.emptyFile);
  }
  const total = parts.reduce((sum, p) => sum + Number(p.omvang), 0);
  const joined = complete
    ? await store(
        ctx,
        concatenated(
          ctx.storage,
          parts.map((p) => p.content_key as string),
        ),
        total,
      )
    : null;
  await keepingContentOnlyIfDone(ctx, [joined?.key], () =>
    inTransaction(ctx.db, async (trx) => {
      const now = await current(ctx, trx, id, true);
      const nowParts = await loadParts(trx, id);
      const same =
        now.eio.lock === before.eio.lock &&
        now.eio.versie === before.eio.versie &&
        nowParts.map((p) => `${p.id}:${p.content_key}`).join() ===
          parts.map((p) => `${p.id}:${p.content_key}`).join();
      // Someone else changed the document while the parts were being joined: this unlock no longer applies.
      if (!same) throw refuse('incorrect-lock-id', t.incorrectLock);
      if (parts.length > 0) {
        await trx
          .updateTable('drc_eio_version')
          .set(joined ? { content_key: joined.key, bestandsomvang: joined.size } : { bestandsomvang: null })
          .where('eio_id', '=', id)
          .where('versie', '=', now.eio.versie)
          .execute();
        await wipeParts(trx, id);
      }
      await trx.updateTable('drc_eio').set({ lock: '' }).where('id', '=', id).execute();
    }),
  );
  void sweep(ctx);
}

/**
 * Deletes a document with all its versions, gebruiksrechten and verzendingen. Refused while a zaak or
 * besluit still uses it (`pending-relations`) and while it is locked (`destroy-locked`).
 */
export async function deleteEio(ctx: DocumentenContext, caller: Caller, id: string): Promise<void> {
  await inTransaction(ctx.db, async (trx) => {
    const { eio, json } = await current(ctx, trx, id, true);
    requireDocumentAccess(caller, [SCOPES.verwijderen], json);
    if ((await countRelations(trx, id)) > 0) throw refuse('pending-relations', t.pendingRelations);
    if (eio.lock) throw refuse('destroy-locked', t.destroyLocked);
    const versions = await trx
      .selectFrom('drc_eio_version')
      .select('content_key')
      .where('eio_id', '=', id)
      .execute();
    const parts = await trx
      .selectFrom('drc_bestandsdeel')
      .select('content_key')
      .where('eio_id', '=', id)
      .execute();
    await discard(
      trx,
      [...versions, ...parts].map((r) => r.content_key as string | null),
    );
    await trx.deleteFrom('drc_eio').where('id', '=', id).execute();
    await announce(trx, caller, json, 'destroy', {
      resource: 'enkelvoudiginformatieobject',
      url: json.url,
      oud: json,
      nieuw: null,
    });
  });
  void sweep(ctx);
}
