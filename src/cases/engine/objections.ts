import type { Logger } from 'pino';
import { attachObjectionCase, objectionWithDecision } from '../../decisions/index.ts';
import type { Trx } from '../../platform/db/transaction.ts';
import { Problem } from '../../platform/http/problem.ts';
import type { Consumer } from '../../platform/outbox/dispatcher.ts';
import { type EngineDeps, startCase } from './cases.ts';

/**
 * Bezwaar as a case of its own: when a person objects to a decision (`decision.objected`), the engine opens a
 * zaak of the organisation's zaaktype BEZWAAR for that person, with the plan of that zaaktype. The case data
 * name the decision objected to (its id, rule and rule version, its case) — the decision itself, with every
 * input's provenance and the trace, stays in src/decisions and is read from there
 * (`objectionWithDecision`, GET /beslissingen/bezwaren/{id}); the objection records the case id, so the
 * beslissing op bezwaar is made on the bezwaar case and its besluit goes there. An organisation without a
 * BEZWAAR zaaktype or plan keeps the objection without a case (logged); the objection itself is never lost.
 */

export const BEZWAAR_ZAAKTYPE = 'BEZWAAR';

export async function openObjectionCase(
  trx: Trx,
  deps: EngineDeps,
  objectionId: string,
  now = new Date(),
): Promise<string | null> {
  const found = await objectionWithDecision(trx, objectionId);
  if (!found || found.objection.caseId) return found?.objection.caseId ?? null;
  const { objection, decision } = found;
  const started = await startCase(trx, deps, {
    organisationId: objection.organisationId,
    zaaktype: BEZWAAR_ZAAKTYPE,
    bsn: objection.filedBy,
    omschrijving: `Bezwaar tegen beslissing ${decision.ruleId} van ${decision.decidedAt?.slice(0, 10) ?? ''}`,
    data: {
      bezwaar: {
        id: objection.id,
        beslissing: decision.id,
        regel: decision.ruleId,
        regelversie: decision.ruleVersionId,
        zaak: decision.caseId,
        // Filed while logged in (DigiD): signed electronically (Awb 6:5 with 2:16).
        ondertekend: true,
        ingetrokken: false,
      },
    },
    actor: { kind: 'citizen', id: objection.filedBy },
    purpose: 'Behandelen van een bezwaarschrift',
    now,
  });
  await attachObjectionCase(trx, objection.id, started.caseId);
  return started.caseId;
}

export function objectionCaseConsumer(deps: EngineDeps, log: Logger): Consumer {
  return {
    name: 'cases.objection-case',
    topics: ['decision.objected'],
    transactional: true,
    async deliver(event, _target, trx) {
      const id = (event.payload as { objectionId?: string }).objectionId;
      if (!trx || !id) return;
      try {
        await openObjectionCase(trx as Trx, deps, id);
      } catch (err) {
        // No BEZWAAR zaaktype or plan at this organisation: a retry would not create one.
        if (!(err instanceof Problem)) throw err;
        log.warn({ event: event.id, objectionId: id, code: err.code }, 'no bezwaar case opened');
      }
    },
  };
}
