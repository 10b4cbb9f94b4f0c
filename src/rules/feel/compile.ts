/**
 * FEEL → JavaScript.
 *
 * feelin parses an expression on every `evaluate()` call and then interprets it, which costs hundreds
 * of microseconds to milliseconds. We parse once (feelin's own lezer parser) and translate the tree:
 * into a generated JavaScript function where we can (codegen.ts), into closures otherwise
 * (closures.ts), and hand sub-expressions neither translates to feelin. The equivalence tests check
 * every path against plain feelin.
 */
import type { StepExecution } from '../types.ts';
import { compileNode, fallbackFns, NO_LOCALS, type State } from './closures.ts';
import { generateFunction } from './codegen.ts';
import { parseFeel } from './parse.ts';

export type Slots = unknown[];
export type Locals = Record<string, unknown> | undefined;
export type CompiledFn = (s: Slots, l: Locals) => unknown;

export interface CompileEnv {
  /** Slot index of each global name (input, parameter, step). */
  readonly slots: ReadonlyMap<string, number>;
  /** Name of each slot, to build a context when part of an expression goes to the interpreter. */
  readonly names: readonly string[];
}

export interface CompiledExpression {
  fn: CompiledFn;
  execution: StepExecution;
}

export interface CompileOptions {
  /** Generate a JavaScript function (default); false: closures only. */
  codegen?: boolean;
}

export function compileExpression(
  expression: string,
  env: CompileEnv,
  options: CompileOptions = {},
): CompiledExpression {
  const parsed = parseFeel(expression);
  if (parsed.syntaxErrors.length > 0) throw new Error(parsed.syntaxErrors[0].message);
  const root = parsed.tree.topNode;
  const st: State = { src: expression, env, fallbacks: 0 };
  let fn: CompiledFn | null = null;
  if (options.codegen !== false) fn = generateFunction(root, st);
  if (!fn) {
    st.fallbacks = 0;
    fn = compileNode(root, st, NO_LOCALS);
  }
  const execution: StepExecution = fallbackFns.has(fn)
    ? 'interpreted'
    : st.fallbacks > 0
      ? 'partial'
      : 'compiled';
  return { fn, execution };
}
