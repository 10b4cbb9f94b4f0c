/**
 * Validation of rule definitions: the JSON Schema (structure) and checks the schema cannot express
 * (names, FEEL syntax and references, outputs, templates, validity of versions). Every issue is
 * reported with its path, so an author fixes a definition in one pass.
 */
import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { isKnownFunction } from './feel/builtins.ts';
import { parseFeel } from './feel/parse.ts';
import { placeholdersOf } from './template.ts';
import type { RuleDefinition, TemplateBlock, ValidationIssue } from './types.ts';
import { typeProblem } from './values.ts';

export const ruleDefinitionSchema: object = JSON.parse(
  readFileSync(new URL('./rule-definition.schema.json', import.meta.url), 'utf8'),
);

// ajv-formats is CommonJS; depending on the loader its function is the module or its default export.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv,
) => Ajv;
// strictRequired is off: the legal-basis if/then/else requires properties declared one level up.
const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
addFormats(ajv);
const schemaValidator = ajv.compile(ruleDefinitionSchema);

/** FEEL keywords and names that would be ambiguous or unsafe as rule names. */
const RESERVED = new Set([
  'and',
  'or',
  'not',
  'if',
  'then',
  'else',
  'for',
  'in',
  'return',
  'some',
  'every',
  'satisfies',
  'between',
  'instance',
  'of',
  'null',
  'true',
  'false',
  'function',
  'external',
  'date',
  'time',
  'duration',
  'item',
  'partial',
  'constructor',
  'prototype',
  '__proto__',
  'toString',
  'valueOf',
  'hasOwnProperty',
]);

/** Functions whose value depends on the clock: a rule must use the case's reference date instead. */
const CLOCK_FUNCTIONS = new Set(['today', 'now']);

function schemaPath(e: ErrorObject): string {
  const parts = e.instancePath.split('/').slice(1);
  let path = '';
  for (const p of parts) path += /^\d+$/.test(p) ? `[${p}]` : path ? `.${p}` : p;
  return path || '(root)';
}

function schemaMessage(e: ErrorObject): string {
  const params = e.params as Record<string, unknown>;
  if (e.keyword === 'additionalProperties') return `unknown property "${params.additionalProperty}"`;
  if (e.keyword === 'enum') return `${e.message}: ${(params.allowedValues as unknown[]).join(', ')}`;
  return e.message ?? e.keyword;
}

/** Returns every issue; an empty list means the definition is valid. */
export function validateRuleDefinition(definition: unknown, file?: string): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const add = (path: string, message: string) => issues.push({ ...(file ? { file } : {}), path, message });

  if (!schemaValidator(definition)) {
    const seen = new Set<string>();
    for (const e of schemaValidator.errors ?? []) {
      // if/then/else reports a summary error next to the concrete one; keep the concrete one.
      if (e.keyword === 'if') continue;
      const key = `${schemaPath(e)}|${schemaMessage(e)}`;
      if (!seen.has(key)) {
        seen.add(key);
        add(schemaPath(e), schemaMessage(e));
      }
    }
  }
  if (typeof definition !== 'object' || definition === null) return issues;
  semanticChecks(definition as Partial<RuleDefinition>, add);
  return issues;
}

type Add = (path: string, message: string) => void;

function arrayOf<T>(value: T[] | undefined): T[] {
  return Array.isArray(value) ? value : [];
}

function semanticChecks(def: Partial<RuleDefinition>, add: Add): void {
  const inputs = arrayOf(def.inputs);
  const parameters = arrayOf(def.parameters);
  const steps = arrayOf(def.steps);
  const outputs = arrayOf(def.outputs);

  if (def.validFrom && def.validUntil && def.validUntil < def.validFrom) {
    add('validUntil', `ends (${def.validUntil}) before it starts (${def.validFrom})`);
  }

  // One namespace for inputs, parameters and steps: FEEL sees them all as variables.
  const firstPath = new Map<string, string>();
  const kinds = new Map<string, 'input' | 'parameter' | 'step'>();
  const checkName = (name: unknown, path: string, kind: 'input' | 'parameter' | 'step') => {
    if (typeof name !== 'string') return;
    if (RESERVED.has(name)) add(path, `"${name}" is a reserved word`);
    else if (isKnownFunction(name)) add(path, `"${name}" is the name of a FEEL function`);
    const previous = firstPath.get(name);
    if (previous) add(path, `duplicate name "${name}" (also ${previous})`);
    else {
      firstPath.set(name, path);
      kinds.set(name, kind);
    }
  };
  for (const [n, i] of inputs.entries()) checkName(i?.name, `inputs[${n}].name`, 'input');
  for (const [n, p] of parameters.entries()) checkName(p?.name, `parameters[${n}].name`, 'parameter');
  for (const [n, s] of steps.entries()) checkName(s?.name, `steps[${n}].name`, 'step');

  parameters.forEach((p, n) => {
    if (!p?.type || p.value === undefined) return;
    const wrong = typeProblem(p.type, p.value);
    if (wrong) add(`parameters[${n}].value`, `must be ${wrong}`);
  });
  inputs.forEach((i, n) => {
    if (i?.values && i.type !== 'string') add(`inputs[${n}].values`, 'only string inputs can list values');
  });

  const stepIndex = new Map(steps.map((s, n) => [s?.name, n]));
  const checkFeel = (expression: unknown, path: string, allowed: (ref: string) => string | null) => {
    if (typeof expression !== 'string' || expression.trim() === '') return;
    let parsed: ReturnType<typeof parseFeel>;
    try {
      parsed = parseFeel(expression);
    } catch (err) {
      add(path, `cannot parse FEEL: ${(err as Error).message}`);
      return;
    }
    for (const e of parsed.syntaxErrors) add(path, e.message);
    for (const ref of parsed.references) {
      const problem = allowed(ref);
      if (problem) add(path, problem);
    }
    for (const fn of parsed.functions) {
      if (CLOCK_FUNCTIONS.has(fn))
        add(path, `uses ${fn}(): a rule must use the case's reference date, not the clock`);
      else if (!isKnownFunction(fn)) add(path, `unknown function "${fn}"`);
    }
  };

  steps.forEach((step, n) => {
    checkFeel(step?.expression, `steps[${n}].expression`, (ref) => {
      const kind = kinds.get(ref);
      if (!kind) return `unknown name "${ref}"`;
      if (kind !== 'step') return null;
      const at = stepIndex.get(ref) ?? -1;
      if (at === n) return `step "${ref}" refers to itself`;
      if (at > n) return `refers to step "${ref}", which comes later (steps run in order)`;
      return null;
    });
  });
  inputs.forEach((input, n) => {
    checkFeel(input?.requiredWhen, `inputs[${n}].requiredWhen`, (ref) => {
      const kind = kinds.get(ref);
      if (!kind) return `unknown name "${ref}"`;
      if (ref === input.name) return `input "${ref}" cannot depend on itself`;
      return kind === 'step' ? `may only use inputs and parameters, not step "${ref}"` : null;
    });
  });

  const outputNames = new Set<string>();
  outputs.forEach((o, n) => {
    if (!o?.name) return;
    if (outputNames.has(o.name)) add(`outputs[${n}].name`, `duplicate output "${o.name}"`);
    outputNames.add(o.name);
    const at = stepIndex.get(o.name);
    if (at === undefined) add(`outputs[${n}].name`, `output "${o.name}" is not a step`);
    else if (steps[at]?.type && o.type && steps[at].type !== o.type) {
      add(`outputs[${n}].type`, `is ${o.type} but step "${o.name}" declares ${steps[at].type}`);
    }
  });

  const checkBlocks = (blocks: TemplateBlock[] | undefined, path: string) => {
    arrayOf(blocks).forEach((block, n) => {
      checkFeel(block?.when, `${path}[${n}].when`, (ref) =>
        kinds.has(ref) ? null : `unknown name "${ref}"`,
      );
      if (typeof block?.text !== 'string') return;
      const { placeholders, problems } = placeholdersOf(block.text);
      for (const p of problems) add(`${path}[${n}].text`, p);
      for (const p of placeholders) {
        if (!kinds.has(p.name)) add(`${path}[${n}].text`, `placeholder refers to unknown name "${p.name}"`);
      }
    });
  };
  checkBlocks(def.explanation?.citizen, 'explanation.citizen');
  checkBlocks(def.explanation?.professional, 'explanation.professional');
}

/**
 * Checks the versions of one rule together: same id, distinct start dates, no overlap. A version
 * without validUntil runs until the next one starts.
 */
export function validateRuleVersions(
  versions: { definition: RuleDefinition; file?: string }[],
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const sorted = [...versions].sort((a, b) => (a.definition.validFrom < b.definition.validFrom ? -1 : 1));
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1];
    const cur = sorted[i];
    const where = { ...(cur.file ? { file: cur.file } : {}), path: 'validFrom' };
    if (prev.definition.validFrom === cur.definition.validFrom) {
      issues.push({
        ...where,
        message: `another version of "${cur.definition.id}" also starts on ${cur.definition.validFrom}`,
      });
    } else if (prev.definition.validUntil && prev.definition.validUntil >= cur.definition.validFrom) {
      issues.push({
        ...where,
        message: `overlaps the version from ${prev.definition.validFrom}, which runs until ${prev.definition.validUntil}`,
      });
    }
  }
  return issues;
}
