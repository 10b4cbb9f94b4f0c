/**
 * FEEL functions as the engine runs them.
 *
 * Most builtins are feelin's own, looked up once and called directly, so compiled and interpreted
 * evaluation share one implementation. The rounding functions are replaced: feelin (like plain
 * JavaScript) rounds the binary double, so `round half up(1176.715, 2)` gives 1176.71 because 1176.715 is
 * stored as 1176.71499999…; the Belastingdienst publishes 1176.72. Our versions first remove the
 * representation error by going through 15 significant digits (a double carries 15–17), then round the
 * decimal value. The replacements are handed to feelin as context entries, which take precedence over
 * its builtins, so the interpreter, the compiler and the benchmark baseline all use the same rounding.
 */
import { evaluate, FeelFunction } from 'feelin';

type NumFn = (n: unknown, scale?: unknown) => number | null;

const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);

function pow10(scale: number): number {
  return scale >= 0 && scale < POW10.length ? POW10[scale] : 10 ** scale;
}

/**
 * n × 10^scale with the binary representation error removed, but only where it matters: going through
 * 15 significant digits moves a value by at most 5e-15 of itself, so it can only change the rounding
 * of a value that close to a rounding boundary (an integer, or a half for the half-modes). Elsewhere
 * the (slow) string round trip is skipped.
 */
function scaled(n: number, p: number, boundary: 0 | 0.5): number {
  const x = n * p;
  const a = x < 0 ? -x : x;
  let d = a - Math.floor(a) - boundary;
  if (boundary === 0 && d > 0.5) d -= 1;
  const tolerance = a * 1e-14;
  return (d < 0 ? -d : d) <= tolerance ? Number(x.toPrecision(15)) : x;
}

function isNum(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}

/** Wraps a rounding of a non-negative scaled magnitude into a FEEL function with null semantics. */
function rounding(roundMagnitude: (a: number) => number, boundary: 0 | 0.5): NumFn {
  return (n, scale) => {
    if (!isNum(n) || !isNum(scale) || !Number.isInteger(scale)) return null;
    const p = pow10(scale);
    const s = scaled(n, p, boundary);
    const r = s < 0 ? -roundMagnitude(-s) : roundMagnitude(s);
    // r is an integer; dividing by an exact power of ten gives the nearest double to the decimal result.
    return (r === 0 ? 0 : r) / p;
  };
}

function halfEven(a: number): number {
  const f = Math.floor(a);
  const d = a - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

function halfDown(a: number): number {
  const f = Math.floor(a);
  return a - f > 0.5 ? f + 1 : f;
}

/** floor/ceiling round towards −∞/+∞, so they cannot use the sign-symmetric wrapper. */
function directed(fn: (x: number) => number): NumFn {
  return (n, scale = 0) => {
    if (!isNum(n) || !isNum(scale) || !Number.isInteger(scale)) return null;
    const p = pow10(scale);
    const r = fn(scaled(n, p, 0));
    return (r === 0 ? 0 : r) / p;
  };
}

interface Override {
  impl: (...args: unknown[]) => unknown;
  params: string[];
}

/** FEEL rounding functions with decimal semantics (see the module comment). */
export const OVERRIDES: Readonly<Record<string, Override>> = {
  decimal: { impl: rounding(halfEven, 0.5) as Override['impl'], params: ['n', 'scale'] },
  'round half up': { impl: rounding(Math.round, 0.5) as Override['impl'], params: ['n', 'scale'] },
  'round half down': { impl: rounding(halfDown, 0.5) as Override['impl'], params: ['n', 'scale'] },
  'round up': { impl: rounding(Math.ceil, 0) as Override['impl'], params: ['n', 'scale'] },
  'round down': { impl: rounding(Math.floor, 0) as Override['impl'], params: ['n', 'scale'] },
  floor: { impl: directed(Math.floor) as Override['impl'], params: ['n', 'scale'] },
  ceiling: { impl: directed(Math.ceil) as Override['impl'], params: ['n', 'scale'] },
};

/** The overrides as FEEL context entries, to merge into every context handed to feelin. */
export const OVERRIDE_CONTEXT: Readonly<Record<string, FeelFunction>> = Object.freeze(
  Object.fromEntries(
    Object.entries(OVERRIDES).map(([name, o]) => [name, new FeelFunction(o.impl, o.params)]),
  ),
);

type BuiltinFn = ((...args: unknown[]) => unknown) & { $args?: string[] };

const builtinCache = new Map<string, BuiltinFn | null>();

/**
 * feelin's builtin function of that name, or null. feelin does not export its builtin table, but a
 * bare function name evaluates to the builtin itself, which gives us the exact implementation.
 */
export function lookupBuiltin(name: string): BuiltinFn | null {
  let fn = builtinCache.get(name);
  if (fn === undefined) {
    try {
      const value = evaluate(name, {}).value;
      fn = typeof value === 'function' ? (value as BuiltinFn) : null;
    } catch {
      fn = null;
    }
    builtinCache.set(name, fn);
  }
  return fn;
}

/** Whether a name is a function the engine can call (a feelin builtin or one of our overrides). */
export function isKnownFunction(name: string): boolean {
  return name in OVERRIDES || lookupBuiltin(name) !== null;
}

/** feelin signals a failed invocation with an object instead of throwing; it evaluates to null. */
export function isInvocationFailure(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { constructor?: { name?: string } }).constructor?.name === 'InvocationFailure'
  );
}
