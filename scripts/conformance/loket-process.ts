import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export class LoketStartError extends Error {
  constructor(
    message: string,
    /** Last lines the child wrote, stderr first. */
    readonly outputTail: string = '',
  ) {
    super(message);
  }
}

export interface LoketProcess {
  baseUrl: string;
  pid: number;
  /** Last lines Loket wrote (stderr and stdout, labelled). */
  outputTail(): string;
  /** SIGTERM, then SIGKILL if it has not stopped after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

export interface StartLoketOptions {
  repoRoot: string;
  /** Added to the runner's own environment, given Loket's base URL (PORT, HOST and BASE_URL are set here). */
  env: (baseUrl: string) => Record<string, string>;
  readyTimeoutMs: number;
}

/** A port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

class Tail {
  private lines: string[] = [];
  private partial = '';
  constructor(private readonly max: number) {}
  push(chunk: Buffer) {
    const parts = (this.partial + chunk.toString('utf8')).split('\n');
    this.partial = parts.pop() ?? '';
    this.lines.push(...parts);
    if (this.lines.length > this.max) this.lines.splice(0, this.lines.length - this.max);
  }
  text(): string {
    return [...this.lines, this.partial].filter((l) => l.trim() !== '').join('\n');
  }
}

/**
 * Starts Loket as `node --import tsx src/main.ts` on a free port and waits until GET /health/ready
 * answers 200. Throws LoketStartError (with the child's last output) when src/main.ts is missing,
 * the child exits, or it is not ready in time; the child is stopped in those cases.
 */
export async function startLoket(options: StartLoketOptions): Promise<LoketProcess> {
  const main = join(options.repoRoot, 'src', 'main.ts');
  if (!existsSync(main)) throw new LoketStartError(`${main} does not exist`);

  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: options.repoRoot,
    env: {
      ...process.env,
      ...options.env(baseUrl),
      PORT: String(port),
      HOST: '127.0.0.1',
      BASE_URL: baseUrl,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderr = new Tail(40);
  const stdout = new Tail(20);
  child.stderr?.on('data', (c: Buffer) => stderr.push(c));
  child.stdout?.on('data', (c: Buffer) => stdout.push(c));
  let exit: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exit = { code, signal };
      resolve();
    });
    child.once('error', (err) => {
      stderr.push(Buffer.from(`spawn failed: ${err.message}\n`));
      exit ??= { code: null, signal: null };
      resolve();
    });
  });

  const outputTail = () => {
    const parts = [];
    const err = stderr.text();
    const out = stdout.text();
    if (err) parts.push(`--- Loket stderr (last lines) ---\n${err}`);
    if (out) parts.push(`--- Loket stdout (last lines) ---\n${out}`);
    return parts.join('\n') || '(Loket wrote nothing)';
  };
  const stop = async (graceMs = 15_000) => {
    if (exit) return;
    child.kill('SIGTERM');
    const stopped = await Promise.race([exited.then(() => true), sleep(graceMs).then(() => false)]);
    if (!stopped) {
      child.kill('SIGKILL');
      await exited;
    }
  };

  const deadline = Date.now() + options.readyTimeoutMs;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (exit) {
      const { code, signal } = exit as { code: number | null; signal: NodeJS.Signals | null };
      throw new LoketStartError(
        `Loket exited during start-up (${signal ?? `exit code ${code}`})`,
        outputTail(),
      );
    }
    try {
      const res = await fetch(`${baseUrl}/health/ready`, { signal: AbortSignal.timeout(2000) });
      last = `status ${res.status}: ${(await res.text()).slice(0, 200)}`;
      if (res.status === 200) return { baseUrl, pid: child.pid ?? 0, outputTail, stop };
    } catch (err) {
      last = (err as Error).message;
    }
    await Promise.race([sleep(250), exited]);
  }
  await stop(5000);
  throw new LoketStartError(
    `GET ${baseUrl}/health/ready did not answer 200 within ${Math.round(options.readyTimeoutMs / 1000)} s (last: ${last})`,
    outputTail(),
  );
}
