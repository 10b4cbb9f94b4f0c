import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBackends, startTestLoket, type TestLoket, testConfig } from '../testing/backends.ts';
import { type OpenApiDoc as Doc, operations, propertyNames, publishedSpec } from '../zgw/openapi-compare.ts';

describeBackends('Autorisaties API OpenAPI document', (database) => {
  let loket: TestLoket;
  let served: Doc;
  const spec = publishedSpec(testConfig().sharedDir, 'autorisaties-1.0.0');

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
