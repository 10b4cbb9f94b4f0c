import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../platform/db/database.ts';
import { getOrganisation } from '../../platform/organisations.ts';
import type { Viewer } from '../../signals/service.ts';
import {
  type Breadcrumb,
  button,
  html,
  type Renderable,
  renderPage,
  sendPage,
  WORKBENCH_PATHS,
  workbenchMenu,
} from '../shared/index.ts';
import { learningTexts as t } from './texts.nl.ts';

/** Every page here is for staff only: the route config every route of this folder uses. */
export const STAFF = { auth: 'session', sessionKind: 'staff' } as const;

export const PATHS = {
  signals: '/werkplek/signalen',
  newSignal: '/werkplek/signalen/nieuw',
  help: '/werkplek/signalen/hulp',
  insight: '/werkplek/inzicht',
  corrections: '/werkplek/correcties',
} as const;

/** The logged-in staff member as the signals module needs them. */
export function viewerOf(req: FastifyRequest): Viewer {
  const s = req.session!;
  return {
    organisationId: s.organisationId,
    staffId: s.subject,
    name: String(s.data.name ?? s.subject),
    team: String(s.data.team ?? ''),
  };
}

export interface StaffPage {
  title: string;
  content: Renderable;
  breadcrumbs?: Breadcrumb[];
  hasErrors?: boolean;
  status?: number;
}

/**
 * A workbench page in the shared shell: the organisation in the header, the workbench menu, a
 * log-out button, and "Ik wil iemand spreken" leading to the staff help page.
 */
export async function sendStaffPage(db: Db, req: FastifyRequest, reply: FastifyReply, page: StaffPage) {
  const session = req.session!;
  const organisation = await getOrganisation(db, session.organisationId);
  const logout = html`<form class="loket-logout" method="post" action="/uitloggen"><input type="hidden" name="_csrf" value="${session.csrfToken}"><span>${t.loggedInAs(String(session.data.name ?? session.subject))}</span> ${button(t.logout, { variant: 'subtle' })}</form>`;
  return sendPage(
    reply,
    renderPage({
      title: page.title,
      currentPath: req.url,
      content: page.content,
      organisation: organisation?.name,
      homeHref: WORKBENCH_PATHS.queue,
      humanLink: PATHS.help,
      navigation: workbenchMenu(req.url),
      breadcrumbs: [{ href: WORKBENCH_PATHS.queue, text: t.workbench }, ...(page.breadcrumbs ?? [])],
      hasErrors: page.hasErrors,
      headerExtra: logout,
    }),
    page.status,
  );
}
