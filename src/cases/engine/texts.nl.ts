import type { NoticeContact } from './tables.ts';

/** Texts people read (Dutch, B1): professionals, functional administrators and citizens. */

const MONTHS = [
  'januari',
  'februari',
  'maart',
  'april',
  'mei',
  'juni',
  'juli',
  'augustus',
  'september',
  'oktober',
  'november',
  'december',
];

/** 2025-03-14 → 14 maart 2025 */
export function dutchDate(date: string): string {
  return `${Number(date.slice(8, 10))} ${MONTHS[Number(date.slice(5, 7)) - 1]} ${date.slice(0, 4)}`;
}

function contactLine(c: NoticeContact): string {
  const parts = [`Heeft u vragen? Neem dan contact op met ${c.organisation}`];
  if (c.phone) parts.push(`via telefoonnummer ${c.phone}`);
  let line = `${parts.join(' ')}.`;
  if (c.openingHours)
    line += ` U kunt bellen op: ${c.openingHours.charAt(0).toLowerCase()}${c.openingHours.slice(1)}.`;
  if (c.website) line += ` Kijk ook op ${c.website}.`;
  return line;
}

interface NoticeInput {
  reason: string;
  expectedDate: string | null;
  contact: NoticeContact;
}

export const caseTexts = {
  conflict: 'Dit kan nu niet',
  caseNotFound: 'Deze zaak bestaat niet of u heeft er geen toegang toe.',
  instanceNotFound: 'Deze taak of dit onderdeel bestaat niet in het plan van deze zaak.',
  taskNotFound: 'Deze taak bestaat niet of is niet voor u.',
  deadlineNotFound: 'Deze termijn bestaat niet bij deze zaak.',
  lifeEventNotFound: 'Deze levensgebeurtenis bestaat niet.',
  requestNotFound: 'Deze aanvraag bestaat niet of is niet van u.',
  noPlan: (zaaktype: string) => `Er is geen plan gepubliceerd voor zaaktype ${zaaktype}.`,
  noZaaktype: (zaaktype: string, organisation: string) =>
    `${organisation} heeft vandaag geen geldig zaaktype ${zaaktype}.`,
  planInvalid: (n: number) =>
    n === 1
      ? 'Het plan heeft 1 fout. Er is niets opgeslagen.'
      : `Het plan heeft ${n} fouten. Er is niets opgeslagen.`,
  planNotFound: (id: string, version: number) => `Plan ${id} versie ${version} bestaat niet.`,
  planOtherZaaktype: (id: string, zaaktype: string) =>
    `Plan ${id} hoort bij zaaktype ${zaaktype}. Geef het plan een andere id of gebruik dat zaaktype.`,
  planVersionTaken: (version: number, latest: number) =>
    `Versie ${version} kan niet: de laatste versie is ${latest}. Een nieuwe versie moet een hoger nummer hebben.`,
  planEventRefused: (code: string) =>
    ({
      'wrong-plan': 'De zaak loopt op een andere versie van het plan.',
      'plan-closed': 'Het plan van deze zaak is al afgesloten.',
      'invalid-state': 'Deze taak is niet (meer) open voor deze actie. Ververs de pagina.',
      'unknown-instance': 'Deze taak bestaat niet in het plan van deze zaak.',
    })[code] ?? 'Deze actie past niet bij de zaak zoals die nu is.',
  migrationConflicts: (n: number) =>
    `${n} zaken kunnen niet over: er is werk bezig dat in de nieuwe versie niet meer past. Kies wat er met dat werk moet gebeuren.`,
  reasonRequired: 'Geef een reden op.',
  nameRequired: 'Geef de taak een naam.',
  assigneeRequired: 'Zeg voor wie de taak is: een team, een rol of de burger.',
  extensionNeeded: 'Geef een termijn op (bijvoorbeeld P2W) of een nieuwe datum.',
  extensionEarlier: 'De nieuwe datum moet later zijn dan de huidige laatste dag.',
  deadlineState: (status: string) =>
    ({
      running: 'Deze termijn loopt.',
      suspended: 'Deze termijn is opgeschort.',
      met: 'Deze termijn is al gehaald.',
      lapsed: 'Deze termijn is al verstreken.',
      stopped: 'Deze termijn is gestopt.',
    })[status] ?? 'Deze termijn kan dit nu niet.',
  defaultDelayReason: 'We hebben meer tijd nodig om uw aanvraag zorgvuldig te behandelen.',
  notCitizenTask: 'Deze taak is niet voor de burger.',
  slotRequired: 'Kies een van de tijden die we u aanbieden.',
  confirmRequired: 'Zet een vinkje om te bevestigen.',
  documentRequired: 'Stuur het document mee.',
  answerRequired: (label: string) => `Vul in: ${label}.`,
  answerType: (label: string) => `Dit antwoord heeft niet de goede vorm: ${label}.`,
  notice: {
    delay: {
      subject: 'Uw zaak duurt langer',
      body: (n: NoticeInput) =>
        [
          'Het lukt ons waarschijnlijk niet om op tijd te beslissen over uw zaak.',
          `Waarom? ${n.reason}`,
          n.expectedDate
            ? `Wij verwachten uiterlijk ${dutchDate(n.expectedDate)} klaar te zijn.`
            : 'Wij laten u zo snel mogelijk weten wanneer wij klaar zijn.',
          'U hoeft niets te doen.',
          contactLine(n.contact),
        ].join('\n\n'),
    },
    extension: {
      subject: 'Wij hebben meer tijd nodig voor uw zaak',
      body: (n: NoticeInput) =>
        [
          'Wij hebben de termijn om te beslissen over uw zaak verlengd.',
          `Waarom? ${n.reason}`,
          n.expectedDate
            ? `U krijgt uiterlijk ${dutchDate(n.expectedDate)} bericht van ons.`
            : 'Wij laten u zo snel mogelijk weten wanneer wij klaar zijn.',
          'U hoeft niets te doen.',
          contactLine(n.contact),
        ].join('\n\n'),
    },
  },
  zgwSuspension: 'Opgeschort in het zaaksysteem (Zaken API).',
  zgwExtension: 'Verlengd in het zaaksysteem (Zaken API).',
  decisionTasks: {
    reviewName: 'Bekijk de beslissing voordat zij definitief wordt',
    reviewAdverse:
      'De uitkomst is nadelig voor de aanvrager. Een medewerker moet de beslissing bekijken en vaststellen.',
    reviewCannotEvaluate: (reason: string) => `De regel kon niet worden toegepast. ${reason}`,
    approveName: 'Keur de afwijking van de regel goed (tweede medewerker)',
    approveReason: (by: string) =>
      `${by} wijkt af van de uitkomst van de regel. Een andere medewerker moet dat goedkeuren.`,
    systemActor: 'Beslissingen',
  },
  progress: {
    started: 'Aangevraagd',
    busy: 'In behandeling',
    waitingForYou: 'Wacht op u',
    done: 'Afgerond',
    stopped: 'Gestopt',
  },
  processing: {
    readCase: 'Behandelen van een zaak',
    readOwn: 'Inzage in eigen zaken en taken',
    lifeEvent: 'Aanvraag van een levensgebeurtenis: de gegevens één keer doorgeven aan elke organisatie',
  },
} as const;
