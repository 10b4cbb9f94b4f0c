import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBackends, startTestLoket, type TestLoket, testConfig } from '../testing/backends.ts';
import {
  type OpenApiDoc,
  operations,
  propertyNames,
  publishedSpec,
  responseSchema,
} from '../zgw/openapi-compare.ts';

describeBackends('Notificaties API OpenAPI document', (database) => {
  let loket: TestLoket;
  let served: OpenApiDoc;
  const spec = publishedSpec(testConfig().sharedDir, 'notificaties-1.0.0');

  beforeAll(async () => {
    loket = await startTestLoket(database());
    const res = await fetch(`${loket.url}/notificaties/api/v1/schema/openapi.json`);
    expect(res.status).toBe(200);
    served = (await res.json()) as OpenApiDoc;
  });
  afterAll(async () => loket.stop());

  it('has the paths and methods of the published Notificaties API 1.0.0, plus the delivery log', () => {
    const withoutIds = (ops: string[]) => ops.map((o) => o.split(' ').slice(0, 2).join(' '));
    // Loket's one addition: the delivery log per subscriber (docs/conformance.md).
    const extensions = ['GET /abonnement/{uuid}/afleveringen'];
    expect(withoutIds(operations(served, '/notificaties/api/v1'))).toEqual(
      [...withoutIds(operations(spec)), ...extensions].sort(),
    );
  });

  it.each(['kanaal', 'abonnement'])(
    'describes a %s with the property names of the published spec',
    (name) => {
      const path = `/${name === 'kanaal' ? 'kanaal' : 'abonnement'}/{uuid}`;
      const ours = responseSchema(served, path);
      const theirs = responseSchema(spec, path);
      expect(ours).not.toBeNull();
      expect(theirs).not.toBeNull();
      // `auth` (the subscriber's secret header) is accepted but never answered (docs/conformance.md).
      const expected = propertyNames(spec, theirs!).filter((p) => !(name === 'abonnement' && p === 'auth'));
      expect(propertyNames(served, ours!)).toEqual(expected);
    },
  );
});
