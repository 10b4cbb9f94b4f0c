import { Type } from 'typebox';
import type { App } from '../../platform/http/server.ts';
import {
  heading,
  html,
  link,
  paragraph,
  SIGNALS_HELP_PATH,
  sendWorkbenchPage,
  WORKBENCH_HELP_PATH,
} from '../shared/index.ts';
import { registerBehalfRoutes } from './routes-behalf.ts';
import { type CaseRoutes, registerCaseRoutes } from './routes-case.ts';
import { registerDecisionRoutes } from './routes-decisions.ts';
import { registerQueueRoutes } from './routes-queue.ts';
import { STAFF, WORKBENCH } from './support.ts';
import { workbenchTexts as t } from './texts.nl.ts';

/** Every workbench route, one file per area. */
export function registerWorkbenchRoutes(app: App, r: CaseRoutes): void {
  const { db } = r;
  registerQueueRoutes(app, db);
  registerCaseRoutes(app, r);
  registerDecisionRoutes(app, r);
  registerBehalfRoutes(app, r);
  // "Ik wil iemand spreken" on every workbench page comes here with the page it came from (`terug`).
  app.get(
    WORKBENCH_HELP_PATH,
    {
      config: STAFF,
      schema: {
        hide: true,
        querystring: Type.Object({ terug: Type.Optional(Type.String({ maxLength: 2000 })) }),
      },
    },
    async (req, reply) => {
      const terug = (req.query as { terug?: string }).terug;
      // Only back to a workbench page: never to another site.
      const back =
        terug && /^\/werkplek(\/[\w\-/]*)?(\?[^#\s]*)?$/.test(terug) && !terug.startsWith(WORKBENCH_HELP_PATH)
          ? terug
          : null;
      return sendWorkbenchPage(db, req, reply, {
        title: t.help.title,
        breadcrumbs: [{ href: WORKBENCH_HELP_PATH, text: t.help.title }],
        content: html`${heading(1, t.help.title)}${paragraph(t.help.intro)}
${paragraph(link(SIGNALS_HELP_PATH, t.help.signals))}${paragraph(back ? link(back, t.help.backTo) : link(WORKBENCH, t.help.back))}`,
      });
    },
  );
}
