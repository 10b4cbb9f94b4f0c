/** What professionals read when they review a decision after a correction (Dutch, B1). */
export const reviewTexts = {
  notFound: 'Deze beoordeling bestaat niet bij uw organisatie.',
  alreadyDone: 'Deze beoordeling is al afgerond.',
  choiceRequired: 'Kies of u de nieuwe uitkomst overneemt of de oude houdt.',
  motivationRequired: 'Schrijf op waarom u de oude uitkomst houdt (minstens 10 tekens).',
  noNewOutcome:
    'Er is geen nieuwe uitkomst: de regel kon niet opnieuw worden toegepast. Houd de oude uitkomst en leg uit waarom, of neem een nieuwe beslissing in de zaak.',
  purpose: 'Beslissing opnieuw beoordelen na correctie van een gegeven',
} as const;
