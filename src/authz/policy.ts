import { cachedClientRead } from '../platform/auth/client-cache.ts';
import type { Db } from '../platform/db/database.ts';
import { problems } from '../platform/http/problem.ts';

/** The ZGW components an autorisatie can be for. */
export type Component = 'ac' | 'nrc' | 'zrc' | 'ztc' | 'drc' | 'brc' | 'cmc' | 'kc' | 'vrc';

/** Confidentiality levels, from most open to most secret (ZGW VertrouwelijkheidaanduidingEnum). */
export const VERTROUWELIJKHEID = [
  'openbaar',
  'beperkt_openbaar',
  'intern',
  'zaakvertrouwelijk',
  'vertrouwelijk',
  'confidentieel',
  'geheim',
  'zeer_geheim',
] as const;
export type Vertrouwelijkheid = (typeof VERTROUWELIJKHEID)[number];
/** The rank of the highest confidentiality level (zeer_geheim). */
export const TOP_RANK = VERTROUWELIJKHEID.length - 1;

export function vertrouwelijkheidRank(v: string | null | undefined): number {
  const i = VERTROUWELIJKHEID.indexOf((v ?? '') as Vertrouwelijkheid);
  return i === -1 ? VERTROUWELIJKHEID.length : i;
}

export interface Autorisatie {
  component: Component;
  scopes: string[];
  zaaktype: string | null;
  informatieobjecttype: string | null;
  besluittype: string | null;
  maxVertrouwelijkheidaanduiding: string | null;
}

/** What one API client may do (remembered until it changes, so changes apply at once: client-cache.ts). */
export interface ClientAuthorisations {
  clientId: string;
  applicatieId: string | null;
  all: boolean;
  autorisaties: Autorisatie[];
}

/**
 * The client's applicatie and its autorisaties. With `organisationId` (the organisation the client's
 * secret belongs to) only an applicatie of that same organisation counts: an administrator of one
 * organisation cannot grant rights to another organisation's client.
 */
export async function loadAuthorisations(
  db: Db,
  clientId: string,
  organisationId?: string,
): Promise<ClientAuthorisations> {
  return cachedClientRead(db, `autorisaties ${clientId} ${organisationId ?? ''}`, () =>
    readAuthorisations(db, clientId, organisationId),
  );
}

async function readAuthorisations(
  db: Db,
  clientId: string,
  organisationId?: string,
): Promise<ClientAuthorisations> {
  let query = db
    .selectFrom('applicatie_client as c')
    .innerJoin('applicatie as a', 'a.id', 'c.applicatie_id')
    .select(['a.id', 'a.heeft_alle_autorisaties'])
    .where('c.client_id', '=', clientId);
  if (organisationId !== undefined) query = query.where('a.organisation_id', '=', organisationId);
  const app = await query.executeTakeFirst();
  if (!app) return { clientId, applicatieId: null, all: false, autorisaties: [] };
  const rows = app.heeft_alle_autorisaties
    ? []
    : await db
        .selectFrom('autorisatie')
        .selectAll()
        .where('applicatie_id', '=', app.id)
        .orderBy('position')
        .execute();
  return {
    clientId,
    applicatieId: app.id,
    all: app.heeft_alle_autorisaties,
    autorisaties: rows.map((r) => ({
      component: r.component,
      scopes: r.scopes,
      zaaktype: r.zaaktype,
      informatieobjecttype: r.informatieobjecttype,
      besluittype: r.besluittype,
      maxVertrouwelijkheidaanduiding: r.max_vertrouwelijkheidaanduiding,
    })),
  };
}

/** `scopes` are alternatives, as in the ZGW standard's `scope_a | scope_b`: one of them suffices. */
function grants(a: Autorisatie, component: Component, scopes: string[]): boolean {
  return a.component === component && scopes.some((s) => a.scopes.includes(s));
}

/** 403 unless some autorisatie for this component carries one of the scopes. */
export function requireScopes(auth: ClientAuthorisations, component: Component, scopes: string[]): void {
  if (auth.all) return;
  if (!auth.autorisaties.some((a) => grants(a, component, scopes))) throw problems.permissionDenied();
}

export type TypeField = 'zaaktype' | 'informatieobjecttype' | 'besluittype';

/**
 * For list filtering: null means "every type, every level"; otherwise the types this client may see
 * with the scope, each with the highest confidentiality level it may see.
 */
export function allowedTypes(
  auth: ClientAuthorisations,
  component: Component,
  scopes: string[],
  field: TypeField,
): Map<string, number> | null {
  if (auth.all) return null;
  const allowed = new Map<string, number>();
  for (const a of auth.autorisaties) {
    const type = a[field];
    if (!type || !grants(a, component, scopes)) continue;
    const rank = vertrouwelijkheidRank(a.maxVertrouwelijkheidaanduiding);
    allowed.set(type, Math.max(allowed.get(type) ?? -1, rank));
  }
  return allowed;
}

/** 403 unless the client may act on an object of this type at this confidentiality level. */
export function requireTypeAccess(
  auth: ClientAuthorisations,
  component: Component,
  scopes: string[],
  field: TypeField,
  type: string,
  vertrouwelijkheid?: string | null,
): void {
  const allowed = allowedTypes(auth, component, scopes, field);
  if (allowed === null) return;
  const max = allowed.get(type);
  if (max === undefined) throw problems.permissionDenied();
  if (vertrouwelijkheid !== undefined && vertrouwelijkheidRank(vertrouwelijkheid) > max)
    throw problems.permissionDenied();
}
