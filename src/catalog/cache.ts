import { gzipSync } from 'node:zlib';
import type { Db } from '../platform/db/database.ts';
import { currentRevision } from './revision.ts';

/**
 * Serialised list pages, each valid for one catalogue revision. The catalogue changes rarely and is read
 * on every zaak, so a list page is served from memory as long as the revision row says nothing changed.
 * The revision is read from the database on every request: a change made by any process invalidates the
 * page at once, and nothing here is state that matters (a restart merely empties it).
 */
export class ListCache {
  private readonly pages = new Map<string, { revision: number; body: CachedBody }>();

  constructor(
    private readonly db: Db,
    private readonly maxEntries = 500,
  ) {}

  /** The page as UTF-8 bytes (encoding a 100-item page on every send was most of its cost), and gzipped. */
  async get(key: string, compute: () => Promise<unknown>): Promise<CachedBody> {
    const revision = await currentRevision(this.db);
    const hit = this.pages.get(key);
    if (hit && hit.revision === revision) {
      // Map order is insertion order: re-inserting keeps the most recently used at the end.
      this.pages.delete(key);
      this.pages.set(key, hit);
      return hit.body;
    }
    const body = new CachedBody(Buffer.from(JSON.stringify(await compute()), 'utf8'));
    this.pages.delete(key);
    this.pages.set(key, { revision, body });
    while (this.pages.size > this.maxEntries) this.pages.delete(this.pages.keys().next().value as string);
    return body;
  }
}

/** A serialised page; its gzip form is made on first demand and kept with it. */
export class CachedBody {
  private gz: Buffer | null = null;
  constructor(readonly raw: Buffer) {}
  get gzip(): Buffer {
    this.gz ??= gzipSync(this.raw, { level: 6 });
    return this.gz;
  }
}
