import { checkFieldPath, type ResponseKind } from './fields.ts';
import {
  type HaalCentraalInvalidParam,
  isCalendarDate,
  QUERY_TYPES,
  type QueryType,
} from './haal-centraal.ts';

/**
 * The request rules of POST /personen: the seven query types, their parameters and patterns (from
 * the 2.x spec), and how the API words what is wrong (from the standard's fout-cases features). The
 * local test service applies them; they sit here, beside the field rules, as knowledge of the standard.
 */

export const TITLE_INVALID = 'Een of meerdere parameters zijn niet correct.';
export const TITLE_COMBINATION = 'Minimale combinatie van parameters moet worden opgegeven.';

/** A refused query: the title, code and invalidParams of the 400 answer. */
export class QueryValidationError extends Error {
  constructor(
    readonly invalidParams: HaalCentraalInvalidParam[],
    readonly title = TITLE_INVALID,
    readonly code = 'paramsValidation',
  ) {
    super(title);
  }
}

type Param =
  | { kind: 'pattern'; pattern: string }
  | { kind: 'date' }
  | { kind: 'huisnummer' }
  | { kind: 'boolean' }
  | { kind: 'bsnList' };

const pattern = (p: string): Param => ({ kind: 'pattern', pattern: p });
const NAAM = "^[a-zA-Z0-9À-ž \\.\\-\\']{1,200}$|^[a-zA-Z0-9À-ž \\.\\-\\']{3,199}\\*{1}$";
const COMMON: Record<string, Param> = {
  inclusiefOverledenPersonen: { kind: 'boolean' },
  gemeenteVanInschrijving: pattern('^[0-9]{4}$'),
};
const NAME_FILTERS: Record<string, Param> = {
  geslacht: pattern('^([Mm]|[Vv]|[Oo])$'),
  geslachtsnaam: pattern(NAAM),
  voorvoegsel: pattern("^[a-zA-Z \\']{1,10}$"),
};
const HUISNUMMER: Record<string, Param> = {
  huisnummer: { kind: 'huisnummer' },
  huisletter: pattern('^[a-zA-Z]{1}$'),
  huisnummertoevoeging: pattern('^[a-zA-Z0-9 \\-]{1,4}$'),
};
const BAG_ID = pattern('^(?!0{16})[0-9]{16}$');

export interface QuerySpec {
  required: string[];
  params: Record<string, Param>;
  response: ResponseKind;
  /** The standard answers a missing postcode/huisnummer with paramsValidation, the rest with paramsCombination. */
  missingIsInvalid?: true;
}

export const QUERIES: Record<QueryType, QuerySpec> = {
  RaadpleegMetBurgerservicenummer: {
    required: ['burgerservicenummer'],
    params: {
      burgerservicenummer: { kind: 'bsnList' },
      gemeenteVanInschrijving: COMMON.gemeenteVanInschrijving,
    },
    response: 'Persoon',
  },
  ZoekMetGeslachtsnaamEnGeboortedatum: {
    required: ['geboortedatum', 'geslachtsnaam'],
    params: {
      ...COMMON,
      ...NAME_FILTERS,
      geboortedatum: { kind: 'date' },
      voornamen: pattern("^[a-zA-Z0-9À-ž \\.\\-\\']{1,199}\\*{0,1}$"),
    },
    response: 'PersoonBeperkt',
  },
  ZoekMetNaamEnGemeenteVanInschrijving: {
    required: ['geslachtsnaam', 'gemeenteVanInschrijving', 'voornamen'],
    params: { ...COMMON, ...NAME_FILTERS, voornamen: pattern(NAAM) },
    response: 'PersoonBeperkt',
  },
  ZoekMetPostcodeEnHuisnummer: {
    required: ['postcode', 'huisnummer'],
    params: {
      ...COMMON,
      ...HUISNUMMER,
      postcode: pattern('^[1-9]{1}[0-9]{3}[ ]?[A-Za-z]{2}$'),
      geboortedatum: { kind: 'date' },
      geslachtsnaam: pattern(NAAM),
    },
    response: 'PersoonBeperkt',
    missingIsInvalid: true,
  },
  ZoekMetStraatHuisnummerEnGemeenteVanInschrijving: {
    required: ['straat', 'huisnummer', 'gemeenteVanInschrijving'],
    params: {
      ...COMMON,
      ...HUISNUMMER,
      straat: pattern(
        "^[a-zA-Z0-9À-ž \\-\\'\\.]{1,80}$|^[a-zA-Z0-9À-ž \\-\\'\\.]{7,79}\\*{1}$|^\\*{1}[a-zA-Z0-9À-ž \\-\\'\\.]{7,79}$",
      ),
    },
    response: 'PersoonBeperkt',
  },
  ZoekMetNummeraanduidingIdentificatie: {
    required: ['nummeraanduidingIdentificatie'],
    params: { ...COMMON, nummeraanduidingIdentificatie: BAG_ID },
    response: 'PersoonBeperkt',
  },
  ZoekMetAdresseerbaarObjectIdentificatie: {
    required: ['adresseerbaarObjectIdentificatie'],
    params: { ...COMMON, adresseerbaarObjectIdentificatie: BAG_ID },
    response: 'GezagPersoonBeperkt',
  },
};

export interface ValidQuery {
  type: QueryType;
  spec: QuerySpec;
  fields: string[];
  params: Record<string, unknown>;
}

/** Validates a request body in the order and with the words of the standard's fout-cases. */
export function validateQuery(body: unknown): ValidQuery {
  const b = (typeof body === 'object' && body !== null && !Array.isArray(body) ? body : {}) as Record<
    string,
    unknown
  >;
  if (b.type === undefined || b.type === null) {
    throw new QueryValidationError([{ name: 'type', code: 'required', reason: 'Parameter is verplicht.' }]);
  }
  if (typeof b.type !== 'string' || !(QUERY_TYPES as readonly string[]).includes(b.type)) {
    throw new QueryValidationError([
      { name: 'type', code: 'value', reason: 'Waarde is geen geldig zoek type.' },
    ]);
  }
  const type = b.type as QueryType;
  const spec = QUERIES[type];

  const missing = [...spec.required, 'fields']
    .filter((name) => b[name] === undefined || b[name] === null || b[name] === '')
    .map((name) => ({ name, code: 'required', reason: 'Parameter is verplicht.' }));
  if (missing.length > 0) {
    throw spec.missingIsInvalid
      ? new QueryValidationError(missing)
      : new QueryValidationError(missing, TITLE_COMBINATION, 'paramsCombination');
  }

  const errors: HaalCentraalInvalidParam[] = [];
  for (const [name, value] of Object.entries(b)) {
    if (name === 'type' || name === 'fields') continue;
    const param = spec.params[name];
    if (!param) errors.push({ name, code: 'unknownParam', reason: 'Parameter is niet verwacht.' });
    else errors.push(...checkParam(name, value, param));
  }
  errors.push(...checkFields(b.fields, spec.response));
  if (errors.length > 0) throw new QueryValidationError(errors);
  const { type: _t, fields, ...params } = b;
  return { type, spec, fields: fields as string[], params };
}

function checkParam(name: string, value: unknown, param: Param): HaalCentraalInvalidParam[] {
  const fail = (code: string, reason: string) => [{ name, code, reason }];
  switch (param.kind) {
    case 'pattern':
      return typeof value === 'string' && new RegExp(param.pattern).test(value)
        ? []
        : fail('pattern', `Waarde voldoet niet aan patroon ${param.pattern}.`);
    case 'date':
      return typeof value === 'string' && isCalendarDate(value)
        ? []
        : fail('date', 'Waarde is geen geldige datum.');
    case 'boolean':
      return typeof value === 'boolean' ? [] : fail('boolean', 'Waarde is geen boolean.');
    case 'huisnummer':
      return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 99999
        ? []
        : fail('integer', 'Waarde is geen geldig getal.');
    case 'bsnList':
      return checkList(name, value, 20, (item) => typeof item === 'string' && /^[0-9]{9}$/.test(item), {
        code: 'pattern',
        reason: 'Waarde voldoet niet aan patroon ^[0-9]{9}$.',
      });
  }
}

function checkList(
  name: string,
  value: unknown,
  max: number,
  itemOk?: (item: unknown) => boolean,
  itemError?: { code: string; reason: string },
): HaalCentraalInvalidParam[] {
  if (!Array.isArray(value)) return [{ name, code: 'array', reason: 'Parameter is geen array.' }];
  if (value.length < 1) return [{ name, code: 'minItems', reason: 'Array bevat minder dan 1 items.' }];
  if (value.length > max) return [{ name, code: 'maxItems', reason: `Array bevat meer dan ${max} items.` }];
  if (!itemOk || !itemError) return [];
  return value.flatMap((item, i) => (itemOk(item) ? [] : [{ name: `${name}[${i}]`, ...itemError }]));
}

function checkFields(fields: unknown, kind: ResponseKind): HaalCentraalInvalidParam[] {
  const FIELD = /^[a-zA-Z0-9._]{1,200}$/;
  const shape = checkList('fields', fields, 130);
  if (shape.length > 0) return shape;
  return (fields as unknown[]).flatMap((path, i) => {
    const name = `fields[${i}]`;
    if (typeof path !== 'string' || !FIELD.test(path)) {
      return [{ name, code: 'pattern', reason: 'Waarde voldoet niet aan patroon ^[a-zA-Z0-9\\._]{1,200}$.' }];
    }
    const check = checkFieldPath(path, kind);
    if (check === 'ok') return [];
    const reason =
      check === 'unknown'
        ? 'Parameter bevat een niet bestaande veldnaam.'
        : 'Parameter bevat een niet toegestane veldnaam.';
    return [{ name, code: 'fields', reason }];
  });
}
