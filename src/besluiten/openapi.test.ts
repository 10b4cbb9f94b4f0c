import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBackends, startTestLoket, type TestLoket, testConfig } from '../testing/backends.ts';
import {
  type OpenApiDoc,
  operations,
  propertyNames,
  publishedSpec,
  responseSchema,
} from '../zgw/openapi-compare.ts';

/** What Loket serves beyond the published spec, on purpose (docs/conformance.md says why). */
const ADDITIONS = [
  'PATCH /besluitinformatieobjecten/{uuid} besluitinformatieobject_partial_update',
  'PUT /besluitinformatieobjecten/{uuid} besluitinformatieobject_update',
];

describeBackends('Besluiten API OpenAPI document', (database) => {
  let loket: TestLoket;
  let served: OpenApiDoc;
  const spec = publishedSpec(testConfig().sharedDir, 'besluiten-1.1.0');

  beforeAll(async () => {
    loket = await startTestLoket(database());
    const res = await fetch(`${loket.url}/besluiten/api/v1/schema/openapi.json`);
    expect(res.status).toBe(200);
    served = (await res.json()) as OpenApiDoc;
  });
  afterAll(async () => loket?.stop());

  it('is an OpenAPI 3 document of version 1.1.0', () => {
    const doc = served as unknown as { openapi: string; info: { version: string } };
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.info.version).toBe('1.1.0');
  });

  it('has the operations of the published Besluiten API 1.1.0, plus the listed additions', () => {
    const ours = operations(served, '/besluiten/api/v1');
    expect(ours.filter((o) => !ADDITIONS.includes(o))).toEqual(operations(spec));
    expect(ours.filter((o) => ADDITIONS.includes(o))).toEqual(ADDITIONS);
  });

  it.each([
    ['/besluiten/{uuid}', 'BesluitExpanded'],
    ['/besluitinformatieobjecten/{uuid}', 'BesluitInformatieObjectExpanded'],
  ])('describes %s with the property names of the published spec', (path, schema) => {
    const ours = responseSchema(served, path);
    expect(ours).not.toBeNull();
    expect(propertyNames(served, ours!)).toEqual(
      propertyNames(spec, { $ref: `#/components/schemas/${schema}` }),
    );
  });

  it('describes what clients send with the writable fields of the published spec', () => {
    const body = (path: string, method: string) => {
      const key = Object.keys(served.paths).find((p) => p.endsWith(path)) as string;
      const op = served.paths[key]?.[method] as unknown as {
        requestBody: { content: Record<string, { schema: Parameters<typeof propertyNames>[1] }> };
      };
      return propertyNames(served, Object.values(op.requestBody.content)[0]!.schema);
    };
    expect(body('/besluiten', 'post')).toEqual(
      propertyNames(spec, { $ref: '#/components/schemas/Besluit' }, false),
    );
    expect(body('/besluitinformatieobjecten', 'post')).toEqual(
      propertyNames(spec, { $ref: '#/components/schemas/BesluitInformatieObject' }, false),
    );
  });
});
