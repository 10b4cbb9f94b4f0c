import { afterAll, beforeAll, expect, it } from 'vitest';
import { catalogModule } from '../catalog/module.ts';
import { inTransaction } from '../platform/db/transaction.ts';
import { Problem } from '../platform/http/problem.ts';
import { createServer } from '../platform/http/server.ts';
import { describeBackends } from '../testing/backends.ts';
import { LocalResources } from '../zgw/local-resources.ts';
import { createBesluit, getBesluit, type References, systemCaller } from './index.ts';
import { type BesluitenTestbed, besluitenTestbed } from './test-support.ts';

/**
 * Loket's own code (the decisions module) makes the Besluiten API record without HTTP, in its own
 * transaction, through index.ts.
 */
describeBackends('Besluiten for other modules', (database) => {
  let bed: BesluitenTestbed;
  let refs: References;

  beforeAll(async () => {
    bed = await besluitenTestbed(database());
    // The references resolve the way app.ts wires them: the catalogue registers its resolvers.
    const { config, log } = bed.loket.context;
    const local = new LocalResources();
    local.setBaseUrl(config.baseUrl);
    const app = createServer(config, log, 'test-secret');
    await catalogModule(local).register?.({ ...bed.loket.context, app });
    refs = { baseUrl: config.baseUrl, local };
  });
  afterAll(async () => bed?.stop());

  const body = () => ({
    verantwoordelijkeOrganisatie: '000000000',
    besluittype: bed.besluittype,
    datum: '2025-04-01',
    ingangsdatum: '2025-04-01',
    toelichting: 'Toegekend volgens de regels van 2025.',
  });

  it('creates a besluit in the caller’s transaction that the API then serves', async () => {
    const created = await inTransaction(database().db, (trx) =>
      createBesluit(trx, refs, systemCaller('voorbeeldstad', 'beslissingen'), body()),
    );
    expect(created.identificatie).toMatch(/^BESLUIT-2025-\d{10}$/);
    const id = created.url.split('/').pop() as string;
    const record = await getBesluit(database().db, id);
    expect(record).toMatchObject({
      id,
      organisationId: 'voorbeeldstad',
      zaakId: null,
      toelichting: body().toelichting,
    });
    const served = await bed.as('GET', created.url);
    expect(served.body).toEqual(created);
    const trail = await bed.as('GET', `${created.url}/audittrail`);
    expect(
      trail.body.map((e: { applicatieId: string; actie: string }) => `${e.applicatieId} ${e.actie}`),
    ).toEqual(['beslissingen create']);
  });

  it('leaves nothing behind when the caller’s transaction fails', async () => {
    let url = '';
    await expect(
      inTransaction(database().db, async (trx) => {
        url = (await createBesluit(trx, refs, systemCaller('voorbeeldstad'), body())).url;
        throw new Error('the decision could not be stored');
      }),
    ).rejects.toThrow('the decision could not be stored');
    expect(await getBesluit(database().db, url.split('/').pop() as string)).toBeNull();
  });

  it('applies the same rules as the API', async () => {
    const concept = await bed.newBesluittype([], false);
    const refused = await inTransaction(database().db, (trx) =>
      createBesluit(trx, refs, systemCaller('voorbeeldstad'), { ...body(), besluittype: concept }),
    ).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(Problem);
    expect((refused as Problem).invalidParams?.map((p) => p.code)).toEqual(['not-published']);
  });
});
