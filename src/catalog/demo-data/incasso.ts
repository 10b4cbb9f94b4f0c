import {
  AWB,
  behandelaar,
  type DemoZaaktype,
  GEMEENTEWET,
  INVORDERINGSWET,
  jci,
  PROCESTYPE,
} from './types.ts';

/** Incassobureau: kwijtschelding and the payment arrangement. */

export const ZAAKTYPEN: DemoZaaktype[] = [
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
];
