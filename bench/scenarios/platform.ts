import autocannon from 'autocannon';
import { SignJWT } from 'jose';
import pg from 'pg';
import { DEMO_API_CLIENT } from '../../src/demo/organisations.ts';
import { measureLoop, round } from '../lib.ts';
import type { BenchContext, BenchScenario } from '../types.ts';

const CONNECTIONS = 16;
const DURATION_S = 10;

async function demoToken(): Promise<string> {
  return new SignJWT({ client_id: DEMO_API_CLIENT.clientId, iat: Math.floor(Date.now() / 1000) })
    .setProtectedHeader({ alg: 'HS256' })
    .sign(new TextEncoder().encode(DEMO_API_CLIENT.secret));
}

async function cannon(ctx: BenchContext, path: string, headers: Record<string, string> = {}) {
  const result = await autocannon({
    url: `${ctx.baseUrl}${path}`,
    connections: CONNECTIONS,
    duration: DURATION_S,
    headers,
  });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${path}: ${result.non2xx} non-2xx answers and ${result.errors} errors`);
  }
  return {
    p50_ms: round(result.latency.p50),
    p99_ms: round(result.latency.p99),
    throughput_per_s: Math.round(result.requests.average),
  };
}

/** The same read as the API does, as bare SQL over a pool of the same size, from this process. */
async function bareSql(ctx: BenchContext, text: string, params: unknown[]) {
  if (!ctx.databaseUrl) return null;
  const pool = new pg.Pool({ connectionString: ctx.databaseUrl, max: CONNECTIONS });
  try {
    const r = await measureLoop(CONNECTIONS, DURATION_S * 1000, () => pool.query(text, params));
    return { p50_ms: r.p50_ms, throughput_per_s: r.throughput_per_s };
  } finally {
    await pool.end();
  }
}

const scenarios: BenchScenario[] = [
  {
    name: 'health-round-trip',
    target: 'GET /health/live: p50 ≤ 2 ms at 16 connections',
    needsServer: true,
    async run(ctx) {
      const api = await cannon(ctx, '/health/live');
      const baseline = await bareSql(ctx, 'select 1', []);
      return {
        ...api,
        connections: CONNECTIONS,
        peak_rss_mb: ctx.serverPeakRssMb(),
        baseline,
        met: api.p50_ms <= 2,
      };
    },
  },
  {
    name: 'single-row-read',
    target: 'GET /loket/api/v1/organisaties/{id} with JWT check: p50 ≤ 5 ms at 16 connections',
    needsServer: true,
    async run(ctx) {
      const api = await cannon(ctx, '/loket/api/v1/organisaties/voorbeeldstad', {
        authorization: `Bearer ${await demoToken()}`,
      });
      const baseline = await bareSql(ctx, 'select * from organisation where id = $1', ['voorbeeldstad']);
      return {
        ...api,
        connections: CONNECTIONS,
        peak_rss_mb: ctx.serverPeakRssMb(),
        baseline,
        met: api.p50_ms <= 5,
      };
    },
  },
];

export default scenarios;
