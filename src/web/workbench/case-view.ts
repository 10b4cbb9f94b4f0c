import { historyOf, loadCasePlan } from '../../cases/engine/apply.ts';
import type { CaseRecord } from '../../cases/engine/case-records.ts';
import type { EngineDeps } from '../../cases/engine/cases.ts';
import { deadlinesOf } from '../../cases/engine/deadline-views.ts';
import type { Deadline } from '../../cases/engine/deadlines.ts';
import { getPlan } from '../../cases/engine/definitions.ts';
import { type LifeEventProgress, lifeEventProgress, requestOfCase } from '../../cases/engine/progress.ts';
import { type Task, tasksOf } from '../../cases/engine/tasks.ts';
import { type QueueRow, taskHandlers } from '../../cases/engine/work-queue.ts';
import type { PlanState } from '../../cases/plan/index.ts';
import { type ContactHistory, contactHistoryOfCase } from '../../contact/index.ts';
import { type Decision, decisionsOfCase } from '../../decisions/index.ts';
import { documentsOfObject } from '../../documenten/index.ts';
import type { Trx } from '../../platform/db/transaction.ts';
import { Problem } from '../../platform/http/problem.ts';
import { recordProcessing } from '../../processing-log/index.ts';
import { zaakUrl } from '../../zaken/json.ts';
import type { FieldError } from '../shared/index.ts';
import { actionsOfCase, type RecordedAction, staffNames } from './store.ts';
import { type Staff, WORKBENCH } from './support.ts';
import { workbenchTexts as t } from './texts.nl.ts';

/**
 * Everything the case page shows, read in one transaction with its processing-log record: the case of the
 * professional's own organisation in full; a case of another organisation only when a life event shares
 * it, and then only what the life event shares (service, status, milestones).
 */

export interface FullCase {
  kind: 'full';
  record: CaseRecord;
  planName: string;
  state: PlanState;
  tasks: Task[];
  handlers: Map<string, QueueRow['handler']>;
  deadlines: Deadline[];
  history: Awaited<ReturnType<typeof historyOf>>;
  actions: RecordedAction[];
  decisions: Decision[];
  documents: { title: string; file: string | null; created: string | null }[];
  lifeEvent: LifeEventProgress | null;
  /** Contact moments and call-back/appointment requests of this case (src/contact). */
  contact: ContactHistory;
  /** Names of the professionals the page names by id (who deviated, who approved). */
  staffNames: Map<string, string>;
}

/** A professional's name as the page shows it (their id when the colleague list does not know them). */
export const staffName = (view: FullCase, id: string): string => view.staffNames.get(id) ?? id;

export interface SharedCase {
  kind: 'shared';
  progress: LifeEventProgress;
  organisationId: string;
}

const notFound = () => new Problem(404, 'not_found', t.errors.notFoundTitle, t.errors.notFound);

export async function loadCaseView(
  trx: Trx,
  deps: EngineDeps,
  baseUrl: string,
  staff: Staff,
  caseId: string,
  traceId: string,
): Promise<FullCase | SharedCase> {
  const plan = await loadCasePlan(trx, caseId);
  if (!plan) throw notFound();
  const requestId = await requestOfCase(trx, caseId);
  if (plan.organisationId !== staff.organisationId) {
    if (!requestId) throw notFound();
    const progress = await lifeEventProgress(trx, requestId, {
      kind: 'staff',
      organisationId: staff.organisationId,
    }).catch(() => {
      throw notFound();
    });
    return { kind: 'shared', progress, organisationId: plan.organisationId };
  }
  const record = await deps.records.get(trx, caseId);
  if (!record) throw notFound();
  const definition = await getPlan(trx, plan.organisationId, plan.planId, plan.planVersion);
  const tasks = await tasksOf(trx, { organisationId: staff.organisationId, caseId, open: false });
  const documents = (await documentsOfObject(trx, zaakUrl(baseUrl, caseId))).map((d) => ({
    title: d.titel,
    file: d.bestandsnaam,
    created: d.creatiedatum,
  }));
  const decisions = await decisionsOfCase(trx, staff.organisationId, caseId);
  const actor = { kind: 'staff' as const, id: staff.id };
  const view: FullCase = {
    kind: 'full',
    record,
    planName: definition?.name ?? plan.planId,
    state: plan.state,
    tasks,
    handlers: await taskHandlers(trx, caseId),
    deadlines: await deadlinesOf(trx, caseId, true),
    history: await historyOf(trx, caseId),
    actions: await actionsOfCase(trx, staff.organisationId, caseId),
    decisions,
    documents,
    lifeEvent: requestId
      ? await lifeEventProgress(trx, requestId, { kind: 'staff', organisationId: staff.organisationId })
      : null,
    // The contact module records its own read of the contact data (with this request's trace id).
    contact: await contactHistoryOfCase(trx, caseId, {
      organisationId: staff.organisationId,
      actor,
      traceId,
    }),
    staffNames: await staffNames(
      trx,
      staff.organisationId,
      decisions.flatMap((d) => [d.deviation?.by, d.approvedBy].filter((x): x is string => Boolean(x))),
    ),
  };
  if (record.subjectBsn)
    await recordProcessing(trx, {
      organisationId: staff.organisationId,
      operation: 'read',
      actor,
      subject: { kind: 'bsn', id: record.subjectBsn },
      dataCategories: ['zaak', 'historie', 'beslissingen', 'gegevens', ...Object.keys(plan.state.data)],
      purpose: 'Behandelen van een zaak',
      legalBasis: 'Awb art. 3:2 (zorgvuldige voorbereiding)',
      traceId,
    });
  return view;
}

/** Errors and the values typed, when a form on the case page was sent back. */
export interface FormState {
  form: string;
  errors: FieldError[];
  values: Record<string, string>;
}

export interface CasePageInput {
  view: FullCase;
  staff: Staff;
  message?: string;
  state?: FormState;
  rules: { id: string; title: string }[];
}

export function caseAction(caseId: string, action: string): string {
  return `${WORKBENCH}/zaken/${caseId}/${action}`;
}
