import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { isValidBsn } from '../platform/bsn.ts';
import { inTransaction, type Trx } from '../platform/db/transaction.ts';
import { problems } from '../platform/http/problem.ts';
import { requireChange, requireOpen, requireZaak, SCOPES } from './access.ts';
import { announce, bsnsOf, logPersonalData } from './events.ts';
import { partUrl, zaakJson, zaakUrl } from './json.ts';
import { parentZaak, typeOfZaak } from './parts.ts';
import { type Conn, loadZaak, updateZaakRow, type ZaakRow } from './store.ts';
import { zakenTexts as t } from './texts.nl.ts';
import type { Caller, ZakenContext } from './types.ts';

/**
 * Rollen: who is involved in a zaak and how. The initiator's BSN (or KVK number) is the case's subject:
 * the person or company finds the case in their portal. Reading or writing a rol with a BSN is logged
 * in the processing log.
 */

export interface RolRow {
  id: string;
  zaak_id: string;
  roltype: string;
  omschrijving_generiek: string;
  betrokkene_type: string;
  betrokkene: string;
  bsn: string | null;
  data: Record<string, unknown>;
  created_at: Date | string;
}

export function rolJson(baseUrl: string, r: RolRow, statussen: string[] = []) {
  const d = r.data;
  return {
    url: partUrl(baseUrl, 'rollen', r.id),
    uuid: r.id,
    zaak: zaakUrl(baseUrl, r.zaak_id),
    betrokkene: r.betrokkene ?? '',
    betrokkeneType: r.betrokkene_type,
    afwijkendeNaamBetrokkene: (d.afwijkendeNaamBetrokkene as string) ?? '',
    roltype: r.roltype,
    omschrijving: (d.omschrijving as string) ?? '',
    omschrijvingGeneriek: r.omschrijving_generiek,
    roltoelichting: (d.roltoelichting as string) ?? '',
    registratiedatum: new Date(r.created_at).toISOString(),
    indicatieMachtiging: (d.indicatieMachtiging as string) ?? '',
    contactpersoonRol: d.contactpersoonRol ?? null,
    statussen,
    betrokkeneIdentificatie: (d.betrokkeneIdentificatie as Record<string, unknown> | null) ?? null,
  };
}

/** The rollen of a page with the statussen each set, in one query. */
export async function rolPage(db: Conn, baseUrl: string, rows: RolRow[]) {
  const urls = rows.map((r) => partUrl(baseUrl, 'rollen', r.id));
  const statussen = new Map<string, string[]>();
  if (urls.length > 0) {
    const set = await db
      .selectFrom('zrc_status')
      .select(['id', 'gezetdoor'])
      .where('gezetdoor', 'in', urls)
      .execute();
    for (const s of set)
      statussen.set(s.gezetdoor as string, [
        ...(statussen.get(s.gezetdoor as string) ?? []),
        partUrl(baseUrl, 'statussen', s.id as string),
      ]);
  }
  return rows.map((r, i) => rolJson(baseUrl, r, statussen.get(urls[i]) ?? []));
}

/** The subject a rol makes the case's: the initiator's BSN or KVK number. */
type Subject = { subject_bsn?: string; subject_kvk?: string };
function subjectOf(r: {
  omschrijving_generiek: string;
  bsn: string | null;
  data: Record<string, unknown>;
}): Subject {
  if (r.omschrijving_generiek !== 'initiator') return {};
  if (r.bsn) return { subject_bsn: r.bsn };
  const kvk = (r.data.betrokkeneIdentificatie as { kvkNummer?: unknown } | null)?.kvkNummer;
  return typeof kvk === 'string' && kvk ? { subject_kvk: kvk } : {};
}

/** After an initiator rol is gone: the subject of the remaining initiator, if any. */
async function resetSubject(trx: Trx, zaak: ZaakRow): Promise<void> {
  const rest = (await trx
    .selectFrom('zrc_rol')
    .selectAll()
    .where('zaak_id', '=', zaak.id)
    .where('omschrijving_generiek', '=', 'initiator')
    .orderBy('created_at')
    .execute()) as RolRow[];
  const subject: Subject = {};
  for (const r of rest) {
    const found = subjectOf(r);
    subject.subject_bsn ??= found.subject_bsn;
    subject.subject_kvk ??= found.subject_kvk;
  }
  await updateZaakRow(trx, zaak, {
    subject_bsn: subject.subject_bsn ?? null,
    subject_kvk: subject.subject_kvk ?? null,
  });
}

export async function createRol(ctx: ZakenContext, caller: Caller, body: Record<string, unknown>) {
  return inTransaction(ctx.db, async (trx) => {
    const zaak = await parentZaak(ctx, trx, caller, body.zaak, [
      SCOPES.bijwerken,
      SCOPES.geforceerd,
      SCOPES.aanmaken,
    ]);
    requireOpen(caller, zaak);
    const roltype = await typeOfZaak(ctx, trx, 'roltype', body.roltype, 'roltypen', zaak);
    if (!body.betrokkeneType) throw problems.invalidField('betrokkeneType', 'required', t.required);
    const ident = (body.betrokkeneIdentificatie ?? null) as Record<string, unknown> | null;
    const bsn =
      body.betrokkeneType === 'natuurlijk_persoon' && typeof ident?.inpBsn === 'string' && ident.inpBsn
        ? ident.inpBsn
        : null;
    if (bsn && !isValidBsn(bsn))
      throw problems.invalidField('betrokkeneIdentificatie.inpBsn', 'invalid', t.bsn);
    const row: RolRow = {
      id: randomUUID(),
      zaak_id: zaak.id,
      roltype: body.roltype as string,
      omschrijving_generiek: (roltype.omschrijvingGeneriek as string) ?? '',
      betrokkene_type: body.betrokkeneType as string,
      betrokkene: (body.betrokkene as string) ?? '',
      bsn,
      created_at: new Date(),
      data: {
        afwijkendeNaamBetrokkene: body.afwijkendeNaamBetrokkene ?? '',
        omschrijving: roltype.omschrijving ?? '',
        roltoelichting: body.roltoelichting ?? '',
        indicatieMachtiging: body.indicatieMachtiging ?? '',
        contactpersoonRol: body.contactpersoonRol ?? null,
        betrokkeneIdentificatie: ident,
      },
    };
    await trx
      .insertInto('zrc_rol')
      .values({ ...row, organisation_id: zaak.organisation_id, data: JSON.stringify(row.data) })
      .execute();
    const subject = subjectOf(row);
    const after = Object.keys(subject).length > 0 ? await updateZaakRow(trx, zaak, subject) : zaak;
    const json = rolJson(ctx.baseUrl, row);
    await announce(trx, caller, zaakJson(ctx.baseUrl, after), {
      resource: 'rol',
      url: json.url,
      actie: 'create',
      oud: null,
      nieuw: json,
    });
    await logPersonalData(trx, caller, 'write', bsnsOf([json]));
    return json;
  });
}

export async function readRol(ctx: ZakenContext, caller: Caller, id: string) {
  const r = (await ctx.db.selectFrom('zrc_rol').selectAll().where('id', '=', id).executeTakeFirst()) as
    | RolRow
    | undefined;
  if (!r) throw problems.notFound();
  requireZaak(caller, await loadZaak(ctx.db, r.zaak_id), [SCOPES.lezen]);
  const [json] = await rolPage(ctx.db, ctx.baseUrl, [r]);
  await inTransaction(ctx.db, (trx) => logPersonalData(trx, caller, 'read', bsnsOf([json])));
  return json;
}

export async function deleteRol(ctx: ZakenContext, caller: Caller, id: string) {
  await inTransaction(ctx.db, async (trx) => {
    const row = (await trx
      .selectFrom('zrc_rol')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst()) as RolRow | undefined;
    if (!row) throw problems.notFound();
    const zaak = await loadZaak(trx, row.zaak_id, true);
    requireChange(caller, zaak);
    await trx.deleteFrom('zrc_rol').where('id', '=', id).execute();
    if (row.omschrijving_generiek === 'initiator') await resetSubject(trx, zaak);
    const json = rolJson(ctx.baseUrl, row);
    await announce(trx, caller, zaakJson(ctx.baseUrl, zaak), {
      resource: 'rol',
      url: json.url,
      actie: 'destroy',
      oud: json,
      nieuw: null,
    });
    await logPersonalData(trx, caller, 'delete', bsnsOf([json]));
  });
}

const IDENTIFICATIE_FILTERS: [param: string, type: string, field: string][] = [
  ['natuurlijkPersoon__anpIdentificatie', 'natuurlijk_persoon', 'anpIdentificatie'],
  ['natuurlijkPersoon__inpA_nummer', 'natuurlijk_persoon', 'inpA_nummer'],
  ['nietNatuurlijkPersoon__innNnpId', 'niet_natuurlijk_persoon', 'innNnpId'],
  ['nietNatuurlijkPersoon__annIdentificatie', 'niet_natuurlijk_persoon', 'annIdentificatie'],
  ['vestiging__vestigingsNummer', 'vestiging', 'vestigingsNummer'],
  ['organisatorischeEenheid__identificatie', 'organisatorische_eenheid', 'identificatie'],
  ['medewerker__identificatie', 'medewerker', 'identificatie'],
];

/** The SQL conditions of the GET /rollen filters (besides zaak and authorisation), on alias `c`. */
export function rolFilters(q: Record<string, unknown>) {
  const c = [];
  const v = (k: string) => (typeof q[k] === 'string' && q[k] !== '' ? (q[k] as string) : undefined);
  if (v('betrokkene')) c.push(sql`c.betrokkene = ${v('betrokkene')}`);
  if (v('betrokkeneType')) c.push(sql`c.betrokkene_type = ${v('betrokkeneType')}`);
  if (v('roltype')) c.push(sql`c.roltype = ${v('roltype')}`);
  if (v('omschrijving')) c.push(sql`c.data->>'omschrijving' = ${v('omschrijving')}`);
  if (v('omschrijvingGeneriek')) c.push(sql`c.omschrijving_generiek = ${v('omschrijvingGeneriek')}`);
  const bsn = v('betrokkeneIdentificatie__natuurlijkPersoon__inpBsn');
  if (bsn) c.push(sql`c.bsn = ${bsn}`);
  for (const [param, type, field] of IDENTIFICATIE_FILTERS) {
    const value = v(`betrokkeneIdentificatie__${param}`);
    if (value)
      c.push(sql`(c.betrokkene_type = ${type} and c.data->'betrokkeneIdentificatie'->>${field} = ${value})`);
  }
  return c;
}
