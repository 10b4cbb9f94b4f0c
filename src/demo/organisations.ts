import type { Organisation } from '../platform/organisations.ts';

/** Three invented organisations: the toeslagen story runs across all three. */
export const DEMO_ORGANISATIONS: Organisation[] = [
  {
    id: 'voorbeeldstad',
    name: 'Gemeente Voorbeeldstad',
    kind: 'gemeente',
    rsin: '002564440',
    phone: '14 0123',
    openingHours: 'Maandag tot en met vrijdag van 8.30 tot 17.00 uur',
    website: 'https://www.voorbeeldstad.example',
  },
  {
    id: 'toeslagen',
    name: 'Dienst Toeslagen (demo)',
    kind: 'uitvoeringsorganisatie',
    rsin: '002564452',
    phone: '0800 0123',
    openingHours: 'Maandag tot en met vrijdag van 8.00 tot 20.00 uur',
    website: 'https://toeslagen.example',
  },
  {
    id: 'incasso',
    name: 'Centraal Incassobureau (demo)',
    kind: 'uitvoeringsorganisatie',
    rsin: '002564464',
    phone: '0800 0456',
    openingHours: 'Maandag tot en met vrijdag van 9.00 tot 17.00 uur',
    website: 'https://incasso.example',
  },
];

/** A ZGW API client for trying the APIs in the demo (printed at start). Never used outside demo mode. */
export const DEMO_API_CLIENT = {
  clientId: 'loket-demo',
  secret: 'loket-demo-geheim',
  organisationId: 'voorbeeldstad',
};
