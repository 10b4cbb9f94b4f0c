import { afterAll, beforeAll, expect, it } from 'vitest';
import { addTestClient, apiAs } from '../authz/test-support.ts';
import { startCase } from '../cases/engine/cases.ts';
import { caseEngineOf } from '../cases/module.ts';
import { type Person, personSession, startCaseLoket, until } from '../cases/test-support.ts';
import { DEMO_BSN } from '../demo/people.ts';
import { SESSION_COOKIE } from '../platform/auth/sessions.ts';
import { inTransaction } from '../platform/db/transaction.ts';
import { zorgtoeslagInputs } from '../rules/examples.ts';
import { loadRuleRegistry } from '../rules/index.ts';
import { describeBackends, type TestLoket } from '../testing/backends.ts';
import { getZaak } from '../zaken/index.ts';
import { DECISIONS_PREFIX } from './routes.ts';
import { decide, finalize, SYSTEM } from './service.ts';
import { getDecision } from './store.ts';

/**
 * Bezwaar end to end: the person objects to a final decision; a case of the zaaktype BEZWAAR opens with the
 * original decision (inputs with provenance, trace) attached; upholding it makes a new final decision on the
 * bezwaar case that points at the old one, and its besluit (beslissing op bezwaar) goes to the bezwaar zaak.
 */
describeBackends('objection as a case of its own (end to end)', (database) => {
  let loket: TestLoket;
  const ORG = 'toeslagen';
  const p: Record<string, Person> = {};

  beforeAll(async () => {
    loket = await startCaseLoket(database());
    p.sanne = await personSession(database(), 'citizen', DEMO_BSN.sanne, ORG);
    p.lisa = await personSession(database(), 'citizen', DEMO_BSN.lisa, ORG);
    p.jurist = await personSession(database(), 'staff', 'r.el-amrani', ORG, { roles: ['jurist'] });
    p.other = await personSession(database(), 'staff', 'm.jansen', 'voorbeeldstad', { roles: ['jurist'] });
  });
  afterAll(async () => loket?.stop());

  const db = () => database().db;
  async function as(who: Person, method: string, path: string, body?: unknown) {
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
    // biome-ignore lint/suspicious/noExplicitAny: test responses are read field by field
    return { status: res.status, body: (text ? JSON.parse(text) : null) as any };
  }

  it('opens a bezwaar case with the decision attached; upholding it supersedes the decision on that case', async () => {
    const registry = loadRuleRegistry();
    // A final, adverse zorgtoeslag decision on an application case (income too high, says the registry).
    const original = await inTransaction(db(), async (trx) => {
      const started = await startCase(trx, caseEngineOf(database()), {
        organisationId: ORG,
        zaaktype: 'AANVRAAG-ZORGTOESLAG',
        bsn: DEMO_BSN.sanne,
        data: { inkomen: { bekend: true }, verzekering: { actief: true } },
        actor: { kind: 'staff', id: 'r.el-amrani' },
      });
      const d = await decide(trx, registry, {
        ruleId: 'zorgtoeslag',
        referenceDate: '2025-03-01',
        inputs: zorgtoeslagInputs({ peildatum: '2025-03-01', inkomen: 48_000 }),
        organisationId: ORG,
        caseId: started.caseId,
        subjectBsn: DEMO_BSN.sanne,
        actor: SYSTEM,
      });
      return finalize(trx, d.id, ORG, 'r.el-amrani');
    });
    expect(original.outputs?.recht).toBe(false);

    // Only the person it is about may object.
    expect((await as(p.lisa, 'POST', `/${original.id}/bezwaar`, { reason: 'Oneens' })).status).toBe(404);
    const filed = await as(p.sanne, 'POST', `/${original.id}/bezwaar`, {
      reason: 'Mijn inkomen was in 2025 veel lager. De Belastingdienst heeft een oud bedrag gebruikt.',
    });
    expect(filed.status).toBe(201);
    const objectionId = filed.body.id as string;

    // The case engine opens the bezwaar case and the objection records it.
    const opened = await until(async () => {
      const r = await as(p.jurist, 'GET', `/bezwaren/${objectionId}`);
      return r.body?.objection?.caseId ? r.body : undefined;
    });
    const bezwaarCase = opened.objection.caseId as string;
    expect(bezwaarCase).not.toBe(original.caseId);
    expect(opened.decision).toMatchObject({ id: original.id, ruleVersionId: 'zorgtoeslag@2025-01-01' });
    expect(opened.decision.inputs.toetsingsinkomen).toMatchObject({
      value: 48_000,
      factId: 'inkomen-aanvrager',
      source: { kind: 'base-registry' },
    });
    expect(opened.decision.trace.length).toBeGreaterThan(3);
    expect((await as(p.other, 'GET', `/bezwaren/${objectionId}`)).status).toBe(404);

    const zaak = await getZaak(db(), bezwaarCase);
    expect(zaak?.subject_bsn).toBe(DEMO_BSN.sanne);
    const plan = await db()
      .selectFrom('case_plan')
      .select(['plan_id', 'state'])
      .where('case_id', '=', bezwaarCase)
      .executeTakeFirstOrThrow();
    expect(plan.plan_id).toBe('bezwaar');
    expect((plan.state as { data: { bezwaar: Record<string, unknown> } }).data.bezwaar).toMatchObject({
      beslissing: original.id,
      regel: 'zorgtoeslag',
      zaak: original.caseId,
    });
    const tasks = await db()
      .selectFrom('case_task')
      .select(['item_id', 'state'])
      .where('case_id', '=', bezwaarCase)
      .execute();
    expect(tasks).toContainEqual({ item_id: 'beoordeel-ontvankelijkheid', state: 'active' });

    // Upheld: the rule again with the corrected income; a new final decision pointing at the old one.
    const corrected = zorgtoeslagInputs({ peildatum: '2025-03-01', inkomen: 24_000 }).toetsingsinkomen;
    const decided = await as(p.jurist, 'POST', `/bezwaren/${objectionId}/beslissen`, {
      upheld: true,
      motivation: 'Het inkomen van 2025 was lager; de Belastingdienst heeft het bedrag gecorrigeerd.',
      correctedInputs: { toetsingsinkomen: { ...corrected, factVersion: 2 } },
    });
    expect(decided.status).toBe(200);
    expect(decided.body.objection.status).toBe('upheld');
    const renewed = decided.body.decision;
    expect(renewed).toMatchObject({ status: 'final', supersedes: original.id, caseId: bezwaarCase });
    expect(renewed.outputs.recht).toBe(true);
    expect((await getDecision(db(), original.id))?.status).toBe('superseded');

    // Its besluit is the beslissing op bezwaar, on the bezwaar zaak.
    const withBesluit = await until(async () => {
      const d = await getDecision(db(), renewed.id);
      return d?.besluitUrl ? d : undefined;
    });
    const besluit = await db()
      .selectFrom('brc_besluit')
      .selectAll()
      .where('id', '=', withBesluit.besluitUrl!.split('/').pop()!)
      .executeTakeFirstOrThrow();
    expect(besluit.zaak).toBe(`${loket.context.config.baseUrl}/zaken/api/v1/zaken/${bezwaarCase}`);
    const zgw = apiAs(loket.url, await addTestClient(db(), { all: true, organisationId: ORG }));
    const besluittype = await zgw('GET', new URL(besluit.besluittype).pathname);
    expect(besluittype.body.omschrijving).toBe('Beslissing op bezwaar');
  });
});
