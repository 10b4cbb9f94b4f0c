/**
 * A tiny cookie-keeping HTTP client for tests that walk through pages and redirects the way a
 * browser without JavaScript would (login flows, forms). Real HTTP against 127.0.0.1.
 */
export class CookieClient {
  private readonly cookies = new Map<string, string>();

  constructor(private readonly baseUrl: string) {}

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  private store(res: Response): void {
    for (const header of res.headers.getSetCookie()) {
      const [pair, ...attrs] = header.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some((a) => /^\s*max-age=0/i.test(a) || /expires=Thu, 01 Jan 1970/i.test(a));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  /** One request, no redirects followed. */
  async request(url: string, init: RequestInit = {}): Promise<Response> {
    const absolute = new URL(url, this.baseUrl);
    const headers = new Headers(init.headers);
    if (absolute.origin === new URL(this.baseUrl).origin && this.cookies.size > 0) {
      headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    }
    const res = await fetch(absolute, { ...init, headers, redirect: 'manual' });
    this.store(res);
    return res;
  }

  /** Follows redirects like a browser (303 and 302 become GET), returning the final response and its URL. */
  async follow(url: string, init: RequestInit = {}, maxHops = 15): Promise<{ res: Response; url: string }> {
    let current = new URL(url, this.baseUrl).href;
    let res = await this.request(current, init);
    for (let hop = 0; hop < maxHops && res.status >= 300 && res.status < 400; hop++) {
      const location = res.headers.get('location');
      if (!location) break;
      current = new URL(location, current).href;
      await res.body?.cancel();
      res = await this.request(current);
    }
    return { res, url: current };
  }

  /** Submits a form (application/x-www-form-urlencoded) and follows the redirects. */
  async submit(url: string, fields: Record<string, string>): Promise<{ res: Response; url: string }> {
    return this.follow(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
  }
}
