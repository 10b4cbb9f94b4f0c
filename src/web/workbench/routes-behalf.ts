import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { startCase } from '../../cases/engine/cases.ts';
import { queuePlans } from '../../cases/engine/work-queue.ts';
import { isValidBsn } from '../../platform/bsn.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { Problem } from '../../platform/http/problem.ts';
import type { App } from '../../platform/http/server.ts';
import {
  button,
  type FieldError,
  form,
  heading,
  html,
  paragraph,
  radioGroup,
  select,
  sendWorkbenchPage,
  textarea,
  textField,
} from '../shared/index.ts';
import type { CaseRoutes } from './routes-case.ts';
import { recordAction } from './store.ts';
import { actorOf, field, STAFF, sendProblemPage, staffOf, WORKBENCH } from './support.ts';
import { workbenchTexts } from './texts.nl.ts';

const t = workbenchTexts.behalf;
const PATH = `${WORKBENCH}/namens`;

/**
 * Acting for a citizen at the desk or on the phone: a professional starts a service with the citizen's
 * answers. The case, its history and the processing log say who acted for whom and through which channel.
 */
export function registerBehalfRoutes(app: App, r: CaseRoutes): void {
  const page = async (
    req: FastifyRequest,
    reply: FastifyReply,
    state: { errors: FieldError[]; values: Record<string, string> } = { errors: [], values: {} },
  ) => {
    const staff = staffOf(req);
    const plans = await queuePlans(r.db, staff.organisationId);
    const err = (n: string) => state.errors.find((e) => e.name === n)?.message;
    return sendWorkbenchPage(r.db, req, reply, {
      title: t.title,
      hasErrors: state.errors.length > 0,
      status: state.errors.length > 0 ? 400 : 200,
      breadcrumbs: [{ href: PATH, text: t.title }],
      content: html`${heading(1, t.title)}${paragraph(t.intro)}
${form({
  action: PATH,
  csrfToken: staff.session.csrfToken,
  errors: state.errors,
  content: html`${textField({ name: 'bsn', label: t.bsn, value: state.values.bsn, error: err('bsn'), width: 11, inputMode: 'numeric' })}
${radioGroup({
  name: 'kanaal',
  label: t.channel,
  value: state.values.kanaal,
  error: err('kanaal'),
  options: [
    { value: 'balie', label: t.channels.balie },
    { value: 'telefoon', label: t.channels.telefoon },
  ],
})}
${select({ name: 'zaaktype', label: t.service, value: state.values.zaaktype, error: err('zaaktype'), options: plans.map((p) => ({ value: p.zaaktype, label: p.name })) })}
${textarea({ name: 'toelichting', label: t.answers, description: t.answersHint, value: state.values.toelichting, optional: true, rows: 4 })}
${button(t.submit)}`,
})}`,
    });
  };

  app.get(PATH, { config: STAFF, schema: { hide: true } }, async (req, reply) => page(req, reply));

  app.post(
    PATH,
    { config: STAFF, schema: { hide: true, body: Type.Record(Type.String(), Type.String()) } },
    async (req, reply) => {
      const staff = staffOf(req);
      const body = req.body as Record<string, string>;
      const errors: FieldError[] = [];
      const bsn = field(body, 'bsn')?.replace(/\D/g, '') ?? '';
      if (!isValidBsn(bsn)) errors.push({ name: 'bsn', message: t.bsnInvalid });
      const channel = body.kanaal;
      if (channel !== 'balie' && channel !== 'telefoon')
        errors.push({ name: 'kanaal', message: t.channelNeeded });
      const zaaktype = field(body, 'zaaktype');
      if (!zaaktype) errors.push({ name: 'zaaktype', message: t.serviceNeeded });
      if (errors.length) return page(req, reply, { errors, values: body });
      try {
        const caseId = await inTransaction(r.db, async (trx) => {
          const note = field(body, 'toelichting');
          const started = await startCase(trx, r.deps, {
            organisationId: staff.organisationId,
            zaaktype: zaaktype!,
            bsn,
            data: note ? { toelichting: note } : {},
            actor: actorOf(staff),
            purpose: t.purpose(t.channels[channel as 'balie' | 'telefoon']),
          });
          await recordAction(trx, staff, {
            caseId: started.caseId,
            action: 'case-started',
            reason: t.channels[channel as 'balie' | 'telefoon'],
            onBehalfOf: bsn,
            details: { channel, zaaktype },
          });
          return started.caseId;
        });
        return reply.redirect(`${WORKBENCH}/zaken/${caseId}?bericht=gestart`, 303);
      } catch (err) {
        if (err instanceof Problem && err.status === 400 && err.invalidParams?.length)
          return page(req, reply, {
            errors: err.invalidParams.map((p) => ({ name: p.name, message: p.reason })),
            values: body,
          });
        return sendProblemPage(r.db, req, reply, err);
      }
    },
  );
}
