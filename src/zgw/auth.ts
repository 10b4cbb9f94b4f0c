import {
  type ClientAuthorisations,
  type Component,
  loadAuthorisations,
  requireScopes,
} from '../authz/policy.ts';
import type { Db } from '../platform/db/database.ts';
import { problems } from '../platform/http/problem.ts';
import type { App } from '../platform/http/server.ts';

/** What a ZGW route needs: its component and the scopes of which one suffices. */
export interface ZgwRouteAccess {
  component: Component;
  scopes: string[];
}

declare module 'fastify' {
  interface FastifyContextConfig {
    zgw?: ZgwRouteAccess;
  }
  interface FastifyRequest {
    authorisations?: ClientAuthorisations;
  }
}

/**
 * After the JWT check: loads the client's autorisaties (remembered until they change, in this process at
 * once and in others at the commit's notification: platform/auth/client-cache.ts, so a change to an
 * application applies to the very next request) and demands the route's scopes. Type- and
 * confidentiality-level checks happen in the services, which know the object.
 */
export function enforceZgwAuthorisations(app: App, db: Db): void {
  app.addHook('preHandler', async (req) => {
    const access = req.routeOptions.config.zgw;
    if (req.routeOptions.config.auth !== 'zgw') return;
    if (!req.apiClient) throw problems.notAuthenticated();
    const auth = await loadAuthorisations(db, req.apiClient.clientId, req.apiClient.organisationId);
    req.authorisations = auth;
    if (!access) return;
    if (!auth.applicatieId) throw problems.permissionDenied();
    requireScopes(auth, access.component, access.scopes);
  });
}

/** The request's authorisations; only valid on `auth: 'zgw'` routes. */
export function authorisationsOf(req: { authorisations?: ClientAuthorisations }): ClientAuthorisations {
  if (!req.authorisations) throw problems.notAuthenticated();
  return req.authorisations;
}
