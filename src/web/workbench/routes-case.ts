import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { planEventProblem } from '../../cases/engine/apply.ts';
import type { EngineDeps } from '../../cases/engine/cases.ts';
import { extendDeadline, resumeDeadline, suspendDeadline } from '../../cases/engine/deadlines.ts';
import { activateOptional, addAdhocTask, completeTask } from '../../cases/engine/tasks.ts';
import { recordContact } from '../../contact/index.ts';
import { sendPersonMessage } from '../../facts/messages.ts';
import type { Db } from '../../platform/db/database.ts';
import { inTransaction, type Trx } from '../../platform/db/transaction.ts';
import { Problem } from '../../platform/http/problem.ts';
import type { App } from '../../platform/http/server.ts';
import { getOrganisation } from '../../platform/organisations.ts';
import { recordProcessing } from '../../processing-log/index.ts';
import type { RuleRegistry } from '../../rules/index.ts';
import { type FieldError, sendWorkbenchPage } from '../shared/index.ts';
import { RECORDABLE_CHANNELS, renderCase, renderSharedCase } from './case-page.ts';
import { type FormState, loadCaseView } from './case-view.ts';
import { recordAction, rememberStaff } from './store.ts';
import {
  actorOf,
  field,
  ISO_DATE,
  redirectTo,
  STAFF,
  type Staff,
  sendProblemPage,
  staffOf,
  WORKBENCH,
} from './support.ts';
import { workbenchTexts } from './texts.nl.ts';

const t = workbenchTexts.casePage;
export const CaseParams = Type.Object({ zaakId: Type.String({ format: 'uuid' }) });
export const FormBody = Type.Record(
  Type.String({ maxLength: 200 }),
  Type.Union([Type.String({ maxLength: 20_000 }), Type.Array(Type.String({ maxLength: 20_000 }))]),
);
const anchor = (instanceId: string) => `taak-${instanceId.replace(/[^A-Za-z0-9_-]/g, '-')}`;

export interface CaseRoutes {
  db: Db;
  deps: EngineDeps;
  baseUrl: string;
  registry: RuleRegistry;
}

/** Renders the case page (with a message after a successful action, or a form's errors). */
export async function showCase(
  r: CaseRoutes,
  req: FastifyRequest,
  reply: FastifyReply,
  caseId: string,
  extra: { message?: string; state?: FormState } = {},
): Promise<FastifyReply> {
  const staff = staffOf(req);
  try {
    const view = await inTransaction(r.db, (trx) =>
      loadCaseView(trx, r.deps, r.baseUrl, staff, caseId, req.id),
    );
    if (view.kind === 'shared') {
      const owner = (await getOrganisation(r.db, view.organisationId))?.name ?? view.organisationId;
      return sendWorkbenchPage(r.db, req, reply, {
        title: view.progress.lifeEvent.name,
        content: renderSharedCase(view, owner),
      });
    }
    const rules = r.registry.ruleIds().map((id) => ({
      id,
      title: r.registry.versions(id).at(-1)?.definition.title ?? id,
    }));
    const hasErrors = Boolean(extra.state?.errors.length);
    return sendWorkbenchPage(r.db, req, reply, {
      title: t.title(view.record.identificatie),
      hasErrors,
      // A refused form: the page again with the errors at the fields, and 400 (the input was not taken).
      status: hasErrors ? 400 : 200,
      breadcrumbs: [{ href: `${WORKBENCH}/zaken/${caseId}`, text: t.title(view.record.identificatie) }],
      content: renderCase({ view, staff, rules, ...extra }),
    });
  } catch (err) {
    return sendProblemPage(r.db, req, reply, err);
  }
}

/** A form's refusal as field errors on the page; anything else as a problem page. */
export class FormErrors extends Error {
  constructor(readonly errors: FieldError[]) {
    super('form errors');
  }
}

export type ActionResult = { message: string; anchor?: string };

/**
 * One case action: a server-checked form post, run in one transaction with the workbench's record of who
 * did it and why; post, redirect, get on success; the case page with the errors at the fields otherwise.
 */
export function caseAction(
  app: App,
  r: CaseRoutes,
  path: string,
  formName: (body: Record<string, string>) => string,
  work: (trx: Trx, staff: Staff, caseId: string, body: Record<string, string>) => Promise<ActionResult>,
): void {
  app.post(
    `${WORKBENCH}/zaken/:zaakId/${path}`,
    { config: STAFF, schema: { hide: true, params: CaseParams, body: FormBody } },
    async (req, reply) => {
      const staff = staffOf(req);
      // Whoever acts on a case is in the colleague list, so the page can name them (e.g. the approver).
      await rememberStaff(r.db, staff);
      const { zaakId, ...params } = req.params as Record<string, string>;
      const raw = req.body as Record<string, string | string[]>;
      const body: Record<string, string> = Object.fromEntries(
        Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0]! : v]),
      );
      // Other path parameters (a decision's id) reach the action as `_name`.
      for (const [k, v] of Object.entries(params)) body[`_${k}`] = v;
      try {
        const done = await inTransaction(r.db, (trx) => work(trx, staff, zaakId!, body));
        return redirectTo(
          reply,
          `${WORKBENCH}/zaken/${zaakId!}?bericht=${done.message}${done.anchor ? `#${done.anchor}` : ''}`,
        );
      } catch (caught) {
        const err = planEventProblem(caught);
        const errors =
          err instanceof FormErrors
            ? err.errors
            : err instanceof Problem && err.status === 400 && err.invalidParams?.length
              ? err.invalidParams.map((p) => ({ name: p.name, message: p.reason }))
              : null;
        if (!errors) return sendProblemPage(r.db, req, reply, err);
        return showCase(r, req, reply, zaakId!, { state: { form: formName(body), errors, values: body } });
      }
    },
  );
}

function need(body: Record<string, string>, checks: [name: string, label: string][]): void {
  const errors = checks
    .filter(([name]) => !field(body, name))
    .map(([name, label]) => ({ name, message: t.required(label) }));
  if (errors.length) throw new FormErrors(errors);
}

async function subjectOf(r: CaseRoutes, trx: Trx, caseId: string, organisationId: string) {
  const record = await r.deps.records.get(trx, caseId);
  if (!record || record.organisationId !== organisationId)
    throw new Problem(404, 'not_found', workbenchTexts.errors.notFoundTitle, workbenchTexts.errors.notFound);
  return record.subjectBsn;
}

export function registerCaseRoutes(app: App, r: CaseRoutes): void {
  app.get(
    `${WORKBENCH}/zaken/:zaakId`,
    {
      config: STAFF,
      schema: {
        hide: true,
        params: CaseParams,
        querystring: Type.Object({ bericht: Type.Optional(Type.String({ maxLength: 40 })) }),
      },
    },
    async (req, reply) => {
      await rememberStaff(r.db, staffOf(req));
      const { zaakId } = req.params as { zaakId: string };
      const code = (req.query as { bericht?: string }).bericht;
      return showCase(r, req, reply, zaakId, { message: code ? t.done[code] : undefined });
    },
  );

  caseAction(
    app,
    r,
    'taak-afronden',
    (b) => `taak-${b.taak}`,
    async (trx, staff, caseId, body) => {
      const taak = body.taak ?? '';
      const note = field(body, `notitie-${anchor(taak)}`);
      await completeTask(trx, {
        caseId,
        organisationId: staff.organisationId,
        instanceId: taak,
        actor: actorOf(staff),
        outcome: note ? { note } : undefined,
      });
      await recordAction(trx, staff, {
        caseId,
        action: 'task-completed',
        reason: note,
        details: { task: taak },
      });
      return { message: 'voltooid', anchor: anchor(taak) };
    },
  );

  caseAction(
    app,
    r,
    'taak-activeren',
    (b) => `taak-${b.taak}`,
    async (trx, staff, caseId, body) => {
      const taak = body.taak ?? '';
      const name = `reden-${anchor(taak)}`;
      need(body, [[name, t.activateReason]]);
      await activateOptional(trx, {
        caseId,
        organisationId: staff.organisationId,
        instanceId: taak,
        actor: actorOf(staff),
        reason: field(body, name),
      });
      return { message: 'geactiveerd', anchor: anchor(taak) };
    },
  );

  caseAction(
    app,
    r,
    'extra-taak',
    () => 'extra-taak',
    async (trx, staff, caseId, body) => {
      need(body, [
        ['naam', t.adhocName],
        ['team', t.adhocTeam],
        ['reden', t.adhocReason],
      ]);
      const due = field(body, 'uiterlijk');
      if (due && !ISO_DATE.test(due))
        throw new FormErrors([{ name: 'uiterlijk', message: workbenchTexts.errors.date }]);
      const id = await addAdhocTask(trx, {
        caseId,
        organisationId: staff.organisationId,
        name: field(body, 'naam'),
        description: field(body, 'omschrijving'),
        assignee: { kind: 'team', team: field(body, 'team')! },
        dueDate: due,
        reason: field(body, 'reden'),
        actor: actorOf(staff),
      });
      return { message: 'toegevoegd', anchor: anchor(id) };
    },
  );

  caseAction(
    app,
    r,
    'termijn',
    (b) => `termijn-${b.soort}`,
    async (trx, staff, caseId, body) => {
      const kind = body.soort ?? '';
      const reason = field(body, `reden-${kind}`);
      const action = body.actie;
      const request = { caseId, organisationId: staff.organisationId, kind, actor: actorOf(staff), reason };
      if (action !== 'hervatten') need(body, [[`reden-${kind}`, t.deadlineReason]]);
      if (action === 'opschorten') await suspendDeadline(trx, request);
      else if (action === 'hervatten') await resumeDeadline(trx, request);
      else if (action === 'verlengen') {
        const until = field(body, `tot-${kind}`);
        if (!until || !ISO_DATE.test(until))
          throw new FormErrors([{ name: `tot-${kind}`, message: workbenchTexts.errors.date }]);
        const subjectBsn = await subjectOf(r, trx, caseId, staff.organisationId);
        await extendDeadline(trx, { ...request, until, subjectBsn });
      } else throw new Problem(400, 'unknown-action', t.deadlines);
      await recordAction(trx, staff, {
        caseId,
        action: `deadline-${action === 'opschorten' ? 'suspended' : action === 'hervatten' ? 'resumed' : 'extended'}`,
        reason,
        details: { kind },
      });
      return {
        message: action === 'opschorten' ? 'opgeschort' : action === 'hervatten' ? 'hervat' : 'verlengd',
        anchor: 'termijnen',
      };
    },
  );

  caseAction(
    app,
    r,
    'bericht',
    () => 'bericht',
    async (trx, staff, caseId, body) => {
      need(body, [
        ['onderwerp', t.messageSubject],
        ['tekst', t.messageBody],
      ]);
      const bsn = await subjectOf(r, trx, caseId, staff.organisationId);
      if (!bsn) throw new Problem(409, 'no-subject', t.contact);
      await sendPersonMessage(trx, {
        organisationId: staff.organisationId,
        bsn,
        subject: field(body, 'onderwerp')!,
        body: field(body, 'tekst')!,
      });
      await recordProcessing(trx, {
        organisationId: staff.organisationId,
        operation: 'write',
        actor: { kind: 'staff', id: staff.id },
        subject: { kind: 'bsn', id: bsn },
        dataCategories: ['bericht'],
        purpose: 'Informeren van de inwoner over de zaak',
        legalBasis: 'Awb art. 3:2 en 3:41 (bekendmaking)',
        traceId: caseId,
      });
      await recordAction(trx, staff, {
        caseId,
        action: 'message-sent',
        details: { subject: field(body, 'onderwerp') },
      });
      return { message: 'bericht', anchor: 'contact' };
    },
  );

  caseAction(
    app,
    r,
    'contact',
    () => 'contact',
    async (trx, staff, caseId, body) => {
      const channel = RECORDABLE_CHANNELS.find((c) => c === body.kanaal);
      const summary = field(body, 'samenvatting');
      const errors: FieldError[] = [];
      if (!channel) errors.push({ name: 'kanaal', message: t.contactChannelNeeded });
      if (!summary) errors.push({ name: 'samenvatting', message: t.contactSummaryNeeded });
      else if (summary.length > 2000) errors.push({ name: 'samenvatting', message: t.contactSummaryLong });
      const bsn = await subjectOf(r, trx, caseId, staff.organisationId);
      if (errors.length) throw new FormErrors(errors);
      if (!bsn) throw new Problem(409, 'no-subject', t.contact);
      await recordContact(trx, {
        subjectBsn: bsn,
        caseId,
        channel: channel!,
        summary: summary!,
        staff: { id: staff.id, name: staff.name, organisationId: staff.organisationId },
      });
      await recordAction(trx, staff, { caseId, action: 'contact-recorded', details: { channel } });
      return { message: 'contact', anchor: 'contact' };
    },
  );
}
