import type { Cookie, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sendNotice } from '../../cases/engine/notices.ts';
import { recordContact } from '../../contact/index.ts';
import { DEMO_BSN, demoPersonByBsn } from '../../demo/people.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { describeBackends, type TestLoket } from '../../testing/backends.ts';
import { browserUnavailable, closeBrowser, crawl, newPage } from '../../testing/browser.ts';
import { getZaak } from '../../zaken/index.ts';
import { staffCompletes, staffDecidesMarriage, startPortalLoket } from './test-support.ts';

/**
 * The citizen's journeys in a real browser (Debian's chromium), and every portal page checked with axe
 * (WCAG 2.1 A and AA) and for the way to a person, with JavaScript on and off.
 */

const skipReason = browserUnavailable();
if (skipReason) it.skip(skipReason, () => {});

async function logIn(page: Page, baseUrl: string, bsn: string, path = '/'): Promise<void> {
  await page.goto(`${baseUrl}${path}`);
  await page.waitForURL('**/demo-idp/inloggen/**');
  await page.getByRole('button', { name: demoPersonByBsn(bsn)?.displayName, exact: true }).click();
  await page.waitForURL(`${baseUrl}${path}`);
}

describeBackends('citizen portal in the browser', (database) => {
  let loket: TestLoket;
  let sanneCookies: Cookie[] = [];
  beforeAll(async () => {
    if (skipReason) return;
    loket = await startPortalLoket(database());
  }, 90_000);
  afterAll(async () => {
    await closeBrowser();
    await loket?.stop();
  });

  it.skipIf(skipReason)(
    'we gaan trouwen: notice filed, appointment chosen, decision read with its explanation, a delay notice seen',
    async () => {
      const page = await newPage();
      try {
        await logIn(page, loket.url, DEMO_BSN.iris);
        await page.getByRole('link', { name: 'Iets regelen' }).first().click();
        await page.getByRole('link', { name: 'Begin: We gaan trouwen' }).click();
        await expect.poll(() => page.getByText('Wat wij al van u weten').count()).toBe(1);
        await page.getByLabel('Het burgerservicenummer van uw partner').fill(DEMO_BSN.ruben);
        await page.getByLabel('Op welke datum wilt u trouwen?').fill('2027-06-18');
        await page
          .getByRole('group', { name: 'Is een van u beiden buiten Nederland geboren?' })
          .getByLabel('Nee')
          .check();
        await page
          .getByRole('group', { name: /samen gaat verdienen/ })
          .getByLabel('Ja')
          .check();
        await page.getByRole('button', { name: 'Versturen' }).click();
        await page.waitForURL('**/regelen/aanvraag/**');
        expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
          'Wij hebben uw aanvraag ontvangen',
        );
        const caseLink = page.getByRole('link', { name: 'Bekijk uw zaak' }).first();
        const caseId = (await caseLink.getAttribute('href'))?.split('/').pop() as string;

        // The municipality checks the notice (workbench work), then Iris chooses her appointment.
        await staffCompletes(database(), caseId, 'controleer-brp#1');
        await staffCompletes(database(), caseId, 'controleer-getuigen#1');
        await page.getByRole('link', { name: 'Overzicht' }).click();
        await page.getByRole('link', { name: /Kies een afspraak met de trouwambtenaar/ }).click();
        await page.getByRole('radio').first().check();
        await page.getByRole('button', { name: 'Afspraak maken' }).click();
        await page.waitForURL(`**/zaken/${caseId}?gedaan=*`);
        expect(await page.getByRole('status').textContent()).toContain('Gelukt');

        // The conversation took place and the municipality decided: the decision arrives as a message.
        await staffCompletes(database(), caseId, 'gesprek-trouwambtenaar#1');
        await staffDecidesMarriage(database(), caseId, DEMO_BSN.iris);
        await page.getByRole('link', { name: 'Berichten' }).first().click();
        await page.getByRole('link', { name: 'Besluit over: Melding voorgenomen huwelijk' }).click();
        await page.getByRole('link', { name: 'Lees het besluit en de uitleg' }).click();
        expect(await page.locator('main').textContent()).toContain('U mag trouwen op');
        expect(await page.locator('main').textContent()).toContain('Bent u het er niet mee eens?');

        // The case takes longer: the notice is on the case page.
        await inTransaction(database().db, (trx) =>
          sendNotice(trx, {
            caseId,
            organisationId: 'voorbeeldstad',
            kind: 'delay',
            reason: 'De trouwambtenaar is ziek.',
            expectedDate: '2030-02-01',
            subjectBsn: DEMO_BSN.iris,
          }),
        );
        await page.goto(`${loket.url}/zaken/${caseId}`);
        expect(await page.locator('main').textContent()).toContain('De trouwambtenaar is ziek.');
      } finally {
        await page.close();
      }
    },
    120_000,
  );

  it.skipIf(skipReason)(
    'my data: report an error and see its status (JavaScript off)',
    async () => {
      const page = await newPage({ javaScriptEnabled: false });
      try {
        await logIn(page, loket.url, DEMO_BSN.esther, '/mijn-gegevens');
        await page.getByRole('link', { name: 'Dit klopt niet' }).first().click();
        await page.getByLabel('Wat klopt er niet? En wat is het wel?').fill('Er was geen opzet.');
        await page.getByRole('button', { name: 'Melding versturen' }).click();
        await page.waitForURL('**/mijn-gegevens?gemeld=ja');
        const reports = page.getByRole('table', { name: 'Uw meldingen en hoe het ermee staat' });
        expect(await reports.textContent()).toContain('Ontvangen');
      } finally {
        await page.close();
      }
    },
    60_000,
  );

  for (const javaScriptEnabled of [true, false]) {
    it.skipIf(skipReason)(
      `every portal page passes axe (WCAG 2.1 A+AA) and offers a person (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`,
      async () => {
        if (sanneCookies.length === 0) {
          const page = await newPage();
          await logIn(page, loket.url, DEMO_BSN.sanne);
          sanneCookies = await page.context().cookies();
          await page.close();
        }
        const report = await crawl(loket.url, ['/', '/mijn-gegevens'], {
          javaScriptEnabled,
          cookies: sanneCookies,
          maxPages: 40,
          // The contact pages come from another module (src/contact); the log-out is a form, not a link.
          skip: (url) => url.pathname.startsWith('/contact') || /uitlog/.test(url.pathname),
        });
        expect(report.problems.join('\n')).toBe('');
        const paths = report.pages.map((p) => new URL(p.url).pathname);
        expect(paths).toEqual(
          expect.arrayContaining([
            '/',
            '/berichten',
            '/regelen',
            '/mijn-gegevens',
            '/regelen/we-gaan-trouwen',
          ]),
        );
        expect(paths.some((p) => /^\/zaken\/[0-9a-f-]{36}$/.test(p))).toBe(true);
        expect(paths.some((p) => /^\/zaken\/[0-9a-f-]{36}\/taken\//.test(p))).toBe(true);
        expect(report.pages.every((p) => p.humanLink)).toBe(true);
      },
      180_000,
    );
  }

  it.skipIf(skipReason)(
    'sends a document with the progress bar; it is a document of the case, and the contact shows there too',
    async () => {
      const page = await newPage();
      try {
        await logIn(page, loket.url, DEMO_BSN.sanne);
        await page
          .getByRole('link', { name: /Stuur uw inkomensverklaring/ })
          .first()
          .click();
        await page.getByLabel(/Kies het bestand/).setInputFiles({
          name: 'inkomen.pdf',
          mimeType: 'application/pdf',
          buffer: Buffer.from(`%PDF-1.4\n${'x'.repeat(200_000)}\n%%EOF\n`),
        });
        await page.getByRole('button', { name: 'Versturen' }).click();
        await page.waitForURL('**/zaken/*?gedaan=*');
        const documents = page.getByRole('region', { name: 'Documenten' });
        expect(await documents.textContent()).toContain('Inkomensverklaring (inkomen.pdf)');
        // A conversation about the case, so the crawl below also checks the contact table.
        const caseId = new URL(page.url()).pathname.split('/').pop() as string;
        const zaak = await getZaak(database().db, caseId);
        await recordContact(database().db, {
          subjectBsn: DEMO_BSN.sanne,
          caseId,
          channel: 'telefoon',
          summary: 'Uitgelegd welke inkomensverklaring nodig is.',
          staff: { id: 'a.bakker', name: 'Anna Bakker', organisationId: zaak?.organisation_id as string },
        });
        await page.reload();
        const talks = page.getByRole('table', { name: 'Uw gesprekken met ons over deze zaak' });
        expect(await talks.textContent()).toContain('Uitgelegd welke inkomensverklaring nodig is.');
        // The case page with its documents and contact passes axe too (the crawl above ran before).
        const cookies = await page.context().cookies();
        for (const javaScriptEnabled of [true, false]) {
          const report = await crawl(loket.url, [`/zaken/${caseId}`], {
            javaScriptEnabled,
            cookies,
            maxPages: 1,
          });
          expect(report.problems.join('\n')).toBe('');
        }
      } finally {
        await page.close();
      }
    },
    90_000,
  );
});
