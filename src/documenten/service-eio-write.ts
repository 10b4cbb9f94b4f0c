import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { vertrouwelijkheidRank } from '../authz/policy.ts';
import { inTransaction, type Trx } from '../platform/db/transaction.ts';
import { Problem, problems } from '../platform/http/problem.ts';
import { Invalid } from '../zgw/invalid.ts';
import { decodeBase64, discard, fileSizeProblem, keepingContentOnlyIfDone, store, sweep } from './content.ts';
import { announce, type Caller, type DocumentenContext, requireDocumentAccess, SCOPES } from './context.ts';
import { EIO_FIELDS, type EioJson, eioJson } from './json.ts';
import { type Conn, loadEio, loadParts, loadVersion } from './repository.ts';
import { documentenTexts as t } from './texts.nl.ts';

export type EioBody = Record<string, unknown>;

const RESOURCE = 'enkelvoudiginformatieobject';

/** The informatieobjecttype must exist, be one, and be published (`not-published`). */
export async function resolveType(ctx: DocumentenContext, conn: Conn, url: string) {
  const iot = await ctx.local.resolve(
    conn,
    'informatieobjecttype',
    url,
    { api: 'catalogi', resource: 'informatieobjecttypen' },
    (b) => typeof b.omschrijving === 'string' && typeof b.catalogus === 'string',
  );
  if (iot.concept === true)
    throw problems.invalidField('informatieobjecttype', 'not-published', t.notPublished);
  return iot;
}

function checkStatus(data: Record<string, unknown>, invalid: Invalid): void {
  if (data.ontvangstdatum && (data.status === 'in_bewerking' || data.status === 'ter_vaststelling'))
    invalid.add('status', 'invalid_for_received', t.invalidForReceived);
}

/** indicatieGebruiksrecht follows the gebruiksrechten: set it by creating them, not directly. */
function checkIndicatie(body: EioBody, hasRechten: boolean, invalid: Invalid): void {
  if (!('indicatieGebruiksrecht' in body)) return;
  const indicatie = body.indicatieGebruiksrecht;
  if (hasRechten && indicatie !== true)
    invalid.add('indicatieGebruiksrecht', 'existing-gebruiksrechten', t.existingGebruiksrechten);
  else if (!hasRechten && indicatie === true)
    invalid.add('indicatieGebruiksrecht', 'missing-gebruiksrechten', t.missingGebruiksrechten);
}

export const newLock = () => randomUUID().replace(/-/g, '');

/** Splits `size` bytes into bestandsdelen of the configured size, in the transaction. */
async function createParts(ctx: DocumentenContext, trx: Trx, eioId: string, size: number): Promise<void> {
  const rows = [];
  for (let offset = 0, n = 1; offset < size; offset += ctx.partSize, n++)
    rows.push({
      id: randomUUID(),
      eio_id: eioId,
      volgnummer: n,
      omvang: Math.min(ctx.partSize, size - offset),
    });
  for (let i = 0; i < rows.length; i += 1000)
    await trx
      .insertInto('drc_bestandsdeel')
      .values(rows.slice(i, i + 1000))
      .execute();
}

/** Removes a document's bestandsdelen (a new version or the unlock replaces them). */
export async function wipeParts(trx: Trx, eioId: string): Promise<void> {
  const parts = await trx
    .deleteFrom('drc_bestandsdeel')
    .where('eio_id', '=', eioId)
    .returning('content_key')
    .execute();
  await discard(
    trx,
    parts.map((p) => p.content_key as string | null),
  );
}

async function nextIdentificatie(trx: Trx): Promise<string> {
  const { n } = (await sql<{ n: number }>`select nextval('drc_identificatie_seq')::int as n`.execute(trx))
    .rows[0] as { n: number };
  return `DOCUMENT-${new Date().getFullYear()}-${String(n).padStart(10, '0')}`;
}

async function identificatieTaken(trx: Trx, bron: string, identificatie: string, exceptId?: string) {
  let q = trx
    .selectFrom('drc_eio')
    .select('id')
    .where('bronorganisatie', '=', bron)
    .where('identificatie', '=', identificatie);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

/** What a version's content will be: stored now, kept from the previous version, split into parts, or none. */
interface ContentPlan {
  key: string | null;
  fresh: boolean;
  bestandsomvang: number | null;
  parts: boolean;
}

async function planContent(
  ctx: DocumentenContext,
  body: EioBody,
  previous: { key: string | null; bestandsomvang: number | null } | null,
): Promise<ContentPlan> {
  const bytes = typeof body.inhoud === 'string' ? decodeBase64(body.inhoud) : null;
  const given = typeof body.bestandsomvang === 'number' ? body.bestandsomvang : null;
  const keep = previous !== null && !('inhoud' in body);
  let bestandsomvang = 'bestandsomvang' in body ? given : (previous?.bestandsomvang ?? null);
  if (bytes) {
    if (given !== null && given !== bytes.length) throw fileSizeProblem(given, bytes.length);
    bestandsomvang = bytes.length;
  } else if (keep && previous.key !== null && 'bestandsomvang' in body && given !== previous.bestandsomvang) {
    throw fileSizeProblem(given ?? 0, previous.bestandsomvang ?? 0);
  }
  if (keep && previous.key !== null) return { key: previous.key, fresh: false, bestandsomvang, parts: false };
  if (bytes || bestandsomvang === 0) {
    const stored = await store(ctx, bytes ?? Buffer.alloc(0));
    return { key: stored.key, fresh: true, bestandsomvang: stored.size, parts: false };
  }
  return { key: null, fresh: false, bestandsomvang, parts: (bestandsomvang ?? 0) > 0 };
}

function versionData(body: EioBody, base: Record<string, unknown>): Record<string, unknown> {
  const data: Record<string, unknown> = { ...base };
  for (const f of EIO_FIELDS) if (body[f] !== undefined) data[f] = body[f];
  return data;
}

/**
 * POST: version 1 of a new document. With `bestandsomvang` and no `inhoud` the document gets bestandsdelen
 * and is locked at once; the answer then carries the `lock` to upload the parts with.
 */
export async function createEio(ctx: DocumentenContext, caller: Caller, body: EioBody) {
  const invalid = new Invalid();
  checkStatus(body, invalid);
  checkIndicatie(body, false, invalid);
  invalid.throwIfAny();
  const iot = await resolveType(ctx, ctx.db, body.informatieobjecttype as string);
  const vertrouwelijkheid =
    (body.vertrouwelijkheidaanduiding as string) || (iot.vertrouwelijkheidaanduiding as string) || 'openbaar';
  const data = versionData(body, { vertrouwelijkheidaanduiding: vertrouwelijkheid });
  requireDocumentAccess(caller, [SCOPES.aanmaken], {
    informatieobjecttype: body.informatieobjecttype as string,
    vertrouwelijkheidaanduiding: vertrouwelijkheid,
  });
  const content = await planContent(ctx, body, null);
  return keepingContentOnlyIfDone(ctx, [content.fresh ? content.key : null], () =>
    inTransaction(ctx.db, (trx) =>
      insertEio(ctx, trx, caller, {
        bronorganisatie: body.bronorganisatie as string,
        identificatie: (body.identificatie as string) || '',
        informatieobjecttype: body.informatieobjecttype as string,
        data,
        content,
      }),
    ),
  );
}

/**
 * Version 1 of a new document in the caller's transaction, with its notification and audit trail row.
 * `data` holds the version's fields (vertrouwelijkheidaanduiding set); `content` what planContent or a
 * store gave. Also the way other modules register a document (see index.ts).
 */
export async function insertEio(
  ctx: DocumentenContext,
  trx: Trx,
  caller: Caller,
  input: {
    bronorganisatie: string;
    identificatie: string;
    informatieobjecttype: string;
    data: Record<string, unknown>;
    content: Pick<ContentPlan, 'key' | 'bestandsomvang' | 'parts'>;
  },
) {
  const { data, content } = input;
  const bron = input.bronorganisatie;
  let identificatie = input.identificatie;
  if (identificatie && (await identificatieTaken(trx, bron, identificatie)))
    throw problems.invalidField('identificatie', 'identificatie-niet-uniek', t.identificatieNotUnique);
  if (!identificatie) identificatie = await nextIdentificatie(trx);
  data.identificatie = identificatie;
  data.bronorganisatie = bron;
  data.informatieobjecttype = input.informatieobjecttype;
  const eio = {
    id: randomUUID(),
    organisation_id: caller.organisationId,
    identificatie,
    bronorganisatie: bron,
    versie: 1,
    lock: content.parts ? newLock() : '',
    informatieobjecttype: input.informatieobjecttype,
    vertrouwelijkheid_rank: vertrouwelijkheidRank(data.vertrouwelijkheidaanduiding as string),
    trefwoorden: JSON.stringify(data.trefwoorden ?? []),
  };
  await trx.insertInto('drc_eio').values(eio).execute();
  const version = {
    eio_id: eio.id,
    versie: 1,
    begin_registratie: new Date(),
    content_key: content.key,
    bestandsomvang: content.bestandsomvang,
    data: JSON.stringify(data),
  };
  await trx.insertInto('drc_eio_version').values(version).execute();
  if (content.parts) await createParts(ctx, trx, eio.id, content.bestandsomvang ?? 0);
  const created = eioJson(ctx.baseUrl, eio, { ...version, data }, await loadParts(trx, eio.id));
  await announce(trx, caller, created, 'create', {
    resource: RESOURCE,
    url: created.url,
    oud: null,
    nieuw: created,
  });
  return content.parts ? { ...created, lock: eio.lock } : created;
}

/** The lock rules of PUT/PATCH, in the reference implementation's order. */
function checkLock(current: string, body: EioBody): void {
  const refuse = (code: string, reason: string) =>
    new Problem(400, 'invalid', 'Invalid input.', reason, [{ name: 'nonFieldErrors', code, reason }]);
  if (!current) throw refuse('unlocked', t.unlocked);
  if (typeof body.lock !== 'string') throw refuse('missing-lock-id', t.missingLock);
  if (body.lock !== current) throw refuse('incorrect-lock-id', t.incorrectLock);
}

/**
 * PUT (`partial` false) or PATCH: always a new version. Needs the document's lock. PUT replaces every
 * writable field (content too: without `inhoud` the new version has none, or bestandsdelen when
 * `bestandsomvang` is given); PATCH keeps what it does not mention.
 */
export async function updateEio(
  ctx: DocumentenContext,
  caller: Caller,
  id: string,
  body: EioBody,
  partial: boolean,
): Promise<EioJson> {
  const eio = await loadEio(ctx.db, id);
  const current = eio && (await loadVersion(ctx.db, eio));
  if (!eio || !current) throw problems.notFound();
  const before = eioJson(ctx.baseUrl, eio, current, await loadParts(ctx.db, id));
  requireDocumentAccess(caller, [SCOPES.bijwerken, SCOPES.geforceerdBijwerken], before);
  checkLock(eio.lock, body);
  const base = partial
    ? { ...current.data }
    : {
        identificatie: before.identificatie,
        vertrouwelijkheidaanduiding: before.vertrouwelijkheidaanduiding,
        indicatieGebruiksrecht: before.indicatieGebruiksrecht,
      };
  const data = versionData(body, base);
  if (!data.vertrouwelijkheidaanduiding)
    data.vertrouwelijkheidaanduiding = before.vertrouwelijkheidaanduiding;
  const invalid = new Invalid();
  checkStatus(data, invalid);
  const rechten = await ctx.db
    .selectFrom('drc_gebruiksrechten')
    .select('id')
    .where('eio_id', '=', id)
    .executeTakeFirst();
  checkIndicatie(body, rechten !== undefined, invalid);
  invalid.throwIfAny();
  const type = data.informatieobjecttype as string;
  if (type !== before.informatieobjecttype) await resolveType(ctx, ctx.db, type);
  const guarded = {
    informatieobjecttype: type,
    vertrouwelijkheidaanduiding: data.vertrouwelijkheidaanduiding as string,
  };
  requireDocumentAccess(caller, [SCOPES.bijwerken, SCOPES.geforceerdBijwerken], guarded);
  const content = await planContent(ctx, body, {
    key: current.content_key,
    bestandsomvang: current.bestandsomvang === null ? null : Number(current.bestandsomvang),
  });
  const json = await keepingContentOnlyIfDone(ctx, [content.fresh ? content.key : null], () =>
    inTransaction(ctx.db, async (trx) => {
      const locked = await loadEio(trx, id, true);
      if (!locked) throw problems.notFound();
      checkLock(locked.lock, body);
      const bron = data.bronorganisatie as string;
      const identificatie = data.identificatie as string;
      if (await identificatieTaken(trx, bron, identificatie, id))
        throw problems.invalidField('identificatie', 'identificatie-niet-uniek', t.identificatieNotUnique);
      const versie = locked.versie + 1;
      const version = {
        eio_id: id,
        versie,
        begin_registratie: new Date(),
        content_key: content.key,
        bestandsomvang: content.bestandsomvang,
        data: JSON.stringify(data),
      };
      await trx.insertInto('drc_eio_version').values(version).execute();
      await trx
        .updateTable('drc_eio')
        .set({
          versie,
          identificatie,
          bronorganisatie: bron,
          informatieobjecttype: type,
          vertrouwelijkheid_rank: vertrouwelijkheidRank(guarded.vertrouwelijkheidaanduiding),
          trefwoorden: JSON.stringify(data.trefwoorden ?? []),
        })
        .where('id', '=', id)
        .execute();
      await wipeParts(trx, id);
      if (content.parts) await createParts(ctx, trx, id, content.bestandsomvang ?? 0);
      const after = eioJson(
        ctx.baseUrl,
        { ...locked, versie },
        { ...version, data },
        await loadParts(trx, id),
      );
      await announce(trx, caller, after, partial ? 'partial_update' : 'update', {
        resource: RESOURCE,
        url: after.url,
        oud: before,
        nieuw: after,
      });
      return after;
    }),
  );
  void sweep(ctx);
  return json;
}
