import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { Config } from '../platform/config.ts';
import type { Trx } from '../platform/db/transaction.ts';
import { getOrganisation } from '../platform/organisations.ts';
import { defaultDataDir, referentielijstenUrl } from '../referentielijsten/index.ts';
import {
  DEMO_CATALOGI,
  DEMO_ZAAKTYPEN,
  type DemoZaaktype,
  OMSCHRIJVING_GENERIEK,
} from './demo-data/index.ts';
import { createDienst } from './dienst.ts';
import { offlineSelectielijst } from './selectielijst.ts';
import type { CatalogContext } from './service.ts';
import { createBesluittype, publishBesluittype } from './service-besluittype.ts';
import { createCatalogus } from './service-catalogus.ts';
import { eigenschappen } from './service-eigenschap.ts';
import { createInformatieobjecttype, publishInformatieobjecttype } from './service-informatieobjecttype.ts';
import { resultaattypen } from './service-resultaattype.ts';
import { roltypen } from './service-roltype.ts';
import { statustypen } from './service-statustype.ts';
import { createZaaktype, publishZaaktype } from './service-zaaktype.ts';
import { zaaktypeInformatieobjecttypen } from './service-ziot.ts';
import { systemCaller } from './support.ts';

/** The same uuid for the same demo object on every installation, so demo URLs can be written down. */
export function demoId(name: string): string {
  const h = createHash('sha1').update(`loket-demo:${name}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const GELDIG_VANAF = '2024-01-01';

/** Seeds the demo catalogue in the demo transaction: catalogi, diensten and their published zaaktypen. */
export async function seedCatalogDemo(trx: Trx, config: Config, log?: Logger): Promise<void> {
  const root = referentielijstenUrl(config);
  const selectielijst = await offlineSelectielijst(root, defaultDataDir(config.sharedDir));
  if (!selectielijst)
    log?.warn(
      'selectielijst data not found: demo zaaktypen get no selectielijst procestype or resultaattypen',
    );
  const ctx: CatalogContext = {
    db: trx,
    baseUrl: config.baseUrl,
    selectielijst: selectielijst ?? {
      baseUrl: root,
      isOwnUrl: () => false,
      getProcestype: async () => ({ ok: false, code: 'bad-url', reason: 'geen selectielijst' }),
      getResultaat: async () => ({ ok: false, code: 'bad-url', reason: 'geen selectielijst' }),
      getResultaattypeomschrijving: async () => ({
        ok: false,
        code: 'bad-url',
        reason: 'geen selectielijst',
      }),
    },
  };
  const typeUrls = new Map<string, string>();

  for (const c of DEMO_CATALOGI) {
    const organisation = await getOrganisation(trx, c.organisationId);
    if (!organisation?.rsin) continue;
    const caller = systemCaller(c.organisationId);
    const catalogus = await createCatalogus(
      trx,
      config.baseUrl,
      caller,
      {
        domein: c.domein,
        rsin: organisation.rsin,
        naam: c.naam,
        contactpersoonBeheerNaam: c.contactpersoonBeheerNaam,
        contactpersoonBeheerEmailadres: c.contactpersoonBeheerEmailadres,
      },
      { id: demoId(`catalogus:${c.organisationId}`) },
    );
    for (const i of c.informatieobjecttypen) {
      const iot = await createInformatieobjecttype(
        ctx,
        caller,
        {
          catalogus: catalogus.url,
          omschrijving: i.omschrijving,
          vertrouwelijkheidaanduiding: i.vertrouwelijkheid,
          informatieobjectcategorie: i.categorie,
          beginGeldigheid: GELDIG_VANAF,
        },
        { id: demoId(`informatieobjecttype:${i.key}`) },
      );
      await publishInformatieobjecttype(ctx, caller, demoId(`informatieobjecttype:${i.key}`));
      typeUrls.set(i.key, iot.url);
    }
    for (const b of c.besluittypen) {
      const besluittype = await createBesluittype(
        ctx,
        caller,
        {
          catalogus: catalogus.url,
          omschrijving: b.omschrijving,
          besluitcategorie: b.categorie,
          reactietermijn: b.reactietermijn,
          publicatieIndicatie: false,
          informatieobjecttypen: b.informatieobjecttypen.map((k) => typeUrls.get(k)!),
          beginGeldigheid: GELDIG_VANAF,
        },
        { id: demoId(`besluittype:${b.key}`) },
      );
      await publishBesluittype(ctx, caller, demoId(`besluittype:${b.key}`));
      typeUrls.set(b.key, besluittype.url);
    }
    for (const z of DEMO_ZAAKTYPEN.filter((x) => x.organisationId === c.organisationId))
      await seedZaaktype(ctx, trx, catalogus.url, z, typeUrls, Boolean(selectielijst), root);
  }
}

async function seedZaaktype(
  ctx: CatalogContext,
  trx: Trx,
  catalogus: string,
  z: DemoZaaktype,
  typeUrls: Map<string, string>,
  withSelectielijst: boolean,
  root: string,
) {
  const caller = systemCaller(z.organisationId);
  const key = `${z.organisationId}:${z.identificatie}`;
  const dienst = await createDienst(trx, {
    id: demoId(`dienst:${key}`),
    organisationId: z.organisationId,
    ...z.dienst,
  });
  const zaaktype = await createZaaktype(
    ctx,
    caller,
    {
      identificatie: z.identificatie,
      omschrijving: z.omschrijving,
      vertrouwelijkheidaanduiding: z.vertrouwelijkheidaanduiding,
      doel: z.doel,
      aanleiding: z.aanleiding,
      indicatieInternOfExtern: 'extern',
      handelingInitiator: z.handelingInitiator,
      onderwerp: z.onderwerp,
      handelingBehandelaar: z.handelingBehandelaar,
      doorlooptijd: z.dienst.beslistermijn,
      servicenorm: z.dienst.streeftermijn,
      opschortingEnAanhoudingMogelijk: z.opschortingEnAanhoudingMogelijk,
      verlengingMogelijk: z.verlengingstermijn !== null,
      verlengingstermijn: z.verlengingstermijn,
      trefwoorden: z.trefwoorden,
      publicatieIndicatie: false,
      productenOfDiensten: [z.product],
      selectielijstProcestype: withSelectielijst ? `${root}/procestypen/${z.procestype}` : '',
      referentieproces: { naam: z.omschrijving, link: '' },
      verantwoordelijke: z.dienst.eigenaarTeam,
      catalogus,
      besluittypen: z.besluittypen.map((k) => typeUrls.get(k)!),
      gerelateerdeZaaktypen: [],
      beginGeldigheid: GELDIG_VANAF,
      versiedatum: GELDIG_VANAF,
    },
    { dienstId: dienst.id, id: demoId(`zaaktype:${key}`) },
  );
  for (const [i, s] of z.statustypen.entries()) {
    await statustypen.create(ctx, caller, {
      zaaktype: zaaktype.url,
      omschrijving: s.omschrijving,
      statustekst: s.statustekst,
      informeren: s.informeren,
      doorlooptijd: s.doorlooptijd ?? null,
      volgnummer: i + 1,
    });
  }
  if (withSelectielijst) {
    for (const r of z.resultaattypen) {
      await resultaattypen.create(ctx, caller, {
        zaaktype: zaaktype.url,
        omschrijving: r.omschrijving,
        resultaattypeomschrijving: `${root}/resultaattypeomschrijvingen/${OMSCHRIJVING_GENERIEK[r.generiek]}`,
        selectielijstklasse: `${root}/resultaten/${r.klasse}`,
        toelichting: r.toelichting,
        brondatumArchiefprocedure: r.brondatum,
        besluittypen: (r.besluittypen ?? []).map((k) => typeUrls.get(k)!),
      });
    }
  }
  for (const r of z.roltypen)
    await roltypen.create(ctx, caller, {
      zaaktype: zaaktype.url,
      omschrijving: r.omschrijving,
      omschrijvingGeneriek: r.generiek,
    });
  for (const e of z.eigenschappen) {
    await eigenschappen.create(ctx, caller, {
      zaaktype: zaaktype.url,
      naam: e.naam,
      definitie: e.definitie,
      specificatie: {
        formaat: e.formaat,
        lengte: e.lengte,
        kardinaliteit: '1',
        waardenverzameling: e.waarden ?? [],
      },
    });
  }
  for (const [i, d] of z.informatieobjecttypen.entries()) {
    await zaaktypeInformatieobjecttypen.create(ctx, caller, {
      zaaktype: zaaktype.url,
      informatieobjecttype: typeUrls.get(d.key)!,
      volgnummer: i + 1,
      richting: d.richting,
    });
  }
  await publishZaaktype(ctx, caller, demoId(`zaaktype:${key}`));
}
