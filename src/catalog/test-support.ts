import { expect } from 'vitest';
import { freePort } from '../../bench/lib.ts';
import type { apiAs } from '../authz/test-support.ts';
import type { Config } from '../platform/config.ts';
import type { Database } from '../platform/db/database.ts';
import { DEFAULT_PREFIX } from '../referentielijsten/index.ts';
import { startTestLoket, type TestLoket } from '../testing/backends.ts';

/** Catalogue set-up for tests of the catalogue and of the modules that use it. */
type As = ReturnType<typeof apiAs>;
const ZTC = '/catalogi/api/v1';

export function zaaktypeBody(catalogus: string, extra: Record<string, unknown> = {}) {
  return {
    identificatie: `ZT-${crypto.randomUUID().slice(0, 8)}`,
    omschrijving: 'Melding openbare ruimte',
    vertrouwelijkheidaanduiding: 'openbaar',
    doel: 'Meldingen afhandelen',
    aanleiding: 'Een melding',
    indicatieInternOfExtern: 'extern',
    handelingInitiator: 'indienen',
    onderwerp: 'openbare ruimte',
    handelingBehandelaar: 'behandelen',
    doorlooptijd: 'P10D',
    opschortingEnAanhoudingMogelijk: false,
    verlengingMogelijk: false,
    publicatieIndicatie: false,
    productenOfDiensten: ['https://producten.example/melding'],
    referentieproces: { naam: 'melding', link: '' },
    catalogus,
    besluittypen: [],
    gerelateerdeZaaktypen: [],
    beginGeldigheid: '2025-01-01',
    versiedatum: '2025-01-01',
    verantwoordelijke: 'Team buitenruimte',
    ...extra,
  };
}

export function besluittypeBody(catalogus: string, extra: Record<string, unknown> = {}) {
  return {
    catalogus,
    omschrijving: `Besluit ${crypto.randomUUID().slice(0, 6)}`,
    zaaktypen: [],
    publicatieIndicatie: false,
    informatieobjecttypen: [],
    beginGeldigheid: '2025-01-01',
    ...extra,
  };
}

export function informatieobjecttypeBody(catalogus: string, extra: Record<string, unknown> = {}) {
  return {
    catalogus,
    omschrijving: `Document ${crypto.randomUUID().slice(0, 6)}`,
    vertrouwelijkheidaanduiding: 'openbaar',
    beginGeldigheid: '2025-01-01',
    informatieobjectcategorie: 'brief',
    ...extra,
  };
}

export async function newCatalogus(as: As, domein: string): Promise<string> {
  const res = await as('POST', `${ZTC}/catalogussen`, {
    domein,
    rsin: '000000000',
    contactpersoonBeheerNaam: 'Beheer',
  });
  expect(res.status).toBe(201);
  return res.body.url as string;
}

/**
 * A Loket whose BASE_URL is the address it really listens on, so the Referentielijsten API it serves
 * itself (from the public selectielijst data) is the one its archive rules ask, as in a real installation.
 */
export async function startLoketWithSelectielijst(
  database: Database,
  config: Partial<Config> = {},
): Promise<TestLoket & { selectielijst: string }> {
  const port = await freePort();
  const loket = await startTestLoket(database, {
    config: { port, host: '127.0.0.1', baseUrl: `http://127.0.0.1:${port}`, ...config },
  });
  return Object.assign(loket, { selectielijst: `http://127.0.0.1:${port}${DEFAULT_PREFIX}` });
}
