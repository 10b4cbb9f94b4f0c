import { readFileSync } from 'node:fs';
import type { PlanDefinition } from '../types.ts';
import { requireValidPlan } from '../validate.ts';

/** The demo plans shipped with Loket, one YAML file each, validated on load. */
export const DEMO_PLAN_FILES = [
  'melding-voorgenomen-huwelijk.yaml',
  'verhuizing.yaml',
  'zorgtoeslag-aanvraag.yaml',
  'kwijtschelding-gemeentelijke-belastingen.yaml',
  'bezwaar.yaml',
  'subsidieaanvraag.yaml',
] as const;

export type DemoPlanFile = (typeof DEMO_PLAN_FILES)[number];

export function readDemoPlanText(file: DemoPlanFile): string {
  return readFileSync(new URL(`./${file}`, import.meta.url), 'utf8');
}

/** One demo plan, validated; throws InvalidPlanDefinition listing every error. */
export function loadDemoPlan(file: DemoPlanFile): PlanDefinition {
  return requireValidPlan(readDemoPlanText(file));
}

/** All demo plans by id. */
export function loadDemoPlans(): Map<string, PlanDefinition> {
  return new Map(DEMO_PLAN_FILES.map((file) => loadDemoPlan(file)).map((plan) => [plan.id, plan]));
}
