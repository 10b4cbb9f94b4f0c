import type { Db } from '../platform/db/database.ts';
import type { Trx } from '../platform/db/transaction.ts';

/** Who processed the data: an API client, a staff member, the person themself, or Loket itself. */
export interface Actor {
  kind: 'api-client' | 'staff' | 'citizen' | 'system';
  id: string;
}

export interface ProcessingRecord {
  organisationId: string;
  operation: 'read' | 'write' | 'delete';
  actor: Actor;
  /** Whose data: for a person the BSN (kind 'bsn'); for a company the KvK number. */
  subject: { kind: 'bsn' | 'kvk' | 'person-ref'; id: string };
  /** What kind of data, e.g. ['naam', 'adres'] or ['inkomen']. */
  dataCategories: string[];
  purpose: string;
  /** Law and article, e.g. "Wet BRP art. 3.3". */
  legalBasis: string;
  traceId?: string | null;
  processingActivity?: string;
}

export class ProcessingLogError extends Error {}

/**
 * The one function every module calls when it reads or writes personal data. Pass the caller's
 * transaction so the record commits with the processing itself (no use without a trace, no trace
 * without the use).
 */
export async function recordProcessing(
  db: Db | Trx,
  records: ProcessingRecord | ProcessingRecord[],
): Promise<void> {
  const list = Array.isArray(records) ? records : [records];
  if (list.length === 0) return;
  for (const r of list) {
    if (!r.purpose.trim() || !r.legalBasis.trim() || r.dataCategories.length === 0) {
      throw new ProcessingLogError('a processing record needs a purpose, a legal basis and data categories');
    }
  }
  await db
    .insertInto('processing_log')
    .values(
      list.map((r) => ({
        organisation_id: r.organisationId,
        operation: r.operation,
        actor_kind: r.actor.kind,
        actor_id: r.actor.id,
        subject_kind: r.subject.kind,
        subject_id: r.subject.id,
        data_categories: r.dataCategories,
        purpose: r.purpose,
        legal_basis: r.legalBasis,
        trace_id: r.traceId ?? null,
        processing_activity: r.processingActivity ?? null,
      })),
    )
    .execute();
}

export interface ProcessingEntry extends ProcessingRecord {
  id: number;
  occurredAt: Date;
}

/** What a person may see: who used their data, when and why. */
export async function processingFor(
  db: Db,
  subject: ProcessingRecord['subject'],
  limit = 100,
): Promise<ProcessingEntry[]> {
  const rows = await db
    .selectFrom('processing_log')
    .selectAll()
    .where('subject_kind', '=', subject.kind)
    .where('subject_id', '=', subject.id)
    .orderBy('occurred_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    occurredAt: r.occurred_at,
    organisationId: r.organisation_id,
    operation: r.operation,
    actor: { kind: r.actor_kind, id: r.actor_id },
    subject: { kind: r.subject_kind, id: r.subject_id },
    dataCategories: r.data_categories,
    purpose: r.purpose,
    legalBasis: r.legal_basis,
    traceId: r.trace_id,
    processingActivity: r.processing_activity ?? undefined,
  }));
}
