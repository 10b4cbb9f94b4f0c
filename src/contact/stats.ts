import { sql } from 'kysely';
import type { Db } from '../platform/db/database.ts';

/** How long after an earlier contact about the same need a new contact counts as a repeat. */
export const REPEAT_WINDOW_DAYS = 30;

/**
 * Repeated contacts about the same need, per month (for the learning view): a contact moment is a repeat
 * when the same person contacted the same organisation about the same need in the 30 days before. The need
 * is the case; else the service or the subject of the call-back request; else "general". Counts only: no
 * personal data leaves the query.
 */
export async function repeatedContactStats(
  db: Db,
  f: { organisationId: string; dienstId?: string | null; from: string; to: string },
): Promise<{ month: string; repeated: number; contacts: number }[]> {
  const dienst = f.dienstId ? sql`and a.dienst = ${f.dienstId}` : sql``;
  const { rows } = await sql<{ month: string; repeated: number; contacts: number }>`
    with m as (
      select cm.subject_bsn, cm.occurred_at,
             coalesce(cm.case_id, 'dienst:' || r.dienst_id, 'over:' || r.about, 'algemeen') as need,
             coalesce(z.dienst_id::text, r.dienst_id) as dienst
        from contact_moment cm
        left join contact_request r on r.id = cm.request_id
        left join zrc_zaak z on z.id::text = cm.case_id
       where cm.organisation_id = ${f.organisationId}
         and cm.occurred_at >= ${f.from}::date - ${REPEAT_WINDOW_DAYS}::int and cm.occurred_at < ${f.to}::date
    )
    select to_char(a.occurred_at, 'YYYY-MM') as month, count(*)::int as contacts,
           (count(*) filter (where exists (
              select 1 from m b
               where b.subject_bsn = a.subject_bsn and b.need = a.need and b.occurred_at < a.occurred_at
                 and b.occurred_at >= a.occurred_at - make_interval(days => ${REPEAT_WINDOW_DAYS}::int)
           )))::int as repeated
      from m a
     where a.occurred_at >= ${f.from}::date ${dienst}
     group by 1 order by 1`.execute(db);
  return rows.map((r) => ({ month: r.month, repeated: Number(r.repeated), contacts: Number(r.contacts) }));
}
