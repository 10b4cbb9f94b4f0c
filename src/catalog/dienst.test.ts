import { afterAll, beforeAll, expect, it } from 'vitest';
import { addTestClient, apiAs } from '../authz/test-support.ts';
import { inTransaction } from '../platform/db/transaction.ts';
import { describeBackends, startTestLoket, type TestLoket } from '../testing/backends.ts';
import { createDienst, type Dienst, dienstOfZaaktype, getDienst, listDiensten } from './dienst.ts';
import { selectielijstClient } from './selectielijst.ts';
import type { CatalogContext } from './service.ts';
import { createZaaktype } from './service-zaaktype.ts';
import { newCatalogus, zaaktypeBody } from './test-support.ts';

const ZTC = '/catalogi/api/v1';
const ORG = 'voorbeeldstad';

describeBackends('Catalogi: the dienst behind every zaaktype', (database) => {
  let loket: TestLoket;
  let as: ReturnType<typeof apiAs>;
  let catalogus: string;

  const dienstOf = async (zaaktypeUrl: string): Promise<Dienst | null> => {
    const id = await dienstOfZaaktype(database().db, zaaktypeUrl.split('/').pop() as string);
    return id ? getDienst(database().db, id) : null;
  };

  beforeAll(async () => {
    const admin = await addTestClient(database().db, {
      organisationId: ORG,
      autorisaties: [{ component: 'ztc', scopes: ['catalogi.lezen', 'catalogi.schrijven'] }],
    });
    loket = await startTestLoket(database(), { config: { baseUrl: 'http://loket.test' } });
    as = apiAs(loket.url, admin);
    catalogus = await newCatalogus(as, 'DNST');
  });
  afterAll(async () => loket.stop());

  it('gives a zaaktype created through the Catalogi API a dienst of its own, made from the zaaktype', async () => {
    const created = await as(
      'POST',
      `${ZTC}/zaaktypen`,
      zaaktypeBody(catalogus, {
        omschrijving: 'Kapvergunning',
        doel: 'Toestemming geven om een boom te kappen',
        doorlooptijd: 'P8W',
        servicenorm: 'P4W',
        verantwoordelijke: 'Team vergunningen',
      }),
    );
    expect(created.status).toBe(201);
    expect(await dienstOf(created.body.url)).toMatchObject({
      organisationId: ORG,
      naam: 'Kapvergunning',
      publieksomschrijving: 'Toestemming geven om een boom te kappen',
      beslistermijn: 'P8W',
      streeftermijn: 'P4W',
      eigenaarTeam: 'Team vergunningen',
      rechtsgronden: [],
      reactietermijnen: {},
      automatisch: true,
    });
  });

  it('keeps one dienst over the versions of a zaaktype', async () => {
    const first = await as(
      'POST',
      `${ZTC}/zaaktypen`,
      zaaktypeBody(catalogus, { eindeGeldigheid: '2025-12-31' }),
    );
    const identificatie = first.body.identificatie;
    const second = await as(
      'POST',
      `${ZTC}/zaaktypen`,
      zaaktypeBody(catalogus, { identificatie, beginGeldigheid: '2026-01-01', versiedatum: '2026-01-01' }),
    );
    expect(second.status).toBe(201);
    const dienst = await dienstOf(first.body.url);
    expect(dienst).not.toBeNull();
    expect((await dienstOf(second.body.url))?.id).toBe(dienst?.id);
  });

  it('lets an automatic dienst follow the changes of its zaaktype', async () => {
    const created = await as('POST', `${ZTC}/zaaktypen`, zaaktypeBody(catalogus));
    const patched = await as('PATCH', created.body.url, {
      omschrijving: 'Melding buitenruimte',
      doorlooptijd: 'P3W',
    });
    expect(patched.status).toBe(200);
    expect(await dienstOf(created.body.url)).toMatchObject({
      naam: 'Melding buitenruimte',
      beslistermijn: 'P3W',
    });
  });

  it('removes an automatic dienst together with its last zaaktype', async () => {
    const created = await as('POST', `${ZTC}/zaaktypen`, zaaktypeBody(catalogus));
    const dienst = (await dienstOf(created.body.url)) as Dienst;
    expect((await as('DELETE', created.body.url)).status).toBe(204);
    expect(await getDienst(database().db, dienst.id)).toBeNull();
  });

  it('puts a zaaktype under a dienst with its legal basis and service levels, and leaves that dienst alone', async () => {
    const db = database().db;
    const dienst = await inTransaction(db, (trx) =>
      createDienst(trx, {
        organisationId: ORG,
        naam: 'Bijzondere bijstand',
        publieksomschrijving: 'Geld voor kosten die u niet zelf kunt betalen.',
        rechtsgronden: [
          {
            wet: 'Participatiewet',
            artikel: '35',
            url: 'https://wetten.overheid.nl/BWBR0015703/2025-01-01#Hoofdstuk4_Paragraaf4.1_Artikel35',
          },
          { wet: 'Algemene wet bestuursrecht', artikel: '4:13' },
        ],
        beslistermijn: 'P8W',
        streeftermijn: 'P4W',
        reactietermijnen: { telefoon: 'P1D', email: 'P3D' },
        eigenaarTeam: 'Team inkomen',
      }),
    );
    const ctx: CatalogContext = {
      db,
      baseUrl: loket.context.config.baseUrl,
      selectielijst: selectielijstClient(loket.context.config),
    };
    const caller = { organisationId: ORG, forceWrite: false, forceDelete: false };
    const zaaktype = await createZaaktype(
      ctx,
      caller,
      zaaktypeBody(catalogus, { omschrijving: 'Aanvraag bijstand' }),
      {
        dienstId: dienst.id,
      },
    );

    // Through the Catalogi API it is an ordinary zaaktype; changing it there does not rewrite the dienst.
    expect((await as('GET', zaaktype.url)).body.omschrijving).toBe('Aanvraag bijstand');
    expect(
      (await as('PATCH', zaaktype.url, { omschrijving: 'Bijstand aanvragen', doorlooptijd: 'P2W' })).status,
    ).toBe(200);
    expect(await dienstOf(zaaktype.url)).toEqual({ ...dienst, automatisch: false });
    expect((await as('DELETE', zaaktype.url)).status).toBe(204);
    const left = (await listDiensten(db, ORG)).find((d) => d.id === dienst.id);
    expect(left).toMatchObject({
      naam: 'Bijzondere bijstand',
      beslistermijn: 'P8W',
      streeftermijn: 'P4W',
      reactietermijnen: { telefoon: 'P1D', email: 'P3D' },
      automatisch: false,
    });
    expect(left?.rechtsgronden.map((r) => `${r.wet} ${r.artikel}`)).toEqual([
      'Participatiewet 35',
      'Algemene wet bestuursrecht 4:13',
    ]);
  });
});
