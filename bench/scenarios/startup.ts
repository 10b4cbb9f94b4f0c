import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { peakRssMb, percentile, round, startServer } from '../lib.ts';
import type { BenchScenario } from '../types.ts';

const RUNS = 3;

const scenarios: BenchScenario[] = [
  {
    name: 'startup-fresh',
    target:
      '`npm start` on a fresh data folder (PGlite, migrations, demo data) ready in ≤ 10 s (median of 3)',
    needsServer: false,
    async run() {
      const times: number[] = [];
      let rss = 0;
      for (let i = 0; i < RUNS; i++) {
        const dir = mkdtempSync(join(tmpdir(), 'loket-start-'));
        const started = performance.now();
        const server = await startServer({ LOKET_DEMO: '1', LOKET_DATA_DIR: dir, DATABASE_URL: '' });
        times.push(performance.now() - started);
        rss = Math.max(rss, peakRssMb(server.pid));
        await server.stop();
        rmSync(dir, { recursive: true, force: true });
      }
      times.sort((a, b) => a - b);
      const p50 = round(percentile(times, 50));
      return {
        connections: 0,
        p50_ms: p50,
        p99_ms: round(times[times.length - 1]),
        throughput_per_s: 0,
        peak_rss_mb: rss,
        baseline: null,
        met: p50 <= 10_000,
      };
    },
  },
];

export default scenarios;
