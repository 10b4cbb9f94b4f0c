import type { FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import {
  allowedTypes,
  type ClientAuthorisations,
  requireTypeAccess,
  vertrouwelijkheidRank,
} from '../authz/policy.ts';
import type { Db } from '../platform/db/database.ts';
import type { Trx } from '../platform/db/transaction.ts';
import { problems } from '../platform/http/problem.ts';
import { type AuditActor, auditActor, recordAudit } from '../zgw/audittrail.ts';
import { authorisationsOf } from '../zgw/auth.ts';
import type { LocalResources } from '../zgw/local-resources.ts';
import { emitZgwNotification } from '../zgw/notifications.ts';
import { parseLocalUrl } from '../zgw/urls.ts';
import type { EioJson } from './json.ts';
import type { DocumentStorage } from './storage.ts';

/** What the Documenten services need. */
export interface DocumentenContext {
  db: Db;
  baseUrl: string;
  local: LocalResources;
  storage: DocumentStorage;
  /** Size of the bestandsdelen of a large upload (the last one may be smaller). */
  partSize: number;
  log: Logger;
}

/** Who is asking. */
export interface Caller {
  organisationId: string;
  auth: ClientAuthorisations;
  actor: AuditActor;
  traceId?: string;
}

export function callerOf(req: FastifyRequest): Caller {
  if (!req.apiClient) throw problems.notAuthenticated();
  return {
    organisationId: req.apiClient.organisationId,
    auth: authorisationsOf(req),
    actor: auditActor(req),
    traceId: req.id,
  };
}

export const SCOPES = {
  lezen: 'documenten.lezen',
  aanmaken: 'documenten.aanmaken',
  bijwerken: 'documenten.bijwerken',
  geforceerdBijwerken: 'documenten.geforceerd-bijwerken',
  verwijderen: 'documenten.verwijderen',
  lock: 'documenten.lock',
  geforceerdUnlock: 'documenten.geforceerd-unlock',
  audittrails: 'audittrails.lezen',
} as const;

/** A document as far as authorisation goes: its type and confidentiality level. */
export interface Guarded {
  informatieobjecttype: string;
  vertrouwelijkheidaanduiding: string;
}

/** 403 unless the caller holds one of the scopes for this document's type at its confidentiality level. */
export function requireDocumentAccess(caller: Caller, scopes: string[], doc: Guarded): void {
  requireTypeAccess(
    caller.auth,
    'drc',
    scopes,
    'informatieobjecttype',
    doc.informatieobjecttype,
    doc.vertrouwelijkheidaanduiding,
  );
}

/** Whether the caller holds the scope for this document (no 403: for choosing behaviour). */
export function mayDo(caller: Caller, scope: string, doc: Guarded): boolean {
  const allowed = allowedTypes(caller.auth, 'drc', [scope], 'informatieobjecttype');
  if (allowed === null) return true;
  const max = allowed.get(doc.informatieobjecttype);
  return max !== undefined && vertrouwelijkheidRank(doc.vertrouwelijkheidaanduiding) <= max;
}

/** For list queries: null = everything, else the (type, highest rank) pairs the caller may read. */
export function readableTypes(caller: Caller): Map<string, number> | null {
  return allowedTypes(caller.auth, 'drc', [SCOPES.lezen], 'informatieobjecttype');
}

/**
 * The notification on kanaal `documenten` and the audit trail row of a change, in its transaction.
 * The document is the hoofdObject, also for its gebruiksrechten and verzendingen.
 */
export async function announce(
  trx: Trx,
  caller: Caller,
  eio: Pick<
    EioJson,
    'url' | 'identificatie' | 'bronorganisatie' | 'informatieobjecttype' | 'vertrouwelijkheidaanduiding'
  >,
  actie: 'create' | 'update' | 'partial_update' | 'destroy',
  change: { resource: string; url: string; oud: unknown; nieuw: unknown; audit?: boolean },
): Promise<void> {
  await emitZgwNotification(
    trx,
    caller.organisationId,
    {
      kanaal: 'documenten',
      hoofdObject: eio.url,
      resource: change.resource,
      resourceUrl: change.url,
      actie,
      kenmerken: {
        bronorganisatie: String(eio.bronorganisatie),
        informatieobjecttype: String(eio.informatieobjecttype),
        vertrouwelijkheidaanduiding: String(eio.vertrouwelijkheidaanduiding),
      },
    },
    caller.traceId,
  );
  if (change.audit === false) return;
  await recordAudit(trx, caller.actor, {
    bron: 'DRC',
    actie,
    resultaat: actie === 'create' ? 201 : actie === 'destroy' ? 204 : 200,
    hoofdObject: eio.url,
    resource: change.resource,
    resourceUrl: change.url,
    resourceWeergave: String(eio.identificatie),
    oud: change.oud,
    nieuw: actie === 'destroy' ? null : change.nieuw,
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A path id: anything but a UUID is simply not found. */
export function pathId(id: string): string {
  if (!UUID.test(id)) throw problems.notFound();
  return id.toLowerCase();
}

/** The id of a document from its URL (this Loket's own), or null. */
export function eioIdOf(baseUrl: string, url: string): string | null {
  const ref = parseLocalUrl(baseUrl, url);
  return ref?.api === 'documenten' && ref.resource === 'enkelvoudiginformatieobjecten' && !ref.sub
    ? ref.id
    : null;
}
