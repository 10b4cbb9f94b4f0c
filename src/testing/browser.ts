import { existsSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, type BrowserContext, type Cookie, chromium, type Page } from 'playwright-core';
import { texts } from '../web/shared/texts.nl.ts';

/**
 * Browser tests with Debian's chromium (never a downloaded one): a shared browser per test process,
 * pages with or without JavaScript, an axe-core check against WCAG 2.1 A and AA, and a crawler that walks
 * a site and checks every page it finds.
 */

export const CHROMIUM_PATH = process.env.LOKET_CHROMIUM ?? '/usr/bin/chromium';
// Without the background-networking flags chromium tries to reach Google and the closed network refuses it.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * Why browser tests cannot run here, or null when they can. With LOKET_REQUIRE_BROWSER=1 (CI) a missing
 * browser is an error, so browser tests can never be skipped silently there.
 */
export function browserUnavailable(): string | null {
  if (existsSync(CHROMIUM_PATH)) return null;
  const reason = `chromium not found at ${CHROMIUM_PATH} (install the Debian package: apt-get install chromium)`;
  if (process.env.LOKET_REQUIRE_BROWSER === '1') {
    throw new Error(`Browser tests are required (LOKET_REQUIRE_BROWSER=1) but ${reason}`);
  }
  return `browser tests skipped: ${reason}`;
}

let shared: Promise<Browser> | undefined;

/** Starts chromium once per test process; later calls get the same browser. */
export function launchBrowser(): Promise<Browser> {
  if (!shared) {
    const reason = browserUnavailable();
    if (reason) return Promise.reject(new Error(reason));
    shared = chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    shared.catch(() => {
      shared = undefined;
    });
  }
  return shared;
}

/** Stops the shared browser (in `afterAll`). */
export async function closeBrowser(): Promise<void> {
  const current = shared;
  shared = undefined;
  if (current) await (await current.catch(() => null))?.close();
}

export interface PageOptions {
  javaScriptEnabled?: boolean;
  cookies?: Cookie[];
  viewport?: { width: number; height: number };
}

/** Whether scripts run in a context made by `newPage` (a JS-disabled page cannot be asked: it closes). */
const contextJavaScript = new WeakMap<BrowserContext, boolean>();

/** A page in its own browser context (own cookies); closing the page closes the context. */
export async function newPage(options: PageOptions = {}): Promise<Page> {
  const browser = await launchBrowser();
  const javaScriptEnabled = options.javaScriptEnabled ?? true;
  const context = await browser.newContext({
    javaScriptEnabled,
    viewport: options.viewport ?? { width: 1280, height: 900 },
    locale: 'nl-NL',
    timezoneId: 'Europe/Amsterdam',
  });
  contextJavaScript.set(context, javaScriptEnabled);
  if (options.cookies?.length) await context.addCookies(options.cookies);
  const page = await context.newPage();
  page.once('close', () => {
    context.close().catch(() => {});
  });
  return page;
}

export interface AccessibilityViolation {
  id: string;
  impact: string;
  help: string;
  helpUrl: string;
  nodes: { target: string; html: string; summary: string }[];
}

export interface AccessibilityResult {
  violations: AccessibilityViolation[];
  /** The violations as readable lines, empty when there are none. */
  report: string;
}

/**
 * Runs axe-core with the WCAG 2.1 A and AA rules on what the page shows now. axe needs JavaScript, and
 * a page without it closes when asked to wait for anything; so for such a page the same HTML is checked
 * in a twin page at the same URL (same styles and cookies) where page scripts are blocked by CSP.
 * Pages not made by `newPage` say whether JavaScript is on with `javaScriptEnabled`.
 */
export async function checkAccessibility(
  page: Page,
  options: { javaScriptEnabled?: boolean } = {},
): Promise<AccessibilityResult> {
  const jsEnabled = options.javaScriptEnabled ?? contextJavaScript.get(page.context()) ?? true;
  const target = jsEnabled ? page : await twinWithoutScripts(page);
  try {
    const results = await new AxeBuilder({ page: target }).withTags(WCAG_TAGS).analyze();
    const violations = results.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? 'unknown',
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({
        target: n.target.map(String).join(' '),
        html: n.html.length > 200 ? `${n.html.slice(0, 200)}…` : n.html,
        summary: (n.failureSummary ?? '').replace(/\s+/g, ' ').trim(),
      })),
    }));
    return { violations, report: formatViolations(violations) };
  } finally {
    if (target !== page) await target.close();
  }
}

export function formatViolations(violations: readonly AccessibilityViolation[]): string {
  return violations
    .map((v) => {
      const nodes = v.nodes.map((n) => `    at ${n.target}\n      ${n.html}\n      ${n.summary}`).join('\n');
      return `  [${v.impact}] ${v.id}: ${v.help}\n    ${v.helpUrl}\n${nodes}`;
    })
    .join('\n');
}

/** One JavaScript-enabled twin context per JS-disabled context, so cached styles and fonts are reused. */
const twinContexts = new WeakMap<BrowserContext, Promise<BrowserContext>>();

function twinContextOf(page: Page): Promise<BrowserContext> {
  const source = page.context();
  let twin = twinContexts.get(source);
  if (!twin) {
    twin = launchBrowser().then((browser) =>
      browser.newContext({ javaScriptEnabled: true, viewport: page.viewportSize(), locale: 'nl-NL' }),
    );
    twinContexts.set(source, twin);
    source.once('close', () => {
      twin?.then((c) => c.close()).catch(() => {});
    });
  }
  return twin;
}

/** The page's current HTML in a JavaScript-enabled page at the same URL, with page scripts blocked. */
async function twinWithoutScripts(page: Page): Promise<Page> {
  // With scripting off <noscript> content is shown; in the twin (scripting on) it would not be.
  const snapshot = (await page.content()).replace(/<(\/?)noscript\b/gi, '<$1div');
  const url = page.url();
  const context = await twinContextOf(page);
  await context.clearCookies();
  await context.addCookies(await page.context().cookies());
  const twin = await context.newPage();
  // The twin answers the page's own URL itself (a POST result cannot be fetched again); the rest is real.
  const target = url.split('#')[0];
  await twin.route(
    (u) => u.href.split('#')[0] === target,
    (route) =>
      route.fulfill({
        status: 200,
        contentType: 'text/html; charset=utf-8',
        headers: { 'content-security-policy': "script-src 'none'" },
        body: snapshot,
      }),
  );
  await twin.goto(url, { waitUntil: 'load' });
  return twin;
}

export interface CrawlOptions {
  javaScriptEnabled?: boolean;
  /** Follow only links on the start URL's origin (default). */
  sameOriginOnly?: boolean;
  /** Stop after this many pages (default 50). */
  maxPages?: number;
  /** A logged-in session, for pages behind a login. */
  cookies?: Cookie[];
  /** Links not to follow. Default: log-out links, which would end the session mid-crawl. */
  skip?: (url: URL) => boolean;
  /** A check of one's own on every HTML page that loaded: the problems it finds (none: empty list). */
  check?: (page: Page) => Promise<string[]>;
}

export interface CrawledPage {
  url: string;
  /** HTTP status of the page (after redirects), null when it did not load. */
  status: number | null;
  /** An HTML page (not a download); only those are checked further. */
  html: boolean;
  title: string;
  /** A visible "Ik wil iemand spreken" link is on the page. */
  humanLink: boolean;
  violations: AccessibilityViolation[];
  /** Same-site pages this page links to. */
  links: string[];
  /** What the crawl's own `check` found on this page. */
  checked: string[];
  error?: string;
}

export interface CrawlReport {
  pages: CrawledPage[];
  /** One readable line (or block) per problem; empty when every page is fine. */
  problems: string[];
}

const LOG_OUT = /uitlog|logout|afmelden/i;

/**
 * Walks a site from `startPaths`, following links, and checks every page it reaches: it loads, it has no
 * WCAG 2.1 A/AA violations (axe), and it shows the way to a person. Only GET: forms are not submitted.
 */
export async function crawl(
  baseUrl: string,
  startPaths: readonly string[],
  options: CrawlOptions = {},
): Promise<CrawlReport> {
  const maxPages = options.maxPages ?? 50;
  const skip = options.skip ?? ((url: URL) => LOG_OUT.test(url.pathname));
  const origin = new URL(baseUrl).origin;
  const page = await newPage({
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    cookies: options.cookies,
  });
  const queue = startPaths.map((p) => withoutHash(new URL(p, baseUrl)));
  const seen = new Set(queue);
  const pages: CrawledPage[] = [];
  try {
    while (queue.length > 0 && pages.length < maxPages) {
      const url = queue.shift()!;
      const result = await visit(page, url, options.check);
      pages.push(result);
      for (const link of result.links) {
        const next = new URL(link);
        if (seen.has(link) || skip(next) || (options.sameOriginOnly !== false && next.origin !== origin))
          continue;
        seen.add(link);
        queue.push(link);
      }
    }
  } finally {
    await page.close();
  }
  return { pages, problems: pages.flatMap(problemsOf) };
}

async function visit(
  page: Page,
  url: string,
  check?: (page: Page) => Promise<string[]>,
): Promise<CrawledPage> {
  const result: CrawledPage = {
    url,
    status: null,
    html: false,
    title: '',
    humanLink: false,
    violations: [],
    links: [],
    checked: [],
  };
  try {
    const response = await page.goto(url, { waitUntil: 'load' });
    result.status = response?.status() ?? null;
    result.url = withoutHash(new URL(page.url()));
    result.html = /^text\/html\b/.test((await response?.headerValue('content-type')) ?? '');
    if (!result.html) return result;
    result.title = await page.title();
    const hrefs = await page.$$eval('a[href]', (as) => as.map((a) => (a as HTMLAnchorElement).href));
    result.links = [...new Set(hrefs.filter((h) => /^https?:/.test(h)).map((h) => withoutHash(new URL(h))))];
    const human = page.getByRole('link', { name: texts.page.humanLink });
    for (let i = 0; i < (await human.count()); i++) {
      if (await human.nth(i).isVisible()) result.humanLink = true;
    }
    if (check) result.checked = await check(page);
    result.violations = (await checkAccessibility(page)).violations;
  } catch (err) {
    result.error = (err as Error).message.split('\n')[0];
  }
  return result;
}

/**
 * Logs in at the demo identity provider: opens `path` (which sends a visitor to the login), picks the
 * account by the name on its button (a staff member's or a citizen's name) and waits until back at `path`.
 */
export async function loginAs(page: Page, baseUrl: string, name: string, path: string): Promise<void> {
  await page.goto(`${baseUrl}${path}`);
  await page.getByRole('button', { name, exact: true }).click();
  await page.waitForURL(`${baseUrl}${path}`);
}

function withoutHash(url: URL): string {
  url.hash = '';
  return url.href;
}

function problemsOf(p: CrawledPage): string[] {
  const problems: string[] = [];
  if (p.error) problems.push(`${p.url}: did not load: ${p.error}`);
  if (p.status !== null && p.status >= 400) problems.push(`${p.url}: HTTP ${p.status}`);
  if (p.html && !p.error && !p.humanLink)
    problems.push(`${p.url}: no visible "${texts.page.humanLink}" link`);
  for (const c of p.checked) problems.push(`${p.url}: ${c}`);
  if (p.violations.length > 0) {
    problems.push(
      `${p.url}: ${p.violations.length} accessibility violation(s)\n${formatViolations(p.violations)}`,
    );
  }
  return problems;
}
