import { randomBytes, timingSafeEqual } from 'node:crypto';
import { sql } from 'kysely';
import type { Database, Db } from '../db/database.ts';
import { DbMemo } from '../db/memo.ts';
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

/**
 * Sessions are remembered per database handle, so a page costs no session read: a session never changes
 * after login, it only ends. An ended session is forgotten in this process at once (`endSession`) and in
 * every other process through `pg_notify` on SESSIONS_CHANNEL, sent by a trigger on `web_session` at
 * commit. As a safety net a remembered session is read again after REMEMBER_MS, and never used past its
 * expiry. A read that overlaps an ending (the generation moved while it ran) is answered, not remembered.
 */
export const SESSIONS_CHANNEL = 'loket_sessions_ended';

/** The trigger that tells every process a session ended (created by the auth migrations). */
export const SESSIONS_ENDED_SQL = [
  `create or replace function loket_sessions_ended() returns trigger
    language plpgsql as $$ begin perform pg_notify('${SESSIONS_CHANNEL}', ''); return null; end $$`,
  `create or replace trigger web_session_ended after delete or truncate on web_session
    for each statement execute function loket_sessions_ended()`,
];

const REMEMBER_MS = 60_000;
const MAX_REMEMBERED = 50_000;

const remembered = new DbMemo<WebSession | null>({
  maxEntries: MAX_REMEMBERED,
  rememberMs: REMEMBER_MS,
  usableUntil: (session) => session?.expiresAt.getTime() ?? 0,
  remember: (session) => session !== null,
});

/** Forgets every remembered session of this database handle (after an ending committed anywhere). */
export function sessionsEnded(db: Db): void {
  remembered.forget(db);
}

/** Forgets on every ending committed by any process (the table's trigger notifies). */
export async function listenForEndedSessions(database: Database): Promise<void> {
  await database.listen(SESSIONS_CHANNEL, () => sessionsEnded(database.db));
}

export async function findSession(db: Db, id: string): Promise<WebSession | null> {
  return remembered.read(db, id, () => readSession(db, id));
}

async function readSession(db: Db, id: string): Promise<WebSession | null> {
  const r = await db
    .selectFrom('web_session')
    .selectAll()
    .where('id', '=', id)
    .where('expires_at', '>', sql<Date>`now()`)
    .executeTakeFirst();
  if (!r) return null;
  return Object.freeze({
    id: r.id,
    organisationId: r.organisation_id,
    kind: r.kind,
    subject: r.subject,
    actingFor: r.acting_for,
    data: Object.freeze(r.data),
    csrfToken: r.csrf_token,
    expiresAt: r.expires_at,
  });
}

export async function endSession(db: Db, id: string): Promise<void> {
  await db.deleteFrom('web_session').where('id', '=', id).execute();
  sessionsEnded(db);
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
