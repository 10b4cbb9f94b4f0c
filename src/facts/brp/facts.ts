import { BRP_SOURCE, BRP_VIA, contentVersion, type Persoon } from './persoon.ts';

/**
 * A fact about a person as Loket stores and reasons with it: the value plus where it came from, when
 * it was read and which version of the source data it reflects. Decisions record the facts they used;
 * when the BRP corrects something, "which decisions read attribute X of this person at version v"
 * finds every decision to look at again.
 */
export interface BrpFact {
  /** The person's BSN. */
  subject: string;
  attribute: BrpAttribute;
  /** Plain JSON, as in the Persoon model. */
  value: unknown;
  source: typeof BRP_SOURCE;
  via: typeof BRP_VIA;
  /** The Haal Centraal fields the value comes from: what a terugmelding points at. */
  sourceFields: string[];
  retrievedAt: string;
  /** Hash of the source data behind this value only, so it stays the same while that data does. */
  version: string;
  /** The BRP itself doubts the data (in onderzoek); a decision should say so. */
  underInvestigation: boolean;
}

export type BrpAttribute =
  | 'name'
  | 'sex'
  | 'birthDate'
  | 'maritalStatus'
  | 'partners'
  | 'parentBsns'
  | 'childBsns'
  | 'curatele'
  | 'address'
  | 'municipality'
  | 'deceased'
  | 'secrecy';

/** Which part of the record each attribute is derived from. */
const SOURCE_FIELDS: Record<BrpAttribute, string[]> = {
  name: ['naam'],
  sex: ['geslacht'],
  birthDate: ['geboorte.datum'],
  maritalStatus: ['partners'],
  partners: ['partners'],
  parentBsns: ['ouders'],
  childBsns: ['kinderen'],
  curatele: ['indicatieCurateleRegister'],
  address: ['verblijfplaats'],
  municipality: ['gemeenteVanInschrijving'],
  deceased: ['overlijden', 'opschortingBijhouding'],
  secrecy: ['geheimhoudingPersoonsgegevens'],
};

/** Every known attribute of the person as a fact with provenance; unknown (not asked) ones are left out. */
export function persoonFacts(p: Persoon): BrpFact[] {
  const facts: BrpFact[] = [];
  for (const [attribute, sourceFields] of Object.entries(SOURCE_FIELDS) as [BrpAttribute, string[]][]) {
    const value = p[attribute];
    if (value === undefined) continue;
    facts.push({
      subject: p.bsn,
      attribute,
      value: value === null ? null : structuredClone(value),
      source: BRP_SOURCE,
      via: BRP_VIA,
      sourceFields,
      retrievedAt: p.provenance.retrievedAt,
      version: contentVersion(sourceFields.map((f) => valueAt(p.raw, f) ?? null)),
      underInvestigation: sourceFields.some((f) => p.underInvestigation.includes(f.split('.')[0])),
    });
  }
  return facts;
}

function valueAt(record: object, path: string): unknown {
  let value: unknown = record;
  for (const part of path.split('.')) value = (value as Record<string, unknown> | undefined)?.[part];
  return value;
}
