import { date, evaluate as feelinEvaluate } from 'feelin';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../examples.ts';
import { OVERRIDE_CONTEXT, OVERRIDES } from './builtins.ts';
import { type CompileEnv, compileExpression } from './compile.ts';

const VARS: Record<string, unknown> = {
  a: 7,
  b: -2.5,
  c: 0,
  n: null,
  t: true,
  f: false,
  s: 'tekst',
  u: 'ander',
  d1: date('2000-02-29'),
  d2: date('2018-02-28'),
  ctx: { x: 1, y: 'twee' },
  list: [1, 2, 3],
};

function envFor(vars: Record<string, unknown>): { env: CompileEnv; slots: unknown[] } {
  const names = Object.keys(vars);
  return { env: { slots: new Map(names.map((n, i) => [n, i])), names }, slots: names.map((n) => vars[n]) };
}

type Outcome = { value: unknown } | { error: true };

function viaFeelin(expression: string, vars: Record<string, unknown>): Outcome {
  try {
    return { value: feelinEvaluate(expression, { ...OVERRIDE_CONTEXT, ...vars }).value };
  } catch {
    return { error: true };
  }
}

function viaCompiler(expression: string, vars: Record<string, unknown>, codegen = true): Outcome {
  const { env, slots } = envFor(vars);
  try {
    return { value: compileExpression(expression, env, { codegen }).fn(slots, undefined) };
  } catch {
    return { error: true };
  }
}

/** Dates and other objects compare by their FEEL text; numbers and strings exactly. */
function normalise(o: Outcome): unknown {
  if ('error' in o) return 'ERROR';
  const v = o.value;
  return v !== null &&
    typeof v === 'object' &&
    !Array.isArray(v) &&
    Object.getPrototypeOf(v) !== Object.prototype
    ? `obj:${String(v)}`
    : v;
}

const HANDWRITTEN = [
  'a + b * 2 - c / 4',
  '-a',
  'a ** 2',
  'a / c',
  'a + n',
  's + u',
  's + a',
  'a > b and t',
  'a < n',
  'n = null',
  'a = n',
  'a != 7',
  's = "tekst"',
  't = 1',
  'not(t)',
  'not(a)',
  'n or t',
  'n and f',
  'n and t',
  'if a > 3 then "groot" else "klein"',
  'if n then 1 else 2',
  'if s then 1 else 2',
  'min(a, b)',
  'max(a, b, c)',
  'min([a, b])',
  'min(a, n)',
  'abs(b)',
  'abs(s)',
  'round half up(2.675, 2)',
  'round half up(1176.715, 2)',
  'round half up(-1.005, 2)',
  'decimal(2.5, 0)',
  'decimal(3.5, 0)',
  'round half down(2.5, 0)',
  'round up(1.01, 0)',
  'round down(-1.99, 0)',
  'floor(0.29 * 100)',
  'ceiling(1.1)',
  'floor(n)',
  'a between 1 and 10',
  'a between 10 and 1',
  'a in [1..7]',
  'a in (1..7)',
  'a in [7..1)',
  'a in (1, 7)',
  'a in > 3',
  'd1 < d2',
  'd1 = d2',
  'd1.year * 12 + d1.month',
  'd2.day',
  'years and months duration(d1, d2).years',
  'ctx.x + 1',
  'ctx.z',
  '{p: a, q: p + 1}.q',
  '{"r": 1}.r',
  '[a, b, c]',
  'list[item > 1]',
  'for x in list return x * a',
  'some x in list satisfies x > 2',
  'count(list)',
  'sum(list)',
  'string length(s)',
  'upper case(s)',
  'date("2025-01-01") < d2',
  '@"2025-01-01"',
  'd1 + duration("P18Y") <= d2',
];

describe('FEEL compiler', () => {
  it.each(HANDWRITTEN)('gives the same value as feelin for %s, generated and as closures', (expression) => {
    const expected = normalise(viaFeelin(expression, VARS));
    expect(normalise(viaCompiler(expression, VARS, true))).toEqual(expected);
    expect(normalise(viaCompiler(expression, VARS, false))).toEqual(expected);
  });

  it('rounds decimal values as the statute expects, not the binary double', () => {
    expect(viaCompiler('round half up(2353.43 / 2, 2)', {})).toEqual({ value: 1176.72 });
    expect(viaCompiler('floor(0.29 * 100)', {})).toEqual({ value: 29 });
    expect(viaCompiler('decimal(0.125, 2)', {})).toEqual({ value: 0.12 });
    expect(viaCompiler('round half up(0.125, 2)', {})).toEqual({ value: 0.13 });
    expect(OVERRIDES['round half up'].impl(1e20 + 0.5, 0)).toBe(1e20);
  });

  it('compiles the arithmetic, logic and calls rules use, and delegates the rest to feelin', () => {
    const { env } = envFor(VARS);
    expect(compileExpression('if t then max(a, b) else 0', env).fn.name).toBe('feelStep');
    expect(compileExpression('if t then max(a, b) else 0', env, { codegen: false }).fn.name).not.toBe(
      'feelStep',
    );
    expect(compileExpression('round half up(max(0, a - b) * 0.137, 2)', env).execution).toBe('compiled');
    expect(compileExpression('if t and not(f) then d1.year else 0', env).execution).toBe('compiled');
    expect(compileExpression('years and months duration(d1, d2).years >= 18', env).execution).toBe('partial');
    expect(compileExpression('for x in list return x', env).execution).toBe('interpreted');
  });

  it('agrees with feelin on 1500 random expressions over numbers, booleans, strings and nulls', () => {
    const rnd = seededRandom(42);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
    const leaves = ['a', 'b', 'c', 'n', 't', 'f', 's', '3', '0.5', '-1', 'null', 'true', '"x"'];
    const gen = (depth: number): string => {
      if (depth === 0 || rnd() < 0.25) return pick(leaves);
      const x = () => gen(depth - 1);
      switch (Math.floor(rnd() * 9)) {
        case 0:
          return `(${x()} ${pick(['+', '-', '*', '/'])} ${x()})`;
        case 1:
          return `(${x()} ${pick(['<', '<=', '>', '>=', '=', '!='])} ${x()})`;
        case 2:
          return `(${x()} ${pick(['and', 'or'])} ${x()})`;
        case 3:
          return `(if ${x()} then ${x()} else ${x()})`;
        case 4:
          return `${pick(['min', 'max'])}(${x()}, ${x()})`;
        case 5:
          return `${pick(['round half up', 'decimal', 'floor', 'round down'])}(${x()}, ${pick(['0', '2'])})`;
        case 6:
          return `not(${x()})`;
        case 7:
          return `abs(${x()})`;
        default:
          return `(${x()} between ${x()} and ${x()})`;
      }
    };
    let compared = 0;
    for (let i = 0; i < 1500; i++) {
      const expression = gen(4);
      expect(normalise(viaCompiler(expression, VARS)), expression).toEqual(
        normalise(viaFeelin(expression, VARS)),
      );
      compared++;
    }
    expect(compared).toBe(1500);
  });
});
