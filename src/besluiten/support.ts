import type { FastifyRequest } from 'fastify';
import { type ClientAuthorisations, requireTypeAccess } from '../authz/policy.ts';
import type { Db } from '../platform/db/database.ts';
import type { Trx } from '../platform/db/transaction.ts';
import { Problem, problems } from '../platform/http/problem.ts';
import { type AuditActor, auditActor, recordAudit } from '../zgw/audittrail.ts';
import { authorisationsOf } from '../zgw/auth.ts';
import type { LocalResources } from '../zgw/local-resources.ts';
import { emitZgwNotification } from '../zgw/notifications.ts';
import type { BesluitJson } from './repository.ts';
import { besluitenTexts as t } from './texts.nl.ts';

/** What the Besluiten services need. */
export interface BesluitenContext {
  db: Db;
  baseUrl: string;
  local: LocalResources;
}

/** Who asks: the organisation, its rights (`null`: Loket's own code, every right) and the audit actor. */
export interface Caller {
  organisationId: string;
  auth: ClientAuthorisations | null;
  actor: AuditActor;
  /** The X-Audit-Toelichting header: why the change was made. */
  toelichting?: string;
  traceId?: string;
}

export const SCOPES = {
  lezen: 'besluiten.lezen',
  aanmaken: 'besluiten.aanmaken',
  bijwerken: 'besluiten.bijwerken',
  verwijderen: 'besluiten.verwijderen',
  audittrails: 'audittrails.lezen',
} as const;

export function callerOf(req: FastifyRequest): Caller {
  if (!req.apiClient) throw problems.notAuthenticated();
  const toelichting = req.headers['x-audit-toelichting'];
  return {
    organisationId: req.apiClient.organisationId,
    auth: authorisationsOf(req),
    actor: auditActor(req),
    toelichting: typeof toelichting === 'string' ? toelichting : undefined,
    traceId: req.id,
  };
}

/** Loket's own code (the decisions module) acting for an organisation, with every right. */
export function systemCaller(organisationId: string, who = 'loket'): Caller {
  return {
    organisationId,
    auth: null,
    actor: {
      organisationId,
      applicatieId: who,
      applicatieWeergave: who,
      gebruikersId: '',
      gebruikersWeergave: '',
    },
  };
}

/** 403 unless the caller may use this scope for besluiten of this besluittype. */
export function requireBesluittype(caller: Caller, scope: string, besluittype: string): void {
  if (caller.auth) requireTypeAccess(caller.auth, 'brc', [scope], 'besluittype', besluittype);
}

/**
 * A closed zaak only gets, changes or loses besluiten with `zaken.geforceerd-bijwerken` for its zaaktype
 * (as the reference implementation does).
 */
export function requireOpenZaak(caller: Caller, zaak: Record<string, unknown> | null): void {
  if (!caller.auth || !zaak?.einddatum) return;
  try {
    requireTypeAccess(caller.auth, 'zrc', ['zaken.geforceerd-bijwerken'], 'zaaktype', String(zaak.zaaktype));
  } catch {
    throw new Problem(403, 'permission_denied', t.closedZaak);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A path id: anything but a UUID is simply not found. */
export function pathId(id: string): string {
  if (!UUID.test(id)) throw problems.notFound();
  return id.toLowerCase();
}

/** The notification on kanaal `besluiten` and the audit trail row of a change, in its transaction. */
export async function announce(
  trx: Trx,
  caller: Caller,
  besluit: BesluitJson,
  change: {
    actie: 'create' | 'update' | 'partial_update' | 'destroy';
    resource: 'besluit' | 'besluitinformatieobject';
    resourceUrl: string;
    oud: unknown;
    nieuw: unknown;
  },
): Promise<void> {
  await emitZgwNotification(
    trx,
    caller.organisationId,
    {
      kanaal: 'besluiten',
      hoofdObject: besluit.url,
      resource: change.resource,
      resourceUrl: change.resourceUrl,
      actie: change.actie,
      kenmerken: {
        verantwoordelijkeOrganisatie: besluit.verantwoordelijkeOrganisatie,
        besluittype: besluit.besluittype,
      },
    },
    caller.traceId,
  );
  await recordAudit(trx, caller.actor, {
    bron: 'BRC',
    actie: change.actie,
    resultaat: change.actie === 'create' ? 201 : change.actie === 'destroy' ? 204 : 200,
    hoofdObject: besluit.url,
    resource: change.resource,
    resourceUrl: change.resourceUrl,
    resourceWeergave: besluit.identificatie,
    toelichting: caller.toelichting,
    oud: change.oud,
    nieuw: change.nieuw,
  });
}
