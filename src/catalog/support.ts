import { type ClientAuthorisations, requireScopes } from '../authz/policy.ts';
import type { Db } from '../platform/db/database.ts';
import type { Trx } from '../platform/db/transaction.ts';
import { Problem, problems } from '../platform/http/problem.ts';
import { emitZgwNotification } from '../zgw/notifications.ts';
import { parseLocalUrl, resourceUrl } from '../zgw/urls.ts';
import { catalogTexts } from './texts.nl.ts';

export const SCOPES = {
  lezen: 'catalogi.lezen',
  schrijven: 'catalogi.schrijven',
  geforceerdSchrijven: 'catalogi.geforceerd-schrijven',
  /** Catalogi API 1.0–1.2 name for forced deletes; still honoured. */
  geforceerdVerwijderen: 'catalogi.geforceerd-verwijderen',
} as const;

/** Who is asking, and whether they may override the concept rules (`catalogi.geforceerd-schrijven`). */
export interface Caller {
  organisationId: string;
  traceId?: string;
  forceWrite: boolean;
  forceDelete: boolean;
}

function has(auth: ClientAuthorisations, scope: string): boolean {
  try {
    requireScopes(auth, 'ztc', [scope]);
    return true;
  } catch {
    return false;
  }
}

export function callerOf(organisationId: string, auth: ClientAuthorisations, traceId?: string): Caller {
  const forceWrite = has(auth, SCOPES.geforceerdSchrijven);
  return {
    organisationId,
    traceId,
    forceWrite,
    forceDelete: forceWrite || has(auth, SCOPES.geforceerdVerwijderen),
  };
}

/** A caller with every right, for Loket's own code (demo data, other modules). */
export function systemCaller(organisationId: string): Caller {
  return { organisationId, forceWrite: true, forceDelete: true };
}

export type CatalogiResource =
  | 'catalogussen'
  | 'zaaktypen'
  | 'besluittypen'
  | 'informatieobjecttypen'
  | 'statustypen'
  | 'resultaattypen'
  | 'roltypen'
  | 'eigenschappen'
  | 'zaaktype-informatieobjecttypen'
  | 'zaakobjecttypen';

export const urlOf = (baseUrl: string, resource: CatalogiResource, id: string): string =>
  resourceUrl(baseUrl, 'catalogi', resource, id);

/** The id in a URL of one of this API's own resources of the given kind, or null. */
export function localId(baseUrl: string, url: string, resource: CatalogiResource): string | null {
  const ref = parseLocalUrl(baseUrl, url);
  return ref && ref.api === 'catalogi' && ref.resource === resource && !ref.sub ? ref.id : null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A path id: anything but a UUID is simply not found (as in the reference implementation). */
export function pathId(id: string): string {
  if (!UUID.test(id)) throw problems.notFound();
  return id.toLowerCase();
}

import { Invalid } from '../zgw/invalid.ts';

export { Invalid };

export const nonField = (code: string, reason: string): Problem =>
  problems.validation([{ name: 'nonFieldErrors', code, reason }]);

/** A local reference that does not resolve: `no_match` (not a URL of this kind) or `does_not_exist`. */
export function refError(invalid: Invalid, name: string, id: string | null): void {
  if (id === null) invalid.add(name, 'no_match', catalogTexts.noMatch);
  else invalid.add(name, 'does_not_exist', catalogTexts.doesNotExist);
}

/** 403 unless the caller's organisation owns the object. */
export function requireOwner(
  caller: Caller,
  organisationId: string,
  detail: string = catalogTexts.otherOrganisation,
) {
  if (caller.organisationId !== organisationId) throw problems.permissionDenied(detail);
}

export type Kanaal = 'zaaktypen' | 'besluittypen' | 'informatieobjecttypen';

/** Emits the notification of a catalogue change in the transaction of the change. */
export async function notify(
  trx: Trx,
  caller: Caller,
  organisationId: string,
  n: {
    kanaal: Kanaal;
    hoofdObject: string;
    resource: string;
    resourceUrl: string;
    actie: 'create' | 'update' | 'partial_update' | 'destroy' | 'publish';
    catalogus: string;
  },
): Promise<void> {
  await emitZgwNotification(
    trx,
    organisationId,
    {
      kanaal: n.kanaal,
      hoofdObject: n.hoofdObject,
      resource: n.resource,
      resourceUrl: n.resourceUrl,
      actie: n.actie,
      kenmerken: { catalogus: n.catalogus },
    },
    caller.traceId,
  );
}

export function uniqueProblem(fields: string): Problem {
  return nonField('unique', catalogTexts.notUnique(fields));
}

export type Conn = Db | Trx;

/** The ISO date of today (Europe/Amsterdam is what the law means by "today"; UTC is close enough for a default). */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** `page` of a list, 1-based; a page past the end is a 404, as in the reference implementation. */
export function checkPage(page: number, count: number, pageSize: number): void {
  if (page > 1 && (page - 1) * pageSize >= count) throw new Problem(404, 'not_found', catalogTexts.noPage);
}
