import { Type } from 'typebox';
import type { Db } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import type { App } from '../../platform/http/server.ts';
import {
  listSignals,
  type NewSignal,
  raiseSignal,
  type Signal,
  signalOwners,
} from '../../signals/service.ts';
import { FAILURES, PROCESSES, signalTexts as st } from '../../signals/texts.nl.ts';
import { getZaak } from '../../zaken/index.ts';
import {
  button,
  buttonGroup,
  buttonLink,
  dateTime,
  type FieldError,
  form,
  heading,
  html,
  link,
  paragraph,
  radioGroup,
  select,
  sendWorkbenchPage,
  table,
  textarea,
  textField,
} from '../shared/index.ts';
import { errorFor, fieldErrorsOf } from './form-errors.ts';
import { PATHS, STAFF, viewerOf } from './support.ts';
import { learningTexts as t } from './texts.nl.ts';

const uuid = Type.String({ pattern: '^[0-9a-fA-F-]{36}$' });

function signalTable(caption: string, signals: Signal[], withRaiser: boolean) {
  const c = t.signals.columns;
  return table({
    caption,
    columns: [
      { header: c.summary },
      { header: c.about },
      { header: withRaiser ? c.raisedBy : c.owner },
      { header: c.date },
      { header: c.status },
    ],
    rows: signals.map((s) => [
      link(`${PATHS.signals}/${s.id}`, s.summary),
      html`${st.process[s.process]}: ${st.failure[s.failure]}`,
      withRaiser ? s.raisedByName : s.ownerName,
      dateTime(s.createdAt),
      st.status[s.status],
    ]),
  });
}

/** The signal list (mine and my organisation's) and the form to raise one. */
export function registerSignalListRoutes(app: App, db: Db): void {
  app.get('/werkplek/signalen', { config: STAFF }, async (req, reply) => {
    const viewer = viewerOf(req);
    const [mine, forUs] = await Promise.all([
      listSignals(db, viewer, 'mine'),
      listSignals(db, viewer, 'owner'),
    ]);
    const content = html`${heading(1, t.signals.title)}${paragraph(t.signals.intro, { lead: true })}
${buttonGroup(buttonLink(PATHS.newSignal, t.signals.raise))}
${paragraph(link(PATHS.help, t.signals.helpLink))}
${heading(2, t.signals.mine)}${mine.length ? signalTable(t.signals.mine, mine, false) : paragraph(t.signals.mineEmpty)}
${heading(2, t.signals.forUs)}${forUs.length ? signalTable(t.signals.forUs, forUs, true) : paragraph(t.signals.forUsEmpty)}`;
    return sendWorkbenchPage(db, req, reply, { title: t.signals.title, content });
  });

  app.get(
    '/werkplek/signalen/nieuw',
    { config: STAFF, schema: { querystring: Type.Object({ zaak: Type.Optional(uuid) }) } },
    async (req, reply) => {
      const input: NewSignal = { caseId: req.query.zaak ?? null };
      return sendRaiseForm(db, req, reply, input, []);
    },
  );

  app.post(
    '/werkplek/signalen',
    {
      config: STAFF,
      schema: {
        body: Type.Object({
          process: Type.Optional(Type.String({ maxLength: 40 })),
          failure: Type.Optional(Type.String({ maxLength: 40 })),
          owner: Type.Optional(Type.String({ maxLength: 100 })),
          summary: Type.Optional(Type.String({ maxLength: 1000 })),
          description: Type.Optional(Type.String({ maxLength: 10_000 })),
          caseId: Type.Optional(Type.String({ maxLength: 40 })),
        }),
      },
    },
    async (req, reply) => {
      const input: NewSignal = { ...req.body, caseId: req.body.caseId || null };
      try {
        const s = await inTransaction(db, (trx) => raiseSignal(trx, viewerOf(req), input));
        return reply.redirect(`${PATHS.signals}/${s.id}?verstuurd=ja`, 303);
      } catch (err) {
        return sendRaiseForm(db, req, reply, input, fieldErrorsOf(err));
      }
    },
  );
}

async function sendRaiseForm(
  db: Db,
  req: Parameters<typeof viewerOf>[0],
  reply: Parameters<typeof sendWorkbenchPage>[2],
  input: NewSignal,
  errors: FieldError[],
) {
  const r = t.raise;
  const viewer = viewerOf(req);
  const zaak = input.caseId ? await getZaak(db, input.caseId) : undefined;
  const ownCase = zaak && zaak.organisation_id === viewer.organisationId ? zaak : undefined;
  const owners = await signalOwners(db);
  const owner = input.owner ?? (ownCase?.dienst_id ? `dienst:${ownCase.dienst_id}` : undefined);
  const ownerOptions = [
    ...owners.diensten.map((d) => ({ value: d.value, label: `${r.ownerDiensten}: ${d.label}` })),
    ...owners.sources.map((s) => ({ value: s.value, label: `${r.ownerSources}: ${s.label}` })),
  ];
  const content = html`${heading(1, r.title)}${paragraph(r.intro, { lead: true })}
${ownCase && paragraph(r.forCase(ownCase.identificatie))}
${paragraph(link(PATHS.help, t.signals.helpLink))}
${form({
  action: PATHS.signals,
  csrfToken: req.session!.csrfToken,
  errors,
  content: html`${ownCase && html`<input type="hidden" name="caseId" value="${ownCase.id}">`}
${radioGroup({
  name: 'process',
  label: r.process,
  description: r.processHint,
  value: input.process,
  error: errorFor(errors, 'process'),
  options: PROCESSES.map((p) => ({ value: p, label: st.process[p], description: st.processHint[p] })),
})}
${radioGroup({
  name: 'failure',
  label: r.failure,
  value: input.failure,
  error: errorFor(errors, 'failure'),
  options: FAILURES.map((f) => ({ value: f, label: st.failure[f] })),
})}
${select({
  name: 'owner',
  label: r.owner,
  description: r.ownerHint,
  value: owner,
  error: errorFor(errors, 'owner'),
  options: ownerOptions,
})}
${textField({ name: 'summary', label: r.summary, description: r.summaryHint, value: input.summary, error: errorFor(errors, 'summary') })}
${textarea({ name: 'description', label: r.description, description: r.descriptionHint, value: input.description, error: errorFor(errors, 'description') })}
${buttonGroup(button(r.submit), buttonLink(PATHS.signals, r.cancel, 'secondary'))}`,
})}`;
  return sendWorkbenchPage(db, req, reply, {
    title: r.title,
    content,
    hasErrors: errors.length > 0,
    status: errors.length > 0 ? 400 : 200,
    breadcrumbs: [
      { href: PATHS.signals, text: t.signals.title },
      { href: PATHS.newSignal, text: r.title },
    ],
  });
}
