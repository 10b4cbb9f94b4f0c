import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { allowedTypes, requireTypeAccess, vertrouwelijkheidRank } from '../authz/policy.ts';
import { isValidRsin } from '../platform/bsn.ts';
import type { Db } from '../platform/db/database.ts';
import { inTransaction, type Trx } from '../platform/db/transaction.ts';
import { problems } from '../platform/http/problem.ts';
import { recordAudit } from '../zgw/audittrail.ts';
import { Invalid } from '../zgw/invalid.ts';
import { emitZgwNotification } from '../zgw/notifications.ts';
import { PAGE_SIZE } from '../zgw/pagination.ts';
import { DATA_FIELDS, type Row, zaakJson, zaakUrl } from './json.ts';
import { checkZaakRules } from './rules.ts';
import { zakenTexts as t } from './texts.nl.ts';
import type { Caller, ZaakBody, ZakenContext } from './types.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export async function loadZaak(db: Db | Trx, id: string, forUpdate = false): Promise<Row> {
  let q = db.selectFrom('zrc_zaak').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw problems.notFound();
  return row;
}

export async function rolUrls(db: Db | Trx, baseUrl: string, zaakId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('zrc_rol')
    .select('id')
    .where('zaak_id', '=', zaakId)
    .orderBy('created_at')
    .execute();
  return rows.map((r) => `${baseUrl}/zaken/api/v1/rollen/${r.id}`);
}

/** The zaak as the client may see it: 403 when its zaaktype or confidentiality is beyond the client's rights. */
export async function readZaak(ctx: ZakenContext, caller: Caller, id: string) {
  const row = await loadZaak(ctx.db, id);
  requireTypeAccess(
    caller.auth,
    'zrc',
    ['zaken.lezen'],
    'zaaktype',
    row.zaaktype as string,
    row.vertrouwelijkheidaanduiding as string,
  );
  return zaakJson(ctx.baseUrl, row, await rolUrls(ctx.db, ctx.baseUrl, id));
}

/**
 * The list, filtered to what the client may see. Counted exactly; the count and the page use the same
 * index (zaaktype, confidentiality rank, created_at).
 */
export async function listZaken(ctx: ZakenContext, caller: Caller, q: Record<string, unknown>) {
  let query = ctx.db.selectFrom('zrc_zaak');
  const allowed = allowedTypes(caller.auth, 'zrc', ['zaken.lezen'], 'zaaktype');
  if (allowed) {
    if (allowed.size === 0) return { count: 0, results: [] };
    query = query.where((eb) =>
      eb.or(
        [...allowed].map(([type, rank]) =>
          eb.and([eb('zaaktype', '=', type), eb('vertrouwelijkheid_rank', '<=', rank)]),
        ),
      ),
    );
  }
  for (const [param, column] of [
    ['zaaktype', 'zaaktype'],
    ['identificatie', 'identificatie'],
    ['bronorganisatie', 'bronorganisatie'],
    ['archiefnominatie', 'archiefnominatie'],
    ['archiefstatus', 'archiefstatus'],
  ] as const) {
    if (typeof q[param] === 'string') query = query.where(column, '=', q[param] as string);
  }
  for (const [param, op] of [
    ['startdatum__gt', '>'],
    ['startdatum__gte', '>='],
    ['startdatum__lt', '<'],
    ['startdatum__lte', '<='],
  ] as const) {
    if (typeof q[param] === 'string') query = query.where('startdatum', op, q[param] as string);
  }
  if (typeof q.startdatum === 'string') query = query.where('startdatum', '=', q.startdatum);
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
  return { count: n, results: rows.map((r) => zaakJson(ctx.baseUrl, r)) };
}

function validateFields(body: ZaakBody, invalid: Invalid, partial: boolean) {
  for (const f of ['bronorganisatie', 'verantwoordelijkeOrganisatie', 'startdatum', 'zaaktype']) {
    if (!partial && (body[f] === undefined || body[f] === null || body[f] === ''))
      invalid.add(f, 'required', t.required);
  }
  for (const f of ['bronorganisatie', 'verantwoordelijkeOrganisatie']) {
    if (typeof body[f] === 'string' && body[f] !== '' && !isValidRsin(body[f] as string))
      invalid.add(f, 'invalid', t.rsin);
  }
  for (const f of [
    'startdatum',
    'registratiedatum',
    'einddatumGepland',
    'uiterlijkeEinddatumAfdoening',
    'publicatiedatum',
  ]) {
    if (typeof body[f] === 'string' && !DATE.test(body[f] as string)) invalid.add(f, 'invalid', t.date);
  }
}

async function nextIdentificatie(trx: Trx, bronorganisatie: string, year: string): Promise<string> {
  // One generator per bronorganisatie at a time; the highest number so far plus one (deleted zaken leave gaps).
  await sql`select pg_advisory_xact_lock(hashtext(${`zaak-id:${bronorganisatie}`}))`.execute(trx);
  const prefix = `ZAAK-${year}-`;
  const row = await trx
    .selectFrom('zrc_zaak')
    .select(sql<string | null>`max(identificatie)`.as('last'))
    .where('bronorganisatie', '=', bronorganisatie)
    .where('identificatie', 'like', `${prefix}%`)
    .executeTakeFirstOrThrow();
  const last = Number(row.last?.slice(prefix.length) ?? 0);
  return `${prefix}${String((Number.isFinite(last) ? last : 0) + 1).padStart(10, '0')}`;
}

/** Creates a zaak (Loket's case) with its ZGW notification and audit trail row, in one transaction. */
export async function createZaak(ctx: ZakenContext, caller: Caller, body: ZaakBody, trxIn?: Trx) {
  const invalid = new Invalid();
  validateFields(body, invalid, false);
  invalid.throwIfAny();
  return inTransaction(trxIn ?? ctx.db, async (trx) => {
    const zaaktype = await ctx.local.resolve(
      trx,
      'zaaktype',
      body.zaaktype as string,
      { api: 'catalogi', resource: 'zaaktypen' },
      (b) => typeof b.identificatie === 'string' && typeof b.catalogus === 'string',
    );
    if (zaaktype.concept === true)
      throw problems.invalidField('zaaktype', 'not-published', t.zaaktypeConcept);
    await checkZaakRules(ctx, trx, body, zaaktype);
    const vertrouwelijkheid =
      (body.vertrouwelijkheidaanduiding as string) || (zaaktype.vertrouwelijkheidaanduiding as string);
    requireTypeAccess(
      caller.auth,
      'zrc',
      ['zaken.aanmaken'],
      'zaaktype',
      body.zaaktype as string,
      vertrouwelijkheid,
    );
    const bron = body.bronorganisatie as string;
    const startdatum = body.startdatum as string;
    let identificatie = (body.identificatie as string) || '';
    if (identificatie) {
      const exists = await trx
        .selectFrom('zrc_zaak')
        .select('id')
        .where('bronorganisatie', '=', bron)
        .where('identificatie', '=', identificatie)
        .executeTakeFirst();
      if (exists)
        throw problems.invalidField('identificatie', 'identificatie-niet-uniek', t.identificatieNotUnique);
    } else identificatie = await nextIdentificatie(trx, bron, startdatum.slice(0, 4));
    const id = randomUUID();
    const data: Record<string, unknown> = {};
    for (const f of DATA_FIELDS) if (body[f] !== undefined) data[f] = body[f];
    const row = {
      id,
      organisation_id: caller.organisationId,
      zaaktype: body.zaaktype as string,
      identificatie,
      bronorganisatie: bron,
      verantwoordelijke_organisatie: body.verantwoordelijkeOrganisatie as string,
      vertrouwelijkheidaanduiding: vertrouwelijkheid,
      vertrouwelijkheid_rank: vertrouwelijkheidRank(vertrouwelijkheid),
      registratiedatum: (body.registratiedatum as string) || new Date().toISOString().slice(0, 10),
      startdatum,
      archiefnominatie: (body.archiefnominatie as string) || null,
      archiefstatus: (body.archiefstatus as string) || 'nog_te_archiveren',
      archiefactiedatum: (body.archiefactiedatum as string) || null,
      data: JSON.stringify(data),
    };
    await trx.insertInto('zrc_zaak').values(row).execute();
    const json = zaakJson(ctx.baseUrl, { ...row, data });
    await announce(trx, caller, json, 'create', null);
    return json;
  });
}

/** Notification on kanaal `zaken` and an audit trail row, in the change's transaction. */
export async function announce(
  trx: Trx,
  caller: Caller,
  zaak: ReturnType<typeof zaakJson>,
  actie: string,
  oud: unknown,
  resource = { name: 'zaak', url: zaak.url, nieuw: zaak as unknown },
) {
  await emitZgwNotification(trx, caller.organisationId, {
    kanaal: 'zaken',
    hoofdObject: zaak.url,
    resource: resource.name,
    resourceUrl: resource.url,
    actie,
    kenmerken: {
      bronorganisatie: zaak.bronorganisatie,
      zaaktype: zaak.zaaktype,
      vertrouwelijkheidaanduiding: zaak.vertrouwelijkheidaanduiding,
    },
  });
  await recordAudit(trx, caller.actor, {
    bron: 'ZRC',
    actie,
    resultaat: actie === 'create' ? 201 : actie === 'destroy' ? 204 : 200,
    hoofdObject: zaak.url,
    resource: resource.name,
    resourceUrl: resource.url,
    resourceWeergave: zaak.identificatie,
    oud,
    nieuw: actie === 'destroy' ? null : resource.nieuw,
  });
}

export type { Caller, ZaakBody, ZakenContext } from './types.ts';
export { zaakUrl };
