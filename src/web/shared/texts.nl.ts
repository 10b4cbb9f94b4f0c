/**
 * Every text people read on the shared web pages, in Dutch at B1 level. An English version follows this
 * shape (`WebTexts`); components take their words from here and nowhere else.
 */

const dateFormat = new Intl.DateTimeFormat('nl-NL', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/Amsterdam',
});

export const textsNl = {
  lang: 'nl',
  /** "3 maart 2025". Dates without a time (YYYY-MM-DD) are taken as that day in the Netherlands. */
  formatDate: (date: Date) => dateFormat.format(date),

  page: {
    siteName: 'Loket',
    titleSeparator: ' - ',
    errorTitlePrefix: 'Fout: ',
    skipLink: 'Naar de inhoud',
    humanLink: 'Ik wil iemand spreken',
    humanHelp: 'Komt u er niet uit? Of praat u liever met iemand? Wij helpen u graag.',
    breadcrumbLabel: 'U bent hier',
    navigationLabel: 'Menu',
    footerHeading: 'Hulp en contact',
    logout: 'Uitloggen',
    loggedInAs: (name: string) => `Ingelogd als ${name}`,
  },

  workbenchMenu: {
    home: 'Werkplek',
    queue: 'Werkvoorraad',
    behalf: 'Voor een inwoner',
    callBacks: 'Terugbelverzoeken',
    signals: 'Signalen',
    insight: 'Inzicht per dienst',
    corrections: 'Correcties beoordelen',
  },

  form: {
    errorSummaryTitle: 'Er ging iets mis',
    errorSummaryIntro: 'Pas deze punten aan en probeer het opnieuw:',
    errorPrefix: 'Fout: ',
    optional: '(niet verplicht)',
    selectPlaceholder: 'Maak een keuze',
  },

  alert: {
    info: 'Informatie: ',
    warning: 'Let op: ',
    error: 'Fout: ',
    success: 'Gelukt: ',
  },

  facts: {
    source: 'Bron',
    date: 'Datum',
    legalBasis: 'Wet',
  },

  pagination: {
    label: "Pagina's",
    previous: 'Vorige',
    next: 'Volgende',
    page: 'Pagina ',
  },

  timeline: {
    label: 'Voortgang',
    status: { done: 'Klaar', current: 'Nu bezig', upcoming: 'Nog niet begonnen' },
    date: {
      planned: 'Gepland op',
      legalDeadline: 'Wettelijke termijn: uiterlijk',
      done: 'Klaar op',
    },
  },

  tasks: {
    status: { todo: 'Nog doen', inProgress: 'Bezig', done: 'Klaar', notYet: 'Kan nog niet' },
    deadline: 'Doe dit vóór',
  },

  /** The design reference page (/ontwerp): documentation for page authors and a test target. */
  reference: {
    title: 'Ontwerp: alle onderdelen van Loket',
    organisation: 'Gemeente Voorbeeld',
    breadcrumbHome: 'Home',
    breadcrumbCurrent: 'Ontwerp',
    formTitle: 'Voorbeeldformulier',
    intro:
      'Op deze pagina staan alle onderdelen waarmee de pagina’s van Loket gemaakt zijn. Gebruik ze zo. Alles werkt zonder JavaScript.',
    sections: {
      text: 'Koppen, tekst en links',
      buttons: 'Knoppen',
      alerts: 'Meldingen',
      facts: 'Gegevens met hun bron',
      table: 'Tabel',
      timeline: 'Voortgang van een zaak',
      tasks: 'Taken',
      pagination: 'Bladeren',
      upload: 'Bestand toevoegen',
      form: 'Formulier met fouten',
    },
    headingExample: 'Kop van niveau 3',
    paragraph:
      'Dit is een gewone alinea. Schrijf kort en duidelijk. Gebruik gewone woorden. Zeg wat de lezer moet doen.',
    lead: 'Dit is een inleiding. Die staat bovenaan een pagina en is wat groter.',
    linkText: 'Meer over de NL Design System richtlijnen',
    buttonPrimary: 'Verstuur',
    buttonSecondary: 'Opslaan en later verder',
    buttonSubtle: 'Annuleren',
    buttonLink: 'Start de aanvraag',
    alertInfoTitle: 'Uw aanvraag is in behandeling',
    alertInfo: 'Wij nemen uiterlijk 14 april 2025 een besluit. U krijgt daarover een bericht.',
    alertWarning: 'Het duurt langer dan gepland. Wij sturen u binnen 5 werkdagen een nieuwe datum.',
    alertError: 'Het opslaan is niet gelukt. Er is niets veranderd. Probeer het later nog eens.',
    alertSuccess: 'Uw bericht is verstuurd.',
    factName: 'Naam',
    factNameValue: 'Jan de Vries',
    factAddress: 'Adres',
    factAddressValue: 'Stationsstraat 1, 3511 AA Utrecht',
    factSource: 'Basisregistratie Personen (BRP)',
    factLegalBasis: 'Wet basisregistratie personen, artikel 2.2',
    factIncome: 'Inkomen 2024',
    factIncomeValue: '€ 28.400',
    factIncomeSource: 'Belastingdienst',
    factIncomeLegalBasis: 'Algemene wet inkomensafhankelijke regelingen, artikel 7',
    tableCaption: 'Uw zaken',
    tableColumns: ['Zaak', 'Organisatie', 'Status', 'Besluit uiterlijk'],
    tableRows: [
      ['Aanvraag zorgtoeslag', 'Dienst Toeslagen', 'In behandeling', '14 april 2025'],
      ['Verhuizing doorgeven', 'Gemeente Utrecht', 'Klaar', '3 maart 2025'],
    ],
    timelineSteps: {
      received: 'Aanvraag ontvangen',
      assessing: 'Wij beoordelen uw aanvraag',
      decision: 'Besluit',
    },
    timelineAssessing: 'Een medewerker kijkt of u recht hebt op toeslag.',
    taskUpload: 'Stuur uw loonstrook op',
    taskCheck: 'Controleer uw gegevens',
    taskSign: 'Onderteken de aanvraag',
    taskSignHint: 'Dit kan pas als wij uw loonstrook hebben.',
    formIntro: 'Zo ziet een formulier eruit nadat iemand op Verstuur drukte en er iets niet klopte.',
    formSent: 'Het formulier is verstuurd. (Dit is een voorbeeld: er is niets opgeslagen.)',
    fields: {
      name: 'Uw naam',
      email: 'Uw e-mailadres',
      emailDescription: 'Wij sturen u alleen een bericht over deze vraag.',
      birthDate: 'Uw geboortedatum',
      children: 'Hoeveel kinderen wonen bij u?',
      question: 'Uw vraag',
      questionDescription: 'Schrijf in een paar zinnen waar het over gaat.',
      organisation: 'Over welke organisatie gaat het?',
      organisations: ['Gemeente Utrecht', 'Dienst Toeslagen', 'Belastingdienst'],
      contact: 'Hoe wilt u contact?',
      contactOptions: { phone: 'Bel mij terug', email: 'Stuur mij een e-mail', desk: 'Ik kom langs' },
      contactPhoneHint: 'Wij bellen binnen 2 werkdagen.',
      document: 'Bijlage',
      documentDescription: 'Bijvoorbeeld een foto van een brief. Een pdf of foto van maximaal 10 MB.',
      agree: 'Ik heb de gegevens naar waarheid ingevuld',
    },
    errors: {
      name: 'Vul uw naam in.',
      email: 'Vul een e-mailadres in zoals naam@voorbeeld.nl.',
      birthDate: 'Vul een datum in het verleden in.',
      children: 'Vul een getal in, bijvoorbeeld 2.',
      question: 'Schrijf uw vraag op.',
      organisation: 'Kies een organisatie.',
      contact: 'Kies hoe u contact wilt.',
      agree: 'Zet een vinkje als u de gegevens naar waarheid hebt ingevuld.',
    },
  },
};

export type WebTexts = typeof textsNl;

/** The texts in use. One language for now; the shape is ready for a second. */
export const texts: WebTexts = textsNl;
