import type { FastifyReply, FastifyRequest } from 'fastify';
import { Problem, problems } from '../platform/http/problem.ts';
import { auditActor } from '../zgw/audittrail.ts';
import { authorisationsOf } from '../zgw/auth.ts';
import { SCOPES } from './access.ts';
import { zakenTexts as t } from './texts.nl.ts';
import type { Caller } from './types.ts';

/** What the Zaken routes share: route access, the caller, Crs headers, answers. */

const access = (scopes: string[]) => ({ auth: 'zgw' as const, zgw: { component: 'zrc' as const, scopes } });
export const LEZEN = access([SCOPES.lezen]);
export const AANMAKEN = access([SCOPES.aanmaken]);
export const BIJWERKEN = access([SCOPES.bijwerken, SCOPES.geforceerd]);
/** Adding parts: also while creating the zaak. */
export const TOEVOEGEN = access([SCOPES.aanmaken, SCOPES.bijwerken, SCOPES.geforceerd]);
export const STATUS = access([
  SCOPES.aanmaken,
  SCOPES.statussen,
  SCOPES.bijwerken,
  SCOPES.heropenen,
  SCOPES.geforceerd,
]);
export const VERWIJDEREN = access([SCOPES.verwijderen]);

export function caller(req: FastifyRequest): Caller {
  if (!req.apiClient) throw problems.notAuthenticated();
  const toelichting = req.headers['x-audit-toelichting'];
  return {
    organisationId: req.apiClient.organisationId,
    auth: authorisationsOf(req),
    actor: auditActor(req),
    toelichting: typeof toelichting === 'string' ? toelichting.slice(0, 1000) : undefined,
  };
}

export const CRS = 'EPSG:4326';

/**
 * Zaken carry a geometry: the client must say which coordinate system it sends (Content-Crs, with a body)
 * or wants (Accept-Crs) — 412 when missing — and only EPSG:4326 exists (406).
 */
export function requireCrs(req: FastifyRequest, header: 'accept-crs' | 'content-crs') {
  const value = req.headers[header];
  if (!value) throw new Problem(412, 'precondition_failed', t.crsMissing, t.crsMissing);
  if (value !== CRS) throw new Problem(406, 'not_acceptable', t.crsUnsupported, t.crsUnsupported);
  const other = req.headers[header === 'accept-crs' ? 'content-crs' : 'accept-crs'];
  if (other && other !== CRS) throw new Problem(406, 'not_acceptable', t.crsUnsupported, t.crsUnsupported);
}

export function created(reply: FastifyReply, body: { url: string }, crs = false) {
  reply.status(201).header('location', body.url);
  if (crs) reply.header('content-crs', CRS);
  return reply.send(body);
}
