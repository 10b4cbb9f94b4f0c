import type { Logger } from 'pino';
import type { Trx } from '../../platform/db/transaction.ts';
import { Problem } from '../../platform/http/problem.ts';
import type { Consumer } from '../../platform/outbox/dispatcher.ts';
import type { DomainEvent } from '../../platform/outbox/outbox.ts';
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
 * Events may arrive late and out of order (the dispatcher runs several at once), so the consumer does not
 * trust the event but looks at both sides, with the zaak locked: the side whose last change was its own
 * (not a copy made by this consumer) and is the most recent is the truth, and the other side follows when it
 * differs. The echo of a change then finds both equal, and a late echo never undoes a newer change.
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

type Term = NonNullable<Awaited<ReturnType<typeof termOf>>>;

/** The engine's term → the zaak's fields (only when they differ). */
async function zaakFieldsFromTerm(
  trx: Trx,
  deps: EngineDeps,
  caseId: string,
  fields: ZaakDeadlineFields,
  { term, extendedDays, lastReason }: Term,
): Promise<boolean> {
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
async function termFromZaakFields(
  trx: Trx,
  deps: EngineDeps,
  caseId: string,
  fields: ZaakDeadlineFields,
  { term, extendedDays }: Term,
): Promise<boolean> {
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
    // The working-day rule may have moved the last day further (past a weekend or holiday): the zaak then
    // says how long the term was really extended. Written by the engine, so its echo changes nothing.
    const now = await termOf(trx, caseId);
    if (now && now.extendedDays !== wanted)
      await deps.records.setDeadlineFields(trx, caseId, {
        verlenging: { reden: fields.verlenging?.reden ?? '', duur: `P${now.extendedDays}D` },
      });
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

/** The term's last change of its own (suspend, resume, extend), with whether the zaak caused it. */
function lastTermChange({ term }: Term) {
  const own = (term.changes ?? []).filter((c) => ['suspended', 'resumed', 'extended'].includes(c.change));
  const last = own.at(-1);
  if (!last) return null;
  const actor = last.actor as Actor | null;
  return { byZaak: actor?.kind === ZGW_ACTOR.kind && actor?.id === ZGW_ACTOR.id, at: new Date(last.at) };
}

/** Brings the beslistermijn and the zaak's fields in line, in the direction of the latest own change. */
export async function bringInLine(trx: Trx, deps: EngineDeps, caseId: string): Promise<boolean> {
  const fields = await deps.records.deadlineFields(trx, caseId, true); // locks the zaak
  if (!fields || fields.closed) return false;
  const found = await termOf(trx, caseId);
  if (!found) return false;
  const zaakSide = await deps.records.deadlineFieldsAuthor(trx, caseId);
  const termSide = lastTermChange(found);
  const zaakLeads =
    zaakSide !== null &&
    !zaakSide.byEngine &&
    (termSide === null || termSide.byZaak || zaakSide.at >= termSide.at);
  return zaakLeads
    ? termFromZaakFields(trx, deps, caseId, fields, found)
    : zaakFieldsFromTerm(trx, deps, caseId, fields, found);
}

/** The case whose beslistermijn and zaak fields an event may have set apart, if any. */
function caseOf(event: DomainEvent): string | undefined {
  const p = (event.payload ?? {}) as Record<string, unknown>;
  if (event.topic === CASE_TOPICS.deadlineChanged)
    return p.kind === KIND && typeof p.caseId === 'string' ? p.caseId : undefined;
  if (p.resource === 'zaak' && (p.actie === 'update' || p.actie === 'partial_update'))
    return UUID.exec(String(p.resourceUrl ?? ''))?.[1]?.toLowerCase();
  return undefined;
}

export function zaakDeadlineConsumer(deps: EngineDeps, log: Logger): Consumer {
  return {
    name: 'cases.zaak-deadlines',
    topics: [CASE_TOPICS.deadlineChanged, `${ZGW_TOPIC_PREFIX}zaken`],
    transactional: true,
    accepts: (event) => caseOf(event) !== undefined,
    async deliver(event, _target, trx) {
      if (!trx) return;
      const caseId = caseOf(event);
      if (!caseId) return;
      try {
        await bringInLine(trx as Trx, deps, caseId);
      } catch (err) {
        // A rule refused it (the zaak closed meanwhile, a term that cannot move now): a retry would not help.
        if (!(err instanceof Problem)) throw err;
        log.info({ event: event.id, code: err.code }, 'zaak and beslistermijn not brought in line');
      }
    },
  };
}
