import { deadlineStats } from '../cases/engine/deadline-stats.ts';
import { listDiensten } from '../catalog/dienst.ts';
import { repeatedContactStats } from '../contact/stats.ts';
import { deviationStats, objectionStats } from '../decisions/stats.ts';
import { correctionStats, improvementStats } from '../facts/stats.ts';
import type { Db } from '../platform/db/database.ts';
import { signalStats } from '../signals/stats.ts';

/** A period of whole months, `YYYY-MM` to `YYYY-MM` inclusive. */
export interface Period {
  from: string;
  to: string;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The months of a period, in order. */
export function monthsOf(p: Period): string[] {
  const months: string[] = [];
  let [y, m] = p.from.split('-').map(Number) as [number, number];
  const last = p.to;
  for (let i = 0; i < 120; i++) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    months.push(month);
    if (month >= last) break;
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return months;
}

/** The period asked for, or the last twelve months up to `today`; a reversed or bad period falls back. */
export function periodOf(from: string | undefined, to: string | undefined, today = new Date()): Period {
  const end = `${today.getUTCFullYear()}-${String(today.getUTCMonth() + 1).padStart(2, '0')}`;
  const startDate = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 11, 1));
  const start = `${startDate.getUTCFullYear()}-${String(startDate.getUTCMonth() + 1).padStart(2, '0')}`;
  const f = from && MONTH.test(from) ? from : start;
  const t = to && MONTH.test(to) ? to : end;
  if (f > t || monthsOf({ from: f, to: t }).length > 60) return { from: start, to: end };
  return { from: f, to: t };
}

function dayAfter(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10);
}

/** Fills a per-month list into one value per month of the period (0 where nothing happened). */
function perMonth<T extends { month: string }>(
  months: string[],
  rows: T[],
  pick: (r: T) => number,
): number[] {
  return months.map((m) => rows.filter((r) => r.month === m).reduce((sum, r) => sum + pick(r), 0));
}

export interface LearningView {
  period: Period;
  months: string[];
  dienstId: string | null;
  diensten: { id: string; naam: string }[];
  deadlines: { missed: number[]; nearlyMissed: number[] };
  deviations: { ruleId: string; reason: string; count: number }[];
  deviationsPerMonth: number[];
  objections: { filed: number[]; upheld: number[]; rejected: number[] };
  corrections: { corrections: number[]; touched: number[]; changed: number[] };
  signals: { raised: number[]; closed: number[]; openNow: number };
  improvements: { opened: number[]; openNow: number; openReviews: number };
  /** Contacts per month, and how many were a repeat about the same need within 30 days. */
  contacts: { contacts: number[]; repeated: number[] };
}

/**
 * What a service (or the whole organisation) can learn from, per month over a period: missed and nearly
 * missed terms, maatwerk per rule and reason, objections and how many were upheld, corrections and the
 * decisions they touched, signals and improvement items. Only the staff member's own organisation.
 */
export async function learningView(
  db: Db,
  input: { organisationId: string; dienstId?: string | null; period: Period },
): Promise<LearningView> {
  const diensten = (await listDiensten(db, input.organisationId))
    .filter((d) => !d.automatisch)
    .map((d) => ({ id: d.id, naam: d.naam }));
  const dienstId = diensten.some((d) => d.id === input.dienstId) ? (input.dienstId as string) : null;
  const months = monthsOf(input.period);
  const f = {
    organisationId: input.organisationId,
    dienstId,
    from: `${input.period.from}-01`,
    to: dayAfter(input.period.to),
  };
  const [deadlines, deviations, objections, corrections, signals, improvements, contacts] = await Promise.all(
    [
      deadlineStats(db, f),
      deviationStats(db, f),
      objectionStats(db, f),
      correctionStats(db, f),
      signalStats(db, f),
      improvementStats(db, f),
      repeatedContactStats(db, f),
    ],
  );
  const byRule = new Map<string, { ruleId: string; reason: string; count: number }>();
  for (const d of deviations) {
    const key = `${d.ruleId}\u0000${d.reason}`;
    const current = byRule.get(key) ?? { ruleId: d.ruleId, reason: d.reason, count: 0 };
    current.count += d.count;
    byRule.set(key, current);
  }
  return {
    period: input.period,
    months,
    dienstId,
    diensten,
    deadlines: {
      missed: perMonth(months, deadlines, (r) => r.missed),
      nearlyMissed: perMonth(months, deadlines, (r) => r.nearlyMissed),
    },
    deviations: [...byRule.values()].sort((a, b) => b.count - a.count),
    deviationsPerMonth: perMonth(months, deviations, (r) => r.count),
    objections: {
      filed: perMonth(months, objections, (r) => r.filed),
      upheld: perMonth(months, objections, (r) => r.upheld),
      rejected: perMonth(months, objections, (r) => r.rejected),
    },
    corrections: {
      corrections: perMonth(months, corrections, (r) => r.corrections),
      touched: perMonth(months, corrections, (r) => r.touched),
      changed: perMonth(months, corrections, (r) => r.changed),
    },
    signals: {
      raised: perMonth(months, signals.perMonth, (r) => r.raised),
      closed: perMonth(months, signals.perMonth, (r) => r.closed),
      openNow: signals.openNow,
    },
    improvements: {
      opened: perMonth(months, improvements.perMonth, (r) => r.opened),
      openNow: improvements.openNow,
      openReviews: improvements.openReviews,
    },
    contacts: {
      contacts: perMonth(months, contacts, (r) => r.contacts),
      repeated: perMonth(months, contacts, (r) => r.repeated),
    },
  };
}
