import { randomUUID } from 'node:crypto';
import type { Db } from '../platform/db/database.ts';
import type { Trx } from '../platform/db/transaction.ts';

/** An improvement item at the source: the cause fix, open until its owner closes it with what was changed. */
export interface ImprovementItem {
  id: string;
  organisationId: string;
  attribute: string;
  sourceName: string;
  cause: string;
  people: number;
  decisions: number;
  status: 'open' | 'closed';
  resolution: string | null;
  createdAt: Date;
  closedAt: Date | null;
}

function toItem(r: Record<string, unknown>): ImprovementItem {
  return {
    id: r.id as string,
    organisationId: r.organisation_id as string,
    attribute: r.attribute as string,
    sourceName: r.source_name as string,
    cause: r.cause as string,
    people: Number(r.people),
    decisions: Number(r.decisions),
    status: r.status as 'open' | 'closed',
    resolution: (r.resolution as string | null) ?? null,
    createdAt: r.created_at as Date,
    closedAt: (r.closed_at as Date | null) ?? null,
  };
}

export async function getImprovementItem(
  db: Db | Trx,
  id: string,
  organisationId: string,
): Promise<ImprovementItem | null> {
  const r = await db
    .selectFrom('improvement_item')
    .selectAll()
    .where('id', '=', id)
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
  return r ? toItem(r) : null;
}

/** The open improvement items of an organisation, newest first (what a signal can be linked to). */
export async function openImprovementItems(db: Db | Trx, organisationId: string): Promise<ImprovementItem[]> {
  const rows = await db
    .selectFrom('improvement_item')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('status', '=', 'open')
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map(toItem);
}

/**
 * Opens an improvement item that did not come from a correction (a professional's signal, for instance):
 * the cause fix to track next to the symptom fix.
 */
export async function openImprovementItem(
  trx: Trx,
  input: { organisationId: string; attribute: string; sourceName: string; cause: string },
): Promise<ImprovementItem> {
  const id = randomUUID();
  const row = await trx
    .insertInto('improvement_item')
    .values({
      id,
      organisation_id: input.organisationId,
      attribute: input.attribute,
      source_name: input.sourceName,
      cause: input.cause,
      people: 0,
      decisions: 0,
      status: 'open',
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toItem(row);
}
