import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeBackends } from '../../testing/backends.ts';
import { PREPARED } from './database.ts';
import { inTransaction } from './transaction.ts';

describeBackends('database layer', (database) => {
  it('returns the same JavaScript types on every backend', async () => {
    const { rows } = await sql<{
      big: number;
      num: string;
      day: string;
      at: Date;
      doc: { a: number };
      arr: string[];
    }>`select 9007199254740::int8 as big, 12.50::numeric as num, date '2025-03-01' as day,
        timestamptz '2025-03-01T10:00:00Z' as at, '{"a":1}'::jsonb as doc, array['x','y']::text[] as arr`.execute(
      database().db,
    );
    expect(rows[0]).toEqual({
      big: 9007199254740,
      num: '12.50',
      day: '2025-03-01',
      at: new Date('2025-03-01T10:00:00Z'),
      doc: { a: 1 },
      arr: ['x', 'y'],
    });
  });

  it('prepares a marked select once per connection on PostgreSQL, with the same answers', async () => {
    const { db, backend } = database();
    await inTransaction(db, async (trx) => {
      // One connection: the transaction's.
      const marked = (n: number) => trx.selectNoFrom(sql<number>`${n}::int`.as('n')).modifyFront(PREPARED);
      expect(await marked(1).executeTakeFirstOrThrow()).toEqual({ n: 1 });
      expect(await marked(2).executeTakeFirstOrThrow()).toEqual({ n: 2 });
      if (backend !== 'postgres') return;
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_prepared_statements
        where statement = ${marked(0).compile().sql}`.execute(trx);
      expect(rows[0].n).toBe(1);
    });
  });

  it('rolls back everything written in a failed transaction', async () => {
    const { db } = database();
    await expect(
      inTransaction(db, async (trx) => {
        await trx.insertInto('system_setting').values({ key: 'half', value: '1' }).execute();
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const row = await db
      .selectFrom('system_setting')
      .selectAll()
      .where('key', '=', 'half')
      .executeTakeFirst();
    expect(row).toBeUndefined();
  });

  it('joins an outer transaction instead of opening a second one', async () => {
    const { db } = database();
    await expect(
      inTransaction(db, async (outer) => {
        await inTransaction(outer, async (inner) => {
          await inner.insertInto('system_setting').values({ key: 'nested', value: '1' }).execute();
        });
        throw new Error('outer fails');
      }),
    ).rejects.toThrow('outer fails');
    expect(
      await db.selectFrom('system_setting').selectAll().where('key', '=', 'nested').executeTakeFirst(),
    ).toBeUndefined();
  });

  it('serialises concurrent transactions without losing writes', async () => {
    const { db } = database();
    await db.insertInto('system_setting').values({ key: 'counter', value: '0' }).execute();
    await Promise.all(
      Array.from({ length: 10 }, () =>
        inTransaction(db, async (trx) => {
          const row = await trx
            .selectFrom('system_setting')
            .select('value')
            .where('key', '=', 'counter')
            .forUpdate()
            .executeTakeFirstOrThrow();
          await trx
            .updateTable('system_setting')
            .set({ value: JSON.stringify(Number(row.value) + 1) })
            .where('key', '=', 'counter')
            .execute();
        }),
      ),
    );
    const row = await db
      .selectFrom('system_setting')
      .select('value')
      .where('key', '=', 'counter')
      .executeTakeFirstOrThrow();
    expect(row.value).toBe(10);
  });
});
