import { readFileSync } from 'node:fs';
import { DEMO_BSN } from '../../demo/people.ts';
import type { Trx } from '../../platform/db/transaction.ts';
import { type EngineDeps, startCase } from '../engine/cases.ts';
import { publishPlan } from '../engine/definitions.ts';
import { requestLifeEvent, upsertLifeEvent } from '../engine/life-events.ts';
import { completeTask } from '../engine/tasks.ts';
import { type DemoPlanFile, readDemoPlanText } from '../plan/definitions/index.ts';
import type { Actor } from '../plan/index.ts';
import { DEMO_LIFE_EVENTS } from './life-events.ts';

/**
 * The case engine's part of the demo: the plans of the demo organisations' zaaktypen, the life events
 * "we gaan trouwen" and "ik ga verhuizen", and a few running cases so the work queues, MijnTaken and the
 * combined progress have something to show. The diensten and zaaktypen are the catalogue's demo.
 */

const SYSTEM: Actor = { kind: 'system', id: 'demo', name: 'Demo' };

/** Which organisation runs which demo plan. */
export const DEMO_PLANS: { organisationId: string; file: DemoPlanFile | 'betalingsregeling.yaml' }[] = [
  { organisationId: 'voorbeeldstad', file: 'melding-voorgenomen-huwelijk.yaml' },
  { organisationId: 'voorbeeldstad', file: 'verhuizing.yaml' },
  { organisationId: 'voorbeeldstad', file: 'kwijtschelding-gemeentelijke-belastingen.yaml' },
  { organisationId: 'voorbeeldstad', file: 'bezwaar.yaml' },
  { organisationId: 'toeslagen', file: 'zorgtoeslag-aanvraag.yaml' },
  { organisationId: 'toeslagen', file: 'bezwaar.yaml' },
  { organisationId: 'incasso', file: 'betalingsregeling.yaml' },
  { organisationId: 'incasso', file: 'bezwaar.yaml' },
];

function planText(file: (typeof DEMO_PLANS)[number]['file']): string {
  return file === 'betalingsregeling.yaml'
    ? readFileSync(new URL(`./${file}`, import.meta.url), 'utf8')
    : readDemoPlanText(file);
}

/** Publishes the demo plans and life events (also used by tests and the benchmark). */
export async function publishDemoPlans(trx: Trx): Promise<void> {
  for (const p of DEMO_PLANS)
    await publishPlan(trx, { organisationId: p.organisationId, definition: planText(p.file), actor: SYSTEM });
  for (const e of DEMO_LIFE_EVENTS) await upsertLifeEvent(trx, e);
}

export async function seedCasesDemo(trx: Trx, deps: EngineDeps): Promise<void> {
  await publishDemoPlans(trx);
  const inSixWeeks = new Date(Date.now() + 42 * 86_400_000).toISOString().slice(0, 10);
  // Sanne and Jeroen are getting married: one request, cases at the municipality and at Dienst Toeslagen.
  const marriage = await requestLifeEvent(trx, deps, {
    lifeEventId: 'we-gaan-trouwen',
    bsn: DEMO_BSN.sanne,
    answers: {
      partnerBsn: DEMO_BSN.jeroen,
      gewensteDatum: inSixWeeks,
      geborenBuitenland: false,
      inkomenBekend: false,
    },
    actor: { kind: 'citizen', id: DEMO_BSN.sanne },
  });
  // The municipality has checked the BRP already; the witnesses are next.
  const melding = marriage.cases.find((c) => c.serviceKey === 'melding');
  if (melding)
    await completeTask(trx, {
      caseId: melding.caseId,
      organisationId: 'voorbeeldstad',
      instanceId: 'controleer-brp#1',
      actor: { kind: 'staff', id: 'm.jansen', name: 'Marieke Jansen' },
    });
  // Lisa moves from Rivierdal to Voorbeeldstad.
  await requestLifeEvent(trx, deps, {
    lifeEventId: 'ik-ga-verhuizen',
    bsn: DEMO_BSN.lisa,
    answers: {
      nieuwAdres: 'Stationsplein 4, 9990 SA Voorbeeldstad',
      verhuisdatum: inSixWeeks,
      inwoning: false,
      inkomenBekend: true,
    },
    actor: { kind: 'citizen', id: DEMO_BSN.lisa },
  });
  // Esther asks the collection office for a payment arrangement.
  await startCase(trx, deps, {
    organisationId: 'incasso',
    zaaktype: 'BETALINGSREGELING',
    bsn: DEMO_BSN.esther,
    data: { bedrag: 1250, schuldhulp: false },
    actor: SYSTEM,
  });
}
