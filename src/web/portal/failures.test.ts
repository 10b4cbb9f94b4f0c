import { afterAll, beforeAll, expect, it } from 'vitest';
import { type RunningBrpTestService, startBrpTestService } from '../../demo/brp-service.ts';
import { DEMO_BSN } from '../../demo/people.ts';
import { describeBackends, type TestLoket } from '../../testing/backends.ts';
import { csrfOf, loginCitizen, startPortalLoket } from './test-support.ts';

/** Honest failures: the BRP (another organisation's system, faked behind its real interface) is down. */
describeBackends('citizen portal when a source is down', (database) => {
  let loket: TestLoket;
  let brp: RunningBrpTestService;
  beforeAll(async () => {
    brp = await startBrpTestService({ apiKeys: ['sleutel'] });
    loket = await startPortalLoket(database(), {
      brp: { baseUrl: brp.baseUrl, apiKey: 'sleutel', local: false },
    });
  }, 90_000);
  afterAll(async () => {
    await loket?.stop();
    await brp?.close();
  });

  it('says what happened, keeps the answers, opens a staff task and sends the request once the BRP is back', async () => {
    const noor = await loginCitizen(loket.url, DEMO_BSN.noor);
    brp.control.outage = true;
    const path = '/regelen/we-gaan-trouwen';
    const formPage = await (await noor.request(path)).text();
    expect(formPage).toContain(
      'Wij kunnen uw gegevens nu niet ophalen uit de Basisregistratie Personen (BRP)',
    );
    const csrf = await csrfOf(noor, path);
    const res = await noor.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        _csrf: csrf,
        partnerBsn: DEMO_BSN.samir,
        gewensteDatum: '2027-05-01',
        geborenBuitenland: 'ja',
        inkomenBekend: 'nee',
      }).toString(),
    });
    expect(res.status).toBe(503);
    const page = await res.text();
    expect(page).toContain('Uw aanvraag is bewaard, maar nog niet verstuurd');
    expect(page).toContain('Er is niets verloren gegaan');
    expect(page).toContain('14 0123');
    expect(page).toContain('Ik wil iemand spreken');
    const db = database().db;
    const kept = await db
      .selectFrom('portal_submission')
      .selectAll()
      .where('bsn', '=', DEMO_BSN.noor)
      .execute();
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatchObject({ status: 'pending', target: 'we-gaan-trouwen' });
    expect(kept[0].answers).toMatchObject({ partnerBsn: DEMO_BSN.samir, geborenBuitenland: true });
    const task = await db
      .selectFrom('portal_staff_task')
      .selectAll()
      .where('submission_id', '=', kept[0].id)
      .execute();
    expect(task).toMatchObject([{ organisation_id: 'voorbeeldstad', status: 'open' }]);

    // The BRP is back: the retry job (made due now) sends the request and closes the staff task.
    brp.control.outage = false;
    await db
      .updateTable('job')
      .set({ run_at: new Date() })
      .where('queue', '=', 'portal.submission-retry')
      .execute();
    await expect
      .poll(
        async () =>
          (
            await db
              .selectFrom('portal_submission')
              .select('status')
              .where('id', '=', kept[0].id)
              .executeTakeFirst()
          )?.status,
        { timeout: 30_000, interval: 200 },
      )
      .toBe('submitted');
    const after = await db
      .selectFrom('portal_staff_task')
      .select('status')
      .where('submission_id', '=', kept[0].id)
      .execute();
    expect(after).toEqual([{ status: 'done' }]);
    const home = await (await noor.request('/')).text();
    expect(home).toContain('Melding voorgenomen huwelijk');
  });
});
