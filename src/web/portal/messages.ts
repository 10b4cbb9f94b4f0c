import { Type } from 'typebox';
import type { Db } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import type { App } from '../../platform/http/server.ts';
import { dateTime, heading, html, link, paragraph } from '../shared/index.ts';
import { markRead, Organisations, type RuleTitle, readOverview } from './overview.ts';
import { CITIZEN_ROUTE, citizenOf, sendNotFound, sendPortalPage } from './page.ts';
import { portalTexts as tx } from './texts.nl.ts';

/**
 * One inbox for everything organisations send: decisions, notices about a case (it takes longer),
 * requests (a task for me) and messages about my data (after a correction) — with read and unread.
 */

const t = tx.messages;

export function registerMessages(app: App, db: Db, ruleTitle: RuleTitle): void {
  app.get('/berichten', { config: CITIZEN_ROUTE }, async (req, reply) => {
    const who = citizenOf(req);
    const o = await readOverview(db, who, req.id, new Organisations(db), ruleTitle);
    const items = o.messages.map(
      (m) => html`<li class="loket-message${m.read ? '' : ' loket-message--unread'}">
<p class="utrecht-paragraph"><span class="loket-tag loket-tag--${m.read ? 'done' : 'todo'}">${m.read ? t.read : t.unread}</span> ${t.kinds[m.kind]} · ${t.from} ${m.from} · ${dateTime(m.at)}</p>
${heading(2, link(`/berichten/${encodeURIComponent(m.key)}`, m.subject))}
</li>`,
    );
    return sendPortalPage(req, reply, {
      title: t.title,
      content: html`${heading(1, t.title)}${paragraph(t.intro)}${
        items.length === 0 ? paragraph(t.none) : html`<ul class="loket-messages">${items}</ul>`
      }`,
    });
  });

  app.get(
    '/berichten/:key',
    { config: CITIZEN_ROUTE, schema: { params: Type.Object({ key: Type.String({ maxLength: 200 }) }) } },
    async (req, reply) => {
      const who = citizenOf(req);
      const { key } = req.params as { key: string };
      const m = await inTransaction(db, async (trx) => {
        const found = (
          await readOverview(trx, who, req.id, new Organisations(trx, db), ruleTitle)
        ).messages.find((x) => x.key === key);
        if (found) await markRead(trx, who.bsn, key);
        return found;
      });
      if (!m) return sendNotFound(req, reply, t.notFound, t.notFound);
      return sendPortalPage(req, reply, {
        title: m.subject,
        breadcrumbs: [
          { href: '/', text: tx.nav.home },
          { href: '/berichten', text: t.title },
          { href: `/berichten/${encodeURIComponent(key)}`, text: m.subject },
        ],
        content: html`${heading(1, m.subject)}${paragraph(`${t.kinds[m.kind]} · ${t.from} ${m.from}`, { small: true })}${paragraph(
          dateTime(m.at),
          { small: true },
        )}${m.body.split('\n').map((p) => paragraph(p))}${m.href && paragraph(link(m.href, m.kind === 'decision' ? tx.casePage.readDecision : t.goTo))}${paragraph(
          link('/berichten', t.backToMessages),
        )}`,
      });
    },
  );
}
