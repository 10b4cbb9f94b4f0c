import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

/** Peak resident set size (VmHWM) of a process, in MiB. */
export function peakRssMb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return Math.round(kb / 102.4) / 10;
  } catch {
    return 0;
  }
}

/** What a process has used so far (/proc/<pid>/stat): CPU time in ms, user and kernel apart, and minor page faults. */
export function procStat(pid: number): { userMs: number; kernelMs: number; minorFaults: number } {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    // After the command: state is field 0, minflt field 7, utime 11, stime 12 (clock ticks, 100 per second).
    return {
      userMs: Number(fields[11]) * 10,
      kernelMs: Number(fields[12]) * 10,
      minorFaults: Number(fields[7]),
    };
  } catch {
    return { userMs: 0, kernelMs: 0, minorFaults: 0 };
  }
}

/**
 * CPU time a process has used so far (user + kernel), in ms. Taken before and after a load, divided by the
 * requests served, it gives the server's CPU per request: a figure that, unlike latency, hardly depends on
 * what else the machine is doing.
 */
export function cpuTimeMs(pid: number): number {
  const s = procStat(pid);
  return s.userMs + s.kernelMs;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export interface LoopResult {
  p50_ms: number;
  p99_ms: number;
  throughput_per_s: number;
  count: number;
}

/**
 * Runs `work` from `concurrency` parallel loops for `durationMs`, timing every call. Used for the
 * bare-SQL baselines so they are measured the same way as the API (closed loop, same concurrency).
 */
export async function measureLoop(
  concurrency: number,
  durationMs: number,
  work: () => Promise<unknown>,
): Promise<LoopResult> {
  const latencies: number[] = [];
  const end = performance.now() + durationMs;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        await work();
        latencies.push(performance.now() - t);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    p50_ms: round(percentile(latencies, 50)),
    p99_ms: round(percentile(latencies, 99)),
    throughput_per_s: Math.round(latencies.length / elapsed),
    count: latencies.length,
  };
}

export function round(n: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

export interface ServerProcess {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** Starts Loket (`src/main.ts`) as a child process and waits until /health/ready answers 200. */
export async function startServer(env: Record<string, string>, timeoutMs = 60_000): Promise<ServerProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // BENCH_CPU_PROF=<folder>: the server writes a V8 CPU profile there when it stops (NODE_OPTIONS refuses it).
  const profile = process.env.BENCH_CPU_PROF
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
    : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', 'src/main.ts'], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env, PORT: String(port), BASE_URL: env.BASE_URL ?? url },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Loket exited during start:\n${output.slice(-3000)}`);
    try {
      const res = await fetch(`${url}/health/ready`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`Loket not ready within ${timeoutMs} ms:\n${output.slice(-3000)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    pid: child.pid!,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
