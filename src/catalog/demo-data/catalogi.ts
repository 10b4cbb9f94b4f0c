import type { DemoCatalogus } from './types.ts';

/** The three demo organisations' catalogues, with their document types and besluittypen. */

const standaardDocumenten = (org: string) => [
  {
    key: `${org}-aanvraag`,
    omschrijving: 'Aanvraag of melding',
    categorie: 'aanvraag',
    vertrouwelijkheid: 'vertrouwelijk',
  },
  {
    key: `${org}-bewijsstuk`,
    omschrijving: 'Bewijsstuk',
    categorie: 'bewijsstuk',
    vertrouwelijkheid: 'vertrouwelijk',
  },
  {
    key: `${org}-besluit`,
    omschrijving: 'Besluit',
    categorie: 'besluit',
    vertrouwelijkheid: 'vertrouwelijk',
  },
  {
    key: `${org}-bezwaarschrift`,
    omschrijving: 'Bezwaarschrift',
    categorie: 'bezwaarschrift',
    vertrouwelijkheid: 'vertrouwelijk',
  },
];

export const DEMO_CATALOGI: DemoCatalogus[] = [
  {
    organisationId: 'voorbeeldstad',
    domein: 'VBS',
    naam: 'Dienstencatalogus Gemeente Voorbeeldstad',
    contactpersoonBeheerNaam: 'Team Informatiebeheer',
    contactpersoonBeheerEmailadres: 'informatiebeheer@voorbeeldstad.example',
    informatieobjecttypen: standaardDocumenten('voorbeeldstad'),
    besluittypen: [
      {
        key: 'voorbeeldstad-kwijtschelding',
        omschrijving: 'Besluit op verzoek om kwijtschelding',
        categorie: 'beschikking',
        reactietermijn: 'P6W',
        informatieobjecttypen: ['voorbeeldstad-besluit'],
      },
      {
        key: 'voorbeeldstad-bob',
        omschrijving: 'Beslissing op bezwaar',
        categorie: 'beslissing op bezwaar',
        reactietermijn: 'P6W',
        informatieobjecttypen: ['voorbeeldstad-besluit'],
      },
    ],
  },
  {
    organisationId: 'toeslagen',
    domein: 'TSL',
    naam: 'Dienstencatalogus Dienst Toeslagen',
    contactpersoonBeheerNaam: 'Afdeling Informatievoorziening',
    contactpersoonBeheerEmailadres: 'catalogus@toeslagen.example',
    informatieobjecttypen: standaardDocumenten('toeslagen'),
    besluittypen: [
      {
        key: 'toeslagen-zorgtoeslag',
        omschrijving: 'Beschikking zorgtoeslag',
        categorie: 'beschikking',
        reactietermijn: 'P6W',
        informatieobjecttypen: ['toeslagen-besluit'],
      },
      {
        key: 'toeslagen-bob',
        omschrijving: 'Beslissing op bezwaar',
        categorie: 'beslissing op bezwaar',
        reactietermijn: 'P6W',
        informatieobjecttypen: ['toeslagen-besluit'],
      },
    ],
  },
  {
    organisationId: 'incasso',
    domein: 'INC',
    naam: 'Dienstencatalogus Centraal Incassobureau',
    contactpersoonBeheerNaam: 'Team Proceseigenaren',
    contactpersoonBeheerEmailadres: 'catalogus@incasso.example',
    informatieobjecttypen: standaardDocumenten('incasso'),
    besluittypen: [
      {
        key: 'incasso-regeling',
        omschrijving: 'Besluit over een betalingsregeling',
        categorie: 'beschikking',
        reactietermijn: 'P6W',
        informatieobjecttypen: ['incasso-besluit'],
      },
      {
        key: 'incasso-bob',
        omschrijving: 'Beslissing op bezwaar',
        categorie: 'beslissing op bezwaar',
        reactietermijn: 'P6W',
        informatieobjecttypen: ['incasso-besluit'],
      },
    ],
  },
];
