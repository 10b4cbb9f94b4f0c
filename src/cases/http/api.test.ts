import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_BSN } from '../../demo/people.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { publish } from '../../platform/outbox/outbox.ts';
import { describeBackends, type TestLoket } from '../../testing/backends.ts';
import { casesOfSubject, getZaak } from '../../zaken/index.ts';
import { loadCasePlan } from '../engine/apply.ts';
import type { ZaaktypeInfo } from '../engine/case-records.ts';
import { attachPlan } from '../engine/cases.ts';
import {
  casesThatMayHavePlan,
  organisationsWithPlans,
  planMayExistForCase,
  publishPlan,
} from '../engine/definitions.ts';
import { caseEngineOf } from '../module.ts';
import { readDemoPlanText } from '../plan/definitions/index.ts';
import { caseApi, type Person, personSession, startCaseLoket, taskPath, until } from '../test-support.ts';
import { CASES_PREFIX } from './support.ts';

describeBackends('Zaakbehandeling API', (database) => {
  let loket: TestLoket;
  let as: ReturnType<typeof caseApi>;
  const p: Record<string, Person> = {};

  beforeAll(async () => {
    loket = await startCaseLoket(database());
    as = caseApi(loket);
    p.beheer = await personSession(database(), 'staff', 'f.dekker', 'voorbeeldstad', {
      name: 'Fatima Dekker',
      roles: ['functioneel-beheerder'],
    });
    p.jansen = await personSession(database(), 'staff', 'm.jansen', 'voorbeeldstad', {
      name: 'Marieke Jansen',
      roles: ['behandelaar'],
      team: 'burgerzaken',
    });
    p.visser = await personSession(database(), 'staff', 'j.visser', 'toeslagen', { roles: ['behandelaar'] });
    p.lisa = await personSession(database(), 'citizen', DEMO_BSN.lisa, 'voorbeeldstad');
    p.sanne = await personSession(database(), 'citizen', DEMO_BSN.sanne, 'voorbeeldstad');
  });
  afterAll(async () => loket?.stop());

  const startMove = async (data: Record<string, unknown>) => {
    const r = await as(p.jansen, 'POST', '/zaken', {
      zaaktype: 'AANGIFTE-VERHUIZING',
      bsn: DEMO_BSN.lisa,
      data,
    });
    expect(r.status).toBe(201);
    return r.body.caseId as string;
  };

  it('lets only a functional administrator publish a plan; an invalid one comes back with every error', async () => {
    const v2 = readDemoPlanText('verhuizing.yaml').replace('version: 1', 'version: 2');
    expect((await as(p.jansen, 'POST', '/plannen', { definition: v2 })).status).toBe(403);
    const broken = v2
      .replace('kind: milestone', 'kind: mijlpaal')
      .replace('due: { workingDays: 2 }', 'due: { weeks: 2 }');
    const refused = await as(p.beheer, 'POST', '/plannen', { definition: broken });
    expect(refused.status).toBe(400);
    expect(refused.body.invalidParams.length).toBeGreaterThanOrEqual(2);
    expect(refused.body.invalidParams.map((x: { name: string }) => x.name)).toEqual(
      expect.arrayContaining(['definition.items.0.kind', 'definition.items.1.due']),
    );
    const listed = await as(p.jansen, 'GET', '/plannen');
    expect(
      listed.body
        .filter((x: { planId: string }) => x.planId === 'verhuizing')
        .map((x: { version: number }) => x.version),
    ).toEqual([1]);
    const ok = await as(p.beheer, 'POST', '/plannen', { definition: v2 });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ planId: 'verhuizing', version: 2, publishedBy: { id: 'f.dekker' } });
    expect((await as(p.visser, 'GET', '/plannen/verhuizing/versies/2')).status).toBe(404);
  });

  it('starts a case through Zaken with its plan and deadlines; only its own organisation sees it', async () => {
    const caseId = await startMove({ inwoning: false });
    const zaken = await casesOfSubject(database().db, { bsn: DEMO_BSN.lisa });
    expect(zaken.map((z) => z.id)).toContain(caseId);
    const plan = await as(p.jansen, 'GET', `/zaken/${caseId}/plan`);
    expect(plan.status).toBe(200);
    expect(plan.body).toMatchObject({ planId: 'verhuizing', planVersion: 2, status: 'active' });
    expect(plan.body.deadlines.map((d: { kind: string; term: string }) => [d.kind, d.term])).toEqual([
      ['beslistermijn', 'P4W'],
      ['streeftermijn', expect.any(String)],
    ]);
    expect((await as(p.visser, 'GET', `/zaken/${caseId}/plan`)).status).toBe(404);
    expect((await as(p.visser, 'GET', `/zaken/${caseId}/taken`)).status).toBe(404);
    // The zaak's status follows the plan's first milestone ("Verhuizing doorgegeven").
    await until(async () => (await getZaak(database().db, caseId))?.status_id);
    const logged = await database()
      .db.selectFrom('processing_log')
      .select(['actor_id', 'operation'])
      .where('subject_id', '=', DEMO_BSN.lisa)
      .execute();
    expect(logged).toContainEqual({ actor_id: 'm.jansen', operation: 'read' });
    expect(logged).toContainEqual({ actor_id: 'm.jansen', operation: 'write' });
  });

  it('runs the work: team queue, ad hoc task, completing, activating optional work, history', async () => {
    const caseId = await startMove({ inwoning: false });
    const queue = await as(p.jansen, 'GET', '/taken?team=burgerzaken');
    expect(
      queue.body.some(
        (t: { caseId: string; itemId: string }) => t.caseId === caseId && t.itemId === 'controleer-adres',
      ),
    ).toBe(true);
    expect(
      (await as(p.visser, 'GET', '/taken')).body.some((t: { caseId: string }) => t.caseId === caseId),
    ).toBe(false);

    const adhoc = await as(p.jansen, 'POST', `/zaken/${caseId}/taken`, {
      name: 'Vraag het huurcontract op',
      assignee: { kind: 'team', team: 'burgerzaken' },
      dueDate: '2030-01-15',
      reason: 'Adres staat niet in de BAG',
    });
    expect(adhoc.status).toBe(201);
    expect(adhoc.body).toMatchObject({
      instanceId: 'adhoc#1',
      adhoc: { reason: 'Adres staat niet in de BAG', addedBy: { id: 'm.jansen' } },
    });
    expect(
      (
        await as(p.jansen, 'POST', `/zaken/${caseId}/taken`, {
          name: 'x',
          assignee: { kind: 'team', team: 'a' },
        })
      ).status,
    ).toBe(400);

    const done = await as(
      p.jansen,
      'POST',
      `/zaken/${caseId}/taken/${taskPath('controleer-adres#1')}/afronden`,
      {},
    );
    expect(done.status).toBe(200);
    expect(done.body.activated).toEqual(['verwerk-in-brp#1']);
    expect(
      (await as(p.jansen, 'POST', `/zaken/${caseId}/taken/${taskPath('controleer-adres#1')}/afronden`, {}))
        .status,
    ).toBe(409);

    const stage = (await as(p.jansen, 'GET', `/zaken/${caseId}/plan`)).body.state.instances.find(
      (i: { itemId: string }) => i.itemId === 'adresonderzoek',
    );
    expect(
      (await as(p.jansen, 'POST', `/zaken/${caseId}/taken/${taskPath(stage.id)}/activeren`, {})).status,
    ).toBe(400);
    const activated = await as(p.jansen, 'POST', `/zaken/${caseId}/taken/${taskPath(stage.id)}/activeren`, {
      reason: 'Twijfel over het adres',
    });
    expect(activated.body.activated).toEqual(['huisbezoek#1']);

    const history = (await as(p.jansen, 'GET', `/zaken/${caseId}/historie`)).body;
    expect(
      history.find((h: { instanceId: string; to: string }) => h.instanceId === stage.id && h.to === 'active'),
    ).toMatchObject({
      actor: { id: 'm.jansen' },
      cause: { reason: 'Twijfel over het adres' },
    });
  });

  it('moves deadlines on request, tells the citizen, and shows her only her own messages', async () => {
    const caseId = await startMove({ inwoning: false });
    const before = (await as(p.jansen, 'GET', `/zaken/${caseId}/termijnen`)).body[0];
    const extended = await as(p.jansen, 'POST', `/zaken/${caseId}/termijnen/beslistermijn/verlengen`, {
      reason: 'Wij wachten op gegevens van de vorige gemeente.',
      term: 'P2W',
    });
    expect(extended.status).toBe(200);
    expect(extended.body.dueDate > before.dueDate).toBe(true);
    expect(extended.body.changes.at(-1)).toMatchObject({
      change: 'extended',
      reason: 'Wij wachten op gegevens van de vorige gemeente.',
    });
    expect(
      (await as(p.visser, 'POST', `/zaken/${caseId}/termijnen/beslistermijn/opschorten`, { reason: 'x' }))
        .status,
    ).toBe(404);
    const suspended = await as(p.jansen, 'POST', `/zaken/${caseId}/termijnen/beslistermijn/opschorten`, {
      reason: 'Aanvulling gevraagd',
    });
    expect(suspended.body.status).toBe('suspended');
    const messages = (await as(p.lisa, 'GET', '/mijn-berichten')).body;
    expect(messages.find((m: { caseId: string }) => m.caseId === caseId)).toMatchObject({
      kind: 'extension',
      subject: 'Wij hebben meer tijd nodig voor uw zaak',
      reason: 'Wij wachten op gegevens van de vorige gemeente.',
      contact: { organisation: 'Gemeente Voorbeeldstad' },
    });
    expect((await as(p.sanne, 'GET', '/mijn-berichten')).body).toEqual([]);
    expect((await as(p.jansen, 'GET', '/mijn-berichten')).status).toBe(303);
  });

  it('gives the citizen her own tasks only, and completing one moves the case on', async () => {
    const caseId = await startMove({ inwoning: true });
    const mine = (await as(p.lisa, 'GET', '/mijn-taken')).body;
    const task = mine.find((t: { caseId: string }) => t.caseId === caseId);
    expect(task).toMatchObject({
      instanceId: 'toestemming-hoofdbewoner#1',
      task: 'confirm',
      organisation: { id: 'voorbeeldstad', name: 'Gemeente Voorbeeldstad' },
    });
    expect(
      (await as(p.sanne, 'GET', '/mijn-taken')).body.some((t: { caseId: string }) => t.caseId === caseId),
    ).toBe(false);
    const path = `/mijn-taken/${caseId}/${taskPath(task.instanceId)}/afronden`;
    expect((await as(p.sanne, 'POST', path, { confirmed: true })).status).toBe(404);
    expect((await as(p.lisa, 'POST', path, {})).status).toBe(400);
    const done = await as(p.lisa, 'POST', path, { confirmed: true });
    expect(done.body).toMatchObject({ state: 'completed' });
    await as(p.jansen, 'POST', `/zaken/${caseId}/taken/${taskPath('controleer-adres#1')}/afronden`, {});
    const open = (await as(p.jansen, 'GET', `/zaken/${caseId}/taken`)).body.filter(
      (t: { state: string }) => t.state === 'active',
    );
    expect(open.map((t: { itemId: string }) => t.itemId)).toEqual(['verwerk-in-brp']);
  });

  it('feeds events of other modules into the plan through the outbox', async () => {
    const caseId = await startMove({ inwoning: false, bewijsNodig: true });
    expect(
      (await as(p.lisa, 'GET', '/mijn-taken')).body.some(
        (t: { caseId: string; task: string }) => t.caseId === caseId && t.task === 'upload-document',
      ),
    ).toBe(true);
    await inTransaction(database().db, (trx) =>
      publish(trx, {
        organisationId: 'voorbeeldstad',
        topic: 'case.event',
        payload: {
          caseId,
          type: 'document-received',
          documentType: 'bewijs van bewoning',
          documentId: 'doc-1',
        },
      }),
    );
    await until(async () => {
      const tasks = (await as(p.jansen, 'GET', `/zaken/${caseId}/taken`)).body;
      return tasks.find(
        (t: { itemId: string; state: string }) => t.itemId === 'lever-bewijs' && t.state === 'completed',
      );
    });
    // A generic event that does not fit (unknown type) is dropped without stopping delivery of others.
    await inTransaction(database().db, (trx) =>
      publish(trx, {
        organisationId: 'voorbeeldstad',
        topic: 'case.event',
        payload: { caseId, type: 'onbekend' },
      }),
    );
    await inTransaction(database().db, (trx) =>
      publish(trx, {
        organisationId: 'voorbeeldstad',
        topic: 'case.event',
        payload: {
          caseId,
          type: 'case-data-merged',
          data: { inwoning: false, adres: { nieuw: 'Stationsplein 4' } },
        },
      }),
    );
    await until(async () => {
      const state = (await as(p.jansen, 'GET', `/zaken/${caseId}/plan`)).body.state;
      return state.data.adres?.nieuw === 'Stationsplein 4' && state.data.bewijsNodig === true;
    });
  });

  it('gives a zaak made through the Zaken API the plan and deadlines of its zaaktype, and takes decisions in', async () => {
    const { records } = caseEngineOf(database());
    // Today: a start date long past would let the term lapse before the decision arrives.
    const today = new Date().toISOString().slice(0, 10);
    const record = await inTransaction(database().db, async (trx) => {
      const zaaktype = await records.zaaktype(trx, 'voorbeeldstad', 'AANGIFTE-VERHUIZING', today);
      return records.create(trx, {
        organisationId: 'voorbeeldstad',
        zaaktype: zaaktype!,
        bsn: DEMO_BSN.lisa,
        startdatum: today,
        actor: { kind: 'api-client', id: 'zaaksysteem' },
      });
    });
    const plan = await until(async () => {
      const r = await as(p.jansen, 'GET', `/zaken/${record.id}/plan`);
      return r.status === 200 && r.body;
    });
    expect(plan).toMatchObject({ planId: 'verhuizing', status: 'active' });
    expect(plan.deadlines[0]).toMatchObject({ kind: 'beslistermijn', startedOn: today });
    await inTransaction(database().db, (trx) =>
      publish(trx, {
        organisationId: 'voorbeeldstad',
        topic: 'decision.drafted',
        payload: { decisionId: 'b-1', caseId: record.id, ruleId: 'verhuizing', status: 'draft' },
      }),
    );
    await until(
      async () => (await as(p.jansen, 'GET', `/zaken/${record.id}/plan`)).body.state.facts.decision.drafted,
    );
    const terms = (await as(p.jansen, 'GET', `/zaken/${record.id}/termijnen`)).body;
    expect(terms.find((d: { kind: string }) => d.kind === 'beslistermijn').status).toBe('met');
  });

  it('skips a zaak whose zaaktype has no plan in one statement, and sees a plan published a moment later', async () => {
    const { records } = caseEngineOf(database());
    const db = database().db;
    const today = new Date().toISOString().slice(0, 10);
    // A published zaaktype without a plan: a copy of one under an identificatie no plan names.
    const organisationId = 'voorbeeldstad';
    const identificatie = 'ZONDER-PLAN-TOT-NU';
    const id = randomUUID();
    await sql`
      insert into catalog_zaaktype (id, organisation_id, catalogus_id, dienst_id, identificatie, omschrijving,
        concept, begin_geldigheid, einde_geldigheid, versiedatum, trefwoorden, data)
      select ${id}, organisation_id, catalogus_id, dienst_id, ${identificatie}, 'Zonder plan', false,
        begin_geldigheid, null, versiedatum, trefwoorden, data
      from catalog_zaaktype where organisation_id = ${organisationId} and not concept limit 1`.execute(db);
    const model = await records.zaaktype(db, organisationId, 'AANGIFTE-VERHUIZING', today);
    const zaaktype = {
      url: model!.url.replace(model!.id, id),
      id,
      identificatie,
      omschrijving: 'Zonder plan',
      beslistermijn: null,
      streeftermijn: null,
      roltypen: [],
    };
    const make = (of: ZaaktypeInfo = zaaktype) =>
      inTransaction(db, (trx) =>
        records.create(trx, {
          organisationId,
          zaaktype: of,
          bsn: DEMO_BSN.lisa,
          startdatum: today,
          actor: { kind: 'api-client', id: 'zaaksysteem' },
        }),
      );
    const first = await make();
    const moving = await make(model!);
    const missing = '00000000-0000-4000-8000-000000000000';
    expect(await planMayExistForCase(db, first.id)).toBe(false);
    // What the fan-out asks once per batch of new zaken: which of them may have a plan.
    expect([...(await casesThatMayHavePlan(db, [first.id, moving.id, missing]))]).toEqual([moving.id]);
    expect(await inTransaction(db, (trx) => attachPlan(trx, caseEngineOf(database()), first.id))).toBe(false);
    expect(await loadCasePlan(db, first.id)).toBeNull();
    // Published (as by another process) right now: no memo stands in the way.
    const definition = readDemoPlanText('verhuizing.yaml')
      .replace('id: verhuizing', 'id: zonder-plan-tot-nu')
      .replace('zaaktype: AANGIFTE-VERHUIZING', `zaaktype: ${identificatie}`);
    await inTransaction(db, (trx) =>
      publishPlan(trx, { organisationId, definition, actor: { kind: 'staff', id: 'f.dekker' } }),
    );
    expect(await planMayExistForCase(db, first.id)).toBe(true);
    const second = await make();
    const plan = await until(async () => (await loadCasePlan(db, second.id)) ?? false);
    expect(plan).toMatchObject({ planId: 'zonder-plan-tot-nu', organisationId });
    expect(await planMayExistForCase(db, missing)).toBe(false);
    expect(await casesThatMayHavePlan(db, [first.id, second.id, moving.id, missing])).toEqual(
      new Set([first.id, second.id, moving.id]),
    );
    expect(await casesThatMayHavePlan(db, [])).toEqual(new Set());
    // What the fan-out asks first: which organisations of the batch's new zaken have any plan.
    expect(await organisationsWithPlans(db, [organisationId, 'zonder-plannen'])).toEqual(
      new Set([organisationId]),
    );
  });

  it('dry-runs and migrates open cases to a new plan version, on request of a functional administrator', async () => {
    const caseId = await startMove({ inwoning: false });
    const v3 = readDemoPlanText('verhuizing.yaml')
      .replace('version: 1', 'version: 3')
      .concat(
        '\n  - kind: task\n    id: stuur-welkomstbrief\n    name: Stuur een welkomstbrief\n    assignee: { kind: team, team: burgerzaken }\n',
      );
    expect((await as(p.beheer, 'POST', '/plannen', { definition: v3 })).status).toBe(201);
    const body = { from: 2, to: 3, caseIds: [caseId] };
    expect((await as(p.jansen, 'POST', '/plannen/verhuizing/migratie/proef', body)).status).toBe(403);
    const dry = await as(p.beheer, 'POST', '/plannen/verhuizing/migratie/proef', body);
    expect(dry.status).toBe(200);
    expect(dry.body.totals).toMatchObject({ cases: 1, migratable: 1, withConflicts: 0 });
    expect(dry.body.cases[0]).toMatchObject({ caseId, added: ['stuur-welkomstbrief'], tasksCreated: 1 });
    expect((await as(p.jansen, 'GET', `/zaken/${caseId}/plan`)).body.planVersion).toBe(2);
    const run = await as(p.beheer, 'POST', '/plannen/verhuizing/migratie', body);
    expect(run.body.totals).toEqual({ cases: 1, migrated: 1, notMigrated: 0 });
    expect((await as(p.jansen, 'GET', `/zaken/${caseId}/plan`)).body.planVersion).toBe(3);
    const open = (await as(p.jansen, 'GET', `/zaken/${caseId}/taken`)).body.map(
      (t: { itemId: string }) => t.itemId,
    );
    expect(open).toContain('stuur-welkomstbrief');
  });

  it('documents plans, tasks, ad hoc tasks, deadlines, citizen tasks and life events in its OpenAPI document', async () => {
    const res = await fetch(`${loket.url}${CASES_PREFIX}/schema/openapi.json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { info: { title: string }; paths: Record<string, unknown> };
    expect(doc.info.title).toBe('Loket Zaakbehandeling API');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/plannen',
        '/plannen/{planId}/migratie/proef',
        '/plannen/{planId}/migratie',
        '/zaken',
        '/zaken/{zaakId}/plan',
        '/zaken/{zaakId}/historie',
        '/taken',
        '/zaken/{zaakId}/taken',
        '/zaken/{zaakId}/taken/{taakId}/activeren',
        '/zaken/{zaakId}/taken/{taakId}/afronden',
        '/zaken/{zaakId}/termijnen/{soort}/opschorten',
        '/zaken/{zaakId}/termijnen/{soort}/verlengen',
        '/termijnen',
        '/mijn-taken',
        '/mijn-taken/{zaakId}/{taakId}/afronden',
        '/levensgebeurtenissen',
        '/levensgebeurtenissen/{id}/aanvragen',
        '/levensgebeurtenissen/aanvragen/{aanvraagId}',
      ]),
    );
  });
});
