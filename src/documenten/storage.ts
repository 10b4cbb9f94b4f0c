import { Readable, Transform } from 'node:stream';

/**
 * Where document content lives. Content is written once under a key the store makes and never changed:
 * a new version with new content is a new object, one without new content shares the old key. Content
 * always streams in and out; nothing holds a whole document in memory.
 */
export interface DocumentStorage {
  /**
   * Stores a stream as a new object and answers its key and length. With `size`, the stream must be
   * exactly that long (`ContentSizeError` otherwise, and nothing is stored).
   */
  put(content: Readable, size?: number): Promise<{ key: string; size: number }>;
  /** The content of an object as a stream; `NotStoredError` when the key is unknown. */
  get(key: string): Promise<Readable>;
  /** Removes an object; removing an unknown key is not an error. */
  delete(key: string): Promise<void>;
}

export class ContentSizeError extends Error {
  constructor(
    readonly expected: number,
    readonly received: number,
  ) {
    super(`content is ${received} bytes, expected ${expected}`);
  }
}

export class NotStoredError extends Error {}

/** A new object key: date folder and a random name (keys never come from clients). */
export function newKey(): string {
  return `${new Date().toISOString().slice(0, 10)}/${crypto.randomUUID()}`;
}

export const KEY = /^\d{4}-\d{2}-\d{2}\/[0-9a-f-]{36}$/;

/** Counts the bytes that pass; fails as soon as there are more than `max`. */
export function byteCounter(max = Number.POSITIVE_INFINITY): Transform & { bytes: number } {
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      counter.bytes += chunk.length;
      if (counter.bytes > max) done(new ContentSizeError(max, counter.bytes));
      else done(null, chunk);
    },
  }) as Transform & { bytes: number };
  counter.bytes = 0;
  return counter;
}

/**
 * A Node stream as a web stream that reads only when asked (Readable.toWeb in Node 20 reads ahead without
 * limit, which would buffer a whole upload when the other side is slower).
 */
export function pullStream(
  source: AsyncIterable<Uint8Array> & { destroy?(err?: Error): void },
): ReadableStream<Uint8Array> {
  const it = source[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const { value, done } = await it.next();
        if (done) controller.close();
        else controller.enqueue(value);
      },
      async cancel(reason) {
        await it.return?.();
        source.destroy?.(reason instanceof Error ? reason : undefined);
      },
    },
    { highWaterMark: 1 },
  );
}

/** The objects one after the other as one stream, each opened only when the previous one is done. */
export function concatenated(storage: DocumentStorage, keys: string[]): Readable {
  return Readable.from(
    (async function* () {
      for (const key of keys) yield* await storage.get(key);
    })(),
  );
}
