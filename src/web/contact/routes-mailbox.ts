import { caughtMail } from '../../contact/mailbox.ts';
import type { Db } from '../../platform/db/database.ts';
import type { App } from '../../platform/http/server.ts';
import { dateTime, heading, html, paragraph, renderPage, sendPage, table } from '../shared/index.ts';
import { contactPageTexts } from './texts.nl.ts';

/** The demo's mail catcher, at /demo/e-mail: every e-mail Loket would have sent. Only in demo mode. */

export const MAILBOX_PATH = '/demo/e-mail';
const t = contactPageTexts.mailbox;

/** Only the last four digits of a BSN are shown. */
function maskBsn(bsn: string): string {
  return `*****${bsn.slice(-4)}`;
}

export function registerDemoMailbox(app: App, db: Db): void {
  app.get(MAILBOX_PATH, { config: { auth: 'public' }, schema: { hide: true } }, async (req, reply) => {
    const mail = await caughtMail(db);
    const list =
      mail.length === 0
        ? paragraph(t.empty)
        : table({
            caption: t.caption,
            id: 'e-mails',
            columns: [
              { header: t.columns.at },
              { header: t.columns.to },
              { header: t.columns.subject },
              { header: t.columns.body },
            ],
            rows: mail.map((m) => [
              dateTime(m.createdAt),
              t.to(maskBsn(m.recipientBsn)),
              m.subject,
              m.body.split('\n\n').map((part) => paragraph(part.replace(/\n/g, ' '))),
            ]),
          });
    return sendPage(
      reply,
      renderPage({
        title: t.title,
        currentPath: req.url,
        breadcrumbs: [
          { href: '/', text: contactPageTexts.contact.home },
          { href: MAILBOX_PATH, text: t.title },
        ],
        content: html`${heading(1, t.title)}${paragraph(t.lead, { lead: true })}${list}`,
      }),
    );
  });
}
