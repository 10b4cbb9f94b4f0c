import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { inTransaction } from '../../platform/db/transaction.ts';
import { describeBackends } from '../../testing/backends.ts';
import { loadDemoPlan, readDemoPlanText } from '../plan/definitions/index.ts';
import type { PlanDefinition } from '../plan/index.ts';
import { applyCaseEvent, historyOf, loadCasePlan, startCasePlan } from './apply.ts';
import { getPlan, planForZaaktype, publishPlan } from './definitions.ts';
import { dryRunCaseMigration, migrateCases } from './migrate.ts';
import { activateOptional, addAdhocTask, completeTask, tasksOf } from './tasks.ts';

const admin = { kind: 'staff' as const, id: 'f.beheer', name: 'Functioneel beheer' };
const staff = { kind: 'staff' as const, id: 'm.jansen', name: 'Marieke Jansen' };
const ORG = 'voorbeeldstad';

describeBackends('case engine: plans per case, persisted', (database) => {
  const db = () => database().db;
  const verhuizing = readDemoPlanText('verhuizing.yaml');

  async function start(plan: PlanDefinition, data: Record<string, unknown>, organisationId = ORG) {
    const caseId = randomUUID();
    await inTransaction(db(), (trx) =>
      startCasePlan(trx, { caseId, organisationId, plan, data, now: new Date('2025-03-03T09:00:00Z') }),
    );
    return caseId;
  }
  const events = async (caseId: string) =>
    (
      await db()
        .selectFrom('outbox_event')
        .select(['topic', 'payload'])
        .where(sql<string>`payload->>'caseId'`, '=', caseId)
        .orderBy('id')
        .execute()
    ).map((e) => ({ topic: e.topic as string, ...(e.payload as Record<string, unknown>) }));

  it('publishes a plan version once, refuses an older or equal version and another zaaktype', async () => {
    const published = await inTransaction(db(), (trx) =>
      publishPlan(trx, { organisationId: ORG, definition: verhuizing, actor: admin }),
    );
    expect(published).toMatchObject({ planId: 'verhuizing', version: 1, zaaktype: 'AANGIFTE-VERHUIZING' });
    await expect(
      inTransaction(db(), (trx) =>
        publishPlan(trx, { organisationId: ORG, definition: verhuizing, actor: admin }),
      ),
    ).rejects.toMatchObject({ status: 409, code: 'version-exists' });
    const other = verhuizing.replace('version: 1', 'version: 2').replace('AANGIFTE-VERHUIZING', 'ANDERS');
    await expect(
      inTransaction(db(), (trx) =>
        publishPlan(trx, { organisationId: ORG, definition: other, actor: admin }),
      ),
    ).rejects.toMatchObject({ status: 409, code: 'other-zaaktype' });
    // Another organisation has its own plans.
    expect(await getPlan(db(), 'toeslagen', 'verhuizing', 1)).toBeNull();
    expect((await planForZaaktype(db(), ORG, 'AANGIFTE-VERHUIZING'))?.version).toBe(1);
  });

  it('refuses an invalid definition with every error listed, and stores nothing', async () => {
    const broken = verhuizing
      .replace('version: 1', 'version: 7')
      .replace('id: controleer-adres', 'id: Controleer_Adres')
      .replace('if: inwoning = true', 'if: inwoning = (true')
      .replace('{ item: huisbezoek, event: complete }', '{ item: bestaat-niet, event: complete }');
    const error = await inTransaction(db(), (trx) =>
      publishPlan(trx, { organisationId: ORG, definition: broken, actor: admin }),
    ).catch((e) => e);
    expect(error.status).toBe(400);
    const names = error.invalidParams.map((p: { name: string }) => p.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'definition.items.1.id',
        'definition.items.2.entry.0.if',
        'definition.items.7.entry.0.on.0.item',
      ]),
    );
    expect(error.invalidParams.every((p: { reason: string }) => p.reason.length > 0)).toBe(true);
    expect(await getPlan(db(), ORG, 'verhuizing', 7)).toBeNull();
    const rows = await db()
      .selectFrom('case_plan_definition')
      .select('version')
      .where('plan_id', '=', 'verhuizing')
      .execute();
    expect(rows.map((r) => r.version)).toEqual([1]);
  });

  it('stores state, history, tasks and outbox events when a plan starts and an event moves it on', async () => {
    const plan = (await getPlan(db(), ORG, 'verhuizing', 1))!;
    const caseId = await start(plan, { inwoning: true, bewijsNodig: false });
    const row = await loadCasePlan(db(), caseId);
    expect(row).toMatchObject({ organisationId: ORG, planId: 'verhuizing', planVersion: 1 });
    const open = await tasksOf(db(), { organisationId: ORG, caseId });
    expect(open.map((t) => [t.instanceId, t.assignee.kind, t.state])).toEqual([
      ['controleer-adres#1', 'team', 'active'],
      ['toestemming-hoofdbewoner#1', 'citizen', 'active'],
    ]);
    expect(open[0].dueDate).toBe('2025-03-05');
    expect(await tasksOf(db(), { organisationId: 'toeslagen', caseId })).toEqual([]);

    await inTransaction(db(), (trx) =>
      completeTask(trx, { caseId, organisationId: ORG, instanceId: 'controleer-adres#1', actor: staff }),
    );
    // With inwoning, the BRP change waits for the main occupant's consent.
    expect((await tasksOf(db(), { organisationId: ORG, caseId })).map((t) => t.itemId)).toEqual([
      'toestemming-hoofdbewoner',
    ]);
    await inTransaction(db(), (trx) =>
      completeTask(trx, {
        caseId,
        organisationId: ORG,
        instanceId: 'toestemming-hoofdbewoner#1',
        actor: { kind: 'citizen', id: '999994219' },
      }),
    );
    expect((await tasksOf(db(), { organisationId: ORG, caseId })).map((t) => t.itemId)).toEqual([
      'verwerk-in-brp',
    ]);

    const history = await historyOf(db(), caseId);
    expect(history.map((h) => h.seq)).toEqual(history.map((_, i) => i + 1));
    expect(history.find((h) => h.instanceId === 'controleer-adres#1' && h.to === 'completed')?.actor).toEqual(
      staff,
    );
    const topics = (await events(caseId)).map((e) => e.topic);
    expect(topics.slice(0, 2)).toEqual(['case.milestone.reached', 'case.task.activated']);
    expect(topics).toContain('case.plan.started');
    expect(topics.filter((x) => x === 'case.task.completed')).toHaveLength(2);
    // No personal data in the events.
    expect(JSON.stringify(await events(caseId))).not.toContain('999994219');
  });

  it('refuses an event that no longer fits and changes nothing', async () => {
    const plan = (await getPlan(db(), ORG, 'verhuizing', 1))!;
    const caseId = await start(plan, { inwoning: false });
    const before = await historyOf(db(), caseId);
    await expect(
      inTransaction(db(), (trx) =>
        completeTask(trx, { caseId, organisationId: ORG, instanceId: 'verwerk-in-brp#1', actor: staff }),
      ),
    ).rejects.toMatchObject({ name: 'PlanEventError' });
    await expect(
      inTransaction(db(), (trx) =>
        completeTask(trx, {
          caseId,
          organisationId: 'toeslagen',
          instanceId: 'controleer-adres#1',
          actor: staff,
        }),
      ),
    ).rejects.toMatchObject({ status: 404 });
    expect(await historyOf(db(), caseId)).toEqual(before);
  });

  it('records ad hoc tasks and activated optional work with who and why', async () => {
    const plan = (await getPlan(db(), ORG, 'verhuizing', 1))!;
    const caseId = await start(plan, { inwoning: false });
    const adhoc = await inTransaction(db(), (trx) =>
      addAdhocTask(trx, {
        caseId,
        organisationId: ORG,
        name: 'Bel de verhuurder',
        assignee: { kind: 'team', team: 'burgerzaken' },
        dueDate: '2025-03-10',
        reason: 'Het huurcontract noemt een ander huisnummer',
        actor: staff,
      }),
    );
    expect(adhoc).toBe('adhoc#1');
    await expect(
      inTransaction(db(), (trx) =>
        addAdhocTask(trx, {
          caseId,
          organisationId: ORG,
          name: 'Zonder reden',
          assignee: { kind: 'team', team: 'x' },
          actor: staff,
        }),
      ),
    ).rejects.toMatchObject({ status: 400 });
    const enabled = (await tasksOf(db(), { organisationId: ORG, caseId })).find((t) => t.state === 'enabled');
    expect(enabled).toBeUndefined(); // the optional item of this plan is a stage, not a task
    const state = (await loadCasePlan(db(), caseId))!.state;
    const stage = state.instances.find((i) => i.itemId === 'adresonderzoek')!;
    expect(stage.state).toBe('enabled');
    await inTransaction(db(), (trx) =>
      activateOptional(trx, {
        caseId,
        organisationId: ORG,
        instanceId: stage.id,
        actor: staff,
        reason: 'Twijfel over het adres',
      }),
    );
    const tasks = await tasksOf(db(), { organisationId: ORG, caseId });
    expect(tasks.find((t) => t.instanceId === 'adhoc#1')).toMatchObject({
      name: 'Bel de verhuurder',
      dueDate: '2025-03-10',
      adhoc: { reason: 'Het huurcontract noemt een ander huisnummer', addedBy: staff },
    });
    expect(tasks.map((t) => t.itemId)).toContain('huisbezoek');
    const history = await historyOf(db(), caseId);
    expect(history.find((h) => h.instanceId === stage.id && h.to === 'active')).toMatchObject({
      actor: staff,
      cause: { kind: 'event', event: 'task-activated', reason: 'Twijfel over het adres' },
    });
  });

  it('activates an optional task with who and why on the task row', async () => {
    const plan = loadDemoPlan('melding-voorgenomen-huwelijk.yaml');
    await inTransaction(db(), (trx) =>
      publishPlan(trx, { organisationId: ORG, definition: plan, actor: admin }),
    );
    const caseId = await start((await getPlan(db(), ORG, plan.id, 1))!, { partners: { aantal: 2 } });
    const ind = (await tasksOf(db(), { organisationId: ORG, caseId })).find(
      (t) => t.itemId === 'vraag-advies-ind',
    )!;
    expect(ind).toMatchObject({
      state: 'enabled',
      dueDate: null,
      assignee: { kind: 'team', name: 'burgerzaken' },
    });
    await inTransaction(db(), (trx) =>
      activateOptional(trx, {
        caseId,
        organisationId: ORG,
        instanceId: ind.instanceId,
        actor: staff,
        reason: 'Signaal van de IND',
      }),
    );
    const after = (await tasksOf(db(), { organisationId: ORG, caseId })).find(
      (t) => t.itemId === 'vraag-advies-ind',
    )!;
    expect(after).toMatchObject({ state: 'active', activated: { reason: 'Signaal van de IND', by: staff } });
  });

  it('marks an item whose condition fails at run time as needing attention, tells the team, and goes on', async () => {
    const v2 = verhuizing
      .replace('version: 1', 'version: 2')
      .replace('if: bewijsNodig = true', 'if: date(adres.verhuisdatum) > today()');
    await inTransaction(db(), (trx) =>
      publishPlan(trx, { organisationId: ORG, definition: v2, actor: admin }),
    );
    const caseId = await start((await getPlan(db(), ORG, 'verhuizing', 2))!, {
      inwoning: false,
      adres: { verhuisdatum: 'volgende week' },
    });
    const row = await db()
      .selectFrom('case_plan')
      .select(['attention', 'status'])
      .where('case_id', '=', caseId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ attention: 1, status: 'active' });
    const flagged = (await loadCasePlan(db(), caseId))!.state.instances.find((i) => i.attention);
    expect(flagged).toMatchObject({ itemId: 'lever-bewijs', attention: { problem: 'condition-failed' } });
    const attention = (await events(caseId)).find((e) => e.topic === 'case.needs_attention');
    expect(attention).toMatchObject({ team: 'burgerzaken', itemId: 'lever-bewijs' });
    // The rest of the case runs on.
    await inTransaction(db(), (trx) =>
      completeTask(trx, { caseId, organisationId: ORG, instanceId: 'controleer-adres#1', actor: staff }),
    );
    expect((await tasksOf(db(), { organisationId: ORG, caseId })).map((t) => t.itemId)).toEqual([
      'verwerk-in-brp',
    ]);
    // Fixed data clears the flag.
    await inTransaction(db(), (trx) =>
      applyCaseEvent(trx, caseId, (s) => ({
        type: 'case-data-changed',
        data: { ...s.data, adres: { verhuisdatum: '2025-03-01' } },
      })),
    );
    expect(
      (
        await db()
          .selectFrom('case_plan')
          .select('attention')
          .where('case_id', '=', caseId)
          .executeTakeFirstOrThrow()
      ).attention,
    ).toBe(0);
    expect((await events(caseId)).map((e) => e.topic)).toContain('case.attention_cleared');
  });

  it('keeps the version a case started with; migrates open cases only on request, after a dry run', async () => {
    const v1 = (await getPlan(db(), ORG, 'verhuizing', 1))!;
    const running = await start(v1, { inwoning: false });
    // v3: the address check is gone, a new task "stuur bevestiging" is added.
    const v3Doc = verhuizing
      .replace('version: 1', 'version: 3')
      .replace(/ {2}- kind: task\n {4}id: controleer-adres[\s\S]*?required: true\n\n/, '')
      .replace(
        '        if: inwoning != true\n      - on:\n          - { item: controleer-adres, event: complete }\n          - { item: toestemming-hoofdbewoner, event: complete }',
        '        if: inwoning != true',
      )
      .replace('{ item: controleer-adres, event: complete }', '{ item: aangifte-ontvangen, event: occur }')
      .concat(
        '\n  - kind: task\n    id: stuur-bevestiging\n    name: Stuur een bevestiging\n    assignee: { kind: team, team: burgerzaken }\n',
      );
    await inTransaction(db(), (trx) =>
      publishPlan(trx, { organisationId: ORG, definition: v3Doc, actor: admin }),
    );
    expect((await planForZaaktype(db(), ORG, 'AANGIFTE-VERHUIZING'))?.version).toBe(3);
    expect((await loadCasePlan(db(), running))?.planVersion).toBe(1);
    // A waiting case on v1 without active work that conflicts: controleer-adres is active → conflict.
    const request = {
      organisationId: ORG,
      planId: 'verhuizing',
      from: 1,
      to: 3,
      caseIds: [running],
      actor: admin,
    };
    const dry = await dryRunCaseMigration(db(), request);
    expect(dry.totals).toMatchObject({ cases: 1, withConflicts: 1, migratable: 0 });
    expect(dry.cases[0].conflicts[0]).toMatchObject({
      itemId: 'controleer-adres',
      problem: 'removed-while-active',
    });
    expect((await loadCasePlan(db(), running))?.planVersion).toBe(1);
    const refused = await inTransaction(db(), (trx) => migrateCases(trx, request));
    expect(refused.totals).toEqual({ cases: 1, migrated: 0, notMigrated: 1 });
    const done = await inTransaction(db(), (trx) =>
      migrateCases(trx, { ...request, conflicts: 'keep-as-adhoc' }),
    );
    expect(done.totals).toEqual({ cases: 1, migrated: 1, notMigrated: 0 });
    expect(done.cases[0].added).toContain('stuur-bevestiging');
    expect((await loadCasePlan(db(), running))?.planVersion).toBe(3);
    const tasks = await tasksOf(db(), { organisationId: ORG, caseId: running });
    expect(tasks.find((t) => t.instanceId === 'controleer-adres#1')?.adhoc?.reason).toMatch(
      /Vervallen in versie 3/,
    );
    expect(tasks.map((t) => t.itemId)).toContain('stuur-bevestiging');
    const history = await historyOf(db(), running);
    expect(history.some((h) => (h.cause as { kind: string }).kind === 'migration')).toBe(true);
    // Events now apply under v3.
    await inTransaction(db(), (trx) =>
      completeTask(trx, {
        caseId: running,
        organisationId: ORG,
        instanceId: 'controleer-adres#1',
        actor: staff,
      }),
    );
  });
});
