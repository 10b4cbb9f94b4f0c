import { sql } from 'kysely';
import type { Db } from '../platform/db/database.ts';

/** Signals routed to this organisation per month (optionally about one service), and how many are open now. */
export async function signalStats(
  db: Db,
  f: { organisationId: string; dienstId?: string | null; from: string; to: string },
) {
  const dienst = f.dienstId ? sql`and dienst_id = ${f.dienstId}` : sql``;
  const { rows } = await sql<{ month: string; raised: number; closed: number }>`
    select to_char(created_at, 'YYYY-MM') as month, count(*)::int as raised,
           (count(*) filter (where status in ('resolved', 'rejected')))::int as closed
      from signal
     where owner_organisation_id = ${f.organisationId}
       and created_at >= ${f.from}::date and created_at < ${f.to}::date ${dienst}
     group by 1 order by 1`.execute(db);
  const { rows: open } = await sql<{ n: number }>`
    select count(*)::int as n from signal
     where owner_organisation_id = ${f.organisationId} and status not in ('resolved', 'rejected') ${dienst}`.execute(
    db,
  );
  return {
    perMonth: rows.map((r) => ({ month: r.month, raised: Number(r.raised), closed: Number(r.closed) })),
    openNow: Number(open[0]?.n ?? 0),
  };
}
