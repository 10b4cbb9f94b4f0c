import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { Type } from 'typebox';
import { choice, nullable, str } from '../catalog/schemas.ts';
import { inTransaction } from '../platform/db/transaction.ts';
import { problems } from '../platform/http/problem.ts';
import { PAGE_SIZE, PageQuery } from '../zgw/pagination.ts';
import { announce, type Caller, type DocumentenContext, SCOPES } from './context.ts';
import { drcUrl } from './json.ts';
import { childrenOfReadable, documentById, parentDocument } from './parent.ts';
import type { Conn } from './repository.ts';
import { documentenTexts as t } from './texts.nl.ts';

const date = () => Type.Optional(nullable(Type.String({ format: 'date' })));
const binnenlands = Type.Object({
  huisletter: Type.Optional(str(1)),
  huisnummer: Type.Integer(),
  huisnummerToevoeging: Type.Optional(str(4)),
  naamOpenbareRuimte: Type.String({ minLength: 1, maxLength: 80 }),
  postcode: Type.Optional(str(6)),
  woonplaatsnaam: Type.String({ minLength: 1, maxLength: 80 }),
});
const buitenlands = Type.Object({
  adresBuitenland1: Type.String({ minLength: 1, maxLength: 35 }),
  adresBuitenland2: Type.Optional(str(35)),
  adresBuitenland3: Type.Optional(str(35)),
  landPostadres: Type.String({ format: 'uri', maxLength: 200 }),
});
const postadres = Type.Object({
  postBusOfAntwoordnummer: Type.Integer(),
  postadresPostcode: Type.String({ minLength: 1, maxLength: 6 }),
  postadresType: choice(['antwoordnummer', 'postbusnummer'] as const),
  woonplaatsnaam: Type.String({ minLength: 1, maxLength: 80 }),
});
const fields = {
  betrokkene: Type.String({
    format: 'uri',
    minLength: 1,
    maxLength: 200,
    description: 'URL-referentie naar de betrokkene.',
  }),
  informatieobject: Type.String({ format: 'uri', description: 'URL-referentie naar het informatieobject.' }),
  aardRelatie: choice(['afzender', 'geadresseerde'] as const, 'Omschrijving van de aard van de relatie.'),
  toelichting: Type.Optional(str(200)),
  ontvangstdatum: date(),
  verzenddatum: date(),
  contactPersoon: Type.String({ format: 'uri', minLength: 1, maxLength: 1000 }),
  contactpersoonnaam: Type.Optional(str(40)),
  binnenlandsCorrespondentieadres: Type.Optional(nullable(binnenlands)),
  buitenlandsCorrespondentieadres: Type.Optional(nullable(buitenlands)),
  correspondentiePostadres: Type.Optional(nullable(postadres)),
  faxnummer: Type.Optional(nullable(str(15))),
  emailadres: Type.Optional(nullable(str(100))),
  mijnOverheid: Type.Optional(Type.Boolean()),
  telefoonnummer: Type.Optional(nullable(str(15))),
};
export const VerzendingBody = Type.Object(fields);
export const VerzendingPatch = Type.Partial(Type.Object(fields));
export const Verzending = Type.Object({ url: Type.String({ format: 'uri' }), ...fields });
export const VerzendingQuery = Type.Object({
  aardRelatie: Type.Optional(Type.String()),
  informatieobject: Type.Optional(Type.String()),
  betrokkene: Type.Optional(Type.String()),
  expand: Type.Optional(Type.String()),
  page: PageQuery,
});

const DEFAULTS: Record<string, unknown> = {
  toelichting: '',
  ontvangstdatum: null,
  verzenddatum: null,
  contactpersoonnaam: '',
  binnenlandsCorrespondentieadres: null,
  buitenlandsCorrespondentieadres: null,
  correspondentiePostadres: null,
  faxnummer: null,
  emailadres: null,
  mijnOverheid: false,
  telefoonnummer: null,
};
const CHANNELS = [
  'binnenlandsCorrespondentieadres',
  'buitenlandsCorrespondentieadres',
  'correspondentiePostadres',
  'faxnummer',
  'emailadres',
  'mijnOverheid',
  'telefoonnummer',
];
const RESOURCE = 'verzending';
type Body = Record<string, unknown>;
interface Row {
  id: string;
  eio_id: string;
  data: Body;
}

export function verzendingJson(baseUrl: string, r: Row) {
  const { informatieobject: _ignored, ...data } = r.data;
  return {
    url: drcUrl(baseUrl, 'verzendingen', r.id),
    informatieobject: drcUrl(baseUrl, 'enkelvoudiginformatieobjecten', r.eio_id),
    ...DEFAULTS,
    ...data,
  };
}

/** A verzending goes through exactly one channel: an address, fax, e-mail, MijnOverheid or telephone. */
function checkChannel(data: Body): void {
  const filled = CHANNELS.filter((c) => {
    const v = data[c];
    return v !== null && v !== undefined && v !== '' && v !== false;
  });
  if (filled.length !== 1)
    throw problems.validation([{ name: 'nonFieldErrors', code: 'invalid-address', reason: t.oneChannel }]);
}

async function load(conn: Conn, id: string, forUpdate = false): Promise<Row> {
  let q = conn.selectFrom('drc_verzending').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  const row = (await q.executeTakeFirst()) as Row | undefined;
  if (!row) throw problems.notFound();
  return row;
}

export async function createVerzending(ctx: DocumentenContext, caller: Caller, body: Body) {
  checkChannel(body);
  return inTransaction(ctx.db, async (trx) => {
    const doc = await parentDocument(ctx, trx, caller, [SCOPES.aanmaken], body.informatieobject as string);
    const row = { id: randomUUID(), eio_id: doc.id, data: { ...body, informatieobject: undefined } };
    await trx
      .insertInto('drc_verzending')
      .values({ ...row, data: JSON.stringify(row.data) })
      .execute();
    const json = verzendingJson(ctx.baseUrl, row);
    await announce(trx, caller, doc.json, 'create', {
      resource: RESOURCE,
      url: json.url,
      oud: null,
      nieuw: json,
      audit: false,
    });
    return json;
  });
}

export async function readVerzending(ctx: DocumentenContext, caller: Caller, id: string) {
  const row = await load(ctx.db, id);
  await documentById(ctx, ctx.db, caller, [SCOPES.lezen], row.eio_id);
  return verzendingJson(ctx.baseUrl, row);
}

/** PUT/PATCH of a verzending; it may move to another document the caller may change. */
export async function updateVerzending(
  ctx: DocumentenContext,
  caller: Caller,
  id: string,
  body: Body,
  partial: boolean,
) {
  return inTransaction(ctx.db, async (trx) => {
    const row = await load(trx, id, true);
    await documentById(ctx, trx, caller, [SCOPES.bijwerken], row.eio_id);
    const before = verzendingJson(ctx.baseUrl, row);
    const data = partial ? { ...row.data, ...body } : { ...body };
    checkChannel(data);
    const target =
      typeof body.informatieobject === 'string' && body.informatieobject !== before.informatieobject
        ? await parentDocument(ctx, trx, caller, [SCOPES.bijwerken], body.informatieobject)
        : { id: row.eio_id, json: await documentById(ctx, trx, caller, [SCOPES.bijwerken], row.eio_id) };
    const next = { id, eio_id: target.id, data: { ...data, informatieobject: undefined } };
    await trx
      .updateTable('drc_verzending')
      .set({ eio_id: target.id, data: JSON.stringify(next.data) })
      .where('id', '=', id)
      .execute();
    const after = verzendingJson(ctx.baseUrl, next);
    await announce(trx, caller, target.json, partial ? 'partial_update' : 'update', {
      resource: RESOURCE,
      url: after.url,
      oud: before,
      nieuw: after,
      audit: false,
    });
    return after;
  });
}

export async function deleteVerzending(ctx: DocumentenContext, caller: Caller, id: string) {
  await inTransaction(ctx.db, async (trx) => {
    const row = await load(trx, id, true);
    const doc = await documentById(ctx, trx, caller, [SCOPES.verwijderen], row.eio_id);
    await trx.deleteFrom('drc_verzending').where('id', '=', id).execute();
    const before = verzendingJson(ctx.baseUrl, row);
    await announce(trx, caller, doc, 'destroy', {
      resource: RESOURCE,
      url: before.url,
      oud: before,
      nieuw: null,
      audit: false,
    });
  });
}

/** GET /verzendingen: paginated, newest first (as the reference implementation). */
export async function listVerzendingen(ctx: DocumentenContext, caller: Caller, q: Record<string, unknown>) {
  let query = ctx.db
    .selectFrom('drc_verzending as c')
    .where(childrenOfReadable(ctx, caller, q.informatieobject as string | undefined));
  if (typeof q.aardRelatie === 'string')
    query = query.where(sql<boolean>`c.data->>'aardRelatie' = ${q.aardRelatie}`);
  if (typeof q.betrokkene === 'string')
    query = query.where(sql<boolean>`c.data->>'betrokkene' = ${q.betrokkene}`);
  const page = (q.page as number | undefined) ?? 1;
  const [{ n }, rows] = await Promise.all([
    query.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow() as Promise<{ n: number }>,
    query
      .selectAll('c')
      .orderBy('c.created_at', 'desc')
      .orderBy('c.id', 'desc')
      .limit(PAGE_SIZE)
      .offset((page - 1) * PAGE_SIZE)
      .execute() as Promise<Row[]>,
  ]);
  if (page > 1 && rows.length === 0) throw problems.notFound();
  return { count: n, results: rows.map((r) => verzendingJson(ctx.baseUrl, r)) };
}
