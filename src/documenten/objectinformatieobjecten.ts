import { inTransaction } from '../platform/db/transaction.ts';
import { Problem, problems } from '../platform/http/problem.ts';
import { fetchReference } from '../zgw/references.ts';
import { type Caller, type DocumentenContext, eioIdOf, readableTypes, SCOPES } from './context.ts';
import { drcUrl } from './json.ts';
import {
  getObjectRelation,
  linkObject,
  listObjectRelations,
  type ObjectRelation,
  type ObjectType,
  unlinkObject,
} from './object-relations.ts';
import { documentById, parentDocument } from './parent.ts';
import { loadEio } from './repository.ts';
import { documentenTexts as t } from './texts.nl.ts';

export function oioJson(baseUrl: string, r: ObjectRelation) {
  return {
    url: drcUrl(baseUrl, 'objectinformatieobjecten', r.id),
    informatieobject: r.informatieobject,
    object: r.object,
    objectType: r.objectType,
  };
}

const refuse = (code: string, reason: string) =>
  new Problem(400, 'invalid', 'Invalid input.', reason, [{ name: 'nonFieldErrors', code, reason }]);

const KINDS = {
  zaak: {
    api: 'zaken',
    resource: 'zaken',
    looksRight: (b: Record<string, unknown>) => typeof b.zaaktype === 'string',
  },
  besluit: {
    api: 'besluiten',
    resource: 'besluiten',
    looksRight: (b: Record<string, unknown>) => typeof b.besluittype === 'string',
  },
  verzoek: {
    api: null,
    resource: 'verzoeken',
    looksRight: (b: Record<string, unknown>) => 'bronorganisatie' in b,
  },
} as const;

/**
 * The relations a remote API (the zaak's, besluit's or verzoek's own) holds between the object and this
 * document, as `GET <api>/<type>informatieobjecten?<type>=…&informatieobject=…` answers. Null when it
 * cannot be asked.
 */
async function remoteRelations(object: string, type: ObjectType, document: string): Promise<number | null> {
  const root = object.replace(new RegExp(`/${KINDS[type].resource}/[^/]+/?$`), '');
  const url = new URL(`${root}/${type}informatieobjecten`);
  url.searchParams.set(type, object);
  url.searchParams.set('informatieobject', document);
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
    if (!res.ok) return null;
    const body = (await res.json()) as unknown;
    if (Array.isArray(body)) return body.length;
    const results = (body as { results?: unknown[] })?.results;
    return Array.isArray(results) ? results.length : null;
  } catch {
    return null;
  }
}

/**
 * POST /objectinformatieobjecten. Loket's own Zaken and Besluiten API record their relations here
 * themselves, so for their objects this only answers `unique` (the relation is there) or
 * `inconsistent-relation` (it is not, on their side). For a zaak, besluit or verzoek in another system,
 * that system must already hold the relation.
 */
export async function createRelation(ctx: DocumentenContext, caller: Caller, body: Record<string, unknown>) {
  const type = body.objectType as ObjectType;
  const object = body.object as string;
  const doc = await parentDocument(ctx, ctx.db, caller, [SCOPES.aanmaken], body.informatieobject as string);
  const kind = KINDS[type];
  if (kind.api && ctx.local.isLocal(object))
    await ctx.local.resolve(
      ctx.db,
      'object',
      object,
      { api: kind.api, resource: kind.resource },
      kind.looksRight,
    );
  else await fetchReference('object', object, kind.looksRight);
  const existing = await listObjectRelations(ctx.db, { object, informatieobjectId: doc.id });
  if (existing.length > 0) throw refuse('unique', t.relationExists);
  if (ctx.local.isLocal(object)) throw refuse('inconsistent-relation', t.inconsistentRelation);
  if (((await remoteRelations(object, type, doc.json.url)) ?? 0) === 0)
    throw refuse('inconsistent-relation', t.inconsistentRelation);
  const id = crypto.randomUUID();
  await inTransaction(ctx.db, (trx) =>
    linkObject(trx, { id, informatieobject: doc.json.url, object, objectType: type }),
  );
  const created = await getObjectRelation(ctx.db, id);
  if (!created) throw refuse('unique', t.relationExists);
  return oioJson(ctx.baseUrl, created);
}

async function guarded(ctx: DocumentenContext, caller: Caller, relation: ObjectRelation, scopes: string[]) {
  if (relation.informatieobjectId && (await loadEio(ctx.db, relation.informatieobjectId)))
    await documentById(ctx, ctx.db, caller, scopes, relation.informatieobjectId);
}

export async function readRelation(ctx: DocumentenContext, caller: Caller, id: string) {
  const relation = await getObjectRelation(ctx.db, id);
  if (!relation) throw problems.notFound();
  await guarded(ctx, caller, relation, [SCOPES.lezen]);
  return oioJson(ctx.baseUrl, relation);
}

/** DELETE: only once the zaak, besluit or verzoek no longer holds the relation (`remote-relation-exists`). */
export async function deleteRelation(ctx: DocumentenContext, caller: Caller, id: string) {
  const relation = await getObjectRelation(ctx.db, id);
  if (!relation) throw problems.notFound();
  await guarded(ctx, caller, relation, [SCOPES.verwijderen]);
  const stillThere = ctx.local.isLocal(relation.object)
    ? true
    : ((await remoteRelations(relation.object, relation.objectType, relation.informatieobject)) ?? 1) > 0;
  if (stillThere) throw refuse('remote-relation-exists', t.relationStillExists);
  await inTransaction(ctx.db, (trx) => unlinkObject(trx, relation));
}

/** GET /objectinformatieobjecten: a plain array, of documents the caller may read. */
export async function listRelations(ctx: DocumentenContext, caller: Caller, q: Record<string, unknown>) {
  const filter: { object?: string; informatieobjectId?: string; informatieobject?: string } = {};
  if (typeof q.object === 'string') filter.object = q.object;
  if (typeof q.informatieobject === 'string') {
    const id = eioIdOf(ctx.baseUrl, q.informatieobject);
    if (id) filter.informatieobjectId = id;
    else filter.informatieobject = q.informatieobject;
  }
  const relations = await listObjectRelations(ctx.db, filter);
  const allowed = readableTypes(caller);
  if (allowed === null) return relations.map((r) => oioJson(ctx.baseUrl, r));
  const visible = [];
  for (const r of relations) {
    const eio = r.informatieobjectId ? await loadEio(ctx.db, r.informatieobjectId) : null;
    const max = eio ? allowed.get(eio.informatieobjecttype) : undefined;
    if (eio && max !== undefined && eio.vertrouwelijkheid_rank <= max) visible.push(oioJson(ctx.baseUrl, r));
  }
  return visible;
}
