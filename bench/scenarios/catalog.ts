import autocannon from 'autocannon';
import { SignJWT } from 'jose';
import pg from 'pg';
import { DEMO_API_CLIENT } from '../../src/demo/organisations.ts';
import { measureLoop, round } from '../lib.ts';
import type { BenchContext, BenchScenario } from '../types.ts';

const CONNECTIONS = 16;
const DURATION_S = 10;
const ZAAKTYPEN = 1000;
const ZTC = '/catalogi/api/v1';
/** The demo organisation's RSIN: a catalogus must carry its owner's. */
const DEMO_RSIN = '002564440';

async function token(): Promise<string> {
  return new SignJWT({ client_id: DEMO_API_CLIENT.clientId, iat: Math.floor(Date.now() / 1000) })
    .setProtectedHeader({ alg: 'HS256' })
    .sign(new TextEncoder().encode(DEMO_API_CLIENT.secret));
}

async function call(ctx: BenchContext, auth: string, method: string, path: string, body?: unknown) {
  const res = await fetch(path.startsWith('http') ? path : `${ctx.baseUrl}${path}`, {
    method,
    headers: { authorization: auth, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = res.status === 204 ? null : await res.json();
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json as Record<string, unknown>;
}

/** A catalogus with ZAAKTYPEN published zaaktypen, created through the API (8 in parallel). */
async function seed(ctx: BenchContext, auth: string): Promise<void> {
  const catalogus = await call(ctx, auth, 'POST', `${ZTC}/catalogussen`, {
    domein: `B${Date.now().toString(36).slice(-4).toUpperCase()}`,
    rsin: DEMO_RSIN,
    contactpersoonBeheerNaam: 'Bench',
  });
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < ZAAKTYPEN) {
        const i = next++;
        const zaaktype = await call(ctx, auth, 'POST', `${ZTC}/zaaktypen`, {
          identificatie: `BENCH-${i}`,
          omschrijving: `Benchmark zaaktype ${i}`,
          vertrouwelijkheidaanduiding: 'openbaar',
          doel: 'Meten',
          aanleiding: 'Benchmark',
          indicatieInternOfExtern: 'extern',
          handelingInitiator: 'aanvragen',
          onderwerp: 'Benchmark',
          handelingBehandelaar: 'behandelen',
          doorlooptijd: 'P8W',
          opschortingEnAanhoudingMogelijk: true,
          verlengingMogelijk: false,
          publicatieIndicatie: false,
          productenOfDiensten: ['https://producten.example/bench'],
          referentieproces: { naam: 'bench', link: '' },
          catalogus: catalogus.url,
          besluittypen: [],
          gerelateerdeZaaktypen: [],
          beginGeldigheid: '2025-01-01',
          versiedatum: '2025-01-01',
          verantwoordelijke: 'Bench',
        });
        await call(ctx, auth, 'POST', `${zaaktype.url}/publish`);
      }
    }),
  );
}

const scenarios: BenchScenario[] = [
  {
    name: 'catalog-zaaktypen-list',
    target: `GET ${ZTC}/zaaktypen (first page of ${ZAAKTYPEN} zaaktypen): p50 ≤ 5 ms at 16 connections`,
    needsServer: true,
    async run(ctx) {
      const auth = `Bearer ${await token()}`;
      const seedStart = performance.now();
      await seed(ctx, auth);
      console.log(
        `  seeded ${ZAAKTYPEN} published zaaktypen in ${round((performance.now() - seedStart) / 1000, 1)} s`,
      );
      const first = await call(ctx, auth, 'GET', `${ZTC}/zaaktypen`);
      if ((first.count as number) < ZAAKTYPEN)
        throw new Error(`expected ≥ ${ZAAKTYPEN} zaaktypen, got ${first.count}`);

      const result = await autocannon({
        url: `${ctx.baseUrl}${ZTC}/zaaktypen`,
        connections: CONNECTIONS,
        duration: DURATION_S,
        // As real clients do (browsers, Python requests, Node fetch): the page then travels gzipped.
        headers: { authorization: auth, 'accept-encoding': 'gzip' },
      });
      if (result.non2xx > 0 || result.errors > 0)
        throw new Error(`${result.non2xx} non-2xx, ${result.errors} errors`);

      // Baseline: the same page as bare SQL (count + first 100 rows with their data), same concurrency.
      let baseline: { p50_ms: number; throughput_per_s: number } | null = null;
      if (ctx.databaseUrl) {
        const pool = new pg.Pool({ connectionString: ctx.databaseUrl, max: CONNECTIONS });
        try {
          const r = await measureLoop(CONNECTIONS, DURATION_S * 1000, async () => {
            await pool.query('select count(*) from catalog_zaaktype');
            await pool.query('select * from catalog_zaaktype order by created_at desc, id limit 100');
          });
          baseline = { p50_ms: r.p50_ms, throughput_per_s: r.throughput_per_s };
        } finally {
          await pool.end();
        }
      }
      const p50 = round(result.latency.p50);
      return {
        connections: CONNECTIONS,
        p50_ms: p50,
        p99_ms: round(result.latency.p99),
        throughput_per_s: Math.round(result.requests.average),
        peak_rss_mb: ctx.serverPeakRssMb(),
        baseline,
        met: p50 <= 5,
      };
    },
  },
];

export default scenarios;
