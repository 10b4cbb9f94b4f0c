import { randomUUID } from 'node:crypto';
import { linkObject, unlinkObject } from '../documenten/object-relations.ts';
import { inTransaction, type Trx } from '../platform/db/transaction.ts';
import { problems } from '../platform/http/problem.ts';
import { requireOpen, requireZaak, SCOPES } from './access.ts';
import { type Actie, announce } from './events.ts';
import { zaakJson, zaakUrl } from './json.ts';
import { type ChildKind, type ChildRow, KINDS } from './kinds.ts';
import { parentZaak, requireUnchanged } from './parts.ts';
import { loadZaak, type ZaakRow } from './store.ts';
import { zakenTexts as t } from './texts.nl.ts';
import type { Caller, ZakenContext } from './types.ts';

/** Create, read, change and delete the simpler parts of a zaak (kinds.ts), with their events. */

const CREATE_SCOPES = [SCOPES.aanmaken, SCOPES.bijwerken, SCOPES.geforceerd];

export function childJson(baseUrl: string, row: ChildRow) {
  return KINDS[row.kind].json(baseUrl, row);
}

async function childRow(
  db: Trx | ZakenContext['db'],
  kind: ChildKind,
  id: string,
  zaakId?: string,
  lock = false,
) {
  let q = db.selectFrom('zrc_zaak_child').selectAll().where('id', '=', id).where('kind', '=', kind);
  if (zaakId) q = q.where('zaak_id', '=', zaakId);
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw problems.notFound();
  return row as ChildRow;
}

/** The side effects a part has beyond its own row: a document link is mirrored in Documenten. */
async function mirror(ctx: ZakenContext, trx: Trx, row: ChildRow, linked: boolean) {
  if (row.kind !== 'zaakinformatieobject') return;
  const relation = { informatieobject: row.ref, object: zaakUrl(ctx.baseUrl, row.zaak_id) };
  if (linked) await linkObject(trx, { ...relation, objectType: 'zaak' });
  else await unlinkObject(trx, relation);
}

async function announcePart(
  ctx: ZakenContext,
  trx: Trx,
  caller: Caller,
  zaak: ZaakRow,
  kind: ChildKind,
  actie: Actie,
  oud: Record<string, unknown> | null,
  nieuw: Record<string, unknown> | null,
) {
  await announce(trx, caller, zaakJson(ctx.baseUrl, zaak), {
    resource: kind,
    url: ((nieuw ?? oud) as { url: string }).url,
    actie,
    oud,
    nieuw,
  });
}

/** Adds a part to a zaak (`zaakId` for the parts that live under their zaak's URL). */
export async function createChild(
  ctx: ZakenContext,
  caller: Caller,
  kind: ChildKind,
  body: Record<string, unknown>,
  zaakId?: string,
  trxIn?: Trx,
) {
  const spec = KINDS[kind];
  return inTransaction(trxIn ?? ctx.db, async (trx) => {
    const zaak = await parentZaak(
      ctx,
      trx,
      caller,
      zaakId ? zaakUrl(ctx.baseUrl, zaakId) : body.zaak,
      CREATE_SCOPES,
    );
    if (spec.guarded) requireOpen(caller, zaak);
    const { ref, data } = await spec.build(ctx, trx, zaak, body);
    if (kind === 'zaakinformatieobject' || kind === 'zaakbesluit') {
      const exists = await trx
        .selectFrom('zrc_zaak_child')
        .select('id')
        .where('zaak_id', '=', zaak.id)
        .where('kind', '=', kind)
        .where('ref', '=', ref)
        .executeTakeFirst();
      if (exists)
        throw problems.validation([{ name: 'nonFieldErrors', code: 'unique', reason: t.alreadyLinked }]);
    }
    const row: ChildRow = { id: randomUUID(), zaak_id: zaak.id, kind, ref, data, created_at: new Date() };
    await trx
      .insertInto('zrc_zaak_child')
      .values({ ...row, organisation_id: zaak.organisation_id, data: JSON.stringify(data) })
      .execute();
    await mirror(ctx, trx, row, true);
    const json = childJson(ctx.baseUrl, row);
    await announcePart(ctx, trx, caller, zaak, kind, 'create', null, json);
    return json;
  });
}

export async function readChild(
  ctx: ZakenContext,
  caller: Caller,
  kind: ChildKind,
  id: string,
  zaakId?: string,
) {
  const row = await childRow(ctx.db, kind, id, zaakId);
  requireZaak(caller, await loadZaak(ctx.db, row.zaak_id), [SCOPES.lezen]);
  return childJson(ctx.baseUrl, row);
}

/** PUT or PATCH of a part; what it relates (its zaak, document, eigenschap) never changes. */
export async function updateChild(
  ctx: ZakenContext,
  caller: Caller,
  kind: ChildKind,
  id: string,
  body: Record<string, unknown>,
  partial: boolean,
  zaakId?: string,
) {
  const spec = KINDS[kind];
  return inTransaction(ctx.db, async (trx) => {
    const row = await childRow(trx, kind, id, zaakId, true);
    const zaak = await loadZaak(trx, row.zaak_id, true);
    requireZaak(caller, zaak, [SCOPES.bijwerken, SCOPES.geforceerd]);
    if (spec.guarded) requireOpen(caller, zaak);
    const before = childJson(ctx.baseUrl, row);
    requireUnchanged(body, { ...before, zaak: zaakUrl(ctx.baseUrl, zaak.id) }, spec.fixed);
    // Read-only fields in a PUT body (e.g. aardRelatieWeergave) are ignored, as the spec says.
    const { ref, data } = await spec.build(ctx, trx, zaak, { ...before, ...body });
    await trx
      .updateTable('zrc_zaak_child')
      .set({ ref, data: JSON.stringify(data) })
      .where('id', '=', id)
      .execute();
    const json = childJson(ctx.baseUrl, { ...row, ref, data });
    await announcePart(ctx, trx, caller, zaak, kind, partial ? 'partial_update' : 'update', before, json);
    return json;
  });
}

export async function deleteChild(
  ctx: ZakenContext,
  caller: Caller,
  kind: ChildKind,
  id: string,
  zaakId?: string,
) {
  const spec = KINDS[kind];
  await inTransaction(ctx.db, async (trx) => {
    const row = await childRow(trx, kind, id, zaakId, true);
    const zaak = await loadZaak(trx, row.zaak_id, true);
    requireZaak(caller, zaak, [SCOPES.bijwerken, SCOPES.geforceerd, SCOPES.aanmaken]);
    if (spec.guarded) requireOpen(caller, zaak);
    await trx.deleteFrom('zrc_zaak_child').where('id', '=', id).execute();
    await mirror(ctx, trx, row, false);
    await announcePart(ctx, trx, caller, zaak, kind, 'destroy', childJson(ctx.baseUrl, row), null);
  });
}
