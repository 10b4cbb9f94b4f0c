/** One row of bench/results/latest.json — every scenario reports in this shape. */
export interface BenchResult {
  scenario: string;
  backend: 'pglite' | 'postgres' | 'none';
  connections: number;
  p50_ms: number;
  p99_ms: number;
  throughput_per_s: number;
  peak_rss_mb: number;
  baseline: { p50_ms: number; throughput_per_s: number } | null;
  /** The target in words, e.g. "p50 ≤ 5 ms at 16 connections". */
  target: string;
  met: boolean;
  /** Set when the scenario failed to run; the figures are then zero. */
  error?: string;
}

/** What a scenario gets from the harness. */
export interface BenchContext {
  /** Base URL of the running Loket server (started by the harness), e.g. http://127.0.0.1:4010 */
  baseUrl: string;
  /** Which database the server runs on. */
  backend: 'pglite' | 'postgres';
  /** Connection string of the server's database when it is PostgreSQL (for bare-SQL baselines). */
  databaseUrl: string | null;
  /** Process id of the server, to read its peak memory. */
  serverPid: number;
  /** Peak resident memory of the server so far, in MiB (VmHWM). */
  serverPeakRssMb(): number;
}

export interface BenchScenario {
  name: string;
  /** The target in words. */
  target: string;
  /** Scenarios that need no server (pure computation) say so; the harness then reports backend 'none'. */
  needsServer: boolean;
  /** A scenario that runs its own server may say which backend that was (else: the harness's, or none). */
  run(
    ctx: BenchContext,
  ): Promise<Omit<BenchResult, 'scenario' | 'target' | 'backend'> & { backend?: BenchResult['backend'] }>;
}
