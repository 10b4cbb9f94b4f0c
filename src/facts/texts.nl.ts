/** What people read from the facts module (Dutch, B1). */
export const factTexts = {
  unknownFact: 'Dit gegeven bestaat niet (of niet in deze versie).',
  notCurrent: 'Dit gegeven is al gecorrigeerd of ingetrokken. Gebruik de nieuwste versie.',
  markerMissing: (field: string) =>
    `Een markering moet ${field} hebben. Zonder dat mag Loket haar niet vastleggen.`,
  markerFields: {
    legalBasis: 'een wettelijke grondslag',
    team: 'een team dat eigenaar is',
    author: 'een auteur',
    reason: 'een reden',
    expiresOn: 'een einddatum',
    retentionUntil: 'een bewaartermijn',
    contact: 'een contactpersoon of -adres voor de persoon zelf',
  },
  expiryInPast: 'De einddatum van een markering moet in de toekomst liggen.',
  subjectRequired: 'Zeg over wie en over welk gegeven de melding gaat.',
  explanationRequired: 'Leg uit wat er volgens u niet klopt.',
  reasonRequired: 'Schrijf op waarom het gegeven wordt gecorrigeerd of ingetrokken.',
  holdReason: 'Er is een melding dat een gegeven niet klopt. Tot dat is uitgezocht, gebeurt er niets.',
  holdAfterCorrection: 'Het gegeven waarop dit rustte, is gecorrigeerd. Een medewerker bekijkt het opnieuw.',
  message: {
    subject: 'Er is een fout in uw gegevens hersteld',
    body: (o: {
      attribute: string;
      owner: string;
      changed: number;
      unchanged: number;
      onHold: number;
      by: string;
    }) =>
      [
        `${o.owner} had een gegeven over u dat niet klopte: "${o.attribute}". Dat is nu hersteld.`,
        `Wij hebben alle beslissingen opnieuw bekeken die dit gegeven gebruikten.`,
        o.changed > 0
          ? `Bij ${o.changed} beslissing(en) verandert de uitkomst. Een medewerker kijkt daar nu naar. U hoort uiterlijk ${o.by} wat dit voor u betekent.`
          : 'Bij geen enkele beslissing verandert de uitkomst.',
        o.unchanged > 0 ? `Bij ${o.unchanged} beslissing(en) blijft de uitkomst hetzelfde.` : '',
        o.onHold > 0 ? `Lopende gevolgen, zoals aanmaningen, zijn stopgezet (${o.onHold}).` : '',
        'Heeft u vragen? Bel ons of kom langs. U kunt altijd met een medewerker praten.',
      ]
        .filter(Boolean)
        .join(' '),
  },
  improvementCause: (attribute: string) =>
    `Een onjuist gegeven "${attribute}" is gecorrigeerd. Zoek uit hoe het onjuist werd vastgelegd, zodat het de volgende persoon niet overkomt.`,
} as const;
