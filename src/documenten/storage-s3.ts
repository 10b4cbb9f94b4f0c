import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { type SigV4Key, sign, UNSIGNED_PAYLOAD } from './sigv4.ts';
import {
  byteCounter,
  ContentSizeError,
  type DocumentStorage,
  NotStoredError,
  newKey,
  pullStream,
} from './storage.ts';

export interface S3Options {
  /** e.g. `https://s3.eu-central-1.amazonaws.com` or `http://minio:9000`; objects at `<endpoint>/<bucket>/<key>`. */
  endpoint: string;
  bucket: string;
  accessKey: string;
  secretKey: string;
  region: string;
}

/**
 * Document content in an S3-compatible object store, over plain fetch with SigV4 (path-style URLs).
 * Uploads stream with their length known up front (a single PUT, up to 5 GiB per object in AWS S3).
 */
export class S3Storage implements DocumentStorage {
  private readonly key: SigV4Key;

  constructor(private readonly options: S3Options) {
    this.key = { accessKey: options.accessKey, secretKey: options.secretKey, region: options.region };
  }

  private url(key: string): URL {
    return new URL(`${this.options.endpoint.replace(/\/+$/, '')}/${this.options.bucket}/${key}`);
  }

  private async request(method: string, key: string, init: { body?: Readable; length?: number } = {}) {
    const url = this.url(key);
    const headers = sign(
      {
        method,
        url,
        headers: init.length === undefined ? {} : { 'content-length': String(init.length) },
        payloadHash: init.body ? UNSIGNED_PAYLOAD : undefined,
      },
      this.key,
    );
    delete headers.host;
    return fetch(url, {
      method,
      headers,
      body: init.body ? pullStream(init.body) : undefined,
      // redirect 'error': otherwise fetch tees the body and keeps a whole copy in memory for a possible redirect.
      ...(init.body ? { duplex: 'half', redirect: 'error' } : {}),
    } as RequestInit);
  }

  async put(content: Readable, size?: number): Promise<{ key: string; size: number }> {
    // S3 wants the length before the body; Loket always knows it (base64 content, a part's omvang, the sum).
    if (size === undefined) throw new Error('S3Storage.put needs the content length');
    const key = newKey();
    const counter = byteCounter(size);
    const body = content.pipe(counter);
    content.on('error', (err) => counter.destroy(err));
    let res: Response;
    try {
      res = await this.request('PUT', key, { body, length: size });
    } catch (err) {
      // A stream shorter or longer than announced makes the request fail before S3 answers.
      if (counter.bytes !== size || err instanceof ContentSizeError)
        throw new ContentSizeError(size, counter.bytes);
      throw err;
    }
    const text = await res.text();
    if (!res.ok) throw new Error(`S3 PUT ${key} answered ${res.status}: ${text.slice(0, 200)}`);
    return { key, size };
  }

  async get(key: string): Promise<Readable> {
    const res = await this.request('GET', key);
    if (res.status === 404) {
      await res.body?.cancel();
      throw new NotStoredError(`no content stored under ${key}`);
    }
    if (!res.ok || !res.body) {
      const text = await res.text();
      throw new Error(`S3 GET ${key} answered ${res.status}: ${text.slice(0, 200)}`);
    }
    return Readable.fromWeb(res.body as unknown as WebReadableStream);
  }

  async delete(key: string): Promise<void> {
    const res = await this.request('DELETE', key);
    await res.body?.cancel();
    if (!res.ok && res.status !== 404) throw new Error(`S3 DELETE ${key} answered ${res.status}`);
  }
}
