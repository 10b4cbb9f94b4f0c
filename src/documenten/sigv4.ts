import { createHash, createHmac } from 'node:crypto';

/**
 * AWS Signature Version 4 for S3-compatible stores (AWS S3, MinIO, Ceph, the cloud providers' object
 * stores): the Authorization header for one request. Bodies are sent as `UNSIGNED-PAYLOAD`, so content
 * can stream without being hashed first (allowed by S3 over TLS and by every compatible store).
 */
export interface SigV4Key {
  accessKey: string;
  secretKey: string;
  region: string;
  service?: string;
}

export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';

const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();
const sha256 = (data: string) => createHash('sha256').update(data).digest('hex');

/** RFC 3986 encoding as SigV4 wants it (every byte but unreserved characters). */
function encode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** `20130524T000000Z` */
export function amzDate(now: Date): string {
  return now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/**
 * Signs a request: answers the headers to send (the given ones plus host, x-amz-date,
 * x-amz-content-sha256 and authorization). `headers` are all signed.
 */
export function sign(
  request: { method: string; url: URL; headers?: Record<string, string>; payloadHash?: string },
  key: SigV4Key,
  now: Date = new Date(),
): Record<string, string> {
  const date = amzDate(now);
  const day = date.slice(0, 8);
  const service = key.service ?? 's3';
  const headers: Record<string, string> = {
    ...Object.fromEntries(Object.entries(request.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
    host: request.url.host,
    'x-amz-date': date,
    'x-amz-content-sha256': request.payloadHash ?? EMPTY_SHA256,
  };
  const names = Object.keys(headers).sort();
  const canonicalPath = request.url.pathname
    .split('/')
    .map((segment) => encode(decodeURIComponent(segment)))
    .join('/');
  const query = [...request.url.searchParams]
    .map(([k, v]) => [encode(k), encode(v)])
    .sort(([a, x], [b, y]) => (a === b ? (x < y ? -1 : 1) : a < b ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const canonical = [
    request.method.toUpperCase(),
    canonicalPath,
    query,
    ...names.map((n) => `${n}:${String(headers[n]).trim().replace(/\s+/g, ' ')}`),
    '',
    names.join(';'),
    headers['x-amz-content-sha256'],
  ].join('\n');
  const scope = `${day}/${key.region}/${service}/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', date, scope, sha256(canonical)].join('\n');
  const signingKey = hmac(hmac(hmac(hmac(`AWS4${key.secretKey}`, day), key.region), service), 'aws4_request');
  const signature = createHmac('sha256', signingKey).update(toSign).digest('hex');
  headers.authorization = `AWS4-HMAC-SHA256 Credential=${key.accessKey}/${scope},SignedHeaders=${names.join(';')},Signature=${signature}`;
  return headers;
}
