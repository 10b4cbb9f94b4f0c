/**
 * Runtime helpers shared by the two compiler back ends (closures and generated functions): the parts
 * of an operator that are not the fast path. Whatever is unusual goes to feelin, so both back ends
 * answer exactly as the interpreter does.
 */
import { FeelDate, FeelFunction } from 'feelin';
import { isInvocationFailure, lookupBuiltin } from './builtins.ts';
import { interpretValue } from './interpret.ts';

/** Arithmetic other than number∘number (or string+string): feelin decides (nulls, dates, durations). */
export function slowArithmetic(op: string): (x: unknown, y: unknown) => unknown {
  return (x, y) => interpretValue(`x ${op} y`, { x, y });
}

/** Plain FEEL values of one kind that compare like JavaScript values; dates compare by ISO text. */
function sameKind(x: unknown, y: unknown): 'js' | 'date' | null {
  const tx = typeof x;
  if ((tx === 'number' || tx === 'string') && typeof y === tx) return 'js';
  if (x instanceof FeelDate && y instanceof FeelDate) return 'date';
  return null;
}

export function comparator(op: string): (a: number | string, b: number | string) => boolean {
  if (op === '<') return (a, b) => a < b;
  if (op === '<=') return (a, b) => a <= b;
  if (op === '>') return (a, b) => a > b;
  return (a, b) => a >= b;
}

/** Ordering when the operands are not two numbers: strings, dates, else feelin. */
export function orderedRest(op: string): (x: unknown, y: unknown) => unknown {
  const cmp = comparator(op);
  const slow = slowArithmetic(op);
  return (x, y) => {
    const kind = sameKind(x, y);
    if (kind === 'js') return cmp(x as string, y as string);
    if (kind === 'date') return cmp((x as FeelDate).iso, (y as FeelDate).iso);
    return slow(x, y);
  };
}

/** (In)equality when the operands are not null or two primitives of one type: dates, else feelin. */
export function equalityRest(negate: boolean): (x: unknown, y: unknown) => unknown {
  const slow = slowArithmetic(negate ? '!=' : '=');
  return (x, y) => {
    if (x instanceof FeelDate && y instanceof FeelDate) return (x.iso === y.iso) !== negate;
    return slow(x, y);
  };
}

/**
 * year/month/day of a FEEL date from its canonical ISO text (Temporal's getters are slow). No inner
 * closures here: this runs per evaluation.
 */
export function datePart(d: FeelDate, name: 'year' | 'month' | 'day'): number {
  const iso = d.iso;
  if (iso.length !== 10) return d[name];
  if (name === 'year') {
    return (
      (iso.charCodeAt(0) - 48) * 1000 +
      (iso.charCodeAt(1) - 48) * 100 +
      (iso.charCodeAt(2) - 48) * 10 +
      (iso.charCodeAt(3) - 48)
    );
  }
  const at = name === 'month' ? 5 : 8;
  return (iso.charCodeAt(at) - 48) * 10 + (iso.charCodeAt(at + 1) - 48);
}

/** `t.name`: context entries and date parts directly, anything else (lists, durations) via feelin. */
export function pathGetter(name: string, pathText: string): (t: unknown) => unknown {
  const slowExpr = `t.${pathText}`;
  const part = name === 'year' || name === 'month' || name === 'day' ? name : null;
  return (t) => {
    if (t !== null && typeof t === 'object') {
      if (Object.getPrototypeOf(t) === Object.prototype && Object.hasOwn(t, name)) {
        return (t as Record<string, unknown>)[name];
      }
      if (part && t instanceof FeelDate) return datePart(t, part);
    }
    return interpretValue(slowExpr, { t });
  };
}

/**
 * Calls feelin's builtin exactly as its interpreter does (argument checks, list unwrapping; a failed
 * invocation is null). Undefined when the builtin cannot be called this way.
 */
export function builtinInvoker(name: string): ((values: unknown[]) => unknown) | null | undefined {
  const builtin = lookupBuiltin(name);
  if (!builtin) return null;
  if (!Array.isArray(builtin.$args)) return undefined;
  const fn = new FeelFunction(builtin, builtin.$args);
  return (values) => {
    const r = fn.invoke(values);
    return isInvocationFailure(r) ? null : r;
  };
}
