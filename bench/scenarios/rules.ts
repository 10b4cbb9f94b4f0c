/**
 * Rules engine benchmark: zorgtoeslag 2025 over 10,000 generated cases, compiled with and without
 * trace, against the baseline of plain feelin `evaluate()` of the same rule as one FEEL expression
 * (which parses on every call). Pure computation on one core: no server.
 *
 * Standalone: `npx tsx bench/scenarios/rules.ts` prints the results as JSON.
 */
import { pathToFileURL } from 'node:url';
import { generateZorgtoeslagInputs } from '../../src/rules/examples.ts';
import { evaluate, loadRuleRegistry, type RuleInputs, type RuleVersion } from '../../src/rules/index.ts';
import { evaluateWithFeelin, ruleAsFeelExpression } from '../../src/rules/reference.ts';
import { round } from '../lib.ts';
import type { BenchResult, BenchScenario } from '../types.ts';

export interface RulesBenchOptions {
  /** Generated cases per pass. */
  cases?: number;
  /** Timed passes over all cases for the throughput figure. */
  passes?: number;
  /** Independent measurements; the median is reported. */
  runs?: number;
  /** Cases for the feelin baseline: at ~10 ms per call, 10,000 would take minutes. */
  baselineSample?: number;
}

export interface RulesBenchFigures {
  throughput_per_s: number;
  p50_ms: number;
  p99_ms: number;
}

export interface RulesBenchReport {
  cases: number;
  baseline: RulesBenchFigures & { sample: number };
  trace: RulesBenchFigures & { speedup: number };
  noTrace: RulesBenchFigures & { speedup: number };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Per-call latencies of one pass, then throughput from untimed-per-call passes (no timer overhead). */
function measure(run: (inputs: RuleInputs) => void, cases: RuleInputs[], passes: number): RulesBenchFigures {
  for (const c of cases) run(c); // warm-up: let V8 optimise
  const latencies = new Array<number>(cases.length);
  for (let i = 0; i < cases.length; i++) {
    const t0 = performance.now();
    run(cases[i]);
    latencies[i] = performance.now() - t0;
  }
  latencies.sort((a, b) => a - b);
  const t0 = performance.now();
  for (let p = 0; p < passes; p++) for (const c of cases) run(c);
  const seconds = (performance.now() - t0) / 1000;
  return {
    throughput_per_s: Math.round((passes * cases.length) / seconds),
    p50_ms: percentile(latencies, 0.5),
    p99_ms: percentile(latencies, 0.99),
  };
}

function medianFigures(runs: RulesBenchFigures[]): RulesBenchFigures {
  return {
    throughput_per_s: median(runs.map((r) => r.throughput_per_s)),
    p50_ms: median(runs.map((r) => r.p50_ms)),
    p99_ms: median(runs.map((r) => r.p99_ms)),
  };
}

function measureBaseline(version: RuleVersion, cases: RuleInputs[]): RulesBenchFigures {
  const expression = ruleAsFeelExpression(version);
  const latencies: number[] = [];
  evaluateWithFeelin(version, cases[0], expression);
  const start = performance.now();
  for (const c of cases) {
    const t0 = performance.now();
    evaluateWithFeelin(version, c, expression);
    latencies.push(performance.now() - t0);
  }
  const seconds = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    throughput_per_s: Math.round(cases.length / seconds),
    p50_ms: percentile(latencies, 0.5),
    p99_ms: percentile(latencies, 0.99),
  };
}

export function runRulesBenchmark(options: RulesBenchOptions = {}): RulesBenchReport {
  const { cases: count = 10_000, passes = 5, runs = 3, baselineSample = 300 } = options;
  const version = loadRuleRegistry().select('zorgtoeslag', '2025-06-01');
  const cases = generateZorgtoeslagInputs(count, 2025, 2025);
  const baseline = measureBaseline(version, cases.slice(0, baselineSample));
  // Warm both paths up front so the first measured mode is not penalised by the JIT's tiering.
  for (let w = 0; w < 2; w++) {
    for (const c of cases) evaluate(version, c);
    for (const c of cases) evaluate(version, c, { trace: true });
  }
  const traced: RulesBenchFigures[] = [];
  const plain: RulesBenchFigures[] = [];
  for (let r = 0; r < runs; r++) {
    plain.push(measure((c) => evaluate(version, c), cases, passes));
    traced.push(measure((c) => evaluate(version, c, { trace: true }), cases, passes));
  }
  const trace = medianFigures(traced);
  const noTrace = medianFigures(plain);
  return {
    cases: count,
    baseline: { ...baseline, sample: Math.min(baselineSample, count) },
    trace: { ...trace, speedup: trace.throughput_per_s / baseline.throughput_per_s },
    noTrace: { ...noTrace, speedup: noTrace.throughput_per_s / baseline.throughput_per_s },
  };
}

let cached: RulesBenchReport | undefined;

/** Both scenarios come from one measurement, so baseline and engine run under the same conditions. */
function report(): RulesBenchReport {
  cached ??= runRulesBenchmark();
  return cached;
}

function result(
  figures: RulesBenchFigures & { speedup: number },
  baseline: RulesBenchFigures,
  met: boolean,
): Omit<BenchResult, 'scenario' | 'target' | 'backend'> {
  // Evaluations take microseconds: four decimals of a millisecond.
  return {
    connections: 1,
    p50_ms: round(figures.p50_ms, 4),
    p99_ms: round(figures.p99_ms, 4),
    throughput_per_s: figures.throughput_per_s,
    peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
    baseline: { p50_ms: round(baseline.p50_ms, 2), throughput_per_s: baseline.throughput_per_s },
    met,
  };
}

const scenarios: BenchScenario[] = [
  {
    name: 'rules-zorgtoeslag-trace',
    target: 'compiled evaluation with full trace ≥ 50,000/s on one core and ≥ 25× plain feelin evaluate()',
    needsServer: false,
    async run() {
      const r = report();
      return result(r.trace, r.baseline, r.trace.throughput_per_s >= 50_000 && r.trace.speedup >= 25);
    },
  },
  {
    name: 'rules-zorgtoeslag-no-trace',
    target: 'compiled evaluation without trace ≥ 200,000/s on one core and ≥ 100× plain feelin evaluate()',
    needsServer: false,
    async run() {
      const r = report();
      return result(r.noTrace, r.baseline, r.noTrace.throughput_per_s >= 200_000 && r.noTrace.speedup >= 100);
    },
  },
];

export default scenarios;

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify(runRulesBenchmark(), null, 2));
}
