import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../platform/db/database.ts';
import { inTransaction, type Trx } from '../platform/db/transaction.ts';

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
  /** When the data came from another organisation: its operation id (Logboek Dataverwerkingen). */
  foreignOperation?: string;
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
  await inTransaction(db, async (trx) => {
    for (const r of list) {
      // One writer per subject at a time, so the chain has no forks (other subjects are not held up).
      await sql`select pg_advisory_xact_lock(hashtext(${`${r.subject.kind}:${r.subject.id}`}))`.execute(trx);
      const last = await trx
        .selectFrom('processing_log')
        .select('hash')
        .where('subject_kind', '=', r.subject.kind)
        .where('subject_id', '=', r.subject.id)
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      const prevHash = last?.hash ?? GENESIS;
      const occurredAt = new Date().toISOString();
      await trx
        .insertInto('processing_log')
        .values({
          organisation_id: r.organisationId,
          occurred_at: occurredAt,
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
          foreign_operation: r.foreignOperation ?? null,
          prev_hash: prevHash,
          hash: chainHash(prevHash, r, occurredAt),
        })
        .execute();
    }
  });
}

const GENESIS = '0'.repeat(64);

/** The hash of one record, over every field that matters, chained to the previous one. */
function chainHash(prevHash: string, r: ProcessingRecord, occurredAt: string): string {
  const canonical = JSON.stringify([
    prevHash,
    occurredAt,
    r.organisationId,
    r.operation,
    r.actor.kind,
    r.actor.id,
    r.subject.kind,
    r.subject.id,
    r.dataCategories,
    r.purpose,
    r.legalBasis,
    r.traceId ?? null,
    r.processingActivity ?? null,
    r.foreignOperation ?? null,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/** Recomputes a subject's chain; answers the first record that does not match (tampered), or null. */
export async function verifyChain(
  db: Db,
  subject: ProcessingRecord['subject'],
): Promise<{ ok: boolean; brokenAt: number | null; records: number }> {
  const rows = await db
    .selectFrom('processing_log')
    .selectAll()
    .where('subject_kind', '=', subject.kind)
    .where('subject_id', '=', subject.id)
    .orderBy('id')
    .execute();
  let prev = GENESIS;
  for (const r of rows) {
    const expected = chainHash(
      prev,
      {
        organisationId: r.organisation_id,
        operation: r.operation,
        actor: { kind: r.actor_kind, id: r.actor_id },
        subject: { kind: r.subject_kind, id: r.subject_id },
        dataCategories: r.data_categories,
        purpose: r.purpose,
        legalBasis: r.legal_basis,
        traceId: r.trace_id,
        processingActivity: r.processing_activity ?? undefined,
        foreignOperation: r.foreign_operation ?? undefined,
      },
      new Date(r.occurred_at).toISOString(),
    );
    if (r.prev_hash !== prev || r.hash !== expected)
      return { ok: false, brokenAt: Number(r.id), records: rows.length };
    prev = r.hash;
  }
  return { ok: true, brokenAt: null, records: rows.length };
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
