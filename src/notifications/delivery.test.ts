import { afterAll, beforeAll, expect, it } from 'vitest';
import { addTestClient, apiAs, type TestClient } from '../authz/test-support.ts';
import { describeBackends, memoryLogger, startTestLoket, type TestLoket } from '../testing/backends.ts';
import { NOTIFICATIONS_CONSUMER } from './delivery.ts';
import { startSubscriber, until } from './test-support.ts';

const NRC = '/notificaties/api/v1';

const zaakNotificatie = (n: number, bronorganisatie: string) => ({
  kanaal: 'zaken',
  hoofdObject: `https://zaken.example/api/v1/zaken/${n}`,
  resource: 'zaak',
  resourceUrl: `https://zaken.example/api/v1/zaken/${n}`,
  actie: 'create',
  aanmaakdatum: '2026-11-23T10:00:00Z',
  kenmerken: {
    bronorganisatie,
    zaaktype: 'https://catalogi.example/zaaktypen/1',
    vertrouwelijkheidaanduiding: 'openbaar',
  },
});

describeBackends('notification delivery', (database) => {
  let client: TestClient;
  let loket: TestLoket;
  let as: ReturnType<typeof apiAs>;
  const made: string[] = [];

  const subscribe = async (url: string, auth: string, kanalen: unknown[]) => {
    const res = await as('POST', `${NRC}/abonnement`, { callbackUrl: url, auth, kanalen });
    expect(res.status).toBe(201);
    made.push(res.body.url);
    return res.body.url as string;
  };

  beforeAll(async () => {
    client = await addTestClient(database().db, { all: true });
    loket = await startTestLoket(database(), {
      config: { baseUrl: 'http://loket.test' },
      log: memoryLogger().log,
    });
    as = apiAs(loket.url, client);
  });
  afterAll(async () => loket.stop());

  it('delivers each notification to the abonnementen whose filters match, with their auth header', async () => {
    const [eigen, alle, ander] = await Promise.all([startSubscriber(), startSubscriber(), startSubscriber()]);
    try {
      await subscribe(eigen.url, 'Bearer eigen', [{ naam: 'zaken', filters: { bronorganisatie: '111' } }]);
      await subscribe(alle.url, 'Bearer alle', [{ naam: 'zaken', filters: { bronorganisatie: '*' } }]);
      await subscribe(ander.url, 'Bearer ander', [{ naam: 'besluiten' }]);
      expect((await as('POST', `${NRC}/notificaties`, zaakNotificatie(1, '111'))).status).toBe(200);
      expect((await as('POST', `${NRC}/notificaties`, zaakNotificatie(2, '222'))).status).toBe(200);

      await until(() => alle.notifications().length === 2 && eigen.notifications().length === 1);
      await loket.dispatcher.drainOnce();
      expect(eigen.notifications().map((r) => r.body)).toEqual([zaakNotificatie(1, '111')]);
      expect(eigen.notifications()[0].headers).toMatchObject({
        authorization: 'Bearer eigen',
        'content-type': 'application/json',
      });
      expect(
        alle
          .notifications()
          .map((r) => r.body.resourceUrl)
          .sort(),
      ).toEqual(['https://zaken.example/api/v1/zaken/1', 'https://zaken.example/api/v1/zaken/2']);
      expect(ander.notifications()).toEqual([]);
    } finally {
      for (const url of made.splice(0)) await as('DELETE', url);
      await Promise.all([eigen.close(), alle.close(), ander.close()]);
    }
  });

  it('delivers Loket’s own resource changes, such as a new applicatie on kanaal autorisaties', async () => {
    const sub = await startSubscriber();
    try {
      await subscribe(sub.url, 'Bearer ac', [{ naam: 'autorisaties' }]);
      const created = await as('POST', '/autorisaties/api/v1/applicaties', {
        clientIds: ['bezorgd'],
        label: 'Bezorgd',
        heeftAlleAutorisaties: true,
      });
      const [received] = await until(() =>
        sub.notifications().length > 0 ? sub.notifications() : undefined,
      );
      expect(received.body).toEqual({
        kanaal: 'autorisaties',
        hoofdObject: created.body.url,
        resource: 'applicatie',
        resourceUrl: created.body.url,
        actie: 'create',
        aanmaakdatum: expect.any(String),
        kenmerken: {},
      });
    } finally {
      await sub.close();
    }
  });

  it('keeps delivering while a subscriber is down and logs every attempt for the administrator', async () => {
    const sub = await startSubscriber();
    try {
      const abonnement = await subscribe(sub.url, 'Bearer later', [
        { naam: 'zaken', filters: { bronorganisatie: '333' } },
      ]);
      await loket.dispatcher.stop(); // drive the passes by hand
      sub.status = 503;
      await as('POST', `${NRC}/notificaties`, zaakNotificatie(3, '333'));
      await loket.dispatcher.drainOnce();
      expect(sub.notifications()).toEqual([]);
      const pending = await database()
        .db.selectFrom('outbox_delivery')
        .selectAll()
        .where('consumer', '=', NOTIFICATIONS_CONSUMER)
        .where('target', '=', abonnement.split('/').pop()!)
        .execute();
      expect(pending).toHaveLength(1);
      expect(pending[0].last_error).toBe('abonnee antwoordde 503');

      sub.status = 204;
      await database()
        .db.updateTable('outbox_delivery')
        .set({ next_attempt_at: new Date(0) })
        .where('id', '=', pending[0].id)
        .execute();
      await loket.dispatcher.drainOnce();
      expect(sub.notifications().map((r) => r.body)).toEqual([zaakNotificatie(3, '333')]);

      const log = await as('GET', `${abonnement}/afleveringen`);
      expect(log.status).toBe(200);
      expect(log.body).toMatchObject({ count: 2, next: null, previous: null });
      expect(log.body.results).toEqual([
        expect.objectContaining({ poging: 2, geslaagd: true, statuscode: 204, fout: null }),
        expect.objectContaining({
          notificatie: {
            kanaal: 'zaken',
            resourceUrl: 'https://zaken.example/api/v1/zaken/3',
            actie: 'create',
          },
          poging: 1,
          geslaagd: false,
          statuscode: 503,
          fout: 'abonnee antwoordde 503',
        }),
      ]);
      const stranger = apiAs(
        loket.url,
        await addTestClient(database().db, { organisationId: 'incasso', all: true }),
      );
      expect((await stranger('GET', `${abonnement}/afleveringen`)).status).toBe(404);
    } finally {
      await loket.dispatcher.start();
      await sub.close();
    }
  });

  it('delivers a notification committed before a restart once Loket is back', async () => {
    const sub = await startSubscriber();
    try {
      await subscribe(sub.url, 'Bearer herstart', [{ naam: 'zaken', filters: { bronorganisatie: '444' } }]);
      await loket.dispatcher.stop();
      await as('POST', `${NRC}/notificaties`, zaakNotificatie(4, '444'));
      await loket.stop();
      expect(sub.notifications()).toEqual([]);

      loket = await startTestLoket(database(), {
        config: { baseUrl: 'http://loket.test' },
        log: memoryLogger().log,
      });
      as = apiAs(loket.url, client);
      const [received] = await until(() =>
        sub.notifications().length > 0 ? sub.notifications() : undefined,
      );
      expect(received.body).toEqual(zaakNotificatie(4, '444'));
    } finally {
      await sub.close();
    }
  });

  it('stops delivering to a deleted abonnement', async () => {
    const sub = await startSubscriber();
    try {
      const abonnement = await subscribe(sub.url, 'Bearer weg', [
        { naam: 'zaken', filters: { bronorganisatie: '555' } },
      ]);
      await loket.dispatcher.stop();
      await as('POST', `${NRC}/notificaties`, zaakNotificatie(5, '555'));
      await as('DELETE', abonnement);
      await loket.dispatcher.drainOnce();
      expect(sub.notifications()).toEqual([]);
    } finally {
      await loket.dispatcher.start();
      await sub.close();
    }
  });
});
