import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/**
 * Compares an OpenAPI document Loket serves with the published ZGW spec: operations (method, path,
 * operationId) and the property names of response schemas, following $ref and allOf. Used by the
 * OpenAPI tests of every ZGW API.
 */
export type Schema = {
  properties?: Record<string, Schema & { readOnly?: boolean }>;
  allOf?: Schema[];
  $ref?: string;
  items?: Schema;
};

type Operation = {
  operationId?: string;
  responses?: Record<string, { content?: Record<string, { schema: Schema }> }>;
};

export type OpenApiDoc = {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
};

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** The published spec of a ZGW API, e.g. `catalogi-1.3.1`. */
export function publishedSpec(sharedDir: string, name: string): OpenApiDoc {
  return parse(readFileSync(join(sharedDir, 'specs', 'zgw', 'oas', `${name}.yaml`), 'utf8')) as OpenApiDoc;
}

/** `METHOD path operationId` for every operation, the served document's prefix removed. */
export function operations(doc: OpenApiDoc, prefix = ''): string[] {
  return Object.entries(doc.paths)
    .filter(([path]) => !path.includes('/schema/openapi'))
    .flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([method]) => METHODS.includes(method))
        .map(([method, op]) => `${method.toUpperCase()} ${path.replace(prefix, '')} ${op.operationId}`),
    )
    .sort();
}

/** Property names of a schema, following $ref and allOf. */
export function propertyNames(doc: OpenApiDoc, schema: Schema, readOnly = true): string[] {
  if (schema.$ref) {
    const target = doc.components?.schemas?.[schema.$ref.split('/').pop() ?? ''];
    if (!target) throw new Error(`unresolved $ref ${schema.$ref}`);
    return propertyNames(doc, target, readOnly);
  }
  const own = Object.entries(schema.properties ?? {})
    .filter(([, p]) => readOnly || !p.readOnly)
    .map(([name]) => name);
  const inherited = (schema.allOf ?? []).flatMap((s) => propertyNames(doc, s, readOnly));
  return [...new Set([...own, ...inherited])].sort();
}

/** The JSON schema of an operation's 200 answer, or null. */
export function responseSchema(doc: OpenApiDoc, pathSuffix: string, method = 'get'): Schema | null {
  const path = Object.keys(doc.paths).find((p) => p.endsWith(pathSuffix));
  const op = path ? doc.paths[path]?.[method] : undefined;
  const content = op?.responses?.['200']?.content ?? op?.responses?.['201']?.content;
  return content ? (Object.values(content)[0]?.schema ?? null) : null;
}
