import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { suitePaths } from './paths.ts';
import {
  attribute,
  executionsFromSummary,
  failingPrefixes,
  failureLines,
  type NewmanSummaryLike,
  onlyPrefixes,
  type PostmanItemJson,
  planCollection,
  summaryLines,
  tally,
  testNames,
} from './tally.ts';

const test = (...lines: string[]) => [{ listen: 'test', script: { exec: lines } }];

/** A miniature of the suite: rule folders, set-up requests, a mislabelled folder, a folder-level test. */
const collection: PostmanItemJson = {
  item: [
    {
      id: 'f-tests',
      name: 'Tests',
      item: [
        {
          id: 'f-ac',
          name: 'ac',
          item: [
            { id: 'ac-setup', name: 'Create Catalogus', event: test('pm.globals.set("x", 1);') },
            {
              id: 'ac-001a',
              name: '(ac-001a) Applicatie aanmaken',
              event: test('pm.test("Applicatie aanmaken geeft 201", function() {});'),
            },
          ],
        },
        {
          id: 'f-zrc',
          name: 'zrc',
          item: [
            {
              id: 'f-ztc-019',
              name: 'ztc-019',
              item: [
                {
                  id: 'zrc-019a',
                  name: '(zrc-019a) Rol toevoegen',
                  event: test('pm.test("(zrc-018a) Rol toevoegen geeft 400", function() {});'),
                },
              ],
            },
            {
              id: 'zrc-005a',
              name: '(zrc-005a) ZIO maakt OIO',
              event: test(
                'var jsonData = pm.response.json();',
                'pm.test("OIO bestaat", function() {});',
                '// pm.test("commented out", function() {});',
                'pm.test("OIO heeft objectType zaak", function() {});',
              ),
            },
            {
              id: 'zrc-008a',
              name: '(zrc-008a) Never reached',
              event: test('pm.test("unreached", () => {});'),
            },
          ],
        },
        {
          id: 'f-ztc',
          name: 'ztc',
          event: test("pm.test('folder-level check', function() {});"),
          item: [{ id: 'ztc-setup', name: 'Create Zaaktype' }],
        },
      ],
    },
  ],
};

const summary: NewmanSummaryLike = {
  collection: { toJSON: () => collection },
  run: {
    executions: [
      { item: { id: 'ac-setup', name: 'Create Catalogus' } },
      {
        item: { id: 'ac-001a', name: '(ac-001a) Applicatie aanmaken' },
        assertions: [{ assertion: 'Applicatie aanmaken geeft 201' }],
      },
      {
        item: { id: 'zrc-019a', name: '(zrc-019a) Rol toevoegen' },
        request: { method: 'POST', url: { toString: () => 'http://loket/zaken/api/v1/rollen' } },
        response: { code: 201, stream: Buffer.from('{\n  "url": "http://loket/rol/1"\n}') },
        assertions: [
          {
            assertion: '(zrc-018a) Rol toevoegen geeft 400',
            error: {
              name: 'AssertionError',
              message: 'expected response to have status code 400 but got 201',
            },
          },
        ],
      },
      {
        item: { id: 'zrc-005a', name: '(zrc-005a) ZIO maakt OIO' },
        requestError: null,
        testScript: [{ error: { name: 'JSONError', message: 'Unexpected token <' } }],
      },
      {
        item: { id: 'ztc-setup', name: 'Create Zaaktype' },
        requestError: { message: 'connect ECONNREFUSED 127.0.0.1:1' },
        assertions: [{ assertion: 'folder-level check', skipped: true }],
      },
      {
        item: { id: 'ac-001a', name: '(ac-001a) Applicatie aanmaken' },
        requestError: { name: 'TypeError', message: 'Invalid URL' },
        assertions: [
          {
            assertion: 'Applicatie aanmaken geeft 201',
            error: { message: "expected PostmanResponse to have property 'code'" },
          },
        ],
      },
    ],
  },
};

describe('attributing assertions to rule prefixes', () => {
  it('takes the rule from the request name, over a mislabelled folder or test', () => {
    expect(attribute(['Tests', 'zrc', 'ztc-019'], '(zrc-019a) Rol toevoegen', '(zrc-018a) x')).toEqual({
      prefix: 'zrc',
      rule: 'zrc-019a',
    });
  });

  it('falls back to the pm.test name, then the nearest rule folder, then other', () => {
    expect(attribute(['zrc'], 'Create Zaak', 'ZTC-002b geeft 400')).toEqual({
      prefix: 'ztc',
      rule: 'ztc-002b',
    });
    expect(attribute(['Tests', 'drc', 'drc-003'], 'Create EIO', 'geeft 201')).toEqual({
      prefix: 'drc',
      rule: 'drc-003',
    });
    expect(attribute(['Tests', 'zrc', 'setUp'], 'Create Zaaktype', 'geeft 201')).toEqual({
      prefix: 'other',
      rule: null,
    });
  });
});

describe('planning the collection', () => {
  it('lists the pm.test names each request runs, its folders’ included and comments left out', () => {
    const plan = planCollection(collection);
    expect(plan.map((p) => p.key)).toEqual([
      'ac-setup',
      'ac-001a',
      'zrc-019a',
      'zrc-005a',
      'zrc-008a',
      'ztc-setup',
    ]);
    expect(plan.find((p) => p.key === 'zrc-005a')?.tests).toEqual([
      'OIO bestaat',
      'OIO heeft objectType zaak',
    ]);
    expect(plan.find((p) => p.key === 'ztc-setup')).toMatchObject({
      path: ['Tests', 'ztc'],
      tests: ['folder-level check'],
    });
  });

  it('keys items by position when the collection file has no ids', () => {
    const plan = planCollection({ item: [{ name: 'f', item: [{ name: 'a' }, { name: 'b' }] }] });
    expect(plan.map((p) => p.key)).toEqual(['0.0', '0.1']);
  });

  it('reads test names in any quote style', () => {
    expect(testNames('pm.test(`a`, f); pm.test( "b \\" c", f); pm.test.skip(\'d\', f)')).toEqual([
      'a',
      'b \\" c',
      'd',
    ]);
  });
});

describe('running only some prefixes', () => {
  it('leaves out the other prefix folders, and their assertions from the plan', () => {
    const { collection: only, jumps } = onlyPrefixes(collection, ['zrc']);
    const names = planCollection(only).map((p) => p.name);
    // A jump to the left-out ac folder's first request goes on at the next kept folder (zrc).
    expect(jumps).toEqual({
      'Create Catalogus': expect.objectContaining({ replacement: '(zrc-019a) Rol toevoegen' }),
    });
    expect(names).toEqual([
      '(zrc-019a) Rol toevoegen',
      '(zrc-005a) ZIO maakt OIO',
      '(zrc-008a) Never reached',
    ]);
    // The input is untouched.
    expect(planCollection(collection).map((p) => p.name)).toContain('Create Catalogus');
  });
});

describe('tallying a newman run summary', () => {
  const result = tally(planCollection(collection), executionsFromSummary(summary));

  it('counts passed and failed assertions per prefix, and assertions that never ran as failed', () => {
    // ac-001a ran twice: once passing, once without a response
    expect(result.prefixes.ac).toEqual({ passed: 1, failed: 1, notRun: 0, skipped: 0 });
    // zrc-019a failed; zrc-005a's script threw before its two tests; zrc-008a was never executed
    expect(result.prefixes.zrc).toEqual({ passed: 0, failed: 4, notRun: 3, skipped: 0 });
    expect(result.prefixes.other).toEqual({ passed: 0, failed: 0, notRun: 0, skipped: 1 });
    expect(result.totals).toEqual({ passed: 1, failed: 5, notRun: 3, skipped: 1 });
  });

  it('lists every failure with prefix, rule, request and error', () => {
    expect(result.failures).toEqual([
      expect.objectContaining({
        prefix: 'zrc',
        rule: 'zrc-019a',
        request: '(zrc-019a) Rol toevoegen',
        path: 'Tests / zrc / ztc-019',
        assertion: '(zrc-018a) Rol toevoegen geeft 400',
        error: 'expected response to have status code 400 but got 201',
        kind: 'assertion',
        exchange: {
          request: 'POST http://loket/zaken/api/v1/rollen',
          response: '201 { "url": "http://loket/rol/1" }',
        },
      }),
      expect.objectContaining({
        assertion: 'OIO bestaat',
        error: expect.stringContaining('JSONError: Unexpected token <'),
      }),
      expect.objectContaining({ assertion: 'OIO heeft objectType zaak', kind: 'not-run' }),
      expect.objectContaining({
        prefix: 'ac',
        error: "expected PostmanResponse to have property 'code' (no response: TypeError: Invalid URL)",
      }),
      expect.objectContaining({ rule: 'zrc-008a', error: 'did not run: the request was never executed' }),
    ]);
  });

  it('keeps request and script errors as problems, outside the assertion counts', () => {
    expect(result.problems).toEqual([
      expect.objectContaining({ request: '(zrc-005a) ZIO maakt OIO', kind: 'test-script' }),
      expect.objectContaining({
        request: 'Create Zaaktype',
        kind: 'request',
        message: expect.stringContaining('ECONNREFUSED'),
      }),
      expect.objectContaining({
        request: '(ac-001a) Applicatie aanmaken',
        kind: 'request',
        message: 'TypeError: Invalid URL',
      }),
    ]);
  });

  it('prints one line per prefix and the totals last', () => {
    const lines = summaryLines(result);
    expect(lines).toEqual([
      'ac: 1 passed, 1 failed',
      'ztc: 0 passed, 0 failed',
      'zrc: 0 passed, 4 failed (3 not run)',
      'drc: 0 passed, 0 failed',
      'brc: 0 passed, 0 failed',
      'other: 0 passed, 0 failed (1 skipped)',
      '1 passed, 5 failed',
    ]);
    expect(failureLines(result)[0]).toBe('ac (1 failed):');
  });

  it('fails only the required prefixes that have failures', () => {
    expect(failingPrefixes(result, ['ztc', 'drc'])).toEqual([]);
    expect(failingPrefixes(result, ['ac', 'ztc', 'zrc'])).toEqual(['ac', 'zrc']);
  });

  it('counts everything as failed when nothing ran', () => {
    const none = tally(planCollection(collection), [], 'Loket did not start');
    expect(summaryLines(none).at(-1)).toBe('0 passed, 6 failed');
    expect(
      none.failures.every((f) => f.kind === 'not-run' && f.error === 'did not run: Loket did not start'),
    ).toBe(true);
  });
});

const { collection: suiteFile } = suitePaths();
describe.skipIf(!existsSync(suiteFile))('the public ZGW suite', () => {
  it('has 420 pm.test blocks, every one attributed to a rule prefix', () => {
    const plan = planCollection(JSON.parse(readFileSync(suiteFile, 'utf8')));
    const none = tally(plan, []);
    expect(none.totals.failed).toBe(420);
    expect(none.prefixes.other.failed).toBe(0);
    for (const prefix of ['ac', 'ztc', 'zrc', 'drc', 'brc'] as const)
      expect(none.prefixes[prefix].failed).toBeGreaterThan(0);
  });
});
