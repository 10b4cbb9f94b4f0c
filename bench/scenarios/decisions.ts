import pg from 'pg';
import { reevaluate } from '../../src/decisions/service.ts';
import { type Decision, toDecision } from '../../src/decisions/store.ts';
import { zorgtoeslagInputs } from '../../src/rules/examples.ts';
import { evaluate, loadRuleRegistry } from '../../src/rules/index.ts';
import { percentile, round } from '../lib.ts';
import type { BenchScenario } from '../types.ts';

const TOTAL = Number(process.env.BENCH_DECISIONS ?? 1_000_000);
const READING_X = TOTAL / 10;
const FACT_X = 'bench-inkomen-x';
const VARIANTS = 100;

/**
 * Seeds TOTAL decisions (once per bench database): VARIANTS distinct zorgtoeslag evaluations, copied by
 * generate_series. Every 10th decision read fact X at version 1; the others read their own income fact.
 */
async function seed(pool: pg.Pool): Promise<void> {
  const have = await pool.query(`select count(*)::int as n from decision_fact_read where fact_id = $1`, [
    FACT_X,
  ]);
  if (have.rows[0].n >= READING_X) return;
  const registry = loadRuleRegistry();
  const version = registry.select('zorgtoeslag', '2025-03-01');
  const variants = Array.from({ length: VARIANTS }, (_, i) => {
    const inputs = zorgtoeslagInputs({ peildatum: '2025-01-01', inkomen: 15_000 + i * 400 });
    inputs.toetsingsinkomen = { ...inputs.toetsingsinkomen!, factId: FACT_X, factVersion: 1 };
    const result = evaluate(version, inputs, { trace: false });
    return { inputs, outputs: result.outputs, versionId: result.ruleVersionId, hash: result.contentHash };
  });
  const started = performance.now();
  await pool.query('create temporary table if not exists bench_variant (n int, inputs jsonb, outputs jsonb)');
  const client = await pool.connect();
  try {
    await client.query('begin');
    await client.query(
      'create temporary table v (n int primary key, inputs jsonb, outputs jsonb) on commit drop',
    );
    for (const [n, v] of variants.entries())
      await client.query('insert into v values ($1, $2, $3)', [
        n,
        JSON.stringify(v.inputs),
        JSON.stringify(v.outputs),
      ]);
    const chunk = 100_000;
    for (let from = 0; from < TOTAL; from += chunk) {
      await client.query(
        `with s as (select g, (g % ${VARIANTS}) as n, md5('bench-decision-' || g)::uuid as id
                      from generate_series($1::int, $2::int) g)
         insert into decision (id, organisation_id, rule_id, rule_version_id, content_hash, reference_date,
                               inputs, rule_outputs, outputs, adverse, status, drafted_by)
         select s.id, 'toeslagen', 'zorgtoeslag', $3, $4, '2025-03-01', v.inputs, v.outputs, v.outputs,
                false, 'final', 'system'
           from s join v using (n)`,
        [from, Math.min(TOTAL, from + chunk) - 1, variants[0]!.versionId, variants[0]!.hash],
      );
      await client.query(
        `insert into decision_fact_read (fact_id, fact_version, decision_id, input)
         select case when g % 10 = 0 then $3 else 'bench-inkomen-' || g end, '1',
                md5('bench-decision-' || g)::uuid, 'toetsingsinkomen'
           from generate_series($1::int, $2::int) g`,
        [from, Math.min(TOTAL, from + chunk) - 1, FACT_X],
      );
    }
    await client.query('commit');
  } catch (err) {
    await client.query('rollback');
    throw err;
  } finally {
    client.release();
  }
  await pool.query('analyze decision; analyze decision_fact_read');
  console.log(`  seeded ${TOTAL} decisions in ${round((performance.now() - started) / 1000, 1)} s`);
}

const scenarios: BenchScenario[] = [
  {
    name: 'decisions-reading-fact',
    target: `${TOTAL} decisions, ${READING_X} read fact X: lookup "decisions that read fact X v1" (first page of 1,000) p50 ≤ 5 ms; all found and re-evaluated in ≤ 10 s`,
    needsServer: true,
    async run(ctx) {
      if (!ctx.databaseUrl) throw new Error('needs PostgreSQL (BENCH_DATABASE_URL)');
      const pool = new pg.Pool({ connectionString: ctx.databaseUrl, max: 4 });
      try {
        await seed(pool);
        // The lookup as decisionsReadingFact does it, 200 times.
        const lookups: number[] = [];
        for (let i = 0; i < 200; i++) {
          const t = performance.now();
          await pool.query(
            `select distinct decision_id from decision_fact_read where fact_id = $1 and fact_version = $2
              order by decision_id limit 1000`,
            [FACT_X, '1'],
          );
          lookups.push(performance.now() - t);
        }
        lookups.sort((a, b) => a - b);

        // Find all and re-evaluate each with the corrected fact, a keyset page at a time.
        const registry = loadRuleRegistry();
        const started = performance.now();
        let afterId = '00000000-0000-0000-0000-000000000000';
        let found = 0;
        let changed = 0;
        for (;;) {
          const page = await pool.query(
            `select d.* from decision d
               join (select distinct decision_id from decision_fact_read
                      where fact_id = $1 and fact_version = '1' and decision_id > $2
                      order by decision_id limit 5000) r on r.decision_id = d.id
              order by d.id`,
            [FACT_X, afterId],
          );
          if (page.rows.length === 0) break;
          for (const row of page.rows) {
            const d: Decision = toDecision(row);
            const income = Number(d.inputs.toetsingsinkomen?.value ?? 0);
            if (reevaluate(registry, d, { [FACT_X]: { value: income - 5_000, version: 2 } }).changed)
              changed++;
          }
          found += page.rows.length;
          afterId = page.rows.at(-1).id;
        }
        const seconds = (performance.now() - started) / 1000;
        console.log(
          `  found ${found}, re-evaluated all in ${round(seconds, 2)} s; ${changed} outcomes changed`,
        );
        const p50 = round(percentile(lookups, 50));
        return {
          connections: 1,
          p50_ms: p50,
          p99_ms: round(percentile(lookups, 99)),
          throughput_per_s: Math.round(found / seconds),
          peak_rss_mb: ctx.serverPeakRssMb(),
          baseline: null,
          met: p50 <= 5 && seconds <= 10 && found === READING_X,
        };
      } finally {
        await pool.end();
      }
    },
  },
];

export default scenarios;
