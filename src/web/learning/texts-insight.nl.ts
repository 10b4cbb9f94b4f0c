/** What professionals read on the learning view (Dutch, B1). */
const MONTHS = ['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'];

export const insightTexts = {
  title: 'Inzicht per dienst',
  intro:
    'Wat kunnen we leren? Hier ziet u per maand waar het knelt: termijnen, maatwerk, bezwaren, correcties en signalen. Alleen van uw eigen organisatie.',
  filter: 'Kies dienst en periode',
  dienst: 'Dienst',
  allDiensten: 'Alle diensten',
  from: 'Van (maand)',
  to: 'Tot en met (maand)',
  show: 'Tonen',
  month: 'Maand',
  monthLabel: (month: string) => {
    const [y, m] = month.split('-');
    return `${MONTHS[Number(m) - 1]} ${y}`;
  },
  tableFor: (title: string) => `Tabel: ${title}`,
  period: (from: string, to: string) => `Periode: ${from} tot en met ${to}.`,
  total: (n: number) => `Totaal in deze periode: ${n}.`,
  deadlines: {
    title: 'Gemiste en bijna gemiste termijnen',
    missed: 'Gemist',
    nearly: 'Bijna gemist (gewaarschuwd)',
    summary: (missed: number, nearly: number) =>
      `In deze periode ${missed} termijnen gemist en ${nearly} bijna gemist.`,
  },
  contacts: {
    title: 'Herhaald contact over dezelfde vraag',
    contacts: 'Contactmomenten',
    repeated: 'Opnieuw contact over dezelfde vraag',
    summary: (contacts: number, repeated: number) =>
      `In deze periode ${contacts} contactmomenten. ${repeated} keer zocht iemand binnen 30 dagen opnieuw contact over dezelfde vraag (dezelfde zaak of dienst).`,
  },
  deviations: {
    title: 'Maatwerk: afwijken van de regel',
    perMonth: 'Afwijkingen',
    summary: (n: number) => `In deze periode ${n} keer afgeweken van de uitkomst van een regel.`,
    byRule: 'Afwijkingen per regel en reden',
    rule: 'Regel',
    reason: 'Reden',
    count: 'Aantal',
    none: 'Geen afwijkingen in deze periode.',
  },
  objections: {
    title: 'Bezwaren en hoeveel gegrond waren',
    filed: 'Ingediend',
    upheld: 'Gegrond',
    rejected: 'Ongegrond',
    summary: (filed: number, upheld: number) =>
      `In deze periode ${filed} bezwaren ingediend, waarvan ${upheld} gegrond.`,
  },
  corrections: {
    title: 'Correcties en de beslissingen die zij raakten',
    corrections: 'Correcties',
    touched: 'Geraakte beslissingen',
    changed: 'Uitkomst veranderd',
    summary: (touched: number, changed: number) =>
      `Correcties van gegevens raakten ${touched} beslissingen van uw organisatie; bij ${changed} veranderde de uitkomst.`,
    note: 'Correcties gelden voor alle diensten samen.',
  },
  signals: {
    title: 'Signalen en verbeterpunten',
    raised: 'Signalen ontvangen',
    closed: 'Daarvan afgehandeld',
    opened: 'Nieuwe verbeterpunten',
    summary: (raised: number) => `In deze periode ${raised} signalen ontvangen.`,
    now: 'Nu open',
    openSignals: 'Open signalen',
    openImprovements: 'Open verbeterpunten',
    openReviews: 'Beslissingen die nog opnieuw beoordeeld moeten worden',
  },
} as const;
