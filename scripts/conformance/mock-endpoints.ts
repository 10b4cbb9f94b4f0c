import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';

/** A notification POSTed to /callback. */
export interface ReceivedNotification {
  receivedAt: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON when the body is JSON, else the raw text. */
  body: unknown;
}

export interface MockEndpoints {
  /** e.g. `http://127.0.0.1:41234` (no trailing slash): the suite's `mock_url`. */
  url: string;
  /** Notifications received on /callback, oldest first. */
  received(): ReceivedNotification[];
  close(): Promise<void>;
}

export interface MockEndpointsOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** How many notifications to keep; older ones are dropped. */
  keep?: number;
}

const MAX_BODY = 1024 * 1024;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY) chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** nginx `location /x` is a prefix match: /200, /200/ and /2000 all hit it. */
const startsWith = (path: string, prefix: string) => path.startsWith(prefix);

/**
 * The outside world the ZGW Postman suite expects (see mock-endpoints.nginx.conf and ZGW_mocks.json in
 * the suite): `/200` (200, empty text/html), `/204`, `/404`, `/communicatiekanaal` (a CommunicatieKanaal
 * JSON pointing at itself), plus `/callback`, a notification subscriber that answers 204 and remembers
 * what it got (`GET /callback/received` lists it, `DELETE /callback/received` forgets it).
 */
export async function startMockEndpoints(options: MockEndpointsOptions = {}): Promise<MockEndpoints> {
  const keep = options.keep ?? 1000;
  const host = options.host ?? '127.0.0.1';
  const received: ReceivedNotification[] = [];
  let url = '';

  const send = (res: ServerResponse, status: number, type: string | null, body = '') => {
    if (type) res.setHeader('content-type', type);
    res.setHeader('content-length', Buffer.byteLength(body));
    res.statusCode = status;
    res.end(status === 204 ? undefined : body);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://mock').pathname;
    const method = req.method ?? 'GET';

    if (path === '/callback/received' || path === '/callback/received/') {
      if (method === 'DELETE') {
        received.length = 0;
        return send(res, 204, null);
      }
      return send(res, 200, 'application/json', JSON.stringify(received));
    }
    if (path === '/callback' || path === '/callback/') {
      if (method !== 'POST') return send(res, 405, 'text/plain', 'POST a notification here');
      const text = await readBody(req);
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // not JSON: keep the text
      }
      received.push({ receivedAt: new Date().toISOString(), path, headers: req.headers, body });
      if (received.length > keep) received.splice(0, received.length - keep);
      return send(res, 204, null);
    }
    if (startsWith(path, '/communicatiekanaal')) {
      const kanaal = { url: `${url}/communicatiekanaal`, naam: 'foo', omschrijving: 'bar' };
      return send(res, 200, 'application/json', JSON.stringify(kanaal));
    }
    if (startsWith(path, '/200')) return send(res, 200, 'text/html');
    if (startsWith(path, '/204')) return send(res, 204, 'application/json');
    if (startsWith(path, '/404')) return send(res, 404, 'text/html');
    return send(res, 404, 'text/html', '<html><body><h1>404 Not Found</h1></body></html>');
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: Error) => {
      if (!res.headersSent) send(res, 500, 'text/plain', err.message);
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  return {
    url,
    received: () => [...received],
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// `tsx scripts/conformance/mock-endpoints.ts [port]` runs it on its own, e.g. to try the suite by hand.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const mock = await startMockEndpoints({ port: Number(process.argv[2] ?? 0) });
  console.log(`mock endpoints at ${mock.url} (/200 /204 /404 /communicatiekanaal /callback)`);
  process.on('SIGINT', () => mock.close().then(() => process.exit(0)));
}
