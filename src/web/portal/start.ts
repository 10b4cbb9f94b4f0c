import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { EngineDeps } from '../../cases/engine/cases.ts';
import {
  checkAnswers,
  getLifeEvent,
  type LifeEvent,
  listLifeEvents,
  requestLifeEvent,
} from '../../cases/engine/life-events.ts';
import { lifeEventProgress } from '../../cases/engine/progress.ts';
import type { LifeEventQuestion } from '../../cases/engine/tables.ts';
import { type BrpClient, SourceUnavailableError } from '../../facts/brp/index.ts';
import type { Db } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { Problem } from '../../platform/http/problem.ts';
import type { App } from '../../platform/http/server.ts';
import { getOrganisation } from '../../platform/organisations.ts';
import { getZaak } from '../../zaken/index.ts';
import {
  alert,
  button,
  buttonLink,
  dataList,
  dateField,
  dateTime,
  type FieldError,
  form,
  heading,
  html,
  link,
  numberField,
  paragraph,
  radioGroup,
  type SafeHtml,
  textField,
  unorderedList,
} from '../shared/index.ts';
import { caseHref } from './home.ts';
import { type Known, knownItems, partnerBsn, whatWeKnow } from './known.ts';
import { CITIZEN_ROUTE, type Citizen, citizenOf, sendNotFound, sendPortalPage } from './page.ts';
import { keepSubmission } from './submissions.ts';
import { portalTexts as tx } from './texts.nl.ts';

/**
 * Starting a life event: one form generated from its questions, prefilled with what the government
 * knows (shown with its source), checked on the server, a confirmation with the case numbers and dates —
 * or, when a source is down, an honest page and the answers kept.
 */

const t = tx.start;
const Id = Type.Object({ id: Type.String({ maxLength: 100 }) });

function field(q: LifeEventQuestion, value: string | undefined, error: string | undefined): SafeHtml {
  const base = { name: q.key, label: q.label, error, optional: !q.required };
  switch (q.type) {
    case 'boolean':
      return radioGroup({
        ...base,
        value,
        options: [
          { value: 'ja', label: t.yes },
          { value: 'nee', label: t.no },
        ],
      });
    case 'date':
      return dateField({ ...base, value });
    case 'number':
      return numberField({ ...base, value });
    case 'bsn':
      return textField({ ...base, value, inputMode: 'numeric', width: 11, autocomplete: 'off' });
    default:
      return textField({ ...base, value });
  }
}

/** Form text to typed answers: "ja"/"nee" → boolean, "1.250,50" → number; empty stays out. */
export function parseAnswers(
  questions: LifeEventQuestion[],
  body: Record<string, unknown>,
): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const q of questions) {
    const raw = typeof body[q.key] === 'string' ? (body[q.key] as string).trim() : '';
    if (raw === '') continue;
    if (q.type === 'boolean') answers[q.key] = raw === 'ja' ? true : raw === 'nee' ? false : raw;
    else if (q.type === 'number') {
      const n = Number(raw.replace(/\./g, '').replace(',', '.'));
      answers[q.key] = Number.isFinite(n) ? n : raw;
    } else answers[q.key] = raw.replace(/\s/g, q.type === 'bsn' ? '' : ' ');
  }
  return answers;
}

function errorsFor(questions: LifeEventQuestion[], answers: Record<string, unknown>): FieldError[] {
  return checkAnswers(questions, answers).flatMap((e) => {
    const q = questions.find((x) => `answers.${x.key}` === e.name);
    if (!q) return [];
    const message =
      e.code === 'required' ? t.required(q.label) : q.type === 'bsn' ? t.bsnInvalid : t.invalid(q.label);
    return [{ name: q.key, message }];
  });
}

/** Every person named in the answers must exist in the BRP. Throws SourceUnavailableError when it is down. */
export async function checkPeople(brp: BrpClient | null, event: LifeEvent, answers: Record<string, unknown>) {
  const errors: FieldError[] = [];
  if (!brp) return errors;
  for (const q of event.questions.filter((x) => x.type === 'bsn')) {
    const bsn = answers[q.key];
    if (typeof bsn === 'string' && !(await brp.getPerson(bsn, ['naam'])))
      errors.push({ name: q.key, message: t.partnerUnknown });
  }
  return errors;
}

interface FormState {
  values?: Record<string, string>;
  errors?: FieldError[];
}

async function showForm(
  req: FastifyRequest,
  reply: FastifyReply,
  db: Db,
  brp: BrpClient | null,
  s: FormState = {},
) {
  const who = citizenOf(req);
  const event = await getLifeEvent(db, (req.params as { id: string }).id);
  if (!event) return sendNotFound(req, reply, tx.notFoundTitle, tx.notFoundTitle);
  const known: Known | null = await inTransaction(db, (trx) =>
    whatWeKnow(trx, brp, who, tx.processing.prefill, req.id),
  );
  const prefill: Record<string, string> = {};
  const partner = known?.ok ? partnerBsn(known.person) : undefined;
  for (const q of event.questions) if (q.type === 'bsn' && partner) prefill[q.key] = partner;
  const values = s.values ?? prefill;
  const errors = s.errors ?? [];
  const knownPart = !known
    ? null
    : known.ok
      ? html`${heading(2, t.knownHeading)}${paragraph(html`${t.knownIntro} ${link('/mijn-gegevens', tx.data.wrong)}`)}${dataList(knownItems(known.person))}`
      : alert({ type: 'warning', content: t.brpUnavailable });
  return sendPortalPage(req, reply, {
    title: event.name,
    hasErrors: errors.length > 0,
    status: errors.length > 0 ? 400 : 200,
    breadcrumbs: [
      { href: '/', text: tx.nav.home },
      { href: '/regelen', text: t.title },
      { href: `/regelen/${event.id}`, text: event.name },
    ],
    content: html`${heading(1, event.name)}${paragraph(event.description)}${knownPart}${form({
      action: `/regelen/${event.id}`,
      csrfToken: who.session.csrfToken,
      errors,
      content: html`${heading(2, t.questions)}${event.questions.map((q) =>
        field(q, values[q.key], errors.find((e) => e.name === q.key)?.message),
      )}${button(t.submit)}`,
    })}`,
  });
}

async function failurePage(
  req: FastifyRequest,
  reply: FastifyReply,
  db: Db,
  kept: { reference: string; dueDate: string },
  source: string,
  orgId: string,
) {
  const o = await getOrganisation(db, orgId);
  const f = tx.failure;
  return sendPortalPage(req, reply, {
    title: f.title,
    status: 503,
    content: html`${heading(1, f.title)}${alert({ type: 'warning', content: f.what(source) })}${paragraph(f.nothingLost)}${paragraph(
      f.next(tx.formatDay(kept.dueDate)),
    )}${dataList([
      { key: f.reference, value: kept.reference },
      ...(o?.phone ? [{ key: tx.casePage.phone, value: `${o.name}: ${o.phone}` }] : []),
      ...(o?.openingHours ? [{ key: tx.casePage.openingHours, value: o.openingHours }] : []),
    ])}${paragraph(f.contact)}`,
  });
}

export function registerStart(app: App, db: Db, engine: EngineDeps, brp: BrpClient | null): void {
  app.get('/regelen', { config: CITIZEN_ROUTE }, async (req, reply) => {
    const events = await listLifeEvents(db);
    const names = new Map<string, string>();
    for (const id of new Set(events.flatMap((e) => e.services.map((s) => s.organisationId))))
      names.set(id, (await getOrganisation(db, id))?.name ?? id);
    return sendPortalPage(req, reply, {
      title: t.title,
      breadcrumbs: [
        { href: '/', text: tx.nav.home },
        { href: '/regelen', text: t.title },
      ],
      content: html`${heading(1, t.title)}${paragraph(t.intro)}${heading(2, t.lifeEvents)}${events.map(
        (e) =>
          html`${heading(3, e.name)}${paragraph(e.description)}${paragraph(t.organisations)}${unorderedList(
            e.services.map((s) => `${names.get(s.organisationId)}: ${s.why}`),
          )}${paragraph(buttonLink(`/regelen/${e.id}`, t.begin(e.name)))}`,
      )}`,
    });
  });

  app.get('/regelen/:id', { config: CITIZEN_ROUTE, schema: { params: Id } }, (req, reply) =>
    showForm(req, reply, db, brp),
  );

  app.post(
    '/regelen/:id',
    {
      config: CITIZEN_ROUTE,
      schema: { params: Id, body: Type.Record(Type.String(), Type.String({ maxLength: 2000 })) },
    },
    async (req, reply) => {
      const who = citizenOf(req);
      const event = await getLifeEvent(db, (req.params as { id: string }).id);
      if (!event) return sendNotFound(req, reply, tx.notFoundTitle, tx.notFoundTitle);
      const body = req.body as Record<string, string>;
      const answers = parseAnswers(event.questions, body);
      const values = Object.fromEntries(event.questions.map((q) => [q.key, body[q.key] ?? '']));
      let errors = errorsFor(event.questions, answers);
      if (errors.length > 0) return showForm(req, reply, db, brp, { values, errors });
      try {
        errors = await checkPeople(brp, event, answers);
      } catch (err) {
        if (!(err instanceof SourceUnavailableError)) throw err;
        return keepAndTell(req, reply, who, event, answers, t.source, tx.failure.brpSource);
      }
      if (errors.length > 0) return showForm(req, reply, db, brp, { values, errors });
      try {
        const request = await inTransaction(db, (trx) =>
          requestLifeEvent(trx, engine, {
            lifeEventId: event.id,
            bsn: who.bsn,
            answers,
            actor: { kind: 'citizen', id: who.actorId, name: who.name },
          }),
        );
        return reply.redirect(`/regelen/aanvraag/${request.requestId}`, 303);
      } catch (err) {
        if (err instanceof Problem && err.status < 500) throw err;
        req.log.error({ err }, 'life event request failed; kept for retry');
        return keepAndTell(req, reply, who, event, answers, 'engine', tx.failure.otherSource);
      }
    },
  );

  const keepAndTell = async (
    req: FastifyRequest,
    reply: FastifyReply,
    who: Citizen,
    event: LifeEvent,
    answers: Record<string, unknown>,
    failure: string,
    source: string,
  ) => {
    const organisationId = event.services[0]?.organisationId ?? who.session.organisationId;
    const kept = await inTransaction(db, (trx) =>
      keepSubmission(trx, {
        who,
        lifeEvent: { id: event.id, name: event.name, organisationId },
        answers,
        failure: `${failure} niet bereikbaar`,
        traceId: req.id,
      }),
    );
    return failurePage(req, reply, db, kept, source, organisationId);
  };

  app.get(
    '/regelen/aanvraag/:id',
    { config: CITIZEN_ROUTE, schema: { params: Type.Object({ id: Type.String({ format: 'uuid' }) }) } },
    async (req, reply) => {
      const who = citizenOf(req);
      const progress = await lifeEventProgress(db, (req.params as { id: string }).id, {
        kind: 'citizen',
        bsn: who.bsn,
      }).catch((err) => {
        if (err instanceof Problem && err.status === 404) return null;
        throw err;
      });
      if (!progress) return sendNotFound(req, reply, tx.notFoundTitle, tx.notFoundTitle);
      const items = [];
      for (const s of progress.services) {
        const zaak = s.caseId ? await getZaak(db, s.caseId) : null;
        items.push(
          html`${heading(2, `${s.organisation.name}: ${s.dienst}`)}${paragraph(s.why)}${dataList([
            ...(zaak ? [{ key: t.caseNumber, value: zaak.identificatie }] : []),
            ...(s.deadline ? [{ key: t.decideBy, value: dateTime(s.deadline.dueDate) }] : []),
          ])}${s.openTasks && s.openTasks.length > 0 && paragraph(s.openTasks.map((x) => x.name).join(', '))}${
            s.caseId && paragraph(link(caseHref({ id: s.caseId }), t.seeCase))
          }`,
        );
      }
      return sendPortalPage(req, reply, {
        title: t.confirmTitle,
        content: html`${heading(1, t.confirmTitle)}${alert({ type: 'success', role: 'status', content: progress.lifeEvent.name })}${paragraph(
          t.confirmIntro,
        )}${items}`,
      });
    },
  );
}
