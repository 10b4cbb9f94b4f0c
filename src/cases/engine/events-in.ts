import type { Logger } from 'pino';
import type { Trx } from '../../platform/db/transaction.ts';
import { Problem } from '../../platform/http/problem.ts';
import type { Consumer } from '../../platform/outbox/dispatcher.ts';
import type { DomainEvent } from '../../platform/outbox/outbox.ts';
import { ZGW_TOPIC_PREFIX } from '../../zgw/notifications.ts';
import { type Actor, type PlanEvent, PlanEventError, type PlanState } from '../plan/index.ts';
import { applyCaseEvent } from './apply.ts';
import { attachPlan, type EngineDeps } from './cases.ts';
import { casesThatMayHavePlan, organisationsWithPlans } from './definitions.ts';
import { documentTakenByTask } from './tasks.ts';

/**
 * Case events from other modules, fed into the plan. Topics:
 * - `case.event` — the generic one any module (or integration) can publish: `{ caseId, type, … }` with type
 *   `document-received` (documentType, documentId?), `decision-drafted` (outcome?, decisionId?),
 *   `case-data-changed` (data: the full new case data), `case-data-merged` (data: the fields that changed)
 *   or `status-set` (status: the omschrijving of the statustype, merged into the data as `status`);
 * - `decision.drafted` — from src/decisions (`{ decisionId, caseId }`);
 * - `zgw.zaken` — a zaak created through the Zaken API gets the plan of its zaaktype; a zaakinformatieobject
 *   created there is `document-received` (type: the informatieobjecttype's omschrijving in lower case).
 * An event that no longer fits the case (a task closed meanwhile) is recorded in the log and dropped: a
 * retry would not make it fit.
 */

export const CASE_EVENT_TOPIC = 'case.event';

export interface CaseEventPayload {
  caseId: string;
  type: 'document-received' | 'decision-drafted' | 'case-data-changed' | 'case-data-merged' | 'status-set';
  documentType?: string;
  documentId?: string;
  outcome?: string;
  decisionId?: string;
  data?: Record<string, unknown>;
  status?: string;
  actor?: Actor;
}

type Translated =
  | { caseId: string; event: PlanEvent | ((s: PlanState) => PlanEvent) }
  | { attach: string }
  | { document: string };

const UUID = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/?$/i;

/** A generic case event as a plan event (null when it is not one the plan understands). */
export function planEventOf(p: CaseEventPayload): PlanEvent | ((s: PlanState) => PlanEvent) | null {
  const actor = p.actor ? { actor: p.actor } : {};
  switch (p.type) {
    case 'document-received':
      return p.documentType
        ? { type: 'document-received', documentType: p.documentType, documentId: p.documentId, ...actor }
        : null;
    case 'decision-drafted':
      return { type: 'decision-drafted', outcome: p.outcome, decisionId: p.decisionId, ...actor };
    case 'case-data-changed':
      return p.data ? { type: 'case-data-changed', data: p.data, ...actor } : null;
    case 'case-data-merged': {
      const changes = p.data;
      return changes
        ? (s) => ({ type: 'case-data-changed', data: { ...s.data, ...changes }, ...actor })
        : null;
    }
    case 'status-set': {
      const status = p.status;
      return status ? (s) => ({ type: 'case-data-changed', data: { ...s.data, status }, ...actor }) : null;
    }
    default:
      return null;
  }
}

function translate(event: DomainEvent): Translated | null {
  const p = (event.payload ?? {}) as Record<string, unknown>;
  if (event.topic === CASE_EVENT_TOPIC) {
    const e = typeof p.caseId === 'string' ? planEventOf(p as unknown as CaseEventPayload) : null;
    return e ? { caseId: p.caseId as string, event: e } : null;
  }
  if (event.topic === 'decision.drafted' && typeof p.caseId === 'string') {
    return {
      caseId: p.caseId,
      event: { type: 'decision-drafted', decisionId: p.decisionId as string | undefined },
    };
  }
  if (event.topic === `${ZGW_TOPIC_PREFIX}zaken` && p.resource === 'zaak' && p.actie === 'create') {
    const id = UUID.exec(String(p.resourceUrl ?? ''))?.[1];
    return id ? { attach: id.toLowerCase() } : null;
  }
  if (
    event.topic === `${ZGW_TOPIC_PREFIX}zaken` &&
    p.resource === 'zaakinformatieobject' &&
    p.actie === 'create' &&
    typeof p.resourceUrl === 'string'
  )
    return { document: p.resourceUrl };
  return null;
}

/**
 * The zaken made through ZGW among these events that may have a plan: which of their organisations have any
 * plan (one statement), then which of those organisations' zaken may have one (one more, only if any has).
 */
async function newZakenThatMayHavePlan(trx: Trx, events: readonly DomainEvent[]): Promise<Set<string>> {
  const created: { id: string; organisationId: string }[] = [];
  for (const event of events) {
    const what = translate(event);
    if (what && 'attach' in what) created.push({ id: what.attach, organisationId: event.organisationId });
  }
  const withPlans = await organisationsWithPlans(trx, [...new Set(created.map((c) => c.organisationId))]);
  return casesThatMayHavePlan(
    trx,
    created.filter((c) => withPlans.has(c.organisationId)).map((c) => c.id),
  );
}

export function caseEventConsumer(deps: EngineDeps, log: Logger): Consumer {
  return {
    name: 'cases.events',
    topics: [CASE_EVENT_TOPIC, 'decision.drafted', `${ZGW_TOPIC_PREFIX}zaken`],
    transactional: true,
    accepts: (event) => translate(event) !== null,
    // Most zaken made through ZGW have a zaaktype without a plan: decided here, at fan-out (after the zaak
    // committed, so a plan published before it counts), for all new zaken of the batch at once. A zaak
    // without gets no delivery at all.
    async targets(event, trx, batch) {
      const what = translate(event);
      if (what && 'attach' in what) {
        const mayHavePlan = await batch.once('new-zaken-that-may-have-plan', () =>
          newZakenThatMayHavePlan(trx, batch.events),
        );
        if (!mayHavePlan.has(what.attach)) return [];
      }
      return [''];
    },
    async deliver(event, _target, trx) {
      const what = translate(event);
      if (!what || !trx) return;
      await handle(trx as Trx, deps, what, log, event.id);
    },
  };
}

async function handle(trx: Trx, deps: EngineDeps, what: Translated, log: Logger, eventId: number) {
  if ('attach' in what) {
    await attachPlan(trx, deps, what.attach);
    return;
  }
  if ('document' in what) {
    // A document linked to the zaak through Zaken/Documenten: `document-received` for the plan.
    const doc = await deps.records.documentOfZio(trx, what.document);
    // A citizen's upload was received when the task took it (citizen.ts): not a second time.
    if (!doc || (await documentTakenByTask(trx, doc.caseId, doc.documentId))) return;
    what = {
      caseId: doc.caseId,
      event: { type: 'document-received', documentType: doc.documentType, documentId: doc.documentId },
    };
  }
  try {
    await applyCaseEvent(trx, what.caseId, what.event);
  } catch (err) {
    if (!(err instanceof PlanEventError)) throw err;
    log.info(
      { event: eventId, caseId: what.caseId, code: err.code },
      'case event does not fit the plan; dropped',
    );
  }
}

/**
 * The zaak's status follows the plan: `case.milestone.reached` sets the statustype of the same name (the
 * portal and ZGW clients read the status). Separate from the event path, so a case event stays fast.
 */
export function milestoneStatusConsumer(deps: EngineDeps, log: Logger): Consumer {
  return {
    name: 'cases.milestone-status',
    topics: ['case.milestone.reached'],
    transactional: true,
    async deliver(event, _target, trx) {
      const p = event.payload as { caseId?: string; name?: string };
      if (!trx || !p.caseId || !p.name) return;
      try {
        await deps.records.setStatusForMilestone(trx as Trx, p.caseId, p.name);
      } catch (err) {
        // A rule of Zaken refused it (e.g. the zaak was closed meanwhile): nothing to retry.
        if (!(err instanceof Problem)) throw err;
        log.info({ event: event.id, caseId: p.caseId, code: err.code }, 'status for milestone not set');
      }
    },
  };
}
