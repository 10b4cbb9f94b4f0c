import type { Trx } from '../platform/db/transaction.ts';
import { publish } from '../platform/outbox/outbox.ts';
import { recordProcessing } from '../processing-log/index.ts';
import { auditRow } from '../zgw/audittrail.ts';
import { zgwNotificationEvent } from '../zgw/notifications.ts';
import { zakenTexts as t } from './texts.nl.ts';
import type { Caller } from './types.ts';

/** What every change of a zaak or one of its parts leaves behind, in the change's own transaction. */

export type Actie = 'create' | 'update' | 'partial_update' | 'destroy';

export interface ZaakRef {
  url: string;
  identificatie: string;
  bronorganisatie: string;
  zaaktype: string;
  vertrouwelijkheidaanduiding: string;
}

export interface Change {
  /** `zaak`, `status`, `rol`, … (the notification's and audit trail's `resource`). */
  resource: string;
  url: string;
  actie: Actie;
  oud: unknown;
  nieuw: unknown;
}

const RESULTAAT: Record<Actie, number> = { create: 201, update: 200, partial_update: 200, destroy: 204 };

/** The notification on kanaal `zaken` (hoofdObject: the zaak) and the audit trail row of one change. */
export async function announce(trx: Trx, caller: Caller, zaak: ZaakRef, change: Change): Promise<void> {
  const { event, audit } = announcement(caller, zaak, change);
  await publish(trx, event);
  await trx.insertInto('zgw_audittrail').values(audit).execute();
}

/** What `announce` writes: the outbox event and the audit trail row (for a statement that writes them too). */
export function announcement(caller: Caller, zaak: ZaakRef, change: Change) {
  const event = zgwNotificationEvent(caller.organisationId, {
    kanaal: 'zaken',
    hoofdObject: zaak.url,
    resource: change.resource,
    resourceUrl: change.url,
    actie: change.actie,
    kenmerken: {
      bronorganisatie: zaak.bronorganisatie,
      zaaktype: zaak.zaaktype,
      vertrouwelijkheidaanduiding: zaak.vertrouwelijkheidaanduiding,
    },
  });
  const audit = auditRow(caller.actor, {
    bron: 'ZRC',
    actie: change.actie,
    resultaat: RESULTAAT[change.actie],
    hoofdObject: zaak.url,
    resource: change.resource,
    resourceUrl: change.url,
    resourceWeergave: zaak.identificatie,
    toelichting: caller.toelichting,
    oud: change.oud,
    nieuw: change.actie === 'destroy' ? null : change.nieuw,
  });
  return { event, audit };
}
export type Announcement = ReturnType<typeof announcement>;

/** The BSNs in rollen (betrokkeneIdentificatie.inpBsn) that a read or write touched. */
export function bsnsOf(rollen: { betrokkeneIdentificatie?: unknown }[]): string[] {
  const found = new Set<string>();
  for (const r of rollen) {
    const ident = r.betrokkeneIdentificatie as { inpBsn?: unknown } | null | undefined;
    if (typeof ident?.inpBsn === 'string' && ident.inpBsn) found.add(ident.inpBsn);
  }
  return [...found];
}

/**
 * One processing-log record per person whose data (a rol with their BSN, or their list of cases) was
 * read or written: the log stays as cheap as the number of people involved, not of rows.
 */
export async function logPersonalData(
  trx: Trx,
  caller: Caller,
  operation: 'read' | 'write' | 'delete',
  bsns: string[],
  categories: string[] = ['rol'],
): Promise<void> {
  if (bsns.length === 0) return;
  await recordProcessing(
    trx,
    bsns.map((bsn) => ({
      organisationId: caller.organisationId,
      operation,
      actor: { kind: 'api-client' as const, id: caller.auth.clientId },
      subject: { kind: 'bsn' as const, id: bsn },
      dataCategories: categories,
      purpose: t.processingPurpose,
      legalBasis: t.processingLegalBasis,
    })),
  );
}
