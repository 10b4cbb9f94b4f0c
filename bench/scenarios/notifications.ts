import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT } from 'jose';
import { DEMO_API_CLIENT } from '../../src/demo/organisations.ts';
import { percentile, round } from '../lib.ts';
import type { BenchContext, BenchScenario } from '../types.ts';

const NOTIFICATIONS = 1000;
const SUBSCRIBERS = 10;
const TARGET_P50_MS = 50;
const NRC = '/notificaties/api/v1';

async function demoToken(): Promise<string> {
  return new SignJWT({ client_id: DEMO_API_CLIENT.clientId, iat: Math.floor(Date.now() / 1000) })
    .setProtectedHeader({ alg: 'HS256' })
    .sign(new TextEncoder().encode(DEMO_API_CLIENT.secret));
}

interface Subscriber {
  url: string;
  server: Server;
  /** Arrival time (performance.now) per notification number. */
  arrivals: Map<number, number>;
}

/** A subscriber that answers 204 and notes when each notification (numbered in its resourceUrl) arrived. */
async function startSubscriber(): Promise<Subscriber> {
  const arrivals = new Map<number, number>();
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      const at = performance.now();
      const match = /\/zaken\/(\d+)$/.exec((JSON.parse(body) as { resourceUrl?: string }).resourceUrl ?? '');
      if (match && !arrivals.has(Number(match[1]))) arrivals.set(Number(match[1]), at);
      res.writeHead(204).end();
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/callback`, server, arrivals };
}

const notification = (n: number) => ({
  kanaal: 'zaken',
  hoofdObject: `https://bench.example/zaken/api/v1/zaken/${n}`,
  resource: 'zaak',
  resourceUrl: `https://bench.example/zaken/api/v1/zaken/${n}`,
  actie: 'create',
  aanmaakdatum: new Date().toISOString(),
  kenmerken: {
    bronorganisatie: '002564440',
    zaaktype: 'https://bench.example/zaaktypen/1',
    vertrouwelijkheidaanduiding: 'openbaar',
  },
});

async function call(ctx: BenchContext, method: string, path: string, body?: unknown): Promise<Response> {
  const res = await fetch(path.startsWith('http') ? path : `${ctx.baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${await demoToken()}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res;
}

async function waitFor(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const scenarios: BenchScenario[] = [
  {
    name: 'notification-delivery',
    target: `${NOTIFICATIONS} notifications (POST /notificaties, one after another) to ${SUBSCRIBERS} local subscribers: p50 from publish to subscriber ≤ ${TARGET_P50_MS} ms`,
    needsServer: true,
    async run(ctx) {
      const subscribers = await Promise.all(Array.from({ length: SUBSCRIBERS }, startSubscriber));
      const abonnementen: string[] = [];
      try {
        for (const s of subscribers) {
          const res = await call(ctx, 'POST', `${NRC}/abonnement`, {
            callbackUrl: s.url,
            auth: 'Bearer bench',
            kanalen: [{ naam: 'zaken', filters: { bronorganisatie: '002564440' } }],
          });
          abonnementen.push(((await res.json()) as { url: string }).url);
        }
        // Warm-up: connections, JIT, prepared paths.
        for (let n = 1; n <= 20; n++) await call(ctx, 'POST', `${NRC}/notificaties`, notification(-n));
        await new Promise((r) => setTimeout(r, 500));

        // Latency is measured from just before the publishing request is sent (an upper bound for "from
        // commit": it includes the request itself) to the moment the subscriber has read the notification.
        const sentAt: number[] = [];
        const started = performance.now();
        for (let n = 0; n < NOTIFICATIONS; n++) {
          sentAt[n] = performance.now();
          await call(ctx, 'POST', `${NRC}/notificaties`, notification(n));
        }
        await waitFor(
          () => subscribers.every((s) => [...Array(NOTIFICATIONS).keys()].every((n) => s.arrivals.has(n))),
          120_000,
          'every notification at every subscriber',
        );
        const lastArrival = Math.max(...subscribers.flatMap((s) => [...s.arrivals.values()]));
        const latencies = subscribers
          .flatMap((s) => Array.from({ length: NOTIFICATIONS }, (_, n) => s.arrivals.get(n)! - sentAt[n]))
          .sort((a, b) => a - b);

        // Baseline: the same notification POSTed straight to one subscriber, one after another.
        const direct: number[] = [];
        for (let n = 0; n < NOTIFICATIONS; n++) {
          const t = performance.now();
          const res = await fetch(subscribers[0].url, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(notification(100_000 + n)),
          });
          await res.body?.cancel();
          direct.push(performance.now() - t);
        }
        direct.sort((a, b) => a - b);
        const p50 = round(percentile(latencies, 50));
        return {
          connections: 1,
          p50_ms: p50,
          p99_ms: round(percentile(latencies, 99)),
          throughput_per_s: Math.round(latencies.length / ((lastArrival - started) / 1000)),
          peak_rss_mb: ctx.serverPeakRssMb(),
          baseline: {
            p50_ms: round(percentile(direct, 50)),
            throughput_per_s: Math.round(direct.length / (direct.reduce((a, b) => a + b, 0) / 1000)),
          },
          met: p50 <= TARGET_P50_MS,
        };
      } finally {
        for (const url of abonnementen) await call(ctx, 'DELETE', url).catch(() => {});
        for (const s of subscribers) s.server.closeAllConnections();
        await Promise.all(subscribers.map((s) => new Promise((r) => s.server.close(r))));
      }
    },
  },
];

export default scenarios;
