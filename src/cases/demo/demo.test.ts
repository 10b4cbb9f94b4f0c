import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_BSN } from '../../demo/people.ts';
import { describeBackends, startTestLoket, type TestLoket } from '../../testing/backends.ts';
import { openTasksOfPerson } from '../engine/citizen.ts';
import { listPlans } from '../engine/definitions.ts';
import { lifeEventProgress, requestsOf } from '../engine/progress.ts';
import { tasksOf } from '../engine/tasks.ts';
import { caseEngineOf } from '../module.ts';

describeBackends('case engine demo (npm start)', (database) => {
  let loket: TestLoket;
  beforeAll(async () => {
    loket = await startTestLoket(database(), { listen: false, config: { demo: true } });
  });
  afterAll(async () => loket?.stop());

  it('has plans at the municipality, the benefits organisation and the collection office', async () => {
    const ids = async (org: string) => (await listPlans(database().db, org)).map((p) => p.planId).sort();
    expect(await ids('voorbeeldstad')).toEqual([
      'bezwaar',
      'kwijtschelding-gemeentelijke-belastingen',
      'melding-voorgenomen-huwelijk',
      'verhuizing',
    ]);
    expect(await ids('toeslagen')).toEqual(['bezwaar', 'zorgtoeslag-aanvraag']);
    expect(await ids('incasso')).toEqual(['betalingsregeling', 'bezwaar']);
  });

  it('has Sanne’s “we gaan trouwen” running at two organisations, and work for the teams and for her', async () => {
    const db = database().db;
    const [request] = await requestsOf(db, DEMO_BSN.sanne);
    expect(request).toMatchObject({ lifeEventId: 'we-gaan-trouwen' });
    const view = await lifeEventProgress(db, request.id, { kind: 'citizen', bsn: DEMO_BSN.sanne });
    expect(view.services.map((s) => [s.organisation.id, s.status])).toEqual([
      ['voorbeeldstad', 'busy'],
      ['toeslagen', 'waiting-for-you'],
    ]);
    const sanne = await openTasksOfPerson(db, caseEngineOf(database()).records, DEMO_BSN.sanne);
    expect(sanne.map((t) => t.name)).toEqual(['Stuur uw inkomensverklaring']);
    const gemeente = await tasksOf(db, { organisationId: 'voorbeeldstad', team: 'burgerzaken' });
    expect(gemeente.map((t) => t.itemId)).toEqual(
      expect.arrayContaining(['controleer-getuigen', 'controleer-adres']),
    );
    const incasso = await tasksOf(db, { organisationId: 'incasso' });
    expect(incasso.map((t) => t.itemId)).toEqual(['bereken-voorstel']);
    expect((await requestsOf(db, DEMO_BSN.lisa)).map((r) => r.lifeEventId)).toEqual(['ik-ga-verhuizen']);
  });
});
