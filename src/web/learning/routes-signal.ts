import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { getImprovementItem, openImprovementItems } from '../../facts/improvements.ts';
import type { Db } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import type { App } from '../../platform/http/server.ts';
import { getOrganisation } from '../../platform/organisations.ts';
import { handleSignal, linkImprovement, signalForViewer } from '../../signals/service.ts';
import { FAILURES, PROCESSES, STATUSES, signalTexts as st } from '../../signals/texts.nl.ts';
import {
  alert,
  button,
  dataList,
  dateTime,
  type FieldError,
  form,
  heading,
  html,
  paragraph,
  select,
  sendWorkbenchPage,
  table,
  textarea,
  unorderedList,
} from '../shared/index.ts';
import { errorFor, fieldErrorsOf } from './form-errors.ts';
import { PATHS, STAFF, viewerOf } from './support.ts';
import { learningTexts as t } from './texts.nl.ts';

const params = Type.Object({ id: Type.String({ maxLength: 40 }) });
const d = t.detail;

/** One signal: what it is, where it stands, its history; for the owner the forms to handle it. */
export function registerSignalRoutes(app: App, db: Db): void {
  app.get('/werkplek/signalen/hulp', { config: STAFF }, async (req, reply) => {
    const org = await getOrganisation(db, req.session!.organisationId);
    const h = t.help;
    const content = html`${heading(1, h.title)}${paragraph(h.intro, { lead: true })}
${heading(2, h.stepsTitle)}<ol class="utrecht-ordered-list">${h.steps.map((s) => html`<li class="utrecht-ordered-list__item">${s}</li>`)}</ol>
${heading(2, h.exampleTitle)}${paragraph(h.example)}
${heading(2, h.processesTitle)}${unorderedList(PROCESSES.map((p) => html`<strong>${st.process[p]}</strong>: ${st.processHint[p]}`))}
${heading(2, h.failuresTitle)}${unorderedList(FAILURES.map((f) => st.failure[f]))}
${heading(2, h.contactTitle)}${paragraph(h.contact(org?.name ?? '', org?.phone ?? null))}`;
    return sendWorkbenchPage(db, req, reply, {
      title: h.title,
      content,
      breadcrumbs: [
        { href: PATHS.signals, text: t.signals.title },
        { href: PATHS.help, text: t.nav.help },
      ],
    });
  });

  app.get(
    '/werkplek/signalen/:id',
    {
      config: STAFF,
      schema: {
        params,
        querystring: Type.Object({
          verstuurd: Type.Optional(Type.Literal('ja')),
          opgeslagen: Type.Optional(Type.Literal('ja')),
        }),
      },
    },
    async (req, reply) => {
      const notice = req.query.verstuurd ? t.raise.sent : req.query.opgeslagen ? d.saved : null;
      return sendSignalPage(req, reply, db, req.params.id, [], notice);
    },
  );

  const post = (
    path: string,
    body: Parameters<typeof Type.Object>[0],
    act: (req: FastifyRequest) => Promise<unknown>,
  ) =>
    app.post(path, { config: STAFF, schema: { params, body: Type.Object(body) } }, async (req, reply) => {
      const id = (req.params as { id: string }).id;
      try {
        await act(req);
        return reply.redirect(`${PATHS.signals}/${id}?opgeslagen=ja`, 303);
      } catch (err) {
        return sendSignalPage(
          req,
          reply,
          db,
          id,
          fieldErrorsOf(err),
          null,
          req.body as Record<string, string>,
        );
      }
    });

  post(
    '/werkplek/signalen/:id/reactie',
    {
      status: Type.Optional(Type.String({ maxLength: 40 })),
      response: Type.Optional(Type.String({ maxLength: 10_000 })),
    },
    (req) => {
      const b = req.body as { status?: string; response?: string };
      return inTransaction(db, (trx) =>
        handleSignal(trx, viewerOf(req), (req.params as { id: string }).id, b),
      );
    },
  );
  post(
    '/werkplek/signalen/:id/verbeterpunt',
    {
      improvementId: Type.Optional(Type.String({ maxLength: 40 })),
      cause: Type.Optional(Type.String({ maxLength: 10_000 })),
    },
    (req) => {
      const b = req.body as { improvementId?: string; cause?: string };
      return inTransaction(db, (trx) =>
        linkImprovement(trx, viewerOf(req), (req.params as { id: string }).id, {
          improvementId: b.improvementId || undefined,
          cause: b.cause,
        }),
      );
    },
  );
}

async function sendSignalPage(
  req: FastifyRequest,
  reply: FastifyReply,
  db: Db,
  id: string,
  errors: FieldError[],
  notice: string | null,
  posted: Record<string, string> = {},
) {
  const viewer = viewerOf(req);
  const { signal: s, events, canHandle } = await inTransaction(db, (trx) => signalForViewer(trx, viewer, id));
  const improvement = s.improvementId
    ? await getImprovementItem(db, s.improvementId, s.ownerOrganisationId)
    : null;
  const openItems = canHandle ? await openImprovementItems(db, viewer.organisationId) : [];
  const csrf = req.session!.csrfToken;
  const history = table({
    caption: d.history,
    columns: [
      { header: d.historyColumns.when },
      { header: d.historyColumns.who },
      { header: d.historyColumns.what },
      { header: d.historyColumns.note },
    ],
    rows: events.map((e) => [
      dateTime(e.at),
      e.actorName,
      `${st.event[e.kind]}${e.status ? `: ${st.status[e.status]}` : ''}`,
      e.text ?? '',
    ]),
  });
  const handleForms =
    canHandle &&
    html`${heading(2, d.handle)}${form({
      action: `${PATHS.signals}/${s.id}/reactie`,
      csrfToken: csrf,
      errors: errors.filter((e) => ['status', 'response'].includes(e.name)),
      content: html`${select({
        name: 'status',
        label: d.newStatus,
        value: posted.status ?? s.status,
        placeholder: false,
        options: STATUSES.map((x) => ({ value: x, label: st.status[x] })),
        error: errorFor(errors, 'status'),
      })}${textarea({ name: 'response', label: d.response, description: d.responseHint, value: posted.response, error: errorFor(errors, 'response') })}${button(d.save)}`,
    })}
${heading(2, d.link)}${paragraph(d.linkIntro)}${form({
  action: `${PATHS.signals}/${s.id}/verbeterpunt`,
  csrfToken: csrf,
  errors: errors.filter((e) => ['improvementId', 'cause'].includes(e.name)),
  content: html`${select({
    name: 'improvementId',
    label: d.existing,
    value: posted.improvementId ?? '',
    placeholder: d.existingNone,
    options: openItems.map((i) => ({ value: i.id, label: `${i.attribute} (${i.sourceName})` })),
    error: errorFor(errors, 'improvementId'),
  })}${textarea({ name: 'cause', label: d.cause, description: d.causeHint, optional: true, value: posted.cause, error: errorFor(errors, 'cause') })}${button(d.linkSubmit)}`,
})}`;
  const content = html`${heading(1, d.title(s.summary))}
${notice && alert({ type: 'success', role: 'status', content: notice })}
${dataList([
  { key: d.status, value: html`<strong>${st.status[s.status]}</strong>` },
  { key: d.whatNext, value: st.statusMeaning[s.status] },
  { key: d.owner, value: s.ownerName },
  ...(s.dienstName ? [{ key: d.dienst, value: s.dienstName }] : []),
  { key: d.process, value: st.process[s.process] },
  { key: d.failure, value: st.failure[s.failure] },
  { key: d.raisedBy, value: s.raisedByName },
  { key: d.raisedAt, value: dateTime(s.createdAt) },
  { key: d.description, value: s.description },
  {
    key: d.improvement,
    value: improvement
      ? html`${improvement.attribute}: ${improvement.cause} (${d.improvementStatus[improvement.status]})`
      : d.improvementNone,
  },
])}
${history}
${canHandle ? handleForms : paragraph(d.notOwner)}`;
  return sendWorkbenchPage(db, req, reply, {
    title: d.title(s.summary),
    content,
    hasErrors: errors.length > 0,
    status: errors.length > 0 ? 400 : 200,
    breadcrumbs: [
      { href: PATHS.signals, text: t.signals.title },
      { href: `${PATHS.signals}/${s.id}`, text: s.summary },
    ],
  });
}
