import { algemeneTermijnenwet, dueDateFor } from '../cases/plan/index.ts';
import { getDienst } from '../catalog/dienst.ts';
import type { Db } from '../platform/db/database.ts';
import type { Trx } from '../platform/db/transaction.ts';
import { getSetting } from '../platform/organisations.ts';

/**
 * Who answers a call-back request and by when: the team that owns the dienst (else the organisation's
 * general team), within the dienst's promised response time for a call-back (`reactietermijnen`), counted
 * in working days that skip weekends and the holidays of the Algemene termijnenwet.
 */

/** The response time when the dienst promises none: two working days. */
export const DEFAULT_TERM = 'P2D';
/** The team that takes questions not tied to a service when the organisation has not named one. */
export const DEFAULT_GENERAL_TEAM = 'klantcontact';

type Conn = Db | Trx;

/** The organisation's general team (setting `contact.general-team.<organisation>`). */
export async function generalTeam(db: Conn, organisationId: string): Promise<string> {
  return (await getSetting<string>(db, `contact.general-team.${organisationId}`)) ?? DEFAULT_GENERAL_TEAM;
}

/**
 * An ISO 8601 response time as working days: `P3D` is three working days, `P1W` five, hours
 * (`PT4H`) round up to one working day. Anything else is null.
 */
export function workingDaysOf(term: string): number | null {
  const days = /^P(\d+)D$/.exec(term);
  if (days) return Math.max(1, Number(days[1]));
  const weeks = /^P(\d+)W$/.exec(term);
  if (weeks) return Math.max(1, Number(weeks[1]) * 5);
  const hours = /^PT(\d+)H$/.exec(term);
  if (hours) return Math.max(1, Math.ceil(Number(hours[1]) / 8));
  return null;
}

/** The last day (YYYY-MM-DD, Netherlands) to answer a request made at `now` within `term`. */
export function callBackDueDate(now: Date, term: string): string {
  const workingDays = workingDaysOf(term) ?? (workingDaysOf(DEFAULT_TERM) as number);
  return dueDateFor(now, { workingDays }, algemeneTermijnenwet);
}

export interface Routing {
  organisationId: string;
  team: string;
  dienstId: string | null;
  term: string;
}

/** Routing for a request about a dienst (or about the organisation in general when dienstId is null). */
export async function routeRequest(
  db: Conn,
  organisationId: string,
  dienstId: string | null,
): Promise<Routing> {
  const dienst = dienstId ? await getDienst(db, dienstId) : null;
  const usable = dienst && dienst.organisationId === organisationId ? dienst : null;
  const promised = usable?.reactietermijnen.terugbellen ?? usable?.reactietermijnen.telefoon;
  return {
    organisationId,
    team: usable?.eigenaarTeam || (await generalTeam(db, organisationId)),
    dienstId: usable?.id ?? null,
    term: promised && workingDaysOf(promised) !== null ? promised : DEFAULT_TERM,
  };
}
