import type { Db } from '../../platform/db/database.ts';
import type { App } from '../../platform/http/server.ts';
import {
  buttonLink,
  dateTime,
  heading,
  html,
  link,
  paragraph,
  type SafeHtml,
  table,
  taskList,
  unorderedList,
} from '../shared/index.ts';
import {
  Organisations,
  type Overview,
  type PortalCase,
  type RuleTitle,
  readOverview,
  taskHref,
} from './overview.ts';
import { CITIZEN_ROUTE, citizenOf, sendPortalPage } from './page.ts';
import { portalTexts as tx } from './texts.nl.ts';

/** "/": what needs my attention, my cases at every organisation, and my life events with their progress. */

export const caseHref = (c: { id: string }) => `/zaken/${c.id}`;

function attention(o: Overview): SafeHtml {
  const unread = o.messages.filter((m) => !m.read && m.kind !== 'request');
  const decisions = unread.filter((m) => m.kind === 'decision');
  const items = [
    o.tasks.length > 0 &&
      html`${heading(3, tx.home.tasksHeading)}${taskList(
        o.tasks.map((t) => ({
          title: tx.home.task(t.name, t.organisationName),
          status: 'todo' as const,
          href: taskHref(t),
          deadline: t.dueDate ?? undefined,
        })),
        { label: tx.home.tasksHeading },
      )}`,
    decisions.length > 0 &&
      html`${paragraph(tx.home.decisionsToRead(decisions.length))}${unorderedList(
        decisions.map((m) =>
          link(m.href ?? `/berichten/${encodeURIComponent(m.key)}`, tx.home.decision(m.subject, m.from)),
        ),
      )}`,
    unread.length > 0 &&
      paragraph(html`${tx.home.unreadMessages(unread.length)} ${link('/berichten', tx.home.readMessages)}`),
  ].filter(Boolean);
  return html`<section aria-labelledby="aandacht">${heading(2, tx.home.attention, { id: 'aandacht' })}${
    items.length > 0 ? items : paragraph(tx.home.nothingNeeded)
  }</section>`;
}

function lifeEvents(o: Overview): SafeHtml | null {
  if (o.lifeEvents.length === 0) return null;
  const byId = new Map(o.cases.map((c) => [c.id, c]));
  const events = o.lifeEvents.map((e) => {
    const cases = e.caseIds.map((id) => byId.get(id)).filter((c): c is PortalCase => c !== undefined);
    const done = cases.filter((c) => c.status === 'completed').length;
    return html`${heading(3, e.name)}${paragraph(tx.home.lifeEventProgress(done, cases.length))}${unorderedList(
      cases.map(
        (c) => html`${link(caseHref(c), c.name)} — ${c.organisation.name}: ${tx.caseStatus[c.status]}`,
      ),
    )}`;
  });
  return html`<section aria-labelledby="levensgebeurtenissen">${heading(2, tx.home.lifeEventsHeading, { id: 'levensgebeurtenissen' })}${events}</section>`;
}

function cases(o: Overview): SafeHtml {
  const open = o.cases.filter((c) => c.status === 'active' || c.status === 'waiting');
  const closed = o.cases.length - open.length;
  const cols = tx.home.caseColumns;
  return html`<section aria-labelledby="zaken">${heading(2, tx.home.casesHeading, { id: 'zaken' })}${
    open.length === 0
      ? paragraph(tx.home.noCases)
      : table({
          id: 'zaken-tabel',
          caption: tx.home.casesCaption,
          columns: [
            { header: cols.case },
            { header: cols.organisation },
            { header: cols.status },
            { header: cols.since },
          ],
          rowHeaders: true,
          rows: open.map((c) => [
            link(caseHref(c), c.name),
            c.organisation.name,
            tx.caseStatus[c.status],
            dateTime(c.startdatum),
          ]),
        })
  }${closed > 0 && paragraph(tx.home.closedCases(closed), { small: true })}</section>`;
}

export function registerHome(app: App, db: Db, ruleTitle: RuleTitle): void {
  app.get('/', { config: CITIZEN_ROUTE }, async (req, reply) => {
    const who = citizenOf(req);
    const o = await readOverview(db, who, req.id, new Organisations(db), ruleTitle);
    return sendPortalPage(req, reply, {
      title: tx.home.title,
      content: html`${heading(1, tx.home.welcome(who.name))}${attention(o)}${lifeEvents(o)}${cases(o)}${buttonLink(
        '/regelen',
        tx.home.startSomething,
        'secondary',
      )}`,
    });
  });
}
