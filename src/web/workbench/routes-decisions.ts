import { Type } from 'typebox';
import {
  approve,
  type Decision,
  decide,
  deviate,
  finalize,
  getDecision,
  type Outputs,
  returnDeviation,
} from '../../decisions/index.ts';
import type { Db } from '../../platform/db/database.ts';
import { inTransaction, type Trx } from '../../platform/db/transaction.ts';
import { Problem } from '../../platform/http/problem.ts';
import type { App } from '../../platform/http/server.ts';
import { recordProcessing } from '../../processing-log/index.ts';
import {
  type InputDefinition,
  NoValidVersionError,
  type RuleInputs,
  type RuleVersion,
} from '../../rules/index.ts';
import {
  alert,
  button,
  type FieldError,
  form,
  heading,
  html,
  paragraph,
  radioGroup,
  type SafeHtml,
  select,
  sendWorkbenchPage,
  textField,
} from '../shared/index.ts';
import { caseAction as caseActionPath } from './case-view.ts';
import { CaseParams, type CaseRoutes, caseAction, FormErrors } from './routes-case.ts';
import { recordAction } from './store.ts';
import { ISO_DATE, STAFF, type Staff, sendProblemPage, staffOf, WORKBENCH } from './support.ts';
import { workbenchTexts } from './texts.nl.ts';

const t = workbenchTexts.decisionPage;
const c = workbenchTexts.casePage;

/** The case a decision is prepared for: of this organisation, with its reference date and person. */
async function caseOf(r: CaseRoutes, trx: Db | Trx, staff: Staff, caseId: string) {
  const record = await r.deps.records.get(trx, caseId);
  if (!record || record.organisationId !== staff.organisationId)
    throw new Problem(404, 'not_found', workbenchTexts.errors.notFoundTitle, workbenchTexts.errors.notFound);
  return record;
}

function inputField(i: InputDefinition, value: string | undefined, error: string | undefined): SafeHtml {
  const label = `${i.description} (${i.name})`;
  const description = t.source(i.source.name, i.unit);
  const name = `invoer-${i.name}`;
  const optional = Boolean(i.requiredWhen);
  if (i.type === 'boolean')
    return radioGroup({
      name,
      label,
      description,
      value,
      error,
      optional,
      options: [
        { value: 'ja', label: 'Ja' },
        { value: 'nee', label: 'Nee' },
      ],
    });
  if (i.values?.length)
    return select({
      name,
      label,
      description,
      value,
      error,
      optional,
      options: i.values.map((v) => ({ value: v, label: v })),
    });
  return textField({
    name,
    label,
    description,
    value,
    error,
    optional,
    width: i.type === 'string' ? 30 : 12,
  });
}

/** Reads the typed inputs as the rule wants them; every problem is a field error. */
export function parseInputs(version: RuleVersion, body: Record<string, string>): RuleInputs {
  const inputs: RuleInputs = {};
  const errors: FieldError[] = [];
  for (const i of version.definition.inputs) {
    const name = `invoer-${i.name}`;
    const raw = body[name]?.trim() ?? '';
    if (raw === '') {
      if (!i.requiredWhen) errors.push({ name, message: t.missing(i.description) });
      continue;
    }
    let value: unknown = raw;
    if (i.type === 'boolean') value = raw === 'ja';
    else if (i.type === 'number' || i.type === 'money') {
      value = Number(raw.replace(/\./g, '').replace(',', '.'));
      if (!/^-?[\d.]+(,\d+)?$/.test(raw) || Number.isNaN(value))
        errors.push({ name, message: t.notANumber(i.description) });
    } else if (i.type === 'date' && !ISO_DATE.test(raw))
      errors.push({ name, message: workbenchTexts.errors.date });
    inputs[i.name] = { value, source: i.source };
  }
  if (errors.length) throw new FormErrors(errors);
  return inputs;
}

function outputValue(original: unknown, raw: string): unknown {
  if (typeof original === 'boolean') return raw === 'ja';
  if (typeof original === 'number') return Number(raw.replace(/\./g, '').replace(',', '.'));
  return raw;
}

async function decisionOfCase(trx: Trx, staff: Staff, caseId: string, id: string): Promise<Decision> {
  const d = await getDecision(trx, id);
  if (!d || d.organisationId !== staff.organisationId || d.caseId !== caseId)
    throw new Problem(404, 'not_found', workbenchTexts.errors.notFoundTitle, workbenchTexts.errors.notFound);
  return d;
}

async function logDecision(trx: Trx, staff: Staff, d: Decision, operation: 'read' | 'write') {
  if (!d.subjectBsn) return;
  await recordProcessing(trx, {
    organisationId: staff.organisationId,
    operation,
    actor: { kind: 'staff', id: staff.id },
    subject: { kind: 'bsn', id: d.subjectBsn },
    dataCategories: Object.keys(d.inputs).length ? Object.keys(d.inputs) : ['beslissing'],
    purpose: 'Behandelen van een beslissing',
    legalBasis: 'Awb art. 3:2 en 3:46 (zorgvuldige voorbereiding en motivering)',
    traceId: d.id,
  });
}

/**
 * The rule version for the case's reference date. When none is valid on that date the form shows the
 * latest version's inputs and says so; the decision is then stored as needing a human, with the reason.
 */
function versionFor(r: CaseRoutes, ruleId: string, date: string): RuleVersion & { notValid?: true } {
  try {
    return r.registry.select(ruleId, date);
  } catch (err) {
    if (!(err instanceof NoValidVersionError)) throw err;
    return { ...r.registry.versions(ruleId).at(-1)!, notValid: true };
  }
}

export function registerDecisionRoutes(app: App, r: CaseRoutes): void {
  app.get(
    `${WORKBENCH}/zaken/:zaakId/beslissing`,
    {
      config: STAFF,
      schema: {
        hide: true,
        params: CaseParams,
        querystring: Type.Object({ regel: Type.String({ maxLength: 200 }) }),
      },
    },
    async (req, reply) => {
      const staff = staffOf(req);
      const { zaakId } = req.params as { zaakId: string };
      try {
        const record = await caseOf(r, r.db, staff, zaakId);
        const ruleId = (req.query as { regel: string }).regel;
        if (!r.registry.ruleIds().includes(ruleId))
          throw new Problem(404, 'not_found', t.unknownRule, t.unknownRule);
        const version = versionFor(r, ruleId, record.startdatum);
        return sendWorkbenchPage(r.db, req, reply, {
          title: t.title(version.definition.title),
          breadcrumbs: [
            { href: `${WORKBENCH}/zaken/${zaakId}`, text: c.title(record.identificatie) },
            { href: req.url, text: t.title(version.definition.title) },
          ],
          content: draftForm(staff, zaakId, version, record.startdatum),
        });
      } catch (err) {
        return sendProblemPage(r.db, req, reply, err);
      }
    },
  );

  function draftForm(
    staff: Staff,
    caseId: string,
    version: RuleVersion & { notValid?: true },
    date: string,
    state?: { errors: FieldError[]; values: Record<string, string> },
  ) {
    return html`${heading(1, t.title(version.definition.title))}
${paragraph(t.intro(version.validFrom, date))}
${version.notValid && alert({ type: 'warning', content: t.noVersion(date) })}
${form({
  action: caseActionPath(caseId, 'beslissing'),
  csrfToken: staff.session.csrfToken,
  errors: state?.errors ?? [],
  content: html`<input type="hidden" name="regel" value="${version.ruleId}">
${version.definition.inputs.map((i) => inputField(i, state?.values[`invoer-${i.name}`], state?.errors.find((e) => e.name === `invoer-${i.name}`)?.message))}
${button(t.submit)}`,
})}`;
  }

  app.post(
    `${WORKBENCH}/zaken/:zaakId/beslissing`,
    {
      config: STAFF,
      schema: { hide: true, params: CaseParams, body: Type.Record(Type.String(), Type.String()) },
    },
    async (req, reply) => {
      const staff = staffOf(req);
      const { zaakId } = req.params as { zaakId: string };
      const body = req.body as Record<string, string>;
      try {
        const id = await inTransaction(r.db, async (trx) => {
          const record = await caseOf(r, trx, staff, zaakId);
          if (!r.registry.ruleIds().includes(body.regel ?? ''))
            throw new Problem(404, 'not_found', t.unknownRule, t.unknownRule);
          const version = versionFor(r, body.regel!, record.startdatum);
          let inputs: RuleInputs;
          try {
            inputs = parseInputs(version, body);
          } catch (err) {
            if (err instanceof FormErrors) return { version, record, errors: err.errors };
            throw err;
          }
          const d = await decide(trx, r.registry, {
            ruleId: version.ruleId,
            referenceDate: record.startdatum,
            inputs,
            organisationId: staff.organisationId,
            caseId: zaakId,
            subjectBsn: record.subjectBsn,
            actor: staff.id,
          });
          await logDecision(trx, staff, d, 'write');
          await recordAction(trx, staff, {
            caseId: zaakId,
            action: 'decision-drafted',
            details: { decision: d.id, rule: d.ruleId },
          });
          return d.id;
        });
        if (typeof id !== 'string')
          return sendWorkbenchPage(r.db, req, reply, {
            title: t.title(id.version.definition.title),
            hasErrors: true,
            status: 400,
            content: draftForm(staff, zaakId, id.version, id.record.startdatum, {
              errors: id.errors,
              values: body,
            }),
          });
        return reply.redirect(`${WORKBENCH}/zaken/${zaakId}?bericht=beslissing#beslissing-${id}`, 303);
      } catch (err) {
        return sendProblemPage(r.db, req, reply, err);
      }
    },
  );

  const on = (
    action: string,
    run: (trx: Trx, staff: Staff, d: Decision, body: Record<string, string>) => Promise<string>,
  ) =>
    caseAction(
      app,
      r,
      `beslissingen/:beslissing/${action}`,
      (b) => `beslissing-${b._beslissing}`,
      async (trx, staff, caseId, body) => {
        const d = await decisionOfCase(trx, staff, caseId, body._beslissing ?? '');
        const message = await run(trx, staff, d, body);
        await logDecision(trx, staff, d, 'write');
        return { message, anchor: `beslissing-${d.id}` };
      },
    );

  on('definitief', async (trx, staff, d) => {
    await finalize(trx, d.id, staff.organisationId, staff.id);
    await recordAction(trx, staff, {
      caseId: d.caseId,
      action: 'decision-finalized',
      details: { decision: d.id },
    });
    return 'definitief';
  });
  on('afwijken', async (trx, staff, d, body) => {
    const errors: FieldError[] = [];
    if (!body.reden) errors.push({ name: 'reden', message: t.reasonNeeded });
    if ((body.motivering ?? '').trim().length < 10)
      errors.push({ name: 'motivering', message: t.motivationNeeded });
    if (errors.length) throw new FormErrors(errors);
    const outputs: Outputs = {};
    for (const [k, original] of Object.entries(d.ruleOutputs ?? {})) {
      const raw = body[`uitkomst-${k}`]?.trim();
      if (
        raw !== undefined &&
        raw !== '' &&
        raw !== String(original) &&
        !(typeof original === 'boolean' && raw === (original ? 'ja' : 'nee'))
      )
        outputs[k] = outputValue(original, raw) as Outputs[string];
    }
    await deviate(trx, d.id, staff.organisationId, staff.id, {
      reason: body.reden!,
      motivation: body.motivering!,
      outputs,
    });
    await recordAction(trx, staff, {
      caseId: d.caseId,
      action: 'decision-deviated',
      reason: body.motivering,
      details: { decision: d.id, reason: body.reden, outputs },
    });
    return 'afwijking';
  });
  on('goedkeuren', async (trx, staff, d) => {
    await approve(trx, d.id, staff.organisationId, staff.id);
    await recordAction(trx, staff, {
      caseId: d.caseId,
      action: 'decision-approved',
      details: { decision: d.id },
    });
    return 'goedgekeurd';
  });
  on('terugsturen', async (trx, staff, d, body) => {
    const reason = body.reden?.trim() ?? '';
    if (!reason) throw new FormErrors([{ name: 'reden', message: t.returnReasonNeeded }]);
    const { returned } = await returnDeviation(trx, d.id, staff.organisationId, staff.id, reason);
    await recordAction(trx, staff, {
      caseId: d.caseId,
      action: 'decision-returned',
      reason,
      details: { decision: d.id, deviation: returned },
    });
    return 'teruggestuurd';
  });
}
