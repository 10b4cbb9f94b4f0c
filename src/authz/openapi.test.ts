import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parse } from 'yaml';
import { describeBackends, startTestLoket, type TestLoket, testConfig } from '../testing/backends.ts';

type Schema = {
  properties?: Record<string, Schema & { readOnly?: boolean }>;
  allOf?: Schema[];
  $ref?: string;
  items?: Schema;
};
type Doc = {
  paths: Record<
    string,
    Record<
      string,
      { operationId?: string; responses?: Record<string, { content?: Record<string, { schema: Schema }> }> }
    >
  >;
  components?: { schemas?: Record<string, Schema> };
};

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

function operations(doc: Doc, prefix = ''): string[] {
  return Object.entries(doc.paths)
    .filter(([path]) => !path.includes('/schema/openapi'))
    .flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([method]) => METHODS.includes(method))
        .map(([method, op]) => `${method.toUpperCase()} ${path.replace(prefix, '')} ${op.operationId}`),
    )
    .sort();
}

/** Property names of a schema, following $ref and allOf of the published spec. */
function propertyNames(doc: Doc, schema: Schema, readOnly = true): string[] {
  if (schema.$ref)
    return propertyNames(doc, doc.components!.schemas![schema.$ref.split('/').pop()!], readOnly);
  const own = Object.entries(schema.properties ?? {})
    .filter(([, p]) => readOnly || !p.readOnly)
    .map(([name]) => name);
  const inherited = (schema.allOf ?? []).flatMap((s) => propertyNames(doc, s, readOnly));
  return [...new Set([...own, ...inherited])].sort();
}

describeBackends('Autorisaties API OpenAPI document', (database) => {
  let loket: TestLoket;
  let served: Doc;
  const spec = parse(
    readFileSync(join(testConfig().sharedDir, 'specs', 'zgw', 'oas', 'autorisaties-1.0.0.yaml'), 'utf8'),
  ) as Doc;

  beforeAll(async () => {
    loket = await startTestLoket(database());
    const res = await fetch(`${loket.url}/autorisaties/api/v1/schema/openapi.json`);
    expect(res.status).toBe(200);
    served = (await res.json()) as Doc;
  });
  afterAll(async () => loket.stop());

  it('has the same paths, methods and operation ids as the published Autorisaties API 1.0.0', () => {
    expect(operations(served, '/autorisaties/api/v1')).toEqual(operations(spec));
  });

  it('describes an applicatie and its autorisaties with the property names of the published spec', () => {
    const read = (doc: Doc) =>
      doc.paths[Object.keys(doc.paths).find((p) => p.endsWith('/applicaties/{uuid}'))!].get;
    const servedApplicatie = read(served).responses!['200'].content!['application/json'].schema;
    const specApplicatie = read(spec).responses!['200'].content!['application/json'].schema;
    expect(propertyNames(served, servedApplicatie)).toEqual(propertyNames(spec, specApplicatie));

    // The spec has one autorisatie schema per component (allOf AutorisatieBase); ours is their union.
    const specAutorisatie = ['ac', 'nrc', 'zrc', 'ztc', 'drc', 'brc'].flatMap((c) =>
      propertyNames(spec, spec.components!.schemas![c]),
    );
    const servedAutorisatie = servedApplicatie.properties!.autorisaties.items!;
    expect(propertyNames(served, servedAutorisatie)).toEqual([...new Set(specAutorisatie)].sort());
  });
});
