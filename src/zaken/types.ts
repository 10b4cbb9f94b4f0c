import type { ClientAuthorisations } from '../authz/policy.ts';
import type { Db } from '../platform/db/database.ts';
import type { AuditActor } from '../zgw/audittrail.ts';
import type { LocalResources } from '../zgw/local-resources.ts';

/** What the Zaken services need, and who calls them. */
export interface ZakenContext {
  db: Db;
  baseUrl: string;
  local: LocalResources;
}

export interface Caller {
  organisationId: string;
  auth: ClientAuthorisations;
  actor: AuditActor;
  /** The X-Audit-Toelichting header: why the change was made (kept in the audit trail). */
  toelichting?: string;
}

export type ZaakBody = Record<string, unknown>;
