import type { InvalidParam } from '../platform/http/problem.ts';
import { catalogTexts } from './texts.nl.ts';

/**
 * The archive rules of a resultaattype: how the brondatum (start of the archiefactietermijn) is derived,
 * which fields each afleidingswijze needs or forbids, and which afleidingswijze fits the procestermijn of
 * the selectielijstklasse. Pure functions, so the matrix is tested on its own.
 */
export const AFLEIDINGSWIJZEN = [
  'afgehandeld',
  'ander_datumkenmerk',
  'eigenschap',
  'gerelateerde_zaak',
  'hoofdzaak',
  'ingangsdatum_besluit',
  'termijn',
  'vervaldatum_besluit',
  'zaakobject',
] as const;
export type Afleidingswijze = (typeof AFLEIDINGSWIJZEN)[number];

export interface BrondatumArchiefprocedure {
  afleidingswijze: Afleidingswijze;
  datumkenmerk: string;
  einddatumBekend: boolean;
  objecttype: string;
  registratie: string;
  procestermijn: string | null;
}

type Field = 'procestermijn' | 'datumkenmerk' | 'einddatumBekend' | 'objecttype' | 'registratie';

/** true = must be filled in, false = must be empty; a field not named is free. */
export const AFLEIDINGSWIJZE_RULES: Record<Afleidingswijze, Partial<Record<Field, boolean>>> = {
  afgehandeld: {
    procestermijn: false,
    datumkenmerk: false,
    einddatumBekend: false,
    objecttype: false,
    registratie: false,
  },
  ander_datumkenmerk: { procestermijn: false, datumkenmerk: true, objecttype: true, registratie: true },
  eigenschap: { procestermijn: false, datumkenmerk: true, objecttype: false, registratie: false },
  gerelateerde_zaak: { procestermijn: false, datumkenmerk: false, objecttype: false, registratie: false },
  hoofdzaak: { procestermijn: false, datumkenmerk: false, objecttype: false, registratie: false },
  ingangsdatum_besluit: { procestermijn: false, datumkenmerk: false, objecttype: false, registratie: false },
  termijn: {
    procestermijn: true,
    datumkenmerk: false,
    einddatumBekend: false,
    objecttype: false,
    registratie: false,
  },
  vervaldatum_besluit: { procestermijn: false, datumkenmerk: false, objecttype: false, registratie: false },
  zaakobject: { procestermijn: false, datumkenmerk: true, objecttype: true, registratie: false },
};

/** Fills in the optional fields of a brondatumArchiefprocedure as the API stores them. */
export function normaliseBrondatum(
  input: Partial<BrondatumArchiefprocedure> & { afleidingswijze: Afleidingswijze },
) {
  return {
    afleidingswijze: input.afleidingswijze,
    datumkenmerk: input.datumkenmerk ?? '',
    einddatumBekend: input.einddatumBekend ?? false,
    objecttype: input.objecttype ?? '',
    registratie: input.registratie ?? '',
    procestermijn: input.procestermijn ?? null,
  } satisfies BrondatumArchiefprocedure;
}

/** Which fields break the rules of the afleidingswijze: first those that must be empty, then the missing ones. */
export function brondatumErrors(
  b: BrondatumArchiefprocedure,
  prefix = 'brondatumArchiefprocedure',
): InvalidParam[] {
  const rules = AFLEIDINGSWIJZE_RULES[b.afleidingswijze];
  const empty: InvalidParam[] = [];
  const required: InvalidParam[] = [];
  for (const [field, mustHave] of Object.entries(rules) as [Field, boolean][]) {
    if (Boolean(b[field]) === mustHave) continue;
    if (mustHave)
      required.push({
        name: `${prefix}.${field}`,
        code: 'required',
        reason: catalogTexts.requiredFor(b.afleidingswijze),
      });
    else
      empty.push({
        name: `${prefix}.${field}`,
        code: 'must-be-empty',
        reason: catalogTexts.mustBeEmpty(b.afleidingswijze),
      });
  }
  return [...empty, ...required];
}

/**
 * Whether an afleidingswijze fits the procestermijn of the selectielijstklasse: `nihil` demands
 * `afgehandeld`, `ingeschatte_bestaansduur_procesobject` demands `termijn`, and every other filled-in
 * procestermijn excludes both. An empty procestermijn sets no rule.
 */
export function fitsProcestermijn(procestermijn: string, afleidingswijze: string): boolean {
  if (!procestermijn) return true;
  const nihil = procestermijn === 'nihil';
  const bestaansduur = procestermijn === 'ingeschatte_bestaansduur_procesobject';
  if (nihil !== (afleidingswijze === 'afgehandeld')) return false;
  if (bestaansduur !== (afleidingswijze === 'termijn')) return false;
  return true;
}
