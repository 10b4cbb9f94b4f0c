/** Every word of the citizen portal, in Dutch at B1 level. */

const dateTimeFormat = new Intl.DateTimeFormat('nl-NL', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/Amsterdam',
});

const dayFormat = new Intl.DateTimeFormat('nl-NL', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/Amsterdam',
});

export const portalTexts = {
  organisation: 'Mijn Loket',
  nav: {
    home: 'Overzicht',
    messages: 'Berichten',
    start: 'Iets regelen',
    data: 'Mijn gegevens',
  },
  actingFor: (bsn: string) => `U regelt dit voor iemand anders (BSN eindigt op ${bsn.slice(-3)}).`,
  formatDateTime: (iso: string) => dateTimeFormat.format(new Date(iso)),
  /** A day (YYYY-MM-DD) as "14 maart 2026". */
  formatDay: (day: string) => dayFormat.format(new Date(`${day}T12:00:00Z`)),

  home: {
    title: 'Mijn overzicht',
    welcome: (name: string) => `Welkom, ${name}`,
    attention: 'Dit vraagt uw aandacht',
    nothingNeeded: 'Er is nu niets wat u hoeft te doen. Wij laten het u weten als dat verandert.',
    tasksHeading: 'Taken voor u',
    unreadMessages: (n: number) => (n === 1 ? 'U hebt 1 nieuw bericht.' : `U hebt ${n} nieuwe berichten.`),
    decisionsToRead: (n: number) =>
      n === 1
        ? 'Er is 1 besluit dat u nog niet hebt gelezen.'
        : `Er zijn ${n} besluiten die u nog niet hebt gelezen.`,
    decision: (subject: string, from: string) => `${subject} (${from})`,
    readMessages: 'Lees uw berichten',
    casesHeading: 'Mijn zaken',
    noCases: 'U hebt nog geen zaken.',
    closedCases: (n: number) => `en ${n} afgeronde zaken`,
    lifeEventsHeading: 'Wat er verandert in mijn leven',
    lifeEventProgress: (done: number, total: number) => `${done} van de ${total} organisaties zijn klaar.`,
    startSomething: 'Iets nieuws regelen',
    caseColumns: {
      case: 'Zaak',
      organisation: 'Organisatie',
      status: 'Hoe staat het ervoor',
      since: 'Begonnen op',
    },
    casesCaption: 'Uw zaken die nog lopen, bij alle organisaties',
    task: (task: string, organisation: string) => `${task} (${organisation})`,
  },

  caseStatus: {
    active: 'Wij zijn bezig',
    waiting: 'Wij wachten op u',
    completed: 'Afgerond',
    terminated: 'Gestopt',
  } as Record<string, string>,

  casePage: {
    title: (name: string) => name,
    number: 'Zaaknummer',
    organisation: 'Organisatie',
    started: 'Begonnen op',
    progress: 'Hoe staat uw zaak ervoor?',
    tasks: 'Wat u moet doen',
    noTasks: 'U hoeft nu niets te doen.',
    documents: 'Documenten',
    noDocuments: 'Er zijn nog geen documenten bij deze zaak.',
    decisions: 'Besluiten',
    noDecisions: 'Er is nog geen besluit.',
    readDecision: 'Lees het besluit en de uitleg',
    notices: 'Berichten over deze zaak',
    history: 'Contact en geschiedenis',
    historyCaption: 'Wat er met uw zaak is gebeurd',
    historyColumns: { when: 'Wanneer', what: 'Wat' },
    contact: 'Vragen over deze zaak?',
    contactText: (org: string) => `Neem contact op met ${org}. Noem dan uw zaaknummer.`,
    phone: 'Telefoon',
    openingHours: 'Bereikbaar',
    website: 'Website',
    notFoundTitle: 'Deze zaak vinden wij niet',
    notFound:
      'Wij kunnen deze zaak niet vinden. Misschien is de link niet goed, of is het niet uw zaak. Ga terug naar uw overzicht.',
    backHome: 'Terug naar mijn overzicht',
    legalDeadlineNote:
      'De wet zegt hoe lang wij er maximaal over mogen doen. Lukt dat niet, dan krijgt u vooraf bericht.',
    document: (title: string, file: string | null) => (file && file !== title ? `${title} (${file})` : title),
    contactRequests: 'Uw verzoeken om contact',
    requestOpen: (kind: string, day: string) => `${kind}: wij bellen u uiterlijk op ${day}.`,
    contactMoments: 'Gesprekken over deze zaak',
    momentsCaption: 'Uw gesprekken met ons over deze zaak',
    momentColumns: { when: 'Datum', channel: 'Hoe', summary: 'Wat is besproken' },
    noMoments: 'U hebt nog geen gesprek met ons gehad over deze zaak.',
    events: {
      started: 'U hebt de aanvraag gedaan',
      milestone: (name: string) => name,
      document: (title: string) => `Document ontvangen: ${title}`,
      notice: (subject: string) => `Bericht: ${subject}`,
      decision: 'Er is een besluit genomen',
      task: (name: string) => `U hebt gedaan: ${name}`,
    },
  },

  decision: {
    title: 'Besluit',
    outcome: 'Wat hebben wij besloten?',
    explanation: 'Waarom?',
    decidedOn: 'Besloten op',
    legalBasis: 'Op grond van welke wet?',
    objectionHeading: 'Bent u het er niet mee eens?',
    objectionText: (until: string) =>
      `Dan kunt u bezwaar maken. Dat kan tot en met ${until}. Schrijf op waarom u het er niet mee eens bent. Een medewerker die niet bij het besluit betrokken was, bekijkt uw bezwaar.`,
    objectionClosed:
      'De termijn om bezwaar te maken is voorbij. Hebt u toch vragen? Neem contact met ons op.',
    objectionReason: 'Waarom bent u het er niet mee eens?',
    objectionSubmit: 'Bezwaar maken',
    objectionFiled: 'Wij hebben uw bezwaar ontvangen. U hoort binnen 6 weken wat wij besluiten.',
    objectionRequired: 'Schrijf op waarom u het niet eens bent met het besluit.',
    objections: 'Uw bezwaar',
    objectionStatus: {
      open: 'Wij bekijken uw bezwaar',
      upheld: 'U kreeg gelijk',
      rejected: 'Afgewezen',
    } as Record<string, string>,
    notFound: 'Dit besluit vinden wij niet.',
  },

  tasks: {
    dueBy: 'Doe dit uiterlijk op',
    confirmLabel: 'Ik bevestig dat dit klopt',
    confirmRequired: 'Zet een vinkje om te bevestigen.',
    confirmButton: 'Bevestigen',
    slotLabel: 'Kies een tijd voor uw afspraak',
    slotHint: 'Het gesprek duurt ongeveer 30 minuten. U komt samen met uw partner.',
    slotRequired: 'Kies een tijd voor uw afspraak.',
    slotButton: 'Afspraak maken',
    uploadLabel: (type: string) => `Kies het bestand: ${type}`,
    uploadHint:
      'Een PDF, foto (JPG of PNG) of scan. Het bestand mag groot zijn; het versturen kan even duren.',
    uploadRequired: 'Kies een bestand om te versturen.',
    documentTitle: (type: string) => type.charAt(0).toUpperCase() + type.slice(1),
    uploadButton: 'Versturen',
    uploadProgress: 'Verstuurd',
    done: 'Gelukt. Uw zaak gaat verder.',
    notOpen: 'Deze taak is al gedaan of kan nu niet. Kijk bij uw zaak wat de volgende stap is.',
    notFound: 'Deze taak vinden wij niet.',
    uploadBlockedTitle: 'U kunt hier nu geen document sturen',
    uploadBlocked:
      'Dat ligt aan ons, niet aan u. Er is niets verloren: uw taak blijft open en u hoeft nu niets te doen. Wij hebben de medewerkers van deze dienst gevraagd het op te lossen. Daarna kunt u het document hier sturen. Wilt u niet wachten? Kies "Ik wil iemand spreken" of bel ons.',
    uploadBlockedSignal: (zaak: string) => `Documenten sturen lukt niet bij zaak ${zaak}`,
    uploadBlockedSignalText: (task: string) =>
      `De inwoner wil een document sturen voor de taak "${task}", maar het zaaktype heeft geen documenttypen (zaaktype-informatieobjecttypen). Voeg een documenttype toe aan het zaaktype; de taak blijft open tot het document er is.`,
  },

  start: {
    title: 'Iets regelen',
    intro:
      'Kies wat er verandert in uw leven. U geeft uw gegevens één keer. Wij zorgen dat elke organisatie hoort wat zij moet weten.',
    lifeEvents: 'Wat gaat er veranderen?',
    organisations: 'Deze organisaties helpen u hierbij:',
    begin: (name: string) => `Begin: ${name}`,
    knownHeading: 'Wat wij al van u weten',
    knownIntro:
      'Deze gegevens komen uit de Basisregistratie Personen (BRP). U hoeft ze niet opnieuw in te vullen. Klopt er iets niet? Pas het hier aan. Wij melden het dan aan de gemeente die het bijhoudt.',
    brpUnavailable:
      'Wij kunnen uw gegevens nu niet ophalen uit de Basisregistratie Personen (BRP). Dat ligt niet aan u. U kunt het formulier wel invullen.',
    questions: 'Uw antwoorden',
    yes: 'Ja',
    no: 'Nee',
    submit: 'Versturen',
    required: (label: string) => `Geef antwoord op: ${label}`,
    invalid: (label: string) => `Het antwoord is niet goed: ${label}`,
    bsnInvalid: 'Dit is geen geldig burgerservicenummer. Het heeft 9 cijfers.',
    partnerUnknown: 'Dit burgerservicenummer vinden wij niet in de BRP. Kijk of u het goed hebt overgenomen.',
    sourceCorrected: (label: string) => `U hebt "${label}" aangepast. Wij melden dit aan de bron.`,
    correctionLabel: (label: string) => `${label} (pas aan als het niet klopt)`,
    brpFields: { name: 'Naam', birthDate: 'Geboortedatum', address: 'Adres' },
    source: 'Basisregistratie Personen (BRP)',
    legalBasis: 'Wet BRP art. 3.3',
    confirmTitle: 'Wij hebben uw aanvraag ontvangen',
    confirmIntro: 'Dit gebeurt er nu:',
    caseNumber: 'Zaaknummer',
    decideBy: 'U hoort uiterlijk op',
    nextSteps: 'Wat gebeurt er nu?',
    seeCase: 'Bekijk uw zaak',
  },

  failure: {
    title: 'Uw aanvraag is bewaard, maar nog niet verstuurd',
    what: (source: string) =>
      `Wij konden uw aanvraag nu niet versturen, omdat ${source} op dit moment niet werkt. Dat ligt niet aan u.`,
    nothingLost: 'Er is niets verloren gegaan. Wij hebben alles bewaard wat u hebt ingevuld.',
    next: (date: string) =>
      `Een medewerker zorgt dat uw aanvraag alsnog wordt verstuurd. Wij proberen het ook zelf opnieuw. U krijgt uiterlijk ${date} bericht.`,
    contact: 'Hebt u haast, of wilt u iemand spreken? Bel ons of vraag of wij u terugbellen.',
    reference: 'Uw kenmerk',
    staffTitle: (event: string) => `Aanvraag "${event}" kon niet worden verstuurd`,
    brpSource: 'de Basisregistratie Personen (BRP)',
    otherSource: 'een systeem van een van de organisaties',
    pendingHeading: 'Bewaarde aanvragen',
    pending: (event: string) => `${event}: bewaard, wordt nog verstuurd`,
    submitted: (event: string) => `${event}: alsnog verstuurd`,
  },

  data: {
    title: 'Mijn gegevens',
    intro:
      'Hier ziet u welke gegevens de overheid over u gebruikt, waar ze vandaan komen en op grond van welke wet. Klopt er iets niet? Meld het. De organisatie die het gegeven bijhoudt, zoekt het uit.',
    factsHeading: 'Gegevens die wij gebruiken',
    noFacts: 'Er zijn geen gegevens over u vastgelegd bij deze organisaties.',
    brpHeading: 'Uit de Basisregistratie Personen (BRP)',
    brpUnavailable:
      'Wij kunnen uw gegevens nu niet ophalen uit de Basisregistratie Personen (BRP). Dat ligt niet aan u. Probeer het later nog eens.',
    markersHeading: 'Markeringen',
    markerIntro:
      'Een markering is een opmerking die een organisatie bij uw gegevens heeft gezet. U mag altijd weten waarom.',
    markerReason: 'Reden',
    markerUntil: 'Geldig tot',
    markerContact: 'Vragen? Neem contact op met',
    wrong: 'Dit klopt niet',
    reportTitle: 'Melden dat een gegeven niet klopt',
    reportAbout: 'Het gaat om',
    reportExplanation: 'Wat klopt er niet? En wat is het wel?',
    reportExplanationRequired: 'Schrijf op wat er niet klopt.',
    reportSubmit: 'Melding versturen',
    reportsHeading: 'Mijn meldingen',
    reported: 'Wij hebben uw melding ontvangen. De organisatie die het gegeven bijhoudt, gaat het uitzoeken.',
    reportStatus: {
      received: 'Ontvangen',
      investigating: 'Wordt uitgezocht',
      corrected: 'Aangepast',
      rejected: 'Niet aangepast',
    } as Record<string, string>,
    reportsCaption: 'Uw meldingen en hoe het ermee staat',
    reportsColumns: { what: 'Gegeven', status: 'Status', why: 'Toelichting' },
    logHeading: 'Wie heeft mijn gegevens gebruikt?',
    logCaption: 'Wie uw gegevens gebruikte, wanneer en waarom (de laatste 100 keer)',
    logCaptionOthers:
      'Wie uw gegevens gebruikte, wanneer en waarom (de laatste 100 keer, zonder uw eigen bezoeken)',
    logWithOwn: 'Laat ook zien wanneer u zelf keek',
    logWithoutOwn: 'Laat alleen zien wat anderen deden',
    logColumns: { when: 'Wanneer', who: 'Wie', what: 'Welke gegevens', why: 'Waarom', law: 'Wet' },
    youself: 'Uzelf',
    system: 'Automatisch',
    staffOf: (org: string) => `Een medewerker van ${org}`,
    operation: { read: 'bekeken', write: 'vastgelegd', delete: 'verwijderd' } as Record<string, string>,
  },

  messages: {
    title: 'Berichten',
    intro: 'Alle berichten van alle organisaties over uw zaken en uw gegevens.',
    none: 'U hebt nog geen berichten.',
    unread: 'Nieuw',
    read: 'Gelezen',
    kinds: { decision: 'Besluit', notice: 'Uw zaak', request: 'Verzoek', message: 'Bericht' } as Record<
      string,
      string
    >,
    from: 'Van',
    backToMessages: 'Terug naar berichten',
    decisionSubject: (service: string) => `Besluit over: ${service}`,
    decisionBody: 'Er is een besluit genomen. Lees het besluit en de uitleg bij uw zaak.',
    requestSubject: (task: string) => `Wij vragen u iets te doen: ${task}`,
    requestBody: 'Wij hebben iets van u nodig om verder te kunnen met uw zaak.',
    open: 'Lees het bericht',
    notFound: 'Dit bericht vinden wij niet.',
    goTo: 'Ga naar uw zaak',
  },

  processing: {
    ownOverview: 'Inzage in eigen zaken, taken en berichten (Mijn Loket)',
    ownData: 'Inzage in eigen gegevens (Mijn Loket)',
    prefill: 'Formulier vooraf invullen met wat de overheid al weet',
    upload: 'Document ontvangen voor een zaak',
    submissionKept: 'Aanvraag bewaren omdat die niet kon worden verstuurd',
    legalInzage: 'AVG art. 15 (recht op inzage)',
    legalAanvraag: 'Awb art. 4:1 en 4:2 (aanvraag en behandeling)',
  },
  notFoundTitle: 'Deze pagina vinden wij niet',
} as const;
