import { sql } from 'kysely';
import type { Db } from '../platform/db/database.ts';

/**
 * Corrections that touched this organisation's decisions, per month: how many corrections, how many of its
 * decisions they touched, and how many of those changed (or could not be re-evaluated).
 */
export async function correctionStats(db: Db, f: { organisationId: string; from: string; to: string }) {
  const { rows } = await sql<{ month: string; corrections: number; touched: number; changed: number }>`
    select to_char(c.created_at, 'YYYY-MM') as month, count(distinct c.id)::int as corrections,
           count(*)::int as touched, (count(*) filter (where i.outcome <> 'unchanged'))::int as changed
      from fact_correction_item i join fact_correction c on c.id = i.correction_id
     where i.organisation_id = ${f.organisationId}
       and c.created_at >= ${f.from}::date and c.created_at < ${f.to}::date
     group by 1 order by 1`.execute(db);
  return rows.map((r) => ({
    month: r.month,
    corrections: Number(r.corrections),
    touched: Number(r.touched),
    changed: Number(r.changed),
  }));
}

/** Improvement items at this organisation opened per month, and how many are open now. */
export async function improvementStats(db: Db, f: { organisationId: string; from: string; to: string }) {
  const { rows } = await sql<{ month: string; opened: number; closed: number }>`
    select to_char(created_at, 'YYYY-MM') as month, count(*)::int as opened,
           (count(*) filter (where status = 'closed'))::int as closed
      from improvement_item
     where organisation_id = ${f.organisationId} and created_at >= ${f.from}::date and created_at < ${f.to}::date
     group by 1 order by 1`.execute(db);
  const open = await db
    .selectFrom('improvement_item')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('organisation_id', '=', f.organisationId)
    .where('status', '=', 'open')
    .executeTakeFirstOrThrow();
  const reviews = await db
    .selectFrom('review_task')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('organisation_id', '=', f.organisationId)
    .where('status', '=', 'open')
    .executeTakeFirstOrThrow();
  return {
    perMonth: rows.map((r) => ({ month: r.month, opened: Number(r.opened), closed: Number(r.closed) })),
    openNow: Number(open.n),
    openReviews: Number(reviews.n),
  };
}
