import { sql } from 'kysely';
import type { Db } from '../platform/db/database.ts';

/** A period and an optional service (through the decision's case), for the learning view. */
export interface DecisionStatsFilter {
  organisationId: string;
  dienstId?: string | null;
  from: string;
  to: string;
}

const byDienst = (f: DecisionStatsFilter, alias: string) =>
  f.dienstId
    ? sql`and exists (select 1 from zrc_zaak z where z.id = ${sql.ref(`${alias}.case_id`)} and z.dienst_id = ${f.dienstId})`
    : sql``;

/** Deviations (maatwerk) per month, rule and reason, by the month they were asked for. */
export async function deviationStats(db: Db, f: DecisionStatsFilter) {
  const { rows } = await sql<{ month: string; rule_id: string; reason: string; n: number }>`
    select to_char((d.deviation->>'at')::timestamptz, 'YYYY-MM') as month, d.rule_id,
           d.deviation->>'reason' as reason, count(*)::int as n
      from decision d
     where d.organisation_id = ${f.organisationId} and d.deviation is not null
       and (d.deviation->>'at')::timestamptz >= ${f.from}::date and (d.deviation->>'at')::timestamptz < ${f.to}::date
       ${byDienst(f, 'd')}
     group by 1, 2, 3 order by 1, 2, 3`.execute(db);
  return rows.map((r) => ({ month: r.month, ruleId: r.rule_id, reason: r.reason, count: Number(r.n) }));
}

/** Objections per month (by filing date): how many, how many upheld, rejected, still open. */
export async function objectionStats(db: Db, f: DecisionStatsFilter) {
  const { rows } = await sql<{ month: string; filed: number; upheld: number; rejected: number }>`
    select to_char(o.filed_at, 'YYYY-MM') as month, count(*)::int as filed,
           (count(*) filter (where o.status = 'upheld'))::int as upheld,
           (count(*) filter (where o.status = 'rejected'))::int as rejected
      from decision_objection o join decision d on d.id = o.decision_id
     where o.organisation_id = ${f.organisationId}
       and o.filed_at >= ${f.from}::date and o.filed_at < ${f.to}::date ${byDienst(f, 'd')}
     group by 1 order by 1`.execute(db);
  return rows.map((r) => ({
    month: r.month,
    filed: Number(r.filed),
    upheld: Number(r.upheld),
    rejected: Number(r.rejected),
  }));
}
