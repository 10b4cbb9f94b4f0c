import { loadDemoPlan } from '../../src/cases/plan/definitions/index.ts';
import { applyEvent, type PlanDefinition, type PlanState, startPlan } from '../../src/cases/plan/index.ts';
import type { BenchContext, BenchResult, BenchScenario } from '../types.ts';

/**
 * The pure part of "case event → plan re-evaluation → next task active" on the 30-item subsidieaanvraag
 * plan: each case is driven from start to end by completing its next active task, and every applyEvent is
 * timed. The whole path (load state, apply, store state, tasks and outbox rows) must stay under p50 5 ms;
 * this scenario checks that the runtime itself takes a small share of that (budget 0.5 ms).
 */

const CASES = 400;
const WARMUP_CASES = 50;
const BUDGET_MS = 0.5;
const actor = { kind: 'staff' as const, id: 'bench' };
const caseData = { aanvraag: { volledig: true, doelgroep: true }, begroting: { bedrag: 25_000 } };

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function nextActiveTask(state: PlanState): string | undefined {
  return state.instances.find((i) => i.kind === 'task' && i.state === 'active')?.id;
}

/** Drives one case to its end; `timed` wraps each event (and, in the JSON variant, the storage round trip). */
function runCase(def: PlanDefinition, n: number, json: boolean, samples: number[] | null): number {
  let state = startPlan(def, caseData, new Date(Date.UTC(2025, 2, 3, 9)), { caseId: `zaak-${n}` }).state;
  let stored = json ? JSON.stringify(state) : '';
  let events = 0;
  for (let id = nextActiveTask(state); id; id = nextActiveTask(state)) {
    const now = new Date(Date.UTC(2025, 2, 3, 10, events));
    const t0 = performance.now();
    const current: PlanState = json ? JSON.parse(stored) : state;
    const result = applyEvent(def, current, { type: 'task-completed', instanceId: id, actor }, { now });
    if (json) stored = JSON.stringify(result.state);
    const t1 = performance.now();
    samples?.push(t1 - t0);
    state = result.state;
    events++;
  }
  return events;
}

function measure(json: boolean): Omit<BenchResult, 'scenario' | 'target' | 'backend'> {
  const def = loadDemoPlan('subsidieaanvraag.yaml');
  for (let i = 0; i < WARMUP_CASES; i++) runCase(def, i, json, null);
  const samples: number[] = [];
  const started = performance.now();
  let events = 0;
  for (let i = 0; i < CASES; i++) events += runCase(def, i, json, samples);
  const elapsed = performance.now() - started;
  samples.sort((a, b) => a - b);
  const p50 = percentile(samples, 50);
  return {
    connections: 1,
    p50_ms: Number(p50.toFixed(4)),
    p99_ms: Number(percentile(samples, 99).toFixed(4)),
    // Events per second on one core, including the bookkeeping of the driver loop.
    throughput_per_s: Math.round((events / elapsed) * 1000),
    peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
    baseline: null,
    met: p50 <= BUDGET_MS,
  };
}

const scenarios: BenchScenario[] = [
  {
    name: 'case-plan: event → re-evaluation → next task (30 items, pure runtime)',
    target: `p50 ≤ ${BUDGET_MS} ms for the pure runtime (its share of p50 ≤ 5 ms for the whole path incl. database)`,
    needsServer: false,
    run: async (_ctx: BenchContext) => measure(false),
  },
  {
    name: 'case-plan: same, with the state read from and written to JSON (jsonb round trip)',
    target: `p50 ≤ ${BUDGET_MS} ms (pure runtime + JSON parse/stringify of the state)`,
    needsServer: false,
    run: async (_ctx: BenchContext) => measure(true),
  },
];

export default scenarios;
