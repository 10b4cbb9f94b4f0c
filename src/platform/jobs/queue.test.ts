import { beforeAll, expect, it } from 'vitest';
import { describeBackends, memoryLogger } from '../../testing/backends.ts';
import type { Db } from '../db/database.ts';
import { inTransaction, type Trx } from '../db/transaction.ts';
import { cancel, JobWorker, schedule } from './queue.ts';

describeBackends('durable job and timer queue', (database, backend) => {
  const worker = (onRun: (id: string) => void) => {
    const w = new JobWorker(database(), memoryLogger().log, { pollMs: 50 });
    w.handle('test.timer', async (job, trx) => {
      await trx
        .insertInto('system_setting')
        .values({ key: `fired-${(job.payload as { id: string }).id}-${job.id}`, value: '1' })
        .execute();
      onRun((job.payload as { id: string }).id);
    });
    return w;
  };

  it('fires a timer only when it is due', async () => {
    const fired: string[] = [];
    const w = worker((id) => fired.push(id));
    await schedule(database().db, {
      organisationId: 'voorbeeldstad',
      queue: 'test.timer',
      payload: { id: 'later' },
      runAt: new Date(Date.now() + 3_600_000),
    });
    await schedule(database().db, {
      organisationId: 'voorbeeldstad',
      queue: 'test.timer',
      payload: { id: 'now' },
    });
    await w.runDue();
    expect(fired).toEqual(['now']);
  });

  it('fires each timer exactly once when two workers (processes) compete', async () => {
    const fired: string[] = [];
    for (let i = 0; i < 50; i++) {
      await schedule(database().db, {
        organisationId: 'voorbeeldstad',
        queue: 'test.timer',
        payload: { id: `race-${i}` },
      });
    }
    const a = worker((id) => fired.push(id));
    const b = worker((id) => fired.push(id));
    await Promise.all([a.runDue(), b.runDue()]);
    const race = fired.filter((id) => id.startsWith('race-'));
    expect(race).toHaveLength(50);
    expect(new Set(race).size).toBe(50);
  });

  it('moves a pending timer when it is scheduled again under the same key (suspension, extension)', async () => {
    const fired: string[] = [];
    const w = worker((id) => fired.push(id));
    const first = await schedule(database().db, {
      organisationId: 'voorbeeldstad',
      queue: 'test.timer',
      payload: { id: 'term' },
      runAt: new Date(Date.now() - 1000),
      singletonKey: 'zaak-1:beslistermijn',
    });
    const moved = await schedule(database().db, {
      organisationId: 'voorbeeldstad',
      queue: 'test.timer',
      payload: { id: 'term' },
      runAt: new Date(Date.now() + 86_400_000),
      singletonKey: 'zaak-1:beslistermijn',
    });
    expect(moved).toBe(first);
    await w.runDue();
    expect(fired).not.toContain('term');
  });

  it('does not fire a cancelled timer', async () => {
    const fired: string[] = [];
    const w = worker((id) => fired.push(id));
    await schedule(database().db, {
      organisationId: 'voorbeeldstad',
      queue: 'test.timer',
      payload: { id: 'cancelled' },
      singletonKey: 'zaak-2:termijn',
    });
    expect(await cancel(database().db, 'test.timer', 'zaak-2:termijn')).toBe(true);
    await w.runDue();
    expect(fired).not.toContain('cancelled');
  });

  it('rolls back a failed job’s effects and retries it later', async () => {
    let attempts = 0;
    const w = new JobWorker(database(), memoryLogger().log, { pollMs: 50 });
    w.handle('test.flaky', async (_job, trx) => {
      attempts++;
      await trx
        .insertInto('system_setting')
        .values({ key: `flaky-${attempts}`, value: '1' })
        .execute();
      if (attempts === 1) throw new Error('first try fails');
    });
    const id = await inTransaction(database().db, (trx) =>
      schedule(trx, { organisationId: 'voorbeeldstad', queue: 'test.flaky' }),
    );
    await w.runDue();
    const afterFail = await database()
      .db.selectFrom('job')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(afterFail).toMatchObject({ status: 'pending', attempts: 1, last_error: 'first try fails' });
    expect(
      await database()
        .db.selectFrom('system_setting')
        .selectAll()
        .where('key', '=', 'flaky-1')
        .executeTakeFirst(),
    ).toBeUndefined();
    await database()
      .db.updateTable('job')
      .set({ run_at: new Date(0) })
      .where('id', '=', id)
      .execute();
    await w.runDue();
    const done = await database()
      .db.selectFrom('job')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(done.status).toBe('done');
  });

  it('picks up timers scheduled before a restart', async () => {
    await schedule(database().db, {
      organisationId: 'voorbeeldstad',
      queue: 'test.timer',
      payload: { id: 'restart' },
    });
    const fired: string[] = [];
    // A new worker is what a restarted process has: nothing in memory, everything in the database.
    const w = worker((id) => fired.push(id));
    await w.start();
    for (let i = 0; i < 100 && !fired.includes('restart'); i++) await new Promise((r) => setTimeout(r, 20));
    await w.stop();
    expect(fired).toContain('restart');
  });

  // Two connections at once: PostgreSQL only (PGlite has one connection, so this cannot happen there).
  if (backend === 'postgres') {
    const lockKey = 'queue-test-lock';
    beforeAll(async () => {
      await database().db.insertInto('system_setting').values({ key: lockKey, value: '1' }).execute();
    });
    /** Locks a row the way a case's rows are locked: what a handler and a changer both want. */
    const lockRow = (trx: Trx) =>
      trx.selectFrom('system_setting').select('key').where('key', '=', lockKey).forUpdate().execute();
    /** A worker whose handler locks that row (like a deadline timer), and how often it got through. */
    const lockingWorker = (lockWaitMs?: number) => {
      const logger = memoryLogger();
      const w = new JobWorker(database(), logger.log, { pollMs: 50, lockWaitMs });
      const state = { entered: false, ran: 0 };
      w.handle('test.locking', async (_job, trx) => {
        state.entered = true;
        await lockRow(trx);
        state.ran++;
      });
      return { w, state, logger };
    };
    /** Holds the row in a transaction, starts the worker and waits until its handler waits for the row. */
    const whileWorkerWaits = <T>(
      worker: ReturnType<typeof lockingWorker>,
      work: (trx: Trx) => Promise<T>,
    ): Promise<{ result: T; running: Promise<number> }> =>
      inTransaction(database().db, async (trx) => {
        await lockRow(trx);
        const running = worker.w.runDue();
        for (let i = 0; i < 200 && !worker.state.entered; i++) await new Promise((r) => setTimeout(r, 10));
        expect(worker.state.entered).toBe(true);
        return { result: await work(trx), running };
      });
    const scheduleLocking = (db: Db | Trx, singletonKey: string, runAt?: Date) =>
      schedule(db, {
        organisationId: 'voorbeeldstad',
        queue: 'test.locking',
        payload: {},
        singletonKey,
        runAt,
      });

    it('cancels without waiting for a job that is running now (which could wait for us: a deadlock)', async () => {
      // A long lock wait: this test is about cancel not waiting, not about the handler giving way.
      const worker = lockingWorker(10_000);
      await scheduleLocking(database().db, 'case-9:lapse');
      const { result: cancelled, running } = await whileWorkerWaits(worker, (trx) =>
        cancel(trx, 'test.locking', 'case-9:lapse'),
      );
      expect(cancelled).toBe(false);
      expect(await running).toBe(1);
      expect(worker.state.ran).toBe(1);
      expect(worker.logger.lines.filter((l) => l.includes('job failed'))).toEqual([]);
    });

    it('moves a timer that a worker is running now: the job gives way, the move wins, nothing fails', async () => {
      const worker = lockingWorker();
      const id = await scheduleLocking(database().db, 'case-10:lapse');
      const later = new Date(Date.now() + 86_400_000);
      // The worker holds the job's row and waits for ours; moving the timer needs the job's row. Before the
      // handler gave way, PostgreSQL broke this deadlock after a second by failing one of the two.
      const { result: moved, running } = await whileWorkerWaits(worker, (trx) =>
        scheduleLocking(trx, 'case-10:lapse', later),
      );
      expect(moved).toBe(id);
      expect(await running).toBe(1);
      expect(worker.state.ran).toBe(0);
      const job = await database()
        .db.selectFrom('job')
        .select(['status', 'run_at', 'attempts', 'locked_until'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(job).toEqual({ status: 'pending', run_at: later, attempts: 0, locked_until: null });
      expect(worker.logger.lines.filter((l) => l.includes('job failed'))).toEqual([]);
    });

    it('keeps a move made while the job was failing: its retry does not overwrite the new time', async () => {
      const logger = memoryLogger();
      const w = new JobWorker(database(), logger.log, { pollMs: 50 });
      let release = () => {};
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      let entered = false;
      w.handle('test.locking', async () => {
        entered = true;
        await gate;
        throw new Error('source unreachable');
      });
      const id = await scheduleLocking(database().db, 'case-11:lapse');
      const running = w.runDue();
      for (let i = 0; i < 200 && !entered; i++) await new Promise((r) => setTimeout(r, 10));
      const later = new Date(Date.now() + 86_400_000);
      // Another request moves the timer while the handler runs: it waits for the job's row.
      const moving = scheduleLocking(database().db, 'case-11:lapse', later);
      await new Promise((r) => setTimeout(r, 100));
      release();
      expect(await running).toBe(1);
      expect(await moving).toBe(id);
      const job = await database()
        .db.selectFrom('job')
        .select(['status', 'run_at', 'attempts', 'last_error'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(job).toEqual({
        status: 'pending',
        run_at: later,
        attempts: 1,
        last_error: 'source unreachable',
      });
    });
  }
});
