import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { freePort } from '../bench/lib.ts';

/** Starts `src/main.ts` the way `npm start` does and collects what it prints. */
async function start(dataDir: string) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      BASE_URL: `http://127.0.0.1:${port}`,
      LOKET_DATA_DIR: dataDir,
      DATABASE_URL: '',
      LOKET_DEMO: '',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => {
    output += d;
  });
  child.stderr.on('data', (d) => {
    output += d;
  });
  // Wait for readiness by deadline, not by a count of tries: a loaded machine can take a minute to start.
  const deadline = Date.now() + 150_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`exited early:\n${output}`);
    const ok = await fetch(`${url}/health/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, url, output: () => output };
}

it('starts on a fresh data folder with demo data, prints its URLs, and shuts down cleanly on SIGTERM', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'loket-main-'));
  try {
    const first = await start(dataDir);
    expect(first.output()).toContain(`${first.url}/health/ready`);
    // Where people start: the citizens' portal and the professionals' workbench.
    expect(first.output()).toMatch(new RegExp(`Inwoners: +${first.url}/\n`));
    expect(first.output()).toMatch(new RegExp(`Medewerkers: +${first.url}/werkplek\n`));
    expect(first.output()).toContain('demo data loaded');
    const res = await fetch(`${first.url}/health/ready`);
    expect(res.status).toBe(200);
    const exited = new Promise<number | null>((r) => first.child.on('exit', (code) => r(code)));
    first.child.kill('SIGTERM');
    expect(await exited).toBe(0);

    // A restart on the same folder keeps the data and does not load the demo a second time.
    const second = await start(dataDir);
    expect(second.output()).not.toContain('demo data loaded');
    const again = new Promise<number | null>((r) => second.child.on('exit', (code) => r(code)));
    second.child.kill('SIGTERM');
    expect(await again).toBe(0);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}, 360_000);
