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
 * A page (`pageOf`) as UTF-8 bytes, written while its results arrive, around results that are JSON texts
 * already: `start` with the count, `add` each result's JSON text, then `finish`. Straight into one buffer
 * (a 135 kB string built by concatenation costs the server more to send than to build), and each text is
 * copied at once, so it need not outlive its row (docs/benchmarks.md).
 */
export class PageWriter {
  private out: Buffer;
  private at = 0;
  private results = 0;

  /** `capacity`: the bytes expected; the buffer grows when the page needs more. */
  constructor(
    private readonly page: number,
    private readonly requestUrl: string,
    capacity = 16 * 1024,
  ) {
    this.out = Buffer.allocUnsafe(capacity);
  }

  start(count: number): void {
    const { results: _none, ...links } = pageOf([], count, this.page, this.requestUrl);
    this.at = 0;
    this.results = 0;
    this.write(`${JSON.stringify(links).slice(0, -1)},"results":[`);
  }

  add(json: string): void {
    if (this.results++ > 0) this.write(',');
    this.write(json);
  }

  finish(): Buffer {
    this.write(']}');
    return this.out.subarray(0, this.at);
  }

  private write(text: string): void {
    // At most 3 UTF-8 bytes per UTF-16 unit: only near the end is the text's exact size needed.
    const needed = this.at + text.length * 3 > this.out.length ? this.at + Buffer.byteLength(text) : 0;
    if (needed > this.out.length) {
      const bigger = Buffer.allocUnsafe(Math.max(this.out.length * 2, needed));
      this.out.copy(bigger, 0, 0, this.at);
      this.out = bigger;
    }
    this.at += this.out.write(text, this.at);
  }
}

export function pageSchema<T extends ReturnType<typeof Type.Object>>(item: T) {
  return Type.Object({
    count: Type.Integer(),
    next: Type.Union([Type.String({ format: 'uri' }), Type.Null()]),
    previous: Type.Union([Type.String({ format: 'uri' }), Type.Null()]),
    results: Type.Array(item),
  });
}
