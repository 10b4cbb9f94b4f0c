import autocannon from 'autocannon';
import { DEMO_BSN } from '../../src/demo/people.ts';
import { createSession, SESSION_COOKIE } from '../../src/platform/auth/sessions.ts';
import { openDatabase } from '../../src/platform/db/database.ts';
import { cpuTimeMs, percentile, round } from '../lib.ts';
import type { BenchContext, BenchScenario } from '../types.ts';

/**
 * The citizen portal's home page ("/") for a person with 50 cases at 3 organisations: every case with
 * its plan, the open tasks, notices, decisions and messages, and the processing-log record of the read —
 * server-rendered HTML. The cases are started through the case engine's API by staff of each
 * organisation; the sessions are made in the database (as the login would), which needs PostgreSQL.
 *
 * The figure is the server time of the page (its Server-Timing header: arrival of the request to
 * rendered HTML), as for the work queue; the client's latency is printed too. By default all 16
 * connections ask for one person's page. Every read of a person's data appends to that person's
 * processing-log chain, one after the other (each holds the chain until its commit is on disk), so one
 * person's pages queue behind each other's commits; `BENCH_PORTAL_PEOPLE=N` (1–16) spreads the
 * connections over N people with 50 cases each.
 */

const CONNECTIONS = 16;
const DURATION_S = 10;
const CASES = 50;
const PEOPLE = Math.min(16, Math.max(1, Number(process.env.BENCH_PORTAL_PEOPLE ?? 1)));
const BSNS = [DEMO_BSN.thomas, ...Object.values(DEMO_BSN).filter((b) => b !== DEMO_BSN.thomas)].slice(
  0,
  PEOPLE,
);
const PREFIX = '/loket/api/v1/zaakbehandeling';

const SERVICES = [
  {
    organisationId: 'voorbeeldstad',
    staff: 'm.jansen',
    zaaktype: 'AANGIFTE-VERHUIZING',
    data: {
      adres: { nieuw: 'Stationsplein 4, 9990 SA Voorbeeldstad', verhuisdatum: '2027-01-01' },
      inwoning: false,
      bewijsNodig: false,
    },
  },
  {
    organisationId: 'toeslagen',
    staff: 'j.visser',
    zaaktype: 'AANVRAAG-ZORGTOESLAG',
    data: { inkomen: { bekend: true }, verzekering: { actief: true } },
  },
  {
    organisationId: 'incasso',
    staff: 's.mulder',
    zaaktype: 'BETALINGSREGELING',
    data: { bedrag: 1250, schuldhulp: false },
  },
];

async function seed(ctx: BenchContext): Promise<string[]> {
  if (!ctx.databaseUrl)
    throw new Error('portal-home seeds its sessions in the database: it needs PostgreSQL');
  const database = await openDatabase({ url: ctx.databaseUrl, poolSize: 2 });
  try {
    const staff = await Promise.all(
      SERVICES.map((s) =>
        createSession(database.db, {
          organisationId: s.organisationId,
          kind: 'staff',
          subject: s.staff,
          data: { name: s.staff, roles: ['behandelaar'], team: '' },
        }),
      ),
    );
    const sessions: string[] = [];
    for (const bsn of BSNS) {
      for (let i = 0; i < CASES; i++) {
        const service = SERVICES[i % SERVICES.length];
        const session = staff[i % SERVICES.length];
        const res = await fetch(`${ctx.baseUrl}${PREFIX}/zaken`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            cookie: `${SESSION_COOKIE}=${session.id}`,
            'x-csrf-token': session.csrfToken,
          },
          body: JSON.stringify({ zaaktype: service.zaaktype, bsn, data: service.data }),
        });
        if (res.status !== 201) throw new Error(`starting case ${i}: ${res.status} ${await res.text()}`);
      }
      const citizen = await createSession(database.db, {
        organisationId: 'loket',
        kind: 'citizen',
        subject: bsn,
        data: { name: 'Thomas (bench)' },
      });
      sessions.push(citizen.id);
    }
    return sessions;
  } finally {
    await database.close();
  }
}

/**
 * Sets up each connection as one person's browser (connection i: person i mod the number of people) and
 * collects the Server-Timing duration of every response. (Through the client, not `requests`: autocannon
 * shares the request objects between connections.)
 */
function browsers(cookies: string[], into: number[]) {
  let next = 0;
  return (client: autocannon.Client) => {
    client.setHeaders({ cookie: cookies[next++ % cookies.length], 'accept-encoding': 'gzip' });
    // The event gives the parser's record of the head (typed as IncomingHttpHeaders, it is not).
    client.on('headers', (head) => {
      const { headers } = head as unknown as { headers: string[] };
      for (let i = 0; i < headers.length; i += 2)
        if (headers[i].toLowerCase() === 'server-timing') {
          const dur = /dur=([\d.]+)/.exec(headers[i + 1])?.[1];
          if (dur) into.push(Number(dur));
        }
    });
  };
}

const scenarios: BenchScenario[] = [
  {
    name: 'portal-home',
    target: `GET / (citizen portal home, ${CASES} cases at 3 organisations${PEOPLE > 1 ? `, ${PEOPLE} people` : ''}): p50 ≤ 20 ms server time at 16 connections`,
    needsServer: true,
    async run(ctx) {
      const sessionIds = await seed(ctx);
      const cookies = sessionIds.map((id) => `${SESSION_COOKIE}=${id}`);
      for (const cookie of cookies) {
        const check = await fetch(`${ctx.baseUrl}/`, { headers: { cookie }, redirect: 'manual' });
        const page = await check.text();
        const links = new Set(page.match(/href="\/zaken\/[0-9a-f-]{36}"/g) ?? []).size;
        if (check.status !== 200 || links < CASES)
          throw new Error(`home page: status ${check.status}, ${links} case links (expected ${CASES})`);
        if (cookie === cookies[0])
          console.log(`\n  ${Math.round(Buffer.byteLength(page) / 1024)} kB of HTML`);
      }
      // One connection first (no queueing: the time one page costs), then the load at 16 connections.
      const alone: number[] = [];
      await autocannon({
        url: `${ctx.baseUrl}/`,
        connections: 1,
        duration: 3,
        setupClient: browsers(cookies.slice(0, 1), alone),
      });
      alone.sort((a, b) => a - b);
      const serverMs: number[] = [];
      const cpuBefore = cpuTimeMs(ctx.serverPid);
      const result = await autocannon({
        url: `${ctx.baseUrl}/`,
        connections: CONNECTIONS,
        duration: DURATION_S,
        setupClient: browsers(cookies, serverMs),
      });
      if (result.non2xx > 0 || result.errors > 0)
        throw new Error(`${result.non2xx} non-2xx, ${result.errors} errors`);
      const cpuPerPage = round((cpuTimeMs(ctx.serverPid) - cpuBefore) / Math.max(1, result.requests.total));
      serverMs.sort((a, b) => a - b);
      const server50 = round(percentile(serverMs, 50));
      console.log(
        `  ${PEOPLE} ${PEOPLE === 1 ? 'person' : 'people'} with ${CASES} cases: server time p50 ${server50} ms, p99 ${round(percentile(serverMs, 99))} ms (${serverMs.length} pages; one connection alone: p50 ${round(percentile(alone, 50))} ms); server CPU ${cpuPerPage} ms per page; client p50 ${round(result.latency.p50)} ms, p99 ${round(result.latency.p99)} ms`,
      );
      return {
        connections: CONNECTIONS,
        p50_ms: server50,
        p99_ms: round(percentile(serverMs, 99)),
        throughput_per_s: Math.round(result.requests.average),
        peak_rss_mb: ctx.serverPeakRssMb(),
        baseline: null,
        met: server50 <= 20,
      };
    },
  },
];

export default scenarios;
