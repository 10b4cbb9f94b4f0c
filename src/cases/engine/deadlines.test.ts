import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_ORGANISATIONS } from '../../demo/organisations.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { upsertOrganisation } from '../../platform/organisations.ts';
import { describeBackends, startTestLoket, type TestLoket } from '../../testing/backends.ts';
import { loadDemoPlan } from '../plan/definitions/index.ts';
import { startCasePlan } from './apply.ts';
import { addDays, localDate } from './dates.ts';
import { deadlinesNeedingAction, deadlinesOf } from './deadline-views.ts';
import {
  DEADLINE_QUEUE,
  extendDeadline,
  resumeDeadline,
  startDeadlines,
  suspendDeadline,
} from './deadlines.ts';
import { getPlan, publishPlan } from './definitions.ts';
import { PLAN_TIMER_QUEUE } from './effects.ts';
import { noticesOf } from './notices.ts';
import { completeTask, tasksOf } from './tasks.ts';

const ORG = 'voorbeeldstad';
const staff = { kind: 'staff' as const, id: 'm.jansen', name: 'Marieke Jansen' };

describeBackends('case deadlines: durable timers', (database) => {
  const db = () => database().db;
  const today = localDate(new Date());
  /** A process of Loket with its job worker stopped, so the test decides when due jobs run. */
  async function process(): Promise<TestLoket> {
    const loket = await startTestLoket(database(), { listen: false });
    await loket.jobs.stop();
    await loket.dispatcher.stop();
    return loket;
  }
  let first: TestLoket;
  /** The published v1 of a demo plan at an organisation (published on first use). */
  async function ensurePlan(organisationId: string, file: 'verhuizing.yaml' | 'zorgtoeslag-aanvraag.yaml') {
    const def = loadDemoPlan(file);
    const existing = await getPlan(db(), organisationId, def.id, 1);
    if (existing) return existing;
    await inTransaction(db(), (trx) => publishPlan(trx, { organisationId, definition: def, actor: staff }));
    return (await getPlan(db(), organisationId, def.id, 1))!;
  }

  beforeAll(async () => {
    for (const o of DEMO_ORGANISATIONS) await upsertOrganisation(db(), o);
    first = await process();
  });
  afterAll(async () => first?.stop());

  const newDeadline = async (startedOn: string, term = 'P4W', warnDays = 5) => {
    const caseId = randomUUID();
    await inTransaction(db(), (trx) =>
      startDeadlines(trx, {
        caseId,
        organisationId: ORG,
        startedOn,
        terms: [{ kind: 'beslistermijn', term, legal: true }],
        warnDays,
      }),
    );
    return caseId;
  };
  const jobs = (caseId: string) =>
    db()
      .selectFrom('job')
      .select(['id', 'singleton_key', 'status', 'run_at'])
      .where('singleton_key', 'like', `${caseId}:%`)
      .orderBy('id')
      .execute();
  const changes = async (caseId: string) =>
    ((await deadlinesOf(db(), caseId, true))[0]?.changes ?? []).map((c) => c.change);

  it('fires a lapsed term once, across a restart and with two processes competing', async () => {
    const lapsed = await Promise.all(Array.from({ length: 10 }, () => newDeadline(addDays(today, -40))));
    const running = await newDeadline(today);
    // The process that scheduled them stops before they run; two new processes start.
    await first.stop();
    const a = await process();
    const b = await process();
    try {
      await Promise.all([a.jobs.runDue(), b.jobs.runDue()]);
      for (const caseId of lapsed) {
        const [d] = await deadlinesOf(db(), caseId);
        expect(d.status).toBe('lapsed');
        expect(d.lapsedAt).not.toBeNull();
        expect(d.warnedAt).not.toBeNull();
        expect(await changes(caseId)).toEqual(['started', 'warned', 'lapsed']);
        const notices = await noticesOf(db(), [caseId]);
        expect(notices).toHaveLength(1);
        expect(notices[0]).toMatchObject({
          kind: 'delay',
          subject: 'Uw zaak duurt langer',
          contact: { organisation: 'Gemeente Voorbeeldstad', phone: '14 0123' },
        });
        expect(notices[0].body).toContain('Waarom? We hebben meer tijd nodig');
        expect(notices[0].body).toContain('14 0123');
      }
      expect((await deadlinesOf(db(), running))[0].status).toBe('running');
      // Running everything again (a third process) fires nothing twice.
      const c = await process();
      expect(await c.jobs.runDue()).toBe(0);
      await c.stop();
      expect(await noticesOf(db(), lapsed)).toHaveLength(10);
      const lapses = await db()
        .selectFrom('outbox_event')
        .select('id')
        .where('topic', '=', 'case.deadline.lapsed')
        .where(sql<string>`payload->>'caseId'`, 'in', lapsed)
        .execute();
      expect(lapses).toHaveLength(10);
    } finally {
      await a.stop();
      await b.stop();
      first = await process();
    }
  });

  it('moves the timers on suspension and extension, with reasons, and tells the citizen about the extension', async () => {
    const caseId = await newDeadline(today, 'P8W');
    const [start] = await deadlinesOf(db(), caseId);
    const pending = (await jobs(caseId)).filter((j) => j.status === 'pending');
    expect(pending.map((j) => j.singleton_key)).toEqual([
      `${caseId}:beslistermijn:warn`,
      `${caseId}:beslistermijn:lapse`,
    ]);

    const request = { caseId, organisationId: ORG, kind: 'beslistermijn', actor: staff };
    await expect(
      inTransaction(db(), (trx) => suspendDeadline(trx, { ...request, reason: ' ' })),
    ).rejects.toMatchObject({
      status: 400,
    });
    await inTransaction(db(), (trx) =>
      suspendDeadline(trx, { ...request, reason: 'Wachten op het huurcontract', on: today }),
    );
    expect((await jobs(caseId)).every((j) => j.status === 'cancelled')).toBe(true);
    expect((await deadlinesOf(db(), caseId))[0].status).toBe('suspended');
    // Ten days later the contract arrives: the last day moves ten days (then to a working day).
    const resumed = await inTransaction(db(), (trx) =>
      resumeDeadline(trx, { ...request, on: addDays(today, 10) }),
    );
    expect(resumed >= addDays(start.dueDate, 10)).toBe(true);
    expect(resumed <= addDays(start.dueDate, 13)).toBe(true);

    const extended = await inTransaction(db(), (trx) =>
      extendDeadline(trx, {
        ...request,
        term: 'P2W',
        reason: 'Wij wachten op advies van de IND.',
        subjectBsn: null,
      }),
    );
    expect(extended >= addDays(resumed, 14)).toBe(true);
    const [d] = await deadlinesOf(db(), caseId, true);
    expect(d).toMatchObject({ status: 'running', dueDate: extended, originalDueDate: start.dueDate });
    expect(d.changes?.map((c) => [c.change, c.reason])).toEqual([
      ['started', null],
      ['suspended', 'Wachten op het huurcontract'],
      ['resumed', null],
      ['extended', 'Wij wachten op advies van de IND.'],
    ]);
    const lapse = (await jobs(caseId)).filter(
      (j) => j.status === 'pending' && j.singleton_key?.endsWith(':lapse'),
    );
    expect(lapse).toHaveLength(1);
    expect(localDate(new Date(lapse[0].run_at))).toBe(addDays(extended, 1));
    const [notice] = await noticesOf(db(), [caseId]);
    expect(notice).toMatchObject({
      kind: 'extension',
      reason: 'Wij wachten op advies van de IND.',
      expectedDate: extended,
    });
    expect(notice.body).toMatch(/Waarom\? Wij wachten op advies van de IND\./);
    expect(notice.body).toMatch(
      /Heeft u vragen\? Neem dan contact op met Gemeente Voorbeeldstad via telefoonnummer 14 0123/,
    );

    // After a restart the moved timer is still there; when it is due it fires once.
    await first.stop();
    first = await process();
    await db()
      .updateTable('job')
      .set({ run_at: new Date(Date.now() - 1000) })
      .where('id', '=', lapse[0].id)
      .execute();
    await first.jobs.runDue();
    await first.jobs.runDue();
    expect((await deadlinesOf(db(), caseId))[0].status).toBe('lapsed');
    expect((await changes(caseId)).filter((c) => c === 'lapsed')).toHaveLength(1);
    await expect(
      inTransaction(db(), (trx) =>
        extendDeadline(trx, { ...request, term: 'P1W', reason: 'Te laat', subjectBsn: null }),
      ),
    ).rejects.toMatchObject({ status: 409 });
  });

  it('fires a plan timer after a restart, once, and the plan moves on', async () => {
    const plan = await ensurePlan('toeslagen', 'zorgtoeslag-aanvraag.yaml');
    const caseId = randomUUID();
    await inTransaction(db(), async (trx) =>
      startCasePlan(trx, {
        caseId,
        organisationId: 'toeslagen',
        plan,
        data: { inkomen: { bekend: false } },
      }),
    );
    const [timer] = await db()
      .selectFrom('job')
      .select(['id', 'run_at', 'status'])
      .where('queue', '=', PLAN_TIMER_QUEUE)
      .where('singleton_key', '=', `${caseId}:rappel-inkomen#1`)
      .execute();
    expect(timer.status).toBe('pending');
    expect(new Date(timer.run_at).getTime()).toBeGreaterThan(Date.now() + 13 * 86_400_000);
    await first.stop();
    first = await process();
    await db()
      .updateTable('job')
      .set({ run_at: new Date(Date.now() - 1000) })
      .where('id', '=', timer.id)
      .execute();
    await Promise.all([first.jobs.runDue(), first.jobs.runDue()]);
    const open = await tasksOf(db(), { organisationId: 'toeslagen', caseId });
    expect(open.filter((t) => t.itemId === 'bel-aanvrager')).toHaveLength(1);
  });

  it('warns the team of the case and shows the term as lapsed on the case and in the organisation’s list', async () => {
    const plan = await ensurePlan(ORG, 'verhuizing.yaml');
    const caseId = randomUUID();
    await inTransaction(db(), async (trx) => {
      await startCasePlan(trx, { caseId, organisationId: ORG, plan, data: {} });
      await startDeadlines(trx, {
        caseId,
        organisationId: ORG,
        startedOn: addDays(today, -40),
        terms: [{ kind: 'beslistermijn', term: 'P4W', legal: true }],
        warnDays: 5,
      });
    });
    await first.jobs.runDue();
    const topics = await db()
      .selectFrom('outbox_event')
      .select(['topic', 'payload'])
      .where(sql<string>`payload->>'caseId'`, '=', caseId)
      .where('topic', 'like', 'case.deadline.%')
      .orderBy('id')
      .execute();
    expect(topics.map((e) => [e.topic, (e.payload as { team?: string }).team])).toEqual([
      ['case.deadline.warning', 'burgerzaken'],
      ['case.deadline.lapsed', 'burgerzaken'],
    ]);
    const list = await deadlinesNeedingAction(db(), ORG);
    expect(list.find((d) => d.caseId === caseId)).toMatchObject({ status: 'lapsed', legal: true });
    expect((await deadlinesNeedingAction(db(), 'toeslagen')).some((d) => d.caseId === caseId)).toBe(false);
  });

  it('stops the clocks when the case is done and cancels their timers', async () => {
    const plan = await ensurePlan(ORG, 'verhuizing.yaml');
    const caseId = randomUUID();
    await inTransaction(db(), async (trx) => {
      await startCasePlan(trx, { caseId, organisationId: ORG, plan, data: { inwoning: false } });
      await startDeadlines(trx, {
        caseId,
        organisationId: ORG,
        startedOn: today,
        terms: [
          { kind: 'beslistermijn', term: 'P4W', legal: true },
          { kind: 'streeftermijn', term: 'P1W', legal: false },
        ],
        warnDays: 5,
      });
    });
    for (const instanceId of ['controleer-adres#1', 'verwerk-in-brp#1'])
      await inTransaction(db(), (trx) =>
        completeTask(trx, { caseId, organisationId: ORG, instanceId, actor: staff }),
      );
    const deadlines = await deadlinesOf(db(), caseId);
    expect(deadlines.map((d) => [d.kind, d.status])).toEqual([
      ['beslistermijn', 'met'],
      ['streeftermijn', 'met'],
    ]);
    expect((await jobs(caseId)).filter((j) => j.status === 'pending')).toEqual([]);
    expect(DEADLINE_QUEUE).toBe('cases.deadline');
  });
});
