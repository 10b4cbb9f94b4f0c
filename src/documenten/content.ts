import { Readable } from 'node:stream';
import type { Trx } from '../platform/db/transaction.ts';
import { problems } from '../platform/http/problem.ts';
import type { DocumentenContext } from './context.ts';
import { ContentSizeError } from './storage.ts';
import { documentenTexts as t } from './texts.nl.ts';

const BASE64 = /^[A-Za-z0-9+/\r\n]*={0,2}$/;

/** Decodes `inhoud` (base64 in the JSON body); a 400 on `inhoud` when it is not base64. */
export function decodeBase64(inhoud: string): Buffer {
  const compact = inhoud.replace(/\s+/g, '');
  if (!BASE64.test(compact) || compact.length % 4 === 1)
    throw problems.invalidField('inhoud', 'invalid', t.base64);
  return Buffer.from(compact, 'base64');
}

export const fileSizeProblem = (expected: number, received: number) =>
  problems.validation([
    { name: 'nonFieldErrors', code: 'file-size', reason: t.fileSize(expected, received) },
  ]);

/** Stores content, turning a length that differs from the announced one into the ZGW `file-size` error. */
export async function store(
  ctx: DocumentenContext,
  content: Readable | Buffer,
  size?: number,
): Promise<{ key: string; size: number }> {
  const stream = Buffer.isBuffer(content) ? Readable.from([content]) : content;
  try {
    return await ctx.storage.put(stream, Buffer.isBuffer(content) ? content.length : size);
  } catch (err) {
    if (err instanceof ContentSizeError) throw fileSizeProblem(err.expected, err.received);
    throw err;
  }
}

/**
 * Runs `work` (the transaction that will refer to freshly stored content); when it fails, the content
 * is removed again, so a refused request leaves nothing behind in the store.
 */
export async function keepingContentOnlyIfDone<T>(
  ctx: DocumentenContext,
  keys: (string | null | undefined)[],
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (err) {
    for (const key of keys) if (key) await ctx.storage.delete(key).catch(() => {});
    throw err;
  }
}

/** Marks content as no longer used, in the transaction that stops using it; `sweep` removes it after commit. */
export async function discard(trx: Trx, keys: (string | null | undefined)[]): Promise<void> {
  const unique = [...new Set(keys.filter((k): k is string => !!k))];
  if (unique.length === 0) return;
  await trx
    .insertInto('drc_orphan_content')
    .values(unique.map((content_key) => ({ content_key })))
    .onConflict((oc) => oc.column('content_key').doNothing())
    .execute();
}

/** Removes discarded content from the store (after the discarding transaction committed). Never throws. */
export async function sweep(ctx: DocumentenContext): Promise<void> {
  try {
    const rows = await ctx.db.selectFrom('drc_orphan_content').select('content_key').limit(1000).execute();
    for (const { content_key } of rows) {
      await ctx.storage.delete(content_key as string);
      await ctx.db.deleteFrom('drc_orphan_content').where('content_key', '=', content_key).execute();
    }
  } catch (err) {
    ctx.log.warn({ err }, 'documenten: removing discarded content failed; it is retried later');
  }
}
