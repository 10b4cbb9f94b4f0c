import { afterAll, beforeAll, expect, it } from 'vitest';
import { getTask } from '../../cases/engine/tasks.ts';
import { DEMO_BSN } from '../../demo/people.ts';
import { documentsOfObject } from '../../documenten/index.ts';
import { describeBackends, type TestLoket } from '../../testing/backends.ts';
import type { CookieClient } from '../../testing/browserless.ts';
import { getZaak, zaakUrl } from '../../zaken/index.ts';
import { csrfOf, loginCitizen, startPortalLoket } from './test-support.ts';
import { portalTexts as tx } from './texts.nl.ts';

/**
 * A zaaktype set up without document types cannot take the citizen's upload. That is the organisation's
 * fault: the page says so before anything is sent, the task stays open, and Loket raises one signal for
 * the owner of the service so the cause gets fixed.
 */

describeBackends('portal: a case that cannot take documents', (database) => {
  let loket: TestLoket;
  let sanne: CookieClient;
  let caseId: string;
  let taskId: string;
  let taskPath: string;

  beforeAll(async () => {
    loket = await startPortalLoket(database());
    sanne = await loginCitizen(loket.url, DEMO_BSN.sanne);
    const home = await (await sanne.request('/')).text();
    const m = /href="(\/zaken\/([0-9a-f-]{36})\/taken\/([^"]+))"[^>]*>[^<]*inkomensverklaring/i.exec(home);
    if (!m) throw new Error('no upload task for Sanne on the home page');
    taskPath = m[1].replace(/&amp;/g, '&');
    caseId = m[2];
    taskId = decodeURIComponent(m[3].replace(/&amp;/g, '&'));
    // The set-up fault: the case's zaaktype loses its document types.
    const zaak = await getZaak(database().db, caseId);
    if (!zaak) throw new Error('the case has no zaak');
    const zaaktypeId = zaak.zaaktype.split('/').pop() as string;
    await database().db.deleteFrom('catalog_ziot').where('zaaktype_id', '=', zaaktypeId).execute();
  }, 90_000);
  afterAll(async () => loket?.stop());

  const signals = () =>
    database()
      .db.selectFrom('signal')
      .select(['raised_by', 'process', 'failure', 'owner_team', 'status'])
      .where('case_id', '=', caseId)
      .execute();

  it('says so on the task page instead of asking for a file, and tells the owner once', async () => {
    for (let visit = 0; visit < 2; visit++) {
      const res = await sanne.request(taskPath);
      expect(res.status).toBe(200);
      const page = await res.text();
      expect(page).toContain(tx.tasks.uploadBlockedTitle);
      expect(page).toContain('Er is niets verloren');
      expect(page).not.toContain('type="file"');
    }
    const raised = await signals();
    expect(raised).toHaveLength(1);
    expect(raised[0]).toMatchObject({
      raised_by: 'loket',
      process: 'operate',
      failure: 'execution',
      status: 'received',
    });
  });

  it('refuses a posted file with the same explanation, stores nothing and keeps the task open', async () => {
    const body = new FormData();
    body.append('_csrf', await csrfOf(sanne, '/'));
    body.append('document', new Blob(['%PDF-1.4 loonstrook'], { type: 'application/pdf' }), 'loonstrook.pdf');
    const res = await sanne.request(`${taskPath}/document`, { method: 'POST', body });
    expect(res.status).toBe(503);
    expect(await res.text()).toContain(tx.tasks.uploadBlockedTitle);
    expect(await documentsOfObject(database().db, zaakUrl(loket.url, caseId))).toEqual([]);
    expect((await getTask(database().db, caseId, taskId))?.state).toBe('active');
    expect(await signals()).toHaveLength(1);
  });
});
