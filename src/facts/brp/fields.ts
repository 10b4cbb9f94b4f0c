/**
 * The `fields` rules of Haal Centraal BRP Personen v2: which field paths exist per response type,
 * which may not be asked for, and how a person record is cut down to the asked paths. Shared by the
 * local test service (which applies them) and the adapter (which names them).
 */

/** A scalar value. */
const V = 'value';
/** A code/omschrijving pair: asking for any part delivers the whole pair. */
const W = 'waardetabel';
/** A date object: asking for any part delivers the whole date. */
const D = 'datum';
/** Adellijke titel/predicaat: a waardetabel with `soort`. */
const T = 'titel';
/** Only as a whole: gezag may not be narrowed with sub paths. */
const G = 'whole';

type Leaf = typeof V | typeof W | typeof D | typeof T | typeof G;
export interface FieldTree {
  [name: string]: Leaf | FieldTree;
}

const LEAF_PARTS: Record<Exclude<Leaf, typeof V | typeof G>, string[]> = {
  waardetabel: ['code', 'omschrijving'],
  titel: ['code', 'omschrijving', 'soort'],
  datum: ['type', 'datum', 'jaar', 'maand', 'onbekend', 'langFormaat'],
};

const naamBasis: FieldTree = {
  voornamen: V,
  adellijkeTitelPredicaat: T,
  voorvoegsel: V,
  geslachtsnaam: V,
  voorletters: V,
};
const geboorte: FieldTree = { datum: D, land: W, plaats: W };
const adresseringBasis: FieldTree = {
  adresregel1: V,
  adresregel2: V,
  adresregel3: V,
  land: W,
  indicatieVastgesteldVerblijftNietOpAdres: V,
};

/** Every field of the Persoon response (RaadpleegMetBurgerservicenummer), from the 2.x spec. */
const PERSOON: FieldTree = {
  aNummer: V,
  burgerservicenummer: V,
  datumEersteInschrijvingGBA: D,
  geslacht: W,
  uitsluitingKiesrecht: { uitgeslotenVanKiesrecht: V, einddatum: D },
  europeesKiesrecht: { aanduiding: W, einddatumUitsluiting: D },
  leeftijd: V,
  naam: { ...naamBasis, volledigeNaam: V, aanduidingNaamgebruik: W },
  nationaliteiten: { type: V, nationaliteit: W, redenOpname: W, datumIngangGeldigheid: D },
  geboorte,
  overlijden: { datum: D, land: W, plaats: W },
  verblijfplaats: {
    type: V,
    datumIngangGeldigheid: D,
    datumVan: D,
    functieAdres: W,
    adresseerbaarObjectIdentificatie: V,
    nummeraanduidingIdentificatie: V,
    indicatieVastgesteldVerblijftNietOpAdres: V,
    verblijfadres: {
      officieleStraatnaam: V,
      korteStraatnaam: V,
      huisnummer: V,
      huisletter: V,
      huisnummertoevoeging: V,
      aanduidingBijHuisnummer: W,
      postcode: V,
      woonplaats: V,
      regel1: V,
      regel2: V,
      regel3: V,
      land: W,
      locatiebeschrijving: V,
    },
  },
  immigratie: {
    landVanwaarIngeschreven: W,
    datumVestigingInNederland: D,
    vanuitVerblijfplaatsOnbekend: V,
    indicatieVestigingVanuitBuitenland: V,
  },
  gemeenteVanInschrijving: W,
  datumInschrijvingInGemeente: D,
  adressering: {
    ...adresseringBasis,
    aanhef: V,
    aanschrijfwijze: { naam: V, aanspreekvorm: V },
    gebruikInLopendeTekst: V,
  },
  indicatieCurateleRegister: V,
  indicatieGezagMinderjarige: W,
  gezag: G,
  verblijfstitel: { aanduiding: W, datumEinde: D, datumIngang: D },
  kinderen: { burgerservicenummer: V, naam: naamBasis, geboorte },
  ouders: {
    burgerservicenummer: V,
    geslacht: W,
    ouderAanduiding: V,
    datumIngangFamilierechtelijkeBetrekking: D,
    naam: naamBasis,
    geboorte,
  },
  partners: {
    burgerservicenummer: V,
    geslacht: W,
    soortVerbintenis: W,
    naam: naamBasis,
    geboorte,
    aangaanHuwelijkPartnerschap: { datum: D, land: W, plaats: W },
    ontbindingHuwelijkPartnerschap: { datum: D },
  },
};

/** The smaller PersoonBeperkt answer of the search types. */
const PERSOON_BEPERKT: FieldTree = {
  burgerservicenummer: V,
  geslacht: W,
  leeftijd: V,
  naam: { ...naamBasis, volledigeNaam: V },
  geboorte: { datum: D },
  adressering: { ...adresseringBasis },
};

export type ResponseKind = 'Persoon' | 'PersoonBeperkt' | 'GezagPersoonBeperkt';

export const FIELD_TREES: Record<ResponseKind, FieldTree> = {
  Persoon: PERSOON,
  PersoonBeperkt: PERSOON_BEPERKT,
  GezagPersoonBeperkt: { ...PERSOON_BEPERKT, gezag: G },
};

/** Fields the API always delivers when they have a value; asking for them is an error. */
const AUTOMATIC = new Set(['geheimhoudingPersoonsgegevens', 'opschortingBijhouding', 'rni', 'verificatie']);

/**
 * Alias for adressering that only delivers address lines of a Dutch address, for clients that may
 * not see addresses abroad.
 */
export const ADRESSERING_BINNENLAND = 'adresseringBinnenland';

export type FieldCheck = 'ok' | 'unknown' | 'notAllowed';

/** Whether a dotted field path may be asked for in `fields` for this response kind. */
export function checkFieldPath(path: string, kind: ResponseKind): FieldCheck {
  const parts = path.split('.');
  if (parts[0] === ADRESSERING_BINNENLAND) parts[0] = 'adressering';
  if (AUTOMATIC.has(parts[0]) || parts.includes('inOnderzoek')) return 'notAllowed';
  let node: Leaf | FieldTree = FIELD_TREES[kind];
  for (let i = 0; i < parts.length; i++) {
    if (typeof node === 'string') return leafAccepts(node, parts.slice(i));
    const next: Leaf | FieldTree | undefined = Object.hasOwn(node, parts[i]) ? node[parts[i]] : undefined;
    if (next === undefined) return 'unknown';
    node = next;
  }
  return 'ok';
}

function leafAccepts(leaf: Leaf, rest: string[]): FieldCheck {
  if (leaf === G) return 'notAllowed';
  if (leaf === V || rest.length > 1) return 'unknown';
  return LEAF_PARTS[leaf].includes(rest[0]) ? 'ok' : 'unknown';
}

/** Every full path the tree accepts down to its leaves (for conformance checks and tooling). */
export function leafPaths(tree: FieldTree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([name, node]) => {
    const path = prefix ? `${prefix}.${name}` : name;
    return typeof node === 'string' ? [path] : leafPaths(node, path);
  });
}

type Selection = true | { [name: string]: Selection };

/**
 * Cuts a full person record down to the asked paths, the way the API does: a waardetabel or date
 * comes whole, arrays keep only the asked parts of each element, empty results are left out, the
 * `type` of polymorphic objects and the `inOnderzoek` of every delivered group come along, and the
 * automatic fields are added. Paths must have passed checkFieldPath.
 */
export function selectFields(
  record: Record<string, unknown>,
  paths: string[],
  kind: ResponseKind,
): Record<string, unknown> {
  const tree = FIELD_TREES[kind];
  const selection: { [name: string]: Selection } = {};
  let binnenlandOnly = false;
  for (const path of paths) {
    const parts = path.split('.');
    if (parts[0] === ADRESSERING_BINNENLAND) {
      parts[0] = 'adressering';
      binnenlandOnly = true;
    }
    addPath(selection, tree, parts);
  }
  const out = (apply(record, selection) ?? {}) as Record<string, unknown>;
  if (binnenlandOnly && isAbroad(record) && !paths.some((p) => p.split('.')[0] === 'adressering')) {
    delete out.adressering;
  }
  for (const name of AUTOMATIC) {
    if (record[name] !== undefined && record[name] !== false) out[name] = record[name];
  }
  return out;
}

function isAbroad(record: Record<string, unknown>): boolean {
  return (record.verblijfplaats as { type?: string } | undefined)?.type === 'VerblijfplaatsBuitenland';
}

function addPath(selection: { [name: string]: Selection }, tree: FieldTree, parts: string[]): void {
  const [head, ...rest] = parts;
  const node = tree[head];
  if (rest.length === 0 || typeof node === 'string') {
    selection[head] = true;
    return;
  }
  const existing = selection[head];
  if (existing === true) return;
  const child = existing ?? {};
  selection[head] = child;
  addPath(child, node, rest);
}

function apply(value: unknown, selection: Selection): unknown {
  if (isEmpty(value)) return undefined;
  if (selection === true || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    const items = value.map((v) => apply(v, selection)).filter((v) => !isEmpty(v));
    return items.length > 0 ? items : undefined;
  }
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [name, sub] of Object.entries(selection)) {
    const picked = apply(source[name], sub);
    if (!isEmpty(picked)) out[name] = picked;
  }
  if (Object.keys(out).length === 0) return undefined;
  if (typeof source.type === 'string') out.type = source.type;
  if (source.inOnderzoek !== undefined) out.inOnderzoek = source.inOnderzoek;
  return out;
}

function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null || value === '' || value === false) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value).length === 0;
  return false;
}

/** True when `fields` asked for `path` itself or for a group that contains it. */
export function covers(fields: readonly string[], path: string): boolean {
  return fields.some((f) => {
    const field = f.startsWith(`${ADRESSERING_BINNENLAND}`)
      ? f.replace(ADRESSERING_BINNENLAND, 'adressering')
      : f;
    return field === path || path.startsWith(`${field}.`);
  });
}
