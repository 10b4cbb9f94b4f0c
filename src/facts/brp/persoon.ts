import { createHash } from 'node:crypto';
import { covers } from './fields.ts';
import { ageOn, type Datum, dutchDate, type HaalCentraalPersoon, type Waardetabel } from './haal-centraal.ts';

/**
 * The small person model Loket works with, mapped from a Haal Centraal answer. A property is
 * `undefined` when its fields were not asked for — never read that as "no". Properties the API
 * delivers automatically (secrecy, deceased via opschortingBijhouding) are always known.
 */
export interface Persoon {
  bsn: string;
  name?: PersonName;
  sex?: 'male' | 'female' | 'unknown';
  /** The API's own date: it says whether day, month or year are unknown. */
  birthDate?: Datum;
  maritalStatus?: MaritalStatus;
  /** The current partner, or the last one if that marriage or partnership was dissolved. */
  partners?: PartnerRelation[];
  parentBsns?: string[];
  childBsns?: string[];
  /** Under curatele (indicatieCurateleRegister). */
  curatele?: boolean;
  /** null when asked and no address is registered. */
  address?: Address | null;
  /** Gemeente van inschrijving; it keeps the record (bronhouder), so corrections go there. */
  municipality?: Waardetabel;
  deceased: { date?: Datum } | null;
  /** geheimhoudingPersoonsgegevens: the data may not be passed on to third parties. */
  secrecy: boolean;
  /** Why the BRP stopped keeping the record up to date (death, emigration, …), if it did. */
  suspension?: { reason: Waardetabel; date?: Datum };
  /** Top-level groups the BRP marked as in onderzoek (under investigation). */
  underInvestigation: string[];
  provenance: Provenance;
  /** The record exactly as returned, for facts that need more than this model holds. */
  raw: HaalCentraalPersoon;
}

export interface PersonName {
  givenNames?: string;
  prefix?: string;
  surname?: string;
  initials?: string;
  fullName?: string;
}

export type MaritalStatus =
  /** huwelijk, not dissolved */
  | 'married'
  /** geregistreerd partnerschap, not dissolved */
  | 'registered-partner'
  /** the last marriage or partnership was dissolved (divorce, death, …) */
  | 'dissolved'
  /** no marriage or partnership registered */
  | 'none';

export interface PartnerRelation {
  bsn?: string;
  kind: 'marriage' | 'registered-partnership' | 'unknown';
  since?: Datum;
  dissolvedOn?: Datum;
  fullName?: string;
}

export type Address =
  | {
      kind: 'domestic';
      street?: string;
      houseNumber?: number;
      houseLetter?: string;
      houseNumberAddition?: string;
      postcode?: string;
      city?: string;
      since?: Datum;
      bagAddressableObjectId?: string;
    }
  | { kind: 'abroad'; lines: string[]; country?: Waardetabel; since?: Datum }
  | { kind: 'location'; description?: string; since?: Datum }
  | { kind: 'unknown'; since?: Datum };

export const BRP_SOURCE = 'BRP' as const;
export const BRP_VIA = 'Haal Centraal BRP Personen v2' as const;

export interface Provenance {
  source: typeof BRP_SOURCE;
  via: typeof BRP_VIA;
  /** When Loket received the answer (ISO 8601). */
  retrievedAt: string;
  /** Hash of the returned record (leeftijd left out: it changes daily without the record changing). */
  recordVersion: string;
  /** The fields Loket asked for: what is absent outside them is unknown, not empty. */
  fields: string[];
}

/** Maps one person of a Haal Centraal answer, knowing which fields were asked. */
export function toPersoon(raw: HaalCentraalPersoon, fields: readonly string[], retrievedAt: Date): Persoon {
  const asked = (path: string) => covers(fields, path);
  const p: Persoon = {
    bsn: raw.burgerservicenummer ?? '',
    deceased:
      raw.overlijden || raw.opschortingBijhouding?.reden?.code === 'O'
        ? { ...(raw.overlijden?.datum ? { date: raw.overlijden.datum } : {}) }
        : null,
    secrecy: raw.geheimhoudingPersoonsgegevens === true,
    underInvestigation: Object.entries(raw)
      .filter(
        ([k, v]) => k === 'inOnderzoek' || (Array.isArray(v) ? v.some(hasInOnderzoek) : hasInOnderzoek(v)),
      )
      .map(([k]) => (k === 'inOnderzoek' ? 'persoon' : k)),
    provenance: {
      source: BRP_SOURCE,
      via: BRP_VIA,
      retrievedAt: retrievedAt.toISOString(),
      recordVersion: contentVersion({ ...raw, leeftijd: undefined }),
      fields: [...fields],
    },
    raw,
  };
  if (raw.naam) {
    p.name = {
      givenNames: raw.naam.voornamen,
      prefix: raw.naam.voorvoegsel,
      surname: raw.naam.geslachtsnaam,
      initials: raw.naam.voorletters,
      fullName: raw.naam.volledigeNaam,
    };
  }
  if (raw.geslacht?.code)
    p.sex = raw.geslacht.code === 'M' ? 'male' : raw.geslacht.code === 'V' ? 'female' : 'unknown';
  if (raw.geboorte?.datum) p.birthDate = raw.geboorte.datum;
  if (fields.some((f) => f === 'partners' || f.startsWith('partners.'))) {
    p.partners = (raw.partners ?? []).map((r) => ({
      bsn: r.burgerservicenummer,
      kind:
        r.soortVerbintenis?.code === 'H'
          ? 'marriage'
          : r.soortVerbintenis?.code === 'P'
            ? 'registered-partnership'
            : 'unknown',
      since: r.aangaanHuwelijkPartnerschap?.datum,
      dissolvedOn: r.ontbindingHuwelijkPartnerschap?.datum,
      fullName: r.naam
        ? [r.naam.voornamen, r.naam.voorvoegsel, r.naam.geslachtsnaam].filter(Boolean).join(' ')
        : undefined,
    }));
  }
  // The status needs both the kind and the dissolution of the partnership.
  if (asked('partners.soortVerbintenis') && asked('partners.ontbindingHuwelijkPartnerschap')) {
    const current = (raw.partners ?? []).find((r) => !r.ontbindingHuwelijkPartnerschap);
    p.maritalStatus = current
      ? current.soortVerbintenis?.code === 'P'
        ? 'registered-partner'
        : 'married'
      : (raw.partners ?? []).length > 0
        ? 'dissolved'
        : 'none';
  }
  if (asked('ouders.burgerservicenummer')) p.parentBsns = bsnsOf(raw.ouders);
  if (asked('kinderen.burgerservicenummer')) p.childBsns = bsnsOf(raw.kinderen);
  if (asked('indicatieCurateleRegister')) p.curatele = raw.indicatieCurateleRegister === true;
  if (asked('verblijfplaats')) p.address = toAddress(raw);
  if (raw.gemeenteVanInschrijving) p.municipality = raw.gemeenteVanInschrijving;
  if (raw.opschortingBijhouding?.reden) {
    p.suspension = { reason: raw.opschortingBijhouding.reden, date: raw.opschortingBijhouding.datum };
  }
  return p;
}

function hasInOnderzoek(v: unknown): boolean {
  return typeof v === 'object' && v !== null && 'inOnderzoek' in v;
}

function bsnsOf(list: { burgerservicenummer?: string }[] | undefined): string[] {
  return (list ?? []).map((r) => r.burgerservicenummer).filter((b): b is string => !!b);
}

function toAddress(raw: HaalCentraalPersoon): Address | null {
  const v = raw.verblijfplaats;
  if (!v) return null;
  const a = v.verblijfadres ?? {};
  switch (v.type) {
    case 'Adres':
      return {
        kind: 'domestic',
        street: a.officieleStraatnaam ?? a.korteStraatnaam,
        houseNumber: a.huisnummer,
        houseLetter: a.huisletter,
        houseNumberAddition: a.huisnummertoevoeging,
        postcode: a.postcode,
        city: a.woonplaats,
        since: v.datumVan,
        bagAddressableObjectId: v.adresseerbaarObjectIdentificatie,
      };
    case 'VerblijfplaatsBuitenland':
      return {
        kind: 'abroad',
        lines: [a.regel1, a.regel2, a.regel3].filter((l): l is string => !!l),
        country: a.land,
        since: v.datumVan,
      };
    case 'Locatie':
      return { kind: 'location', description: a.locatiebeschrijving, since: v.datumVan };
    default:
      return { kind: 'unknown', since: v.datumVan };
  }
}

/**
 * Age in whole years on a date (YYYY-MM-DD or a moment, read in Dutch time), or null when the
 * birth date does not settle it (see ageOn for the BRP's rules on partly unknown dates).
 */
export function ageOf(p: Pick<Persoon, 'birthDate'>, on: string | Date): number | null {
  return ageOn(p.birthDate, typeof on === 'string' ? on : dutchDate(on));
}

/**
 * Minor (under 18) on a date; null when the age is unknown. Note the law also counts a married
 * minor as meerderjarig (art. 1:233 BW); the BRP's gezag tells who decides for a minor.
 */
export function isMinorOn(p: Pick<Persoon, 'birthDate'>, on: string | Date): boolean | null {
  const age = ageOf(p, on);
  return age === null ? null : age < 18;
}

/** A stable version marker for any JSON value: sha256 over its canonical form (sorted keys). */
export function contentVersion(value: unknown): string {
  return `sha256:${createHash('sha256').update(canonicalJson(value)).digest('hex')}`;
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
