import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  headers: IncomingHttpHeaders;
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever was POSTed
  body: any;
  at: number;
}

/** A notification receiver on 127.0.0.1 (port 0). `status` is what it answers; set it to 503 to be "down". */
export async function startSubscriber(): Promise<{
  url: string;
  status: number;
  received: Received[];
  /** Received notifications, without the test notification of the callback check. */
  notifications(): Received[];
  close(): Promise<void>;
}> {
  const state = {
    url: '',
    status: 204,
    received: [] as Received[],
    notifications() {
      return state.received.filter((r) => r.body?.kanaal !== 'test');
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server = createServer(async (req, res) => {
    let text = '';
    for await (const chunk of req) text += chunk;
    if (state.status >= 200 && state.status < 300) {
      state.received.push({ headers: req.headers, body: text ? JSON.parse(text) : null, at: Date.now() });
    }
    res.writeHead(state.status).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/callback`;
  return state;
}

export async function until<T>(
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 10_000,
): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
