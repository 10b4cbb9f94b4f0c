import { randomUUID } from 'node:crypto';
import { inTransaction, type Trx } from '../platform/db/transaction.ts';
import { problems } from '../platform/http/problem.ts';
import { requireChange, requireOpen, requireZaak, SCOPES } from './access.ts';
import { type Actie, announce } from './events.ts';
import { partUrl, zaakJson, zaakUrl } from './json.ts';
import { parentZaak, requireUnchanged, typeOfZaak } from './parts.ts';
import { loadZaak, updateZaakRow } from './store.ts';
import { zakenTexts as t } from './texts.nl.ts';
import type { Caller, ZakenContext } from './types.ts';

/** The resultaat of a zaak: at most one; its resultaattype decides the archiving when the zaak closes. */

export interface ResultaatRow {
  id: string;
  zaak_id: string;
  resultaattype: string;
  toelichting: string;
}

export function resultaatJson(baseUrl: string, r: ResultaatRow) {
  return {
    url: partUrl(baseUrl, 'resultaten', r.id),
    uuid: r.id,
    zaak: zaakUrl(baseUrl, r.zaak_id),
    resultaattype: r.resultaattype,
    toelichting: r.toelichting ?? '',
  };
}

export async function createResultaat(ctx: ZakenContext, caller: Caller, body: Record<string, unknown>) {
  return inTransaction(ctx.db, async (trx) => {
    const zaak = await parentZaak(ctx, trx, caller, body.zaak, [SCOPES.bijwerken, SCOPES.geforceerd]);
    if (zaak.resultaat_id) throw problems.invalidField('zaak', 'unique', t.resultaatExists);
    requireOpen(caller, zaak);
    await typeOfZaak(ctx, trx, 'resultaattype', body.resultaattype, 'resultaattypen', zaak);
    const row: ResultaatRow = {
      id: randomUUID(),
      zaak_id: zaak.id,
      resultaattype: body.resultaattype as string,
      toelichting: (body.toelichting as string) ?? '',
    };
    await trx
      .insertInto('zrc_resultaat')
      .values({ ...row, organisation_id: zaak.organisation_id })
      .execute();
    const after = await updateZaakRow(trx, zaak, { resultaat_id: row.id });
    const json = resultaatJson(ctx.baseUrl, row);
    await announce(trx, caller, zaakJson(ctx.baseUrl, after), {
      resource: 'resultaat',
      url: json.url,
      actie: 'create',
      oud: null,
      nieuw: json,
    });
    return json;
  });
}

async function lockedResultaat(trx: Trx, id: string): Promise<ResultaatRow> {
  const row = await trx
    .selectFrom('zrc_resultaat')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw problems.notFound();
  return row as ResultaatRow;
}

export async function readResultaat(ctx: ZakenContext, caller: Caller, id: string) {
  const r = await ctx.db.selectFrom('zrc_resultaat').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw problems.notFound();
  requireZaak(caller, await loadZaak(ctx.db, r.zaak_id as string), [SCOPES.lezen]);
  return resultaatJson(ctx.baseUrl, r as ResultaatRow);
}

/** Changes a resultaat (type and toelichting; not its zaak); a closed zaak needs the forced scope. */
export async function updateResultaat(
  ctx: ZakenContext,
  caller: Caller,
  id: string,
  body: Record<string, unknown>,
  partial: boolean,
) {
  return inTransaction(ctx.db, async (trx) => {
    const row = await lockedResultaat(trx, id);
    const zaak = await loadZaak(trx, row.zaak_id, true);
    requireChange(caller, zaak);
    requireUnchanged(body, { zaak: zaakUrl(ctx.baseUrl, zaak.id) }, ['zaak']);
    if (body.resultaattype !== undefined)
      await typeOfZaak(ctx, trx, 'resultaattype', body.resultaattype, 'resultaattypen', zaak);
    const after: ResultaatRow = {
      ...row,
      resultaattype: (body.resultaattype as string) ?? row.resultaattype,
      toelichting: (body.toelichting as string) ?? (partial ? row.toelichting : ''),
    };
    await trx
      .updateTable('zrc_resultaat')
      .set({ resultaattype: after.resultaattype, toelichting: after.toelichting })
      .where('id', '=', id)
      .execute();
    const json = resultaatJson(ctx.baseUrl, after);
    const actie: Actie = partial ? 'partial_update' : 'update';
    await announce(trx, caller, zaakJson(ctx.baseUrl, zaak), {
      resource: 'resultaat',
      url: json.url,
      actie,
      oud: resultaatJson(ctx.baseUrl, row),
      nieuw: json,
    });
    return json;
  });
}

export async function deleteResultaat(ctx: ZakenContext, caller: Caller, id: string) {
  await inTransaction(ctx.db, async (trx) => {
    const row = await lockedResultaat(trx, id);
    const zaak = await loadZaak(trx, row.zaak_id, true);
    requireChange(caller, zaak);
    await trx.deleteFrom('zrc_resultaat').where('id', '=', id).execute();
    const after = await updateZaakRow(trx, zaak, { resultaat_id: null });
    const json = resultaatJson(ctx.baseUrl, row);
    await announce(trx, caller, zaakJson(ctx.baseUrl, after), {
      resource: 'resultaat',
      url: json.url,
      actie: 'destroy',
      oud: json,
      nieuw: null,
    });
  });
}
