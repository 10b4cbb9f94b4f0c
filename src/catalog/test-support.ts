import { expect } from 'vitest';
import type { apiAs } from '../authz/test-support.ts';

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

export async function newCatalogus(as: As, domein: string): Promise<string> {
  const res = await as('POST', `${ZTC}/catalogussen`, {
    domein,
    rsin: '000000000',
    contactpersoonBeheerNaam: 'Beheer',
  });
  expect(res.status).toBe(201);
  return res.body.url as string;
}
