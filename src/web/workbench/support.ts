import type { FastifyReply, FastifyRequest } from 'fastify';
import type { WebSession } from '../../platform/auth/sessions.ts';
import type { Db } from '../../platform/db/database.ts';
import { Problem, problems } from '../../platform/http/problem.ts';
import { alert, heading, html, sendWorkbenchPage } from '../shared/index.ts';

/** Every workbench route: a staff member's session (citizens are sent to the staff login). */
export const STAFF = { auth: 'session', sessionKind: 'staff' } as const;
export const WORKBENCH = '/werkplek';

export interface Staff {
  session: WebSession;
  id: string;
  name: string;
  organisationId: string;
  team: string;
  roles: string[];
}

export function staffOf(req: FastifyRequest): Staff {
  const s = req.session;
  if (s?.kind !== 'staff') throw problems.notAuthenticated();
  return {
    session: s,
    id: s.subject,
    name: typeof s.data.name === 'string' && s.data.name ? s.data.name : s.subject,
    organisationId: s.organisationId,
    team: typeof s.data.team === 'string' ? s.data.team : '',
    roles: Array.isArray(s.data.roles) ? s.data.roles.map(String) : [],
  };
}

/** The actor as the case engine and the processing log name it. */
export const actorOf = (s: Staff) => ({ kind: 'staff' as const, id: s.id, name: s.name });

/** A refusal (not found, not allowed, a conflict) as a page instead of JSON: the workbench is for people. */
export async function sendProblemPage(
  db: Db,
  req: FastifyRequest,
  reply: FastifyReply,
  err: unknown,
): Promise<FastifyReply> {
  if (!(err instanceof Problem) || err.status >= 500) throw err;
  return sendWorkbenchPage(db, req, reply, {
    title: err.title,
    status: err.status,
    content: html`${heading(1, err.title)}${alert({ type: 'error', content: err.detail })}`,
  });
}

/** Post, redirect, get: back to a page with a message code in the query. */
export function redirectTo(reply: FastifyReply, path: string): FastifyReply {
  return reply.redirect(path, 303);
}

/** A form field's text, trimmed; undefined when empty. */
export function field(body: unknown, name: string): string | undefined {
  const v = (body as Record<string, unknown> | null)?.[name];
  const s = Array.isArray(v) ? v[0] : v;
  return typeof s === 'string' && s.trim() ? s.trim() : undefined;
}

/** All values of a repeated form field (checkboxes, multiple select). */
export function fields(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).map(String).filter((v) => v.trim() !== '');
}

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
