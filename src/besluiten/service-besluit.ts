import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { allowedTypes } from '../authz/policy.ts';
import { unlinkAllOf } from '../documenten/object-relations.ts';
import { isValidRsin } from '../platform/bsn.ts';
import { isUniqueViolation } from '../platform/db/errors.ts';
import { inTransaction, type Trx } from '../platform/db/transaction.ts';
import { problems } from '../platform/http/problem.ts';
import { linkBesluit, unlinkBesluit } from '../zaken/index.ts';
import { deleteAudit } from '../zgw/audittrail.ts';
import { Invalid } from '../zgw/invalid.ts';
import { PAGE_SIZE } from '../zgw/pagination.ts';
import { parseLocalUrl } from '../zgw/urls.ts';
import {
  type BesluitJson,
  type BesluitRecord,
  besluitJson,
  type Conn,
  loadBesluit,
  t,
  toRecord,
  toRow,
} from './repository.ts';
import {
  announce,
  type BesluitenContext,
  type Caller,
  requireBesluittype,
  requireOpenZaak,
  SCOPES,
} from './support.ts';
import { besluitenTexts as tx } from './texts.nl.ts';

/** What resolving references needs: this Loket's URL and its in-process resolvers. */
export type References = Pick<BesluitenContext, 'baseUrl' | 'local'>;

/** A besluit as a client sends it (ZGW field names). */
export type BesluitInput = Partial<Omit<BesluitJson, 'url' | 'vervalredenWeergave'>>;

/** Today in the Netherlands (a decision dated today just after midnight is not in the future). */
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date());
const FIELDS = [
  'identificatie',
  'verantwoordelijkeOrganisatie',
  'besluittype',
  'zaak',
  'datum',
  'toelichting',
  'bestuursorgaan',
  'ingangsdatum',
  'vervaldatum',
  'vervalreden',
  'publicatiedatum',
  'verzenddatum',
  'uiterlijkeReactiedatum',
] as const;

/** Field rules that need no lookup: a valid RSIN, a beslisdatum not in the future, immutable fields. */
function checkFields(body: BesluitInput, invalid: Invalid, current: BesluitRecord | null): void {
  const org = body.verantwoordelijkeOrganisatie;
  if (current && org !== undefined && org !== current.verantwoordelijkeOrganisatie)
    invalid.add('verantwoordelijkeOrganisatie', 'wijzigen-niet-toegelaten', tx.immutable);
  else if (org !== undefined && !isValidRsin(org))
    invalid.add('verantwoordelijkeOrganisatie', 'invalid', tx.rsin);
  if (current && body.identificatie !== undefined && body.identificatie !== current.identificatie)
    invalid.add('identificatie', 'wijzigen-niet-toegelaten', tx.immutable);
  if (current && body.besluittype !== undefined && body.besluittype !== current.besluittype)
    invalid.add('besluittype', 'wijzigen-niet-toegelaten', tx.immutable);
  if (body.datum && body.datum > today()) invalid.add('datum', 'future_not_allowed', tx.futureNotAllowed);
}

/**
 * The references of a besluit: a published besluittype and, when given, a zaak whose zaaktype goes with that
 * besluittype. Answers the zaak (its ZGW JSON) and its id when it is a case in this Loket.
 */
async function checkReferences(
  ctx: References,
  trx: Trx,
  b: BesluitRecord,
  checkType: boolean,
): Promise<{ zaak: Record<string, unknown> | null; zaakId: string | null }> {
  const besluittype = await ctx.local.resolve(
    trx,
    'besluittype',
    b.besluittype,
    { api: 'catalogi', resource: 'besluittypen' },
    (r) => Array.isArray(r.informatieobjecttypen) && 'concept' in r,
  );
  if (checkType && besluittype.concept === true)
    throw problems.invalidField('besluittype', 'not-published', tx.besluittypeConcept);
  if (!b.zaak) return { zaak: null, zaakId: null };
  const zaak = await ctx.local.resolve(
    trx,
    'zaak',
    b.zaak,
    { api: 'zaken', resource: 'zaken' },
    (r) => typeof r.zaaktype === 'string',
  );
  const zaaktypen = (besluittype.zaaktypen ?? []) as string[];
  if (!zaaktypen.includes(zaak.zaaktype as string))
    throw problems.invalidField('nonFieldErrors', 'zaaktype-mismatch', tx.zaaktypeMismatch);
  const ref = parseLocalUrl(ctx.baseUrl, b.zaak);
  return { zaak, zaakId: ref?.api === 'zaken' && ref.resource === 'zaken' ? ref.id : null };
}

/**
 * Keeps the zaak's side of the relation (ZaakBesluit, `/zaken/{uuid}/besluiten`) in step, as the standard
 * has the Besluiten API do: a besluit that gets a zaak is linked, one that loses it (changed or deleted) is
 * unlinked, in the same transaction.
 */
async function syncZaakBesluit(
  trx: Trx,
  ctx: References,
  caller: Caller,
  besluitUrl: string,
  before: string | null,
  after: string | null,
): Promise<void> {
  if ((before || null) === (after || null)) return;
  const link = { besluit: besluitUrl, organisationId: caller.organisationId, actor: caller.actor };
  if (before) await unlinkBesluit(trx, ctx.baseUrl, { ...link, zaak: before });
  if (after) await linkBesluit(trx, ctx.baseUrl, { ...link, zaak: after });
}

async function isTaken(trx: Trx, org: string, identificatie: string, except?: string): Promise<boolean> {
  let q = t(trx)
    .selectFrom('brc_besluit')
    .select('id')
    .where('verantwoordelijke_organisatie', '=', org)
    .where('identificatie', '=', identificatie);
  if (except) q = q.where('id', '!=', except);
  return (await q.executeTakeFirst()) !== undefined;
}

/** `BESLUIT-<year>-<number>`, the next number of the organisation in that year that is still free. */
async function nextIdentificatie(trx: Trx, org: string, year: number): Promise<string> {
  for (;;) {
    const { last } = await t(trx)
      .insertInto('brc_identificatie_counter')
      .values({ verantwoordelijke_organisatie: org, year, last: 1 })
      .onConflict((oc) =>
        oc
          .columns(['verantwoordelijke_organisatie', 'year'])
          .doUpdateSet({ last: sql`brc_identificatie_counter.last + 1` }),
      )
      .returning('last')
      .executeTakeFirstOrThrow();
    const identificatie = `BESLUIT-${year}-${String(last).padStart(10, '0')}`;
    // A client may have chosen this one itself; then take the next.
    if (!(await isTaken(trx, org, identificatie))) return identificatie;
  }
}

function merged(current: BesluitRecord | null, body: BesluitInput, id: string, org: string): BesluitRecord {
  const base: BesluitRecord = current ?? {
    id,
    organisationId: org,
    identificatie: '',
    verantwoordelijkeOrganisatie: '',
    besluittype: '',
    zaak: '',
    zaakId: null,
    datum: '',
    ingangsdatum: '',
    vervaldatum: null,
    vervalreden: '',
    publicatiedatum: null,
    verzenddatum: null,
    uiterlijkeReactiedatum: null,
    toelichting: '',
    bestuursorgaan: '',
  };
  const next = { ...base } as Record<string, unknown>;
  for (const f of FIELDS) if (body[f] !== undefined) next[f] = body[f];
  return next as unknown as BesluitRecord;
}

/**
 * Creates a besluit with its notification and audit trail row in the caller's transaction. Used by the API
 * and by Loket's decisions module (with `systemCaller`).
 */
export async function createBesluit(
  trx: Trx,
  ctx: References,
  caller: Caller,
  body: BesluitInput,
): Promise<BesluitJson> {
  const invalid = new Invalid();
  for (const f of ['verantwoordelijkeOrganisatie', 'besluittype', 'datum', 'ingangsdatum'] as const)
    if (!body[f]) invalid.add(f, 'required', 'Dit veld is vereist.');
  checkFields(body, invalid, null);
  invalid.throwIfAny();
  const b = merged(null, body, randomUUID(), caller.organisationId);
  requireBesluittype(caller, SCOPES.aanmaken, b.besluittype);
  if (b.identificatie && (await isTaken(trx, b.verantwoordelijkeOrganisatie, b.identificatie)))
    throw problems.invalidField('identificatie', 'identificatie-niet-uniek', tx.identificatieNotUnique);
  const { zaak, zaakId } = await checkReferences(ctx, trx, b, true);
  requireOpenZaak(caller, zaak);
  b.zaakId = zaakId;
  if (!b.identificatie)
    b.identificatie = await nextIdentificatie(
      trx,
      b.verantwoordelijkeOrganisatie,
      Number(b.datum.slice(0, 4)),
    );
  try {
    await t(trx).insertInto('brc_besluit').values(toRow(b)).execute();
  } catch (err) {
    // A concurrent request took the same identificatie between our check and our insert.
    if (isUniqueViolation(err))
      throw problems.invalidField('identificatie', 'identificatie-niet-uniek', tx.identificatieNotUnique);
    throw err;
  }
  const json = besluitJson(ctx.baseUrl, b);
  await syncZaakBesluit(trx, ctx, caller, json.url, null, b.zaak);
  await announce(trx, caller, json, {
    actie: 'create',
    resource: 'besluit',
    resourceUrl: json.url,
    oud: null,
    nieuw: json,
  });
  return json;
}

/** A besluit the caller may read (404 when absent, 403 when its besluittype is beyond the caller's rights). */
export async function readBesluit(db: Conn, caller: Caller, id: string, scope: string = SCOPES.lezen) {
  const b = await loadBesluit(db, id);
  if (!b) throw problems.notFound();
  requireBesluittype(caller, scope, b.besluittype);
  return b;
}

/** PUT (`partial` false) or PATCH: identificatie, verantwoordelijke organisatie and besluittype never change. */
export async function updateBesluit(
  ctx: BesluitenContext,
  caller: Caller,
  id: string,
  body: BesluitInput,
  partial: boolean,
): Promise<BesluitJson> {
  return inTransaction(ctx.db, async (trx) => {
    const current = await loadBesluit(trx, id, true);
    if (!current) throw problems.notFound();
    requireBesluittype(caller, SCOPES.bijwerken, current.besluittype);
    const invalid = new Invalid();
    checkFields(body, invalid, current);
    invalid.throwIfAny();
    const b = merged(current, body, id, current.organisationId);
    const { zaak, zaakId } = await checkReferences(ctx, trx, b, false);
    // Both the zaak it had and the zaak it gets must be open (or the caller may change closed zaken).
    if (current.zaak && current.zaak !== b.zaak)
      requireOpenZaak(caller, await ctx.local.lookup(trx, current.zaak));
    requireOpenZaak(caller, zaak);
    b.zaakId = zaakId;
    await t(trx).updateTable('brc_besluit').set(toRow(b)).where('id', '=', id).execute();
    const before = besluitJson(ctx.baseUrl, current);
    const json = besluitJson(ctx.baseUrl, b);
    await syncZaakBesluit(trx, ctx, caller, json.url, current.zaak, b.zaak);
    await announce(trx, caller, json, {
      actie: partial ? 'partial_update' : 'update',
      resource: 'besluit',
      resourceUrl: json.url,
      oud: before,
      nieuw: json,
    });
    return json;
  });
}

/**
 * Deletes a besluit with its besluitinformatieobjecten, their mirror in the Documenten API and its audit
 * trail (as the standard says); the notification goes out in the same transaction.
 */
export async function deleteBesluit(ctx: BesluitenContext, caller: Caller, id: string): Promise<void> {
  await inTransaction(ctx.db, async (trx) => {
    const current = await loadBesluit(trx, id, true);
    if (!current) throw problems.notFound();
    requireBesluittype(caller, SCOPES.verwijderen, current.besluittype);
    if (current.zaak) requireOpenZaak(caller, await ctx.local.lookup(trx, current.zaak));
    const json = besluitJson(ctx.baseUrl, current);
    await unlinkAllOf(trx, json.url);
    await syncZaakBesluit(trx, ctx, caller, json.url, current.zaak, null);
    await t(trx).deleteFrom('brc_besluit').where('id', '=', id).execute();
    await announce(trx, caller, json, {
      actie: 'destroy',
      resource: 'besluit',
      resourceUrl: json.url,
      oud: json,
      nieuw: null,
    });
    await deleteAudit(trx, json.url);
  });
}

/** The filtered page of GET /besluiten, limited to the besluittypen the caller may read, newest first. */
export async function listBesluiten(ctx: BesluitenContext, caller: Caller, q: Record<string, unknown>) {
  let query = t(ctx.db).selectFrom('brc_besluit');
  const allowed = caller.auth ? allowedTypes(caller.auth, 'brc', [SCOPES.lezen], 'besluittype') : null;
  if (allowed) {
    if (allowed.size === 0) return { count: 0, results: [] as BesluitRecord[] };
    query = query.where('besluittype', 'in', [...allowed.keys()]);
  }
  if (typeof q.identificatie === 'string') query = query.where('identificatie', '=', q.identificatie);
  if (typeof q.verantwoordelijkeOrganisatie === 'string')
    query = query.where('verantwoordelijke_organisatie', '=', q.verantwoordelijkeOrganisatie);
  if (typeof q.besluittype === 'string') query = query.where('besluittype', '=', q.besluittype);
  if (typeof q.zaak === 'string') query = query.where('zaak', '=', q.zaak);
  const page = (q.page as number | undefined) ?? 1;
  const [{ n }, rows] = await Promise.all([
    query.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
    query
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(PAGE_SIZE)
      .offset((page - 1) * PAGE_SIZE)
      .execute(),
  ]);
  if (rows.length === 0 && page > 1) throw problems.notFound();
  return { count: n, results: rows.map(toRecord) };
}
