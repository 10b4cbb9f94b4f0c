import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { freePort } from '../../../bench/lib.ts';
import { describeBackends, startTestLoket, type TestLoket } from '../../testing/backends.ts';
import {
  browserUnavailable,
  checkAccessibility,
  closeBrowser,
  crawl,
  launchBrowser,
  newPage,
} from '../../testing/browser.ts';
import { registerDesignReference } from '../shared/index.ts';
import { texts } from '../shared/texts.nl.ts';
import { contactPageTexts as t } from './texts.nl.ts';

const skipReason = browserUnavailable();
if (skipReason) {
  console.warn(skipReason);
  it.skip(skipReason, () => {});
}

const QUEUE = '/werkplek/terugbelverzoeken';
/** The contact module's own pages; the rest of the site is crawled by the modules that own it. */
const OURS = (url: URL) =>
  url.pathname === '/contact' ||
  url.pathname.startsWith('/contact/') ||
  url.pathname.startsWith(QUEUE) ||
  url.pathname === '/demo/e-mail';

/** Clicks the visible "Ik wil iemand spreken" link in the page header. */
async function askForAPerson(page: Page): Promise<void> {
  await page.locator('header').getByRole('link', { name: texts.page.humanLink }).click();
  await page.waitForURL('**/contact?terug=**');
}

async function expectNoViolations(page: Page): Promise<void> {
  expect((await checkAccessibility(page)).report).toBe('');
}

async function fileRequest(
  page: Page,
  fields: { kind: string; aboutText?: string; question: string },
): Promise<void> {
  const f = t.contact.fields;
  await page.getByLabel(fields.kind).check();
  if (fields.aboutText) {
    const option = page.locator('#veld-onderwerp option', { hasText: fields.aboutText }).first();
    await page.locator('#veld-onderwerp').selectOption((await option.getAttribute('value')) ?? '');
  }
  await page.getByLabel(f.question).fill(fields.question);
  await page.getByLabel(f.phone).fill('06 12345678');
  await page.getByRole('button', { name: t.contact.submit }).click();
  await page.waitForURL('**/contact/verzoek/**');
}

describeBackends('“Ik wil iemand spreken” in a real browser', (database) => {
  let loket: TestLoket;
  beforeAll(async () => {
    if (skipReason) return;
    const port = await freePort();
    loket = await startTestLoket(database(), {
      config: { demo: true, port, baseUrl: `http://127.0.0.1:${port}` },
      // The design reference is one of the three pages the journey starts from.
      prepare: ({ app }) => registerDesignReference(app),
    });
    await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await closeBrowser();
    await loket?.stop();
  });

  it.skipIf(skipReason)(
    'from three pages to a filed request, handled by staff, seen by the citizen; 0 axe violations',
    async () => {
      const c = t.contact.fields.kindOptions;
      const citizen = await newPage();
      let staff: Page | undefined;
      let noScript: Page | undefined;
      try {
        // 1. From the design reference, not logged in: the contact details and a way to log in.
        await citizen.goto(`${loket.url}/ontwerp`);
        await askForAPerson(citizen);
        expect(await citizen.getByRole('table', { name: t.contact.tableCaption }).textContent()).toContain(
          '14 0123',
        );
        await expectNoViolations(citizen);
        await citizen.getByRole('link', { name: t.contact.loginButton }).click();
        await citizen.getByRole('button', { name: /^Sanne/ }).click();
        await citizen.waitForURL('**/contact?terug=%2Fontwerp');
        await expectNoViolations(citizen);
        await fileRequest(citizen, {
          kind: c.terugbellen,
          aboutText: 'Melding voorgenomen huwelijk',
          question: 'Wat moeten de getuigen meenemen?',
        });
        expect(await citizen.getByRole('status').textContent()).toMatch(
          /Wij bellen u uiterlijk op \w+dag \d+ \w+ \d{4}\./,
        );
        await expectNoViolations(citizen);
        await citizen.getByRole('link', { name: t.confirmation.back }).click();
        await citizen.waitForURL('**/ontwerp');

        // 2. From the demo mailbox, without JavaScript: a mistake first, then an appointment at the desk.
        noScript = await newPage({ javaScriptEnabled: false, cookies: await citizen.context().cookies() });
        await noScript.goto(`${loket.url}/demo/e-mail`);
        await askForAPerson(noScript);
        await noScript.getByRole('button', { name: t.contact.submit }).click();
        await noScript.waitForLoadState();
        expect(await noScript.title()).toMatch(/^Fout: /);
        expect(await noScript.getByRole('alert').textContent()).toContain(t.contact.errors.question);
        await expectNoViolations(noScript);
        await fileRequest(noScript, {
          kind: c['afspraak-balie'],
          aboutText: 'Een andere vraag aan Gemeente Voorbeeldstad',
          question: 'Ik wil mijn papieren langsbrengen.',
        });
        expect(await noScript.getByRole('status').textContent()).toContain('om samen een afspraak te maken');

        // 3. From my contact history: a video appointment.
        await citizen.goto(`${loket.url}/contact/geschiedenis`);
        await askForAPerson(citizen);
        await fileRequest(citizen, {
          kind: c['afspraak-video'],
          aboutText: 'Een andere vraag aan Gemeente Voorbeeldstad',
          question: 'Kunnen wij beeldbellen?',
        });

        // Staff of the municipality see the call-back in their queue and record the outcome.
        staff = await newPage();
        await staff.goto(`${loket.url}${QUEUE}`);
        await staff.getByRole('button', { name: 'Marieke Jansen' }).click();
        await staff.waitForURL(`**${QUEUE}`);
        const queue = staff.getByRole('table');
        expect(await queue.getByRole('row').count()).toBe(1 + 3);
        await expectNoViolations(staff);
        await queue.getByRole('link', { name: 'Terugbelverzoek' }).click();
        expect(await staff.locator('main').textContent()).toContain('Wat moeten de getuigen meenemen?');
        await staff.getByLabel(t.handle.outcomeOptions.reached).check();
        await staff.getByLabel(t.handle.note).fill('Getuigen nemen hun paspoort of ID-kaart mee.');
        await staff.getByRole('button', { name: t.handle.submit }).click();
        await staff.waitForURL('**opgeslagen=ja');
        expect(await staff.getByRole('status').textContent()).toContain(t.handle.saved);
        await expectNoViolations(staff);

        // The citizen sees the outcome.
        await citizen.goto(`${loket.url}/contact/geschiedenis`);
        const mine = await citizen.locator('main').textContent();
        expect(mine).toContain('Getuigen nemen hun paspoort of ID-kaart mee.');
        expect(mine).toContain('Marieke Jansen');
        await expectNoViolations(citizen);

        // Every contact page, as a visitor, a citizen and a staff member, with JavaScript on and off.
        const confirmation = (
          await database()
            .db.selectFrom('contact_request')
            .select('id')
            .orderBy('created_at')
            .executeTakeFirstOrThrow()
        ).id;
        const as = [
          { cookies: [], start: ['/contact', '/contact?terug=%2Fontwerp', '/demo/e-mail'] },
          {
            cookies: await citizen.context().cookies(),
            start: ['/contact', '/contact/geschiedenis', `/contact/verzoek/${confirmation}?terug=%2Fontwerp`],
          },
          { cookies: await staff.context().cookies(), start: [QUEUE, `${QUEUE}?afgehandeld=ja`] },
        ];
        for (const who of as) {
          for (const javaScriptEnabled of [true, false]) {
            const report = await crawl(loket.url, who.start, {
              javaScriptEnabled,
              cookies: who.cookies,
              skip: (url) => !OURS(url),
            });
            expect(report.problems.join('\n')).toBe('');
            expect(report.pages.length).toBeGreaterThanOrEqual(who.start.length);
            expect(report.pages.every((p) => p.humanLink && p.status === 200)).toBe(true);
          }
        }
      } finally {
        await citizen.close();
        await noScript?.close();
        await staff?.close();
      }
    },
    600_000,
  );
});
