import { describe, expect, it } from 'vitest';
import {
  checkCondition,
  clearConditionCache,
  conditionCacheSize,
  evaluateCondition,
  evaluateWithFeelin,
  isCompiled,
} from './conditions.ts';

const data = {
  n: 3,
  x: 0.5,
  s: 'abc',
  yes: true,
  no: false,
  nothing: null,
  o: { a: 1, b: { c: 'x' }, list: [1, 2] },
  l: [1, 2],
  documents: { received: 2, types: ['paspoort', 'uittreksel'] },
  decision: { drafted: true, outcome: 'toegekend' },
};

describe('FEEL conditions', () => {
  it('evaluates conditions over case data and the event context', () => {
    expect(evaluateCondition('documents.received >= 2', data)).toEqual({ ok: true, value: true });
    expect(evaluateCondition('decision.drafted = true', data)).toEqual({ ok: true, value: true });
    expect(evaluateCondition('n > 5 or s = "abc"', data)).toEqual({ ok: true, value: true });
    expect(evaluateCondition('list contains(documents.types, "paspoort")', data)).toEqual({
      ok: true,
      value: true,
    });
  });

  it('treats missing data as undecided, not as a failure', () => {
    expect(evaluateCondition('aanvraag.inkomen < 30000', {})).toEqual({ ok: true, value: null });
    expect(evaluateCondition('decision.drafted = true', {})).toEqual({ ok: true, value: false });
    expect(evaluateCondition('o.missing > 1', data)).toEqual({ ok: true, value: null });
  });

  it('reports a failure when a condition does not yield true or false or a function fails', () => {
    expect(evaluateCondition('n + 1', data)).toMatchObject({
      ok: false,
      error: expect.stringContaining('number'),
    });
    expect(evaluateCondition('not(true, false)', data)).toMatchObject({ ok: false });
    expect(evaluateCondition('yes < true', data)).toMatchObject({ ok: false });
  });

  it('reports syntax errors with a position', () => {
    expect(checkCondition('documents.received >= ')).toMatchObject({ ok: false, position: 22 });
    expect(checkCondition('')).toMatchObject({ ok: false });
    expect(evaluateCondition('a >= ', {})).toMatchObject({
      ok: false,
      error: expect.stringContaining('syntax'),
    });
  });

  it('lists the top-level names a condition reads, without function names and bound names', () => {
    expect(checkCondition('documents.received >= 2 and not(decision.drafted)').variables).toEqual([
      'documents',
      'decision',
    ]);
    expect(checkCondition('some t in documents.types satisfies t = "paspoort"').variables).toEqual([
      'documents',
    ]);
    expect(checkCondition('count(l[item > 1]) > 0').variables).toEqual(['l']);
  });

  it('parses each expression once and reuses it', () => {
    clearConditionCache();
    for (let i = 0; i < 5; i++) evaluateCondition('n > 1', data);
    evaluateCondition('n > 2', data);
    expect(conditionCacheSize()).toBe(2);
  });

  it('lets today() and now() come from the context, so evaluation does not read the clock', () => {
    const ctx = { today: () => '2020-01-01' };
    expect(evaluateCondition('today() = "2020-01-01"', ctx)).toEqual({ ok: true, value: true });
  });
});

describe('the compiled subset', () => {
  const expressions = [
    'n > 2',
    'n = 3',
    'n != 3',
    'n <= 3 and x < 1',
    '-1 < n',
    '0.5 = x',
    's = "abc"',
    's > "abb"',
    's != "x"',
    'yes',
    'yes = true',
    'no != false',
    'nothing = null',
    'nothing != null',
    'nothing < 1',
    'missing',
    'missing = null',
    'missing < 1',
    'missing.deeper = 1',
    'o.a = 1',
    'o.b.c = "x"',
    'o.missing = 1',
    'o.a.b = 1',
    'o.list = 1',
    'n.a = 1',
    'yes and no',
    'yes and nothing',
    'no and nothing',
    'yes or nothing',
    'nothing or no',
    'n and yes',
    'yes and yes and (n > 1 or no)',
    'not(yes)',
    'not(nothing)',
    'not(n)',
    'n = "3"',
    's < 2',
    'l = [1, 2]',
    'yes = 1',
    'n',
    's',
    'null',
    'true',
    'no and yes < true',
    'missing < true',
    'nothing = l',
    'o = o',
    'missing.x > "a"',
    'yes >= no',
  ];

  it('compiles the common forms', () => {
    for (const e of ['n > 2', 'o.b.c = "x"', 'yes and not(no) or nothing = null', '(n >= 1)']) {
      expect(isCompiled(e), e).toBe(true);
    }
    for (const e of ['count(l) > 1', 'n in [1, 2]', 'n between 1 and 5', 'l[1] = 1']) {
      expect(isCompiled(e), e).toBe(false);
    }
  });

  it('gives exactly what feelin gives', () => {
    for (const e of expressions) {
      expect(evaluateCondition(e, data), e).toEqual(evaluateWithFeelin(e, data));
      expect(evaluateCondition(e, {}), `${e} without data`).toEqual(evaluateWithFeelin(e, {}));
    }
  });
});
