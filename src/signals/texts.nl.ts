/** What professionals read about signals (Dutch, B1). */

export const PROCESSES = ['agree', 'change', 'recover', 'operate', 'improve'] as const;
export type SignalProcess = (typeof PROCESSES)[number];

export const FAILURES = ['need', 'rule', 'data', 'decision', 'execution', 'communication'] as const;
export type SignalFailure = (typeof FAILURES)[number];

export const STATUSES = ['received', 'investigating', 'fixing', 'resolved', 'rejected'] as const;
export type SignalStatus = (typeof STATUSES)[number];

export const signalTexts = {
  /** The raiser's name when Loket itself raises a signal. */
  loketName: 'Loket (automatisch)',
  /** The universal service processes of the Basisconcept van Dienstverlening. */
  process: {
    agree: 'Dienst afspreken',
    change: 'Dienst wijzigen',
    recover: 'Herstellen als het misgaat',
    operate: 'Dienst uitvoeren',
    improve: 'Dienst verbeteren',
  } satisfies Record<SignalProcess, string>,
  processHint: {
    agree: 'Wat de inwoner vraagt en wat wij afspreken: de aanvraag, het gesprek, de uitleg vooraf.',
    change: 'Er verandert iets tijdens de dienst: een verhuizing, een nieuw inkomen, een andere wens.',
    recover: 'Er is iets fout gegaan en dat moet worden rechtgezet.',
    operate: 'Het dagelijkse werk: behandelen, beslissen, betalen, herinneren.',
    improve: 'Wat wij leren en beter maken, zodat het de volgende keer goed gaat.',
  } satisfies Record<SignalProcess, string>,
  failure: {
    need: 'De vraag van de inwoner is verkeerd begrepen',
    rule: 'De regel klopt niet of past niet bij deze situatie',
    data: 'Een gegeven klopt niet',
    decision: 'De beslissing klopt niet',
    execution: 'De uitvoering ging mis',
    communication: 'De uitleg of het contact ging mis',
  } satisfies Record<SignalFailure, string>,
  status: {
    received: 'Ontvangen',
    investigating: 'Wordt onderzocht',
    fixing: 'Wordt opgelost',
    resolved: 'Opgelost',
    rejected: 'Niet overgenomen',
  } satisfies Record<SignalStatus, string>,
  /** What happens next, for the raiser, per status. */
  statusMeaning: {
    received: 'De eigenaar heeft uw signaal gekregen en bekijkt het binnenkort.',
    investigating: 'De eigenaar zoekt uit wat er mis is en waarom.',
    fixing: 'De eigenaar werkt aan een oplossing.',
    resolved: 'De eigenaar heeft het opgelost. Lees hieronder wat er is gedaan.',
    rejected: 'De eigenaar neemt het signaal niet over. Lees hieronder waarom.',
  } satisfies Record<SignalStatus, string>,
  event: {
    raised: 'Signaal gegeven',
    status: 'Status veranderd',
    response: 'Reactie van de eigenaar',
    improvement: 'Gekoppeld aan een verbeterpunt',
  },
  errors: {
    process: 'Kies bij welk deel van de dienst het misgaat.',
    failure: 'Kies wat er misgaat.',
    summary: 'Schrijf in een paar woorden wat er niet klopt (maximaal 200 tekens).',
    description: 'Beschrijf wat u zag en wat het gevolg is voor de inwoner (minstens 20 tekens).',
    owner: 'Kies de dienst of de gegevensbron waar het signaal over gaat.',
    unknownOwner: 'Deze dienst of organisatie kennen wij niet.',
    unknownCase: 'Deze zaak bestaat niet bij uw organisatie.',
    notFound: 'Dit signaal bestaat niet, of u mag het niet zien.',
    notOwner: 'Alleen de eigenaar van de dienst of de gegevensbron kan dit signaal behandelen.',
    reasonRequired:
      'Schrijf op wat u hebt gedaan of waarom u het signaal niet overneemt (minstens 10 tekens).',
    unknownStatus: 'Kies een geldige status.',
    unknownImprovement: 'Dit verbeterpunt bestaat niet bij uw organisatie.',
    improvementCause: 'Schrijf op wat volgens u de oorzaak is (minstens 10 tekens).',
  },
  /** A new improvement item opened from a signal: what it is about. */
  improvementAttribute: (summary: string) => `Signaal: ${summary}`,
  improvementSource: 'Signaal van een medewerker',
} as const;
