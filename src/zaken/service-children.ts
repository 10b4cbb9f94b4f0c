import { randomUUID } from 'node:crypto';
import { requireTypeAccess } from '../authz/policy.ts';
import type { Db } from '../platform/db/database.ts';
import { inTransaction, type Trx } from '../platform/db/transaction.ts';
import { Problem, problems } from '../platform/http/problem.ts';
import { Invalid } from '../zgw/invalid.ts';
import { resourceUrl } from '../zgw/urls.ts';
import { zaakJson } from './json.ts';
import { requireOpen } from './service-update.ts';
import { announce, type Caller, loadZaak, rolUrls, type ZakenContext } from './service-zaak.ts';
import { zakenTexts as t } from './texts.nl.ts';

const UUID = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/?$/i;

/** The zaak a child refers to (must be one of ours: `bad-url` otherwise), with the write scope checked. */
async function parentZaak(ctx: ZakenContext, trx: Trx, caller: Caller, url: unknown, scope: string) {
  const invalid = new Invalid();
  const id =
    typeof url === 'string' && url.startsWith(`${ctx.baseUrl}/zaken/api/v1/zaken/`)
      ? UUID.exec(url)?.[1]
      : undefined;
  if (!url) invalid.add('zaak', 'required', t.required).throwIfAny();
  const row = id
    ? await trx
        .selectFrom('zrc_zaak')
        .selectAll()
        .where('id', '=', id.toLowerCase())
        .forUpdate()
        .executeTakeFirst()
    : undefined;
  if (!row) invalid.add('zaak', 'bad-url', 'De URL kan niet opgehaald worden.').throwIfAny();
  const zaak = row as Record<string, unknown>;
  requireTypeAccess(
    caller.auth,
    'zrc',
    [scope, 'zaken.bijwerken'],
    'zaaktype',
    zaak.zaaktype as string,
    zaak.vertrouwelijkheidaanduiding as string,
  );
  return zaak;
}

/** A type of the zaak's zaaktype (statustype, resultaattype, roltype), or a 400 naming the field. */
async function typeOfZaak(
  ctx: ZakenContext,
  trx: Trx,
  field: string,
  url: unknown,
  resource: string,
  zaak: Record<string, unknown>,
) {
  if (!url) throw problems.invalidField(field, 'required', t.required);
  const type = await ctx.local.resolve(trx, field, url as string, { api: 'catalogi', resource });
  if (type.zaaktype !== zaak.zaaktype)
    throw problems.validation([
      { name: 'nonFieldErrors', code: 'zaaktype-mismatch', reason: t.typeMismatch },
    ]);
  return type;
}

function addDuration(date: string, iso: string | null | undefined): string | null {
  const m = iso ? /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/.exec(iso) : null;
  if (!m) return null;
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + Number(m[1] ?? 0));
  d.setUTCMonth(d.getUTCMonth() + Number(m[2] ?? 0));
  d.setUTCDate(d.getUTCDate() + 7 * Number(m[3] ?? 0) + Number(m[4] ?? 0));
  return d.toISOString().slice(0, 10);
}

/** Archive dates when the zaak closes, from its resultaattype (brondatumArchiefprocedure). */
function archiveOnClose(resultaattype: Record<string, unknown>, einddatum: string) {
  const procedure = (resultaattype.brondatumArchiefprocedure ?? {}) as Record<string, unknown>;
  const afleiding = procedure.afleidingswijze as string | undefined;
  const brondatum =
    afleiding === 'afgehandeld'
      ? einddatum
      : afleiding === 'termijn'
        ? addDuration(einddatum, procedure.procestermijn as string)
        : null;
  return {
    archiefnominatie: (resultaattype.archiefnominatie as string | null) ?? null,
    archiefactiedatum: brondatum ? addDuration(brondatum, resultaattype.archiefactietermijn as string) : null,
  };
}

const hasScope = (caller: Caller, scope: string) =>
  caller.auth.all || caller.auth.autorisaties.some((a) => a.component === 'zrc' && a.scopes.includes(scope));

export function statusJson(baseUrl: string, r: Record<string, unknown>, laatst: boolean) {
  const d = (r.data ?? {}) as Record<string, unknown>;
  return {
    url: resourceUrl(baseUrl, 'zaken', 'statussen', r.id as string),
    uuid: r.id as string,
    zaak: resourceUrl(baseUrl, 'zaken', 'zaken', r.zaak_id as string),
    statustype: r.statustype as string,
    datumStatusGezet: new Date(r.datum_status_gezet as string).toISOString(),
    statustoelichting: (d.statustoelichting as string) ?? '',
    indicatieLaatstGezetteStatus: laatst,
    gezetdoor: (d.gezetdoor as string | null) ?? null,
    zaakinformatieobjecten: [],
  };
}

/**
 * Sets a status. The end status (isEindstatus) closes the zaak: it needs a resultaat, sets einddatum and
 * derives archiefnominatie and archiefactiedatum. A status on a closed zaak reopens it (`zaken.heropenen`).
 */
export async function createStatus(ctx: ZakenContext, caller: Caller, body: Record<string, unknown>) {
  return inTransaction(ctx.db, async (trx) => {
    const zaak = await parentZaak(ctx, trx, caller, body.zaak, 'zaken.statussen.toevoegen');
    const statustype = await typeOfZaak(ctx, trx, 'statustype', body.statustype, 'statustypen', zaak);
    if (!body.datumStatusGezet) throw problems.invalidField('datumStatusGezet', 'required', t.required);
    const closing = statustype.isEindstatus === true;
    if (
      zaak.einddatum &&
      !closing &&
      !hasScope(caller, 'zaken.heropenen') &&
      !hasScope(caller, 'zaken.geforceerd-bijwerken')
    )
      throw new Problem(403, 'permission_denied', t.closed);
    if (zaak.einddatum && closing) requireOpen(caller, zaak);
    const gezet = new Date(body.datumStatusGezet as string);
    const set: Record<string, unknown> = { status_id: randomUUID() };
    if (closing) {
      if (!zaak.resultaat_id)
        throw problems.validation([
          { name: 'nonFieldErrors', code: 'resultaat-does-not-exist', reason: t.noResultaat },
        ]);
      const res = await trx
        .selectFrom('zrc_resultaat')
        .select('resultaattype')
        .where('id', '=', zaak.resultaat_id as string)
        .executeTakeFirstOrThrow();
      const resultaattype = await ctx.local.resolve(trx, 'resultaattype', res.resultaattype, {
        api: 'catalogi',
        resource: 'resultaattypen',
      });
      const einddatum = gezet.toISOString().slice(0, 10);
      Object.assign(set, { einddatum }, archiveOnClose(resultaattype, einddatum));
    } else if (zaak.einddatum)
      Object.assign(set, { einddatum: null, archiefnominatie: null, archiefactiedatum: null });
    const row = {
      id: set.status_id as string,
      organisation_id: caller.organisationId,
      zaak_id: zaak.id as string,
      statustype: body.statustype as string,
      datum_status_gezet: gezet,
      data: JSON.stringify({
        statustoelichting: body.statustoelichting ?? '',
        gezetdoor: body.gezetdoor ?? null,
      }),
    };
    await trx.insertInto('zrc_status').values(row).execute();
    await trx
      .updateTable('zrc_zaak')
      .set(set)
      .where('id', '=', zaak.id as string)
      .execute();
    const json = statusJson(ctx.baseUrl, { ...row, data: JSON.parse(row.data) }, true);
    const after = zaakJson(
      ctx.baseUrl,
      { ...zaak, ...set },
      await rolUrls(trx, ctx.baseUrl, zaak.id as string),
    );
    await announce(trx, caller, after, 'create', null, { name: 'status', url: json.url, nieuw: json });
    return json;
  });
}

export async function readStatus(ctx: ZakenContext, caller: Caller, id: string) {
  const r = await ctx.db.selectFrom('zrc_status').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw problems.notFound();
  const zaak = await loadZaak(ctx.db, r.zaak_id);
  requireTypeAccess(
    caller.auth,
    'zrc',
    ['zaken.lezen'],
    'zaaktype',
    zaak.zaaktype as string,
    zaak.vertrouwelijkheidaanduiding as string,
  );
  return statusJson(ctx.baseUrl, r, zaak.status_id === id);
}

export function resultaatJson(baseUrl: string, r: Record<string, unknown>) {
  return {
    url: resourceUrl(baseUrl, 'zaken', 'resultaten', r.id as string),
    uuid: r.id as string,
    zaak: resourceUrl(baseUrl, 'zaken', 'zaken', r.zaak_id as string),
    resultaattype: r.resultaattype as string,
    toelichting: (r.toelichting as string) ?? '',
  };
}

export async function createResultaat(ctx: ZakenContext, caller: Caller, body: Record<string, unknown>) {
  return inTransaction(ctx.db, async (trx) => {
    const zaak = await parentZaak(ctx, trx, caller, body.zaak, 'zaken.bijwerken');
    if (zaak.resultaat_id) throw problems.invalidField('zaak', 'unique', t.resultaatExists);
    requireOpen(caller, zaak);
    await typeOfZaak(ctx, trx, 'resultaattype', body.resultaattype, 'resultaattypen', zaak);
    const row = {
      id: crypto.randomUUID(),
      organisation_id: caller.organisationId,
      zaak_id: zaak.id as string,
      resultaattype: body.resultaattype as string,
      toelichting: (body.toelichting as string) ?? '',
    };
    await trx.insertInto('zrc_resultaat').values(row).execute();
    await trx.updateTable('zrc_zaak').set({ resultaat_id: row.id }).where('id', '=', row.zaak_id).execute();
    const json = resultaatJson(ctx.baseUrl, row);
    await announce(trx, caller, zaakJson(ctx.baseUrl, zaak), 'create', null, {
      name: 'resultaat',
      url: json.url,
      nieuw: json,
    });
    return json;
  });
}

export function rolJson(baseUrl: string, r: Record<string, unknown>) {
  const d = (r.data ?? {}) as Record<string, unknown>;
  return {
    url: resourceUrl(baseUrl, 'zaken', 'rollen', r.id as string),
    uuid: r.id as string,
    zaak: resourceUrl(baseUrl, 'zaken', 'zaken', r.zaak_id as string),
    betrokkene: (d.betrokkene as string) ?? '',
    betrokkeneType: r.betrokkene_type as string,
    afwijkendeNaamBetrokkene: (d.afwijkendeNaamBetrokkene as string) ?? '',
    roltype: r.roltype as string,
    omschrijving: (d.omschrijving as string) ?? '',
    omschrijvingGeneriek: r.omschrijving_generiek as string,
    roltoelichting: (d.roltoelichting as string) ?? '',
    registratiedatum: new Date(r.created_at as string).toISOString(),
    indicatieMachtiging: (d.indicatieMachtiging as string) ?? '',
    contactpersoonRol: d.contactpersoonRol ?? null,
    statussen: [],
    betrokkeneIdentificatie: d.betrokkeneIdentificatie ?? null,
  };
}

/** A rol; the initiator's BSN becomes the zaak's subject, so the person finds the case in their portal. */
export async function createRol(ctx: ZakenContext, caller: Caller, body: Record<string, unknown>) {
  return inTransaction(ctx.db, async (trx) => {
    const zaak = await parentZaak(ctx, trx, caller, body.zaak, 'zaken.bijwerken');
    requireOpen(caller, zaak);
    const roltype = await typeOfZaak(ctx, trx, 'roltype', body.roltype, 'roltypen', zaak);
    if (!body.betrokkeneType) throw problems.invalidField('betrokkeneType', 'required', t.required);
    if (!body.roltoelichting && body.roltoelichting !== '')
      throw problems.invalidField('roltoelichting', 'required', t.required);
    const ident = (body.betrokkeneIdentificatie ?? null) as Record<string, unknown> | null;
    const bsn = typeof ident?.inpBsn === 'string' && ident.inpBsn ? (ident.inpBsn as string) : null;
    const created = new Date();
    const row = {
      id: crypto.randomUUID(),
      organisation_id: caller.organisationId,
      zaak_id: zaak.id as string,
      roltype: body.roltype as string,
      omschrijving_generiek: (roltype.omschrijvingGeneriek as string) ?? '',
      betrokkene_type: body.betrokkeneType as string,
      bsn,
      created_at: created,
      data: JSON.stringify({
        betrokkene: body.betrokkene ?? '',
        afwijkendeNaamBetrokkene: body.afwijkendeNaamBetrokkene ?? '',
        omschrijving: roltype.omschrijving ?? '',
        roltoelichting: body.roltoelichting ?? '',
        indicatieMachtiging: body.indicatieMachtiging ?? '',
        contactpersoonRol: body.contactpersoonRol ?? null,
        betrokkeneIdentificatie: ident,
      }),
    };
    await trx.insertInto('zrc_rol').values(row).execute();
    if (bsn && row.omschrijving_generiek === 'initiator')
      await trx.updateTable('zrc_zaak').set({ subject_bsn: bsn }).where('id', '=', row.zaak_id).execute();
    const json = rolJson(ctx.baseUrl, { ...row, data: JSON.parse(row.data) });
    await announce(trx, caller, zaakJson(ctx.baseUrl, zaak), 'create', null, {
      name: 'rol',
      url: json.url,
      nieuw: json,
    });
    return json;
  });
}

/** All cases of a person across organisations (the citizen's one door). */
export async function casesOfSubject(db: Db, bsn: string) {
  return db
    .selectFrom('zrc_zaak')
    .selectAll()
    .where('subject_bsn', '=', bsn)
    .orderBy('startdatum', 'desc')
    .execute();
}

async function childRow(trx: Trx, table: 'zrc_resultaat' | 'zrc_rol', id: string) {
  const row = await trx.selectFrom(table).selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!row) throw problems.notFound();
  return row as Record<string, unknown>;
}

/** Reads a resultaat the client may see. */
export async function readResultaat(ctx: ZakenContext, caller: Caller, id: string) {
  const r = await ctx.db.selectFrom('zrc_resultaat').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw problems.notFound();
  const zaak = await loadZaak(ctx.db, r.zaak_id);
  requireTypeAccess(
    caller.auth,
    'zrc',
    ['zaken.lezen'],
    'zaaktype',
    zaak.zaaktype as string,
    zaak.vertrouwelijkheidaanduiding as string,
  );
  return resultaatJson(ctx.baseUrl, r);
}

/** Changes a resultaat (type and toelichting); a closed zaak needs the forced scope. */
export async function updateResultaat(
  ctx: ZakenContext,
  caller: Caller,
  id: string,
  body: Record<string, unknown>,
) {
  return inTransaction(ctx.db, async (trx) => {
    const row = await childRow(trx, 'zrc_resultaat', id);
    const zaak = await loadZaak(trx, row.zaak_id as string, true);
    requireTypeAccess(
      caller.auth,
      'zrc',
      ['zaken.bijwerken', 'zaken.geforceerd-bijwerken'],
      'zaaktype',
      zaak.zaaktype as string,
    );
    requireOpen(caller, zaak);
    if (body.resultaattype !== undefined)
      await typeOfZaak(ctx, trx, 'resultaattype', body.resultaattype, 'resultaattypen', zaak);
    const set = {
      resultaattype: (body.resultaattype as string) ?? (row.resultaattype as string),
      toelichting: (body.toelichting as string) ?? (row.toelichting as string),
    };
    await trx.updateTable('zrc_resultaat').set(set).where('id', '=', id).execute();
    const json = resultaatJson(ctx.baseUrl, { ...row, ...set });
    await announce(trx, caller, zaakJson(ctx.baseUrl, zaak), 'update', resultaatJson(ctx.baseUrl, row), {
      name: 'resultaat',
      url: json.url,
      nieuw: json,
    });
    return json;
  });
}

/** Deletes a resultaat or a rol; a closed zaak needs the forced scope. */
export async function deleteChild(
  ctx: ZakenContext,
  caller: Caller,
  table: 'zrc_resultaat' | 'zrc_rol',
  id: string,
) {
  await inTransaction(ctx.db, async (trx) => {
    const row = await childRow(trx, table, id);
    const zaak = await loadZaak(trx, row.zaak_id as string, true);
    requireTypeAccess(
      caller.auth,
      'zrc',
      ['zaken.bijwerken', 'zaken.geforceerd-bijwerken'],
      'zaaktype',
      zaak.zaaktype as string,
    );
    requireOpen(caller, zaak);
    await trx.deleteFrom(table).where('id', '=', id).execute();
    if (table === 'zrc_resultaat')
      await trx
        .updateTable('zrc_zaak')
        .set({ resultaat_id: null })
        .where('id', '=', zaak.id as string)
        .execute();
    const json = table === 'zrc_resultaat' ? resultaatJson(ctx.baseUrl, row) : rolJson(ctx.baseUrl, row);
    await announce(trx, caller, zaakJson(ctx.baseUrl, zaak), 'destroy', json, {
      name: table === 'zrc_resultaat' ? 'resultaat' : 'rol',
      url: json.url,
      nieuw: null,
    });
  });
}
