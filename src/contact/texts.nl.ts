/** Words of the contact module that people read (Dutch, B1): kinds, outcomes, channels, e-mails. */
export const contactTexts = {
  kinds: {
    terugbellen: 'Terugbelverzoek',
    'afspraak-balie': 'Afspraak aan de balie',
    'afspraak-video': 'Afspraak via video',
  },
  outcomes: {
    reached: 'Wij hebben u gesproken',
    'not-reached': 'Wij konden u niet bereiken',
  },
  channels: {
    telefoon: 'Telefoon',
    balie: 'Balie',
    video: 'Video',
    'e-mail': 'E-mail',
    brief: 'Brief',
    portaal: 'Loket',
  },
  preferredTimes: {
    ochtend: 'In de ochtend (9.00 tot 12.00 uur)',
    middag: 'In de middag (12.00 tot 17.00 uur)',
    'geen-voorkeur': 'Geen voorkeur',
  },
  aboutCase: (identificatie: string, service: string) => `Zaak ${identificatie}: ${service}`,
  aboutService: (service: string, organisation: string) => `${service} (${organisation})`,
  aboutOrganisation: (organisation: string) => `Een andere vraag aan ${organisation}`,
  processing: {
    purposeRequest: 'Een inwoner terugbellen of een afspraak maken op zijn verzoek',
    purposeHandle: 'Het terugbelverzoek van een inwoner afhandelen',
    purposeHistory: 'Laten zien welk contact er met de inwoner was',
    purposeMail: 'De inwoner per e-mail laten weten dat er een bericht klaarstaat',
    legalBasis: 'Awb art. 2:1 en 2:4 (dienstverlening, zorgvuldig handelen)',
  },
  mail: {
    subject: (what: string) => `Nieuw bericht in Loket: ${what}`,
    body: (what: string, organisation: string) =>
      `Beste inwoner,\n\nEr staat een nieuw bericht voor u klaar in Loket: ${what}.\n` +
      `Het bericht komt van ${organisation}.\n\nLog in op Loket om het bericht te lezen.\n` +
      'In deze e-mail staan geen persoonlijke gegevens. Zo blijven uw gegevens veilig.\n\nMet vriendelijke groet,\nLoket',
    caseNotice: 'uw zaak duurt langer',
    decision: 'er is een besluit genomen',
    citizenTask: 'wij vragen u iets te doen',
    personMessage: 'uw gegevens zijn aangepast',
    contactClosed: 'uw terugbelverzoek is afgehandeld',
  },
} as const;
