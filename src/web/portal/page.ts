import type { FastifyReply, FastifyRequest } from 'fastify';
import type { WebSession } from '../../platform/auth/sessions.ts';
import { problems } from '../../platform/http/problem.ts';
import {
  type Breadcrumb,
  buttonLink,
  heading,
  html,
  PAGE_CSP,
  paragraph,
  type Renderable,
  renderPage,
  sendPage,
  texts,
} from '../shared/index.ts';
import { portalTexts as tx } from './texts.nl.ts';

/** Who is asking: the logged-in citizen, and whose data they see (their own, or whom they act for). */
export interface Citizen {
  session: WebSession;
  /** The person whose cases and data are shown. */
  bsn: string;
  /** The person doing it (for the processing log). */
  actorId: string;
  name: string;
}

/** Only for routes with `sessionKind: 'citizen'` (the session layer has checked the kind). */
export function citizenOf(req: FastifyRequest): Citizen {
  const s = req.session;
  if (s?.kind !== 'citizen' || !s.subject) throw problems.notAuthenticated();
  return { session: s, bsn: s.actingFor ?? s.subject, actorId: s.subject, name: s.data.name ?? '' };
}

export const CITIZEN_ROUTE = { auth: 'session', sessionKind: 'citizen' } as const;

const NAV = [
  { href: '/', text: tx.nav.home },
  { href: '/berichten', text: tx.nav.messages },
  { href: '/regelen', text: tx.nav.start },
  { href: '/mijn-gegevens', text: tx.nav.data },
] as const;

export interface PortalPage {
  title: string;
  content: Renderable;
  breadcrumbs?: readonly Breadcrumb[];
  hasErrors?: boolean;
  status?: number;
  /** A page that needs a script of its own (the upload progress); the page works without it. */
  script?: string;
}

/** A portal page in the shared shell: the menu, who is logged in, and the log-out button. */
export function sendPortalPage(req: FastifyRequest, reply: FastifyReply, page: PortalPage): FastifyReply {
  const c = citizenOf(req);
  const path = req.url.split('?')[0];
  const current = (href: string) => (href === '/' ? path === '/' : path.startsWith(href));
  const body = renderPage({
    title: page.title,
    currentPath: req.url,
    organisation: tx.organisation,
    navigation: NAV.map((n) => ({ ...n, current: current(n.href) })),
    breadcrumbs: page.breadcrumbs,
    hasErrors: page.hasErrors,
    user: {
      label: `${texts.page.loggedInAs(c.name)}${c.session.actingFor ? ` ${tx.actingFor(c.session.actingFor)}` : ''}`,
      csrfToken: c.session.csrfToken,
    },
    content: page.content,
  });
  // The server's time for the whole page (from the request's arrival to the rendered HTML), for benchmarks.
  reply.header('server-timing', `app;dur=${reply.elapsedTime.toFixed(2)}`);
  const withScript = page.script
    ? body.replace('</body>', `<script src="${page.script}" defer></script>\n</body>`)
    : body;
  if (!page.script) return sendPage(reply, body, page.status ?? 200);
  // sendPage's headers, with our own scripts allowed on this one page.
  reply.header('content-security-policy', PAGE_CSP.replace("script-src 'none'", "script-src 'self'"));
  return reply
    .status(page.status ?? 200)
    .header('content-type', 'text/html; charset=utf-8')
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'same-origin')
    .header('cache-control', 'no-store')
    .send(withScript);
}

/** A page that says plainly that something is not there (never whether it exists for someone else). */
export function sendNotFound(req: FastifyRequest, reply: FastifyReply, title: string, text: string) {
  return sendPortalPage(req, reply, {
    title,
    status: 404,
    content: html`${heading(1, title)}${paragraph(text)}${buttonLink('/', tx.casePage.backHome, 'secondary')}`,
  });
}
