import { BW, behandelaar, type DemoZaaktype, jci, PROCESTYPE, WET_BRP } from './types.ts';

/** Gemeente Voorbeeldstad: the marriage notice and the change of address. */

export const ZAAKTYPEN: DemoZaaktype[] = [
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
];
