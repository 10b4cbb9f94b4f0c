import { mkdirSync } from 'node:fs';
import formbody from '@fastify/formbody';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerWebAssets } from '../web/shared/assets.ts';
import { paragraph } from '../web/shared/components.ts';
import { registerDesignReference } from '../web/shared/design-reference.ts';
import { html } from '../web/shared/html.ts';
import { renderPage, sendPage } from '../web/shared/layout.ts';
import { texts } from '../web/shared/texts.nl.ts';
import {
  browserUnavailable,
  checkAccessibility,
  closeBrowser,
  crawl,
  launchBrowser,
  newPage,
} from './browser.ts';
import { RESULTS_DIR } from './global-setup.ts';

const skipReason = browserUnavailable();
if (skipReason) {
  console.warn(skipReason);
  it.skip(skipReason, () => {});
}

/** A bare server with only the shared web parts, plus stand-ins for the home and contact pages. */
async function startSite(): Promise<{ app: FastifyInstance; baseUrl: string }> {
  const app = Fastify();
  await app.register(formbody);
  await registerWebAssets(app);
  await registerDesignReference(app);
  for (const [path, title] of [
    ['/', 'Home'],
    ['/contact', 'Contact'],
  ]) {
    app.get(path, { config: { auth: 'public' } }, async (req, reply) =>
      sendPage(
        reply,
        renderPage({ title, currentPath: req.url, content: html`<h1>${title}</h1>${paragraph(title)}` }),
      ),
    );
  }
  // A page that breaks the rules, to prove the checks can fail.
  app.get('/kapot', { config: { auth: 'public' } }, async (_req, reply) =>
    reply
      .type('text/html; charset=utf-8')
      .send(
        '<!DOCTYPE html><html lang="nl"><head><title>Kapot</title></head><body><main><h1>Kapot</h1><img src="/x.png"><a href="/ontwerp">Verder</a></main></body></html>',
      ),
  );
  const baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, baseUrl };
}

describe.skipIf(skipReason)('the design reference page in a real browser', () => {
  let site: { app: FastifyInstance; baseUrl: string };
  beforeAll(async () => {
    site = await startSite();
    await launchBrowser();
  });
  afterAll(async () => {
    await closeBrowser();
    await site?.app.close();
  });

  for (const javaScriptEnabled of [true, false]) {
    it(`has no WCAG 2.1 AA violations and a way to a person on every page reached from /ontwerp (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
      const report = await crawl(site.baseUrl, ['/ontwerp'], { javaScriptEnabled });
      expect(report.problems.join('\n')).toBe('');
      const paths = report.pages.map((p) => new URL(p.url).pathname + new URL(p.url).search);
      expect(paths).toEqual(
        expect.arrayContaining(['/ontwerp', '/', '/contact?terug=%2Fontwerp', '/ontwerp?pagina=2']),
      );
      expect(report.pages.every((p) => p.humanLink && p.status === 200)).toBe(true);
    }, 120_000);
  }

  it('reports a page without the way to a person and with an accessibility violation (JavaScript off)', async () => {
    const report = await crawl(site.baseUrl, ['/kapot'], { javaScriptEnabled: false, maxPages: 1 });
    expect(report.pages).toHaveLength(1);
    expect(report.pages[0].links).toContain(`${site.baseUrl}/ontwerp`);
    const problems = report.problems.join('\n');
    expect(problems).toContain(`/kapot: no visible "${texts.page.humanLink}" link`);
    expect(problems).toMatch(/\[critical\] image-alt: .*\n.*\n\s+at img/);
  });

  it('lets keyboard users skip to the main content without JavaScript', async () => {
    const page = await newPage({ javaScriptEnabled: false });
    try {
      await page.goto(`${site.baseUrl}/ontwerp`);
      await page.keyboard.press('Tab');
      const skip = page.getByRole('link', { name: texts.page.skipLink });
      await expect.poll(() => skip.isVisible()).toBe(true);
      expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
      await page.keyboard.press('Enter');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('inhoud');
    } finally {
      await page.close();
    }
  });

  it('shows the error summary first, focused, after posting an incomplete form without JavaScript', async () => {
    const page = await newPage({ javaScriptEnabled: false });
    try {
      await page.goto(`${site.baseUrl}/ontwerp`);
      await page.getByLabel(texts.reference.fields.name).fill('Jan');
      await page.getByRole('button', { name: texts.reference.buttonPrimary, exact: true }).last().click();
      await page.waitForURL('**/ontwerp/formulier');
      expect(await page.title()).toMatch(/^Fout: /);
      const summary = page.getByRole('alert');
      await expect.poll(() => summary.evaluate((el) => el === document.activeElement)).toBe(true);
      expect(await summary.textContent()).toContain(texts.form.errorSummaryTitle);
      // The name was kept and is no longer in the summary; a summary link takes you to its field.
      await expect.poll(() => page.getByLabel(texts.reference.fields.name).inputValue()).toBe('Jan');
      expect(await summary.getByRole('link').allTextContents()).not.toContain(texts.reference.errors.name);
      await summary.getByRole('link', { name: texts.reference.errors.email }).click();
      expect(new URL(page.url()).hash).toBe('#veld-email');
      const a11y = await checkAccessibility(page);
      expect(a11y.report).toBe('');
    } finally {
      await page.close();
    }
  });

  it('accepts a complete form and says so (post, redirect, get)', async () => {
    const page = await newPage({ javaScriptEnabled: false });
    try {
      const f = texts.reference.fields;
      await page.goto(`${site.baseUrl}/ontwerp`);
      await page.getByLabel(f.name).fill('Jan de Vries');
      await page.getByLabel(f.email).fill('jan@voorbeeld.nl');
      await page.getByLabel(f.birthDate).fill('1980-05-17');
      await page.getByLabel(f.children).fill('2');
      await page.getByLabel(f.question).fill('Wanneer krijg ik bericht?');
      await page.getByLabel(f.organisation).selectOption({ label: f.organisations[1] });
      await page.getByLabel(f.contactOptions.email).check();
      await page.getByLabel(f.agree).check();
      await page.getByRole('button', { name: texts.reference.buttonPrimary, exact: true }).last().click();
      await page.waitForURL('**/ontwerp?verzonden=ja');
      expect(await page.getByRole('status').textContent()).toContain(texts.reference.formSent);
    } finally {
      await page.close();
    }
  });

  it('looks like an NL Design System page: the Noto Sans font loads and buttons are styled (screenshot)', async () => {
    const page = await newPage();
    try {
      await page.goto(`${site.baseUrl}/ontwerp`);
      await page.evaluate(() => document.fonts.ready);
      expect(await page.evaluate(() => document.fonts.check('16px "Noto Sans Variable"'))).toBe(true);
      const primary = page.locator('.utrecht-button--primary-action').first();
      const style = await primary.evaluate((el) => getComputedStyle(el).backgroundColor);
      expect(style).not.toBe('rgba(0, 0, 0, 0)');
      mkdirSync(RESULTS_DIR, { recursive: true });
      await page.screenshot({ path: `${RESULTS_DIR}/ontwerp.png`, fullPage: true });
    } finally {
      await page.close();
    }
  });
});
