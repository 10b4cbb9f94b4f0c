/**
 * Turning a validated definition into a runnable rule version, and running it.
 *
 * A version is compiled once: every name (input, parameter, step) gets a slot in an array, every step
 * a function over that array (feel/compile.ts). Evaluation copies a template with the parameters
 * filled in, places the checked inputs, runs the steps in order and, when asked, records a trace.
 */
import { createHash } from 'node:crypto';
import { FeelDate } from 'feelin';
import { RuleDefinitionError, RuleEvaluationError } from './errors.ts';
import { type CompiledFn, type CompileEnv, compileExpression, type Slots } from './feel/compile.ts';
import { interpretFeel } from './feel/interpret.ts';
import { parseFeel } from './feel/parse.ts';
import { placeInputs } from './inputs.ts';
import type {
  EvaluationOptions,
  EvaluationResult,
  InputDefinition,
  OutputDefinition,
  PlainValue,
  RuleDefinition,
  RuleInputs,
  RuleVersion,
  StepDefinition,
  StepExecution,
  TraceParameter,
  TraceStep,
  ValueType,
} from './types.ts';
import { validateRuleDefinition } from './validate.ts';
import { hasAtMostCents, toFeelValue, toPlainValue, typeProblem } from './values.ts';

export interface PreparedInput {
  def: InputDefinition;
  /** Position in Program.inputs. */
  index: number;
  slot: number;
  requiredWhen: CompiledFn | null;
}

interface PreparedStep {
  def: StepDefinition;
  slot: number;
  /** The type the value must have (output type, else declared step type), or undefined. */
  checkType: ValueType | undefined;
  fn: CompiledFn;
  output: OutputDefinition | undefined;
  parameters: readonly TraceParameter[];
  inputs: readonly string[];
  steps: readonly string[];
}

/** The runnable form of a version; kept out of the public type. */
export interface Program {
  version: RuleVersion;
  env: CompileEnv;
  template: Slots;
  inputs: PreparedInput[];
  inputByName: Map<string, PreparedInput>;
  /** Per input, the evaluation generation in which it was provided (see placeInputs). */
  seen: Int32Array;
  generation: number;
  steps: PreparedStep[];
  outputs: { def: OutputDefinition; slot: number }[];
}

const programs = new WeakMap<RuleVersion, Program>();

export function programOf(version: RuleVersion): Program {
  const program = programs.get(version);
  if (!program) throw new TypeError(`${version.id} was not prepared by this engine (use the registry)`);
  return program;
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** Validates and compiles a definition. Throws RuleDefinitionError listing every issue. */
export function prepareRuleVersion(definition: RuleDefinition, file?: string): RuleVersion {
  const issues = validateRuleDefinition(definition, file);
  if (issues.length > 0) throw new RuleDefinitionError(issues);
  const def = deepFreeze(structuredClone(definition));

  const names = [
    ...def.inputs.map((i) => i.name),
    ...def.parameters.map((p) => p.name),
    ...def.steps.map((s) => s.name),
  ];
  const slots = new Map(names.map((n, i) => [n, i]));
  const env: CompileEnv = { slots, names };
  const template: Slots = new Array(names.length);
  const paramByName = new Map(def.parameters.map((p) => [p.name, p]));
  for (const p of def.parameters) template[slots.get(p.name)!] = toFeelValue(p.type, p.value);

  const inputNames = new Set(def.inputs.map((i) => i.name));
  const stepNames = new Set(def.steps.map((s) => s.name));
  const outputByName = new Map(def.outputs.map((o) => [o.name, o]));
  const execution: Record<string, StepExecution> = {};

  const steps: PreparedStep[] = def.steps.map((step) => {
    const compiled = compileExpression(step.expression, env);
    execution[step.name] = compiled.execution;
    const refs = parseFeel(step.expression).references;
    return {
      def: step,
      slot: slots.get(step.name)!,
      checkType: outputByName.get(step.name)?.type ?? step.type,
      fn: compiled.fn,
      output: outputByName.get(step.name),
      parameters: Object.freeze(
        refs
          .filter((r) => paramByName.has(r))
          .map((r) => {
            const p = paramByName.get(r)!;
            return Object.freeze({ name: p.name, value: p.value, unit: p.unit, legalBasis: p.legalBasis });
          }),
      ),
      inputs: Object.freeze(refs.filter((r) => inputNames.has(r))),
      steps: Object.freeze(refs.filter((r) => stepNames.has(r))),
    };
  });

  const version: RuleVersion = Object.freeze({
    id: `${def.id}@${def.validFrom}`,
    ruleId: def.id,
    validFrom: def.validFrom,
    validUntil: def.validUntil ?? null,
    contentHash: createHash('sha256').update(canonicalJson(def)).digest('hex'),
    definition: def,
    execution: Object.freeze(execution),
  });
  const inputs = def.inputs.map((i, index) => ({
    def: i,
    index,
    slot: slots.get(i.name)!,
    requiredWhen: i.requiredWhen ? compileExpression(i.requiredWhen, env).fn : null,
  }));
  programs.set(version, {
    version,
    env,
    template,
    inputs,
    inputByName: new Map(inputs.map((i) => [i.def.name, i])),
    seen: new Int32Array(inputs.length),
    generation: 0,
    steps,
    outputs: def.outputs.map((o) => ({ def: o, slot: slots.get(o.name)! })),
  });
  return version;
}

/** Whether a step value has its declared type; the common, valid case must be cheap. */
function hasType(type: ValueType, value: unknown): boolean {
  switch (type) {
    case 'boolean':
      return typeof value === 'boolean';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'money':
      return typeof value === 'number' && Number.isFinite(value) && hasAtMostCents(value);
    case 'string':
      return typeof value === 'string';
    case 'date':
      return value instanceof FeelDate;
  }
}

/** Throws a precise error for a value that failed `hasType` (or is an allowed null). */
function checkValue(program: Program, step: PreparedStep, value: unknown, slots: Slots): void {
  const type = step.checkType;
  if (!type) return;
  if (value === null || value === undefined) {
    if (step.output?.nullable) return;
    throw new RuleEvaluationError(
      program.version.id,
      step.def.name,
      `produced no value (null)${warningsFor(program, step, slots)}`,
    );
  }
  const plain = value instanceof FeelDate ? value.iso : value;
  const wrong = typeProblem(type, plain);
  if (wrong) {
    throw new RuleEvaluationError(
      program.version.id,
      step.def.name,
      `must be ${wrong}, got ${JSON.stringify(toPlainValue(value))}` +
        (type === 'money' ? ' — round as the statute says' : ''),
    );
  }
}

/** Re-runs a failing step in the interpreter to report feelin's warnings (error path only). */
function warningsFor(program: Program, step: PreparedStep, slots: Slots): string {
  try {
    const { warnings } = interpretFeel(step.def.expression, contextOf(program, slots));
    return warnings.length > 0 ? `: ${warnings.join('; ')}` : '';
  } catch {
    return '';
  }
}

function contextOf(program: Program, slots: Slots): Record<string, unknown> {
  const ctx: Record<string, unknown> = {};
  program.env.names.forEach((name, i) => {
    if (slots[i] !== undefined) ctx[name] = slots[i];
  });
  return ctx;
}

/**
 * Evaluates a rule version. Inputs are checked first (all problems in one RuleInputError); then every
 * step runs in order. With `trace`, the result explains each step with its value, parameters and
 * legal basis.
 */
export function evaluate(
  version: RuleVersion,
  inputs: RuleInputs,
  options: EvaluationOptions = {},
): EvaluationResult {
  const program = programOf(version);
  const slots = program.template.slice();
  const sourceDeviations = placeInputs(program, inputs, slots);
  const interpreted = options.engine === 'interpreted';
  const steps = program.steps;
  const trace: TraceStep[] | undefined = options.trace ? [] : undefined;

  let i = 0;
  try {
    for (; i < steps.length; i++) {
      const step = steps[i];
      const value = interpreted
        ? interpretFeel(step.def.expression, contextOf(program, slots)).value
        : step.fn(slots, undefined);
      const type = step.checkType;
      if (type !== undefined && !hasType(type, value)) checkValue(program, step, value, slots);
      slots[step.slot] = value;
      if (trace) {
        trace.push({
          step: step.def.name,
          description: step.def.description,
          expression: step.def.expression,
          value: toPlainValue(value),
          legalBasis: step.def.legalBasis,
          parameters: step.parameters,
          inputs: step.inputs,
          steps: step.steps,
          isOutput: step.output !== undefined,
        });
      }
    }
  } catch (err) {
    // One try around the loop (not per step); the index says which step failed.
    if (err instanceof RuleEvaluationError) throw err;
    throw new RuleEvaluationError(version.id, steps[i].def.name, (err as Error).message, { cause: err });
  }

  const outputs: Record<string, PlainValue> = {};
  for (const o of program.outputs) outputs[o.def.name] = toPlainValue(slots[o.slot]);
  return {
    ruleVersionId: version.id,
    ruleId: version.ruleId,
    validFrom: version.validFrom,
    contentHash: version.contentHash,
    outputs,
    // The provided facts, not a copy: evaluation never changes them, and a copy costs on every call.
    inputs,
    sourceDeviations,
    trace,
    engine: interpreted ? 'interpreted' : 'compiled',
  };
}

/**
 * The slot values after an evaluation, rebuilt from its (storable) result: inputs from the provided
 * facts, parameters from the definition, steps from the trace. Steps declared as dates become FEEL dates
 * again. Used to render explanations, also for results read back from storage.
 */
export function slotsFromResult(version: RuleVersion, result: EvaluationResult): Slots {
  const program = programOf(version);
  if (!result.trace) throw new TypeError('explanations need a result evaluated with { trace: true }');
  const slots = program.template.slice();
  for (const input of program.inputs) {
    const provided = result.inputs[input.def.name];
    slots[input.slot] = provided?.value == null ? null : toFeelValue(input.def.type, provided.value);
  }
  const stepByName = new Map(program.steps.map((s) => [s.def.name, s]));
  for (const t of result.trace) {
    const step = stepByName.get(t.step);
    if (!step) continue;
    const type = step.output?.type ?? step.def.type;
    slots[step.slot] =
      type === 'date' && typeof t.value === 'string' ? toFeelValue('date', t.value) : t.value;
  }
  return slots;
}
