import autocannon from 'autocannon';
import { DEMO_BSN } from '../../src/demo/people.ts';
import { createSession, SESSION_COOKIE } from '../../src/platform/auth/sessions.ts';
import { openDatabase } from '../../src/platform/db/database.ts';
import { cpuTimeMs, round } from '../lib.ts';
import type { BenchContext, BenchScenario } from '../types.ts';

/**
 * The citizen portal's home page ("/") for a person with 50 cases at 3 organisations: every case with
 * its plan and terms, the open tasks, notices, decisions and messages, and the processing-log record of
 * the read — server-rendered HTML. The cases are started through the case engine's API by staff of each
 * organisation; the sessions are made in the database (as the login would), which needs PostgreSQL.
 */

const CONNECTIONS = 16;
const DURATION_S = 10;
const CASES = 50;
const BSN = DEMO_BSN.thomas;
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

async function seed(ctx: BenchContext): Promise<string> {
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
        body: JSON.stringify({ zaaktype: service.zaaktype, bsn: BSN, data: service.data }),
      });
      if (res.status !== 201) throw new Error(`starting case ${i}: ${res.status} ${await res.text()}`);
    }
    const citizen = await createSession(database.db, {
      organisationId: 'loket',
      kind: 'citizen',
      subject: BSN,
      data: { name: 'Thomas (bench)' },
    });
    return citizen.id;
  } finally {
    await database.close();
  }
}

const scenarios: BenchScenario[] = [
  {
    name: 'portal-home',
    target: `GET / (citizen portal home, ${CASES} cases at 3 organisations): p50 ≤ 20 ms at 16 connections`,
    needsServer: true,
    async run(ctx) {
      const sessionId = await seed(ctx);
      const cookie = `${SESSION_COOKIE}=${sessionId}`;
      const check = await fetch(`${ctx.baseUrl}/`, { headers: { cookie }, redirect: 'manual' });
      const page = await check.text();
      const links = new Set(page.match(/href="\/zaken\/[0-9a-f-]{36}"/g) ?? []).size;
      if (check.status !== 200 || links < CASES)
        throw new Error(`home page: status ${check.status}, ${links} case links (expected ${CASES})`);
      const cpuBefore = cpuTimeMs(ctx.serverPid);
      const result = await autocannon({
        url: `${ctx.baseUrl}/`,
        connections: CONNECTIONS,
        duration: DURATION_S,
        headers: { cookie, 'accept-encoding': 'gzip' },
      });
      if (result.non2xx > 0 || result.errors > 0)
        throw new Error(`${result.non2xx} non-2xx, ${result.errors} errors`);
      const p50 = round(result.latency.p50);
      const cpuPerPage = round((cpuTimeMs(ctx.serverPid) - cpuBefore) / Math.max(1, result.requests.total));
      console.log(
        `\n  ${Math.round(Buffer.byteLength(page) / 1024)} kB of HTML; p50 ${p50} ms, p99 ${round(result.latency.p99)} ms; server CPU ${cpuPerPage} ms per page`,
      );
      return {
        connections: CONNECTIONS,
        p50_ms: p50,
        p99_ms: round(result.latency.p99),
        throughput_per_s: Math.round(result.requests.average),
        peak_rss_mb: ctx.serverPeakRssMb(),
        baseline: null,
        met: p50 <= 20,
      };
    },
  },
];

export default scenarios;
