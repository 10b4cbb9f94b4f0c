import type { FastifyRequest } from 'fastify';
import type { Viewer } from '../../signals/service.ts';
import { SIGNALS_HELP_PATH } from '../shared/index.ts';

/** Every page here is for staff only: the route config every route of this folder uses. */
export const STAFF = { auth: 'session', sessionKind: 'staff' } as const;

export const PATHS = {
  signals: '/werkplek/signalen',
  newSignal: '/werkplek/signalen/nieuw',
  help: SIGNALS_HELP_PATH,
  insight: '/werkplek/inzicht',
  corrections: '/werkplek/correcties',
} as const;

/** The logged-in staff member as the signals module needs them. */
export function viewerOf(req: FastifyRequest): Viewer {
  const s = req.session!;
  return {
    organisationId: s.organisationId,
    staffId: s.subject,
    name: String(s.data.name ?? s.subject),
    team: String(s.data.team ?? ''),
  };
}
