import { randomUUID } from 'node:crypto';
import type { Db } from '../platform/db/database.ts';
import type { Trx } from '../platform/db/transaction.ts';

/** Something running against a person because of a fact: reminders, collection, a stopped payment. */
export interface Consequence {
  id: string;
  organisationId: string;
  subjectId: string;
  kind: string;
  description: string;
  factId: string;
  factVersion: number;
  status: 'running' | 'on_hold' | 'stopped';
  holdReason: string | null;
}

export async function startConsequence(
  trx: Trx,
  c: Omit<Consequence, 'id' | 'status' | 'holdReason'>,
): Promise<Consequence> {
  const consequence: Consequence = { ...c, id: randomUUID(), status: 'running', holdReason: null };
  await trx
    .insertInto('fact_consequence')
    .values({
      id: consequence.id,
      organisation_id: c.organisationId,
      subject_id: c.subjectId,
      kind: c.kind,
      description: c.description,
      fact_id: c.factId,
      fact_version: c.factVersion,
      status: 'running',
    })
    .execute();
  return consequence;
}

/** Puts every running consequence of a fact on hold; answers how many. */
export async function holdConsequences(trx: Trx, factId: string, reason: string): Promise<number> {
  const r = await trx
    .updateTable('fact_consequence')
    .set({ status: 'on_hold', hold_reason: reason })
    .where('fact_id', '=', factId)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function consequencesOf(db: Db | Trx, factId: string): Promise<Consequence[]> {
  const rows = await db
    .selectFrom('fact_consequence')
    .selectAll()
    .where('fact_id', '=', factId)
    .orderBy('created_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    organisationId: r.organisation_id,
    subjectId: r.subject_id,
    kind: r.kind,
    description: r.description,
    factId: r.fact_id,
    factVersion: r.fact_version,
    status: r.status,
    holdReason: r.hold_reason ?? null,
  }));
}
