import { afterAll, beforeAll, expect, it } from 'vitest';
import { createSession, SESSION_COOKIE } from '../platform/auth/sessions.ts';
import { inTransaction } from '../platform/db/transaction.ts';
import { zorgtoeslagInputs } from '../rules/examples.ts';
import { loadRuleRegistry } from '../rules/index.ts';
import { describeBackends, startTestLoket, type TestLoket } from '../testing/backends.ts';
import { DECISIONS_PREFIX } from './routes.ts';
import { decide, SYSTEM } from './service.ts';

const BSN = '999990354';

describeBackends('Beslissingen API', (database) => {
  let loket: TestLoket;
  let decisionId: string;
  type Who = { cookie: string; csrf: string };
  const people: Record<string, Who> = {};

  async function as(who: Who, method: string, path: string, body?: unknown) {
    const res = await fetch(`${loket.url}${DECISIONS_PREFIX}${path}`, {
      method,
      redirect: 'manual',
      headers: {
        cookie: `${SESSION_COOKIE}=${who.cookie}`,
        'x-csrf-token': who.csrf,
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
    const person = async (
      key: string,
      kind: 'staff' | 'citizen',
      subject: string,
      organisationId: string,
    ) => {
      const s = await createSession(db, { kind, subject, organisationId, data: {} });
      people[key] = { cookie: s.id, csrf: s.csrfToken };
    };
    await person('eerste', 'staff', 'p.eerste', 'toeslagen');
    await person('tweede', 'staff', 'p.tweede', 'toeslagen');
    await person('gemeente', 'staff', 'g.ander', 'voorbeeldstad');
    await person('burger', 'citizen', BSN, 'toeslagen');
    await person('buurman', 'citizen', '999990433', 'toeslagen');
    const d = await inTransaction(db, (trx) =>
      decide(trx, loadRuleRegistry(), {
        ruleId: 'zorgtoeslag',
        referenceDate: '2025-03-01',
        inputs: zorgtoeslagInputs({ peildatum: '2025-01-01', inkomen: 90_000 }),
        organisationId: 'toeslagen',
        subjectBsn: BSN,
        caseId: crypto.randomUUID(),
        actor: SYSTEM,
      }),
    );
    decisionId = d.id;
  });
  afterAll(async () => loket.stop());

  it('shows a professional of the organisation the whole decision, and nobody else', async () => {
    const own = await as(people.eerste!, 'GET', `/${decisionId}`);
    expect(own.status).toBe(200);
    expect(own.body.trace.length).toBeGreaterThan(0);
    const logged = await database()
      .db.selectFrom('processing_log')
      .select(['actor_id', 'subject_id', 'operation'])
      .where('subject_id', '=', BSN)
      .execute();
    expect(logged).toContainEqual({ actor_id: 'p.eerste', subject_id: BSN, operation: 'read' });
    expect((await as(people.gemeente!, 'GET', `/${decisionId}`)).status).toBe(404);
    // A draft is not shown to the person yet.
    expect((await as(people.burger!, 'GET', `/${decisionId}`)).status).toBe(404);
  });

  it('needs two different professionals for a deviation', async () => {
    const body = {
      reason: 'evenredigheid',
      motivation: 'Terugvorderen zou deze persoon onevenredig hard treffen.',
      outputs: { recht: true },
    };
    expect((await as(people.eerste!, 'POST', `/${decisionId}/afwijken`, body)).status).toBe(200);
    expect((await as(people.eerste!, 'POST', `/${decisionId}/goedkeuren`)).status).toBe(403);
    expect((await as(people.gemeente!, 'POST', `/${decisionId}/goedkeuren`)).status).toBe(404);
    const approved = await as(people.tweede!, 'POST', `/${decisionId}/goedkeuren`);
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'final', approvedBy: 'p.tweede', decidedBy: 'p.eerste' });
  });

  it('shows the person their own decision in plain words, and lets them object', async () => {
    const mine = await as(people.burger!, 'GET', `/${decisionId}`);
    expect(mine.status).toBe(200);
    expect(mine.body.uitleg).toContain('zorgtoeslag');
    expect(mine.body.trace).toBeUndefined();
    expect((await as(people.buurman!, 'GET', `/${decisionId}`)).status).toBe(404);
    const objection = await as(people.burger!, 'POST', `/${decisionId}/bezwaar`, {
      reason: 'Mijn inkomen klopt niet.',
    });
    expect(objection.status).toBe(201);
    expect(objection.body.status).toBe('open');
  });

  it('refuses a staff action to a citizen and a state change without the CSRF token', async () => {
    expect((await as(people.burger!, 'POST', `/${decisionId}/vaststellen`)).status).toBe(401);
    const noCsrf = { ...people.eerste!, csrf: 'fout' };
    expect((await as(noCsrf, 'POST', `/${decisionId}/vaststellen`)).status).toBe(403);
  });
});
