/**
 * FEEL → JavaScript closures: one closure per tree node, over a slot array (one slot per input,
 * parameter and step). Handles every node type, falling back to feelin for a whole sub-expression it
 * does not translate (iteration, quantifiers, filters, user functions, special-form functions such as
 * `years and months duration`). Generated code (codegen.ts) is faster and delegates to these closures
 * for the nodes it does not generate.
 *
 * Semantics follow feelin exactly, including FEEL's three-valued logic and null propagation: each
 * operator has a fast path for the common case and hands anything else to feelin (runtime.ts).
 */
import type { SyntaxNode } from '@lezer/common';
import { lookupBuiltin, OVERRIDE_CONTEXT, OVERRIDES } from './builtins.ts';
import type { CompiledFn, CompileEnv, Locals, Slots } from './compile.ts';
import { interpretValue } from './interpret.ts';
import { children, nameOf, operands, parseFeel, textOf } from './parse.ts';
import {
  builtinInvoker,
  comparator,
  equalityRest,
  orderedRest,
  pathGetter,
  slowArithmetic,
} from './runtime.ts';

export interface State {
  src: string;
  env: CompileEnv;
  fallbacks: number;
}

export const NO_LOCALS: ReadonlySet<string> = new Set();
/** Closures that hand a whole node to feelin, to tell "partial" from "interpreted". */
export const fallbackFns = new WeakSet<CompiledFn>();

/** The slots (and local context entries) as a FEEL context, for the interpreter. */
export function contextFor(env: CompileEnv, s: Slots, l: Locals): Record<string, unknown> {
  const ctx: Record<string, unknown> = {};
  const names = env.names;
  for (let i = 0; i < names.length; i++) {
    const v = s[i];
    if (v !== undefined) ctx[names[i]] = v;
  }
  if (l) Object.assign(ctx, l);
  return ctx;
}

export function fallback(node: SyntaxNode, st: State): CompiledFn {
  st.fallbacks++;
  const text = textOf(node, st.src);
  const env = st.env;
  const fn: CompiledFn = (s, l) => interpretValue(text, contextFor(env, s, l));
  fallbackFns.add(fn);
  return fn;
}

export function constant(value: unknown): CompiledFn {
  return () => value;
}

/** feelin's string literal decoding, for the common case without escapes. */
export function plainString(text: string): string {
  let str = text;
  if (str.startsWith('"')) str = str.slice(1);
  if (str.endsWith('"')) str = str.slice(0, -1);
  return str;
}

export function compileNode(node: SyntaxNode, st: State, locals: ReadonlySet<string>): CompiledFn {
  const c = (n: SyntaxNode) => compileNode(n, st, locals);
  const text = () => textOf(node, st.src);
  switch (node.name) {
    case 'Expression':
    case 'ParenthesizedExpression': {
      const ops = operands(node);
      return ops.length === 1 ? c(ops[0]) : fallback(node, st);
    }
    case 'NumericLiteral': {
      const t = text();
      return constant(t.includes('.') ? Number.parseFloat(t) : Number.parseInt(t, 10));
    }
    case 'StringLiteral': {
      const t = text();
      return t.includes('\\') ? constant(interpretValue(t, {})) : constant(plainString(t));
    }
    case 'BooleanLiteral':
      return constant(text() === 'true');
    case 'null':
      return constant(null);
    case 'VariableName':
      return variable(nameOf(node, st.src), st, locals);
    case 'ArithmeticExpression': {
      const k = children(node);
      if (k.length === 3) return arithmetic(textOf(k[1], st.src), c(k[0]), c(k[2]));
      if (k.length === 2) return arithmetic(textOf(k[0], st.src), constant(0), c(k[1]));
      return fallback(node, st);
    }
    case 'Comparison':
      return comparison(node, st, locals);
    case 'Disjunction':
    case 'Conjunction': {
      const k = children(node);
      return logical(node.name === 'Disjunction', c(k[0]), c(k[2]));
    }
    case 'IfExpression': {
      const k = children(node);
      const cond = c(k[1]);
      const then = c(k[3]);
      const otherwise = k[5] ? c(k[5]) : constant(null);
      // feelin's truthiness: anything but false and null takes the then-branch.
      return (s, l) => {
        const v = cond(s, l);
        return v !== false && v !== null ? then(s, l) : otherwise(s, l);
      };
    }
    case 'FunctionInvocation':
      return invocation(node, st, locals);
    case 'PathExpression':
      return path(node, st, locals);
    case 'Context':
      return context(node, st, locals);
    case 'List': {
      const fns = operands(node).map(c);
      return (s, l) => {
        const out = new Array(fns.length);
        for (let i = 0; i < fns.length; i++) out[i] = fns[i](s, l);
        return out;
      };
    }
    case 'DateTimeLiteral':
    case 'AtLiteral': {
      // date("2025-01-01") and @"2025-01-01" without variables: evaluate once.
      const t = text();
      if (parseFeel(t).references.length === 0) {
        try {
          return constant(interpretValue(t, {}));
        } catch {
          return fallback(node, st);
        }
      }
      return fallback(node, st);
    }
    default:
      return fallback(node, st);
  }
}

function variable(name: string, st: State, locals: ReadonlySet<string>): CompiledFn {
  if (locals.has(name)) return (_s, l) => (l as Record<string, unknown>)[name];
  const slot = st.env.slots.get(name);
  if (slot !== undefined) return (s) => s[slot];
  // Not a rule name: a function value, as feelin resolves it (our overrides first).
  return constant(OVERRIDE_CONTEXT[name] ?? lookupBuiltin(name) ?? null);
}

function arithmetic(op: string, fa: CompiledFn, fb: CompiledFn): CompiledFn {
  const slow = slowArithmetic(op);
  switch (op) {
    case '+':
      return (s, l) => {
        const x = fa(s, l);
        const y = fb(s, l);
        if (typeof x === 'number' && typeof y === 'number') return x + y;
        if (typeof x === 'string' && typeof y === 'string') return x + y;
        return slow(x, y);
      };
    case '-':
      return (s, l) => {
        const x = fa(s, l);
        const y = fb(s, l);
        return typeof x === 'number' && typeof y === 'number' ? x - y : slow(x, y);
      };
    case '*':
      return (s, l) => {
        const x = fa(s, l);
        const y = fb(s, l);
        return typeof x === 'number' && typeof y === 'number' ? x * y : slow(x, y);
      };
    case '/':
      return (s, l) => {
        const x = fa(s, l);
        const y = fb(s, l);
        if (typeof x === 'number' && typeof y === 'number') return !y ? null : x / y;
        return slow(x, y);
      };
    case '**':
    case '^':
      return (s, l) => {
        const x = fa(s, l);
        const y = fb(s, l);
        return typeof x === 'number' && typeof y === 'number' ? x ** y : slow(x, y);
      };
    default:
      return (s, l) => slow(fa(s, l), fb(s, l));
  }
}

function ordered(op: string, fa: CompiledFn, fb: CompiledFn): CompiledFn {
  const cmp = comparator(op);
  const rest = orderedRest(op);
  return (s, l) => {
    const x = fa(s, l);
    const y = fb(s, l);
    return typeof x === 'number' && typeof y === 'number' ? cmp(x, y) : rest(x, y);
  };
}

function equality(negate: boolean, fa: CompiledFn, fb: CompiledFn): CompiledFn {
  const rest = equalityRest(negate);
  return (s, l) => {
    const x = fa(s, l);
    const y = fb(s, l);
    if (x === null || y === null) return (x === y) !== negate;
    const t = typeof x;
    if (t === typeof y && (t === 'number' || t === 'string' || t === 'boolean')) return (x === y) !== negate;
    return rest(x, y);
  };
}

function comparison(node: SyntaxNode, st: State, locals: ReadonlySet<string>): CompiledFn {
  const c = (n: SyntaxNode) => compileNode(n, st, locals);
  const k = children(node);
  const kind = k[1]?.name;
  if (kind === 'CompareOp') {
    const op = textOf(k[1], st.src);
    if (op === '=' || op === '!=') return equality(op === '!=', c(k[0]), c(k[2]));
    return ordered(op, c(k[0]), c(k[2]));
  }
  const whole = fallback(node, st);
  st.fallbacks--; // only used on the slow path below
  if (kind === 'between' && k.length === 5) {
    const fx = c(k[0]);
    const flo = c(k[2]);
    const fhi = c(k[4]);
    // feelin evaluates the bounds first and returns null on a null bound without evaluating x.
    return (s, l) => {
      const a = flo(s, l);
      const b = fhi(s, l);
      if (a === null || b === null) return null;
      const x = fx(s, l);
      if (typeof x !== 'number' || typeof a !== 'number' || typeof b !== 'number') return whole(s, l);
      return a <= b ? a <= x && x <= b : b <= x && x <= a;
    };
  }
  // x in [lo..hi]: the one membership test rules commonly use; other forms go to feelin.
  const interval = kind === 'in' ? intervalOf(k[2]) : null;
  if (interval) {
    const [open, loNode, hiNode, close] = interval;
    const fx = c(k[0]);
    const flo = c(loNode);
    const fhi = c(hiNode);
    const startBracket = textOf(open, st.src) === '[';
    const endBracket = textOf(close, st.src) === ']';
    return (s, l) => {
      const x = fx(s, l);
      const a = flo(s, l);
      const b = fhi(s, l);
      if (typeof x !== 'number' || typeof a !== 'number' || typeof b !== 'number') return whole(s, l);
      // feelin normalises a descending interval by swapping the bounds with their brackets.
      const [lo, hi, loIn, hiIn] =
        a <= b ? [a, b, startBracket, endBracket] : [b, a, endBracket, startBracket];
      return (loIn ? x >= lo : x > lo) && (hiIn ? x <= hi : x < hi);
    };
  }
  st.fallbacks++;
  return whole;
}

/** [open, lo, hi, close] of `PositiveUnaryTest > SimplePositiveUnaryTest > Interval`, else null. */
export function intervalOf(test: SyntaxNode | undefined): SyntaxNode[] | null {
  if (test?.name !== 'PositiveUnaryTest') return null;
  const simple = children(test);
  if (simple.length !== 1 || simple[0].name !== 'SimplePositiveUnaryTest') return null;
  const inner = children(simple[0]);
  if (inner.length !== 1 || inner[0].name !== 'Interval') return null;
  const parts = children(inner[0]);
  if (parts.length !== 5) return null;
  return [parts[0], parts[1], parts[3], parts[4]];
}

function logical(isOr: boolean, fa: CompiledFn, fb: CompiledFn): CompiledFn {
  // FEEL three-valued logic; like feelin, both sides are always evaluated.
  return (s, l) => {
    const a = fa(s, l);
    const b = fb(s, l);
    const x = typeof a === 'boolean' ? a : null;
    const y = typeof b === 'boolean' ? b : null;
    if (isOr) {
      if (x === true || y === true) return true;
      return x === false && y === false ? false : null;
    }
    if (x === false || y === false) return false;
    return x === true && y === true ? true : null;
  };
}

function invocation(node: SyntaxNode, st: State, locals: ReadonlySet<string>): CompiledFn {
  const k = children(node);
  const target = k[0];
  const params = k.find((n) => n.name === 'PositionalParameters' || n.name === 'NamedParameters');
  if (target?.name !== 'VariableName' || params?.name === 'NamedParameters') return fallback(node, st);
  const name = nameOf(target, st.src);
  if (locals.has(name) || st.env.slots.has(name)) return fallback(node, st);
  const args = params ? operands(params).map((n) => compileNode(n, st, locals)) : [];
  const argc = args.length;
  const evalArgs = (s: Slots, l: Locals) => {
    const out = new Array(argc);
    for (let i = 0; i < argc; i++) out[i] = args[i](s, l);
    return out;
  };

  const override = OVERRIDES[name];
  if (override) {
    // A plain function in a feelin context: too many arguments is a failed invocation (null).
    if (argc > override.params.length) return constant(null);
    const impl = override.impl;
    if (argc === 2) return (s, l) => impl(args[0](s, l), args[1](s, l));
    return (s, l) => impl(...evalArgs(s, l));
  }

  const generic = builtinInvoker(name);
  if (generic === null) return constant(null);
  if (generic === undefined) return fallback(node, st);

  // Fast paths for the numeric functions rules use most; other argument types take feelin's path.
  if ((name === 'min' || name === 'max') && argc > 0) {
    const pick = name === 'min' ? Math.min : Math.max;
    if (argc === 2) {
      const [fa, fb] = args;
      return (s, l) => {
        const a = fa(s, l);
        const b = fb(s, l);
        return typeof a === 'number' && typeof b === 'number' ? pick(a, b) : generic([a, b]);
      };
    }
    return (s, l) => {
      const values = evalArgs(s, l);
      for (let i = 0; i < argc; i++) if (typeof values[i] !== 'number') return generic(values);
      return pick(...(values as number[]));
    };
  }
  if (name === 'abs' && argc === 1) {
    return (s, l) => {
      const v = args[0](s, l);
      return typeof v === 'number' ? Math.abs(v) : generic([v]);
    };
  }
  if (name === 'not' && argc === 1) {
    return (s, l) => {
      const v = args[0](s, l);
      return typeof v === 'boolean' ? !v : null;
    };
  }
  return (s, l) => generic(evalArgs(s, l));
}

function path(node: SyntaxNode, st: State, locals: ReadonlySet<string>): CompiledFn {
  const k = children(node);
  const nameNode = k[k.length - 1];
  if (k.length !== 3 || nameNode.name !== 'PathName') return fallback(node, st);
  const target = compileNode(k[0], st, locals);
  const get = pathGetter(nameOf(nameNode, st.src), textOf(nameNode, st.src));
  return (s, l) => get(target(s, l));
}

function context(node: SyntaxNode, st: State, locals: ReadonlySet<string>): CompiledFn {
  const entries = children(node).filter((n) => n.name === 'ContextEntry');
  const keys: string[] = [];
  const fns: CompiledFn[] = [];
  const scope = new Set(locals);
  for (const entry of entries) {
    const [keyNode, valueNode] = operands(entry);
    const keyPart = keyNode?.name === 'Key' ? children(keyNode)[0] : undefined;
    if (!keyPart || !valueNode) return fallback(node, st);
    const keyText = textOf(keyPart, st.src);
    let key: string;
    if (keyPart.name === 'Name') key = keyText.replace(/\s{2,}/g, ' ');
    else if (keyPart.name === 'StringLiteral' && !keyText.includes('\\')) key = plainString(keyText);
    else return fallback(node, st);
    // An entry sees the outer scope plus the keys before it.
    fns.push(compileNode(valueNode, st, new Set(scope)));
    keys.push(key);
    scope.add(key);
  }
  return (s, l) => {
    const merged: Record<string, unknown> = l ? { ...l } : {};
    const result: Record<string, unknown> = {};
    for (let i = 0; i < fns.length; i++) {
      const v = fns[i](s, merged);
      merged[keys[i]] = v;
      result[keys[i]] = v;
    }
    return result;
  };
}
