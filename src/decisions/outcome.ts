import type { Outputs } from './store.ts';

/**
 * When is an outcome favourable for the person? Per rule, from its outputs. A rule not listed here is
 * treated as adverse: then a human always looks before the decision is final (the safe side).
 */
const FAVOURABLE: Record<string, (o: Outputs) => boolean> = {
  zorgtoeslag: (o) => o.recht === true,
  'huwelijk-melding-voorgenomen': (o) => o.magDoorgaan === true,
  'kwijtschelding-gemeentelijke-belastingen': (o) => o.uitkomst === 'volledig',
};

export function isAdverse(ruleId: string, outputs: Outputs | null): boolean {
  if (!outputs) return true;
  const favourable = FAVOURABLE[ruleId];
  return favourable ? !favourable(outputs) : true;
}

/** Awb 6:7: the objection term is six weeks, from the day after the decision is made known. */
export const OBJECTION_TERM_DAYS = 42;

export function objectionDeadline(decidedAt: Date, days = OBJECTION_TERM_DAYS): string {
  const d = new Date(Date.UTC(decidedAt.getUTCFullYear(), decidedAt.getUTCMonth(), decidedAt.getUTCDate()));
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
