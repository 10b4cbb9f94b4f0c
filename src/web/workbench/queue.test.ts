import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Person, startCaseLoket } from '../../cases/test-support.ts';
import { DEMO_BSN } from '../../demo/people.ts';
import { describeBackends, type TestLoket } from '../../testing/backends.ts';
import { staffSession, startTestCase, textOf, web } from './test-support.ts';

describeBackends('workbench work queue over HTTP', (database) => {
  let loket: TestLoket;
  let get: ReturnType<typeof web>;
  let marieke: Person;
  let ahmed: Person;
  let jeroenToeslagen: Person;
  const cases: string[] = [];

  beforeAll(async () => {
    loket = await startCaseLoket(database());
    get = web(loket);
    marieke = await staffSession(database(), 'm.jansen');
    ahmed = await staffSession(database(), 'a.bakker');
    jeroenToeslagen = await staffSession(database(), 'j.visser');
    for (const bsn of [DEMO_BSN.lisa, DEMO_BSN.sanne, DEMO_BSN.pieter])
      cases.push(
        await startTestCase(database(), {
          organisationId: 'voorbeeldstad',
          zaaktype: 'AANGIFTE-VERHUIZING',
          bsn,
          data: { inwoning: false, bewijsNodig: false },
        }),
      );
  });
  afterAll(async () => loket?.stop());

  it('shows the team its open tasks with counts, and nobody else’s organisation', async () => {
    const page = await get(marieke, '/werkplek');
    expect(page.status).toBe(200);
    const text = textOf(page.text);
    expect(text).toContain('Taken van mijn team (3)');
    expect(text).toContain('Mijn taken (0)');
    expect(text).toContain('Nog niet opgepakt (3)');
    expect(page.text.match(/Controleer/gi)?.length).toBeGreaterThanOrEqual(3);
    for (const id of cases) expect(page.text).toContain(`/werkplek/zaken/${id}`);
    const other = await get(jeroenToeslagen, '/werkplek');
    expect(other.status).toBe(200);
    for (const id of cases) expect(other.text).not.toContain(id);
  });

  it('lets a professional claim a task: it moves to "my tasks" and is recorded with who', async () => {
    const claimed = await get(marieke, '/werkplek/taken/behandelaar', {
      zaak: cases[0]!,
      taak: 'controleer-adres#1',
      naar: 'mij',
      terug: '/werkplek?lijst=team',
    });
    expect(claimed.status).toBe(303);
    expect(claimed.location).toBe('/werkplek?lijst=team&bericht=opgepakt');
    const mine = textOf((await get(marieke, '/werkplek?lijst=mijn')).text);
    expect(mine).toContain('Mijn taken (1)');
    expect(mine).toContain('Nog niet opgepakt (2)');
    expect(mine).toContain('Marieke Jansen');
    const actions = await database()
      .db.selectFrom('workbench_action' as never)
      .selectAll()
      .execute();
    expect(actions).toEqual([
      expect.objectContaining({ actor_id: 'm.jansen', action: 'task-assigned', case_id: cases[0] }),
    ]);
    // Ahmed (same team) sees who has it; filtering on handler finds only that task.
    const byHandler = textOf(
      (await get(ahmed, '/werkplek?lijst=team&filter=ja&alleenOpen=ja&behandelaar=m.jansen')).text,
    );
    expect(byHandler).toContain('Taken van mijn team: 1 taak');
  });

  it('assigns to a colleague who used the workbench, and refuses an unknown one', async () => {
    await get(ahmed, '/werkplek');
    const ok = await get(marieke, '/werkplek/taken/behandelaar', {
      zaak: cases[1]!,
      taak: 'controleer-adres#1',
      naar: 'a.bakker',
      reden: 'Ahmed kent deze straat',
    });
    expect(ok.status).toBe(303);
    expect(textOf((await get(ahmed, '/werkplek?lijst=mijn')).text)).toContain('Mijn taken (1)');
    const unknown = await get(marieke, '/werkplek/taken/behandelaar', {
      zaak: cases[2]!,
      taak: 'controleer-adres#1',
      naar: 'iemand.anders',
    });
    expect(unknown.status).toBe(400);
    // Another organisation cannot take a task of this one.
    const foreign = await get(jeroenToeslagen, '/werkplek/taken/behandelaar', {
      zaak: cases[2]!,
      taak: 'controleer-adres#1',
      naar: 'mij',
    });
    expect(foreign.status).toBe(404);
  });

  it('filters by case type (several at once), deadline range and sorts by deadline', async () => {
    const none = textOf(
      (await get(marieke, '/werkplek?filter=ja&alleenOpen=ja&soort=melding-voorgenomen-huwelijk')).text,
    );
    expect(none).toContain('Taken van mijn team: 0 taken');
    const both = textOf(
      (
        await get(
          marieke,
          '/werkplek?filter=ja&alleenOpen=ja&soort=melding-voorgenomen-huwelijk&soort=verhuizing',
        )
      ).text,
    );
    expect(both).toContain('Taken van mijn team: 3 taken');
    const past = textOf((await get(marieke, '/werkplek?filter=ja&alleenOpen=ja&tot=2000-01-01')).text);
    expect(past).toContain('Taken van mijn team: 0 taken');
    // The same filters with other values (the statement is compiled once per shape of the filter).
    const future = textOf((await get(marieke, '/werkplek?filter=ja&alleenOpen=ja&tot=2999-12-31')).text);
    expect(future).toContain('Taken van mijn team: 3 taken');
    const bad = await get(marieke, '/werkplek?filter=ja&van=morgen');
    expect(bad.status).toBe(200);
    expect(bad.text).toContain('<title>Fout: ');
    const desc = await get(marieke, '/werkplek?volgorde=aflopend');
    expect(desc.status).toBe(200);
  });

  it('claims from the queue page through its one form: each button names its task', async () => {
    const page = await get(marieke, '/werkplek?lijst=vrij');
    expect(page.text.match(/<form[^>]*id="oppakken"/g)).toHaveLength(1);
    const buttons = [...page.text.matchAll(/<button[^>]*>/g)]
      .filter((m) => m[0].includes('form="oppakken"'))
      .map((m) => /value="([^"]+)"/.exec(m[0])?.[1]);
    expect(buttons).toContain(`${cases[2]} controleer-adres#1`);
    const claimed = await get(marieke, '/werkplek/taken/behandelaar', {
      taak: `${cases[2]} controleer-adres#1`,
      naar: 'mij',
      terug: '/werkplek?lijst=vrij',
    });
    expect(claimed.status).toBe(303);
    expect(textOf((await get(marieke, '/werkplek?lijst=mijn')).text)).toContain('Mijn taken (2)');
    for (const taak of ['controleer-adres#1', `${cases[2]}`, 'geen-zaak controleer-adres#1'])
      expect((await get(marieke, '/werkplek/taken/behandelaar', { taak, naar: 'mij' })).status).toBe(400);
  });

  it('sends someone without a staff session to the staff login', async () => {
    const res = await fetch(`${loket.url}/werkplek`, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toContain('als=medewerker');
  });
});
