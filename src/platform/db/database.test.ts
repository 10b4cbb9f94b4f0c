import { sql } from 'kysely';
import { expect, inject, it } from 'vitest';
import { describeBackends } from '../../testing/backends.ts';
import { eachRow, openDatabase, PREPARED, ROW_STATEMENTS_AT_ONCE } from './database.ts';
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

  it('hands the rows of a select over one by one, in order and with the same types, prepared or not', async () => {
    const { db } = database();
    const rowsOf = async (statement: ReturnType<typeof sql>) => {
      const seen: unknown[][] = [];
      await eachRow(db, statement.compile(db), (values) => seen.push(values));
      return seen;
    };
    const expected = [
      [1, 'zaak 1', 9007199254741],
      [2, 'zaak 2', 9007199254742],
      [3, 'zaak 3', 9007199254743],
    ];
    const select = (marked: boolean) =>
      sql`${marked ? PREPARED : sql``} select n, 'zaak ' || n as t, (9007199254740 + n)::int8 as big
        from generate_series(1, 3) n order by n`;
    expect(await rowsOf(select(false))).toEqual(expected);
    expect(await rowsOf(select(true))).toEqual(expected);
    expect(await rowsOf(select(true))).toEqual(expected);
    expect(await rowsOf(sql`select 1 where false`)).toEqual([]);
    // An error reaches the caller, and the connection goes back to the pool in working order.
    await expect(rowsOf(sql`select 1 / (n - n) from generate_series(1, 2) n`)).rejects.toThrow(
      /division by zero/,
    );
    // So does an error of the callback, after the statement has run to its end.
    await expect(
      eachRow(db, select(true).compile(db), () => {
        throw new Error('no room for this row');
      }),
    ).rejects.toThrow('no room for this row');
    for (let i = 0; i < 12; i++) expect(await rowsOf(select(true))).toEqual(expected);
  });

  it('runs at most five row-by-row selects at once, and a failed one frees its place', async () => {
    const { db, backend, schema } = database();
    // Eight connections, so without the limit seven would run at once (one is left for the probe).
    const wide =
      backend === 'postgres'
        ? await openDatabase({ url: inject('testDatabaseUrl'), schema: schema ?? undefined, poolSize: 8 })
        : null;
    try {
      const on = wide?.db ?? db;
      const probe = `gate_probe_${Math.random().toString(36).slice(2)}`;
      const slow = () => eachRow(on, sql`select pg_sleep(0.2) as ${sql.ref(probe)}`.compile(on), () => {});
      const running = Array.from({ length: 12 }, slow);
      let done = false;
      const all = Promise.all(running).finally(() => {
        done = true;
      });
      let most = 0;
      while (wide && !done) {
        const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity
          where state = 'active' and query like ${`%${probe}%`} and pid <> pg_backend_pid()`.execute(on);
        most = Math.max(most, rows[0].n);
        await new Promise((r) => setTimeout(r, 25));
      }
      await all;
      if (wide) expect(most).toBe(ROW_STATEMENTS_AT_ONCE);
      for (let i = 0; i < 6; i++)
        await expect(eachRow(on, sql`select 1 / 0`.compile(on), () => {})).rejects.toThrow(
          /division by zero/,
        );
      const seen: unknown[][] = [];
      await eachRow(on, sql`select 1`.compile(on), (values) => seen.push(values));
      expect(seen).toEqual([[1]]);
    } finally {
      await wide?.close();
    }
  });

  it('replaces a PostgreSQL connection after a number of uses (its prepared statements go with it)', async () => {
    const { backend, schema } = database();
    if (backend !== 'postgres') return;
    const url = inject('testDatabaseUrl');
    const pidsOf = async (connectionUses: number) => {
      const opened = await openDatabase({ url, schema: schema ?? undefined, poolSize: 2, connectionUses });
      try {
        const pids = new Set<number>();
        for (let i = 0; i < 12; i++) {
          const { rows } = await sql<{ pid: number }>`${PREPARED} select pg_backend_pid() as pid`.execute(
            opened.db,
          );
          pids.add(rows[0].pid);
        }
        return pids.size;
      } finally {
        await opened.close();
      }
    };
    expect(await pidsOf(1000)).toBe(1);
    expect(await pidsOf(5)).toBeGreaterThanOrEqual(3);
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
      // A raw statement may start on a new line: it is prepared all the same.
      const raw = (n: number) => sql<{ n: number }>`
        ${PREPARED} select ${n}::int + 0 as n`;
      expect((await raw(3).execute(trx)).rows).toEqual([{ n: 3 }]);
      const again = await sql<{ n: number }>`select count(*)::int as n from pg_prepared_statements
        where statement = ${raw(0).compile(trx).sql}`.execute(trx);
      expect(again.rows[0].n).toBe(1);
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
