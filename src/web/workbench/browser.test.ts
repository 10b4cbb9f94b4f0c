import type { Cookie, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { contactTexts } from '../../contact/index.ts';
import { aboutChoices, fileRequest } from '../../contact/requests.ts';
import { getDecision } from '../../decisions/index.ts';
import { decisionTexts } from '../../decisions/texts.nl.ts';
import { DEMO_BSN, demoPersonByBsn } from '../../demo/people.ts';
import { describeBackends, type TestLoket } from '../../testing/backends.ts';
import {
  browserUnavailable,
  closeBrowser,
  crawl,
  launchBrowser,
  loginAs,
  newPage,
} from '../../testing/browser.ts';
import { startPortalLoket } from '../portal/test-support.ts';
import { portalTexts } from '../portal/texts.nl.ts';
import { texts, WORKBENCH_PATHS } from '../shared/index.ts';
import {
  HIGH_INCOME,
  movingCase,
  REMISSION_RULE as RULE,
  remissionCase,
  staffSession,
  web,
} from './test-support.ts';
import { workbenchTexts } from './texts.nl.ts';

/**
 * The professional's journeys in a real browser (Debian's chromium), logged in through the demo identity
 * provider: from the work queue to a case, an ad hoc task added and completed, the case's overdue call-back
 * request seen and a contact recorded (refused first without its channel); a decision drafted from a
 * rule, deviated from with a motivation, approved by a second professional and read by the citizen in the
 * portal. The signal, call-back and correction journeys are in src/web/learning and src/web/contact.
 * Then every workbench page (queues, case pages, decision pages, acting for a citizen, signals, the
 * learning view, corrections, call-backs) is crawled with axe (WCAG 2.1 A and AA), with JavaScript on and
 * off, and must show the menu to every other part of the workbench.
 */

const skipReason = browserUnavailable();
if (skipReason) it.skip(skipReason, () => {});

const t = workbenchTexts.casePage;
async function fillInputs(page: Page, values: Record<string, string>): Promise<void> {
  for (const [name, value] of Object.entries(values)) {
    const radio = page.locator(`input[type="radio"][name="${name}"][value="${value}"]`);
    if ((await radio.count()) > 0) await radio.check();
    else await page.locator(`[name="${name}"]`).fill(value);
  }
}

/** Every part of the workbench must be one click away, from every workbench page. */
async function menuProblems(page: Page): Promise<string[]> {
  const menu = page.getByRole('navigation', { name: texts.page.navigationLabel });
  if ((await menu.count()) !== 1) return ['no workbench menu'];
  const hrefs = await menu.locator('a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  const missing = Object.values(WORKBENCH_PATHS).filter((p) => !hrefs.includes(p));
  return missing.length ? [`the menu lacks ${missing.join(', ')}`] : [];
}

const WORKBENCH_ONLY = (url: URL) => !url.pathname.startsWith('/werkplek') || /uitlog/.test(url.pathname);

describeBackends('workbench in the browser', (database) => {
  let loket: TestLoket;
  let base: string;
  const cookies: Record<string, Cookie[]> = {};
  const cases: Record<string, string> = {};

  beforeAll(async () => {
    if (skipReason) return;
    loket = await startPortalLoket(database());
    base = loket.url;
    await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await closeBrowser();
    await loket?.stop();
  });

  it.skipIf(skipReason)(
    'work queue → case → an ad hoc task added (refused first without a reason) → completed',
    async () => {
      const caseId = await movingCase(database(), DEMO_BSN.lisa);
      cases.moving = caseId;
      // A call-back request about this case, filed three weeks ago: overdue.
      const about = (await aboutChoices(database().db, DEMO_BSN.lisa)).find((c) => c.caseId === caseId)!;
      const callBack = await fileRequest(database().db, {
        bsn: DEMO_BSN.lisa,
        name: 'Lisa de Boer',
        kind: 'terugbellen',
        question: 'Moet ik het huurcontract nog opsturen?',
        about: about.value,
        phone: '0612345678',
        preferredTime: 'ochtend',
        preferredNote: null,
        now: new Date(Date.now() - 21 * 86_400_000),
      });
      const page = await newPage();
      try {
        await loginAs(page, base, 'Marieke Jansen', '/werkplek');
        cookies.marieke = await page.context().cookies();
        const queue = page.getByRole('table');
        expect(await queue.getByRole('caption').textContent()).toContain(workbenchTexts.queue.lists.team);
        await queue.locator(`a[href^="/werkplek/zaken/${caseId}#"]`).first().click();
        await page.waitForURL(`**/werkplek/zaken/${caseId}#*`);
        expect(await page.getByRole('heading', { level: 1 }).textContent()).toMatch(/^Zaak /);

        const adhoc = page.locator('section', { has: page.getByRole('heading', { name: t.adhoc }) });
        await adhoc.getByLabel(t.adhocName).fill('Bel de verhuurder');
        await adhoc.getByRole('button', { name: t.adhocAdd }).click();
        expect(await page.title()).toMatch(/^Fout: /);
        expect(await page.getByRole('alert').first().textContent()).toContain(t.required(t.adhocReason));
        await adhoc.getByLabel(t.adhocReason).fill('Het huurcontract lijkt niet te kloppen');
        await adhoc.getByRole('button', { name: t.adhocAdd }).click();
        await page.waitForURL(/bericht=toegevoegd/);
        expect(await page.getByRole('status').textContent()).toContain(t.done.toegevoegd);

        const task = page.locator('li.loket-plan__item', { hasText: 'Bel de verhuurder' });
        expect(await task.textContent()).toContain(
          t.adhocBy('Marieke Jansen', 'Het huurcontract lijkt niet te kloppen'),
        );
        await task.getByLabel(t.completeNote).fill('Verhuurder gebeld, het contract klopt.');
        await task.getByRole('button', { name: new RegExp(`^${t.complete}\\W+Bel de verhuurder$`) }).click();
        await page.waitForURL(/bericht=voltooid/);
        expect(await page.getByRole('status').textContent()).toContain(t.done.voltooid);
        expect(
          await page.locator('li.loket-plan__item', { hasText: 'Bel de verhuurder' }).textContent(),
        ).toContain(t.itemStates.completed);
        const history = page.getByRole('table', { name: t.history });
        expect(await history.textContent()).toContain(t.actions['task-completed']);
        expect(await history.textContent()).toContain('Verhuurder gebeld, het contract klopt.');

        // The citizen's overdue call-back request shows in the contact section, with where to handle it.
        const contact = page.locator('section', {
          has: page.getByRole('heading', { name: t.contact, level: 2 }),
        });
        expect(await contact.getByRole('table', { name: t.openRequests }).textContent()).toContain(
          t.requestOverdue,
        );
        expect(
          await contact.getByRole('link', { name: new RegExp(`^${t.handleRequest}`) }).getAttribute('href'),
        ).toBe(`${WORKBENCH_PATHS.callBacks}/${callBack.id}`);
        // Record a contact: refused without the channel, what was typed stays; then recorded.
        await contact
          .getByLabel(t.contactSummary)
          .fill('Gebeld: de inwoner stuurt het huurcontract deze week.');
        await contact.getByRole('button', { name: t.recordContact }).click();
        expect(await page.title()).toMatch(/^Fout: /);
        expect(await page.getByRole('alert').first().textContent()).toContain(t.contactChannelNeeded);
        expect(await contact.getByLabel(t.contactSummary).inputValue()).toContain('huurcontract deze week');
        await contact.getByLabel(contactTexts.channels.telefoon, { exact: true }).check();
        await contact.getByRole('button', { name: t.recordContact }).click();
        await page.waitForURL(/bericht=contact/);
        expect(await page.getByRole('status').textContent()).toContain(t.done.contact);
        expect(await page.getByRole('table', { name: t.contactMoments }).textContent()).toContain(
          'Gebeld: de inwoner stuurt het huurcontract deze week.',
        );
      } finally {
        await page.close();
      }
    },
    120_000,
  );

  it.skipIf(skipReason)(
    'a decision drafted from the rule, deviated from with a motivation, approved by a second professional; the citizen reads it',
    async () => {
      const caseId = await remissionCase(database(), DEMO_BSN.pieter);
      cases.remission = caseId;
      const marieke = await newPage({ cookies: cookies.marieke });
      let decisionId = '';
      try {
        if (!cookies.marieke) await loginAs(marieke, base, 'Marieke Jansen', `/werkplek/zaken/${caseId}`);
        else await marieke.goto(`${base}/werkplek/zaken/${caseId}`);
        await marieke.getByLabel(t.rule).selectOption(RULE);
        await marieke.getByRole('button', { name: t.next }).click();
        await marieke.waitForURL(`**/werkplek/zaken/${caseId}/beslissing?regel=${RULE}`);
        await fillInputs(marieke, HIGH_INCOME);
        await marieke.getByRole('button', { name: workbenchTexts.decisionPage.submit }).click();
        await marieke.waitForURL(/bericht=beslissing/);
        decisionId = /beslissing-([0-9a-f-]{36})/.exec(marieke.url())?.[1] ?? '';
        expect(decisionId).not.toBe('');
        const block = marieke.locator(`#beslissing-${decisionId}`);
        expect(await block.textContent()).toContain(t.decisionStatuses.draft);

        // Maatwerk: the professional deviates from the rule's outcome, with a reason and a motivation.
        await block.getByText(t.deviate).click();
        await block.getByLabel(decisionTexts.deviationReasons.hardheidsclausule).check();
        await block
          .getByLabel(t.deviateMotivation)
          .fill('De woonlasten stijgen volgende maand fors door een huurverhoging.');
        await block.getByLabel(t.deviateOutputs('uitkomst')).fill('volledig');
        await block.getByRole('button', { name: t.deviateSubmit }).click();
        await marieke.waitForURL(/bericht=afwijking/);
        expect(await marieke.getByRole('status').textContent()).toContain(t.done.afwijking);
        const waiting = marieke.locator(`#beslissing-${decisionId}`);
        expect(await waiting.textContent()).toContain(t.decisionStatuses.awaiting_approval);
        expect(await waiting.textContent()).toContain(t.fourEyes);
        expect(await waiting.getByRole('button', { name: t.approve }).count()).toBe(0);
      } finally {
        await marieke.close();
      }
      expect((await getDecision(database().db, decisionId))?.status).toBe('awaiting_approval');

      // A second professional (the team's second reader) approves it.
      const ahmed = await newPage();
      try {
        await loginAs(ahmed, base, 'Ahmed Bakker', `/werkplek/zaken/${caseId}`);
        cookies.ahmed = await ahmed.context().cookies();
        const block = ahmed.locator(`#beslissing-${decisionId}`);
        expect(await block.textContent()).toContain('De woonlasten stijgen volgende maand fors');
        await block.getByRole('button', { name: t.approve }).click();
        await ahmed.waitForURL(/bericht=goedgekeurd/);
        expect(await ahmed.getByRole('status').textContent()).toContain(t.done.goedgekeurd);
        expect(await ahmed.locator(`#beslissing-${decisionId}`).textContent()).toContain(
          t.approvedBy('Ahmed Bakker'),
        );
      } finally {
        await ahmed.close();
      }
      const decided = await getDecision(database().db, decisionId);
      expect(decided).toMatchObject({ status: 'final', approvedBy: 'a.bakker' });
      expect(decided?.outputs).toMatchObject({ uitkomst: 'volledig' });

      // The citizen logs in to the portal and reads the decision with the case.
      const citizen = await newPage();
      try {
        const pieter = demoPersonByBsn(DEMO_BSN.pieter)!.displayName;
        await loginAs(citizen, base, pieter, `/zaken/${caseId}`);
        await citizen.getByRole('link', { name: portalTexts.casePage.readDecision }).click();
        await citizen.waitForURL(`**/zaken/${caseId}/besluiten/${decisionId}`);
        const main = await citizen.locator('main').textContent();
        expect(main).toContain(decided!.explanationCitizen.split('\n')[0]);
      } finally {
        await citizen.close();
      }
    },
    180_000,
  );

  for (const javaScriptEnabled of [true, false]) {
    it.skipIf(skipReason)(
      `every workbench page passes axe (WCAG 2.1 A+AA) and has the whole menu (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`,
      async () => {
        if (!cookies.marieke || !cookies.ahmed) {
          for (const [who, name] of [
            ['marieke', 'Marieke Jansen'],
            ['ahmed', 'Ahmed Bakker'],
          ] as const) {
            const page = await newPage();
            await loginAs(page, base, name, '/werkplek');
            cookies[who] = await page.context().cookies();
            await page.close();
          }
        }
        // A deviation waiting for a second professional: the approve and return forms are on its page.
        if (!cases.pending) {
          const get = web(loket);
          const marieke = await staffSession(database(), 'm.jansen');
          cases.pending = await remissionCase(database(), DEMO_BSN.esther);
          const drafted = await get(marieke, `/werkplek/zaken/${cases.pending}/beslissing`, {
            regel: RULE,
            ...HIGH_INCOME,
          });
          const id = /beslissing-([0-9a-f-]{36})/.exec(drafted.location ?? '')?.[1];
          const deviated = await get(
            marieke,
            `/werkplek/zaken/${cases.pending}/beslissingen/${id}/afwijken`,
            {
              reden: 'evenredigheid',
              motivering: 'De gevolgen zijn te zwaar voor dit gezin.',
              'uitkomst-uitkomst': 'gedeeltelijk',
            },
          );
          expect(deviated.status).toBe(303);
        }
        const start = [
          WORKBENCH_PATHS.queue,
          `${WORKBENCH_PATHS.queue}?lijst=mijn`,
          `${WORKBENCH_PATHS.queue}?lijst=vrij`,
          `${WORKBENCH_PATHS.queue}?filter=ja&van=morgen`,
          ...Object.values(cases).map((id) => `/werkplek/zaken/${id}`),
          ...[cases.remission, cases.pending]
            .filter(Boolean)
            .map((id) => `/werkplek/zaken/${id}/beslissing?regel=${RULE}`),
          WORKBENCH_PATHS.behalf,
          WORKBENCH_PATHS.callBacks,
          WORKBENCH_PATHS.signals,
          `${WORKBENCH_PATHS.signals}/nieuw`,
          WORKBENCH_PATHS.insight,
          WORKBENCH_PATHS.corrections,
          '/werkplek/hulp',
        ];
        for (const who of ['marieke', 'ahmed']) {
          const report = await crawl(base, who === 'marieke' ? start : [`/werkplek/zaken/${cases.pending}`], {
            javaScriptEnabled,
            cookies: cookies[who],
            maxPages: 60,
            skip: who === 'marieke' ? WORKBENCH_ONLY : () => true,
            check: menuProblems,
          });
          expect(report.problems.join('\n')).toBe('');
          const paths = report.pages.map((p) => new URL(p.url).pathname);
          if (who === 'marieke')
            expect(paths).toEqual(
              expect.arrayContaining([
                WORKBENCH_PATHS.queue,
                `/werkplek/zaken/${cases.remission}/beslissing`,
                ...Object.values(WORKBENCH_PATHS),
                '/werkplek/signalen/hulp',
              ]),
            );
        }
      },
      600_000,
    );
  }
});
