/**
 * Checking the facts handed to a rule: every input present (or legitimately absent), of its type, with
 * a source; never a silent default. Runs on every evaluation, so the valid case allocates nothing.
 */

import type { PreparedInput, Program } from './engine.ts';
import { type InputProblem, RuleInputError } from './errors.ts';
import type { Slots } from './feel/compile.ts';
import type { EvaluationResult, InputDefinition, RuleInputs, SourceRef } from './types.ts';
import { feelDateOf, hasAtMostCents, typeProblem } from './values.ts';

function describeSource(def: InputDefinition): string {
  const b = def.legalBasis;
  const basis = [b.law, b.article && `art. ${b.article}`, b.paragraph && `lid ${b.paragraph}`]
    .filter(Boolean)
    .join(' ');
  return `${def.type} from ${def.source.kind} "${def.source.name}" (${basis})`;
}

function isSourceRef(s: unknown): s is SourceRef {
  return (
    typeof s === 'object' &&
    s !== null &&
    typeof (s as SourceRef).kind === 'string' &&
    !!(s as SourceRef).name
  );
}

const INVALID = Symbol('invalid');

/** Checks one provided value and returns its FEEL value, or INVALID. Runs per input per evaluation. */
function convertInput(def: InputDefinition, value: unknown): unknown {
  switch (def.type) {
    case 'boolean':
      return typeof value === 'boolean' ? value : INVALID;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? value : INVALID;
    case 'money':
      return typeof value === 'number' && Number.isFinite(value) && hasAtMostCents(value) ? value : INVALID;
    case 'date': {
      const d = feelDateOf(value);
      return d === null ? INVALID : d;
    }
    default:
      return typeProblem(def.type, value, def.values) ? INVALID : value;
  }
}

/** Appends to a list created on first use: the error-free evaluation allocates nothing. */
function append<T>(list: T[] | undefined, item: T): T[] {
  if (!list) return [item];
  list.push(item);
  return list;
}

function inputProblem(def: InputDefinition, kind: InputProblem['kind'], message: string): InputProblem {
  return { input: def.name, kind, expectedType: def.type, expectedSource: def.source, message };
}

/**
 * Checks and places the provided facts. One pass over the provided keys (V8 makes `inputs[key]`
 * inside for-in cheap), a generation stamp to find the missing ones without allocating.
 */
export function placeInputs(
  program: Program,
  inputs: RuleInputs,
  slots: Slots,
): EvaluationResult['sourceDeviations'] {
  let problems: InputProblem[] | undefined;
  let deviations: EvaluationResult['sourceDeviations'] | undefined;
  if (program.generation === 0x7fffffff) {
    program.generation = 0;
    program.seen.fill(0);
  }
  const gen = ++program.generation;
  const seen = program.seen;
  for (const key in inputs) {
    const input = program.inputByName.get(key);
    if (input === undefined) {
      if (Object.hasOwn(inputs, key)) {
        problems = append(problems, {
          input: key,
          kind: 'unknown',
          message: `Input "${key}" is not an input of this rule`,
        });
      }
      continue;
    }
    const fact = inputs[key];
    if (fact === undefined || fact === null || fact.value === undefined || fact.value === null) continue;
    const def = input.def;
    seen[input.index] = gen;
    const converted = convertInput(def, fact.value);
    if (converted === INVALID) {
      const wrong = typeProblem(def.type, fact.value, def.values);
      problems = append(
        problems,
        inputProblem(
          def,
          'type',
          `Input "${key}" must be ${wrong}, got ${JSON.stringify(fact.value)}; expected ${describeSource(def)}`,
        ),
      );
      slots[input.slot] = null;
      continue;
    }
    const src = fact.source;
    const expected = def.source;
    if (src !== null && typeof src === 'object' && src.kind === expected.kind && src.name === expected.name) {
      slots[input.slot] = converted;
      continue;
    }
    if (!isSourceRef(src)) {
      problems = append(
        problems,
        inputProblem(
          def,
          'type',
          `Input "${key}" has no source; every fact needs its provenance (expected ${describeSource(def)})`,
        ),
      );
    } else {
      deviations = append(deviations, { input: key, expected, actual: src });
    }
    slots[input.slot] = converted;
  }
  let missing: PreparedInput[] | undefined;
  for (const input of program.inputs) {
    if (seen[input.index] !== gen) {
      slots[input.slot] = null;
      missing = append(missing, input);
    }
  }
  for (const input of missing ?? []) {
    // Optional inputs are only optional when their condition says so; an undecidable condition requires them.
    const needed = input.requiredWhen ? input.requiredWhen(slots, undefined) !== false : true;
    if (needed) {
      const def = input.def;
      problems = append(
        problems,
        inputProblem(
          def,
          'missing',
          `Input "${def.name}" is missing${def.requiredWhen ? ` (required when ${def.requiredWhen})` : ''}; expected ${describeSource(def)}`,
        ),
      );
    }
  }
  if (problems) throw new RuleInputError(program.version.id, problems);
  return deviations ?? [];
}
