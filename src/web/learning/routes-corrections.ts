import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { getDecision } from '../../decisions/index.ts';
import { reviewTasks } from '../../facts/follow-up.ts';
import { type ReviewDetail, resolveReview, reviewDetail } from '../../facts/review.ts';
import type { Db } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import type { App } from '../../platform/http/server.ts';
import type { RuleRegistry } from '../../rules/index.ts';
import {
  alert,
  button,
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
  sendWorkbenchPage,
  table,
  textarea,
} from '../shared/index.ts';
import { errorFor, fieldErrorsOf } from './form-errors.ts';
import { PATHS, STAFF } from './support.ts';
import { correctionTexts as t } from './texts-corrections.nl.ts';

const params = Type.Object({ id: Type.String({ maxLength: 40 }) });

function show(value: unknown): string {
  if (value === true) return t.yes;
  if (value === false) return t.no;
  if (value === null || value === undefined) return t.empty;
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** A changed value, highlighted and said in words (colour alone is not enough). */
function marked(value: unknown, changed: boolean, word: string): SafeHtml {
  return changed
    ? html`<mark class="loket-changed">${show(value)}</mark> <span class="loket-visually-hidden">(${word})</span>`
    : html`${show(value)}`;
}

/** The correction review: the list of review tasks and one task with old and new side by side. */
export function registerCorrectionRoutes(app: App, db: Db, registry: RuleRegistry): void {
  app.get('/werkplek/correcties', { config: STAFF }, async (req, reply) => {
    const org = req.session!.organisationId;
    const rows = async (status: 'open' | 'done') =>
      Promise.all(
        (await reviewTasks(db, org, status)).map(async (task) => {
          const d = await getDecision(db, task.decisionId);
          return [
            link(`${PATHS.corrections}/${task.id}`, d?.ruleId ?? task.decisionId),
            d ? dateTime(d.referenceDate) : t.empty,
            task.newOutputs === null ? t.noNewOutcome : t.changed,
          ];
        }),
      );
    const [open, done] = await Promise.all([rows('open'), rows('done')]);
    const columns = [
      { header: t.columns.decision },
      { header: t.columns.date },
      { header: t.columns.result },
    ];
    const content = html`${heading(1, t.listTitle)}${paragraph(t.listIntro, { lead: true })}
${heading(2, t.open)}${open.length ? table({ caption: t.open, columns, rows: open }) : paragraph(t.openEmpty)}
${heading(2, t.done)}${done.length ? table({ caption: t.done, columns, rows: done }) : paragraph(t.doneEmpty)}`;
    return sendWorkbenchPage(db, req, reply, {
      title: t.listTitle,
      content,
      breadcrumbs: [{ href: PATHS.corrections, text: t.listTitle }],
    });
  });

  app.get(
    '/werkplek/correcties/:id',
    {
      config: STAFF,
      schema: { params, querystring: Type.Object({ opgeslagen: Type.Optional(Type.Literal('ja')) }) },
    },
    async (req, reply) =>
      sendReviewPage(req, reply, db, req.params.id, [], req.query.opgeslagen ? t.saved : null),
  );

  app.post(
    '/werkplek/correcties/:id',
    {
      config: STAFF,
      schema: {
        params,
        body: Type.Object({
          choice: Type.Optional(Type.String({ maxLength: 20 })),
          motivation: Type.Optional(Type.String({ maxLength: 10_000 })),
        }),
      },
    },
    async (req, reply) => {
      const s = req.session!;
      try {
        await inTransaction(db, (trx) =>
          resolveReview(trx, registry, {
            id: req.params.id,
            organisationId: s.organisationId,
            by: s.subject,
            choice: req.body.choice ?? '',
            motivation: req.body.motivation,
          }),
        );
        return reply.redirect(`${PATHS.corrections}/${req.params.id}?opgeslagen=ja`, 303);
      } catch (err) {
        return sendReviewPage(req, reply, db, req.params.id, fieldErrorsOf(err), null, req.body);
      }
    },
  );
}

function outcomeTable(r: ReviewDetail): SafeHtml {
  const keys = [...new Set([...Object.keys(r.oldOutputs ?? {}), ...Object.keys(r.newOutputs ?? {})])];
  return table({
    caption: t.outcomes,
    rowHeaders: true,
    columns: [
      { header: t.outcomeColumns.part },
      { header: t.outcomeColumns.old },
      { header: t.outcomeColumns.new },
    ],
    rows: keys.map((k) => {
      const before = r.oldOutputs?.[k];
      const after = r.newOutputs === null ? t.noNewOutcome : r.newOutputs[k];
      const changed = r.newOutputs !== null && show(before) !== show(after);
      return [k, show(before), marked(after, changed, t.changed)];
    }),
  });
}

async function sendReviewPage(
  req: FastifyRequest,
  reply: FastifyReply,
  db: Db,
  id: string,
  errors: FieldError[],
  notice: string | null,
  posted: { choice?: string; motivation?: string } = {},
) {
  const s = req.session!;
  const r = await inTransaction(db, (trx) => reviewDetail(trx, id, s.organisationId, s.subject));
  const inputs = table({
    caption: t.inputs,
    rowHeaders: true,
    columns: [
      { header: t.inputColumns.name },
      { header: t.inputColumns.old },
      { header: t.inputColumns.new },
      { header: t.inputColumns.source },
    ],
    rows: r.inputs.map((i) => [
      i.name,
      show(i.oldValue),
      marked(i.newValue, i.changed, t.corrected),
      i.source,
    ]),
  });
  const decide =
    r.status === 'open'
      ? html`${heading(2, t.choose)}${form({
          action: `${PATHS.corrections}/${r.id}`,
          csrfToken: s.csrfToken,
          errors,
          content: html`${radioGroup({
            name: 'choice',
            label: t.choose,
            value: posted.choice,
            error: errorFor(errors, 'choice'),
            options: [
              { value: 'accept', label: t.accept, description: t.acceptHint },
              { value: 'keep', label: t.keep, description: t.keepHint },
            ],
          })}${textarea({ name: 'motivation', label: t.motivation, description: t.motivationHint, value: posted.motivation, error: errorFor(errors, 'motivation') })}${button(t.submit)}`,
        })}`
      : html`${paragraph(html`<strong>${r.resolution ? t.resolved[r.resolution] : ''}</strong> ${t.resolvedBy(r.resolvedBy ?? '')}`)}${r.motivation && paragraph(r.motivation)}`;
  const content = html`${heading(1, t.detailTitle)}
${notice && alert({ type: 'success', role: 'status', content: notice })}
${heading(2, t.why)}${paragraph(t.whyText(r.correction.owner, r.correction.attribute, r.correction.reason))}
${dataList([
  { key: t.rule, value: r.decision.ruleId },
  { key: t.referenceDate, value: dateTime(r.decision.referenceDate) },
])}
${outcomeTable(r)}
${paragraph(t.inputsIntro)}${inputs}
${decide}`;
  return sendWorkbenchPage(db, req, reply, {
    title: t.detailTitle,
    content,
    hasErrors: errors.length > 0,
    status: errors.length > 0 ? 400 : 200,
    breadcrumbs: [
      { href: PATHS.corrections, text: t.listTitle },
      { href: `${PATHS.corrections}/${r.id}`, text: t.detailTitle },
    ],
  });
}
