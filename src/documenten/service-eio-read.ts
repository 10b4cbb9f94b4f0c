import type { Readable } from 'node:stream';
import { type SelectQueryBuilder, sql } from 'kysely';
import { problems } from '../platform/http/problem.ts';
import { parseDateTime } from '../zgw/datetime.ts';
import { PAGE_SIZE } from '../zgw/pagination.ts';
import {
  type Caller,
  type DocumentenContext,
  readableTypes,
  requireDocumentAccess,
  SCOPES,
} from './context.ts';
import { type EioJson, eioJson, type PartRow, type VersionRow } from './json.ts';
import { readEioJson } from './repository.ts';
import { NotStoredError } from './storage.ts';
import { documentenTexts as t } from './texts.nl.ts';

export interface VersionQuery {
  versie?: number;
  registratieOp?: string;
}

function versionAt(q: VersionQuery): VersionQuery {
  if (q.registratieOp !== undefined && Number.isNaN(parseDateTime(q.registratieOp).getTime()))
    throw problems.invalidField('registratieOp', 'invalid', t.dateTime);
  return { versie: q.versie, registratieOp: q.registratieOp };
}

/** One document (a version of it), for a caller who may read it. */
export async function readEio(
  ctx: DocumentenContext,
  caller: Caller,
  id: string,
  q: VersionQuery = {},
): Promise<EioJson> {
  const found = await readEioJson(ctx.db, ctx.baseUrl, id, versionAt(q));
  if (!found) throw problems.notFound();
  requireDocumentAccess(caller, [SCOPES.lezen], found.json);
  return found.json;
}

/** The content of a version, as a stream with what the download answer needs. */
export async function openContent(
  ctx: DocumentenContext,
  caller: Caller,
  id: string,
  q: VersionQuery,
): Promise<{ stream: Readable; size: number | null; bestandsnaam: string; formaat: string }> {
  const found = await readEioJson(ctx.db, ctx.baseUrl, id, versionAt(q));
  if (!found) throw problems.notFound();
  requireDocumentAccess(caller, [SCOPES.lezen], found.json);
  const version = await ctx.db
    .selectFrom('drc_eio_version')
    .select('content_key')
    .where('eio_id', '=', id)
    .where('versie', '=', found.json.versie)
    .executeTakeFirst();
  if (!version?.content_key) throw problems.notFound(t.noContent);
  try {
    return {
      stream: await ctx.storage.get(version.content_key as string),
      size: found.json.bestandsomvang,
      bestandsnaam: String(found.json.bestandsnaam ?? ''),
      formaat: String(found.json.formaat ?? ''),
    };
  } catch (err) {
    if (err instanceof NotStoredError) throw problems.notFound(t.noContent);
    throw err;
  }
}

export interface EioFilter {
  identificatie?: string;
  bronorganisatie?: string;
  trefwoorden?: string;
  ids?: string[];
  page?: number;
}

// biome-ignore lint/suspicious/noExplicitAny: Kysely over the untyped Db
type Query = SelectQueryBuilder<any, any, any>;

function filtered(ctx: DocumentenContext, caller: Caller, f: EioFilter): Query {
  let q: Query = ctx.db.selectFrom('drc_eio as e');
  const allowed = readableTypes(caller);
  if (allowed)
    q = q.where((eb) =>
      allowed.size === 0
        ? eb.val(false)
        : eb.or(
            [...allowed].map(([type, rank]) =>
              eb.and([eb('e.informatieobjecttype', '=', type), eb('e.vertrouwelijkheid_rank', '<=', rank)]),
            ),
          ),
    );
  if (f.identificatie !== undefined) q = q.where('e.identificatie', '=', f.identificatie);
  if (f.bronorganisatie !== undefined) q = q.where('e.bronorganisatie', '=', f.bronorganisatie);
  if (f.trefwoorden !== undefined) {
    const words = f.trefwoorden
      .split(',')
      .map((w) => w.trim())
      .filter(Boolean);
    q = q.where(sql<boolean>`e.trefwoorden @> ${JSON.stringify(words)}::jsonb`);
  }
  if (f.ids !== undefined)
    q = q.where('e.id', 'in', f.ids.length > 0 ? f.ids : ['00000000-0000-0000-0000-000000000000']);
  return q;
}

/** A page of the latest versions of the documents the caller may read, oldest first. */
export async function listEio(
  ctx: DocumentenContext,
  caller: Caller,
  f: EioFilter,
): Promise<{ count: number; results: EioJson[] }> {
  const page = f.page ?? 1;
  const q = filtered(ctx, caller, f);
  const [{ n }, rows] = await Promise.all([
    q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow() as Promise<{ n: number }>,
    q
      .innerJoin('drc_eio_version as v', (j) =>
        j.onRef('v.eio_id', '=', 'e.id').onRef('v.versie', '=', 'e.versie'),
      )
      .select([
        'e.id',
        'e.lock',
        'v.versie',
        'v.begin_registratie',
        'v.content_key',
        'v.bestandsomvang',
        'v.data',
      ])
      .orderBy('e.created_at')
      .orderBy('e.id')
      .limit(PAGE_SIZE)
      .offset((page - 1) * PAGE_SIZE)
      .execute(),
  ]);
  if (page > 1 && rows.length === 0) throw problems.notFound();
  const ids = rows.map((r) => r.id as string);
  const parts = ids.length
    ? ((await ctx.db
        .selectFrom('drc_bestandsdeel')
        .selectAll()
        .where('eio_id', 'in', ids)
        .orderBy('volgnummer')
        .execute()) as (PartRow & { eio_id: string })[])
    : [];
  const results = rows.map((r) =>
    eioJson(
      ctx.baseUrl,
      { id: r.id as string, versie: r.versie as number, lock: r.lock as string },
      r as unknown as VersionRow,
      parts.filter((p) => p.eio_id === r.id),
    ),
  );
  return { count: n, results };
}
