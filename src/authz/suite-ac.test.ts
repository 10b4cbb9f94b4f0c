import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { type AddressInfo, createServer as createNetServer } from 'node:net';
import { join } from 'node:path';
import newman from 'newman';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  describeBackends,
  memoryLogger,
  startTestLoket,
  type TestLoket,
  testConfig,
} from '../testing/backends.ts';

const POSTMAN = join(testConfig().sharedDir, 'specs', 'zgw', 'postman');

/**
 * The suite's ac set-up creates a catalogus, types and reads selectielijst data before the ac rules; those
 * APIs are not what is tested here, so a stand-in answers them with plausible resources.
 */
async function standIn(): Promise<{ url: string; server: Server }> {
  let n = 0;
  const server = createServer(async (req, res) => {
    for await (const _ of req);
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    res.setHeader('content-type', 'application/json');
    if (req.method === 'DELETE') return res.writeHead(204).end();
    if (req.method === 'GET')
      return res.end(JSON.stringify({ count: 0, next: null, previous: null, results: [] }));
    const kind = path.split('/').filter(Boolean).pop();
    const id = `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
    res.writeHead(201).end(
      JSON.stringify({
        url: `${url}/catalogi/api/v1/${kind}/${id}`,
        vertrouwelijkheidaanduiding: 'openbaar',
        productenOfDiensten: [],
        resultaattypen: [],
        eigenschappen: [`${url}/catalogi/api/v1/eigenschappen/${id}`],
      }),
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, server };
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createNetServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

describeBackends('public ZGW suite, ac rules', (database) => {
  let loket: TestLoket;
  let stub: Awaited<ReturnType<typeof standIn>>;

  beforeAll(async () => {
    stub = await standIn();
    // Resource URLs must be the ones the suite calls back: BASE_URL is the address Loket listens on.
    const port = await freePort();
    loket = await startTestLoket(database(), {
      config: { zgwFixtures: join(POSTMAN, 'fixtures'), port, baseUrl: `http://127.0.0.1:${port}` },
      log: memoryLogger().log,
    });
  });
  afterAll(async () => {
    await loket.stop();
    stub.server.closeAllConnections();
    await new Promise((r) => stub.server.close(r));
  });

  it('passes every ac-* assertion of the public suite', async () => {
    const collection = JSON.parse(readFileSync(join(POSTMAN, 'ZGW_api_postman_tests.json'), 'utf8'));
    const env = {
      ac_url: `${loket.url}/autorisaties/api/v1`,
      ztc_url: `${stub.url}/catalogi/api/v1`,
      referentielijst_url: `${stub.url}/referentielijsten/api/v1`,
      zrc_url: `${loket.url}/zaken/api/v1`,
      drc_url: `${loket.url}/documenten/api/v1`,
      brc_url: `${loket.url}/besluiten/api/v1`,
      mock_url: stub.url,
      client_id: 'zgw_api_tests',
      secret: 'secret',
      client_id_limited: 'zgw_api_tests_limited',
      secret_limited: 'secret_limited',
    };
    const summary = await new Promise<{
      run: {
        stats: { assertions: { total: number; failed: number } };
        failures: { source?: { name?: string }; error?: { message?: string } }[];
      };
    }>((resolve, reject) =>
      newman.run(
        {
          collection,
          folder: 'ac',
          envVar: Object.entries(env).map(([key, value]) => ({ key, value })),
          reporters: [],
          timeoutRequest: 10_000,
        },
        (err, s) => (err ? reject(err) : resolve(s as never)),
      ),
    );
    const failures = summary.run.failures.map((f) => `${f.source?.name}: ${f.error?.message}`);
    expect(failures).toEqual([]);
    expect(summary.run.stats.assertions.total).toBe(10);
  }, 60_000);
});
