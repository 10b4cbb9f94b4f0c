import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { localDate } from '../../cases/plan/index.ts';
import { RequestClosedError, recordOutcome } from '../../contact/history.ts';
import {
  type ContactRequest,
  type Outcome,
  requestForStaff,
  requestQueue,
  requestTeams,
} from '../../contact/requests.ts';
import { contactTexts } from '../../contact/texts.nl.ts';
import type { WebSession } from '../../platform/auth/sessions.ts';
import type { Db } from '../../platform/db/database.ts';
import type { App } from '../../platform/http/server.ts';
import { getOrganisation } from '../../platform/organisations.ts';
import {
  alert,
  button,
  buttonGroup,
  checkbox,
  dataList,
  dateTime,
  type FieldError,
  form,
  heading,
  html,
  link,
  paragraph,
  radioGroup,
  type SafeHtml,
  select,
  sendWorkbenchPage,
  table,
  textarea,
  WORKBENCH_PATHS,
  type WorkbenchPage,
} from '../shared/index.ts';
import { requestStatusTag } from './request-tag.ts';
import { contactPageTexts } from './texts.nl.ts';

/**
 * Staff: the queue of call-back and appointment requests of their own organisation, sorted by deadline,
 * and one request with the form that records the outcome (which closes it). Another organisation's
 * request does not exist for them (404).
 */

export const QUEUE_PATH = WORKBENCH_PATHS.callBacks;
const t = contactPageTexts;
const staffRoute = { auth: 'session' as const, sessionKind: 'staff' as const };
const QUEUE_CRUMB = { href: QUEUE_PATH, text: t.queue.title };

function staffOf(session: WebSession) {
  return {
    id: session.subject,
    name: session.data.name ?? session.subject,
    organisationId: session.organisationId,
  };
}

function requestDetails(r: ContactRequest, today: string): SafeHtml {
  const k = t.handle.keys;
  return dataList([
    { key: k.name, value: r.requesterName },
    { key: k.phone, value: r.phone ? link(`tel:${r.phone}`, r.phone) : '' },
    { key: k.kind, value: contactTexts.kinds[r.kind] },
    { key: k.about, value: r.about },
    { key: k.question, value: r.question },
    {
      key: k.time,
      value: `${contactTexts.preferredTimes[r.preferredTime]}${r.preferredNote ? `. ${r.preferredNote}` : ''}`,
    },
    { key: k.team, value: r.team },
    { key: k.due, value: html`${dateTime(r.dueDate)} ${requestStatusTag(r, today)}` },
    ...(r.status === 'closed' && r.outcome
      ? [
          { key: k.outcome, value: contactTexts.outcomes[r.outcome] },
          { key: k.note, value: r.outcomeNote ?? '' },
          {
            key: k.closedBy,
            value: html`${r.closedBy?.name ?? ''}${r.closedAt && html`, ${dateTime(r.closedAt)}`}`,
          },
        ]
      : []),
  ]);
}

function outcomeForm(
  r: ContactRequest,
  csrfToken: string,
  values: { uitkomst?: string; notitie?: string },
  errors: FieldError[],
) {
  const h = t.handle;
  const errorOf = (name: string) => errors.find((e) => e.name === name)?.message;
  return html`${heading(2, h.outcomeHeading)}${form({
    action: `${QUEUE_PATH}/${r.id}`,
    csrfToken,
    errors,
    content: html`${radioGroup({
      name: 'uitkomst',
      label: h.outcome,
      value: values.uitkomst,
      error: errorOf('uitkomst'),
      options: (['reached', 'not-reached'] as const).map((o) => ({ value: o, label: h.outcomeOptions[o] })),
    })}${textarea({
      name: 'notitie',
      label: h.note,
      description: h.noteHint,
      value: values.notitie,
      error: errorOf('notitie'),
      maxLength: 2000,
    })}${buttonGroup(button(h.submit))}`,
  })}`;
}

export function registerStaffContactPages(app: App, db: Db): void {
  app.get(
    QUEUE_PATH,
    {
      config: staffRoute,
      schema: {
        hide: true,
        querystring: Type.Object({
          team: Type.Optional(Type.String({ maxLength: 100 })),
          afgehandeld: Type.Optional(Type.String({ maxLength: 10 })),
        }),
      },
    },
    async (req, reply) => {
      const session = req.session!;
      const organisation = await getOrganisation(db, session.organisationId);
      const team = req.query.team || undefined;
      const includeClosed = req.query.afgehandeld === 'ja';
      const now = new Date();
      const today = localDate(now);
      const queue = await requestQueue(
        db,
        { organisationId: session.organisationId, team, includeClosed },
        { kind: 'staff', id: session.subject },
        now,
      );
      const teams = [
        ...new Set([...(await requestTeams(db, session.organisationId)), session.data.team ?? '']),
      ]
        .filter(Boolean)
        .sort();
      const q = t.queue;
      const filter = form({
        action: QUEUE_PATH,
        method: 'get',
        content: html`${select({
          name: 'team',
          label: q.team,
          optional: true,
          placeholder: q.allTeams,
          value: team,
          options: teams.map((x) => ({ value: x, label: x })),
        })}${checkbox({ name: 'afgehandeld', label: q.includeClosed, optional: true, checked: includeClosed })}${buttonGroup(
          button(q.filterButton, { variant: 'secondary' }),
        )}`,
      });
      const list =
        queue.length === 0
          ? paragraph(q.empty)
          : table({
              caption: q.caption(queue.length),
              id: 'verzoeken',
              columns: [
                { header: q.columns.due },
                { header: q.columns.status },
                { header: q.columns.kind },
                { header: q.columns.name },
                { header: q.columns.about },
                { header: q.columns.team },
              ],
              rows: queue.map((r) => [
                dateTime(r.dueDate),
                requestStatusTag(r, today),
                link(`${QUEUE_PATH}/${r.id}`, contactTexts.kinds[r.kind]),
                r.requesterName,
                r.about,
                r.team,
              ]),
            });
      return sendWorkbenchPage(db, req, reply, {
        title: q.title,
        breadcrumbs: [QUEUE_CRUMB],
        content: html`${heading(1, q.title)}${paragraph(q.lead(organisation?.name ?? session.organisationId))}
${heading(2, q.filterHeading)}${filter}${list}`,
      });
    },
  );

  const Params = Type.Object({ id: Type.String({ maxLength: 64 }) });

  async function showRequest(
    req: FastifyRequest,
    id: string,
    values: { uitkomst?: string; notitie?: string } = {},
    errors: FieldError[] = [],
    saved = false,
  ): Promise<WorkbenchPage> {
    const session = req.session!;
    const r = await requestForStaff(db, id, { organisationId: session.organisationId, id: session.subject });
    if (!r) {
      return {
        status: 404,
        title: t.handle.title,
        breadcrumbs: [QUEUE_CRUMB],
        content: html`${heading(1, t.handle.title)}${paragraph(contactPageTexts.confirmation.notFound)}${paragraph(
          link(QUEUE_PATH, t.handle.back),
        )}`,
      };
    }
    const today = localDate(new Date());
    const content = html`${heading(1, `${t.handle.title}: ${r.requesterName}`)}
${saved && alert({ type: 'success', role: 'status', content: t.handle.saved })}
${r.status === 'open' && r.dueDate < today && alert({ type: 'warning', content: t.handle.overdue })}
${requestDetails(r, today)}
${r.status === 'open' ? outcomeForm(r, session.csrfToken, values, errors) : null}
${paragraph(link(QUEUE_PATH, t.handle.back))}`;
    return {
      status: errors.length > 0 ? 400 : 200,
      title: t.handle.title,
      hasErrors: errors.length > 0,
      breadcrumbs: [QUEUE_CRUMB, { href: `${QUEUE_PATH}/${r.id}`, text: t.handle.title }],
      content,
    };
  }

  app.get(
    `${QUEUE_PATH}/:id`,
    {
      config: staffRoute,
      schema: {
        hide: true,
        params: Params,
        querystring: Type.Object({ opgeslagen: Type.Optional(Type.String({ maxLength: 10 })) }),
      },
    },
    async (req, reply) => {
      return sendWorkbenchPage(
        db,
        req,
        reply,
        await showRequest(req, req.params.id, {}, [], req.query.opgeslagen === 'ja'),
      );
    },
  );

  app.post(
    `${QUEUE_PATH}/:id`,
    {
      config: staffRoute,
      schema: {
        hide: true,
        params: Params,
        body: Type.Record(Type.String(), Type.String({ maxLength: 5000 })),
      },
    },
    async (req, reply) => {
      const body = req.body as { uitkomst?: string; notitie?: string };
      const h = t.handle;
      const errors: FieldError[] = [];
      const outcome = (['reached', 'not-reached'] as const).find((o) => o === body.uitkomst);
      if (!outcome) errors.push({ name: 'uitkomst', message: h.errors.outcome });
      const note = (body.notitie ?? '').trim();
      if (!note) errors.push({ name: 'notitie', message: h.errors.note });
      else if (note.length > 2000) errors.push({ name: 'notitie', message: h.errors.noteLong });
      if (errors.length > 0 || !outcome) {
        return sendWorkbenchPage(db, req, reply, await showRequest(req, req.params.id, body, errors));
      }
      try {
        const moment = await recordOutcome(db, {
          requestId: req.params.id,
          outcome: outcome as Outcome,
          note,
          staff: staffOf(req.session!),
        });
        if (!moment) {
          return sendWorkbenchPage(db, req, reply, {
            ...(await showRequest(req, req.params.id)),
            status: 404,
          });
        }
      } catch (err) {
        if (!(err instanceof RequestClosedError)) throw err;
        return sendWorkbenchPage(db, req, reply, { ...(await showRequest(req, req.params.id)), status: 409 });
      }
      return reply.redirect(`${QUEUE_PATH}/${req.params.id}?opgeslagen=ja`, 303);
    },
  );
}
