import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_BSN } from '../../demo/people.ts';
import { describeBackends, type TestLoket } from '../../testing/backends.ts';
import { addDays, localDate } from '../engine/dates.ts';
import { deadlinesOf } from '../engine/deadline-views.ts';
import { caseApi, type Person, personSession, startCaseLoket, until } from '../test-support.ts';
import { CASES_PREFIX } from './support.ts';

/** Deadline diagnosis per zaaktype, and the published schemas of plans and rules. */
describeBackends('deadline diagnosis and published schemas', (database) => {
  let loket: TestLoket;
  let as: ReturnType<typeof caseApi>;
  let jansen: Person;
  let visser: Person;

  beforeAll(async () => {
    loket = await startCaseLoket(database());
    as = caseApi(loket);
    jansen = await personSession(database(), 'staff', 'm.jansen', 'voorbeeldstad', {
      roles: ['behandelaar'],
    });
    visser = await personSession(database(), 'staff', 'j.visser', 'toeslagen', { roles: ['behandelaar'] });
  });
  afterAll(async () => loket?.stop());

  const startMove = async (startdatum: string) => {
    const r = await as(jansen, 'POST', '/zaken', {
      zaaktype: 'AANGIFTE-VERHUIZING',
      bsn: DEMO_BSN.lisa,
      data: { inwoning: false },
      startdatum,
    });
    expect(r.status).toBe(201);
    return r.body.caseId as string;
  };

  it('lists lapsed and nearly lapsed terms per zaaktype, for the own organisation only', async () => {
    const today = localDate(new Date());
    // Started 60 days ago with a term of four weeks: the lapse timer is due and the job worker fires it.
    const late = await startMove(addDays(today, -60));
    const fresh = await startMove(today);
    await until(async () => (await deadlinesOf(database().db, late))[0]?.status === 'lapsed');

    const now = await as(jansen, 'GET', '/termijnen/diagnose?zaaktype=AANGIFTE-VERHUIZING');
    expect(now.status, JSON.stringify(now.body)).toBe(200);
    expect(now.body.today).toBe(today);
    const group = now.body.groups.find((g: { kind: string }) => g.kind === 'beslistermijn');
    expect(group).toMatchObject({
      zaaktype: 'AANGIFTE-VERHUIZING',
      plan: 'Verhuizing',
      legal: true,
    });
    expect(group.lapsed).toBeGreaterThanOrEqual(1);
    expect(group.running).toBeGreaterThanOrEqual(1);
    const lapsed = now.body.terms.find(
      (t: { caseId: string; kind: string }) => t.caseId === late && t.kind === 'beslistermijn',
    );
    expect(lapsed).toMatchObject({ status: 'lapsed', kind: 'beslistermijn' });
    expect(lapsed.daysLeft).toBeLessThan(0);
    // The fresh case's beslistermijn (four weeks) is far off. (Its streeftermijn of five days is listed on
    // the days when its last day is a working day: then the warning window of five days starts today.)
    expect(
      now.body.terms.some(
        (t: { caseId: string; kind: string }) => t.caseId === fresh && t.kind === 'beslistermijn',
      ),
    ).toBe(false);

    // Seen from the day before the fresh case's last day, it is nearly lapsed.
    const due =
      (await deadlinesOf(database().db, fresh)).find((d) => d.kind === 'beslistermijn')?.dueDate ?? '';
    const ahead = await as(jansen, 'GET', `/termijnen/diagnose?peildatum=${addDays(due, -1)}`);
    expect(
      ahead.body.terms.find(
        (t: { caseId: string; kind: string }) => t.caseId === fresh && t.kind === 'beslistermijn',
      ),
    ).toMatchObject({
      status: 'running',
      daysLeft: 1,
    });
    const aheadGroup = ahead.body.groups.find(
      (g: { zaaktype: string; kind: string }) =>
        g.zaaktype === 'AANGIFTE-VERHUIZING' && g.kind === 'beslistermijn',
    );
    expect(aheadGroup.nearlyLapsed).toBeGreaterThanOrEqual(1);

    const other = await as(visser, 'GET', '/termijnen/diagnose');
    expect(other.body.terms.some((t: { caseId: string }) => t.caseId === late || t.caseId === fresh)).toBe(
      false,
    );
    expect(other.body.groups.some((g: { zaaktype: string }) => g.zaaktype === 'AANGIFTE-VERHUIZING')).toBe(
      false,
    );
    // Without a session: sent to log in, no data.
    const anonymous = await fetch(`${loket.url}${CASES_PREFIX}/termijnen/diagnose`, { redirect: 'manual' });
    expect([303, 401]).toContain(anonymous.status);
    expect((await as(jansen, 'GET', '/termijnen/diagnose?peildatum=morgen')).status).toBe(400);
  });

  it('publishes the JSON Schemas of plan and rule definitions, and documents the diagnosis', async () => {
    const plan = await fetch(`${loket.url}${CASES_PREFIX}/plannen/schema`);
    expect(plan.status).toBe(200);
    const planSchema = (await plan.json()) as { $schema: string; properties: Record<string, unknown> };
    expect(planSchema.$schema).toContain('2020-12');
    expect(Object.keys(planSchema.properties)).toEqual(expect.arrayContaining(['id', 'version', 'items']));

    const rule = await fetch(`${loket.url}/loket/api/v1/beslissingen/regels/schema`);
    expect(rule.status).toBe(200);
    const ruleSchema = (await rule.json()) as { properties: Record<string, unknown> };
    expect(Object.keys(ruleSchema.properties)).toEqual(expect.arrayContaining(['inputs', 'outputs']));
    const rules = (await (await fetch(`${loket.url}/loket/api/v1/beslissingen/regels`)).json()) as {
      ruleId: string;
      versions: { validFrom: string }[];
    }[];
    expect(rules.find((r) => r.ruleId === 'zorgtoeslag')?.versions.map((v) => v.validFrom)).toEqual(
      expect.arrayContaining(['2024-01-01', '2025-01-01']),
    );

    const doc = (await (await fetch(`${loket.url}${CASES_PREFIX}/schema/openapi.json`)).json()) as {
      paths: Record<string, { get?: { responses?: Record<string, unknown> } }>;
    };
    expect(doc.paths['/termijnen/diagnose']?.get?.responses?.['200']).toBeDefined();
    expect(doc.paths['/plannen/schema']).toBeDefined();
  });
});
