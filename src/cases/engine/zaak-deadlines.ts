import type { Logger } from 'pino';
import type { Trx } from '../../platform/db/transaction.ts';
import { Problem } from '../../platform/http/problem.ts';
import type { Consumer } from '../../platform/outbox/dispatcher.ts';
import { ZGW_TOPIC_PREFIX } from '../../zgw/notifications.ts';
import type { Actor } from '../plan/index.ts';
import type { ZaakDeadlineFields } from './case-records.ts';
import type { EngineDeps } from './cases.ts';
import { addDays, addTerm, daysBetween, isTerm } from './dates.ts';
import { deadlinesOf } from './deadline-views.ts';
import { extendDeadline, resumeDeadline, suspendDeadline } from './deadlines.ts';
import { CASE_TOPICS } from './effects.ts';
import { caseTexts as tx } from './texts.nl.ts';

/**
 * The beslistermijn and the zaak's ZGW fields `opschorting` and `verlenging` say the same thing, and either
 * side may change it: the engine (a professional suspends or extends through the Zaakbehandeling API) or a
 * ZGW client (PATCH /zaken/{uuid}). One transactional consumer keeps them equal:
 * - `case.deadline.changed` (suspended, resumed, extended) writes the zaak: `opschorting.indicatie` is
 *   whether the term stands still, `verlenging.duur` the days it was extended in total (`P{n}D`), with the
 *   last reason;
 * - a zaak update in `zgw.zaken` moves the term: opschorting on → suspend, off → resume, a longer verlenging
 *   → extend by the difference (a term is never shortened this way).
 * Each side only acts when the other differs, so the echo of a change (our own zaak update coming back as a
 * notification, our own deadline change) finds both equal and stops.
 */

const KIND = 'beslistermijn';
const ZGW_ACTOR: Actor = { kind: 'system', id: 'zaken-api', name: 'Zaken API' };

async function termOf(trx: Trx, caseId: string) {
  const term = (await deadlinesOf(trx, caseId, true)).find((d) => d.kind === KIND);
  if (!term || !['running', 'suspended'].includes(term.status)) return null;
  const extensions = (term.changes ?? []).filter((c) => c.change === 'extended');
  const extendedDays = extensions.reduce(
    (n, c) => n + (c.dueBefore && c.dueAfter ? daysBetween(c.dueBefore, c.dueAfter) : 0),
    0,
  );
  const lastReason = (kind: string) =>
    [...(term.changes ?? [])].reverse().find((c) => c.change === kind && c.reason)?.reason ?? '';
  return { term, extendedDays, lastReason };
}

/** Days a ZGW verlenging adds (its duur from the term's original last day). */
function zaakExtensionDays(fields: ZaakDeadlineFields, from: string): number {
  const duur = fields.verlenging?.duur;
  return duur && isTerm(duur) ? daysBetween(from, addTerm(from, duur)) : 0;
}

/** The engine's term → the zaak's fields (only when they differ). */
export async function zaakFieldsFromTerm(trx: Trx, deps: EngineDeps, caseId: string): Promise<boolean> {
  const found = await termOf(trx, caseId);
  const fields = await deps.records.deadlineFields(trx, caseId);
  if (!found || !fields || fields.closed) return false;
  const { term, extendedDays, lastReason } = found;
  const suspended = term.status === 'suspended';
  const change: Partial<ZaakDeadlineFields> = {};
  if (fields.opschorting.indicatie !== suspended)
    change.opschorting = {
      indicatie: suspended,
      reden: lastReason('suspended') || fields.opschorting.reden || '',
    };
  if (extendedDays > 0 && zaakExtensionDays(fields, term.originalDueDate) !== extendedDays)
    change.verlenging = { reden: lastReason('extended'), duur: `P${extendedDays}D` };
  if (Object.keys(change).length === 0) return false;
  await deps.records.setDeadlineFields(trx, caseId, change);
  return true;
}

/** The zaak's fields → the engine's term (only when they differ). */
export async function termFromZaakFields(trx: Trx, deps: EngineDeps, caseId: string): Promise<boolean> {
  const found = await termOf(trx, caseId);
  const fields = await deps.records.deadlineFields(trx, caseId);
  if (!found || !fields || fields.closed) return false;
  const { term, extendedDays } = found;
  const request = { caseId, organisationId: fields.organisationId, kind: KIND, actor: ZGW_ACTOR };
  let changed = false;
  const wanted = zaakExtensionDays(fields, term.originalDueDate);
  if (wanted > extendedDays) {
    await extendDeadline(trx, {
      ...request,
      reason: fields.verlenging?.reden || tx.zgwExtension,
      until: addDays(term.dueDate, wanted - extendedDays),
      subjectBsn: fields.subjectBsn,
    });
    changed = true;
  }
  if (fields.opschorting.indicatie && term.status === 'running') {
    await suspendDeadline(trx, { ...request, reason: fields.opschorting.reden || tx.zgwSuspension });
    changed = true;
  } else if (!fields.opschorting.indicatie && term.status === 'suspended') {
    await resumeDeadline(trx, { ...request, reason: fields.opschorting.reden || undefined });
    changed = true;
  }
  return changed;
}

const UUID = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/?$/i;

export function zaakDeadlineConsumer(deps: EngineDeps, log: Logger): Consumer {
  return {
    name: 'cases.zaak-deadlines',
    topics: [CASE_TOPICS.deadlineChanged, `${ZGW_TOPIC_PREFIX}zaken`],
    transactional: true,
    async deliver(event, _target, trx) {
      if (!trx) return;
      const p = (event.payload ?? {}) as Record<string, unknown>;
      try {
        if (event.topic === CASE_TOPICS.deadlineChanged) {
          if (p.kind === KIND && typeof p.caseId === 'string')
            await zaakFieldsFromTerm(trx as Trx, deps, p.caseId);
          return;
        }
        const updated = p.resource === 'zaak' && (p.actie === 'update' || p.actie === 'partial_update');
        const id = updated ? UUID.exec(String(p.resourceUrl ?? ''))?.[1] : undefined;
        if (id) await termFromZaakFields(trx as Trx, deps, id.toLowerCase());
      } catch (err) {
        // A rule refused it (the zaak closed meanwhile, a term that cannot move now): a retry would not help.
        if (!(err instanceof Problem)) throw err;
        log.info({ event: event.id, code: err.code }, 'zaak and beslistermijn not brought in line');
      }
    },
  };
}
