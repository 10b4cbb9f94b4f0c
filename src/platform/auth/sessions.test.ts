import { expect, inject, it } from 'vitest';
import { describeBackends } from '../../testing/backends.ts';
import { type Database, openDatabase } from '../db/database.ts';
import { createSession, endSession, findSession, listenForEndedSessions } from './sessions.ts';

describeBackends('web sessions, remembered until they end', (database, backend) => {
  const login = () =>
    createSession(database().db, {
      organisationId: 'voorbeeldstad',
      kind: 'staff',
      subject: 'm.jansen',
      data: { name: 'Marieke Jansen', roles: ['behandelaar'] },
    });
  /** Changes the stored row behind the cache's back (sessions never change after login; only a test does). */
  const rename = (id: string, subject: string) =>
    database().db.updateTable('web_session').set({ subject }).where('id', '=', id).execute();

  it('answers a known session from memory after the first read, and an unknown one from the database', async () => {
    const s = await login();
    expect((await findSession(database().db, s.id))?.subject).toBe('m.jansen');
    await rename(s.id, 'changed');
    expect((await findSession(database().db, s.id))?.subject).toBe('m.jansen');
    expect(await findSession(database().db, 'no-such-session')).toBeNull();
  });

  it('forgets a session at once when it ends in this process', async () => {
    const s = await login();
    expect(await findSession(database().db, s.id)).not.toBeNull();
    await endSession(database().db, s.id);
    expect(await findSession(database().db, s.id)).toBeNull();
  });

  it('forgets every remembered session when any process ends one', async () => {
    await listenForEndedSessions(database());
    const s = await login();
    expect(await findSession(database().db, s.id)).not.toBeNull();
    await database()
      .db.updateTable('web_session')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', s.id)
      .execute();
    // Still remembered: a change of the row does not reach memory …
    expect(await findSession(database().db, s.id)).not.toBeNull();
    // … but an ending by anyone does: the trigger's notification makes every process forget, and the
    // next read finds the session expired.
    await database().db.deleteFrom('web_session').where('id', '=', 'another').execute();
    await expect.poll(() => findSession(database().db, s.id), { timeout: 3000 }).toBeNull();
  });

  // Two processes need two connections to one server: PostgreSQL only.
  if (backend === 'postgres')
    it('forgets a session in another process when it ends here (pg_notify from the trigger)', async () => {
      const other: Database = await openDatabase({
        url: inject('testDatabaseUrl'),
        schema: database().schema ?? undefined,
        poolSize: 2,
      });
      try {
        await listenForEndedSessions(other);
        const s = await login();
        expect((await findSession(other.db, s.id))?.subject).toBe('m.jansen');
        await endSession(database().db, s.id);
        await expect.poll(() => findSession(other.db, s.id), { timeout: 3000 }).toBeNull();
      } finally {
        await other.close();
      }
    });
});
