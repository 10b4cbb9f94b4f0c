import { AWB, behandelaar, type DemoZaaktype, jci, PROCESTYPE } from './types.ts';

/** Objection (bezwaar) against a decision: the same zaaktype for each demo organisation. */

export function bezwaar(
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
