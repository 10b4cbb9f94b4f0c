import { AWIR, behandelaar, type DemoZaaktype, jci, PROCESTYPE, ZORGTOESLAG } from './types.ts';

/** Dienst Toeslagen: zorgtoeslag. */

export const ZAAKTYPEN: DemoZaaktype[] = [
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
];
