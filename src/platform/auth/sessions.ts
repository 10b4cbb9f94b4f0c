import { randomBytes, timingSafeEqual } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { Problem } from '../http/problem.ts';
import type { App } from '../http/server.ts';

/**
 * A logged-in person: a citizen (subject = BSN) or a staff member (subject = staff id). Kept in the
 * database so every process of Loket knows it. `actingFor` is where representation (machtiging)
 * will put the person someone acts for.
 */
export interface WebSession {
  id: string;
  organisationId: string;
  kind: 'citizen' | 'staff';
  subject: string;
  actingFor: string | null;
  data: { name?: string; roles?: string[]; team?: string; [k: string]: unknown };
  csrfToken: string;
  expiresAt: Date;
}

declare module 'fastify' {
  interface FastifyRequest {
    session?: WebSession;
  }
}

export const SESSION_COOKIE = 'loket_session';
const SESSION_HOURS = 8;

export async function createSession(
  db: Db,
  s: Pick<WebSession, 'organisationId' | 'kind' | 'subject' | 'data'> & { actingFor?: string | null },
): Promise<WebSession> {
  const session: WebSession = {
    id: randomBytes(32).toString('base64url'),
    organisationId: s.organisationId,
    kind: s.kind,
    subject: s.subject,
    actingFor: s.actingFor ?? null,
    data: s.data,
    csrfToken: randomBytes(24).toString('base64url'),
    expiresAt: new Date(Date.now() + SESSION_HOURS * 3600_000),
  };
  await db
    .insertInto('web_session')
    .values({
      id: session.id,
      organisation_id: session.organisationId,
      kind: session.kind,
      subject: session.subject,
      acting_for: session.actingFor,
      data: JSON.stringify(session.data),
      csrf_token: session.csrfToken,
      expires_at: session.expiresAt,
    })
    .execute();
  return session;
}

export async function findSession(db: Db, id: string): Promise<WebSession | null> {
  const r = await db
    .selectFrom('web_session')
    .selectAll()
    .where('id', '=', id)
    .where('expires_at', '>', sql<Date>`now()`)
    .executeTakeFirst();
  if (!r) return null;
  return {
    id: r.id,
    organisationId: r.organisation_id,
    kind: r.kind,
    subject: r.subject,
    actingFor: r.acting_for,
    data: r.data,
    csrfToken: r.csrf_token,
    expiresAt: r.expires_at,
  };
}

export async function endSession(db: Db, id: string): Promise<void> {
  await db.deleteFrom('web_session').where('id', '=', id).execute();
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * For routes declared `auth: 'session'`: loads the session from its cookie and, on every state-
 * changing request, demands the session's CSRF token (form field `_csrf` or header `x-csrf-token`).
 * Routes say which kind of person may use them through `config.sessionKind`.
 */
export function requireSessions(
  app: App,
  db: Db,
  loginPath: (req: { url: string; kind?: 'citizen' | 'staff' }) => string,
): void {
  app.addHook('preHandler', async (req, reply) => {
    if (req.routeOptions.config.auth !== 'session') return;
    const id = req.cookies?.[SESSION_COOKIE];
    const session = id ? await findSession(db, id) : null;
    const wanted = req.routeOptions.config.sessionKind;
    if (!session || (wanted && session.kind !== wanted)) {
      if (req.method === 'GET') return reply.redirect(loginPath({ url: req.url, kind: wanted }), 303);
      throw new Problem(401, 'not_authenticated', 'U bent niet (meer) ingelogd.');
    }
    if (UNSAFE.has(req.method)) {
      const body = req.body as Record<string, unknown> | undefined;
      const given = (typeof body?._csrf === 'string' ? body._csrf : undefined) ?? req.headers['x-csrf-token'];
      if (typeof given !== 'string' || !sameToken(given, session.csrfToken)) {
        throw new Problem(
          403,
          'csrf',
          'Dit formulier is verlopen. Laad de pagina opnieuw en probeer het nog eens.',
        );
      }
    }
    req.session = session;
  });
}

declare module 'fastify' {
  interface FastifyContextConfig {
    sessionKind?: 'citizen' | 'staff';
  }
}
