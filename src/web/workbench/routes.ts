import type { App } from '../../platform/http/server.ts';
import { heading, html, link, paragraph } from '../shared/index.ts';
import { registerBehalfRoutes } from './routes-behalf.ts';
import { type CaseRoutes, registerCaseRoutes } from './routes-case.ts';
import { registerDecisionRoutes } from './routes-decisions.ts';
import { registerQueueRoutes } from './routes-queue.ts';
import { STAFF, sendWorkbenchPage, WORKBENCH } from './support.ts';
import { workbenchTexts as t } from './texts.nl.ts';

/** Every workbench route, one file per area. */
export function registerWorkbenchRoutes(app: App, r: CaseRoutes): void {
  const { db } = r;
  registerQueueRoutes(app, db);
  registerCaseRoutes(app, r);
  registerDecisionRoutes(app, r);
  registerBehalfRoutes(app, r);
  app.get(`${WORKBENCH}/hulp`, { config: STAFF, schema: { hide: true } }, async (req, reply) =>
    sendWorkbenchPage(db, req, reply, {
      title: t.help.title,
      breadcrumbs: [{ href: `${WORKBENCH}/hulp`, text: t.help.title }],
      content: html`${heading(1, t.help.title)}${paragraph(t.help.intro)}${paragraph(link(WORKBENCH, t.help.back))}`,
    }),
  );
}
