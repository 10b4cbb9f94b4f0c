import newman, { type NewmanRunSummary } from 'newman';
import { type JumpRepair, repairDanglingJumps } from './dangling-jumps.ts';
import { GUARD_MARK, withLoopGuard } from './loop-guard.ts';
import type { PostmanItemJson } from './tally.ts';

/** The ZGW API roots under one Loket, as the suite's environment names them. */
export const API_PATHS = {
  ac_url: '/autorisaties/api/v1',
  ztc_url: '/catalogi/api/v1',
  zrc_url: '/zaken/api/v1',
  drc_url: '/documenten/api/v1',
  brc_url: '/besluiten/api/v1',
  referentielijst_url: '/referentielijsten/api/v1',
} as const;

/** The clients the suite signs its JWTs as; Loket seeds them from the suite's fixtures. */
export const SUITE_CLIENTS = {
  client_id: 'zgw_api_tests',
  secret: 'secret',
  client_id_limited: 'zgw_api_tests_limited',
  secret_limited: 'secret_limited',
} as const;

/**
 * The environment the collection reads (see specs/zgw/README.md). The collection does not use a
 * Notificaties API (no nrc_url), so none is passed.
 */
export function suiteEnvironment(loketUrl: string, mockUrl: string): Record<string, string> {
  const env: Record<string, string> = { mock_url: mockUrl, ...SUITE_CLIENTS };
  for (const [key, path] of Object.entries(API_PATHS)) env[key] = `${loketUrl}${path}`;
  return env;
}

async function status(url: string): Promise<number | string> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
    await res.body?.cancel();
    return res.status;
  } catch (err) {
    return (err as Error).message;
  }
}

/**
 * Which APIs answer at all: `<root>/schema/openapi.json` (the ZGW convention, served by every Loket API
 * group) and, for the Referentielijsten, `/procestypen`. Only informs the report; the suite runs regardless.
 */
export async function probeApis(env: Record<string, string>): Promise<Record<string, string>> {
  const found: Record<string, string> = {};
  for (const key of Object.keys(API_PATHS)) {
    const root = env[key];
    const url = key === 'referentielijst_url' ? `${root}/procestypen` : `${root}/schema/openapi.json`;
    const s = await status(url);
    found[key.replace(/_url$/, '')] =
      s === 200 ? 'served' : `not served (${typeof s === 'number' ? s : `error: ${s}`})`;
  }
  return found;
}

export interface SuiteRunOptions {
  collection: PostmanItemJson;
  environment: Record<string, string>;
  timeoutRequestMs: number;
  timeoutMs: number;
  /** Newman's own request-by-request output. */
  verbose: boolean;
  progress?: (line: string) => void;
  /** Jumps to redirect besides the known typos (see `onlyPrefixes`). */
  jumps?: Record<string, { replacement: string; reason: string }>;
}

export interface SuiteRun {
  error: Error | null;
  summary: NewmanRunSummary | null;
  /** The loop guard's messages: loops it broke (see loop-guard.ts). */
  loopsBroken: string[];
  /** Jumps to request names that do not exist (upstream typos), and how they were repaired. */
  jumpRepairs: JumpRepair[];
}

/**
 * Runs the collection as a whole (its requests chain with setNextRequest), with the loop guard, so a
 * never-ending upstream loop cannot hide the prefixes after it. Never rejects.
 */
export function runSuite(options: SuiteRunOptions): Promise<SuiteRun> {
  return new Promise((resolve) => {
    const loopsBroken: string[] = [];
    const { collection, repairs: jumpRepairs } = repairDanglingJumps(options.collection, options.jumps);
    let requests = 0;
    let assertions = 0;
    let failed = 0;
    try {
      const emitter = newman.run(
        {
          collection: withLoopGuard(collection, { maxStreak: 10, maxTotal: 250 }),
          envVar: Object.entries(options.environment).map(([key, value]) => ({ key, value })),
          reporters: options.verbose ? ['cli'] : [],
          timeout: options.timeoutMs,
          timeoutRequest: options.timeoutRequestMs,
          timeoutScript: 30_000,
          color: 'off',
        },
        (err, summary) => resolve({ error: err ?? null, summary: summary ?? null, loopsBroken, jumpRepairs }),
      );
      emitter.on('console', (_err: unknown, o: { messages?: unknown[] }) => {
        const line = o?.messages?.map(String).join(' ') ?? '';
        if (!line.startsWith(GUARD_MARK)) return;
        loopsBroken.push(line.slice(GUARD_MARK.length).trim());
        options.progress?.(`  loop broken: ${loopsBroken.at(-1)}`);
      });
      emitter.on('assertion', (err: unknown, o: { skipped?: boolean }) => {
        if (o?.skipped) return;
        assertions++;
        if (err) failed++;
      });
      emitter.on('request', () => {
        requests++;
        if (requests % 100 === 0)
          options.progress?.(`  … ${requests} requests, ${assertions} assertions (${failed} failed)`);
      });
    } catch (err) {
      resolve({ error: err as Error, summary: null, loopsBroken, jumpRepairs });
    }
  });
}
