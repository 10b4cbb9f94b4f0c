import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../platform/db/database.ts';
import { problems } from '../../platform/http/problem.ts';
import { getOrganisation } from '../../platform/organisations.ts';
import type { Renderable } from './html.ts';
import { renderPage, sendPage } from './layout.ts';
import type { Breadcrumb } from './navigation.ts';
import { texts } from './texts.nl.ts';
import { WORKBENCH_HELP_PATH, WORKBENCH_PATHS, workbenchMenu } from './workbench-menu.ts';

/**
 * The shell of every workbench page, whichever module draws it (src/web/workbench, src/web/learning,
 * src/web/contact): the staff member's organisation in the header, the workbench menu, who is logged in
 * with the log-out button, "Werkplek" as the first breadcrumb, the whole width of the screen for tables,
 * and "Ik wil iemand spreken" leading to the workbench's help desk with the way back.
 */
export interface WorkbenchPageOptions {
  title: string;
  /** Path and query of this page (`req.url`). */
  currentPath: string;
  staff: { name: string; organisation: string; csrfToken: string };
  content: Renderable;
  /** The crumbs after "Werkplek". */
  breadcrumbs?: readonly Breadcrumb[];
  hasErrors?: boolean;
}

export function renderWorkbenchPage(options: WorkbenchPageOptions): string {
  const { staff } = options;
  const back = options.currentPath.split('#')[0] ?? '';
  return renderPage({
    title: options.title,
    currentPath: options.currentPath,
    content: options.content,
    organisation: staff.organisation,
    homeHref: WORKBENCH_PATHS.queue,
    navigation: workbenchMenu(options.currentPath),
    humanLink: `${WORKBENCH_HELP_PATH}?terug=${encodeURIComponent(back)}`,
    breadcrumbs: [
      { href: WORKBENCH_PATHS.queue, text: texts.workbenchMenu.home },
      ...(options.breadcrumbs ?? []),
    ],
    hasErrors: options.hasErrors,
    user: {
      label: texts.page.loggedInAs(`${staff.name}, ${staff.organisation}`),
      csrfToken: staff.csrfToken,
    },
    wide: true,
  });
}

export interface WorkbenchPage {
  title: string;
  content: Renderable;
  breadcrumbs?: readonly Breadcrumb[];
  hasErrors?: boolean;
  status?: number;
}

/** Sends a workbench page for the staff member of the request's session. */
export async function sendWorkbenchPage(
  db: Db,
  req: FastifyRequest,
  reply: FastifyReply,
  page: WorkbenchPage,
): Promise<FastifyReply> {
  const s = req.session;
  if (s?.kind !== 'staff') throw problems.notAuthenticated();
  const organisation = (await getOrganisation(db, s.organisationId))?.name ?? s.organisationId;
  const body = renderWorkbenchPage({
    ...page,
    currentPath: req.url,
    staff: { name: String(s.data.name ?? s.subject), organisation, csrfToken: s.csrfToken },
  });
  // The server's time for the whole page (from the request's arrival to the rendered HTML), for benchmarks.
  reply.header('server-timing', `app;dur=${reply.elapsedTime.toFixed(2)}`);
  return sendPage(reply, body, page.status ?? 200);
}
