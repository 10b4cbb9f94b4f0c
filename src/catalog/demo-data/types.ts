import type { Rechtsgrond } from '../dienst.ts';

/** What the demo catalogue is made of, and the references it shares (laws, selectielijst, referentielijsten). */

/** A link to an article of a law on wetten.overheid.nl (Juriconnect). */
export const jci = (bwb: string, artikel: string, boek?: string) =>
  `https://wetten.overheid.nl/jci1.3:c:${bwb}${boek ? `&boek=${boek}` : ''}&artikel=${artikel}`;
export const BW = 'BWBR0002656';
export const AWB = 'BWBR0005537';
export const WET_BRP = 'BWBR0033715';
export const ZORGTOESLAG = 'BWBR0018451';
export const AWIR = 'BWBR0018472';
export const INVORDERINGSWET = 'BWBR0004770';
export const GEMEENTEWET = 'BWBR0005416';

/** Selectielijst 2020 procestypen used here. */
export const PROCESTYPE = {
  verzoeken: '6d85b4dc-381c-413e-af3c-1e9668f4ea97',
  aangiften: '75252f24-5840-43db-b6fc-04c9f19261b9',
  voorzieningen: 'bd1ec0a0-0ecd-4046-8372-dcb6bdfda891',
  geschillen: 'd4e71ef1-a20f-4023-8023-112002f6327c',
  betalenEnInnen: 'cafcc34a-9758-41f8-9742-daab16c2587e',
} as const;

/** Generic resultaattypeomschrijvingen of the Referentielijsten API. */
export const OMSCHRIJVING_GENERIEK = {
  toegekend: 'fb65d251-1518-4185-865f-b8bdcfad07b1',
  afgewezen: 'e6a0c939-3404-45b0-88e3-76c94fb80ea7',
  ingetrokken: 'a6a0bd73-262a-401a-b629-9c4a908c69b5',
} as const;

export interface DemoCatalogus {
  organisationId: string;
  domein: string;
  naam: string;
  contactpersoonBeheerNaam: string;
  contactpersoonBeheerEmailadres: string;
  informatieobjecttypen: {
    key: string;
    omschrijving: string;
    categorie: string;
    vertrouwelijkheid: string;
  }[];
  besluittypen: {
    key: string;
    omschrijving: string;
    categorie: string;
    reactietermijn: string;
    informatieobjecttypen: string[];
  }[];
}

export interface DemoResultaattype {
  omschrijving: string;
  generiek: keyof typeof OMSCHRIJVING_GENERIEK;
  /** uuid of a selectielijst resultaat of the zaaktype's procestype */
  klasse: string;
  toelichting: string;
  brondatum:
    | { afleidingswijze: 'afgehandeld' }
    | { afleidingswijze: 'vervaldatum_besluit' | 'ingangsdatum_besluit'; einddatumBekend?: boolean };
  besluittypen?: string[];
}

export interface DemoZaaktype {
  organisationId: string;
  identificatie: string;
  dienst: {
    naam: string;
    publieksomschrijving: string;
    rechtsgronden: Rechtsgrond[];
    beslistermijn: string;
    streeftermijn: string;
    reactietermijnen: Record<string, string>;
    eigenaarTeam: string;
  };
  omschrijving: string;
  doel: string;
  aanleiding: string;
  onderwerp: string;
  handelingInitiator: string;
  handelingBehandelaar: string;
  vertrouwelijkheidaanduiding: string;
  opschortingEnAanhoudingMogelijk: boolean;
  verlengingstermijn: string | null;
  trefwoorden: string[];
  procestype: string;
  product: string;
  statustypen: { omschrijving: string; statustekst: string; informeren: boolean; doorlooptijd?: string }[];
  resultaattypen: DemoResultaattype[];
  roltypen: { omschrijving: string; generiek: string }[];
  eigenschappen: {
    naam: string;
    definitie: string;
    formaat: 'tekst' | 'getal' | 'datum';
    lengte: string;
    waarden?: string[];
  }[];
  besluittypen: string[];
  informatieobjecttypen: { key: string; richting: 'inkomend' | 'intern' | 'uitgaand' }[];
}

/** The zaaktype entries below share one behandelaar roltype. */
export const behandelaar = { omschrijving: 'Behandelaar', generiek: 'behandelaar' };
