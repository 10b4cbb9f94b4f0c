import type { FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import type { Db } from '../platform/db/database.ts';
import { type MigrationSet, sqlMigration } from '../platform/db/migrate.ts';
import type { Trx } from '../platform/db/transaction.ts';

/**
 * The ZGW audit trail (AuditTrail schema of the Zaken, Documenten and Besluiten APIs): one append-only
 * row per change, written in the transaction of the change, listed per hoofdObject at
 * `/<resource>/{uuid}/audittrail`. `wijzigingen` holds the resource before (`oud`) and after (`nieuw`).
 */
export type AuditBron = 'ZRC' | 'DRC' | 'BRC';

export interface AuditEntry {
  bron: AuditBron;
  actie: 'create' | 'update' | 'partial_update' | 'destroy' | string;
  resultaat: number;
  hoofdObject: string;
  resource: string;
  resourceUrl: string;
  resourceWeergave?: string;
  toelichting?: string;
  oud: unknown;
  nieuw: unknown;
}

/** Who made the change: the API client and the user it acts for (JWT claims user_id, user_representation). */
export interface AuditActor {
  organisationId: string;
  applicatieId: string;
  applicatieWeergave: string;
  gebruikersId: string;
  gebruikersWeergave: string;
}

export const auditMigrations: MigrationSet = {
  '2026_11_23_1010_zgw_audittrail': sqlMigration([
    `create table zgw_audittrail (
      id uuid primary key,
      organisation_id text not null,
      bron text not null,
      applicatie_id text not null default '',
      applicatie_weergave text not null default '',
      gebruikers_id text not null default '',
      gebruikers_weergave text not null default '',
      actie text not null,
      resultaat integer not null,
      hoofd_object text not null,
      resource text not null,
      resource_url text not null,
      resource_weergave text not null default '',
      toelichting text not null default '',
      aanmaakdatum timestamptz not null default now(),
      oud jsonb,
      nieuw jsonb
    )`,
    'create index zgw_audittrail_hoofd_object on zgw_audittrail (hoofd_object, aanmaakdatum)',
  ]),
};

const ACTIE_WEERGAVE: Record<string, string> = {
  create: 'Object aangemaakt',
  list: 'Lijst van objecten opgehaald',
  retrieve: 'Object opgehaald',
  destroy: 'Object verwijderd',
  update: 'Object bijgewerkt',
  partial_update: 'Object deels bijgewerkt',
};

/** The actor behind a ZGW request (after JWT and autorisaties checks). */
export function auditActor(req: FastifyRequest): AuditActor {
  const claims = req.apiClient?.claims ?? {};
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  return {
    organisationId: req.apiClient?.organisationId ?? 'system',
    applicatieId: req.authorisations?.applicatieId ?? req.apiClient?.clientId ?? '',
    applicatieWeergave: req.apiClient?.clientId ?? '',
    gebruikersId: text(claims.user_id),
    gebruikersWeergave: text(claims.user_representation),
  };
}

export async function recordAudit(trx: Trx, actor: AuditActor, entry: AuditEntry): Promise<void> {
  await trx.insertInto('zgw_audittrail').values(auditRow(actor, entry)).execute();
}

/** The `zgw_audittrail` row of one change (for a statement that writes it along with the change). */
export function auditRow(actor: AuditActor, entry: AuditEntry) {
  return {
    id: crypto.randomUUID() as string,
    organisation_id: actor.organisationId,
    bron: entry.bron as string,
    applicatie_id: actor.applicatieId,
    applicatie_weergave: actor.applicatieWeergave,
    gebruikers_id: actor.gebruikersId,
    gebruikers_weergave: actor.gebruikersWeergave,
    actie: entry.actie,
    resultaat: entry.resultaat,
    hoofd_object: entry.hoofdObject,
    resource: entry.resource,
    resource_url: entry.resourceUrl,
    resource_weergave: entry.resourceWeergave ?? '',
    toelichting: entry.toelichting ?? '',
    oud: entry.oud === undefined || entry.oud === null ? null : JSON.stringify(entry.oud),
    nieuw: entry.nieuw === undefined || entry.nieuw === null ? null : JSON.stringify(entry.nieuw),
  };
}

/**
 * Removes the audit trail of a hoofdObject that is deleted: the Besluiten and Documenten APIs delete a
 * resource "samen met alle gerelateerde resources … audit trail regels".
 */
export async function deleteAudit(trx: Trx, hoofdObject: string): Promise<void> {
  await trx.deleteFrom('zgw_audittrail').where('hoofd_object', '=', hoofdObject).execute();
}

/**
 * Who last changed any of `fields` of a resource (its create counts as a change), and when; null when the
 * trail has no such change.
 */
export async function lastFieldChange(
  db: Db | Trx,
  resourceUrl: string,
  fields: string[],
): Promise<{ applicatieId: string; gebruikersId: string; at: Date } | null> {
  const changed = fields.map((f) => sql`(oud -> ${f}) is distinct from (nieuw -> ${f})`);
  const row = await db
    .selectFrom('zgw_audittrail')
    .select(['applicatie_id', 'gebruikers_id', 'aanmaakdatum'])
    .where('hoofd_object', '=', resourceUrl)
    .where('resource_url', '=', resourceUrl)
    .where('nieuw', 'is not', null)
    .where(sql<boolean>`(${sql.join(changed, sql` or `)})`)
    .orderBy('aanmaakdatum', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row
    ? {
        applicatieId: row.applicatie_id as string,
        gebruikersId: row.gebruikers_id as string,
        at: new Date(row.aanmaakdatum as string | Date),
      }
    : null;
}

/** The audit trail of one hoofdObject, oldest first, in the ZGW AuditTrail shape. */
export async function listAudit(db: Db | Trx, hoofdObject: string) {
  const rows = await db
    .selectFrom('zgw_audittrail')
    .selectAll()
    .where('hoofd_object', '=', hoofdObject)
    .orderBy('aanmaakdatum')
    .orderBy('id')
    .execute();
  return rows.map(toAuditTrail);
}

/** One audit entry of a hoofdObject, or null. */
export async function getAudit(db: Db | Trx, hoofdObject: string, id: string) {
  const row = await db
    .selectFrom('zgw_audittrail')
    .selectAll()
    .where('hoofd_object', '=', hoofdObject)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toAuditTrail(row) : null;
}

function toAuditTrail(r: Record<string, unknown>) {
  const actie = r.actie as string;
  return {
    uuid: r.id as string,
    bron: r.bron as string,
    applicatieId: r.applicatie_id as string,
    applicatieWeergave: r.applicatie_weergave as string,
    gebruikersId: r.gebruikers_id as string,
    gebruikersWeergave: r.gebruikers_weergave as string,
    actie,
    actieWeergave: ACTIE_WEERGAVE[actie] ?? actie,
    resultaat: r.resultaat as number,
    hoofdObject: r.hoofd_object as string,
    resource: r.resource as string,
    resourceUrl: r.resource_url as string,
    toelichting: r.toelichting as string,
    resourceWeergave: r.resource_weergave as string,
    aanmaakdatum: new Date(r.aanmaakdatum as string).toISOString(),
    wijzigingen: { oud: r.oud ?? null, nieuw: r.nieuw ?? null },
  };
}
