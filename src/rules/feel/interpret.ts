/**
 * Plain feelin evaluation, with the engine's rounding functions in the context. Used for sub-expressions
 * the compiler does not translate, for the `interpreted` engine mode and as the reference the compiled
 * engine is tested against.
 */
import { evaluate } from 'feelin';
import { OVERRIDE_CONTEXT } from './builtins.ts';

export interface Interpreted {
  value: unknown;
  warnings: string[];
}

/** Evaluates FEEL with feelin (which parses on every call). */
export function interpretFeel(expression: string, context: Record<string, unknown>): Interpreted {
  const result = evaluate(expression, { ...OVERRIDE_CONTEXT, ...context });
  return { value: result.value, warnings: result.warnings.map((w) => w.message) };
}

/** Just the value; for the fallback path inside compiled code. */
export function interpretValue(expression: string, context: Record<string, unknown>): unknown {
  return evaluate(expression, { ...OVERRIDE_CONTEXT, ...context }).value;
}
