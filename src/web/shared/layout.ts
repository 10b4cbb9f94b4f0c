import { gzipSync } from 'node:zlib';
import type { FastifyReply } from 'fastify';
import { assetUrl } from './assets.ts';
import { button } from './components.ts';
import { form } from './form.ts';
import { attrs, html, type Renderable, type SafeHtml } from './html.ts';
import { type Breadcrumb, breadcrumbs, mainNavigation, type NavItem } from './navigation.ts';
import { texts } from './texts.nl.ts';

/**
 * The page shell every Loket page is rendered in: language, skip link, header with the organisation, main
 * landmark, footer, and — on every page, without exception — a visible link to reach a person.
 */

export interface PageOptions {
  /** What this page is about; becomes `<title>` ("… - Loket"). */
  title: string;
  /** Path and query of this page (e.g. `req.url`): the way back from the contact page. */
  currentPath: string;
  content: Renderable;
  /**
   * Where "Ik wil iemand spreken" goes. Default `/contact?terug=<currentPath>`. It can point elsewhere
   * (a staff workbench has its own help desk) but it cannot be left out.
   */
  humanLink?: string;
  /** The organisation whose service this is; shown in the header. */
  organisation?: string;
  /** Where the name in the header goes. Default `/`. */
  homeHref?: string;
  breadcrumbs?: readonly Breadcrumb[];
  navigation?: readonly NavItem[];
  /** The page shows a form with errors: the title starts with "Fout: " so it is heard first. */
  hasErrors?: boolean;
  /** Extra links in the footer (privacy, accessibility statement). */
  footerLinks?: readonly { href: string; text: string }[];
  /** Who is logged in: shown in the header with the log-out button, the same on every page. */
  user?: PageUser;
  /** A page of tables and queues (the workbench): the content may use the whole width of the screen. */
  wide?: boolean;
}

export interface PageUser {
  /** "Ingelogd als …", whole (with the organisation, or on whose behalf). */
  label: string;
  /** The session's CSRF token, for the log-out form. */
  csrfToken: string;
}

export const LOGOUT_PATH = '/uitloggen';

/** Who is logged in, and the button to log out, side by side. */
function userBlock(user: PageUser): SafeHtml {
  return html`<div class="loket-user">
<p class="utrecht-paragraph loket-user__name">${user.label}</p>
${form({ action: LOGOUT_PATH, csrfToken: user.csrfToken, content: button(texts.page.logout, { variant: 'subtle' }) })}
</div>`;
}

export const CONTACT_PATH = '/contact';

/**
 * The default way to a person: the contact page, with the way back to where the person was. On the
 * contact page itself the link stays the same (no `?terug=/contact?terug=…` chains).
 */
export function defaultHumanLink(currentPath: string): string {
  const path = localPath(currentPath);
  if (path === CONTACT_PATH || path.startsWith(`${CONTACT_PATH}?`)) return path;
  return `${CONTACT_PATH}?terug=${encodeURIComponent(path)}`;
}

/** Only a path on this site may be a way back; anything else (`//evil.example`, `https:`) becomes `/`. */
function localPath(path: string): string {
  return path.startsWith('/') && !path.startsWith('//') && !path.startsWith('/\\') ? path : '/';
}

/** Renders a whole HTML document. */
export function renderPage(options: PageOptions): string {
  const t = texts.page;
  if (!options.title.trim()) throw new Error('renderPage: every page needs a title');
  const human = options.humanLink ?? defaultHumanLink(options.currentPath);
  if (!human.trim()) throw new Error('renderPage: the link to a person cannot be empty');

  const title = `${options.hasErrors ? t.errorTitlePrefix : ''}${options.title}${t.titleSeparator}${t.siteName}`;
  const humanLink = (extraClass: string) =>
    html`<a${attrs({
      class: `utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action loket-human-link ${extraClass}`,
      href: human,
      'data-loket-human-link': true,
    })}>${t.humanLink}</a>`;
  const footerLinks = (options.footerLinks ?? []).map(
    (l) =>
      html`<li><a${attrs({ class: 'utrecht-link utrecht-link--html-a', href: l.href })}>${l.text}</a></li>`,
  );

  const page = html`<!DOCTYPE html>
<html lang="${texts.lang}" class="utrecht-theme utrecht-root">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="stylesheet" href="${assetUrl('loket.css')}">
<link rel="icon" href="data:,">
</head>
<body class="utrecht-body utrecht-document loket-body">
<a class="utrecht-skip-link utrecht-skip-link--visible-on-focus" href="#inhoud">${t.skipLink}</a>
<div class="utrecht-page-layout">
<header class="utrecht-page-header loket-header">
<div class="utrecht-page-header__content loket-header__content">
<a class="loket-header__brand" href="${options.homeHref ?? '/'}">${options.organisation && html`<span class="loket-header__organisation">${options.organisation}</span>`}<span class="loket-header__site">${t.siteName}</span></a>
${humanLink('loket-human-link--header')}
${mainNavigation(options.navigation ?? [])}${options.user && userBlock(options.user)}
</div>
</header>
<div class="utrecht-page-body loket-page-body">
<div class="utrecht-page-body__content">
${breadcrumbs(options.breadcrumbs ?? [])}
<main id="inhoud" class="utrecht-page-content loket-main${options.wide ? ' loket-main--wide' : ''}" tabindex="-1">
${options.content}
</main>
</div>
</div>
<footer class="utrecht-page-footer loket-footer">
<div class="utrecht-page-footer__content">
<h2 class="utrecht-heading-2 loket-footer__heading">${t.footerHeading}</h2>
<p class="utrecht-paragraph">${t.humanHelp}</p>
<p class="utrecht-paragraph">${humanLink('loket-human-link--footer')}</p>
${footerLinks.length > 0 && html`<ul class="loket-footer__links">${footerLinks}</ul>`}
</div>
</footer>
</div>
</body>
</html>`;
  return page.toString();
}

/**
 * Content-Security-Policy for pages: only our own styles, fonts and images, no scripts at all (nothing
 * needs them), no framing. No form-action: Chrome applies it to the redirect after a post, and logging in
 * redirects to the identity provider.
 */
export const PAGE_CSP =
  "default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
  "frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

/**
 * Sends a page with the right content type and the security headers every page needs. Pages go gzipped
 * to clients that accept it (every browser): a work queue of 50 rows is 62 kB of HTML and 5 kB gzipped,
 * which costs less to compress (fastest level, about 0.3 ms) than to push through the socket whole.
 */
export function sendPage(reply: FastifyReply, page: string | SafeHtml, status = 200): FastifyReply {
  reply
    .status(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-security-policy', PAGE_CSP)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'same-origin')
    .header('cache-control', 'no-store')
    .header('vary', 'accept-encoding');
  const body = page.toString();
  if (body.length < GZIP_FROM || !acceptsGzip(reply.request.headers['accept-encoding']))
    return reply.send(body);
  return reply.header('content-encoding', 'gzip').send(gzipSync(body, { level: 1 }));
}

const GZIP_FROM = 2_048;

/** Whether an Accept-Encoding header allows gzip (and does not refuse it with q=0). */
export function acceptsGzip(header: string | string[] | undefined): boolean {
  const value = Array.isArray(header) ? header.join(',') : (header ?? '');
  return value.split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    if (coding !== 'gzip' && coding !== '*') return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return !q || Number(q.slice(2)) > 0;
  });
}
