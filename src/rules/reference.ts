/**
 * The rule evaluated by plain feelin, as one FEEL expression: the steps become the entries of a FEEL
 * context, in order, so later entries see earlier ones exactly as later steps see earlier steps. This
 * is the reference the compiled engine must equal, and the benchmark's baseline.
 */
import { evaluate as feelEvaluate } from 'feelin';
import { programOf } from './engine.ts';
import { OVERRIDE_CONTEXT } from './feel/builtins.ts';
import type { PlainValue, RuleInputs, RuleVersion } from './types.ts';
import { toFeelValue, toPlainValue } from './values.ts';

/** `{ step1: expr1, step2: expr2, … }` — the whole rule as a single FEEL expression. */
export function ruleAsFeelExpression(version: RuleVersion): string {
  const entries = version.definition.steps.map(
    (s) => `${s.name}: ${s.expression.replace(/\s+/g, ' ').trim()}`,
  );
  return `{ ${entries.join(', ')} }`;
}

/** Parameters and inputs (missing ones as null) as a FEEL context. */
export function feelContextFor(version: RuleVersion, inputs: RuleInputs): Record<string, unknown> {
  const ctx: Record<string, unknown> = { ...OVERRIDE_CONTEXT };
  for (const p of version.definition.parameters) ctx[p.name] = toFeelValue(p.type, p.value);
  for (const i of version.definition.inputs) {
    const v = inputs[i.name]?.value;
    ctx[i.name] = v === undefined || v === null ? null : toFeelValue(i.type, v);
  }
  return ctx;
}

function plainSteps(version: RuleVersion, value: unknown): Record<string, PlainValue> {
  const out: Record<string, PlainValue> = {};
  const ctx = (value ?? {}) as Record<string, unknown>;
  for (const s of version.definition.steps) out[s.name] = toPlainValue(ctx[s.name]);
  return out;
}

/** One evaluation with feelin's `evaluate()`, which parses the expression on every call. */
export function evaluateWithFeelin(version: RuleVersion, inputs: RuleInputs, expression?: string) {
  const result = feelEvaluate(expression ?? ruleAsFeelExpression(version), feelContextFor(version, inputs));
  return plainSteps(version, result.value);
}

/**
 * Many evaluations in one feelin call (`for c in cases return {…}`): parsed once, interpreted per
 * case, so a reference run over thousands of cases takes seconds, not minutes.
 */
export function evaluateBatchWithFeelin(
  version: RuleVersion,
  inputsList: RuleInputs[],
): Record<string, PlainValue>[] {
  const def = version.definition;
  programOf(version); // only prepared versions
  const bind = def.inputs.map((i) => `${i.name}: c.${i.name}`);
  const steps = def.steps.map((s) => `${s.name}: ${s.expression.replace(/\s+/g, ' ').trim()}`);
  const expression = `for c in cases return { ${[...bind, ...steps].join(', ')} }`;
  const ctx: Record<string, unknown> = { ...OVERRIDE_CONTEXT };
  for (const p of def.parameters) ctx[p.name] = toFeelValue(p.type, p.value);
  ctx.cases = inputsList.map((inputs) => {
    const c: Record<string, unknown> = {};
    for (const i of def.inputs) {
      const v = inputs[i.name]?.value;
      c[i.name] = v === undefined || v === null ? null : toFeelValue(i.type, v);
    }
    return c;
  });
  const { value } = feelEvaluate(expression, ctx);
  return (value as unknown[]).map((v) => plainSteps(version, v));
}
