import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';

/** A period and an optional service, for the learning view's counts per month. */
export interface StatsFilter {
  organisationId: string;
  dienstId?: string | null;
  /** First day of the first month (YYYY-MM-DD), inclusive. */
  from: string;
  /** First day after the last month (YYYY-MM-DD), exclusive. */
  to: string;
}

/**
 * Missed and nearly missed terms per month: a term that lapsed (by the month it lapsed), and a term that
 * was warned about but was met or still runs (by the month of the warning).
 */
export async function deadlineStats(
  db: Db,
  f: StatsFilter,
): Promise<{ month: string; missed: number; nearlyMissed: number }[]> {
  const dienst = f.dienstId
    ? sql`and exists (select 1 from zrc_zaak z where z.id = d.case_id and z.dienst_id = ${f.dienstId})`
    : sql``;
  const { rows } = await sql<{ month: string; missed: number; nearly: number }>`
    select month, (count(*) filter (where kind = 'missed'))::int as missed,
                  (count(*) filter (where kind = 'nearly'))::int as nearly
    from (
      select to_char(d.lapsed_at, 'YYYY-MM') as month, 'missed' as kind from case_deadline d
       where d.organisation_id = ${f.organisationId} and d.status = 'lapsed'
         and d.lapsed_at >= ${f.from}::date and d.lapsed_at < ${f.to}::date ${dienst}
      union all
      select to_char(d.warned_at, 'YYYY-MM'), 'nearly' from case_deadline d
       where d.organisation_id = ${f.organisationId} and d.status <> 'lapsed' and d.warned_at is not null
         and d.warned_at >= ${f.from}::date and d.warned_at < ${f.to}::date ${dienst}
    ) x group by month order by month`.execute(db);
  return rows.map((r) => ({ month: r.month, missed: Number(r.missed), nearlyMissed: Number(r.nearly) }));
}
