import type { LifeEvent } from '../engine/life-events.ts';

/**
 * The demo's life events. Each spans the municipality and the benefits organisation; the services are the
 * demo catalogue's zaaktypen (src/catalog/demo-data/), the plans those of src/cases/plan/definitions.
 */

const inkomenBekend = {
  key: 'inkomenBekend',
  label: 'Weet u ongeveer wat u dit jaar samen gaat verdienen?',
  type: 'boolean',
  required: true,
} as const;

export const DEMO_LIFE_EVENTS: LifeEvent[] = [
  {
    id: 'we-gaan-trouwen',
    name: 'We gaan trouwen',
    description:
      'U gaat trouwen of een geregistreerd partnerschap aangaan. U meldt dit één keer. De gemeente regelt de melding en de afspraak met de trouwambtenaar. Dienst Toeslagen kijkt wat er verandert aan uw zorgtoeslag, want uw partner wordt uw toeslagpartner.',
    questions: [
      { key: 'partnerBsn', label: 'Het burgerservicenummer van uw partner', type: 'bsn', required: true },
      { key: 'gewensteDatum', label: 'Op welke datum wilt u trouwen?', type: 'date', required: true },
      {
        key: 'geborenBuitenland',
        label: 'Is een van u beiden buiten Nederland geboren?',
        type: 'boolean',
        required: true,
      },
      inkomenBekend,
    ],
    services: [
      {
        key: 'melding',
        organisationId: 'voorbeeldstad',
        zaaktype: 'MELDING-VOORGENOMEN-HUWELIJK',
        data: {
          'partners.partnerBsn': 'partnerBsn',
          'partners.buitenlandseGeboorte': 'geborenBuitenland',
          'melding.gewensteDatum': 'gewensteDatum',
        },
        fixed: { partners: { aantal: 2 }, melding: { ingetrokken: false } },
        why: 'U meldt uw huwelijk bij de gemeente.',
      },
      {
        key: 'zorgtoeslag',
        organisationId: 'toeslagen',
        zaaktype: 'AANVRAAG-ZORGTOESLAG',
        data: { 'inkomen.bekend': 'inkomenBekend', 'aanvrager.toeslagpartnerBsn': 'partnerBsn' },
        fixed: { verzekering: { actief: true } },
        why: 'Uw partner wordt uw toeslagpartner. Daardoor verandert uw zorgtoeslag.',
      },
    ],
  },
  {
    id: 'ik-ga-verhuizen',
    name: 'Ik ga verhuizen',
    description:
      'U gaat verhuizen. U geeft uw nieuwe adres één keer door. De gemeente schrijft u in op het nieuwe adres. Dienst Toeslagen kijkt of uw zorgtoeslag nog klopt in uw nieuwe situatie.',
    questions: [
      { key: 'nieuwAdres', label: 'Wat is uw nieuwe adres?', type: 'text', required: true },
      { key: 'verhuisdatum', label: 'Wanneer verhuist u?', type: 'date', required: true },
      {
        key: 'inwoning',
        label: 'Gaat u wonen bij iemand die daar al woont?',
        type: 'boolean',
        required: true,
      },
      inkomenBekend,
    ],
    services: [
      {
        key: 'verhuizing',
        organisationId: 'voorbeeldstad',
        zaaktype: 'AANGIFTE-VERHUIZING',
        data: { 'adres.nieuw': 'nieuwAdres', 'adres.verhuisdatum': 'verhuisdatum', inwoning: 'inwoning' },
        fixed: { bewijsNodig: false },
        why: 'U geeft uw nieuwe adres door aan de gemeente.',
      },
      {
        key: 'zorgtoeslag',
        organisationId: 'toeslagen',
        zaaktype: 'AANVRAAG-ZORGTOESLAG',
        data: { 'inkomen.bekend': 'inkomenBekend' },
        fixed: { verzekering: { actief: true } },
        why: 'Na een verhuizing kan uw zorgtoeslag veranderen. Wij kijken of die nog klopt.',
      },
    ],
  },
];
