import { randomUUID } from 'node:crypto';
import type { Loket } from '../../src/app.ts';
import { type TestClient, zgwToken } from '../../src/authz/test-support.ts';

/**
 * The first step of the Zaken seed: everything made through Loket's own APIs, in process (no port).
 * A catalogus with ZAAKTYPEN published zaaktypen (each with a statustype, an initiator roltype and the
 * shared besluittype), and per zaaktype one template zaak with a status, an initiator rol with a BSN, a
 * besluit for the zaak, and one document. The bulk step (seed.ts) copies these rows set-based, so every
 * seeded row has exactly the shape the API itself writes.
 */
const ZTC = '/catalogi/api/v1';
const ZRC = '/zaken/api/v1';
const BRC = '/besluiten/api/v1';
const DRC = '/documenten/api/v1';
export const SEED_RSIN = '000000000';
const CRS = { 'accept-crs': 'EPSG:4326', 'content-crs': 'EPSG:4326' };

export interface Template {
  zaaktype: string;
  zaak: string;
  status: string;
  rol: string;
  besluit: string;
  document: string;
}

type Call = (method: string, path: string, body?: unknown) => Promise<Record<string, unknown>>;

/** JSON calls as `client` through Fastify's inject: the full HTTP stack without a socket. */
export function injectAs(loket: Loket, client: TestClient): Call {
  return async (method, path, body) => {
    const res = await loket.app.inject({
      method: method as 'POST',
      url: path.startsWith('http') ? new URL(path).pathname : path,
      headers: {
        authorization: `Bearer ${await zgwToken(client)}`,
        ...CRS,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      payload: body === undefined ? undefined : JSON.stringify(body),
    });
    if (res.statusCode >= 300) throw new Error(`${method} ${path}: ${res.statusCode} ${res.body}`);
    return res.body ? (JSON.parse(res.body) as Record<string, unknown>) : {};
  };
}

const uuidOf = (url: unknown) => String(url).split('/').pop() as string;

export async function makeTemplates(call: Call, zaaktypen: number): Promise<Template[]> {
  const tag = randomUUID().slice(0, 6).toUpperCase();
  const catalogus = (
    await call('POST', `${ZTC}/catalogussen`, {
      domein: `B${tag.slice(0, 4)}`,
      rsin: SEED_RSIN,
      contactpersoonBeheerNaam: 'Benchmark',
    })
  ).url as string;
  const publish = (url: string) => call('POST', `${url}/publish`);
  const iot = (
    await call('POST', `${ZTC}/informatieobjecttypen`, {
      catalogus,
      omschrijving: `Brief ${tag}`,
      vertrouwelijkheidaanduiding: 'openbaar',
      beginGeldigheid: '2019-01-01',
      informatieobjectcategorie: 'brief',
    })
  ).url as string;
  await publish(iot);
  const besluittype = (
    await call('POST', `${ZTC}/besluittypen`, {
      catalogus,
      omschrijving: `Besluit ${tag}`,
      zaaktypen: [],
      publicatieIndicatie: false,
      informatieobjecttypen: [iot],
      beginGeldigheid: '2019-01-01',
    })
  ).url as string;
  await publish(besluittype);

  const templates: Template[] = [];
  for (let i = 0; i < zaaktypen; i++) {
    const zaaktype = (
      await call('POST', `${ZTC}/zaaktypen`, {
        identificatie: `BENCH-${tag}-${i}`,
        omschrijving: `Benchmarkdienst ${i}`,
        vertrouwelijkheidaanduiding: 'openbaar',
        doel: 'Meten',
        aanleiding: 'Benchmark',
        indicatieInternOfExtern: 'extern',
        handelingInitiator: 'aanvragen',
        onderwerp: 'Benchmark',
        handelingBehandelaar: 'behandelen',
        doorlooptijd: 'P8W',
        opschortingEnAanhoudingMogelijk: true,
        verlengingMogelijk: false,
        publicatieIndicatie: false,
        productenOfDiensten: ['https://producten.example/bench'],
        referentieproces: { naam: 'bench', link: '' },
        catalogus,
        besluittypen: [besluittype],
        gerelateerdeZaaktypen: [],
        beginGeldigheid: '2019-01-01',
        versiedatum: '2019-01-01',
        verantwoordelijke: 'Team benchmark',
      })
    ).url as string;
    const statustype = (
      await call('POST', `${ZTC}/statustypen`, { omschrijving: 'Ontvangen', zaaktype, volgnummer: 1 })
    ).url as string;
    await call('POST', `${ZTC}/statustypen`, { omschrijving: 'Afgehandeld', zaaktype, volgnummer: 2 });
    const roltype = (
      await call('POST', `${ZTC}/roltypen`, {
        zaaktype,
        omschrijving: 'Aanvrager',
        omschrijvingGeneriek: 'initiator',
      })
    ).url as string;
    await publish(zaaktype);

    const zaak = await call('POST', `${ZRC}/zaken`, {
      bronorganisatie: SEED_RSIN,
      verantwoordelijkeOrganisatie: SEED_RSIN,
      omschrijving: 'Aanvraag',
      startdatum: '2025-01-01',
      zaaktype,
    });
    const status = await call('POST', `${ZRC}/statussen`, {
      zaak: zaak.url,
      statustype,
      datumStatusGezet: '2025-01-01T09:00:00Z',
    });
    const rol = await call('POST', `${ZRC}/rollen`, {
      zaak: zaak.url,
      roltype,
      betrokkeneType: 'natuurlijk_persoon',
      roltoelichting: 'Aanvrager',
      betrokkeneIdentificatie: { inpBsn: '999990354' },
    });
    const besluit = await call('POST', `${BRC}/besluiten`, {
      verantwoordelijkeOrganisatie: SEED_RSIN,
      besluittype,
      zaak: zaak.url,
      datum: '2025-03-01',
      ingangsdatum: '2025-03-02',
    });
    const document = await call('POST', `${DRC}/enkelvoudiginformatieobjecten`, {
      bronorganisatie: SEED_RSIN,
      creatiedatum: '2025-03-01',
      titel: 'Besluit op uw aanvraag',
      auteur: 'Team benchmark',
      taal: 'nld',
      informatieobjecttype: iot,
    });
    templates.push({
      zaaktype,
      zaak: uuidOf(zaak.url),
      status: uuidOf(status.url),
      rol: uuidOf(rol.url),
      besluit: uuidOf(besluit.url),
      document: uuidOf(document.url),
    });
  }
  return templates;
}
