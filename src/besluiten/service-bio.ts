import { randomUUID } from 'node:crypto';
import { allowedTypes } from '../authz/policy.ts';
import { linkObject, unlinkObject } from '../documenten/object-relations.ts';
import { inTransaction } from '../platform/db/transaction.ts';
import { problems } from '../platform/http/problem.ts';
import { Invalid } from '../zgw/invalid.ts';
import { parseLocalUrl } from '../zgw/urls.ts';
import { type BioRecord, besluitJson, bioJson, loadBesluit, loadBio, t } from './repository.ts';
import { readBesluit } from './service-besluit.ts';
import { announce, type BesluitenContext, type Caller, requireBesluittype, SCOPES } from './support.ts';
import { besluitenTexts as tx } from './texts.nl.ts';

export interface BioInput {
  besluit?: string;
  informatieobject?: string;
}

/** The id of a besluit in this Loket from its URL, or null. */
function besluitId(ctx: BesluitenContext, url: string): string | null {
  const ref = parseLocalUrl(ctx.baseUrl, url);
  return ref && ref.api === 'besluiten' && ref.resource === 'besluiten' && !ref.sub ? ref.id : null;
}

/**
 * Links a document to a besluit: the document must exist and its informatieobjecttype must be one of the
 * besluittype's; the pair is unique. The Documenten API's ObjectInformatieObject mirror is written in the
 * same transaction.
 */
export async function createBio(ctx: BesluitenContext, caller: Caller, body: Required<BioInput>) {
  return inTransaction(ctx.db, async (trx) => {
    const id = besluitId(ctx, body.besluit);
    const record = id ? await loadBesluit(trx, id, true) : null;
    if (!id || !record)
      throw problems.invalidField(
        'besluit',
        id ? 'does_not_exist' : 'no_match',
        id ? tx.besluitMissing : tx.noBesluit,
      );
    requireBesluittype(caller, SCOPES.aanmaken, record.besluittype);
    const document = await ctx.local.resolve(
      trx,
      'informatieobject',
      body.informatieobject,
      { api: 'documenten', resource: 'enkelvoudiginformatieobjecten' },
      (r) => typeof r.informatieobjecttype === 'string',
    );
    const exists = await t(trx)
      .selectFrom('brc_besluit_informatieobject')
      .select('id')
      .where('besluit_id', '=', id)
      .where('informatieobject', '=', body.informatieobject)
      .executeTakeFirst();
    if (exists) throw problems.invalidField('nonFieldErrors', 'unique', tx.bioNotUnique);
    const besluittype = await ctx.local.resolve(trx, 'besluittype', record.besluittype, {
      api: 'catalogi',
      resource: 'besluittypen',
    });
    if (
      !((besluittype.informatieobjecttypen ?? []) as string[]).includes(
        document.informatieobjecttype as string,
      )
    )
      throw problems.invalidField(
        'nonFieldErrors',
        'missing-besluittype-informatieobjecttype-relation',
        tx.iotMismatch,
      );
    const bio: BioRecord = { id: randomUUID(), besluitId: id, informatieobject: body.informatieobject };
    await t(trx)
      .insertInto('brc_besluit_informatieobject')
      .values({
        id: bio.id,
        organisation_id: record.organisationId,
        besluit_id: id,
        informatieobject: bio.informatieobject,
      })
      .execute();
    const json = bioJson(ctx.baseUrl, bio);
    await linkObject(trx, {
      informatieobject: bio.informatieobject,
      object: json.besluit,
      objectType: 'besluit',
    });
    await announce(trx, caller, besluitJson(ctx.baseUrl, record), {
      actie: 'create',
      resource: 'besluitinformatieobject',
      resourceUrl: json.url,
      oud: null,
      nieuw: json,
    });
    return json;
  });
}

/** A besluitinformatieobject the caller may see through its besluit's besluittype. */
export async function readBio(
  ctx: BesluitenContext,
  caller: Caller,
  id: string,
  scope: string = SCOPES.lezen,
) {
  const bio = await loadBio(ctx.db, id);
  if (!bio) throw problems.notFound();
  await readBesluit(ctx.db, caller, bio.besluitId, scope);
  return bioJson(ctx.baseUrl, bio);
}

/**
 * PUT/PATCH of a besluitinformatieobject: both of its fields are fixed once made, so this only ever
 * answers "unchanged" or `wijzigen-niet-toegelaten` (see docs/conformance.md).
 */
export async function updateBio(ctx: BesluitenContext, caller: Caller, id: string, body: BioInput) {
  const current = await readBio(ctx, caller, id, SCOPES.bijwerken);
  const invalid = new Invalid();
  for (const f of ['besluit', 'informatieobject'] as const)
    if (body[f] !== undefined && body[f] !== current[f])
      invalid.add(f, 'wijzigen-niet-toegelaten', tx.immutable);
  invalid.throwIfAny();
  return current;
}

/** Unlinks a document from a besluit, and removes the mirrored ObjectInformatieObject in the same transaction. */
export async function deleteBio(ctx: BesluitenContext, caller: Caller, id: string): Promise<void> {
  await inTransaction(ctx.db, async (trx) => {
    const bio = await loadBio(trx, id);
    if (!bio) throw problems.notFound();
    const record = await readBesluit(trx, caller, bio.besluitId, SCOPES.verwijderen);
    const json = bioJson(ctx.baseUrl, bio);
    await t(trx).deleteFrom('brc_besluit_informatieobject').where('id', '=', id).execute();
    await unlinkObject(trx, { informatieobject: bio.informatieobject, object: json.besluit });
    await announce(trx, caller, besluitJson(ctx.baseUrl, record), {
      actie: 'destroy',
      resource: 'besluitinformatieobject',
      resourceUrl: json.url,
      oud: json,
      nieuw: null,
    });
  });
}

/** GET /besluitinformatieobjecten: a plain array, filtered by besluit and informatieobject URL and by rights. */
export async function listBios(
  ctx: BesluitenContext,
  caller: Caller,
  q: { besluit?: string; informatieobject?: string },
) {
  let query = t(ctx.db)
    .selectFrom('brc_besluit_informatieobject as l')
    .innerJoin('brc_besluit as b', 'b.id', 'l.besluit_id')
    .select(['l.id', 'l.besluit_id', 'l.informatieobject']);
  const allowed = caller.auth ? allowedTypes(caller.auth, 'brc', [SCOPES.lezen], 'besluittype') : null;
  if (allowed) {
    if (allowed.size === 0) return [];
    query = query.where('b.besluittype', 'in', [...allowed.keys()]);
  }
  if (q.besluit !== undefined) {
    const id = besluitId(ctx, q.besluit);
    // A URL that is not one of this Loket's besluiten has no relations here.
    if (!id) return [];
    query = query.where('l.besluit_id', '=', id);
  }
  if (q.informatieobject !== undefined) query = query.where('l.informatieobject', '=', q.informatieobject);
  const rows = await query.orderBy('l.created_at').orderBy('l.id').execute();
  return rows.map((r) =>
    bioJson(ctx.baseUrl, { id: r.id, besluitId: r.besluit_id, informatieobject: r.informatieobject }),
  );
}
