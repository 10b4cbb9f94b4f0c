/**
 * `npm run conformance`: starts Loket on a fresh database, the mock endpoints the suite expects, runs the
 * public ZGW Postman suite against it as a whole, and reports assertions per rule prefix.
 * The last line printed is always the totals: `N passed, N failed`.
 */

import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { JumpRepair } from './dangling-jumps.ts';
import { type LoketProcess, LoketStartError, startLoket } from './loket-process.ts';
import { type MockEndpoints, startMockEndpoints } from './mock-endpoints.ts';
import { REPO_ROOT, suitePaths } from './paths.ts';
import { API_PATHS, probeApis, runSuite, suiteEnvironment } from './suite.ts';
import {
  executionsFromSummary,
  failingPrefixes,
  failureLines,
  type NewmanSummaryLike,
  onlyPrefixes,
  type PostmanItemJson,
  PREFIXES,
  type Prefix,
  planCollection,
  summaryLines,
  type Tally,
  tally,
} from './tally.ts';

const USAGE = `Usage: npm run conformance -- [options]
  --require ac,ztc        exit non-zero only when one of these prefixes has a failure
                          (default: all of ${PREFIXES.join(',')})
  --only zrc,brc          run only these prefixes' folders (each has its own set-up); the others
                          are left out of the run and the counts
  --report <file>         JSON report (default .test-results/conformance.json)
  --startup-timeout <s>   wait this long for /health/ready (default 90)
  --request-timeout <s>   per request (default 30)
  --timeout <s>           the whole suite (default 1800)
  --failures <n>          failures to print (default 30)
  --verbose               newman's request-by-request output
  --exchanges             every request and the start of its answer in the report (to debug)
  --keep-data             keep Loket's temporary data folder
Environment: LOKET_SHARED_DIR (default ../shared), DATABASE_URL (default: PGlite in a temp folder).`;

class UsageError extends Error {}

function options(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      require: { type: 'string' },
      only: { type: 'string' },
      report: { type: 'string' },
      'startup-timeout': { type: 'string', default: '90' },
      'request-timeout': { type: 'string', default: '30' },
      timeout: { type: 'string', default: '1800' },
      failures: { type: 'string', default: '30' },
      verbose: { type: 'boolean', default: false },
      exchanges: { type: 'boolean', default: false },
      'keep-data': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const seconds = (name: 'startup-timeout' | 'request-timeout' | 'timeout' | 'failures') => {
    const n = Number(values[name]);
    if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--${name} must be a positive number`);
    return n;
  };
  const prefixList = (flag: 'require' | 'only', value: string) => {
    const list = value
      .split(',')
      .map((p) => p.trim().toLowerCase())
      .filter(Boolean)
      .flatMap((p) => (p === 'all' ? [...PREFIXES] : [p]));
    const unknown = list.filter((p) => !(PREFIXES as readonly string[]).includes(p));
    if (unknown.length > 0) throw new UsageError(`--${flag}: unknown prefix ${unknown.join(', ')}`);
    return [...new Set(list)] as Prefix[];
  };
  const only = values.only === undefined ? null : prefixList('only', values.only);
  return {
    help: values.help,
    only,
    required: prefixList('require', values.require ?? (only ? only.join(',') : 'all')),
    report: resolve(REPO_ROOT, values.report ?? join('.test-results', 'conformance.json')),
    startupTimeoutMs: seconds('startup-timeout') * 1000,
    requestTimeoutMs: seconds('request-timeout') * 1000,
    timeoutMs: seconds('timeout') * 1000,
    maxFailures: seconds('failures'),
    verbose: values.verbose,
    exchanges: values.exchanges,
    keepData: values['keep-data'],
  };
}

async function main(): Promise<number> {
  const opts = options(process.argv.slice(2));
  if (opts.help) {
    console.log(USAGE);
    return 0;
  }
  const paths = suitePaths();
  if (!existsSync(paths.collection)) {
    console.error(
      `The ZGW Postman suite is absent: ${paths.collection} does not exist.\n` +
        'Set LOKET_SHARED_DIR to the shared folder holding specs/zgw/postman (default: ../shared from the repo root).',
    );
    return 2;
  }
  if (!existsSync(paths.fixtures)) console.warn(`warning: suite fixtures absent at ${paths.fixtures}`);
  if (!existsSync(paths.selectielijstData)) {
    console.warn(
      `warning: selectielijst data absent at ${paths.selectielijstData}: Loket runs without selectielijst ` +
        'references, and every suite step that needs them will fail',
    );
  }
  const whole = JSON.parse(readFileSync(paths.collection, 'utf8')) as PostmanItemJson;
  const { collection, jumps } = opts.only ? onlyPrefixes(whole, opts.only) : { collection: whole, jumps: {} };
  if (opts.only) console.log(`Only the folders of: ${opts.only.join(', ')}`);
  const started = Date.now();
  const dataDir = mkdtempSync(join(tmpdir(), 'loket-conformance-'));
  let loket: LoketProcess | null = null;
  let mock: MockEndpoints | null = null;
  const cleanup = async () => {
    await mock?.close().catch(() => {});
    mock = null;
    await loket?.stop().catch(() => {});
    loket = null;
    if (!opts.keepData) rmSync(dataDir, { recursive: true, force: true });
  };
  const interrupted = () => {
    console.error('\ninterrupted: stopping Loket');
    cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);

  const report: Record<string, unknown> = {
    suite: paths.collection,
    only: opts.only ?? 'all',
    required: opts.required,
  };
  let result: Tally | undefined;
  try {
    console.log(
      `Starting Loket (${process.env.DATABASE_URL ? 'PostgreSQL from DATABASE_URL' : `PGlite in ${dataDir}`}) …`,
    );
    try {
      loket = await startLoket({
        repoRoot: REPO_ROOT,
        readyTimeoutMs: opts.startupTimeoutMs,
        env: (baseUrl) => ({
          LOKET_DEMO: '0',
          LOKET_DATA_DIR: dataDir,
          LOG_LEVEL: 'warn',
          LOKET_SHARED_DIR: paths.sharedDir,
          LOKET_ZGW_FIXTURES: paths.fixtures,
          LOKET_REFERENTIELIJSTEN_URL: `${baseUrl}${API_PATHS.referentielijst_url}`,
        }),
      });
    } catch (err) {
      if (!(err instanceof LoketStartError)) throw err;
      console.error(`\nLoket did not start: ${err.message}\n${err.outputTail}\n`);
      report.loket = { started: false, error: err.message, output: err.outputTail };
      result = tally(planCollection(collection), [], `Loket did not start (${err.message})`);
    }

    if (loket) {
      console.log(`Loket ready at ${loket.baseUrl} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
      mock = await startMockEndpoints();
      const environment = suiteEnvironment(loket.baseUrl, mock.url);
      const apis = await probeApis(environment);
      console.log(
        `APIs: ${Object.entries(apis)
          .map(([api, state]) => `${api} ${state}`)
          .join(', ')}`,
      );
      report.loket = { started: true, baseUrl: loket.baseUrl, apis };
      report.environment = environment;

      console.log(`Running the ZGW suite (${relative(REPO_ROOT, paths.collection)}) as a whole …`);
      const run = await runSuite({
        collection,
        environment,
        timeoutRequestMs: opts.requestTimeoutMs,
        timeoutMs: opts.timeoutMs,
        verbose: opts.verbose,
        jumps,
        progress: (line) => console.log(line),
      });
      if (run.error) console.error(`newman stopped: ${run.error.message}`);
      const summary = run.summary as unknown as NewmanSummaryLike | null;
      const stoppedEarly = run.error ? `the run stopped early (${run.error.message})` : undefined;
      result = summary
        ? tally(
            planCollection((summary.collection?.toJSON() ?? collection) as PostmanItemJson),
            executionsFromSummary(summary),
            stoppedEarly,
          )
        : tally(planCollection(collection), [], stoppedEarly);
      if (summary && opts.exchanges)
        report.exchanges = executionsFromSummary(summary).map((x) => ({ name: x.name, ...x.exchange }));
      report.newmanError = run.error?.message ?? null;
      report.loopsBroken = run.loopsBroken;
      report.jumpRepairs = run.jumpRepairs;
    }
    // What Loket itself logged (warnings and errors: a 500 shows up here with its cause).
    report.loketLog = (loket as LoketProcess | null)?.outputTail() ?? '';
  } finally {
    await cleanup();
  }
  result ??= tally(planCollection(collection), [], 'the runner failed');

  const failing = failingPrefixes(result, opts.required);
  mkdirSync(dirname(opts.report), { recursive: true });
  writeFileSync(
    opts.report,
    `${JSON.stringify(
      {
        generatedAt: new Date().toISOString(),
        durationSeconds: Math.round((Date.now() - started) / 1000),
        ...report,
        failingRequired: failing,
        prefixes: result.prefixes,
        totals: result.totals,
        failures: result.failures,
        problems: result.problems,
      },
      null,
      2,
    )}\n`,
  );

  const loketStarted = (report.loket as { started?: boolean } | undefined)?.started;
  if (loketStarted) {
    const lines = failureLines(result, opts.maxFailures);
    if (lines.length > 0) console.log(`\nFailures, by prefix:\n${lines.join('\n')}`);
  }
  const loops = (report.loopsBroken as string[] | undefined) ?? [];
  if (loops.length > 0) {
    console.log(
      `\nLoops the suite did not end by itself (broken by the runner's loop guard): ${loops.length}`,
    );
    for (const line of loops.slice(0, 5)) console.log(`  ${line}`);
  }
  const repairs = (report.jumpRepairs as JumpRepair[] | undefined) ?? [];
  if (repairs.length > 0) {
    console.log(`\nJumps to requests that do not exist (upstream typos): ${repairs.length}`);
    for (const r of repairs)
      console.log(
        `  ${r.request} → "${r.target}": ${r.replacement ? `repaired to "${r.replacement}"` : 'not repaired'}`,
      );
  }
  console.log(`\nReport: ${relative(process.cwd(), opts.report) || opts.report}`);
  if (failing.length > 0) console.log(`Required prefixes with failures: ${failing.join(', ')}`);
  console.log(`\n${summaryLines(result).join('\n')}`);
  return failing.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    const usage =
      err instanceof UsageError || String((err as { code?: string }).code).startsWith('ERR_PARSE_ARGS');
    console.error(usage ? `${err.message}\n\n${USAGE}` : err);
    process.exit(2);
  },
);
