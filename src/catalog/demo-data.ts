import type { Rechtsgrond } from './dienst.ts';

/**
 * The demo catalogue of the three demo organisations: their services with legal basis and service levels,
 * each with a published zaaktype whose statustypen are the milestones the citizen sees (the same names as
 * the case plans in src/cases/plan/definitions). Selectielijst references are uuids of the public
 * selectielijst 2020 (procestypen and resultaten).
 */

const jci = (bwb: string, artikel: string, boek?: string) =>
  `https://wetten.overheid.nl/jci1.3:c:${bwb}${boek ? `&boek=${boek}` : ''}&artikel=${artikel}`;
const BW = 'BWBR0002656';
const AWB = 'BWBR0005537';
const WET_BRP = 'BWBR0033715';
const ZORGTOESLAG = 'BWBR0018451';
const AWIR = 'BWBR0018472';
const INVORDERINGSWET = 'BWBR0004770';
const GEMEENTEWET = 'BWBR0005416';

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

const behandelaar = { omschrijving: 'Behandelaar', generiek: 'behandelaar' };

function bezwaar(
  organisationId: string,
  team: string,
  beslistermijn: 'P6W' | 'P12W',
  product: string,
): DemoZaaktype {
  const metCommissie = beslistermijn === 'P12W';
  return {
    organisationId,
    identificatie: 'BEZWAAR',
    dienst: {
      naam: 'Bezwaar maken',
      publieksomschrijving:
        'Bent u het niet eens met een besluit van ons? Dan kunt u bezwaar maken. Doe dat binnen 6 weken na de datum van het besluit. Wij kijken dan opnieuw naar het besluit. Meestal nodigen wij u uit om uw bezwaar toe te lichten.',
      rechtsgronden: [
        { wet: 'Algemene wet bestuursrecht', artikel: '6:7', url: jci(AWB, '6:7') },
        { wet: 'Algemene wet bestuursrecht', artikel: '7:10', url: jci(AWB, '7:10') },
      ],
      beslistermijn,
      streeftermijn: metCommissie ? 'P10W' : 'P5W',
      reactietermijnen: { telefoon: 'P2D', email: 'P5D', post: 'P10D' },
      eigenaarTeam: team,
    },
    omschrijving: 'Behandeling bezwaarschrift',
    doel: 'Opnieuw en volledig bekijken of een besluit juist is, en zo nodig een nieuw besluit nemen.',
    aanleiding: 'Een belanghebbende maakt bezwaar tegen een besluit.',
    onderwerp: 'Bezwaarschrift',
    handelingInitiator: 'Indienen',
    handelingBehandelaar: 'Beslissen',
    vertrouwelijkheidaanduiding: 'vertrouwelijk',
    opschortingEnAanhoudingMogelijk: true,
    verlengingstermijn: 'P6W',
    trefwoorden: ['bezwaar', 'awb'],
    procestype: PROCESTYPE.geschillen,
    product,
    statustypen: [
      {
        omschrijving: 'Bezwaarschrift ontvangen',
        statustekst: 'Wij hebben uw bezwaarschrift ontvangen.',
        informeren: true,
      },
      {
        omschrijving: 'Uw bezwaar wordt inhoudelijk behandeld',
        statustekst: 'Uw bezwaar is ontvankelijk. Wij bekijken het besluit opnieuw.',
        informeren: true,
        doorlooptijd: 'P2W',
      },
      {
        omschrijving: 'Beslissing op uw bezwaar verzonden',
        statustekst:
          'Wij hebben een beslissing genomen op uw bezwaar. U ontvangt die per post en in uw berichtenbox.',
        informeren: true,
      },
    ],
    resultaattypen: [
      {
        omschrijving: 'Gegrond',
        generiek: 'toegekend',
        klasse: '04c016fb-c7e6-4a77-a214-a504b469bb14',
        toelichting: 'Het bezwaar slaagt: het besluit wordt herroepen of aangepast.',
        brondatum: { afleidingswijze: 'afgehandeld' },
        besluittypen: [`${organisationId}-bob`],
      },
      {
        omschrijving: 'Ongegrond',
        generiek: 'afgewezen',
        klasse: '04c016fb-c7e6-4a77-a214-a504b469bb14',
        toelichting: 'Het besluit blijft in stand.',
        brondatum: { afleidingswijze: 'afgehandeld' },
        besluittypen: [`${organisationId}-bob`],
      },
      {
        omschrijving: 'Niet-ontvankelijk',
        generiek: 'afgewezen',
        klasse: 'd0808272-34e0-468a-bcc0-85b7995df3b4',
        toelichting: 'Het bezwaar voldoet niet aan de eisen, ook niet na herstel van het verzuim.',
        brondatum: { afleidingswijze: 'afgehandeld' },
      },
      {
        omschrijving: 'Ingetrokken',
        generiek: 'ingetrokken',
        klasse: '671e2d55-7416-4d8e-8b99-a2b444044e5a',
        toelichting: 'De indiener heeft het bezwaar ingetrokken.',
        brondatum: { afleidingswijze: 'afgehandeld' },
      },
    ],
    roltypen: [
      { omschrijving: 'Indiener bezwaarschrift', generiek: 'initiator' },
      behandelaar,
      ...(metCommissie ? [{ omschrijving: 'Bezwaarschriftencommissie', generiek: 'adviseur' }] : []),
      { omschrijving: 'Beslisser', generiek: 'beslisser' },
    ],
    eigenschappen: [
      {
        naam: 'datumBesluit',
        definitie: 'De datum van het besluit waartegen bezwaar is gemaakt.',
        formaat: 'datum',
        lengte: '8',
      },
      {
        naam: 'afzienVanHoren',
        definitie: 'Of van het horen wordt afgezien (Awb 7:3).',
        formaat: 'tekst',
        lengte: '3',
        waarden: ['ja', 'nee'],
      },
    ],
    besluittypen: [`${organisationId}-bob`],
    informatieobjecttypen: [
      { key: `${organisationId}-bezwaarschrift`, richting: 'inkomend' },
      { key: `${organisationId}-besluit`, richting: 'uitgaand' },
    ],
  };
}

export const DEMO_ZAAKTYPEN: DemoZaaktype[] = [
  {
    organisationId: 'voorbeeldstad',
    identificatie: 'MELDING-VOORGENOMEN-HUWELIJK',
    dienst: {
      naam: 'Melding voorgenomen huwelijk of partnerschap',
      publieksomschrijving:
        'Wilt u trouwen of een geregistreerd partnerschap aangaan? Meld dat dan bij ons, minstens 2 weken en hoogstens 1 jaar voor de datum. U doet de melding samen met uw partner. Daarna maakt u een afspraak met de trouwambtenaar.',
      rechtsgronden: [
        { wet: 'Burgerlijk Wetboek Boek 1', artikel: '43', url: jci(BW, '43', '1') },
        { wet: 'Burgerlijk Wetboek Boek 1', artikel: '44', url: jci(BW, '44', '1') },
      ],
      beslistermijn: 'P2W',
      streeftermijn: 'P5D',
      reactietermijnen: { telefoon: 'P1D', email: 'P3D', balie: 'PT0S' },
      eigenaarTeam: 'burgerzaken',
    },
    omschrijving: 'Melding voorgenomen huwelijk',
    doel: 'Controleren of een huwelijk of geregistreerd partnerschap mag worden gesloten en de voltrekking voorbereiden.',
    aanleiding:
      'Twee partners melden dat zij willen trouwen of een geregistreerd partnerschap willen aangaan.',
    onderwerp: 'Huwelijk of geregistreerd partnerschap',
    handelingInitiator: 'Melden',
    handelingBehandelaar: 'Controleren',
    vertrouwelijkheidaanduiding: 'zaakvertrouwelijk',
    opschortingEnAanhoudingMogelijk: false,
    verlengingstermijn: null,
    trefwoorden: ['huwelijk', 'partnerschap', 'burgerzaken'],
    procestype: PROCESTYPE.aangiften,
    product: 'https://www.voorbeeldstad.example/trouwen',
    statustypen: [
      {
        omschrijving: 'Melding ontvangen',
        statustekst: 'Wij hebben jullie melding ontvangen.',
        informeren: true,
      },
      {
        omschrijving: 'Uw gegevens zijn gecontroleerd',
        statustekst: 'Wij hebben jullie gegevens gecontroleerd.',
        informeren: true,
        doorlooptijd: 'P5D',
      },
      {
        omschrijving: 'Afspraak met de trouwambtenaar gepland',
        statustekst: 'Jullie afspraak met de trouwambtenaar staat vast.',
        informeren: true,
      },
      {
        omschrijving: 'Besluit over uw melding genomen',
        statustekst: 'Wij hebben een besluit genomen over jullie melding.',
        informeren: true,
      },
    ],
    resultaattypen: [
      {
        omschrijving: 'Melding verwerkt',
        generiek: 'toegekend',
        klasse: 'dc567a5b-343f-40d0-be25-3a3338ce9b9d',
        toelichting: 'Het huwelijk of partnerschap kan worden voltrokken.',
        brondatum: { afleidingswijze: 'afgehandeld' },
      },
      {
        omschrijving: 'Melding geweigerd',
        generiek: 'afgewezen',
        klasse: '79e3022f-5264-4b09-b4ae-ba7df013feb5',
        toelichting: 'Er is een beletsel (bijvoorbeeld een bestaand huwelijk of een schijnhuwelijk).',
        brondatum: { afleidingswijze: 'afgehandeld' },
      },
      {
        omschrijving: 'Melding ingetrokken',
        generiek: 'ingetrokken',
        klasse: 'e0cd86c9-800e-409f-8547-22eee3e36683',
        toelichting: 'De partners hebben de melding ingetrokken.',
        brondatum: { afleidingswijze: 'afgehandeld' },
      },
    ],
    roltypen: [
      { omschrijving: 'Partner (melder)', generiek: 'initiator' },
      { omschrijving: 'Partner', generiek: 'mede_initiator' },
      behandelaar,
      { omschrijving: 'Trouwambtenaar (babs)', generiek: 'adviseur' },
    ],
    eigenschappen: [
      {
        naam: 'gewensteDatum',
        definitie: 'De datum waarop de partners willen trouwen.',
        formaat: 'datum',
        lengte: '8',
      },
      {
        naam: 'soortVerbintenis',
        definitie: 'Huwelijk of geregistreerd partnerschap.',
        formaat: 'tekst',
        lengte: '30',
        waarden: ['huwelijk', 'geregistreerd partnerschap'],
      },
      {
        naam: 'aantalGetuigen',
        definitie: 'Het aantal getuigen (2 tot en met 4 per verbintenis).',
        formaat: 'getal',
        lengte: '1',
      },
    ],
    besluittypen: [],
    informatieobjecttypen: [
      { key: 'voorbeeldstad-aanvraag', richting: 'inkomend' },
      { key: 'voorbeeldstad-bewijsstuk', richting: 'inkomend' },
    ],
  },
  {
    organisationId: 'voorbeeldstad',
    identificatie: 'AANGIFTE-VERHUIZING',
    dienst: {
      naam: 'Verhuizing doorgeven',
      publieksomschrijving:
        'Gaat u verhuizen binnen Nederland? Geef uw nieuwe adres dan door, vanaf 4 weken voor tot uiterlijk 5 dagen na de verhuizing. Wij zetten uw adres in de Basisregistratie Personen (BRP). Andere organisaties krijgen het dan ook.',
      rechtsgronden: [
        { wet: 'Wet basisregistratie personen', artikel: '2.38', url: jci(WET_BRP, '2.38') },
        { wet: 'Wet basisregistratie personen', artikel: '2.39', url: jci(WET_BRP, '2.39') },
      ],
      beslistermijn: 'P4W',
      streeftermijn: 'P5D',
      reactietermijnen: { telefoon: 'P1D', email: 'P3D' },
      eigenaarTeam: 'burgerzaken',
    },
    omschrijving: 'Aangifte verhuizing',
    doel: 'Het nieuwe adres van een inwoner juist en op tijd registreren in de BRP.',
    aanleiding: 'Een inwoner geeft een verhuizing door.',
    onderwerp: 'Adreswijziging',
    handelingInitiator: 'Doorgeven',
    handelingBehandelaar: 'Registreren',
    vertrouwelijkheidaanduiding: 'zaakvertrouwelijk',
    opschortingEnAanhoudingMogelijk: true,
    verlengingstermijn: null,
    trefwoorden: ['verhuizen', 'adres', 'brp'],
    procestype: PROCESTYPE.aangiften,
    product: 'https://www.voorbeeldstad.example/verhuizen',
    statustypen: [
      {
        omschrijving: 'Verhuizing doorgegeven',
        statustekst: 'Wij hebben uw verhuizing ontvangen.',
        informeren: true,
      },
      {
        omschrijving: 'Uw nieuwe adres is geregistreerd',
        statustekst: 'Uw nieuwe adres staat in de BRP.',
        informeren: true,
      },
    ],
    resultaattypen: [
      {
        omschrijving: 'Adres geregistreerd',
        generiek: 'toegekend',
        klasse: '9e710d7d-c8c0-4004-a5ce-58461ca80854',
        toelichting: 'Het nieuwe adres staat in de BRP.',
        brondatum: { afleidingswijze: 'afgehandeld' },
      },
      {
        omschrijving: 'Niet geregistreerd',
        generiek: 'afgewezen',
        klasse: '79e3022f-5264-4b09-b4ae-ba7df013feb5',
        toelichting: 'De aangifte is niet verwerkt, bijvoorbeeld na een adresonderzoek.',
        brondatum: { afleidingswijze: 'afgehandeld' },
      },
      {
        omschrijving: 'Ingetrokken',
        generiek: 'ingetrokken',
        klasse: 'e0cd86c9-800e-409f-8547-22eee3e36683',
        toelichting: 'De inwoner heeft de aangifte ingetrokken.',
        brondatum: { afleidingswijze: 'afgehandeld' },
      },
    ],
    roltypen: [
      { omschrijving: 'Aangever', generiek: 'initiator' },
      { omschrijving: 'Hoofdbewoner (bij inwoning)', generiek: 'belanghebbende' },
      behandelaar,
    ],
    eigenschappen: [
      { naam: 'verhuisdatum', definitie: 'De datum van de verhuizing.', formaat: 'datum', lengte: '8' },
      {
        naam: 'aantalPersonen',
        definitie: 'Het aantal personen dat meeverhuist.',
        formaat: 'getal',
        lengte: '2',
      },
      {
        naam: 'inwoning',
        definitie: 'Of de aangever bij een hoofdbewoner gaat inwonen.',
        formaat: 'tekst',
        lengte: '3',
        waarden: ['ja', 'nee'],
      },
    ],
    besluittypen: [],
    informatieobjecttypen: [
      { key: 'voorbeeldstad-aanvraag', richting: 'inkomend' },
      { key: 'voorbeeldstad-bewijsstuk', richting: 'inkomend' },
    ],
  },
  {
    organisationId: 'toeslagen',
    identificatie: 'AANVRAAG-ZORGTOESLAG',
    dienst: {
      naam: 'Zorgtoeslag aanvragen',
      publieksomschrijving:
        'Zorgtoeslag is een bijdrage in de kosten van uw zorgverzekering. Of u het krijgt en hoeveel, hangt af van uw inkomen en vermogen. Vraag het aan voor 1 september van het jaar erna. Wij betalen elke maand een voorschot.',
      rechtsgronden: [
        { wet: 'Wet op de zorgtoeslag', artikel: '2', url: jci(ZORGTOESLAG, '2') },
        { wet: 'Algemene wet inkomensafhankelijke regelingen', artikel: '15', url: jci(AWIR, '15') },
        { wet: 'Algemene wet inkomensafhankelijke regelingen', artikel: '16', url: jci(AWIR, '16') },
      ],
      beslistermijn: 'P8W',
      streeftermijn: 'P5W',
      reactietermijnen: { telefoon: 'PT4H', email: 'P5D', post: 'P10D' },
      eigenaarTeam: 'zorgtoeslag',
    },
    omschrijving: 'Aanvraag zorgtoeslag',
    doel: 'Vaststellen of iemand recht heeft op zorgtoeslag en het voorschot bepalen.',
    aanleiding: 'Een burger vraagt zorgtoeslag aan.',
    onderwerp: 'Zorgtoeslag',
    handelingInitiator: 'Aanvragen',
    handelingBehandelaar: 'Beoordelen',
    vertrouwelijkheidaanduiding: 'vertrouwelijk',
    opschortingEnAanhoudingMogelijk: true,
    verlengingstermijn: 'P8W',
    trefwoorden: ['zorgtoeslag', 'toeslag', 'awir'],
    procestype: PROCESTYPE.voorzieningen,
    product: 'https://toeslagen.example/zorgtoeslag',
    statustypen: [
      {
        omschrijving: 'Aanvraag ontvangen',
        statustekst: 'Wij hebben uw aanvraag voor zorgtoeslag ontvangen.',
        informeren: true,
      },
      {
        omschrijving: 'Aanvraag in behandeling',
        statustekst: 'Wij beoordelen uw aanvraag. Soms vragen wij u om meer informatie.',
        informeren: true,
        doorlooptijd: 'P3W',
      },
      {
        omschrijving: 'Beschikking verstuurd',
        statustekst: 'U heeft onze beschikking ontvangen. Daarin staat of u zorgtoeslag krijgt en hoeveel.',
        informeren: true,
      },
    ],
    resultaattypen: [
      {
        omschrijving: 'Toegekend',
        generiek: 'toegekend',
        klasse: 'c61aa1a8-1583-433b-a889-b3f0d53383ba',
        toelichting:
          'Er is recht op zorgtoeslag; het dossier telt tot de definitieve berekening is vervallen.',
        brondatum: { afleidingswijze: 'vervaldatum_besluit', einddatumBekend: true },
        besluittypen: ['toeslagen-zorgtoeslag'],
      },
      {
        omschrijving: 'Afgewezen',
        generiek: 'afgewezen',
        klasse: 'e2068367-1012-4795-984e-72901180ff80',
        toelichting: 'Er is geen recht op zorgtoeslag.',
        brondatum: { afleidingswijze: 'afgehandeld' },
        besluittypen: ['toeslagen-zorgtoeslag'],
      },
      {
        omschrijving: 'Ingetrokken',
        generiek: 'ingetrokken',
        klasse: 'a3388f94-be2c-440d-a03a-dd31f42bf0bd',
        toelichting: 'De aanvrager heeft de aanvraag ingetrokken.',
        brondatum: { afleidingswijze: 'afgehandeld' },
      },
    ],
    roltypen: [
      { omschrijving: 'Aanvrager', generiek: 'initiator' },
      { omschrijving: 'Toeslagpartner', generiek: 'belanghebbende' },
      behandelaar,
      { omschrijving: 'Tweede lezer', generiek: 'beslisser' },
    ],
    eigenschappen: [
      {
        naam: 'berekeningsjaar',
        definitie: 'Het jaar waarover zorgtoeslag wordt gevraagd.',
        formaat: 'getal',
        lengte: '4',
      },
      {
        naam: 'toetsingsinkomen',
        definitie: 'Het verwachte toetsingsinkomen in euro’s.',
        formaat: 'getal',
        lengte: '9',
      },
      {
        naam: 'heeftToeslagpartner',
        definitie: 'Of de aanvrager een toeslagpartner heeft.',
        formaat: 'tekst',
        lengte: '3',
        waarden: ['ja', 'nee'],
      },
    ],
    besluittypen: ['toeslagen-zorgtoeslag'],
    informatieobjecttypen: [
      { key: 'toeslagen-aanvraag', richting: 'inkomend' },
      { key: 'toeslagen-bewijsstuk', richting: 'inkomend' },
      { key: 'toeslagen-besluit', richting: 'uitgaand' },
    ],
  },
  {
    organisationId: 'voorbeeldstad',
    identificatie: 'KWIJTSCHELDING-GEMEENTELIJKE-BELASTINGEN',
    dienst: {
      naam: 'Kwijtschelding gemeentelijke belastingen',
      publieksomschrijving:
        'Kunt u de gemeentelijke belastingen niet betalen omdat u een laag inkomen heeft? Dan kunt u vragen of u ze niet hoeft te betalen. Dat heet kwijtschelding. Stuur uw bewijsstukken mee, dan beslissen wij sneller.',
      rechtsgronden: [
        { wet: 'Gemeentewet', artikel: '255', url: jci(GEMEENTEWET, '255') },
        { wet: 'Invorderingswet 1990', artikel: '26', url: jci(INVORDERINGSWET, '26') },
        { wet: 'Algemene wet bestuursrecht', artikel: '4:13', url: jci(AWB, '4:13') },
      ],
      beslistermijn: 'P8W',
      streeftermijn: 'P4W',
      reactietermijnen: { telefoon: 'P1D', email: 'P3D' },
      eigenaarTeam: 'belastingen',
    },
    omschrijving: 'Kwijtschelding gemeentelijke belastingen',
    doel: 'Beoordelen of iemand met een laag inkomen zijn gemeentelijke belastingen niet hoeft te betalen.',
    aanleiding: 'Een inwoner vraagt kwijtschelding van een aanslag gemeentelijke belastingen.',
    onderwerp: 'Kwijtschelding',
    handelingInitiator: 'Verzoeken',
    handelingBehandelaar: 'Beoordelen',
    vertrouwelijkheidaanduiding: 'vertrouwelijk',
    opschortingEnAanhoudingMogelijk: true,
    verlengingstermijn: 'P4W',
    trefwoorden: ['kwijtschelding', 'belastingen'],
    procestype: PROCESTYPE.verzoeken,
    product: 'https://www.voorbeeldstad.example/kwijtschelding',
    statustypen: [
      {
        omschrijving: 'Verzoek ontvangen',
        statustekst: 'Wij hebben uw verzoek om kwijtschelding ontvangen.',
        informeren: true,
      },
      {
        omschrijving: 'Verzoek in behandeling',
        statustekst: 'Wij beoordelen uw verzoek. Ontbreekt er iets, dan vragen wij het u.',
        informeren: true,
        doorlooptijd: 'P3W',
      },
      {
        omschrijving: 'Besluit verzonden',
        statustekst: 'Wij hebben besloten over uw verzoek. U krijgt het besluit per post.',
        informeren: true,
      },
    ],
    resultaattypen: [
      {
        omschrijving: 'Kwijtschelding verleend',
        generiek: 'toegekend',
        klasse: 'aa0259b0-9548-4dc8-a9aa-f0afd54eafa0',
        toelichting: 'De aanslag hoeft (deels) niet betaald te worden.',
        brondatum: { afleidingswijze: 'afgehandeld' },
        besluittypen: ['voorbeeldstad-kwijtschelding'],
      },
      {
        omschrijving: 'Kwijtschelding afgewezen',
        generiek: 'afgewezen',
        klasse: '82d2ef7e-a074-42dd-871e-ea8735fee77a',
        toelichting: 'Er is te veel betalingscapaciteit of vermogen.',
        brondatum: { afleidingswijze: 'afgehandeld' },
        besluittypen: ['voorbeeldstad-kwijtschelding'],
      },
      {
        omschrijving: 'Verzoek ingetrokken',
        generiek: 'ingetrokken',
        klasse: 'f9606a6a-51f1-4ea5-a385-f8f14f25e623',
        toelichting: 'De inwoner heeft het verzoek ingetrokken.',
        brondatum: { afleidingswijze: 'afgehandeld' },
      },
    ],
    roltypen: [
      { omschrijving: 'Verzoeker', generiek: 'initiator' },
      behandelaar,
      { omschrijving: 'Beslisser', generiek: 'beslisser' },
    ],
    eigenschappen: [
      { naam: 'belastingjaar', definitie: 'Het jaar van de aanslag.', formaat: 'getal', lengte: '4' },
      {
        naam: 'aanslagnummer',
        definitie: 'Het nummer van de aanslag gemeentelijke belastingen.',
        formaat: 'tekst',
        lengte: '20',
      },
    ],
    besluittypen: ['voorbeeldstad-kwijtschelding'],
    informatieobjecttypen: [
      { key: 'voorbeeldstad-aanvraag', richting: 'inkomend' },
      { key: 'voorbeeldstad-bewijsstuk', richting: 'inkomend' },
      { key: 'voorbeeldstad-besluit', richting: 'uitgaand' },
    ],
  },
  {
    organisationId: 'incasso',
    identificatie: 'BETALINGSREGELING',
    dienst: {
      naam: 'Betalingsregeling en herinneringen',
      publieksomschrijving:
        'Kunt u een bedrag niet in één keer betalen? Vraag dan een betalingsregeling aan. U betaalt dan in termijnen. Zolang u zich aan de regeling houdt, sturen wij geen herinneringen en komen er geen kosten bij.',
      rechtsgronden: [
        { wet: 'Algemene wet bestuursrecht', artikel: '4:94', url: jci(AWB, '4:94') },
        { wet: 'Algemene wet bestuursrecht', artikel: '4:112', url: jci(AWB, '4:112') },
        { wet: 'Invorderingswet 1990', artikel: '25', url: jci(INVORDERINGSWET, '25') },
      ],
      beslistermijn: 'P6W',
      streeftermijn: 'P2W',
      reactietermijnen: { telefoon: 'PT4H', email: 'P2D', post: 'P5D' },
      eigenaarTeam: 'invordering',
    },
    omschrijving: 'Betalingsregeling',
    doel: 'Een betaalbare regeling treffen voor een openstaand bedrag, zodat schulden niet oplopen.',
    aanleiding: 'Een burger vraagt een betalingsregeling of reageert op een herinnering.',
    onderwerp: 'Betalingsregeling',
    handelingInitiator: 'Aanvragen',
    handelingBehandelaar: 'Regelen',
    vertrouwelijkheidaanduiding: 'vertrouwelijk',
    opschortingEnAanhoudingMogelijk: true,
    verlengingstermijn: null,
    trefwoorden: ['betalingsregeling', 'herinnering', 'invordering'],
    procestype: PROCESTYPE.betalenEnInnen,
    product: 'https://incasso.example/betalingsregeling',
    statustypen: [
      {
        omschrijving: 'Verzoek ontvangen',
        statustekst:
          'Wij hebben uw verzoek om een betalingsregeling ontvangen. Zolang wij het behandelen, sturen wij geen herinneringen.',
        informeren: true,
      },
      {
        omschrijving: 'Regeling voorgesteld',
        statustekst: 'Wij hebben u een regeling voorgesteld. Laat ons weten of die past.',
        informeren: true,
        doorlooptijd: 'P2W',
      },
      {
        omschrijving: 'Regeling getroffen',
        statustekst: 'De betalingsregeling is ingegaan.',
        informeren: true,
      },
      {
        omschrijving: 'Afgerond',
        statustekst: 'Het bedrag is betaald. Er staat niets meer open.',
        informeren: true,
      },
    ],
    resultaattypen: [
      {
        omschrijving: 'Volledig betaald',
        generiek: 'toegekend',
        klasse: '9c2700ce-201d-4115-bcdb-c178099b4894',
        toelichting: 'Het bedrag is via de regeling volledig betaald.',
        brondatum: { afleidingswijze: 'afgehandeld' },
        besluittypen: ['incasso-regeling'],
      },
      {
        omschrijving: 'Niet betaald',
        generiek: 'afgewezen',
        klasse: 'b5c3e8ad-4aba-44b2-ac23-39cf46a2c52a',
        toelichting: 'Er kwam geen regeling tot stand of de regeling is niet nagekomen.',
        brondatum: { afleidingswijze: 'afgehandeld' },
        besluittypen: ['incasso-regeling'],
      },
      {
        omschrijving: 'Ingetrokken',
        generiek: 'ingetrokken',
        klasse: '271d9e9b-aecf-4aa2-97c3-962ba09d536d',
        toelichting: 'De aanvrager heeft het verzoek ingetrokken.',
        brondatum: { afleidingswijze: 'afgehandeld' },
      },
    ],
    roltypen: [
      { omschrijving: 'Schuldenaar', generiek: 'initiator' },
      behandelaar,
      { omschrijving: 'Schuldhulpverlener', generiek: 'belanghebbende' },
    ],
    eigenschappen: [
      {
        naam: 'openstaandBedrag',
        definitie: 'Het bedrag dat nog betaald moet worden, in euro’s.',
        formaat: 'getal',
        lengte: '9',
      },
      {
        naam: 'aantalTermijnen',
        definitie: 'Het aantal maandelijkse termijnen van de regeling.',
        formaat: 'getal',
        lengte: '3',
      },
    ],
    besluittypen: ['incasso-regeling'],
    informatieobjecttypen: [
      { key: 'incasso-aanvraag', richting: 'inkomend' },
      { key: 'incasso-besluit', richting: 'uitgaand' },
    ],
  },
  bezwaar('voorbeeldstad', 'juridische-zaken', 'P12W', 'https://www.voorbeeldstad.example/bezwaar'),
  bezwaar('toeslagen', 'juridische-zaken', 'P6W', 'https://toeslagen.example/bezwaar'),
  bezwaar('incasso', 'juridische-zaken', 'P6W', 'https://incasso.example/bezwaar'),
];
