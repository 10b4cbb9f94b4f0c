import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  byteCounter,
  ContentSizeError,
  type DocumentStorage,
  KEY,
  NotStoredError,
  newKey,
} from './storage.ts';

/**
 * Document content as files under one folder (by default `LOKET_DATA_DIR/documenten`). A file is
 * written to `tmp/` first and renamed into place when complete, so a reader never sees half a file and a
 * crash leaves only a temporary file behind.
 */
export class FileStorage implements DocumentStorage {
  constructor(private readonly root: string) {}

  private path(key: string): string {
    if (!KEY.test(key)) throw new NotStoredError(`not a storage key: ${key}`);
    return join(this.root, key);
  }

  async put(content: Readable, size?: number): Promise<{ key: string; size: number }> {
    const key = newKey();
    const tmp = join(this.root, 'tmp', `${crypto.randomUUID()}.part`);
    await mkdir(dirname(tmp), { recursive: true });
    const counter = byteCounter(size);
    try {
      await pipeline(content, counter, createWriteStream(tmp, { flags: 'wx' }));
      if (size !== undefined && counter.bytes !== size) throw new ContentSizeError(size, counter.bytes);
      const target = this.path(key);
      await mkdir(dirname(target), { recursive: true });
      await rename(tmp, target);
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
    return { key, size: counter.bytes };
  }

  async get(key: string): Promise<Readable> {
    const path = this.path(key);
    try {
      await stat(path);
    } catch {
      throw new NotStoredError(`no content stored under ${key}`);
    }
    return createReadStream(path);
  }

  async delete(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }
}
