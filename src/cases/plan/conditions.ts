import { evaluate, parseExpression } from 'feelin';
import { BAIL, type Compiled, type Context, compileFeel, referencedNames } from './feel-compiler.ts';

/**
 * FEEL conditions of case plans, behind one small interface. Each expression is parsed once (cache below);
 * the common subset runs as a compiled closure, the rest through feelin. A condition is true, false or
 * null ("cannot be decided yet", e.g. the data is not there); anything else is a failure the runtime turns
 * into "needs attention" instead of stopping the case.
 */

export interface ConditionCheck {
  ok: boolean;
  /** feelin's description of the syntax error. */
  error?: string;
  /** Character offset of the syntax error. */
  position?: number;
  /** Top-level context names the expression reads. */
  variables: string[];
}

export type ConditionOutcome = { ok: true; value: boolean | null } | { ok: false; error: string };

interface Parsed {
  check: ConditionCheck;
  compiled: Compiled | null;
}

/** Warnings that only say data is missing: normal while a case is filling up, so no failure. */
const MISSING_DATA = new Set(['NO_VARIABLE_FOUND', 'NO_CONTEXT_ENTRY_FOUND', 'NO_PROPERTY_FOUND']);
const CACHE_LIMIT = 10_000;
const cache = new Map<string, Parsed>();

function parse(expression: string): Parsed {
  let parsed = cache.get(expression);
  if (parsed) return parsed;
  // Parsed without a context: names with spaces or operators in them are not supported in plans.
  const tree = parseExpression(expression, {}, undefined);
  let position: number | undefined;
  tree.iterate({
    enter(node) {
      if (position === undefined && node.type.isError) position = node.from;
      return position === undefined;
    },
  });
  if (position !== undefined || !expression.trim()) {
    let error = 'empty expression';
    try {
      evaluate(expression, {});
    } catch (err) {
      error = (err as Error).message;
    }
    parsed = { check: { ok: false, error, position: position ?? 0, variables: [] }, compiled: null };
  } else {
    parsed = {
      check: { ok: true, variables: referencedNames(tree, expression) },
      compiled: compileFeel(tree, expression),
    };
  }
  // Plans hold a bounded set of expressions; the limit only protects against unbounded input.
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(expression, parsed);
  return parsed;
}

/** Syntax check and referenced names, for plan validation. */
export function checkCondition(expression: string): ConditionCheck {
  return parse(expression).check;
}

function classify(value: unknown): ConditionOutcome {
  if (value === null || typeof value === 'boolean') return { ok: true, value };
  const kind = Array.isArray(value) ? 'list' : typeof value;
  return { ok: false, error: `condition yields a ${kind}, not true or false` };
}

/** feelin itself, with its warnings classified. Also the reference the compiled subset is tested against. */
export function evaluateWithFeelin(expression: string, context: Context): ConditionOutcome {
  let result: ReturnType<typeof evaluate>;
  try {
    result = evaluate(expression, context);
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
  const problem = result.warnings.find((w) => !MISSING_DATA.has(w.type));
  if (problem) return { ok: false, error: problem.message };
  return classify(result.value);
}

export function evaluateCondition(expression: string, context: Context): ConditionOutcome {
  const parsed = parse(expression);
  if (!parsed.check.ok) return { ok: false, error: `syntax error: ${parsed.check.error}` };
  if (parsed.compiled) {
    try {
      return classify(parsed.compiled(context));
    } catch (err) {
      if (err !== BAIL) return { ok: false, error: (err as Error).message };
    }
  }
  return evaluateWithFeelin(expression, context);
}

/** Whether the fast path handles this expression (for tests and the benchmark report). */
export function isCompiled(expression: string): boolean {
  return parse(expression).compiled !== null;
}

export function conditionCacheSize(): number {
  return cache.size;
}

export function clearConditionCache(): void {
  cache.clear();
}
