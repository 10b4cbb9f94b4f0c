import type { Logger } from 'pino';
import { createBesluit, systemCaller } from '../besluiten/index.ts';
import type { Trx } from '../platform/db/transaction.ts';
import { Problem } from '../platform/http/problem.ts';
import { getOrganisation } from '../platform/organisations.ts';
import type { Consumer } from '../platform/outbox/dispatcher.ts';
import { getZaak, linkBesluit } from '../zaken/index.ts';
import type { LocalResources } from '../zgw/local-resources.ts';
import { resourceUrl } from '../zgw/urls.ts';
import { type Decision, getDecision } from './store.ts';

/**
 * A final decision becomes its Besluit in the Besluiten API, linked to the zaak (ZaakBesluit), and the
 * decision keeps the besluit's URL. It runs as a transactional outbox consumer of `decision.final`: the
 * besluit, its notification and audit row and `besluit_url` commit together with the delivery mark, and a
 * retry after a crash finds `besluit_url` set and does nothing twice.
 *
 * The besluittype is the first published one of the zaak's zaaktype. A decision without a case, on a zaak of
 * another catalogue or on a zaaktype without besluittypen gets no besluit (there is nothing to record it in).
 */

export const DECISION_BESLUIT_CONSUMER = 'decisions.besluit';

/** The date in the Netherlands of an instant (a besluit's datum may not lie in the future there). */
const dutchDate = (iso: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date(iso));

async function besluittypeFor(trx: Trx, local: LocalResources, zaaktypeUrl: string): Promise<string | null> {
  if (!local.isLocal(zaaktypeUrl)) return null;
  const zaaktype = await local.lookup(trx, zaaktypeUrl);
  for (const url of (zaaktype?.besluittypen as string[] | undefined) ?? []) {
    const bt = await local.lookup(trx, url);
    if (bt && bt.concept !== true) return url;
  }
  return null;
}

/**
 * Records a final decision as a besluit on its zaak. Answers the besluit URL (also when it was made before),
 * or null when there is no zaak or besluittype for it.
 */
export async function recordBesluit(
  trx: Trx,
  ctx: { baseUrl: string; local: LocalResources },
  decision: Decision,
): Promise<string | null> {
  if (decision.besluitUrl) return decision.besluitUrl;
  if (decision.status !== 'final' || !decision.caseId || !decision.decidedAt) return null;
  const zaak = await getZaak(trx, decision.caseId);
  const organisation = await getOrganisation(trx, decision.organisationId);
  if (!zaak || !organisation?.rsin) return null;
  const besluittype = await besluittypeFor(trx, ctx.local, zaak.zaaktype);
  if (!besluittype) return null;
  const zaakUrl = resourceUrl(ctx.baseUrl, 'zaken', 'zaken', zaak.id);
  const caller = systemCaller(decision.organisationId, 'loket-beslissingen');
  const datum = dutchDate(decision.decidedAt);
  const besluit = await createBesluit(trx, ctx, caller, {
    verantwoordelijkeOrganisatie: organisation.rsin,
    besluittype,
    zaak: zaakUrl,
    datum,
    ingangsdatum: datum,
    toelichting: decision.explanationCitizen,
    uiterlijkeReactiedatum: decision.objectionUntil,
  });
  // The zaak's side of the relation (GET /zaken/{uuid}/besluiten); idempotent.
  await linkBesluit(trx, ctx.baseUrl, {
    zaak: zaakUrl,
    besluit: besluit.url,
    organisationId: decision.organisationId,
    actor: caller.actor,
  });
  await trx
    .updateTable('decision')
    .set({ besluit_url: besluit.url, updated_at: new Date() })
    .where('id', '=', decision.id)
    .execute();
  return besluit.url;
}

export function besluitConsumer(ctx: { baseUrl: string; local: LocalResources }, log: Logger): Consumer {
  return {
    name: DECISION_BESLUIT_CONSUMER,
    topics: ['decision.final'],
    transactional: true,
    async deliver(event, _target, trx) {
      const id = (event.payload as { decisionId?: string }).decisionId;
      if (!trx || !id) return;
      const decision = await getDecision(trx, id, true);
      if (!decision) return;
      try {
        await recordBesluit(trx, ctx, decision);
      } catch (err) {
        // A rule of Besluiten or Zaken refused it (e.g. the zaak was closed meanwhile): a retry would not
        // change that. The decision stays final without besluit_url; the log says why.
        if (!(err instanceof Problem)) throw err;
        log.warn({ event: event.id, decisionId: id, code: err.code }, 'no besluit recorded for decision');
      }
    },
  };
}
