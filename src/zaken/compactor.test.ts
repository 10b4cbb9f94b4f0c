import { sql } from 'kysely';
import pino from 'pino';
import { expect, it } from 'vitest';
import { describeBackends } from '../testing/backends.ts';
import { CountCompactor } from './compactor.ts';

/**
 * The compactor folds a burst of deltas into the counters, each delta into the counter of its rank and every
 * rank above, for its month and its year of registration (and into the counters of its rank alone for its
 * month of startdatum, of its zaaktype and of all zaaktypen), and on PostgreSQL vacuums the delta table once
 * it has moved 10,000 (compactor.ts says why). Every compaction raises the counter generation of the
 * organisations whose deltas it moved.
 */
describeBackends('Zaak counter compaction', (database, backend) => {
  it('folds deltas into the counters of their rank and above, and vacuums the deltas after 10,000', async () => {
    const db = database().db;
    // 6,000 zaken counted in and 4,000 out again, at rank 2 (intern), one zaaktype, one month, started the
    // month before.
    await sql`insert into zrc_zaak_count_delta (organisation_id, zaaktype_key, rank, bucket, start_month, n)
      select 'org-c', 7, 2, 202611, 202610, case when g <= 6000 then 1 else -1 end
      from generate_series(1, 10000) g`.execute(db);
    const compactor = new CountCompactor(db, pino({ level: 'silent' }), { vacuum: backend === 'postgres' });
    await compactor.pass();

    const expected = [2, 3, 4, 5, 6, 7].flatMap((r) => [
      [r, 2026, 2000],
      [r, 202611, 2000],
    ]);
    const counters = await sql<{ rank: number; bucket: number; n: string }>`select rank, bucket, n
      from zrc_zaak_count where organisation_id = 'org-c' order by rank, bucket`.execute(db);
    expect(counters.rows.map((r) => [r.rank, r.bucket, Number(r.n)])).toEqual(expected);
    const totals = await sql<{ rank: number; bucket: number; n: string }>`select rank, bucket, n
      from zrc_zaak_count_total where organisation_id = 'org-c' order by rank, bucket`.execute(db);
    expect(totals.rows.map((r) => [r.rank, r.bucket, Number(r.n)])).toEqual(expected);
    // By startdatum, a counter counts one rank alone.
    const started = await sql<{ rank: number; month: number; n: string }>`select rank, month, n
      from zrc_zaak_start_count where organisation_id = 'org-c' order by rank, month`.execute(db);
    expect(started.rows.map((r) => [r.rank, r.month, Number(r.n)])).toEqual([[2, 202610, 2000]]);
    // And summed over the zaaktypen per rank: a second batch of two other zaaktypen.
    await sql`insert into zrc_zaak_count_delta (organisation_id, zaaktype_key, rank, bucket, start_month, n)
      select 'org-c', case when g <= 300 then 8 else 9 end, case when g <= 300 then 2 else 4 end, 202611, 202610, 1
      from generate_series(1, 400) g`.execute(db);
    await compactor.pass();
    const summed = await sql<{ rank: number; month: number; n: string }>`select rank, month, n
      from zrc_zaak_start_total where organisation_id = 'org-c' order by rank, month`.execute(db);
    expect(summed.rows.map((r) => [r.rank, r.month, Number(r.n)])).toEqual([
      [2, 202610, 2300],
      [4, 202610, 100],
    ]);
    const pending = await sql<{ n: string }>`select count(*) as n from zrc_zaak_count_delta`.execute(db);
    expect(Number(pending.rows[0].n)).toBe(0);
    // Each compaction that moved an organisation's deltas raised its counter generation (list-remember.ts):
    // the first pass moved 10,000 in one batch of 20,000, the second 400; a pass with nothing to move none.
    const generation = async () =>
      Number(
        (
          await sql<{ generation: string }>`select generation from zrc_zaak_count_generation
            where organisation_id = 'org-c'`.execute(db)
        ).rows[0]?.generation ?? 0,
      );
    expect(await generation()).toBe(2);
    await compactor.pass();
    expect(await generation()).toBe(2);

    if (backend === 'postgres') {
      const stats = await sql<{ vacuum_count: string }>`select vacuum_count from pg_stat_user_tables
        where relid = 'zrc_zaak_count_delta'::regclass`.execute(db);
      expect(Number(stats.rows[0].vacuum_count)).toBe(1);
    }
  });
});
