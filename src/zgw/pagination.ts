import { Type } from 'typebox';

export const PAGE_SIZE = 100;

export const PageQuery = Type.Optional(
  Type.Integer({ minimum: 1, description: 'Een pagina binnen de gepagineerde set resultaten.' }),
);

export interface Page<T> {
  count: number;
  next: string | null;
  previous: string | null;
  results: T[];
}

/** The ZGW paginated list shape; `requestUrl` is the absolute URL of this request (query kept, page replaced). */
export function pageOf<T>(
  results: T[],
  count: number,
  page: number,
  requestUrl: string,
  pageSize = PAGE_SIZE,
): Page<T> {
  const link = (n: number) => {
    const u = new URL(requestUrl);
    u.searchParams.set('page', String(n));
    return u.href;
  };
  return {
    count,
    next: page * pageSize < count ? link(page + 1) : null,
    previous: page > 1 ? link(page - 1) : null,
    results,
  };
}

/**
 * The same page as UTF-8 bytes, around results that are JSON texts already. Written straight into one
 * buffer: a 135 kB string built by concatenation costs the server more to send than to build
 * (docs/benchmarks.md).
 */
export function pageBytes(results: string[], count: number, page: number, requestUrl: string): Buffer {
  const { results: _none, ...links } = pageOf([], count, page, requestUrl);
  const head = `${JSON.stringify(links).slice(0, -1)},"results":[`;
  let size = Buffer.byteLength(head) + 2 + Math.max(results.length - 1, 0);
  for (const r of results) size += Buffer.byteLength(r);
  const out = Buffer.allocUnsafe(size);
  let at = out.write(head);
  for (let i = 0; i < results.length; i++) {
    if (i > 0) out[at++] = 0x2c; // ,
    at += out.write(results[i], at);
  }
  out.write(']}', at);
  return out;
}

export function pageSchema<T extends ReturnType<typeof Type.Object>>(item: T) {
  return Type.Object({
    count: Type.Integer(),
    next: Type.Union([Type.String({ format: 'uri' }), Type.Null()]),
    previous: Type.Union([Type.String({ format: 'uri' }), Type.Null()]),
    results: Type.Array(item),
  });
}
