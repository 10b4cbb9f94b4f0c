import { randomUUID } from 'node:crypto';
import { inTransaction, type Trx } from '../platform/db/transaction.ts';
import { Problem, problems } from '../platform/http/problem.ts';
import { hasScope, requireZaak, SCOPES } from './access.ts';
import { archiveOnClose } from './archive.ts';
import { announce } from './events.ts';
import { partUrl, zaakJson, zaakUrl } from './json.ts';
import { parentZaak, parseDateTime, typeOfZaak } from './parts.ts';
import { type Conn, loadZaak, updateZaakRow, type ZaakChanges, type ZaakRow } from './store.ts';
import { zakenTexts as t } from './texts.nl.ts';
import type { Caller, ZakenContext } from './types.ts';

/** Statussen: the course of a zaak. The end status closes it; a status on a closed zaak reopens it. */

export interface StatusRow {
  id: string;
  zaak_id: string;
  statustype: string;
  datum_status_gezet: Date | string;
  gezetdoor: string | null;
  data: Record<string, unknown>;
}

export function statusJson(baseUrl: string, r: StatusRow, laatst: boolean, zios: string[] = []) {
  return {
    url: partUrl(baseUrl, 'statussen', r.id),
    uuid: r.id,
    zaak: zaakUrl(baseUrl, r.zaak_id),
    statustype: r.statustype,
    datumStatusGezet: new Date(r.datum_status_gezet).toISOString(),
    statustoelichting: (r.data.statustoelichting as string) ?? '',
    indicatieLaatstGezetteStatus: laatst,
    gezetdoor: r.gezetdoor ?? null,
    zaakinformatieobjecten: zios,
  };
}

/** Closing needs a resultaat, and every document of the zaak with its gebruiksrechten settled. */
async function checkClosable(ctx: ZakenContext, trx: Trx, zaak: ZaakRow) {
  if (!zaak.resultaat_id)
    throw problems.validation([
      { name: 'nonFieldErrors', code: 'resultaat-does-not-exist', reason: t.noResultaat },
    ]);
  const links = await trx
    .selectFrom('zrc_zaak_child')
    .select('ref')
    .where('zaak_id', '=', zaak.id)
    .where('kind', '=', 'zaakinformatieobject')
    .execute();
  for (const { ref } of links) {
    const document = await ctx.local.lookup(trx, ref as string);
    if (
      document &&
      (document.indicatieGebruiksrecht === null || document.indicatieGebruiksrecht === undefined)
    )
      throw problems.validation([
        { name: 'nonFieldErrors', code: 'indicatiegebruiksrecht-unset', reason: t.gebruiksrechten },
      ]);
  }
}

/** What closing (or reopening) does to the zaak's own fields. */
async function closingChanges(
  ctx: ZakenContext,
  trx: Trx,
  zaak: ZaakRow,
  closing: boolean,
  gezet: Date,
): Promise<ZaakChanges> {
  if (!closing)
    return zaak.einddatum ? { einddatum: null, archiefnominatie: null, archiefactiedatum: null } : {};
  await checkClosable(ctx, trx, zaak);
  const resultaat = await trx
    .selectFrom('zrc_resultaat')
    .select('resultaattype')
    .where('id', '=', zaak.resultaat_id as string)
    .executeTakeFirstOrThrow();
  const resultaattype = await ctx.local.resolve(trx, 'resultaattype', resultaat.resultaattype, {
    api: 'catalogi',
    resource: 'resultaattypen',
  });
  const einddatum = gezet.toISOString().slice(0, 10);
  return { einddatum, ...(await archiveOnClose(ctx, trx, { ...zaak, einddatum }, resultaattype, einddatum)) };
}

/** Who may set this status: adding to a closed zaak is reopening (or, for an end status, forcing). */
function requireStatusRights(caller: Caller, zaak: ZaakRow, closing: boolean, first: boolean) {
  const may = (scope: string) => hasScope(caller, scope, zaak.zaaktype);
  if (zaak.einddatum) {
    const allowed = closing ? may(SCOPES.geforceerd) : may(SCOPES.heropenen) || may(SCOPES.geforceerd);
    if (!allowed) throw new Problem(403, 'permission_denied', t.closedTitle, closing ? t.closed : t.reopen);
  }
  // With only `zaken.aanmaken` a client sets the first status of the zaak it creates, no more.
  if (
    !first &&
    !(may(SCOPES.statussen) || may(SCOPES.bijwerken) || may(SCOPES.heropenen) || may(SCOPES.geforceerd))
  )
    throw problems.permissionDenied();
}

/**
 * Sets a status. The end status (the statustype with the highest volgnummer, `isEindstatus`) closes the
 * zaak: it needs a resultaat, sets einddatum and derives archiefnominatie and archiefactiedatum. A status
 * on a closed zaak reopens it (`zaken.heropenen`) and clears those fields.
 */
export async function createStatus(
  ctx: ZakenContext,
  caller: Caller,
  body: Record<string, unknown>,
  trxIn?: Trx,
) {
  return inTransaction(trxIn ?? ctx.db, async (trx) => {
    const zaak = await parentZaak(ctx, trx, caller, body.zaak, [
      SCOPES.aanmaken,
      SCOPES.statussen,
      SCOPES.bijwerken,
      SCOPES.heropenen,
      SCOPES.geforceerd,
    ]);
    const statustype = await typeOfZaak(ctx, trx, 'statustype', body.statustype, 'statustypen', zaak);
    const closing = statustype.isEindstatus === true;
    requireStatusRights(caller, zaak, closing, zaak.status_id === null);
    const gezet = parseDateTime(body.datumStatusGezet as string);
    const id = randomUUID();
    const changes = { ...(await closingChanges(ctx, trx, zaak, closing, gezet)), status_id: id };
    const row: StatusRow = {
      id,
      zaak_id: zaak.id,
      statustype: body.statustype as string,
      datum_status_gezet: gezet,
      gezetdoor: (body.gezetdoor as string | null | undefined) || null,
      data: { statustoelichting: body.statustoelichting ?? '' },
    };
    await trx
      .insertInto('zrc_status')
      .values({ ...row, organisation_id: zaak.organisation_id, data: JSON.stringify(row.data) })
      .execute();
    const after = await updateZaakRow(trx, zaak, changes);
    const json = statusJson(ctx.baseUrl, row, true);
    await announce(trx, caller, zaakJson(ctx.baseUrl, after), {
      resource: 'status',
      url: json.url,
      actie: 'create',
      oud: null,
      nieuw: json,
    });
    return json;
  });
}

/** The statussen of a page, each with the documents linked at that status. */
export async function statusPage(
  db: Conn,
  baseUrl: string,
  rows: (StatusRow & { zaak_status_id: string | null })[],
) {
  const ids = rows.map((r) => partUrl(baseUrl, 'statussen', r.id));
  const zios = new Map<string, string[]>();
  if (ids.length > 0) {
    const links = await db
      .selectFrom('zrc_zaak_child')
      .select(['id', 'data'])
      .where('kind', '=', 'zaakinformatieobject')
      .where('zaak_id', 'in', [...new Set(rows.map((r) => r.zaak_id))])
      .execute();
    for (const l of links) {
      const status = (l.data as { status?: string | null }).status;
      if (status)
        zios.set(status, [...(zios.get(status) ?? []), partUrl(baseUrl, 'zaakinformatieobjecten', l.id)]);
    }
  }
  return rows.map((r, i) => statusJson(baseUrl, r, r.zaak_status_id === r.id, zios.get(ids[i]) ?? []));
}

export async function readStatus(ctx: ZakenContext, caller: Caller, id: string) {
  const r = (await ctx.db.selectFrom('zrc_status').selectAll().where('id', '=', id).executeTakeFirst()) as
    | StatusRow
    | undefined;
  if (!r) throw problems.notFound();
  const zaak = await loadZaak(ctx.db, r.zaak_id);
  requireZaak(caller, zaak, [SCOPES.lezen]);
  const [json] = await statusPage(ctx.db, ctx.baseUrl, [{ ...r, zaak_status_id: zaak.status_id }]);
  return json;
}

/** Sets a status without HTTP (the case engine): the same rules, in the caller's transaction. */
export async function setStatus(
  trx: Trx,
  ctx: Omit<ZakenContext, 'db'>,
  caller: Caller,
  input: { zaak: string; statustype: string; datumStatusGezet?: Date; statustoelichting?: string },
) {
  return createStatus(
    { ...ctx, db: trx as unknown as ZakenContext['db'] },
    caller,
    {
      zaak: zaakUrl(ctx.baseUrl, input.zaak),
      statustype: input.statustype,
      datumStatusGezet: (input.datumStatusGezet ?? new Date()).toISOString(),
      statustoelichting: input.statustoelichting ?? '',
    },
    trx,
  );
}
