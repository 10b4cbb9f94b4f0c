import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBackends, startTestLoket, type TestLoket, testConfig } from '../testing/backends.ts';
import {
  type OpenApiDoc,
  operations,
  propertyNames,
  publishedSpec,
  responseSchema,
} from '../zgw/openapi-compare.ts';

/** Each resource and its schema in the published spec (some detail answers there are left unspecified). */
const RESOURCES: [string, string][] = [
  ['catalogussen', 'Catalogus'],
  ['zaaktypen', 'ZaakType'],
  ['statustypen', 'StatusType'],
  ['resultaattypen', 'ResultaatType'],
  ['roltypen', 'RolType'],
  ['eigenschappen', 'Eigenschap'],
  ['informatieobjecttypen', 'InformatieObjectType'],
  ['besluittypen', 'BesluitType'],
  ['zaaktype-informatieobjecttypen', 'ZaakTypeInformatieObjectType'],
  ['zaakobjecttypen', 'ZaakObjectType'],
];

describeBackends('Catalogi API OpenAPI document', (database) => {
  let loket: TestLoket;
  let served: OpenApiDoc;
  const spec = publishedSpec(testConfig().sharedDir, 'catalogi-1.3.1');

  beforeAll(async () => {
    loket = await startTestLoket(database());
    const res = await fetch(`${loket.url}/catalogi/api/v1/schema/openapi.json`);
    expect(res.status).toBe(200);
    served = (await res.json()) as OpenApiDoc;
  });
  afterAll(async () => loket.stop());

  it('is an OpenAPI 3 document', () => {
    expect((served as unknown as { openapi: string }).openapi).toMatch(/^3\./);
  });

  it('has the paths and methods of the published Catalogi API 1.3.1', () => {
    const withoutIds = (ops: string[]) => ops.map((o) => o.split(' ').slice(0, 2).join(' '));
    expect(withoutIds(operations(served, '/catalogi/api/v1'))).toEqual(withoutIds(operations(spec)));
  });

  it.each(RESOURCES)('describes %s with the property names of the published spec', (resource, schema) => {
    const ours = responseSchema(served, `/${resource}/{uuid}`);
    expect(ours).not.toBeNull();
    expect(propertyNames(served, ours!)).toEqual(
      propertyNames(spec, { $ref: `#/components/schemas/${schema}` }),
    );
  });
});
