import { createHash } from 'node:crypto';
import { type RawBuilder, sql } from 'kysely';
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
  for (const r of list) check(r);
  // One statement per record (processing_log_append: lock the subject's chain, read its last hash,
  // insert); several records share a transaction so they land together.
  const append = async (conn: Db | Trx) => {
    for (const r of list) await sql`select ${appendOf(r)}`.execute(conn);
  };
  if (list.length === 1 || db.isTransaction) await append(db);
  else await inTransaction(db, append);
}

/**
 * One record as an SQL expression, for a caller that reads personal data in one statement and records
 * the read in the same statement (one round trip; the record commits with the read, or neither happens).
 * Make it the statement's last column: the subject's chain is locked from the moment it is evaluated
 * until the statement's transaction ends, so the reads before it do not hold up other users of the chain.
 */
export function processingRecordExpression(record: ProcessingRecord): RawBuilder<void> {
  check(record);
  return appendOf(record);
}

function check(r: ProcessingRecord): void {
  if (!r.purpose.trim() || !r.legalBasis.trim() || r.dataCategories.length === 0) {
    throw new ProcessingLogError('a processing record needs a purpose, a legal basis and data categories');
  }
}

function appendOf(r: ProcessingRecord): RawBuilder<void> {
  const occurredAt = new Date().toISOString();
  return sql<void>`processing_log_append(${r.subject.kind}, ${r.subject.id}, ${canonical(r, occurredAt)},
    ${r.organisationId}, ${occurredAt}, ${r.operation}, ${r.actor.kind}, ${r.actor.id},
    ${r.dataCategories}::text[], ${r.purpose}, ${r.legalBasis}, ${r.traceId ?? null},
    ${r.processingActivity ?? null}, ${r.foreignOperation ?? null})`;
}

const GENESIS = '0'.repeat(64);

/** The hash of one record, over every field that matters, chained to the previous one. */
function chainHash(prevHash: string, r: ProcessingRecord, occurredAt: string): string {
  // The same text processing_log_append hashes: the previous hash first, then the record.
  const text = `["${prevHash}",${canonical(r, occurredAt).slice(1)}`;
  return createHash('sha256').update(text).digest('hex');
}

/** Every field that matters of one record, as JSON (without the previous hash). */
function canonical(r: ProcessingRecord, occurredAt: string): string {
  return JSON.stringify([
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
  options: { limit?: number; exceptActor?: ProcessingRecord['actor'] } = {},
): Promise<ProcessingEntry[]> {
  const except = options.exceptActor;
  const rows = await db
    .selectFrom('processing_log')
    .selectAll()
    .where('subject_kind', '=', subject.kind)
    .where('subject_id', '=', subject.id)
    .$if(except !== undefined, (q) =>
      q.where((eb) => eb.or([eb('actor_kind', '!=', except!.kind), eb('actor_id', '!=', except!.id)])),
    )
    .orderBy('occurred_at', 'desc')
    .orderBy('id', 'desc')
    .limit(options.limit ?? 100)
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
