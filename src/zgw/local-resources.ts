import type { Db } from '../platform/db/database.ts';
import type { Trx } from '../platform/db/transaction.ts';
import { badUrl, fetchReference, invalidResource } from './references.ts';
import { parseLocalUrl, type ZgwApi } from './urls.ts';

/**
 * References between Loket's own ZGW APIs (a zaak's zaaktype, a besluit's zaak, a zaakinformatieobject's
 * informatieobject) are resolved in the database, in the caller's transaction, instead of over HTTP —
 * Loket's own APIs demand a JWT, and a round trip per reference would be slow. Each module registers a
 * resolver for the resources other modules refer to; it returns the resource in its ZGW JSON shape (as
 * its GET would), or null when it does not exist. Remote URLs are fetched as before (fetchReference).
 */
export type LocalResolver = (db: Db | Trx, id: string) => Promise<Record<string, unknown> | null>;

export class LocalResources {
  private readonly resolvers = new Map<string, LocalResolver>();
  private base: string | null = null;

  /** The app's BASE_URL; set once when the modules register (app.ts). */
  setBaseUrl(baseUrl: string): void {
    this.base = baseUrl.replace(/\/+$/, '');
  }

  private get baseUrl(): string {
    if (this.base === null) throw new Error('LocalResources used before setBaseUrl');
    return this.base;
  }

  register(api: ZgwApi, resource: string, resolver: LocalResolver): void {
    const key = `${api}/${resource}`;
    if (this.resolvers.has(key)) throw new Error(`local resolver ${key} registered twice`);
    this.resolvers.set(key, resolver);
  }

  /** Whether the URL points into this Loket (then it must resolve locally or it does not exist). */
  isLocal(url: string): boolean {
    return parseLocalUrl(this.baseUrl, url) !== null || url.startsWith(`${this.baseUrl}/`);
  }

  /**
   * Resolves a reference the ZGW way: a URL that does not answer is `bad-url`, one that answers with the
   * wrong kind of resource is `invalid-resource` (`looksRight` decides for remote ones; for local ones the
   * resource kind in the path must match `expected`).
   */
  async resolve(
    db: Db | Trx,
    field: string,
    url: string,
    expected: { api: ZgwApi; resource: string },
    looksRight: (body: Record<string, unknown>) => boolean = () => true,
  ): Promise<Record<string, unknown>> {
    const ref = parseLocalUrl(this.baseUrl, url);
    if (!ref) {
      if (url.startsWith(`${this.baseUrl}/`)) throw badUrl(field);
      return fetchReference(field, url, looksRight);
    }
    if (ref.sub) throw badUrl(field);
    const resolver = this.resolvers.get(`${ref.api}/${ref.resource}`);
    if (!resolver) throw badUrl(field);
    const found = await resolver(db, ref.id);
    if (!found) throw badUrl(field);
    if (ref.api !== expected.api || ref.resource !== expected.resource) throw invalidResource(field);
    return found;
  }

  /** A local resource by URL without ZGW error handling: the JSON, or null when absent or not local. */
  async lookup(db: Db | Trx, url: string): Promise<Record<string, unknown> | null> {
    const ref = parseLocalUrl(this.baseUrl, url);
    const resolver = ref && !ref.sub ? this.resolvers.get(`${ref.api}/${ref.resource}`) : undefined;
    return resolver && ref ? resolver(db, ref.id) : null;
  }
}
