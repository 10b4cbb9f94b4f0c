import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { contactHistoryOfPerson } from '../../contact/history.ts';
import {
  aboutChoices,
  type ContactRequest,
  choiceForReturnPath,
  fileRequest,
  requestOfCitizen,
} from '../../contact/requests.ts';
import { contactTexts } from '../../contact/texts.nl.ts';
import { loginPath, safeReturnPath } from '../../platform/auth/oidc.ts';
import { findSession, SESSION_COOKIE, type WebSession } from '../../platform/auth/sessions.ts';
import type { Db } from '../../platform/db/database.ts';
import type { App } from '../../platform/http/server.ts';
import { listOrganisations } from '../../platform/organisations.ts';
import {
  alert,
  buttonLink,
  dataList,
  dateTime,
  heading,
  html,
  link,
  paragraph,
  type Renderable,
  renderPage,
  sendPage,
  table,
} from '../shared/index.ts';
import { type ContactFormValues, checkContactForm, contactForm } from './contact-form.ts';
import { contactPageTexts, dayText } from './texts.nl.ts';

/**
 * The citizen's side: /contact (ways to reach a person; the call-back / appointment form when logged in),
 * the confirmation of a request, and /contact/geschiedenis (my requests and conversations).
 */

const t = contactPageTexts;

const ReturnQuery = Type.Object({ terug: Type.Optional(Type.String({ maxLength: 2000 })) });

function page(
  req: FastifyRequest,
  title: string,
  content: Renderable,
  options: { hasErrors?: boolean; currentPath?: string } = {},
): string {
  return renderPage({
    title,
    currentPath: options.currentPath ?? req.url,
    hasErrors: options.hasErrors,
    breadcrumbs: [
      { href: '/', text: t.contact.home },
      { href: '/contact', text: t.contact.breadcrumb },
      ...(title === t.contact.title ? [] : [{ href: req.url, text: title }]),
    ],
    content,
  });
}

/** The way back to where the person came from, only a local path, never the contact page itself. */
function returnPath(terug: string | undefined): string | undefined {
  if (!terug) return undefined;
  const path = safeReturnPath(terug);
  return path === '/' && terug !== '/' ? undefined : path;
}

async function organisationTable(db: Db): Promise<Renderable> {
  const c = t.contact.columns;
  const organisations = await listOrganisations(db);
  return table({
    caption: t.contact.tableCaption,
    id: 'telefoonnummers',
    rowHeaders: true,
    columns: [{ header: c.organisation }, { header: c.phone }, { header: c.hours }],
    rows: organisations.map((o) => [
      o.name,
      o.phone ? link(`tel:${o.phone.replace(/\s/g, '')}`, o.phone) : t.contact.unknown,
      o.openingHours ?? t.contact.unknown,
    ]),
  });
}

async function contactPage(
  db: Db,
  req: FastifyRequest,
  session: WebSession | null,
  values: ContactFormValues,
  errors: { name: string; message: string }[] = [],
): Promise<string> {
  const back = returnPath(values.terug);
  const here = `/contact${back ? `?terug=${encodeURIComponent(back)}` : ''}`;
  let action: Renderable;
  if (session?.kind === 'citizen') {
    const choices = await aboutChoices(db, session.subject);
    action = html`${heading(2, t.contact.formHeading)}${paragraph(t.contact.formIntro)}${contactForm({
      values,
      choices,
      errors,
      csrfToken: session.csrfToken,
    })}`;
  } else if (session?.kind === 'staff') {
    action = html`${heading(2, t.contact.loginHeading)}${paragraph(t.contact.staffText)}${paragraph(
      link('/werkplek/terugbelverzoeken', t.contact.staffLink),
    )}`;
  } else {
    action = html`${heading(2, t.contact.loginHeading)}${paragraph(t.contact.loginText)}${buttonLink(
      loginPath('citizen', here),
      t.contact.loginButton,
    )}`;
  }
  return page(
    req,
    t.contact.title,
    html`${heading(1, t.contact.title)}${paragraph(t.contact.lead, { lead: true })}
${back && paragraph(link(back, t.contact.back))}
${heading(2, t.contact.callHeading)}${paragraph(t.contact.callIntro)}${await organisationTable(db)}
${heading(2, t.contact.deskHeading)}${paragraph(t.contact.deskText)}
${action}`,
    { hasErrors: errors.length > 0, currentPath: here },
  );
}

async function sessionOf(db: Db, req: FastifyRequest): Promise<WebSession | null> {
  const id = req.cookies?.[SESSION_COOKIE];
  return id ? findSession(db, id) : null;
}

function confirmation(r: ContactRequest, back: string | undefined, organisation: string): Renderable {
  const c = t.confirmation;
  const day = dayText(r.dueDate);
  const when = r.kind === 'terugbellen' ? c.callBy(day) : c.appointmentBy(day);
  return html`${alert({
    type: 'success',
    role: 'status',
    title: c.success,
    content: html`${paragraph(html`<strong>${when}</strong>`)}${paragraph(c.who(organisation))}${paragraph(c.whyDate)}`,
  })}
${heading(2, c.summaryHeading)}
${dataList([
  { key: c.keys.kind, value: contactTexts.kinds[r.kind] },
  { key: c.keys.about, value: r.about },
  { key: c.keys.question, value: r.question },
  { key: c.keys.phone, value: r.phone ?? '' },
  { key: c.keys.time, value: contactTexts.preferredTimes[r.preferredTime] },
  { key: c.keys.dueDate, value: dateTime(r.dueDate) },
])}
${paragraph(link('/contact/geschiedenis', c.historyLink))}
${back && paragraph(link(back, c.back))}`;
}

export function registerCitizenContactPages(app: App, db: Db): void {
  app.get(
    '/contact',
    { config: { auth: 'public' }, schema: { hide: true, querystring: ReturnQuery } },
    async (req, reply) => {
      const session = await sessionOf(db, req);
      const values: ContactFormValues = { terug: returnPath(req.query.terug) };
      if (session?.kind === 'citizen') {
        values.onderwerp = await choiceForReturnPath(db, session.subject, values.terug);
      }
      return sendPage(reply, await contactPage(db, req, session, values));
    },
  );

  app.post(
    '/contact',
    {
      config: { auth: 'session', sessionKind: 'citizen' },
      schema: { hide: true, body: Type.Record(Type.String(), Type.String({ maxLength: 5000 })) },
    },
    async (req, reply) => {
      const session = req.session!;
      const values = req.body as ContactFormValues;
      values.terug = returnPath(values.terug);
      const choices = await aboutChoices(db, session.subject);
      const checked = checkContactForm(values, choices);
      if ('errors' in checked) {
        return sendPage(reply, await contactPage(db, req, session, values, checked.errors), 400);
      }
      const request = await fileRequest(db, {
        bsn: session.subject,
        name: session.data.name ?? '',
        ...checked.ok,
      });
      const back = values.terug ? `?terug=${encodeURIComponent(values.terug)}` : '';
      return reply.redirect(`/contact/verzoek/${request.id}${back}`, 303);
    },
  );

  app.get(
    '/contact/verzoek/:id',
    {
      config: { auth: 'session', sessionKind: 'citizen' },
      schema: {
        hide: true,
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        querystring: ReturnQuery,
      },
    },
    async (req, reply) => {
      const r = await requestOfCitizen(db, req.params.id, req.session!.subject);
      if (!r) {
        return sendPage(
          reply,
          page(
            req,
            t.confirmation.title,
            html`${heading(1, t.confirmation.title)}${paragraph(t.confirmation.notFound)}`,
          ),
          404,
        );
      }
      const organisation =
        (await listOrganisations(db)).find((o) => o.id === r.organisationId)?.name ?? r.organisationId;
      return sendPage(
        reply,
        page(
          req,
          t.confirmation.title,
          html`${heading(1, t.confirmation.title)}${confirmation(r, returnPath(req.query.terug), organisation)}`,
        ),
      );
    },
  );

  app.get(
    '/contact/geschiedenis',
    { config: { auth: 'session', sessionKind: 'citizen' }, schema: { hide: true } },
    async (req, reply) => {
      const bsn = req.session!.subject;
      const history = await contactHistoryOfPerson(db, bsn, { kind: 'citizen', id: bsn });
      const organisations = new Map((await listOrganisations(db)).map((o) => [o.id, o.name]));
      const h = t.history;
      const c = h.columns;
      const requests =
        history.requests.length === 0
          ? paragraph(h.noRequests)
          : table({
              caption: h.requestCaption,
              columns: [
                { header: c.created },
                { header: c.kind },
                { header: c.about },
                { header: h.organisation },
                { header: c.status },
                { header: c.outcome },
              ],
              rows: history.requests.map((r) => [
                dateTime(r.createdAt),
                contactTexts.kinds[r.kind],
                r.about,
                organisations.get(r.organisationId) ?? r.organisationId,
                r.status === 'open'
                  ? html`${h.open}: ${t.confirmation.keys.dueDate.toLowerCase()} ${dateTime(r.dueDate)}`
                  : h.closed,
                r.outcome ? `${contactTexts.outcomes[r.outcome]}. ${r.outcomeNote ?? ''}` : '',
              ]),
            });
      const moments =
        history.moments.length === 0
          ? paragraph(h.noMoments)
          : table({
              caption: h.momentCaption,
              columns: [
                { header: c.date },
                { header: c.channel },
                { header: c.summary },
                { header: c.staff },
              ],
              rows: history.moments.map((m) => [
                dateTime(m.occurredAt),
                contactTexts.channels[m.channel],
                m.summary,
                `${m.staff.name} (${organisations.get(m.organisationId) ?? m.organisationId})`,
              ]),
            });
      return sendPage(
        reply,
        page(
          req,
          h.title,
          html`${heading(1, h.title)}${paragraph(h.lead, { lead: true })}
${heading(2, h.requestsHeading)}${requests}
${heading(2, h.momentsHeading)}${moments}
${paragraph(link('/contact', h.newRequest))}`,
        ),
      );
    },
  );
}
