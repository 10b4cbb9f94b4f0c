import { afterAll, beforeAll, expect, it } from 'vitest';
import { startCase as startCaseWithPlan } from '../cases/engine/cases.ts';
import { caseEngineOf } from '../cases/module.ts';
import { startCaseLoket, until } from '../cases/test-support.ts';
import { DEMO_BSN } from '../demo/people.ts';
import { inTransaction } from '../platform/db/transaction.ts';
import { zorgtoeslagInputs } from '../rules/examples.ts';
import { loadRuleRegistry, type RuleRegistry } from '../rules/index.ts';
import { describeBackends, type TestLoket } from '../testing/backends.ts';
import { approve, decide, deviate, finalize, SYSTEM } from './service.ts';
import { getDecision } from './store.ts';

/**
 * A decision on a case, end to end: what waits for a person becomes a team task on the case (closed when the
 * person acts), and a final decision becomes a besluit in the Besluiten API, linked to the zaak.
 */
describeBackends('decisions on a case: team tasks and the besluit', (database) => {
  let loket: TestLoket;
  let registry: RuleRegistry;
  const ORG = 'toeslagen';

  beforeAll(async () => {
    loket = await startCaseLoket(database());
    registry = loadRuleRegistry();
  });
  afterAll(async () => loket?.stop());

  const db = () => database().db;

  const startCase = () =>
    inTransaction(db(), async (trx) => {
      const started = await startCaseWithPlan(trx, caseEngineOf(database()), {
        organisationId: ORG,
        zaaktype: 'AANVRAAG-ZORGTOESLAG',
        bsn: DEMO_BSN.sanne,
        data: { inkomen: { bekend: true }, verzekering: { actief: true } },
        actor: { kind: 'staff', id: 'a.de-boer' },
      });
      return started.caseId;
    });

  const draft = (caseId: string, inkomen: number, referenceDate = '2025-03-01') =>
    inTransaction(db(), (trx) =>
      decide(trx, registry, {
        ruleId: 'zorgtoeslag',
        referenceDate,
        inputs: zorgtoeslagInputs({ peildatum: referenceDate, inkomen }),
        organisationId: ORG,
        caseId,
        subjectBsn: DEMO_BSN.sanne,
        actor: SYSTEM,
      }),
    );

  const decisionTask = (caseId: string, kind: 'review' | 'approve') =>
    db()
      .selectFrom('case_decision_task as l')
      .innerJoin('case_task as t', (j) =>
        j.onRef('t.case_id', '=', 'l.case_id').onRef('t.instance_id', '=', 'l.instance_id'),
      )
      .select(['l.decision_id', 't.name', 't.description', 't.state', 't.assignee', 't.closed_by', 't.adhoc'])
      .where('l.case_id', '=', caseId)
      .where('l.kind', '=', kind)
      .executeTakeFirst();

  it('makes an adverse draft a review task; a deviation an approval task for a second person; final closes both and records the besluit', async () => {
    const caseId = await startCase();
    const d = await draft(caseId, 90_000);
    expect(d.adverse).toBe(true);

    const review = await until(() => decisionTask(caseId, 'review'));
    expect(review).toMatchObject({ decision_id: d.id, state: 'active', assignee: 'toeslagen' });
    expect(review.description).toContain('nadelig');
    await expect(inTransaction(db(), (trx) => finalize(trx, d.id, ORG, SYSTEM))).rejects.toMatchObject({
      code: 'needs-human',
    });

    await inTransaction(db(), (trx) =>
      deviate(trx, d.id, ORG, 'a.de-boer', {
        reason: 'hardheidsclausule',
        motivation: 'Het inkomen daalt dit jaar sterk door ziekte; de regel houdt daar geen rekening mee.',
        outputs: { recht: true },
      }),
    );
    const approval = await until(async () => {
      const task = await decisionTask(caseId, 'approve');
      return task?.state === 'active' ? task : undefined;
    });
    expect(approval.description).toContain('a.de-boer');
    expect(await decisionTask(caseId, 'review')).toMatchObject({
      state: 'completed',
      closed_by: { kind: 'staff', id: 'a.de-boer' },
    });

    await inTransaction(db(), (trx) => approve(trx, d.id, ORG, 'b.smit'));
    await until(async () => (await decisionTask(caseId, 'approve'))?.state === 'completed');
    expect((await decisionTask(caseId, 'approve'))?.closed_by).toEqual({ kind: 'staff', id: 'b.smit' });

    const final = await until(async () => {
      const x = await getDecision(db(), d.id);
      return x?.besluitUrl ? x : undefined;
    });
    const besluitId = final.besluitUrl?.split('/').pop() as string;
    const besluit = await db()
      .selectFrom('brc_besluit')
      .selectAll()
      .where('id', '=', besluitId)
      .executeTakeFirstOrThrow();
    expect(besluit.zaak).toBe(`${loket.context.config.baseUrl}/zaken/api/v1/zaken/${caseId}`);
    expect(besluit.besluittype).toContain('/catalogi/api/v1/besluittypen/');
    expect(besluit.uiterlijke_reactiedatum).toBe(final.objectionUntil);
    expect(besluit.verantwoordelijke_organisatie).toBe('002564452');
    const link = await db()
      .selectFrom('zrc_zaak_child')
      .select('ref')
      .where('zaak_id', '=', caseId)
      .where('kind', '=', 'zaakbesluit')
      .execute();
    expect(link.map((l) => l.ref)).toEqual([final.besluitUrl]);
  });

  it('makes a rule that cannot be applied a review task with the reason; a favourable outcome needs no task', async () => {
    const caseId = await startCase();
    const failed = await draft(caseId, 20_000, '2010-01-01');
    expect(failed.status).toBe('needs_human');
    const review = await until(() => decisionTask(caseId, 'review'));
    expect(review.decision_id).toBe(failed.id);
    expect(review.description).toContain('De regel kon niet worden toegepast');
    expect(review.description).toContain(failed.needsHumanReason?.split('Reden: ')[1] ?? '?');

    const ok = await draft(caseId, 20_000);
    expect(ok.adverse).toBe(false);
    await inTransaction(db(), (trx) => finalize(trx, ok.id, ORG, SYSTEM));
    const final = await until(async () => {
      const x = await getDecision(db(), ok.id);
      return x?.besluitUrl ? x : undefined;
    });
    expect(final.besluitUrl).toContain('/besluiten/api/v1/besluiten/');
    const tasks = await db()
      .selectFrom('case_decision_task')
      .select('decision_id')
      .where('case_id', '=', caseId)
      .execute();
    expect(tasks.map((t) => t.decision_id)).toEqual([failed.id]);
  });

  it('records no besluit for a decision without a case, and nothing twice when the event comes again', async () => {
    const lone = await inTransaction(db(), (trx) =>
      decide(trx, registry, {
        ruleId: 'zorgtoeslag',
        referenceDate: '2025-03-01',
        inputs: zorgtoeslagInputs({ peildatum: '2025-03-01', inkomen: 20_000 }),
        organisationId: ORG,
        subjectBsn: DEMO_BSN.sanne,
        actor: SYSTEM,
      }),
    );
    await inTransaction(db(), (trx) => finalize(trx, lone.id, ORG, SYSTEM));
    const delivered = (decisionId: string, n = 1) =>
      until(async () => {
        const rows = await db()
          .selectFrom('outbox_delivery as d')
          .innerJoin('outbox_event as e', 'e.id', 'd.event_id')
          .select(['d.status', 'e.payload'])
          .where('d.consumer', '=', 'decisions.besluit')
          .where('d.status', '=', 'delivered')
          .execute();
        const count = rows.filter(
          (r) => (r.payload as { decisionId?: string }).decisionId === decisionId,
        ).length;
        return count >= n ? count : undefined;
      });
    expect(await delivered(lone.id)).toBe(1);
    expect((await getDecision(db(), lone.id))?.besluitUrl).toBeNull();

    // The same event delivered again (a retry after a crash) makes no second besluit.
    const caseId = await startCase();
    const ok = await draft(caseId, 20_000);
    await inTransaction(db(), (trx) => finalize(trx, ok.id, ORG, SYSTEM));
    await delivered(ok.id);
    const event = await db()
      .selectFrom('outbox_event')
      .select(['id', 'organisation_id', 'topic', 'payload'])
      .where('topic', '=', 'decision.final')
      .orderBy('id', 'desc')
      .limit(20)
      .execute();
    const again = event.find((e) => (e.payload as { decisionId?: string }).decisionId === ok.id);
    await inTransaction(db(), (trx) =>
      trx
        .insertInto('outbox_event')
        .values({
          organisation_id: again!.organisation_id,
          topic: again!.topic,
          payload: JSON.stringify(again!.payload),
        })
        .execute(),
    );
    expect(await delivered(ok.id, 2)).toBe(2);
    const besluiten = await db()
      .selectFrom('brc_besluit')
      .select('id')
      .where('zaak', '=', `${loket.context.config.baseUrl}/zaken/api/v1/zaken/${caseId}`)
      .execute();
    expect(besluiten).toHaveLength(1);
  });
});
