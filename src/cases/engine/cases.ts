import type { Trx } from '../../platform/db/transaction.ts';
import { problems } from '../../platform/http/problem.ts';
import { recordProcessing } from '../../processing-log/index.ts';
import type { Actor, PlanDefinition } from '../plan/index.ts';
import { loadCasePlan, startCasePlan } from './apply.ts';
import type { CaseRecord, CaseRecords, ZaaktypeInfo } from './case-records.ts';
import { localDate } from './dates.ts';
import { type DeadlineTerm, startDeadlines } from './deadlines.ts';
import { planForZaaktype, planMayExistForCase } from './definitions.ts';
import { caseTexts as tx } from './texts.nl.ts';

/**
 * Starting a case: the zaak (through Zaken), the plan its zaaktype has now (kept for the life of the case),
 * and the deadlines from the dienst's service levels. A zaak made elsewhere (the ZGW Zaken API) gets its
 * plan and deadlines through `attachPlan` when its creation event arrives.
 */

export interface EngineDeps {
  records: CaseRecords;
  /** Days before a term's last day that the citizen gets a notice and the team a warning. */
  warnDays: number;
}

export interface StartCaseInput {
  organisationId: string;
  /** Identificatie of the zaaktype. */
  zaaktype: string;
  bsn: string;
  data: Record<string, unknown>;
  actor: Actor;
  /** Default: today in the Netherlands. */
  startdatum?: string;
  omschrijving?: string;
  now?: Date;
  /** Why the data is processed, for the processing log (default: handling the request). */
  purpose?: string;
}

export interface StartedCase {
  caseId: string;
  record: CaseRecord;
  plan: PlanDefinition;
}

function termsOf(z: ZaaktypeInfo): DeadlineTerm[] {
  const terms: DeadlineTerm[] = [];
  if (z.beslistermijn) terms.push({ kind: 'beslistermijn', term: z.beslistermijn, legal: true });
  if (z.streeftermijn) terms.push({ kind: 'streeftermijn', term: z.streeftermijn, legal: false });
  return terms;
}

export async function startCase(trx: Trx, deps: EngineDeps, input: StartCaseInput): Promise<StartedCase> {
  const now = input.now ?? new Date();
  const startdatum = input.startdatum ?? localDate(now);
  const zaaktype = await deps.records.zaaktype(trx, input.organisationId, input.zaaktype, startdatum);
  if (!zaaktype)
    throw problems.invalidField('zaaktype', 'unknown', tx.noZaaktype(input.zaaktype, input.organisationId));
  const plan = await planForZaaktype(trx, input.organisationId, zaaktype.identificatie, zaaktype.id);
  if (!plan) throw problems.invalidField('zaaktype', 'no-plan', tx.noPlan(input.zaaktype));
  const record = await deps.records.create(trx, {
    organisationId: input.organisationId,
    zaaktype,
    bsn: input.bsn,
    startdatum,
    omschrijving: input.omschrijving,
    actor: input.actor,
  });
  await startCasePlan(trx, {
    caseId: record.id,
    organisationId: input.organisationId,
    plan,
    data: input.data,
    now,
  });
  await startDeadlines(trx, {
    caseId: record.id,
    organisationId: input.organisationId,
    startedOn: startdatum,
    terms: termsOf(zaaktype),
    warnDays: deps.warnDays,
  });
  await recordProcessing(trx, {
    organisationId: input.organisationId,
    operation: 'write',
    actor: { kind: input.actor.kind, id: input.actor.id },
    subject: { kind: 'bsn', id: input.bsn },
    dataCategories: ['zaak', ...Object.keys(input.data)],
    purpose: input.purpose ?? 'Behandelen van een aanvraag',
    legalBasis: 'Awb art. 4:1 en 4:2 (aanvraag en behandeling)',
  });
  return { caseId: record.id, record, plan };
}

/**
 * Gives a zaak that was made without the engine (ZGW API) the plan of its zaaktype and its deadlines.
 * Nothing happens when the case has a plan already or its zaaktype has none; the latter, the common case for
 * zaken made through ZGW, is decided first in one statement.
 */
export async function attachPlan(
  trx: Trx,
  deps: EngineDeps,
  caseId: string,
  now = new Date(),
): Promise<boolean> {
  if (!(await planMayExistForCase(trx, caseId))) return false;
  if (await loadCasePlan(trx, caseId)) return false;
  const record = await deps.records.get(trx, caseId);
  if (!record) return false;
  // A zaaktype elsewhere (another catalogue) or gone has no plan here.
  const zaaktype = await deps.records.serviceLevels(trx, record).catch(() => null);
  if (!zaaktype) return false;
  const plan = await planForZaaktype(trx, record.organisationId, zaaktype.identificatie, zaaktype.id);
  if (!plan) return false;
  await startCasePlan(trx, { caseId, organisationId: record.organisationId, plan, data: {}, now });
  await startDeadlines(trx, {
    caseId,
    organisationId: record.organisationId,
    startedOn: record.startdatum,
    terms: termsOf(zaaktype),
    warnDays: deps.warnDays,
  });
  return true;
}
