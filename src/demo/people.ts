import {
  ageOn,
  dutchDate,
  type Gezagsrelatie,
  type HaalCentraalPersoon,
  type Kind,
  type NaamGerelateerde,
  type Ouder,
  type Partner,
  toDatum,
  type Waardetabel,
} from '../facts/brp/haal-centraal.ts';

/**
 * Twenty invented people as the BRP would describe them (Haal Centraal BRP Personen v2), for the demo
 * and for tests. Everything is made up. The BSNs pass the elfproef and lie in the 9999xxxxx range of
 * the BRP test persons, so no real citizen's number appears; none is one of the official test persons
 * (the test suite checks this against their published list). Postcodes use the letter pairs SA, SD and
 * SS, which PostNL never issues, so no address is real; the two municipalities have codes (9990, 9991)
 * no Dutch municipality has.
 *
 * Dates are written as seen from DEMO_DATA_YEAR and shifted by whole years to the current year, so
 * that the stories keep holding: Fleur stays 17 (born on 1 January), Henk died last year. The price:
 * on 1 January every record changes, and with it the version of the facts read from it.
 */
export const DEMO_DATA_YEAR = 2026;

export const DEMO_GEMEENTEN = {
  voorbeeldstad: { code: '9990', omschrijving: 'Voorbeeldstad' },
  rivierdal: { code: '9991', omschrijving: 'Rivierdal' },
  rni: { code: '1999', omschrijving: 'Registratie Niet Ingezetenen (RNI)' },
} satisfies Record<string, Waardetabel>;

/** What a person is in the demo for; a login page or a test can pick people by it. */
export type DemoStory =
  | 'marriage'
  | 'already-married'
  | 'minor'
  | 'curatele'
  | 'siblings'
  | 'toeslagen'
  | 'moving'
  | 'deceased'
  | 'secrecy'
  | 'abroad'
  | 'family';

export interface DemoPerson {
  bsn: string;
  displayName: string;
  /** Short role hint for a login list, in Dutch: "wil trouwen met Jeroen Bakker". */
  role: string;
  /** One or two sentences in Dutch (B1) about the situation this person is in. */
  description: string;
  stories: DemoStory[];
  /** The full record with every field filled that has a value (leeftijd is computed when asked). */
  persoon: HaalCentraalPersoon;
}

const NL: Waardetabel = { code: '6030', omschrijving: 'Nederland' };
const PLACES = {
  voorbeeldstad: { plaats: DEMO_GEMEENTEN.voorbeeldstad, land: NL },
  rivierdal: { plaats: DEMO_GEMEENTEN.rivierdal, land: NL },
  amsterdam: { plaats: { code: '0363', omschrijving: 'Amsterdam' }, land: NL },
  rotterdam: { plaats: { code: '0599', omschrijving: 'Rotterdam' }, land: NL },
  denHaag: { plaats: { code: '0518', omschrijving: "'s-Gravenhage" }, land: NL },
  utrecht: { plaats: { code: '0344', omschrijving: 'Utrecht' }, land: NL },
  groningen: { plaats: { code: '0014', omschrijving: 'Groningen' }, land: NL },
  aleppo: { plaats: { omschrijving: 'Aleppo' }, land: { code: '7009', omschrijving: 'Syrië' } },
} satisfies Record<string, { plaats: Waardetabel; land: Waardetabel }>;
type Place = keyof typeof PLACES;

interface AddressSeed {
  gemeente: 'voorbeeldstad' | 'rivierdal';
  straat: string;
  huisnummer: number;
  huisletter?: string;
  huisnummertoevoeging?: string;
  postcode: string;
}
const ADDRESSES = {
  lindelaan: { gemeente: 'voorbeeldstad', straat: 'Lindelaan', huisnummer: 12, postcode: '9990SA' },
  dorpsstraat: { gemeente: 'voorbeeldstad', straat: 'Dorpsstraat', huisnummer: 41, postcode: '9990SD' },
  kerkstraat: { gemeente: 'voorbeeldstad', straat: 'Kerkstraat', huisnummer: 5, postcode: '9990SS' },
  molenweg: {
    gemeente: 'voorbeeldstad',
    straat: 'Molenweg',
    huisnummer: 3,
    huisletter: 'A',
    postcode: '9991SA',
  },
  beukenhof: {
    gemeente: 'voorbeeldstad',
    straat: 'Beukenhof',
    huisnummer: 27,
    huisnummertoevoeging: '2',
    postcode: '9991SD',
  },
  zonnebloemstraat: {
    gemeente: 'voorbeeldstad',
    straat: 'Zonnebloemstraat',
    huisnummer: 9,
    postcode: '9991SS',
  },
  havenkade: { gemeente: 'voorbeeldstad', straat: 'Havenkade', huisnummer: 15, postcode: '9992SA' },
  parklaan: { gemeente: 'voorbeeldstad', straat: 'Parklaan', huisnummer: 2, postcode: '9992SD' },
  dijkweg: { gemeente: 'rivierdal', straat: 'Dijkweg', huisnummer: 88, postcode: '9995SA' },
  esdoornlaan: { gemeente: 'rivierdal', straat: 'Esdoornlaan', huisnummer: 4, postcode: '9995SD' },
} satisfies Record<string, AddressSeed>;

interface Seed {
  bsn: string;
  voornamen: string;
  /** The name people use (not in the BRP): "Wim" for Willem Johannes. Default: the first voornaam. */
  roepnaam?: string;
  voorvoegsel?: string;
  geslachtsnaam: string;
  geslacht: 'M' | 'V';
  /** YYYY-MM-DD, or YYYY-MM when the day is unknown. */
  geboren: string;
  geboorteplaats: Place;
  woont?: { adres: keyof typeof ADDRESSES; sinds: string };
  buitenland?: { regel1: string; regel2: string; land: Waardetabel; sinds: string };
  immigratie?: { uit: Waardetabel; datum: string };
  /** BSNs of ouder 1 and ouder 2. */
  ouders?: [string, string];
  /** Declared on one side only; the other side gets the mirror image. */
  partner?: {
    bsn: string;
    soort: 'H' | 'P';
    sinds: string;
    plaats: Place;
    ontbonden?: { datum: string; door: 'scheiding' | 'overlijden' };
  };
  curatele?: true;
  geheimhouding?: true;
  overleden?: { datum: string; plaats: Place };
  role: string;
  description: string;
  stories: DemoStory[];
}

const B = {
  sanne: '999990354',
  jeroen: '999990433',
  wim: '999990494',
  ans: '999990731',
  pieter: '999991012',
  marieke: '999991152',
  thomas: '999991371',
  fleur: '999991528',
  kees: '999992053',
  esther: '999992788',
  mark: '999992946',
  lotte: '999993732',
  daan: '999993744',
  lisa: '999994219',
  noor: '999994530',
  henk: '999995133',
  gerda: '999995546',
  iris: '999996228',
  ruben: '999996678',
  samir: '999997658',
} as const;

/** The demo people's BSNs by first name, so tests and other modules need not copy numbers. */
export const DEMO_BSN = B;

// biome-ignore format: one person per block reads better than the formatter's one field per line
const SEEDS: Seed[] = [
  { bsn: B.sanne, voornamen: 'Sanne Maria', voorvoegsel: 'de', geslachtsnaam: 'Vries', geslacht: 'V', geboren: '1994-05-12', geboorteplaats: 'utrecht', woont: { adres: 'lindelaan', sinds: '2023-04-01' }, ouders: [B.ans, B.wim],
    role: 'wil trouwen met Jeroen Bakker', stories: ['marriage'],
    description: 'Sanne is niet getrouwd en woont met Jeroen Bakker in Voorbeeldstad. Samen melden ze hun voorgenomen huwelijk.' },
  { bsn: B.jeroen, voornamen: 'Jeroen Willem', geslachtsnaam: 'Bakker', geslacht: 'M', geboren: '1992-09-03', geboorteplaats: 'rotterdam', woont: { adres: 'lindelaan', sinds: '2023-04-01' },
    role: 'wil trouwen met Sanne de Vries', stories: ['marriage'],
    description: 'Jeroen is niet getrouwd en woont met Sanne de Vries in Voorbeeldstad. Samen melden ze hun voorgenomen huwelijk.' },
  { bsn: B.wim, voornamen: 'Willem Johannes', roepnaam: 'Wim', voorvoegsel: 'de', geslachtsnaam: 'Vries', geslacht: 'M', geboren: '1963-02-08', geboorteplaats: 'voorbeeldstad', woont: { adres: 'dorpsstraat', sinds: '1991-03-01' },
    partner: { bsn: B.ans, soort: 'H', sinds: '1990-06-22', plaats: 'voorbeeldstad' },
    role: 'vader van Sanne de Vries', stories: ['family'],
    description: 'Wim is getrouwd met Ans Meijer. Hij is de vader van Sanne.' },
  { bsn: B.ans, voornamen: 'Ans', geslachtsnaam: 'Meijer', geslacht: 'V', geboren: '1965-10-17', geboorteplaats: 'amsterdam', woont: { adres: 'dorpsstraat', sinds: '1991-03-01' },
    role: 'moeder van Sanne de Vries', stories: ['family'],
    description: 'Ans is getrouwd met Wim de Vries. Zij is de moeder van Sanne.' },
  { bsn: B.pieter, voornamen: 'Pieter Jan', voorvoegsel: 'van', geslachtsnaam: 'Dijk', geslacht: 'M', geboren: '1979-02-20', geboorteplaats: 'voorbeeldstad', woont: { adres: 'kerkstraat', sinds: '2004-01-15' },
    partner: { bsn: B.marieke, soort: 'H', sinds: '2003-06-18', plaats: 'voorbeeldstad' },
    role: 'is al getrouwd en meldt toch een huwelijk', stories: ['already-married', 'family'],
    description: 'Pieter is getrouwd met Marieke Visser. Meldt hij een nieuw huwelijk, dan moet de controle dat tegenhouden.' },
  { bsn: B.marieke, voornamen: 'Marieke', geslachtsnaam: 'Visser', geslacht: 'V', geboren: '1981-07-30', geboorteplaats: 'denHaag', woont: { adres: 'kerkstraat', sinds: '2004-01-15' },
    role: 'getrouwd met Pieter van Dijk, moeder van Thomas en Fleur', stories: ['already-married', 'family'],
    description: 'Marieke is getrouwd met Pieter van Dijk. Samen hebben ze het gezag over Fleur.' },
  { bsn: B.thomas, voornamen: 'Thomas Pieter', voorvoegsel: 'van', geslachtsnaam: 'Dijk', geslacht: 'M', geboren: '2004-10-02', geboorteplaats: 'voorbeeldstad', woont: { adres: 'kerkstraat', sinds: '2004-10-02' }, ouders: [B.marieke, B.pieter],
    role: 'broer van Fleur van Dijk', stories: ['siblings'],
    description: 'Thomas is de broer van Fleur: ze hebben dezelfde ouders. Zo is te zien dat de controle op verwantschap werkt.' },
  { bsn: B.fleur, voornamen: 'Fleur Anna', voorvoegsel: 'van', geslachtsnaam: 'Dijk', geslacht: 'V', geboren: '2009-01-01', geboorteplaats: 'voorbeeldstad', woont: { adres: 'kerkstraat', sinds: '2009-01-01' }, ouders: [B.marieke, B.pieter],
    role: '17 jaar, minderjarig', stories: ['minor', 'siblings'],
    description: 'Fleur is 17 jaar. Haar ouders hebben samen het gezag. Voor een huwelijk is ze te jong.' },
  { bsn: B.kees, voornamen: 'Cornelis', roepnaam: 'Kees', geslachtsnaam: 'Brouwer', geslacht: 'M', geboren: '1958-04-09', geboorteplaats: 'groningen', woont: { adres: 'molenweg', sinds: '2011-05-01' }, curatele: true,
    role: 'staat onder curatele', stories: ['curatele'],
    description: 'Kees staat onder curatele. Voor sommige besluiten is toestemming van zijn curator nodig.' },
  { bsn: B.esther, voornamen: 'Esther Lieke', geslachtsnaam: 'Jansen', geslacht: 'V', geboren: '1987-03-21', geboorteplaats: 'rotterdam', woont: { adres: 'beukenhof', sinds: '2022-12-01' },
    partner: { bsn: B.mark, soort: 'H', sinds: '2014-05-09', plaats: 'rivierdal', ontbonden: { datum: '2022-11-15', door: 'scheiding' } },
    role: 'alleenstaande moeder, vraagt zorgtoeslag aan en kreeg ten onrechte het label "vermoeden fraude"', stories: ['toeslagen'],
    description: 'Esther is gescheiden en zorgt voor Lotte en Daan. Ze vraagt zorgtoeslag aan. Een label "vermoeden fraude" is ten onrechte aan haar gekoppeld.' },
  { bsn: B.mark, voornamen: 'Mark', voorvoegsel: 'de', geslachtsnaam: 'Boer', geslacht: 'M', geboren: '1985-11-30', geboorteplaats: 'rivierdal', woont: { adres: 'esdoornlaan', sinds: '2022-12-01' },
    role: 'ex-partner van Esther Jansen, vader van Lotte en Daan', stories: ['family'],
    description: 'Mark is gescheiden van Esther Jansen en woont in Rivierdal. Hij heeft samen met Esther het gezag over de kinderen.' },
  { bsn: B.lotte, voornamen: 'Lotte', voorvoegsel: 'de', geslachtsnaam: 'Boer', geslacht: 'V', geboren: '2017-08-14', geboorteplaats: 'rivierdal', woont: { adres: 'beukenhof', sinds: '2022-12-01' }, ouders: [B.esther, B.mark],
    role: 'dochter van Esther Jansen', stories: ['family'],
    description: 'Lotte woont bij haar moeder Esther in Voorbeeldstad.' },
  { bsn: B.daan, voornamen: 'Daan', voorvoegsel: 'de', geslachtsnaam: 'Boer', geslacht: 'M', geboren: '2020-04-02', geboorteplaats: 'rivierdal', woont: { adres: 'beukenhof', sinds: '2022-12-01' }, ouders: [B.esther, B.mark],
    role: 'zoon van Esther Jansen', stories: ['family'],
    description: 'Daan woont bij zijn moeder Esther in Voorbeeldstad.' },
  { bsn: B.lisa, voornamen: 'Lisa', geslachtsnaam: 'Kramer', geslacht: 'V', geboren: '1998-06-25', geboorteplaats: 'amsterdam', woont: { adres: 'dijkweg', sinds: '2021-08-01' },
    partner: { bsn: B.noor, soort: 'P', sinds: '2024-09-14', plaats: 'rivierdal' },
    role: 'verhuist van Rivierdal naar Voorbeeldstad', stories: ['moving'],
    description: 'Lisa woont nu in Rivierdal en verhuist met haar geregistreerd partner Noor naar Voorbeeldstad. Ze geeft de verhuizing door.' },
  { bsn: B.noor, voornamen: 'Noor', geslachtsnaam: 'Hendriks', geslacht: 'V', geboren: '1997-12-03', geboorteplaats: 'utrecht', woont: { adres: 'dijkweg', sinds: '2021-08-01' },
    role: 'geregistreerd partner van Lisa Kramer, verhuist mee', stories: ['moving'],
    description: 'Noor is de geregistreerd partner van Lisa en verhuist met haar mee naar Voorbeeldstad.' },
  { bsn: B.henk, voornamen: 'Hendrik', roepnaam: 'Henk', geslachtsnaam: 'Mulder', geslacht: 'M', geboren: '1941-06-10', geboorteplaats: 'voorbeeldstad', woont: { adres: 'zonnebloemstraat', sinds: '1975-04-01' },
    partner: { bsn: B.gerda, soort: 'H', sinds: '1966-08-20', plaats: 'voorbeeldstad', ontbonden: { datum: '2025-11-02', door: 'overlijden' } },
    overleden: { datum: '2025-11-02', plaats: 'voorbeeldstad' },
    role: 'overleden', stories: ['deceased'],
    description: 'Henk is vorig jaar overleden. Loket mag hem geen post of taken meer sturen.' },
  { bsn: B.gerda, voornamen: 'Gerda', geslachtsnaam: 'Kok', geslacht: 'V', geboren: '1944-02-15', geboorteplaats: 'rotterdam', woont: { adres: 'zonnebloemstraat', sinds: '1975-04-01' },
    role: 'weduwe van Henk Mulder', stories: ['deceased'],
    description: 'Gerda is de weduwe van Henk Mulder. Zij regelt zaken na zijn overlijden.' },
  { bsn: B.iris, voornamen: 'Iris', geslachtsnaam: 'Wolters', geslacht: 'V', geboren: '1990-09-19', geboorteplaats: 'voorbeeldstad', woont: { adres: 'havenkade', sinds: '2020-02-01' }, geheimhouding: true,
    role: 'heeft geheimhouding van haar gegevens', stories: ['secrecy'],
    description: 'Iris heeft gevraagd haar gegevens geheim te houden. Loket mag haar gegevens niet aan anderen geven.' },
  { bsn: B.ruben, voornamen: 'Ruben', geslachtsnaam: 'Smit', geslacht: 'M', geboren: '1988-01-27', geboorteplaats: 'voorbeeldstad',
    buitenland: { regel1: 'Calle de la Paz 14', regel2: '46003 Valencia', land: { code: '6037', omschrijving: 'Spanje' }, sinds: '2021-07-01' },
    role: 'woont in Spanje', stories: ['abroad'],
    description: 'Ruben is naar Spanje verhuisd. Hij regelt zijn zaken met Voorbeeldstad via internet.' },
  { bsn: B.samir, voornamen: 'Samir', geslachtsnaam: 'Haddad', geslacht: 'M', geboren: '1979-06', geboorteplaats: 'aleppo', woont: { adres: 'parklaan', sinds: '2016-03-10' },
    immigratie: { uit: { code: '7009', omschrijving: 'Syrië' }, datum: '2016-03-10' },
    role: 'geboortedatum deels onbekend', stories: ['family'],
    description: 'Van Samir is alleen het geboortejaar en de maand bekend. Zijn leeftijd is daarom niet altijd precies te bepalen.' },
];

/** Builds the demo records as they are on `today` (YYYY-MM-DD, Dutch time; default: now). */
export function buildDemoPeople(today: string = dutchDate(new Date())): DemoPerson[] {
  const shift = Number(today.slice(0, 4)) - DEMO_DATA_YEAR;
  const date = (iso: string) => toDatum(`${Number(iso.slice(0, 4)) + shift}${iso.slice(4)}`);
  const byBsn = new Map(SEEDS.map((s) => [s.bsn, s]));
  const seed = (bsn: string) => byBsn.get(bsn) ?? fail(`unknown demo BSN ${bsn}`);
  const related = (s: Seed) => ({
    burgerservicenummer: s.bsn,
    naam: relatedNaam(s),
    geboorte: { datum: date(s.geboren), ...PLACES[s.geboorteplaats] },
  });
  const isMinor = (s: Seed) => (ageOn(date(s.geboren), today) ?? 18) < 18 && !s.overleden;
  const gezagOver = (child: Seed): Gezagsrelatie => ({
    type: 'GezamenlijkOuderlijkGezag',
    minderjarige: { burgerservicenummer: child.bsn, naam: { volledigeNaam: fullName(child) } },
    ouders: (child.ouders ?? []).map((p) => ({
      burgerservicenummer: p,
      naam: { volledigeNaam: fullName(seed(p)) },
    })),
  });

  return SEEDS.map((s) => {
    const partners: Partner[] = SEEDS.flatMap((other) => {
      const rel = other.partner;
      const mine = other === s && rel ? rel : rel?.bsn === s.bsn ? rel : undefined;
      if (!mine) return [];
      const who = seed(mine === s.partner ? mine.bsn : other.bsn);
      // A death dissolves the marriage for the survivor; the deceased's own record stops changing.
      const dissolved = mine.ontbonden && !(mine.ontbonden.door === 'overlijden' && s.overleden);
      return [
        {
          ...related(who),
          geslacht: geslacht(who.geslacht),
          soortVerbintenis:
            mine.soort === 'H'
              ? { code: 'H', omschrijving: 'huwelijk' }
              : { code: 'P', omschrijving: 'geregistreerd partnerschap' },
          aangaanHuwelijkPartnerschap: { datum: date(mine.sinds), ...PLACES[mine.plaats] },
          ...(dissolved ? { ontbindingHuwelijkPartnerschap: { datum: date(mine.ontbonden!.datum) } } : {}),
        },
      ];
    });
    const ouders: Ouder[] = (s.ouders ?? []).map((bsn, i) => ({
      ...related(seed(bsn)),
      geslacht: geslacht(seed(bsn).geslacht),
      ouderAanduiding: i === 0 ? '1' : '2',
      datumIngangFamilierechtelijkeBetrekking: date(s.geboren),
    }));
    const children = SEEDS.filter((c) => c.ouders?.includes(s.bsn));
    const kinderen: Kind[] = children.map(related);
    const gezag = isMinor(s) ? [gezagOver(s)] : children.filter(isMinor).map(gezagOver);

    const persoon: HaalCentraalPersoon = {
      burgerservicenummer: s.bsn,
      geslacht: geslacht(s.geslacht),
      naam: {
        ...relatedNaam(s),
        volledigeNaam: fullName(s),
        aanduidingNaamgebruik: { code: 'E', omschrijving: 'eigen geslachtsnaam' },
      },
      geboorte: { datum: date(s.geboren), ...PLACES[s.geboorteplaats] },
      nationaliteiten: [
        { type: 'Nationaliteit', nationaliteit: { code: '0001', omschrijving: 'Nederlandse' } },
      ],
      ...residence(s, date),
      ...(s.immigratie
        ? {
            immigratie: {
              landVanwaarIngeschreven: s.immigratie.uit,
              datumVestigingInNederland: date(s.immigratie.datum),
            },
          }
        : {}),
      ...(s.curatele ? { indicatieCurateleRegister: true } : {}),
      ...(s.geheimhouding ? { geheimhoudingPersoonsgegevens: true } : {}),
      ...(s.overleden
        ? {
            overlijden: { datum: date(s.overleden.datum), ...PLACES[s.overleden.plaats] },
            opschortingBijhouding: {
              reden: { code: 'O', omschrijving: 'overlijden' },
              datum: date(s.overleden.datum),
            },
          }
        : {}),
      ...(partners.length ? { partners } : {}),
      ...(ouders.length ? { ouders } : {}),
      ...(kinderen.length ? { kinderen } : {}),
      ...(gezag.length ? { gezag } : {}),
    };
    return {
      bsn: s.bsn,
      displayName: fullName(s, false),
      role: s.role,
      description: s.description,
      stories: s.stories,
      persoon,
    };
  });
}

function residence(s: Seed, date: (iso: string) => ReturnType<typeof toDatum>): HaalCentraalPersoon {
  if (s.buitenland) {
    const { regel1, regel2, land, sinds } = s.buitenland;
    return {
      verblijfplaats: {
        type: 'VerblijfplaatsBuitenland',
        verblijfadres: { regel1, regel2, land },
        datumVan: date(sinds),
      },
      gemeenteVanInschrijving: DEMO_GEMEENTEN.rni,
      datumInschrijvingInGemeente: date(sinds),
      adressering: { adresregel1: regel1, adresregel2: regel2, land, ...salutation(s) },
      // Emigration suspends the municipal record; the RNI keeps the person.
      opschortingBijhouding: { reden: { code: 'E', omschrijving: 'emigratie' }, datum: date(sinds) },
    };
  }
  if (!s.woont) return {};
  const keys = Object.keys(ADDRESSES) as (keyof typeof ADDRESSES)[];
  const a: AddressSeed = ADDRESSES[s.woont.adres];
  const gemeente = DEMO_GEMEENTEN[a.gemeente];
  const seq = String(keys.indexOf(s.woont.adres) + 1).padStart(10, '0');
  const postcode = `${a.postcode.slice(0, 4)} ${a.postcode.slice(4)}`;
  const nummer = `${a.huisnummer}${a.huisletter ?? ''}${a.huisnummertoevoeging ? `-${a.huisnummertoevoeging}` : ''}`;
  return {
    verblijfplaats: {
      type: 'Adres',
      verblijfadres: {
        officieleStraatnaam: a.straat,
        korteStraatnaam: a.straat,
        huisnummer: a.huisnummer,
        ...(a.huisletter ? { huisletter: a.huisletter } : {}),
        ...(a.huisnummertoevoeging ? { huisnummertoevoeging: a.huisnummertoevoeging } : {}),
        postcode: a.postcode,
        woonplaats: gemeente.omschrijving,
      },
      functieAdres: { code: 'W', omschrijving: 'woonadres' },
      adresseerbaarObjectIdentificatie: `${gemeente.code}01${seq}`,
      nummeraanduidingIdentificatie: `${gemeente.code}20${seq}`,
      datumVan: date(s.woont.sinds),
    },
    gemeenteVanInschrijving: gemeente,
    datumInschrijvingInGemeente: date(s.woont.sinds),
    adressering: {
      adresregel1: `${a.straat} ${nummer}`,
      adresregel2: `${postcode}  ${gemeente.omschrijving.toUpperCase()}`,
      ...(s.overleden ? {} : salutation(s)),
    },
  };
}

/** Aanhef and aanschrijfwijze for someone who uses their own name (aanduiding naamgebruik E). */
function salutation(s: Seed) {
  const surname = [s.voorvoegsel, s.geslachtsnaam].filter(Boolean).join(' ');
  const capitalised = surname.charAt(0).toUpperCase() + surname.slice(1);
  return {
    aanhef: `Geachte ${s.geslacht === 'V' ? 'mevrouw' : 'heer'} ${capitalised}`,
    aanschrijfwijze: { naam: `${initials(s.voornamen)} ${surname}` },
    gebruikInLopendeTekst: `${s.geslacht === 'V' ? 'mevrouw' : 'de heer'} ${capitalised}`,
  };
}

function relatedNaam(s: Seed): NaamGerelateerde {
  return {
    voornamen: s.voornamen,
    ...(s.voorvoegsel ? { voorvoegsel: s.voorvoegsel } : {}),
    geslachtsnaam: s.geslachtsnaam,
    voorletters: initials(s.voornamen),
  };
}

function fullName(s: Seed, official = true): string {
  const given = official ? s.voornamen : (s.roepnaam ?? s.voornamen.split(' ')[0]);
  return [given, s.voorvoegsel, s.geslachtsnaam].filter(Boolean).join(' ');
}

function initials(voornamen: string): string {
  return voornamen
    .split(' ')
    .map((n) => `${n.charAt(0)}.`)
    .join('');
}

function geslacht(code: 'M' | 'V'): Waardetabel {
  return code === 'M' ? { code: 'M', omschrijving: 'man' } : { code: 'V', omschrijving: 'vrouw' };
}

function fail(message: string): never {
  throw new Error(message);
}

/** The demo people as they are today. */
export const DEMO_PEOPLE: readonly DemoPerson[] = buildDemoPeople();

const INDEX = new Map(DEMO_PEOPLE.map((p) => [p.bsn, p]));

export function demoPersonByBsn(bsn: string): DemoPerson | undefined {
  return INDEX.get(bsn);
}

export function demoPeopleInStory(story: DemoStory): DemoPerson[] {
  return DEMO_PEOPLE.filter((p) => p.stories.includes(story));
}

/** "Sanne de Vries — wil trouwen met Jeroen Bakker": one line for a login list. */
export function demoLoginLabel(person: DemoPerson): string {
  return `${person.displayName} — ${person.role}`;
}

/** The shape the demo identity provider lists (bsn, name, description), one entry per person. */
export function demoCitizens(): { bsn: string; name: string; description: string }[] {
  return DEMO_PEOPLE.map((p) => ({ bsn: p.bsn, name: p.displayName, description: p.role }));
}
