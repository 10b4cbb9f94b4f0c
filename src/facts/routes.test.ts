import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_BSN } from '../demo/people.ts';
import { createSession, SESSION_COOKIE } from '../platform/auth/sessions.ts';
import { inTransaction } from '../platform/db/transaction.ts';
import { describeBackends, startTestLoket, type TestLoket } from '../testing/backends.ts';
import { FACTS_PREFIX } from './routes.ts';
import { type Fact, recordFact } from './store.ts';

describeBackends('Gegevens API', (database) => {
  let loket: TestLoket;
  let fact: Fact;
  const who: Record<string, { cookie: string; csrf: string }> = {};

  async function as(key: string, method: string, path: string, body?: unknown) {
    const res = await fetch(`${loket.url}${FACTS_PREFIX}${path}`, {
      method,
      redirect: 'manual',
      headers: {
        cookie: `${SESSION_COOKIE}=${who[key]!.cookie}`,
        'x-csrf-token': who[key]!.csrf,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  }

  beforeAll(async () => {
    loket = await startTestLoket(database());
    const db = database().db;
    for (const [key, kind, subject, org] of [
      ['parent', 'citizen', DEMO_BSN.esther, 'toeslagen'],
      ['neighbour', 'citizen', DEMO_BSN.jeroen, 'toeslagen'],
      ['owner', 'staff', 't.visser', 'toeslagen'],
      ['municipality', 'staff', 'm.jansen', 'voorbeeldstad'],
    ] as const) {
      const s = await createSession(db, { kind, subject, organisationId: org, data: {} });
      who[key] = { cookie: s.id, csrf: s.csrfToken };
    }
    fact = await inTransaction(db, (trx) =>
      recordFact(trx, {
        organisationId: 'toeslagen',
        subject: { kind: 'bsn', id: DEMO_BSN.esther },
        attribute: 'vermoeden fraude',
        value: true,
        source: { kind: 'organisation', name: 'Dienst Toeslagen' },
        legalBasis: 'Awir art. 41',
        validFrom: '2024-01-01',
        validUntil: null,
        marker: {
          legalBasis: 'Awir art. 41',
          team: 'Team Fraude',
          author: 't.visser',
          reason: 'Vermoeden opzet bij de aanvraag',
          expiresOn: '2030-01-01',
          retentionUntil: '2037-01-01',
          contact: 'Dienst Toeslagen, 0800-0543',
        },
      }),
    );
  });
  afterAll(async () => loket.stop());

  it('always shows a person the markers about them, with the reason and whom to contact', async () => {
    const mine = await as('parent', 'GET', '/mijn');
    expect(mine.status).toBe(200);
    expect(mine.body).toEqual([
      expect.objectContaining({
        id: fact.id,
        markering: expect.objectContaining({
          reden: 'Vermoeden opzet bij de aanvraag',
          contact: 'Dienst Toeslagen, 0800-0543',
        }),
      }),
    ]);
    expect((await as('neighbour', 'GET', '/mijn')).body).toEqual([]);
  });

  it('takes a report of an error from the person it is about, and shows its status', async () => {
    expect(
      (
        await as('neighbour', 'POST', '/terugmeldingen', {
          factId: fact.id,
          factVersion: 1,
          explanation: 'Klopt niet',
        })
      ).status,
    ).toBe(404);
    const report = await as('parent', 'POST', '/terugmeldingen', {
      factId: fact.id,
      factVersion: 1,
      explanation: 'Ik heb niets verkeerd gedaan.',
    });
    expect(report.status).toBe(201);
    const list = await as('parent', 'GET', '/terugmeldingen');
    expect(list.body.map((t: { status: string }) => t.status)).toEqual(['received']);
  });

  it('shows the person who used their data, when and why', async () => {
    const use = await as('parent', 'GET', '/gebruik');
    expect(use.status).toBe(200);
    expect(use.body).toContainEqual(
      expect.objectContaining({ doel: 'Inzage in eigen gegevens', wie: 'uzelf' }),
    );
  });

  it('lets only the owner correct the fact; the person is told and the owner follows up the cause', async () => {
    const body = { version: 1, value: false, withdraw: true, reason: 'De markering was onterecht.' };
    expect((await as('municipality', 'POST', `/${fact.id}/correcties`, body)).status).toBe(404);
    const started = await as('owner', 'POST', `/${fact.id}/correcties`, body);
    expect(started.status).toBe(202);
    let progress = started.body;
    for (let i = 0; i < 100 && progress.status !== 'done'; i++) {
      await loket.jobs.runDue();
      progress = (await as('owner', 'GET', `/correcties/${started.body.id}`)).body;
    }
    expect(progress).toMatchObject({ status: 'done', found: 0 });
    expect((await as('parent', 'GET', '/mijn')).body[0].markering).toBeNull();
    const messages = await as('parent', 'GET', '/berichten');
    expect(messages.body).toHaveLength(1);
    expect((await as('neighbour', 'GET', '/berichten')).body).toHaveLength(0);

    const items = await as('owner', 'GET', '/verbeterpunten');
    expect(items.body).toEqual([expect.objectContaining({ status: 'open', attribute: 'vermoeden fraude' })]);
    expect((await as('municipality', 'GET', '/verbeterpunten')).body).toEqual([]);
    const close = await as('owner', 'POST', `/verbeterpunten/${items.body[0].id}/sluiten`, {
      resolution: 'Een markering vraagt nu altijd een tweede beoordelaar.',
    });
    expect(close.status).toBe(204);
    expect((await as('owner', 'GET', '/verbeterpunten')).body[0].status).toBe('closed');
  });
});
