import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { addTestClient, apiAs, type TestClient } from '../authz/test-support.ts';
import { newCatalogus, zaaktypeBody } from '../catalog/test-support.ts';
import type { Database } from '../platform/db/database.ts';
import { startTestLoket, type TestLoket } from '../testing/backends.ts';

export const BRC = '/besluiten/api/v1';
export const ZTC = '/catalogi/api/v1';
const ZRC = '/zaken/api/v1';
const DRC = '/documenten/api/v1';
const CRS = { 'accept-crs': 'EPSG:4326', 'content-crs': 'EPSG:4326' };
type As = ReturnType<typeof apiAs>;

/**
 * A whole Loket (catalogue, zaken, documenten, besluiten) with an all-rights client, a catalogue, a
 * published informatieobjecttype, a published besluittype that goes with it, and a published zaaktype that
 * goes with the besluittype.
 */
export interface BesluitenTestbed {
  loket: TestLoket;
  as: As;
  admin: TestClient;
  catalogus: string;
  informatieobjecttype: string;
  besluittype: string;
  zaaktype: string;
  /** POST /besluiten with a valid body, extended or overridden by `extra`. */
  besluit(extra?: Record<string, unknown>, as?: As): ReturnType<As>;
  /** A published besluittype (concept with `publish` false) for these informatieobjecttypen. */
  newBesluittype(informatieobjecttypen?: string[], publish?: boolean): Promise<string>;
  /** A published informatieobjecttype. */
  newInformatieobjecttype(): Promise<string>;
  /** A zaak of the given (published) zaaktype. */
  newZaak(zaaktype?: string): Promise<string>;
  /** A published zaaktype with these besluittypen. */
  newZaaktype(besluittypen: string[]): Promise<string>;
  /** A document of the given informatieobjecttype. */
  newDocument(informatieobjecttype?: string): Promise<string>;
  stop(): Promise<void>;
}

async function created(res: ReturnType<As>): Promise<string> {
  const r = await res;
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.url as string;
}

export async function besluitenTestbed(database: Database): Promise<BesluitenTestbed> {
  const dataDir = await mkdtemp(join(tmpdir(), 'loket-brc-'));
  const admin = await addTestClient(database.db, { all: true });
  const loket = await startTestLoket(database, { config: { baseUrl: 'http://loket.test', dataDir } });
  const as = apiAs(loket.url, admin);
  const catalogus = await newCatalogus(as, 'BRC');
  const publish = async (url: string) => expect((await as('POST', `${url}/publish`)).status).toBe(200);

  const newInformatieobjecttype = async () => {
    const url = await created(
      as('POST', `${ZTC}/informatieobjecttypen`, {
        catalogus,
        omschrijving: `Document ${crypto.randomUUID().slice(0, 8)}`,
        vertrouwelijkheidaanduiding: 'openbaar',
        beginGeldigheid: '2019-01-01',
        informatieobjectcategorie: 'besluit',
      }),
    );
    await publish(url);
    return url;
  };
  const newBesluittype = async (informatieobjecttypen: string[] = [], doPublish = true) => {
    const url = await created(
      as('POST', `${ZTC}/besluittypen`, {
        catalogus,
        omschrijving: `Besluit ${crypto.randomUUID().slice(0, 8)}`,
        zaaktypen: [],
        publicatieIndicatie: false,
        informatieobjecttypen,
        beginGeldigheid: '2019-01-01',
      }),
    );
    if (doPublish) await publish(url);
    return url;
  };
  const newZaaktype = async (besluittypen: string[]) => {
    const url = await created(as('POST', `${ZTC}/zaaktypen`, zaaktypeBody(catalogus, { besluittypen })));
    await publish(url);
    return url;
  };
  const informatieobjecttype = await newInformatieobjecttype();
  const besluittype = await newBesluittype([informatieobjecttype]);
  const zaaktype = await newZaaktype([besluittype]);

  return {
    loket,
    as,
    admin,
    catalogus,
    informatieobjecttype,
    besluittype,
    zaaktype,
    besluit: (extra = {}, client = as) =>
      client('POST', `${BRC}/besluiten`, {
        verantwoordelijkeOrganisatie: '000000000',
        besluittype,
        datum: '2025-03-01',
        ingangsdatum: '2025-03-02',
        ...extra,
      }),
    newBesluittype,
    newInformatieobjecttype,
    newZaaktype,
    newZaak: (type = zaaktype) =>
      created(
        as(
          'POST',
          `${ZRC}/zaken`,
          {
            bronorganisatie: '000000000',
            verantwoordelijkeOrganisatie: '000000000',
            startdatum: '2025-02-01',
            zaaktype: type,
          },
          CRS,
        ),
      ),
    newDocument: (type = informatieobjecttype) =>
      created(
        as('POST', `${DRC}/enkelvoudiginformatieobjecten`, {
          bronorganisatie: '000000000',
          creatiedatum: '2025-03-01',
          titel: 'Besluit op uw aanvraag',
          auteur: 'Gemeente Voorbeeldstad',
          taal: 'nld',
          inhoud: Buffer.from('besluit').toString('base64'),
          informatieobjecttype: type,
          bestandsomvang: 7,
        }),
      ),
    async stop() {
      await loket.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
