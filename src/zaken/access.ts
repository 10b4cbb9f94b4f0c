import { requireTypeAccess } from '../authz/policy.ts';
import { Problem, problems } from '../platform/http/problem.ts';
import type { ZaakRow } from './store.ts';
import { zakenTexts as t } from './texts.nl.ts';
import type { Caller } from './types.ts';

/** Who may do what with a zaak: its organisation, zaaktype, confidentiality, and whether it is closed. */

export const SCOPES = {
  lezen: 'zaken.lezen',
  aanmaken: 'zaken.aanmaken',
  bijwerken: 'zaken.bijwerken',
  verwijderen: 'zaken.verwijderen',
  statussen: 'zaken.statussen.toevoegen',
  heropenen: 'zaken.heropenen',
  geforceerd: 'zaken.geforceerd-bijwerken',
} as const;

export function hasScope(caller: Caller, scope: string, zaaktype?: string): boolean {
  if (caller.auth.all) return true;
  return caller.auth.autorisaties.some(
    (a) =>
      a.component === 'zrc' &&
      a.scopes.includes(scope) &&
      (zaaktype === undefined || a.zaaktype === zaaktype),
  );
}

/**
 * A zaak of another organisation does not exist for this client (404); beyond its zaaktypen or
 * confidentiality it is 403 `permission_denied`.
 */
export function requireZaak(caller: Caller, zaak: ZaakRow, scopes: string[]): void {
  if (zaak.organisation_id !== caller.organisationId) throw problems.notFound();
  requireTypeAccess(caller.auth, 'zrc', scopes, 'zaaktype', zaak.zaaktype, zaak.vertrouwelijkheidaanduiding);
}

/** A closed zaak only changes with `zaken.geforceerd-bijwerken`. */
export function requireOpen(caller: Caller, zaak: ZaakRow): void {
  if (zaak.einddatum && !hasScope(caller, SCOPES.geforceerd, zaak.zaaktype))
    throw new Problem(403, 'permission_denied', t.closedTitle, t.closed);
}

/** Changing a part of a zaak (rol, resultaat, zaakobject, …): the write scope, and open unless forced. */
export function requireChange(caller: Caller, zaak: ZaakRow): void {
  requireZaak(caller, zaak, [SCOPES.bijwerken, SCOPES.geforceerd]);
  requireOpen(caller, zaak);
}
