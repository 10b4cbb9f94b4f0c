import { bezwaar } from './bezwaar.ts';
import { ZAAKTYPEN as INCASSO } from './incasso.ts';
import { ZAAKTYPEN as TOESLAGEN } from './toeslagen.ts';
import type { DemoZaaktype } from './types.ts';
import { ZAAKTYPEN as VOORBEELDSTAD } from './voorbeeldstad.ts';

/**
 * The demo catalogue of the three demo organisations: their services with legal basis and service levels,
 * each with a published zaaktype whose statustypen are the milestones the citizen sees (the same names as
 * the case plans in src/cases/plan/definitions). Selectielijst references are uuids of the public
 * selectielijst 2020 (procestypen and resultaten).
 */

export { DEMO_CATALOGI } from './catalogi.ts';
export {
  type DemoCatalogus,
  type DemoResultaattype,
  type DemoZaaktype,
  OMSCHRIJVING_GENERIEK,
  PROCESTYPE,
} from './types.ts';

export const DEMO_ZAAKTYPEN: DemoZaaktype[] = [
  ...VOORBEELDSTAD,
  ...TOESLAGEN,
  ...INCASSO,
  bezwaar('voorbeeldstad', 'juridische-zaken', 'P12W', 'https://www.voorbeeldstad.example/bezwaar'),
  bezwaar('toeslagen', 'juridische-zaken', 'P6W', 'https://toeslagen.example/bezwaar'),
  bezwaar('incasso', 'juridische-zaken', 'P6W', 'https://incasso.example/bezwaar'),
];
