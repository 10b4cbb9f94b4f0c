import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { describeBackends, memoryLogger, startTestLoket } from '../../testing/backends.ts';
import { openDatabase } from '../db/database.ts';
import { inTransaction } from '../db/transaction.ts';
import type { Consumer } from './dispatcher.ts';
import { type DomainEvent, publish } from './outbox.ts';
import { addSubscription } from './webhooks.ts';

async function until<T>(check: () => Promise<T | undefined> | T | undefined, timeoutMs = 10_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

function collector(name: string, topics: string[], failTimes = 0): Consumer & { seen: DomainEvent[] } {
  let failures = 0;
  const seen: DomainEvent[] = [];
  return {
    name,
    topics,
    seen,
    async deliver(event) {
      if (failures < failTimes) {
        failures++;
        throw new Error('handler not ready yet');
      }
      seen.push(event);
    },
  };
}

describeBackends('transactional outbox', (database) => {
  it('delivers an event committed with its change to every matching handler, once', async () => {
    const handler = collector('test.collector', ['zaken.*']);
    const other = collector('test.other', ['besluiten.*']);
    const loket = await startTestLoket(database(), {
      listen: false,
      prepare: ({ dispatcher }) => {
        dispatcher.register(handler);
        dispatcher.register(other);
      },
    });
    try {
      await inTransaction(database().db, (trx) =>
        publish(trx, { organisationId: 'voorbeeldstad', topic: 'zaken.zaak.create', payload: { id: 'z1' } }),
      );
      await until(() => handler.seen.length === 1);
      await loket.dispatcher.drainOnce();
      expect(handler.seen.map((e) => e.payload)).toEqual([{ id: 'z1' }]);
      expect(other.seen).toHaveLength(0);
    } finally {
      await loket.stop();
    }
  });

  it('lets a consumer decide for every event of a fan-out batch in one read', async () => {
    const seen: unknown[] = [];
    let reads = 0;
    const chooser: Consumer = {
      name: 'test.chooser',
      topics: ['chosen.*'],
      async targets(event, _trx, batch) {
        const kept = await batch.once('kept', async () => {
          reads++;
          return new Set(
            batch.events
              .filter((e) => e.topic === 'chosen.x' && (e.payload as { keep: boolean }).keep)
              .map((e) => e.id),
          );
        });
        return kept.has(event.id) ? [''] : [];
      },
      async deliver(event) {
        seen.push(event.payload);
      },
    };
    const loket = await startTestLoket(database(), {
      listen: false,
      prepare: ({ dispatcher }) => dispatcher.register(chooser),
    });
    try {
      await inTransaction(database().db, async (trx) => {
        for (let i = 0; i < 6; i++)
          await publish(trx, {
            organisationId: 'voorbeeldstad',
            topic: 'chosen.x',
            payload: { i, keep: i % 2 === 0 },
          });
        await publish(trx, {
          organisationId: 'voorbeeldstad',
          topic: 'other.x',
          payload: { i: 6, keep: true },
        });
      });
      await loket.dispatcher.drainOnce();
      await until(() => seen.length === 3);
      // Deliveries run in parallel: their order is not the events'.
      expect(seen.sort((a, b) => (a as { i: number }).i - (b as { i: number }).i)).toEqual([
        { i: 0, keep: true },
        { i: 2, keep: true },
        { i: 4, keep: true },
      ]);
      expect(reads).toBe(1);
    } finally {
      await loket.stop();
    }
  });

  it('drops the event when the transaction rolls back', async () => {
    const handler = collector('test.rollback', ['rollback.*']);
    const loket = await startTestLoket(database(), {
      listen: false,
      prepare: ({ dispatcher }) => dispatcher.register(handler),
    });
    try {
      await expect(
        inTransaction(database().db, async (trx) => {
          await publish(trx, { organisationId: 'voorbeeldstad', topic: 'rollback.x', payload: {} });
          throw new Error('change failed');
        }),
      ).rejects.toThrow();
      await loket.dispatcher.drainOnce();
      expect(handler.seen).toHaveLength(0);
      const events = await database()
        .db.selectFrom('outbox_event')
        .selectAll()
        .where('topic', '=', 'rollback.x')
        .execute();
      expect(events).toHaveLength(0);
    } finally {
      await loket.stop();
    }
  });

  it('retries a failing handler with backoff and records the error', async () => {
    const handler = collector('test.flaky', ['flaky.*'], 1);
    const loket = await startTestLoket(database(), {
      listen: false,
      prepare: ({ dispatcher }) => dispatcher.register(handler),
    });
    await loket.dispatcher.stop(); // drive passes by hand
    try {
      await inTransaction(database().db, (trx) =>
        publish(trx, { organisationId: 'voorbeeldstad', topic: 'flaky.x', payload: {} }),
      );
      await loket.dispatcher.drainOnce();
      const failed = await database()
        .db.selectFrom('outbox_delivery')
        .selectAll()
        .where('consumer', '=', 'test.flaky')
        .executeTakeFirstOrThrow();
      expect(failed).toMatchObject({ status: 'pending', attempts: 1, last_error: 'handler not ready yet' });
      expect(new Date(failed.next_attempt_at).getTime()).toBeGreaterThan(Date.now());
      // Make it due now instead of waiting for the backoff.
      await database()
        .db.updateTable('outbox_delivery')
        .set({ next_attempt_at: new Date(0) })
        .where('id', '=', failed.id)
        .execute();
      await loket.dispatcher.drainOnce();
      expect(handler.seen).toHaveLength(1);
      const done = await database()
        .db.selectFrom('outbox_delivery')
        .selectAll()
        .where('id', '=', failed.id)
        .executeTakeFirstOrThrow();
      expect(done).toMatchObject({ status: 'delivered', attempts: 2, last_error: null });
    } finally {
      await loket.stop();
    }
  });

  it('delivers to HTTP subscribers and keeps retrying while a subscriber is down', async () => {
    const received: unknown[] = [];
    let up = false;
    const server = createServer(async (req: IncomingMessage, res) => {
      let body = '';
      for await (const chunk of req) body += chunk;
      if (!up) {
        res.writeHead(503).end();
        return;
      }
      received.push({ auth: req.headers.authorization, body: JSON.parse(body) });
      res.writeHead(204).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    const loket = await startTestLoket(database(), { listen: false });
    await loket.dispatcher.stop();
    try {
      await addSubscription(database().db, {
        organisationId: 'voorbeeldstad',
        label: 'test subscriber',
        topics: ['hook.*'],
        callbackUrl: `http://127.0.0.1:${port}/cb`,
        authHeader: 'Token abc',
      });
      await inTransaction(database().db, (trx) =>
        publish(trx, { organisationId: 'voorbeeldstad', topic: 'hook.event', payload: { n: 7 } }),
      );
      await loket.dispatcher.drainOnce();
      expect(received).toHaveLength(0);
      const pending = await database()
        .db.selectFrom('outbox_delivery')
        .selectAll()
        .where('consumer', '=', 'webhook')
        .execute();
      expect(pending).toHaveLength(1);
      expect(pending[0]).toMatchObject({ status: 'pending', last_error: 'subscriber answered 503' });
      up = true;
      await database()
        .db.updateTable('outbox_delivery')
        .set({ next_attempt_at: new Date(0) })
        .where('consumer', '=', 'webhook')
        .execute();
      await loket.dispatcher.drainOnce();
      expect(received).toEqual([
        { auth: 'Token abc', body: expect.objectContaining({ topic: 'hook.event', payload: { n: 7 } }) },
      ]);
    } finally {
      await loket.stop();
      server.close();
    }
  });
});

/** Runs the crash publisher in its own process; it commits an event and is killed before delivery. */
async function runCrashPublisher(
  env: Record<string, string>,
): Promise<{ code: number | null; signal: string | null; out: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/testing/crash-publisher.ts'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => {
    out += d;
  });
  child.stderr.on('data', (d) => {
    out += d;
  });
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, out })));
}

describe('outbox crash safety', () => {
  for (const backend of inject('backends')) {
    it(`delivers an event committed just before a crash after the restart [${backend}]`, async () => {
      const topic = `crash.${randomBytes(3).toString('hex')}`;
      const schema = `t_${inject('runId')}_crash${randomBytes(3).toString('hex')}`;
      const dataDir = mkdtempSync(join(tmpdir(), 'loket-crash-'));
      const env: Record<string, string> =
        backend === 'postgres'
          ? { CRASH_DATABASE_URL: inject('testDatabaseUrl'), CRASH_SCHEMA: schema, CRASH_TOPIC: topic }
          : { CRASH_DATA_DIR: dataDir, CRASH_TOPIC: topic };
      const result = await runCrashPublisher(env);
      expect(result.signal, result.out).toBe('SIGKILL');
      expect(result.out).toContain('committed');

      const database =
        backend === 'postgres'
          ? await openDatabase({ url: inject('testDatabaseUrl'), schema })
          : await openDatabase({ dataDir });
      const handler = collector('test.after-crash', [topic]);
      const loket = await startTestLoket(database, {
        listen: false,
        log: memoryLogger().log,
        prepare: ({ dispatcher }) => dispatcher.register(handler),
      });
      try {
        await until(() => handler.seen.length > 0);
        expect(handler.seen.map((e) => e.topic)).toEqual([topic]);
        const change = await database.db
          .selectFrom('system_setting')
          .select('value')
          .where('key', '=', 'crash-change')
          .executeTakeFirst();
        expect(change?.value).toBe('committed');
      } finally {
        await loket.stop();
        await database.close();
        rmSync(dataDir, { recursive: true, force: true });
      }
    }, 60_000);
  }
});
