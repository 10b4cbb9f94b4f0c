import type { FastifyRequest } from 'fastify';
import { type TSchema, Type } from 'typebox';
import type { WebSession } from '../../platform/auth/sessions.ts';
import type { Db } from '../../platform/db/database.ts';
import { inTransaction, type Trx } from '../../platform/db/transaction.ts';
import { problems } from '../../platform/http/problem.ts';
import { recordProcessing } from '../../processing-log/index.ts';
import { planEventProblem } from '../engine/apply.ts';
import type { EngineDeps } from '../engine/cases.ts';
import type { Actor } from '../plan/index.ts';

/** What every route file of the case API gets. */
export interface CaseApi {
  db: Db;
  deps: EngineDeps;
  baseUrl: string;
}

export const CASES_PREFIX = '/loket/api/v1/zaakbehandeling';

export const STAFF = { auth: 'session', sessionKind: 'staff' } as const;
export const CITIZEN = { auth: 'session', sessionKind: 'citizen' } as const;
export const ANYONE = { auth: 'session' } as const;

/** Role that may publish plans and migrate cases (functioneel beheer). */
export const PLAN_ADMIN_ROLE = 'functioneel-beheerder';

export function session(req: FastifyRequest): WebSession {
  if (!req.session) throw problems.notAuthenticated();
  return req.session;
}

export function actorOf(s: WebSession): Actor {
  const name = typeof s.data.name === 'string' ? s.data.name : undefined;
  return s.kind === 'staff'
    ? { kind: 'staff', id: s.subject, ...(name ? { name } : {}) }
    : { kind: 'citizen', id: s.actingFor ?? s.subject };
}

/** The person a citizen session acts for (themself, or whom they represent). */
export const bsnOf = (s: WebSession): string => s.actingFor ?? s.subject;

export function requireRole(s: WebSession, role: string): void {
  const roles = Array.isArray(s.data.roles) ? s.data.roles : [];
  if (!roles.includes(role)) throw problems.permissionDenied();
}

/** Runs a command in a transaction; a refusal of the runtime becomes a 404 or 409. */
export async function command<T>(db: Db, work: (trx: Trx) => Promise<T>): Promise<T> {
  try {
    return await inTransaction(db, work);
  } catch (err) {
    throw planEventProblem(err);
  }
}

/** A staff member reads (or changes) a case's data: recorded for the person the case is about. */
export async function logCaseRead(
  api: CaseApi,
  s: WebSession,
  caseId: string,
  traceId: string,
  what: string[],
  operation: 'read' | 'write' = 'read',
) {
  const record = await api.deps.records.get(api.db, caseId);
  if (!record?.subjectBsn) return;
  await recordProcessing(api.db, {
    organisationId: s.organisationId,
    operation,
    actor: { kind: s.kind === 'staff' ? 'staff' : 'citizen', id: s.subject },
    subject: { kind: 'bsn', id: record.subjectBsn },
    dataCategories: what,
    purpose: 'Behandelen van een zaak',
    legalBasis: 'Awb art. 3:2 (zorgvuldige voorbereiding)',
    traceId,
  });
}

export const CaseParams = Type.Object({ zaakId: Type.String({ format: 'uuid' }) });
export const TaskParams = Type.Object({
  zaakId: Type.String({ format: 'uuid' }),
  taakId: Type.String({
    description:
      'Id van de taak in het plan, bijvoorbeeld `controleer-brp#1` (in de URL: `controleer-brp%231`).',
  }),
});

export const ActorSchema = Type.Object({
  kind: Type.String(),
  id: Type.String(),
  name: Type.Optional(Type.String()),
});

export const Nullable = <T extends TSchema>(s: T) => Type.Union([s, Type.Null()]);

export const ReasonBody = Type.Object({
  reason: Type.String({ minLength: 1, description: 'Waarom (wordt vastgelegd).' }),
});
