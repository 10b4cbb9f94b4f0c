import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import { parse as parseYaml } from 'yaml';
import schema from './plan-definition.schema.json' with { type: 'json' };
import { semanticErrors } from './semantics.ts';
import type { PlanDefinition, PlanValidationError } from './types.ts';

/**
 * Validation of a plan definition before it is installed: the JSON Schema (shape) and the semantic rules
 * (references, FEEL, nesting). Every error is listed, each with a JSON Pointer and a Dutch reason for the
 * functional administrator. Only a fully valid definition comes back as a plan, so an invalid one can never
 * be half installed.
 */

export type PlanValidation =
  | { valid: true; plan: PlanDefinition }
  | { valid: false; errors: PlanValidationError[] };

export { schema as planDefinitionSchema };

// strictRequired is off: variants list `required` for properties their shared base (itemBase) defines.
const ajv = new Ajv2020({ allErrors: true, discriminator: true, strict: true, strictRequired: false });
const validateShape = ajv.compile(schema);

const TYPE_NAMES: Record<string, string> = {
  string: 'tekst',
  integer: 'geheel getal',
  number: 'getal',
  boolean: 'true of false',
  array: 'lijst',
  object: 'object',
};

function shapeError(e: ErrorObject): PlanValidationError | null {
  const p = e.params as Record<string, unknown>;
  const at = e.instancePath;
  switch (e.keyword) {
    case 'required':
      return {
        path: `${at}/${p.missingProperty}`,
        reason: `verplicht veld "${p.missingProperty}" ontbreekt`,
      };
    case 'additionalProperties':
      return { path: `${at}/${p.additionalProperty}`, reason: `onbekend veld "${p.additionalProperty}"` };
    case 'unevaluatedProperties':
      return { path: `${at}/${p.unevaluatedProperty}`, reason: `onbekend veld "${p.unevaluatedProperty}"` };
    case 'type':
      return { path: at, reason: `moet een ${TYPE_NAMES[String(p.type)] ?? p.type} zijn` };
    case 'enum':
      return {
        path: at,
        reason: `moet een van deze waarden zijn: ${(p.allowedValues as unknown[]).join(', ')}`,
      };
    case 'const':
      return { path: at, reason: `moet "${p.allowedValue}" zijn` };
    case 'pattern':
      return {
        path: at,
        reason:
          p.pattern === '^[a-z][a-z0-9-]*$'
            ? 'alleen kleine letters, cijfers en "-", beginnend met een letter'
            : `heeft niet de juiste vorm (${p.pattern})`,
      };
    case 'minimum':
      return { path: at, reason: `moet minstens ${p.limit} zijn` };
    case 'minLength':
    case 'minItems':
    case 'minProperties':
      return { path: at, reason: 'mag niet leeg zijn' };
    case 'maxLength':
      return { path: at, reason: `mag hoogstens ${p.limit} tekens lang zijn` };
    case 'uniqueItems':
      return { path: at, reason: 'bevat een waarde twee keer' };
    case 'discriminator':
      return {
        path: `${at}/${p.tag}`,
        reason:
          p.error === 'mapping' ? `onbekende soort "${p.tagValue}"` : `verplicht veld "${p.tag}" ontbreekt`,
      };
    case 'oneOf':
      return {
        path: at,
        reason: at.endsWith('/repeat')
          ? 'moet true, false of { if: <voorwaarde> } zijn'
          : 'moet precies één van { days: <aantal> } of { workingDays: <aantal> } zijn',
      };
    case 'if':
      return null; // the failing `then` is reported on its own
    default:
      return { path: at, reason: e.message ?? e.keyword };
  }
}

export function validatePlanDefinition(doc: unknown): PlanValidation {
  const errors: PlanValidationError[] = [];
  if (!validateShape(doc)) {
    const seen = new Set<string>();
    for (const e of validateShape.errors ?? []) {
      // In the duration and repeat alternatives every branch reports why it failed; their oneOf says it better.
      if (/(duration|repeat)\/oneOf\/\d+\//.test(e.schemaPath)) continue;
      const error = shapeError(e);
      const key = error && `${error.path} ${error.reason}`;
      if (error && key && !seen.has(key)) {
        seen.add(key);
        errors.push(error);
      }
    }
  }
  errors.push(...semanticErrors(doc));
  if (errors.length > 0) return { valid: false, errors };
  // A published plan is immutable: the runtime caches its index per object.
  return { valid: true, plan: deepFreeze(structuredClone(doc) as PlanDefinition) };
}

/** Parse YAML (or JSON, which is YAML) and validate it. A YAML syntax error is reported as an error too. */
export function parsePlanDefinition(text: string): PlanValidation {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (err) {
    return { valid: false, errors: [{ path: '', reason: `geen geldige YAML: ${(err as Error).message}` }] };
  }
  return validatePlanDefinition(doc);
}

export class InvalidPlanDefinition extends Error {
  constructor(readonly errors: PlanValidationError[]) {
    super(`invalid plan definition: ${errors.map((e) => `${e.path || '/'}: ${e.reason}`).join('; ')}`);
    this.name = 'InvalidPlanDefinition';
  }
}

/** The plan, or an exception listing every error. */
export function requireValidPlan(doc: unknown): PlanDefinition {
  const result = typeof doc === 'string' ? parsePlanDefinition(doc) : validatePlanDefinition(doc);
  if (!result.valid) throw new InvalidPlanDefinition(result.errors);
  return result.plan;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
