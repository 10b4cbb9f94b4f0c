import { randomUUID } from 'node:crypto';
import { allowedTypes, requireTypeAccess, vertrouwelijkheidRank } from '../authz/policy.ts';
import { currentRevision } from '../catalog/revision.ts';
import { isValidRsin } from '../platform/bsn.ts';
import { PerDatabase } from '../platform/db/per-database.ts';
import { inTransaction, type Trx } from '../platform/db/transaction.ts';
import { Problem, problems } from '../platform/http/problem.ts';
import { Invalid } from '../zgw/invalid.ts';
import { parseLocalUrl } from '../zgw/urls.ts';
import { requireZaak, SCOPES } from './access.ts';
import { announcement, logPersonalData } from './events.ts';
import { DATA_FIELDS, type ZaakJson, zaakJson } from './json.ts';
import { type ListRequest, listZaakRows, listZaakText, type TextSink } from './list.ts';
import { parseDateTime } from './parts.ts';
import { checkZaakRules } from './rules.ts';
import { type Conn, insertZaak, loadZaak, type NewZaak, type ZaakRow, zaaktypeKey } from './store.ts';
import { zakenTexts as t } from './texts.nl.ts';
import type { Caller, ZaakBody, ZakenContext } from './types.ts';

/** The zaak through the ZGW adapter: create, read, list. (Changes: service-update.ts.) */

const REQUIRED = ['bronorganisatie', 'verantwoordelijkeOrganisatie', 'startdatum', 'zaaktype'] as const;

/** Field checks for callers that bypass the HTTP schema (the case engine): required fields and RSINs. */
export function checkZaakFields(body: ZaakBody, partial: boolean): void {
  const invalid = new Invalid();
  if (!partial)
    for (const f of REQUIRED)
      if (body[f] === undefined || body[f] === null || body[f] === '') invalid.add(f, 'required', t.required);
  for (const f of ['bronorganisatie', 'verantwoordelijkeOrganisatie'])
    if (typeof body[f] === 'string' && body[f] !== '' && !isValidRsin(body[f] as string))
      invalid.add(f, 'invalid', t.rsin);
  invalid.throwIfAny();
}

/** The zaaktype of a new zaak: it must exist, be a zaaktype, and be published. */
export async function resolveZaaktype(ctx: ZakenContext, db: Conn, url: string) {
  const zaaktype = await ctx.local.resolve(
    db,
    'zaaktype',
    url,
    { api: 'catalogi', resource: 'zaaktypen' },
    (b) => typeof b.identificatie === 'string' && typeof b.catalogus === 'string',
  );
  if (zaaktype.concept === true) throw problems.invalidField('zaaktype', 'not-published', t.zaaktypeConcept);
  return zaaktype;
}

/** A published zaaktype as read at a catalogue revision. */
interface KnownZaaktype {
  revision: number;
  zaaktype: Readonly<Record<string, unknown>>;
}

/**
 * The published zaaktypen new zaken referred to, by URL, per database, each with the catalogue revision it
 * was read at (catalog/revision.ts). A create uses the one it knows and inserts only if the catalogue is
 * still at that revision (checked by the insert itself), so reading the zaaktype costs no round trip; a
 * catalogue change anywhere sends the next create back to the catalogue. At most 10,000 are kept, the oldest dropped first.
 */
const knownZaaktypen = new PerDatabase<KnownZaaktype>(10_000);

/** The zaaktype as it is now (revision first: a change in between only sends the next create back here). */
async function readZaaktype(ctx: ZakenContext, conn: Conn, url: string): Promise<KnownZaaktype> {
  const revision = await currentRevision(conn);
  const zaaktype = await resolveZaaktype(ctx, conn, url);
  const read = { revision, zaaktype };
  knownZaaktypen.keep(ctx.db, url, read);
  return read;
}

/** The ZGW fields kept in `data`, taken from a body. */
export function dataOf(body: ZaakBody, base: Record<string, unknown> = {}): Record<string, unknown> {
  const data = { ...base };
  for (const f of DATA_FIELDS) if (body[f] !== undefined) data[f] = body[f];
  if (data.betalingsindicatie === 'nvt') data.laatsteBetaaldatum = null;
  if (typeof data.laatsteBetaaldatum === 'string')
    data.laatsteBetaaldatum = parseDateTime(data.laatsteBetaaldatum).toISOString();
  return data;
}

/**
 * An identificatie that is unique per bronorganisatie: `ZAAK-<year>-<number>` from one sequence (no lock
 * shared between concurrent creations). A client-chosen one that clashes is refused. The insert writes the
 * announcement (outbox event, audit trail row) in the same statement. False when the zaaktype was read at
 * another catalogue revision than the current one.
 */
async function insertWithIdentificatie(conn: Conn, zaak: Omit<NewZaak, 'numbered'>): Promise<boolean> {
  if (zaak.row.identificatie !== '') {
    const outcome = await insertZaak(conn, { ...zaak, numbered: false });
    if (outcome === 'taken')
      throw problems.invalidField('identificatie', 'identificatie-niet-uniek', t.identificatieNotUnique);
    return outcome === 'inserted';
  }
  // A client may have chosen the next number's identificatie before: then take the one after it.
  for (;;) {
    const outcome = await insertZaak(conn, { ...zaak, numbered: true });
    if (outcome !== 'taken') return outcome === 'inserted';
  }
}

/**
 * Creates a zaak (Loket's case) with its ZGW notification and audit trail row. These are written by one
 * statement (which also reads the zaaktype's dienst), so on its own (no `trxIn`) it needs no transaction
 * around its reads and that statement. A zaaktype of this Loket that an earlier create read is used as it
 * was read, and the insert checks that the catalogue has not changed since (`knownZaaktypen`); when it has,
 * or when anything about the zaak is refused on the zaaktype as remembered, the create is decided again on
 * the zaaktype as it is now.
 */
export async function createZaak(
  ctx: ZakenContext,
  caller: Caller,
  body: ZaakBody,
  trxIn?: Trx,
): Promise<ZaakJson> {
  checkZaakFields(body, false);
  const conn: Conn = trxIn ?? ctx.db;
  const url = body.zaaktype as string;
  const local = parseLocalUrl(ctx.baseUrl, url) !== null;
  const known = local ? knownZaaktypen.of(ctx.db).get(url) : undefined;
  if (known) {
    // A refusal is decided again on the zaaktype as it is now; any other error stands.
    const zaak = await prepareZaak(ctx, caller, body, conn, known.zaaktype).catch((error: unknown) => {
      if (error instanceof Problem) return null;
      throw error;
    });
    if (zaak && (await insertWithIdentificatie(conn, { ...zaak, revision: known.revision })))
      return zaakJson(ctx.baseUrl, zaak.row);
  }
  const zaaktype = local
    ? (await readZaaktype(ctx, conn, url)).zaaktype
    : await resolveZaaktype(ctx, conn, url);
  const zaak = await prepareZaak(ctx, caller, body, conn, zaaktype);
  await insertWithIdentificatie(conn, zaak);
  return zaakJson(ctx.baseUrl, zaak.row);
}

/** The new zaak's row and announcement, after the rules and the caller's rights on its zaaktype. */
async function prepareZaak(
  ctx: ZakenContext,
  caller: Caller,
  body: ZaakBody,
  conn: Conn,
  zaaktype: Readonly<Record<string, unknown>>,
) {
  const { hoofdzaakId } = await checkZaakRules(ctx, conn, body, zaaktype);
  const vertrouwelijkheid =
    (body.vertrouwelijkheidaanduiding as string) ||
    (zaaktype.vertrouwelijkheidaanduiding as string) ||
    'openbaar';
  requireTypeAccess(
    caller.auth,
    'zrc',
    [SCOPES.aanmaken],
    'zaaktype',
    body.zaaktype as string,
    vertrouwelijkheid,
  );
  const local = parseLocalUrl(ctx.baseUrl, body.zaaktype as string);
  const now = new Date();
  const row: ZaakRow = {
    id: randomUUID(),
    organisation_id: caller.organisationId,
    dienst_id: null, // read by the insert itself (insertZaken)
    zaaktype: body.zaaktype as string,
    zaaktype_key: await zaaktypeKey(ctx.db, conn, body.zaaktype as string),
    identificatie: (body.identificatie as string) || '',
    bronorganisatie: body.bronorganisatie as string,
    verantwoordelijke_organisatie: body.verantwoordelijkeOrganisatie as string,
    vertrouwelijkheidaanduiding: vertrouwelijkheid,
    vertrouwelijkheid_rank: vertrouwelijkheidRank(vertrouwelijkheid),
    registratiedatum: (body.registratiedatum as string) || now.toISOString().slice(0, 10),
    startdatum: body.startdatum as string,
    einddatum: null,
    einddatum_gepland: (body.einddatumGepland as string | null) ?? null,
    uiterlijke_einddatum_afdoening: (body.uiterlijkeEinddatumAfdoening as string | null) ?? null,
    publicatiedatum: (body.publicatiedatum as string | null) ?? null,
    archiefnominatie: (body.archiefnominatie as string | null) || null,
    archiefstatus: (body.archiefstatus as string) || 'nog_te_archiveren',
    archiefactiedatum: (body.archiefactiedatum as string | null) || null,
    hoofdzaak_id: hoofdzaakId,
    subject_bsn: null,
    subject_kvk: null,
    status_id: null,
    resultaat_id: null,
    created_at: now,
    data: dataOf(body),
  };
  // The JSON before the insert has the chosen identificatie or none yet; the statement puts in the one it got.
  const before = zaakJson(ctx.baseUrl, row);
  const announced = announcement(caller, before, {
    resource: 'zaak',
    url: before.url,
    actie: 'create',
    oud: null,
    nieuw: before,
  });
  return { row, announced, zaaktypeId: local?.id };
}

/** The zaak as the client may see it: 403 when its zaaktype or confidentiality is beyond the client's rights. */
export async function readZaak(ctx: ZakenContext, caller: Caller, id: string): Promise<ZaakJson> {
  const row = await loadZaak(ctx.db, id);
  requireZaak(caller, row, [SCOPES.lezen]);
  return zaakJson(ctx.baseUrl, row);
}

/** A page of the zaken the client may see, filtered; counted exactly (see list.ts). */
export async function listZaken(
  ctx: ZakenContext,
  caller: Caller,
  filters: Record<string, unknown>,
  page: number,
): Promise<{ count: number; results: ZaakJson[] }> {
  const { count, rows } = await listZaakRows(ctx.db, listRequest(caller, filters, page));
  await pageRead(ctx, caller, filters, page, rows.length > 0);
  return { count, results: rows.map((r) => zaakJson(ctx.baseUrl, r)) };
}

/** The same page as the zaken's stored JSON texts (doc.ts), written into `page` as they arrive. */
export async function listZakenJson(
  ctx: ZakenContext,
  caller: Caller,
  filters: Record<string, unknown>,
  page: number,
  out: TextSink,
): Promise<void> {
  const { found } = await listZaakText(ctx.db, listRequest(caller, filters, page), ctx.baseUrl, out);
  await pageRead(ctx, caller, filters, page, found > 0);
}

const listRequest = (caller: Caller, filters: Record<string, unknown>, page: number): ListRequest => ({
  organisationId: caller.organisationId,
  allowed: allowedTypes(caller.auth, 'zrc', [SCOPES.lezen], 'zaaktype'),
  filters,
  page,
});

/** After a page is read: 404 past the last page; a search by BSN that found zaken goes into the processing log. */
async function pageRead(
  ctx: ZakenContext,
  caller: Caller,
  filters: Record<string, unknown>,
  page: number,
  found: boolean,
): Promise<void> {
  if (!found && page > 1) throw problems.notFound();
  const bsn = filters.rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn;
  if (typeof bsn === 'string' && bsn && found)
    await inTransaction(ctx.db, (trx) => logPersonalData(trx, caller, 'read', [bsn], ['zaken']));
}

export type { Caller, ZaakBody, ZakenContext } from './types.ts';
