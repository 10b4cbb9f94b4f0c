import type { Cookie } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { freePort } from '../../../bench/lib.ts';
import { getDecision } from '../../decisions/index.ts';
import { correctFact, getCorrection } from '../../facts/propagation.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { signalTexts as st } from '../../signals/texts.nl.ts';
import { describeBackends, startTestLoket, type TestLoket } from '../../testing/backends.ts';
import {
  browserUnavailable,
  closeBrowser,
  crawl,
  launchBrowser,
  loginAs,
  newPage,
} from '../../testing/browser.ts';
import { CookieClient } from '../../testing/browserless.ts';
import { learningTexts as t } from './texts.nl.ts';
import { correctionTexts as ct } from './texts-corrections.nl.ts';

const skipReason = browserUnavailable();
const OURS = /^\/werkplek\/(signalen|inzicht|correcties)(\/|$)/;
if (skipReason) it.skip(skipReason, () => {});

describeBackends('Signals in the workbench: raise, route, handle, follow (browser)', (database) => {
  let loket: TestLoket;
  let base: string;
  const cookies: Record<string, Cookie[]> = {};
  let signalPath = '';

  beforeAll(async () => {
    const port = await freePort();
    loket = await startTestLoket(database(), {
      config: { demo: true, port, baseUrl: `http://127.0.0.1:${port}` },
    });
    base = loket.url;
    // The demo's correction story: Dienst Toeslagen withdraws the wrong fraud marker; propagation runs.
    const db = database().db;
    const fact = await db
      .selectFrom('fact')
      .select(['id', 'version'])
      .where('attribute', '=', 'terugvordering kinderopvangtoeslag per maand')
      .where('status', '=', 'current')
      .executeTakeFirstOrThrow();
    const correction = await inTransaction(db, (trx) =>
      correctFact(trx, {
        factId: fact.id,
        version: fact.version,
        organisationId: 'toeslagen',
        value: 0,
        withdraw: true,
        reason: 'De markering was onterecht. De terugvordering vervalt.',
      }),
    );
    for (let i = 0; i < 100 && (await getCorrection(db, correction.id))?.status !== 'done'; i++) {
      await loket.jobs.runDue();
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(await getCorrection(db, correction.id)).toMatchObject({ status: 'done', changed: 2 });
    await launchBrowser();
  });
  afterAll(async () => {
    await closeBrowser();
    await loket?.stop();
  });

  it('a professional raises a signal without JavaScript; it goes to the service’s owning team', async () => {
    const page = await newPage({ javaScriptEnabled: false });
    try {
      await loginAs(page, base, 'Marieke Jansen', '/werkplek/signalen');
      cookies.marieke = await page.context().cookies();
      await page.getByRole('link', { name: t.signals.raise }).click();
      // Sent empty first: every problem is named, the page says so in its title.
      await page.getByRole('button', { name: t.raise.submit }).click();
      expect(await page.title()).toMatch(/^Fout: /);
      expect(await page.getByRole('alert').textContent()).toContain(st.errors.process);
      await page.getByLabel(st.process.recover).check();
      await page.getByLabel(st.failure.data).check();
      await page
        .getByLabel(t.raise.owner)
        .selectOption({ label: `${t.raise.ownerDiensten}: Zorgtoeslag aanvragen (Dienst Toeslagen (demo))` });
      await page.getByLabel(t.raise.summary).fill('Aanmaning na ingetrokken markering');
      await page
        .getByLabel(t.raise.description)
        .fill(
          'Mevrouw kreeg weer een aanmaning, terwijl de markering al was ingetrokken. Zij is erg ongerust.',
        );
      await page.getByRole('button', { name: t.raise.submit }).click();
      await page.waitForURL(/\/werkplek\/signalen\/[0-9a-f-]{36}\?verstuurd=ja$/);
      signalPath = new URL(page.url()).pathname;
      expect(await page.getByRole('status').textContent()).toContain(t.raise.sent);
      const body = await page.locator('main').textContent();
      expect(body).toContain(st.status.received);
      expect(body).toContain('team zorgtoeslag, Dienst Toeslagen (demo)');
      expect(body).toContain(t.detail.notOwner);
    } finally {
      await page.close();
    }
  }, 120_000);

  it('the owner (another staff member) sees it, answers and links an improvement item; the raiser sees the status', async () => {
    const owner = await newPage();
    try {
      await loginAs(owner, base, 'Jeroen Visser', '/werkplek/signalen');
      cookies.jeroen = await owner.context().cookies();
      const forUs = owner.getByRole('table', { name: t.signals.forUs });
      await forUs.getByRole('link', { name: 'Aanmaning na ingetrokken markering' }).click();
      await owner.waitForURL(`${base}${signalPath}`);
      await owner.getByLabel(t.detail.newStatus).selectOption({ label: st.status.investigating });
      await owner
        .getByLabel(t.detail.response)
        .fill('Ik kijk of de intrekking bij de invordering is aangekomen.');
      await owner.getByRole('button', { name: t.detail.save }).click();
      await owner.waitForURL(/opgeslagen=ja$/);
      // The cause is already known: the correction opened an improvement item at the source. Link that one.
      await owner
        .getByLabel(t.detail.existing)
        .selectOption({ label: 'terugvordering kinderopvangtoeslag per maand (Dienst Toeslagen)' });
      await owner.getByRole('button', { name: t.detail.linkSubmit }).click();
      await owner.waitForURL(/opgeslagen=ja$/);
      expect(await owner.locator('main').textContent()).toContain(st.status.fixing);
    } finally {
      await owner.close();
    }
    const raiser = await newPage({ javaScriptEnabled: false, cookies: cookies.marieke });
    try {
      await raiser.goto(`${base}/werkplek/signalen`);
      const mine = raiser.getByRole('table', { name: t.signals.mine });
      expect(await mine.textContent()).toContain(st.status.fixing);
      await mine.getByRole('link', { name: 'Aanmaning na ingetrokken markering' }).click();
      const main = await raiser.locator('main').textContent();
      expect(main).toContain(st.statusMeaning.fixing);
      expect(main).toContain('terugvordering kinderopvangtoeslag per maand: Een onjuist gegeven');
      expect(main).toContain('Ik kijk of de intrekking bij de invordering is aangekomen.');
      expect(main).toContain('Jeroen Visser');
    } finally {
      await raiser.close();
    }
  }, 120_000);

  it('shows another organisation nothing of the signal', async () => {
    const client = new CookieClient(base);
    const { url: idp } = await client.follow('/inloggen?als=medewerker&terug=/werkplek/signalen');
    const { res } = await client.submit(idp, { account: 'staff:s.mulder' });
    const list = await res.text();
    expect(res.status).toBe(200);
    expect(list).toContain(t.signals.forUsEmpty);
    expect(list).not.toContain('Aanmaning na ingetrokken markering');
    const direct = await client.request(signalPath);
    expect(direct.status).toBe(404);
    expect(await direct.text()).not.toContain('Aanmaning');
  });

  let reviewPath = '';
  it('the correction review shows old and new outcome side by side; the professional accepts or keeps with motivation', async () => {
    const page = await newPage({ javaScriptEnabled: false, cookies: cookies.marieke });
    try {
      await page.goto(`${base}/werkplek/correcties`);
      const open = page.getByRole('table', { name: ct.open });
      expect(await open.getByRole('row').count()).toBe(3); // header + the two changed remission decisions
      await open.getByRole('link').first().click();
      reviewPath = new URL(page.url()).pathname;
      const outcomes = page.getByRole('table', { name: ct.outcomes });
      const headers = await outcomes.getByRole('columnheader').allTextContents();
      expect(headers).toEqual([ct.outcomeColumns.part, ct.outcomeColumns.old, ct.outcomeColumns.new]);
      expect(await outcomes.locator('mark').count()).toBeGreaterThan(0);
      // The corrected input is highlighted, with its old and new value.
      const corrected = page
        .getByRole('table', { name: ct.inputs })
        .locator('tr', { has: page.locator('mark') });
      expect(await corrected.count()).toBe(1);
      expect(await corrected.textContent()).toMatch(/aflossingTerugvorderingToeslagenPerMaand\s*400\s*0/);
      // Keeping the old outcome needs a motivation.
      await page.getByLabel(ct.keep).check();
      await page.getByRole('button', { name: ct.submit }).click();
      expect(await page.title()).toMatch(/^Fout: /);
      expect(await page.getByRole('alert').textContent()).toContain('waarom u de oude uitkomst houdt');
      await page.getByLabel(ct.accept).check();
      await page
        .getByLabel(ct.motivation)
        .fill('Het gecorrigeerde gegeven klopt; de nieuwe uitkomst is juist.');
      await page.getByRole('button', { name: ct.submit }).click();
      await page.waitForURL(/opgeslagen=ja$/);
      expect(await page.locator('main').textContent()).toContain(ct.resolved.accepted);
    } finally {
      await page.close();
    }
    const task = await database()
      .db.selectFrom('review_task')
      .selectAll()
      .where('id', '=', reviewPath.split('/').at(-1)!)
      .executeTakeFirstOrThrow();
    expect(task).toMatchObject({ status: 'done', resolution: 'accepted', resolved_by: 'm.jansen' });
    const old = await getDecision(database().db, task.decision_id);
    const replacement = await getDecision(database().db, task.new_decision_id!);
    expect(old?.status).toBe('superseded');
    expect(replacement).toMatchObject({ status: 'final', supersedes: old?.id, decidedBy: 'm.jansen' });
    expect(replacement?.outputs).toEqual(task.new_outputs);
    // Another organisation cannot open it.
    const other = await newPage({ cookies: cookies.jeroen });
    try {
      const res = await other.goto(`${base}${reviewPath}`);
      expect(res?.status()).toBe(404);
    } finally {
      await other.close();
    }
  }, 120_000);

  for (const javaScriptEnabled of [true, false]) {
    it(`every page passes axe (WCAG 2.1 A/AA) and shows the way to a person (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
      for (const who of ['marieke', 'jeroen']) {
        const start = [
          '/werkplek/signalen',
          '/werkplek/signalen/nieuw',
          signalPath,
          '/werkplek/correcties',
          '/werkplek/inzicht',
        ];
        const report = await crawl(base, who === 'marieke' ? [...start, reviewPath] : start, {
          javaScriptEnabled,
          cookies: cookies[who],
          // This module's pages; the rest of the workbench (reached through the menu) is crawled by
          // src/web/workbench/browser.test.ts.
          skip: (url) => !OURS.test(url.pathname) || /uitlog/.test(url.pathname),
        });
        expect(report.problems.join('\n')).toBe('');
        const paths = report.pages.map((p) => new URL(p.url).pathname);
        expect(paths).toEqual(
          expect.arrayContaining([
            '/werkplek/signalen',
            '/werkplek/signalen/hulp',
            signalPath,
            '/werkplek/correcties',
          ]),
        );
      }
    }, 240_000);
  }
});
