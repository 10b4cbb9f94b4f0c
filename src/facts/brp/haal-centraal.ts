/**
 * The wire format of Haal Centraal BRP Personen v2 (API version 2.x, POST /personen), as far as Loket
 * sends, reads or serves it. Field names are the standard's own (Dutch). Every property is optional
 * because the API only delivers what `fields` asked for and only when it has a value.
 */

/** A code/description pair from a national table (Landen, Gemeenten, Nationaliteiten, …). */
export interface Waardetabel {
  /** Absent for a place abroad, which only has a description. */
  code?: string;
  omschrijving?: string;
}

/** Dates in the BRP may be partly or fully unknown; the API says which with `type`. */
export type Datum =
  | { type: 'Datum'; datum: string; langFormaat: string }
  | { type: 'JaarMaandDatum'; jaar: number; maand: number; langFormaat: string }
  | { type: 'JaarDatum'; jaar: number; langFormaat: string }
  | { type: 'DatumOnbekend'; onbekend: true; langFormaat: string };

/** Marks which fields of a group are under investigation (in onderzoek) and since when. */
export type InOnderzoek = { datumIngangOnderzoek?: Datum } & Record<string, boolean | Datum | undefined>;

export interface Naam {
  voornamen?: string;
  adellijkeTitelPredicaat?: Waardetabel & { soort?: 'titel' | 'predicaat' };
  voorvoegsel?: string;
  geslachtsnaam?: string;
  voorletters?: string;
  volledigeNaam?: string;
  aanduidingNaamgebruik?: Waardetabel;
  inOnderzoek?: InOnderzoek;
}

export interface Geboorte {
  datum?: Datum;
  plaats?: Waardetabel;
  land?: Waardetabel;
  inOnderzoek?: InOnderzoek;
}

export interface Overlijden {
  datum?: Datum;
  plaats?: Waardetabel;
  land?: Waardetabel;
  inOnderzoek?: InOnderzoek;
}

/** The union of the address parts of Adres, VerblijfplaatsBuitenland and Locatie. */
export interface Verblijfadres {
  officieleStraatnaam?: string;
  korteStraatnaam?: string;
  huisnummer?: number;
  huisletter?: string;
  huisnummertoevoeging?: string;
  aanduidingBijHuisnummer?: Waardetabel;
  postcode?: string;
  woonplaats?: string;
  regel1?: string;
  regel2?: string;
  regel3?: string;
  land?: Waardetabel;
  locatiebeschrijving?: string;
}

export type VerblijfplaatsType = 'Adres' | 'VerblijfplaatsBuitenland' | 'VerblijfplaatsOnbekend' | 'Locatie';

export interface Verblijfplaats {
  type: VerblijfplaatsType;
  verblijfadres?: Verblijfadres;
  functieAdres?: Waardetabel;
  adresseerbaarObjectIdentificatie?: string;
  nummeraanduidingIdentificatie?: string;
  datumVan?: Datum;
  datumIngangGeldigheid?: Datum;
  indicatieVastgesteldVerblijftNietOpAdres?: boolean;
  inOnderzoek?: InOnderzoek;
}

export interface Adressering {
  adresregel1?: string;
  adresregel2?: string;
  adresregel3?: string;
  land?: Waardetabel;
  indicatieVastgesteldVerblijftNietOpAdres?: boolean;
  aanhef?: string;
  aanschrijfwijze?: { naam?: string; aanspreekvorm?: string };
  gebruikInLopendeTekst?: string;
  inOnderzoek?: InOnderzoek;
}

/** Name of a related person (partner, parent, child): no volledigeNaam in the standard. */
export type NaamGerelateerde = Omit<Naam, 'volledigeNaam' | 'aanduidingNaamgebruik'>;

export interface Partner {
  burgerservicenummer?: string;
  geslacht?: Waardetabel;
  soortVerbintenis?: Waardetabel;
  naam?: NaamGerelateerde;
  geboorte?: Geboorte;
  aangaanHuwelijkPartnerschap?: { datum?: Datum; plaats?: Waardetabel; land?: Waardetabel };
  ontbindingHuwelijkPartnerschap?: { datum?: Datum };
  inOnderzoek?: InOnderzoek;
}

export interface Ouder {
  burgerservicenummer?: string;
  geslacht?: Waardetabel;
  ouderAanduiding?: '1' | '2';
  datumIngangFamilierechtelijkeBetrekking?: Datum;
  naam?: NaamGerelateerde;
  geboorte?: Geboorte;
  inOnderzoek?: InOnderzoek;
}

export interface Kind {
  burgerservicenummer?: string;
  naam?: NaamGerelateerde;
  geboorte?: Geboorte;
  inOnderzoek?: InOnderzoek;
}

export interface GezagPersoon {
  burgerservicenummer?: string;
  naam?: { volledigeNaam?: string };
}

export interface Gezagsrelatie {
  type: string;
  minderjarige: GezagPersoon & { leeftijd?: number };
  ouders?: GezagPersoon[];
  ouder?: GezagPersoon;
  derde?: GezagPersoon & { type: string };
  derden?: (GezagPersoon & { type: string })[];
  toelichting?: string;
  inOnderzoek?: boolean;
}

export interface Nationaliteit {
  type:
    | 'Nationaliteit'
    | 'BehandeldAlsNederlander'
    | 'VastgesteldNietNederlander'
    | 'Staatloos'
    | 'NationaliteitOnbekend';
  nationaliteit?: Waardetabel;
  redenOpname?: Waardetabel;
  datumIngangGeldigheid?: Datum;
}

export interface HaalCentraalPersoon {
  aNummer?: string;
  burgerservicenummer?: string;
  geslacht?: Waardetabel;
  naam?: Naam;
  geboorte?: Geboorte;
  leeftijd?: number;
  nationaliteiten?: Nationaliteit[];
  overlijden?: Overlijden;
  verblijfplaats?: Verblijfplaats;
  immigratie?: {
    landVanwaarIngeschreven?: Waardetabel;
    datumVestigingInNederland?: Datum;
    vanuitVerblijfplaatsOnbekend?: boolean;
    indicatieVestigingVanuitBuitenland?: boolean;
  };
  gemeenteVanInschrijving?: Waardetabel;
  datumInschrijvingInGemeente?: Datum;
  adressering?: Adressering;
  indicatieCurateleRegister?: boolean;
  gezag?: Gezagsrelatie[];
  kinderen?: Kind[];
  ouders?: Ouder[];
  partners?: Partner[];
  /** Delivered automatically (never asked for in fields) when true. */
  geheimhoudingPersoonsgegevens?: boolean;
  /** Delivered automatically: why and since when the BRP stopped keeping this record up to date. */
  opschortingBijhouding?: { reden?: Waardetabel; datum?: Datum };
  inOnderzoek?: InOnderzoek;
  rni?: { deelnemer?: Waardetabel; omschrijvingVerdrag?: string; categorie?: string }[];
  verificatie?: { datum?: Datum; omschrijving?: string };
}

export interface PersonenQueryResponse {
  type: string;
  personen?: HaalCentraalPersoon[];
}

export interface HaalCentraalInvalidParam {
  type?: string;
  name: string;
  code: string;
  reason: string;
}

/** The application/problem+json body of every Haal Centraal error. */
export interface HaalCentraalProblem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance: string;
  code: string;
  invalidParams?: HaalCentraalInvalidParam[];
}

/** The seven query types of POST /personen. */
export const QUERY_TYPES = [
  'RaadpleegMetBurgerservicenummer',
  'ZoekMetGeslachtsnaamEnGeboortedatum',
  'ZoekMetNaamEnGemeenteVanInschrijving',
  'ZoekMetPostcodeEnHuisnummer',
  'ZoekMetStraatHuisnummerEnGemeenteVanInschrijving',
  'ZoekMetNummeraanduidingIdentificatie',
  'ZoekMetAdresseerbaarObjectIdentificatie',
] as const;
export type QueryType = (typeof QUERY_TYPES)[number];

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

/**
 * Builds the API's date object from an ISO-like string: "1956-11-15" (full), "1978-03" (day
 * unknown), "1968" (only the year) or "" (fully unknown), with the Dutch long form the API gives.
 */
export function toDatum(value: string): Datum {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (!m) return { type: 'DatumOnbekend', onbekend: true, langFormaat: 'onbekend' };
  const [, y, mo, d] = m;
  const jaar = Number(y);
  if (!mo) return { type: 'JaarDatum', jaar, langFormaat: String(jaar) };
  const maand = Number(mo);
  if (maand < 1 || maand > 12) throw new Error(`invalid month in date "${value}"`);
  if (!d) return { type: 'JaarMaandDatum', jaar, maand, langFormaat: `${MONTHS[maand - 1]} ${jaar}` };
  if (!isCalendarDate(value)) throw new Error(`invalid date "${value}"`);
  return { type: 'Datum', datum: value, langFormaat: `${Number(d)} ${MONTHS[maand - 1]} ${jaar}` };
}

/** True for an existing YYYY-MM-DD date (so not 2023-02-29). */
export function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.toISOString().slice(0, 10) === value;
}

/** Today's date in the Netherlands as YYYY-MM-DD: ages and "today" in the BRP follow Dutch time. */
export function dutchDate(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Amsterdam',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}

/**
 * Age in whole years on a date, by the BRP's rules: only when it is certain. A fully unknown or
 * year-only birth date gives no age; a year-and-month date gives one unless the reference date falls
 * in the birth month. Someone born on 29 February turns a year older on 1 March in other years.
 */
export function ageOn(birth: Datum | undefined, on: string): number | null {
  if (!birth) return null;
  const [y, m, d] = on.split('-').map(Number);
  if (birth.type === 'Datum') {
    const [by, bm, bd] = birth.datum.split('-').map(Number);
    return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
  }
  if (birth.type === 'JaarMaandDatum') {
    if (m === birth.maand) return null;
    return y - birth.jaar - (m < birth.maand ? 1 : 0);
  }
  return null;
}
