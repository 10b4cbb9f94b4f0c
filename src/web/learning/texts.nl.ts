/** What professionals read on the signal, insight and correction pages (Dutch, B1). */
export const learningTexts = {
  nav: {
    help: 'Hulp',
  },
  signals: {
    title: 'Signalen',
    intro:
      'Klopt er iets niet? Geef een signaal. Het gaat naar de eigenaar van de dienst of van het gegeven. U ziet hier wat er met uw signaal gebeurt.',
    raise: 'Signaal geven: er klopt iets niet',
    mine: 'Mijn signalen',
    mineEmpty: 'U hebt nog geen signalen gegeven.',
    forUs: 'Signalen voor onze organisatie',
    forUsEmpty: 'Er zijn geen signalen voor uw organisatie.',
    columns: {
      summary: 'Wat klopt er niet',
      about: 'Over',
      owner: 'Eigenaar',
      raisedBy: 'Gegeven door',
      date: 'Datum',
      status: 'Status',
    },
    helpLink: 'Hoe zeg ik wat er mis is? Woorden om te escaleren',
  },
  raise: {
    title: 'Signaal geven',
    intro:
      'U merkt dat er iets mis is of mis dreigt te gaan. Dat gevoel is belangrijk. Beschrijf wat u ziet. De eigenaar moet erop reageren, en u ziet wat er gebeurt.',
    forCase: (identificatie: string) => `Dit signaal gaat over zaak ${identificatie}.`,
    process: 'Bij welk deel van de dienst gaat het mis?',
    processHint: 'Dit zijn de vijf stappen die elke dienst heeft.',
    failure: 'Wat gaat er mis?',
    owner: 'Over welke dienst of welk gegeven gaat het?',
    ownerHint:
      'Kies een dienst: het signaal gaat naar het team dat eigenaar is. Gaat het om een gegeven van een andere organisatie? Kies dan die organisatie als bron.',
    ownerDiensten: 'Diensten',
    ownerSources: 'Gegevensbron (organisatie)',
    summary: 'Wat klopt er niet? (kort)',
    summaryHint: 'Bijvoorbeeld: "Aanmaning terwijl de markering is ingetrokken".',
    description: 'Beschrijf wat u zag',
    descriptionHint:
      'Wat gebeurde er, bij welke inwoner of zaak (geen BSN nodig), en wat is het gevolg voor de inwoner? Wat denkt u dat de oorzaak is?',
    submit: 'Signaal versturen',
    cancel: 'Terug naar signalen',
    sent: 'Uw signaal is verstuurd naar de eigenaar.',
  },
  detail: {
    title: (summary: string) => `Signaal: ${summary}`,
    status: 'Status',
    whatNext: 'Wat gebeurt er nu?',
    process: 'Deel van de dienst',
    failure: 'Wat ging er mis',
    owner: 'Eigenaar',
    dienst: 'Dienst',
    case: 'Zaak',
    raisedBy: 'Gegeven door',
    raisedAt: 'Gegeven op',
    description: 'Beschrijving',
    improvement: 'Verbeterpunt (de oorzaak oplossen)',
    improvementNone: 'Nog niet gekoppeld aan een verbeterpunt.',
    improvementStatus: { open: 'open', closed: 'afgerond' } as Record<string, string>,
    history: 'Wat er is gebeurd',
    historyColumns: { when: 'Wanneer', who: 'Wie', what: 'Wat', note: 'Toelichting' },
    handle: 'Behandelen als eigenaar',
    newStatus: 'Nieuwe status',
    response: 'Reactie aan wie het signaal gaf',
    responseHint: 'Wat hebt u gedaan of gaat u doen? Bij "Opgelost" of "Niet overgenomen" schrijft u waarom.',
    save: 'Reactie opslaan',
    link: 'Koppelen aan een verbeterpunt',
    linkIntro:
      'Los het probleem voor deze inwoner op (het symptoom) én de oorzaak, zodat het de volgende niet overkomt. Koppel het signaal aan een verbeterpunt.',
    existing: 'Bestaand verbeterpunt',
    existingNone: 'Nieuw verbeterpunt maken',
    cause: 'Oorzaak (voor een nieuw verbeterpunt)',
    causeHint: 'Wat is volgens u de oorzaak? Schrijf het zo dat een collega het begrijpt.',
    linkSubmit: 'Koppelen',
    saved: 'Opgeslagen.',
    notOwner: 'U kunt dit signaal volgen. Alleen de eigenaar kan het behandelen.',
  },
  help: {
    title: 'Hulp bij signalen: de woorden om te escaleren',
    intro:
      'U voelt vaak als eerste dat er iets niet klopt. Deze woorden helpen u om uit te leggen wat er mis is en wie er iets aan moet doen.',
    stepsTitle: 'Zo beschrijft u het',
    steps: [
      'Wat zag u? Beschrijf wat er gebeurde, niet wat u vindt.',
      'Bij welke stap van de dienst? Afspreken, wijzigen, herstellen, uitvoeren of verbeteren.',
      'Wat ging er mis? De vraag, de regel, een gegeven, de beslissing, de uitvoering of de uitleg.',
      'Wat is het gevolg voor de inwoner? Bijvoorbeeld: geld te laat, een onterechte brief, zorgen.',
      'Wie is eigenaar? Het team van de dienst, of de organisatie waar het gegeven vandaan komt.',
    ],
    exampleTitle: 'Een voorbeeld',
    example:
      '"Bij het herstellen van een fout ging het mis: een gegeven klopt niet. Mevrouw kreeg een aanmaning, terwijl de markering al was ingetrokken. Daardoor maakt zij zich zorgen en betaalt zij misschien onterecht. Ik vraag de eigenaar van het gegeven om de koppeling met de invordering te controleren."',
    processesTitle: 'De vijf stappen van elke dienst',
    failuresTitle: 'Wat er mis kan gaan',
    contactTitle: 'Liever met iemand praten?',
    contact: (name: string, phone: string | null) =>
      phone
        ? `Bel de servicedesk van ${name}: ${phone}. Of vraag uw teamleider of functioneel beheerder.`
        : `Vraag uw teamleider of functioneel beheerder van ${name}.`,
  },
} as const;
