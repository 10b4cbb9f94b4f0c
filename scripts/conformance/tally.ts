/**
 * Pure bookkeeping for the conformance run: which assertions the collection holds, which rule prefix
 * each belongs to, and how a newman run summary turns into per-prefix counts and a failure list.
 */

export const PREFIXES = ['ac', 'ztc', 'zrc', 'drc', 'brc', 'other'] as const;
export type Prefix = (typeof PREFIXES)[number];

/** The parts of a Postman v2.1 collection (file JSON or postman-collection `toJSON()`) this module reads. */
export interface PostmanItemJson {
  id?: string;
  name?: string;
  item?: PostmanItemJson[];
  event?: { listen?: string; script?: { exec?: string | string[] } }[];
}

export interface PlannedRequest {
  /** The item's id when the collection has ids (newman's loaded collection does), else its position. */
  key: string;
  /** Folder names from the collection root down to the request. */
  path: string[];
  name: string;
  /** Names of the pm.test blocks that run for this request (its own and its folders'), in order. */
  tests: string[];
}

export interface ExecutedAssertion {
  name: string;
  error: string | null;
  skipped: boolean;
}

export interface ExecutedRequest {
  key: string;
  name: string;
  assertions: ExecutedAssertion[];
  requestError: string | null;
  testScriptErrors: string[];
  prerequestScriptErrors: string[];
  /** What was sent and answered, shortened (`POST <url>` / `400 {…}`), to see why an assertion failed. */
  exchange?: { request: string; response: string | null };
}

export interface FailedAssertion {
  prefix: Prefix;
  /** e.g. `zrc-007c`, from the request, test or folder name. */
  rule: string | null;
  request: string;
  path: string;
  assertion: string;
  error: string;
  /** `assertion`: it ran and failed; `not-run`: it never ran (request skipped, script error, no server). */
  kind: 'assertion' | 'not-run';
  /** The request and the start of the answer, when it ran. */
  exchange?: { request: string; response: string | null };
}

export interface RunProblem {
  request: string;
  path: string;
  kind: 'request' | 'test-script' | 'prerequest-script';
  message: string;
}

export interface Counts {
  passed: number;
  /** Failed assertions, including those that never ran. */
  failed: number;
  /** Of `failed`: assertions that never ran. */
  notRun: number;
  skipped: number;
}

export interface Tally {
  prefixes: Record<Prefix, Counts>;
  totals: Counts;
  failures: FailedAssertion[];
  problems: RunProblem[];
}

const RULE = /\b(ac|zrc|drc|brc|ztc)-(\d{3})([a-z]*)/i;

function ruleIn(text: string | undefined): { prefix: Prefix; rule: string } | null {
  const m = text ? RULE.exec(text) : null;
  if (!m) return null;
  const prefix = m[1].toLowerCase() as Prefix;
  return { prefix, rule: `${prefix}-${m[2]}${m[3].toLowerCase()}` };
}

/**
 * The rule an assertion belongs to. Every test request in the suite is named after its rule, e.g.
 * "(zrc-007c) Afgesloten zaak bijwerken …", and that name wins: the folder and pm.test names carry a
 * few upstream typos ("ztc-019" folder under zrc, a "(zrc-018a)" test inside zrc-019a). Then the
 * pm.test name, then the nearest folder named after a rule. Set-up and tear-down requests carry no
 * rule: their assertions (the suite has none today) count as `other`.
 */
export function attribute(
  path: string[],
  requestName: string,
  assertionName?: string,
): { prefix: Prefix; rule: string | null } {
  const found =
    ruleIn(requestName) ??
    ruleIn(assertionName) ??
    [...path]
      .reverse()
      .map(ruleIn)
      .find((r) => r !== null) ??
    null;
  return found ?? { prefix: 'other', rule: null };
}

function scriptSource(item: PostmanItemJson, listen: string): string {
  return (item.event ?? [])
    .filter((e) => e.listen === listen)
    .map((e) => (Array.isArray(e.script?.exec) ? e.script.exec.join('\n') : (e.script?.exec ?? '')))
    .join('\n');
}

const STRING = /^\s*(["'`])((?:\\.|(?!\1).)*)\1/s;

/** Names of the pm.test (and pm.test.skip) blocks in a script, comments left out. */
export function testNames(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const names: string[] = [];
  for (const m of code.matchAll(/\bpm\.test(?:\.skip)?\s*\(/g)) {
    const literal = STRING.exec(code.slice((m.index ?? 0) + m[0].length));
    names.push(literal ? literal[2] : '(unnamed test)');
  }
  return names;
}

/** Every request of the collection in run order, with the pm.test names that will run for it. */
export function planCollection(collection: PostmanItemJson): PlannedRequest[] {
  const plan: PlannedRequest[] = [];
  const walk = (items: PostmanItemJson[], path: string[], position: string[], inherited: string[]) => {
    items.forEach((item, index) => {
      const here = [...position, String(index)];
      const tests = [...inherited, ...testNames(scriptSource(item, 'test'))];
      if (Array.isArray(item.item)) {
        walk(item.item, [...path, item.name ?? ''], here, tests);
      } else {
        plan.push({ key: item.id ?? here.join('.'), path, name: item.name ?? '', tests });
      }
    });
  };
  walk(collection.item ?? [], [], [], testNames(scriptSource(collection, 'test')));
  return plan;
}

/** The parts of newman's run summary this module reads. */
export interface NewmanSummaryLike {
  collection?: { toJSON(): unknown };
  run: {
    executions: {
      id?: string;
      item?: { id?: string; name?: string };
      requestError?: { name?: string; message?: string } | null;
      request?: { method?: string; url?: { toString(): string } };
      response?: { code?: number; stream?: Uint8Array };
      testScript?: { error?: { name?: string; message?: string } }[];
      prerequestScript?: { error?: { name?: string; message?: string } }[];
      assertions?: {
        assertion?: string;
        skipped?: boolean;
        error?: { name?: string; message?: string } | null;
      }[];
    }[];
  };
}

const message = (e: { name?: string; message?: string } | null | undefined): string =>
  e
    ? [e.name && e.name !== 'Error' && e.name !== 'AssertionError' ? e.name : '', e.message ?? '']
        .filter(Boolean)
        .join(': ')
    : '';

export function executionsFromSummary(summary: NewmanSummaryLike): ExecutedRequest[] {
  return summary.run.executions.map((x) => ({
    key: x.item?.id ?? x.id ?? '',
    name: x.item?.name ?? '',
    assertions: (x.assertions ?? []).map((a) => ({
      name: a.assertion ?? '(unnamed test)',
      error: a.error ? message(a.error) || 'failed' : null,
      skipped: Boolean(a.skipped),
    })),
    requestError: x.requestError ? message(x.requestError) || 'request failed' : null,
    testScriptErrors: (x.testScript ?? []).map((s) => message(s.error)).filter(Boolean),
    prerequestScriptErrors: (x.prerequestScript ?? []).map((s) => message(s.error)).filter(Boolean),
    exchange: {
      request: `${x.request?.method ?? ''} ${x.request?.url?.toString() ?? ''}`.trim(),
      response: x.response
        ? `${x.response.code ?? ''} ${oneLine(Buffer.from(x.response.stream ?? []).toString('utf8'), 800)}`
        : null,
    },
  }));
}

/**
 * The collection with only the folders of the given prefixes (folders named `ac`, `zrc`, …); other
 * items stay. Each prefix folder has its own set-up and tear-down, but the last request of a folder jumps
 * by name to the first request of the next one: `jumps` maps each left-out folder's first request to the
 * first request of the next kept folder, so the run goes on there instead of ending.
 */
export function onlyPrefixes(
  collection: PostmanItemJson,
  keep: readonly Prefix[],
): { collection: PostmanItemJson; jumps: Record<string, { replacement: string; reason: string }> } {
  const isPrefixFolder = (item: PostmanItemJson) =>
    Array.isArray(item.item) && PREFIXES.includes((item.name ?? '') as Prefix);
  const firstRequest = (item: PostmanItemJson): string | undefined =>
    Array.isArray(item.item) ? item.item.map(firstRequest).find(Boolean) : item.name;
  const jumps: Record<string, { replacement: string; reason: string }> = {};
  const prune = (items: PostmanItemJson[]): PostmanItemJson[] => {
    items.forEach((item, i) => {
      if (!isPrefixFolder(item) || keep.includes(item.name as Prefix)) return;
      const first = firstRequest(item);
      const next = items.slice(i + 1).find((x) => isPrefixFolder(x) && keep.includes(x.name as Prefix));
      const replacement = next && firstRequest(next);
      if (first && replacement)
        jumps[first] = {
          replacement,
          reason: `--only: ${item.name} is left out, the run goes on at ${next.name}`,
        };
    });
    return items
      .filter((item) => !isPrefixFolder(item) || keep.includes(item.name as Prefix))
      .map((item) => (Array.isArray(item.item) ? { ...item, item: prune(item.item) } : item));
  };
  return { collection: { ...collection, item: prune(collection.item ?? []) }, jumps };
}

const zero = (): Counts => ({ passed: 0, failed: 0, notRun: 0, skipped: 0 });

/**
 * Counts assertions per prefix. An assertion that should have run but did not counts as failed
 * (`not-run`): a request that was never executed (run aborted, no server), or a test script that threw
 * before reaching its pm.test blocks (e.g. `pm.response.json()` on an HTML error page).
 */
export function tally(
  plan: PlannedRequest[],
  executions: ExecutedRequest[],
  notExecutedReason = 'the request was never executed',
): Tally {
  const result: Tally = {
    prefixes: Object.fromEntries(PREFIXES.map((p) => [p, zero()])) as Record<Prefix, Counts>,
    totals: zero(),
    failures: [],
    problems: [],
  };
  const planned = new Map(plan.map((p) => [p.key, p]));
  const executed = new Set<string>();

  const count = (prefix: Prefix, field: keyof Counts) => {
    result.prefixes[prefix][field]++;
    result.totals[field]++;
  };
  const fail = (
    p: PlannedRequest,
    assertion: string,
    error: string,
    kind: FailedAssertion['kind'],
    exchange?: FailedAssertion['exchange'],
  ) => {
    const { prefix, rule } = attribute(p.path, p.name, assertion);
    count(prefix, 'failed');
    if (kind === 'not-run') count(prefix, 'notRun');
    result.failures.push({
      prefix,
      rule,
      request: p.name,
      path: p.path.join(' / '),
      assertion,
      error,
      kind,
      ...(exchange ? { exchange } : {}),
    });
  };

  for (const x of executions) {
    executed.add(x.key);
    const p = planned.get(x.key) ?? { key: x.key, path: [], name: x.name, tests: [] };
    const where = { request: p.name, path: p.path.join(' / ') };
    if (x.requestError) result.problems.push({ ...where, kind: 'request', message: x.requestError });
    for (const m of x.prerequestScriptErrors)
      result.problems.push({ ...where, kind: 'prerequest-script', message: m });
    for (const m of x.testScriptErrors) result.problems.push({ ...where, kind: 'test-script', message: m });

    for (const a of x.assertions) {
      if (a.skipped) count(attribute(p.path, p.name, a.name).prefix, 'skipped');
      else if (a.error)
        fail(
          p,
          a.name,
          x.requestError ? `${a.error} (no response: ${x.requestError})` : a.error,
          'assertion',
          x.exchange,
        );
      else count(attribute(p.path, p.name, a.name).prefix, 'passed');
    }
    if (x.testScriptErrors.length > 0) {
      const seen = x.assertions.map((a) => a.name);
      for (const name of p.tests) {
        const i = seen.indexOf(name);
        if (i >= 0) seen.splice(i, 1);
        else
          fail(
            p,
            name,
            `did not run: the test script failed first: ${x.testScriptErrors[0]}`,
            'not-run',
            x.exchange,
          );
      }
    }
  }
  for (const p of plan) {
    if (executed.has(p.key)) continue;
    for (const name of p.tests) fail(p, name, `did not run: ${notExecutedReason}`, 'not-run');
  }
  return result;
}

/** Prefixes among `required` that have a failed (or not run) assertion. */
export function failingPrefixes(t: Tally, required: readonly Prefix[]): Prefix[] {
  return required.filter((p) => t.prefixes[p].failed > 0);
}

export function countsLine(counts: Counts): string {
  const extra = [
    counts.notRun ? `${counts.notRun} not run` : '',
    counts.skipped ? `${counts.skipped} skipped` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return `${counts.passed} passed, ${counts.failed} failed${extra ? ` (${extra})` : ''}`;
}

/** One line per prefix, then the totals as the last line: `N passed, N failed`. */
export function summaryLines(t: Tally): string[] {
  return [
    ...PREFIXES.map((p) => `${p}: ${countsLine(t.prefixes[p])}`),
    `${t.totals.passed} passed, ${t.totals.failed} failed`,
  ];
}

/** Up to about `max` failures, spread over the prefixes that have any, grouped by prefix. */
export function failureLines(t: Tally, max = 30): string[] {
  const byPrefix = PREFIXES.map((p) => [p, t.failures.filter((f) => f.prefix === p)] as const).filter(
    ([, list]) => list.length > 0,
  );
  if (byPrefix.length === 0) return [];
  const each = Math.max(3, Math.floor(max / byPrefix.length));
  const lines: string[] = [];
  for (const [prefix, list] of byPrefix) {
    lines.push(`${prefix} (${list.length} failed):`);
    for (const f of list.slice(0, each)) {
      lines.push(`  ${f.request}`, `    ✗ ${f.assertion}: ${oneLine(f.error)}`);
    }
    if (list.length > each) lines.push(`  … and ${list.length - each} more`);
  }
  return lines;
}

function oneLine(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
