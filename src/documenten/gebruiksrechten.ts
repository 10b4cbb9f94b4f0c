import { randomUUID } from 'node:crypto';
import { inTransaction, type Trx } from '../platform/db/transaction.ts';
import { problems } from '../platform/http/problem.ts';
import { parseDateTime } from '../zgw/datetime.ts';
import { Invalid } from '../zgw/invalid.ts';
import { announce, type Caller, type DocumentenContext, SCOPES } from './context.ts';
import { drcUrl } from './json.ts';
import { childrenOfReadable, documentById, parentDocument, setIndicatie } from './parent.ts';
import { documentenTexts as t } from './texts.nl.ts';

type Body = Record<string, unknown>;
const RESOURCE = 'gebruiksrechten';
const DATE_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** A moment as the client wrote it; without a time zone it is UTC (as the reference implementation reads it). */
const moment = (value: string): Date => parseDateTime(value);

function checkMoments(body: Body, invalid: Invalid): void {
  for (const f of ['startdatum', 'einddatum'])
    if (typeof body[f] === 'string' && !DATE_TIME.test(body[f] as string))
      invalid.add(f, 'invalid', t.dateTime);
}

interface Row {
  id: string;
  eio_id: string;
  startdatum: Date | string;
  einddatum: Date | string | null;
  omschrijving_voorwaarden: string;
}

export function gebruiksrechtenJson(baseUrl: string, r: Row) {
  const iso = (d: Date | string) => new Date(d).toISOString().replace('.000Z', 'Z');
  return {
    url: drcUrl(baseUrl, 'gebruiksrechten', r.id),
    informatieobject: drcUrl(baseUrl, 'enkelvoudiginformatieobjecten', r.eio_id),
    startdatum: iso(r.startdatum),
    einddatum: r.einddatum === null ? null : iso(r.einddatum),
    omschrijvingVoorwaarden: r.omschrijving_voorwaarden,
  };
}

async function load(trx: Trx | DocumentenContext['db'], id: string, forUpdate = false): Promise<Row> {
  let q = trx.selectFrom('drc_gebruiksrechten').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  const row = (await q.executeTakeFirst()) as Row | undefined;
  if (!row) throw problems.notFound();
  return row;
}

/** Creating gebruiksrechten sets the document's indicatieGebruiksrecht to true. */
export async function createGebruiksrechten(ctx: DocumentenContext, caller: Caller, body: Body) {
  const invalid = new Invalid();
  checkMoments(body, invalid);
  invalid.throwIfAny();
  return inTransaction(ctx.db, async (trx) => {
    const doc = await parentDocument(ctx, trx, caller, [SCOPES.aanmaken], body.informatieobject as string);
    const id = randomUUID();
    await trx
      .insertInto('drc_gebruiksrechten')
      .values({
        id,
        eio_id: doc.id,
        startdatum: moment(body.startdatum as string),
        einddatum: typeof body.einddatum === 'string' ? moment(body.einddatum) : null,
        omschrijving_voorwaarden: body.omschrijvingVoorwaarden as string,
      })
      .execute();
    await setIndicatie(trx, doc.id, true);
    const json = gebruiksrechtenJson(ctx.baseUrl, await load(trx, id));
    await announce(trx, caller, doc.json, 'create', {
      resource: RESOURCE,
      url: json.url,
      oud: null,
      nieuw: json,
    });
    return json;
  });
}

export async function readGebruiksrechten(ctx: DocumentenContext, caller: Caller, id: string) {
  const row = await load(ctx.db, id);
  await documentById(ctx, ctx.db, caller, [SCOPES.lezen], row.eio_id);
  return gebruiksrechtenJson(ctx.baseUrl, row);
}

/** PUT/PATCH: the document they belong to cannot change. */
export async function updateGebruiksrechten(
  ctx: DocumentenContext,
  caller: Caller,
  id: string,
  body: Body,
  partial: boolean,
) {
  const invalid = new Invalid();
  checkMoments(body, invalid);
  invalid.throwIfAny();
  return inTransaction(ctx.db, async (trx) => {
    const row = await load(trx, id, true);
    const doc = await documentById(ctx, trx, caller, [SCOPES.bijwerken], row.eio_id);
    const before = gebruiksrechtenJson(ctx.baseUrl, row);
    if (body.informatieobject !== undefined && body.informatieobject !== before.informatieobject)
      throw problems.invalidField('informatieobject', 'wijzigen-niet-toegelaten', t.immutable);
    const set: Record<string, unknown> = {};
    if (body.startdatum !== undefined) set.startdatum = moment(body.startdatum as string);
    if (body.einddatum !== undefined || !partial)
      set.einddatum = typeof body.einddatum === 'string' ? moment(body.einddatum) : null;
    if (body.omschrijvingVoorwaarden !== undefined)
      set.omschrijving_voorwaarden = body.omschrijvingVoorwaarden;
    if (Object.keys(set).length > 0)
      await trx.updateTable('drc_gebruiksrechten').set(set).where('id', '=', id).execute();
    const after = gebruiksrechtenJson(ctx.baseUrl, await load(trx, id));
    await announce(trx, caller, doc, partial ? 'partial_update' : 'update', {
      resource: RESOURCE,
      url: after.url,
      oud: before,
      nieuw: after,
    });
    return after;
  });
}

/** Deleting the last gebruiksrechten of a document sets its indicatieGebruiksrecht back to null. */
export async function deleteGebruiksrechten(ctx: DocumentenContext, caller: Caller, id: string) {
  await inTransaction(ctx.db, async (trx) => {
    const row = await load(trx, id, true);
    const doc = await documentById(ctx, trx, caller, [SCOPES.verwijderen], row.eio_id);
    await trx.deleteFrom('drc_gebruiksrechten').where('id', '=', id).execute();
    const left = await trx
      .selectFrom('drc_gebruiksrechten')
      .select('id')
      .where('eio_id', '=', row.eio_id)
      .executeTakeFirst();
    if (!left) await setIndicatie(trx, row.eio_id, null);
    const before = gebruiksrechtenJson(ctx.baseUrl, row);
    await announce(trx, caller, doc, 'destroy', {
      resource: RESOURCE,
      url: before.url,
      oud: before,
      nieuw: null,
    });
  });
}

const COMPARISONS = { lt: '<', lte: '<=', gt: '>', gte: '>=' } as const;

/** GET /gebruiksrechten: a plain array, filtered by document and by start and end moments. */
export async function listGebruiksrechten(
  ctx: DocumentenContext,
  caller: Caller,
  q: Record<string, unknown>,
) {
  let query = ctx.db
    .selectFrom('drc_gebruiksrechten as c')
    .selectAll('c')
    .where(childrenOfReadable(ctx, caller, q.informatieobject as string | undefined));
  for (const field of ['startdatum', 'einddatum'] as const)
    for (const [suffix, op] of Object.entries(COMPARISONS)) {
      const value = q[`${field}__${suffix}`];
      if (typeof value !== 'string') continue;
      if (!DATE_TIME.test(value)) throw problems.invalidField(`${field}__${suffix}`, 'invalid', t.dateTime);
      query = query.where(`c.${field}`, op, moment(value));
    }
  const rows = (await query.orderBy('c.created_at').orderBy('c.id').execute()) as Row[];
  return rows.map((r) => gebruiksrechtenJson(ctx.baseUrl, r));
}
