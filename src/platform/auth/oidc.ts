import * as oidc from 'openid-client';
import { Type } from 'typebox';
import type { Db } from '../db/database.ts';
import { Problem } from '../http/problem.ts';
import type { App } from '../http/server.ts';
import { createSession, endSession, SESSION_COOKIE } from './sessions.ts';

export interface OidcClient {
  clientId: string;
  clientSecret: string;
}

export interface OidcSettings {
  issuer: string;
  citizen: OidcClient;
  staff: OidcClient;
  /** Plain HTTP is allowed only for the local demo provider. */
  allowInsecure: boolean;
}

const LOGIN_COOKIE = 'loket_login';
export const CALLBACK_PATH = '/inloggen/terug';

/** Only local paths: never send someone to another site after login (open redirect). */
export function safeReturnPath(path: unknown): string {
  return typeof path === 'string' && path.startsWith('/') && !path.startsWith('//') && !path.includes('\\')
    ? path
    : '/';
}

export function loginPath(kind: 'citizen' | 'staff' | undefined, returnTo: string): string {
  return `/inloggen?als=${kind === 'staff' ? 'medewerker' : 'inwoner'}&terug=${encodeURIComponent(returnTo)}`;
}

/**
 * Login for citizens and staff with OpenID Connect (authorization code + PKCE), the same code path
 * against the demo provider and a real one. The session lives in the database; the browser holds
 * only its random id in an httpOnly cookie.
 */
export function registerOidcLogin(app: App, db: Db, baseUrl: string, settings: OidcSettings): void {
  const secure = baseUrl.startsWith('https:');
  const redirectUri = `${baseUrl}${CALLBACK_PATH}`;
  const configs = new Map<string, Promise<oidc.Configuration>>();
  const configFor = (kind: 'citizen' | 'staff') => {
    let config = configs.get(kind);
    if (!config) {
      const client = settings[kind];
      config = oidc
        .discovery(new URL(settings.issuer), client.clientId, client.clientSecret, undefined, {
          execute: settings.allowInsecure ? [oidc.allowInsecureRequests] : [],
        })
        .catch((err) => {
          configs.delete(kind); // try again on the next login
          throw err;
        });
      configs.set(kind, config);
    }
    return config;
  };

  app.get(
    '/inloggen',
    {
      config: { auth: 'public' },
      schema: {
        hide: true,
        querystring: Type.Object({
          als: Type.Optional(Type.Union([Type.Literal('inwoner'), Type.Literal('medewerker')])),
          terug: Type.Optional(Type.String({ maxLength: 2000 })),
        }),
      },
    },
    async (req, reply) => {
      const kind = req.query.als === 'medewerker' ? 'staff' : 'citizen';
      const config = await configFor(kind);
      const verifier = oidc.randomPKCECodeVerifier();
      const state = oidc.randomState();
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: 'openid profile',
        code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state,
      });
      reply.setCookie(
        LOGIN_COOKIE,
        JSON.stringify({ kind, state, verifier, returnTo: safeReturnPath(req.query.terug) }),
        {
          path: '/',
          httpOnly: true,
          sameSite: 'lax',
          secure,
          signed: true,
          maxAge: 600,
        },
      );
      return reply.redirect(url.href, 303);
    },
  );

  app.get(
    CALLBACK_PATH,
    {
      config: { auth: 'public' },
      schema: {
        hide: true,
        querystring: Type.Object({
          code: Type.Optional(Type.String()),
          state: Type.Optional(Type.String()),
          iss: Type.Optional(Type.String()),
          error: Type.Optional(Type.String()),
          error_description: Type.Optional(Type.String()),
        }),
      },
    },
    async (req, reply) => {
      const raw = req.cookies[LOGIN_COOKIE];
      const unsigned = raw ? req.unsignCookie(raw) : null;
      if (!unsigned?.valid || !unsigned.value) {
        throw new Problem(
          400,
          'login_expired',
          'Het inloggen duurde te lang of is al afgerond. Probeer het opnieuw.',
        );
      }
      const pending = JSON.parse(unsigned.value) as {
        kind: 'citizen' | 'staff';
        state: string;
        verifier: string;
        returnTo: string;
      };
      reply.clearCookie(LOGIN_COOKIE, { path: '/' });
      if (req.query.error)
        throw new Problem(401, 'login_failed', 'Inloggen is niet gelukt. Probeer het opnieuw.');
      const config = await configFor(pending.kind);
      let claims: Record<string, unknown>;
      try {
        const tokens = await oidc.authorizationCodeGrant(config, new URL(`${baseUrl}${req.url}`), {
          pkceCodeVerifier: pending.verifier,
          expectedState: pending.state,
        });
        claims = { ...(tokens.claims() ?? {}) };
        // The profile claims come from the userinfo endpoint when the ID token does not carry them.
        if (!claims.name)
          claims = {
            ...claims,
            ...(await oidc.fetchUserInfo(config, tokens.access_token, String(claims.sub))),
          };
      } catch (err) {
        req.log.warn({ err }, 'login failed');
        throw new Problem(401, 'login_failed', 'Inloggen is niet gelukt. Probeer het opnieuw.');
      }
      const session =
        pending.kind === 'citizen'
          ? await createSession(db, {
              organisationId: 'loket',
              kind: 'citizen',
              subject: String(claims.bsn ?? ''),
              data: { name: String(claims.name ?? '') },
            })
          : await createSession(db, {
              organisationId: String(claims.organisation ?? ''),
              kind: 'staff',
              subject: String(claims.sub).replace(/^staff:/, ''),
              data: {
                name: String(claims.name ?? ''),
                team: String(claims.team ?? ''),
                roles: Array.isArray(claims.roles) ? claims.roles.map(String) : [],
              },
            });
      if (!session.subject) throw new Problem(401, 'login_failed', 'De inlogdienst gaf niet aan wie u bent.');
      reply.setCookie(SESSION_COOKIE, session.id, { path: '/', httpOnly: true, sameSite: 'lax', secure });
      return reply.redirect(pending.returnTo, 303);
    },
  );

  app.post('/uitloggen', { config: { auth: 'session' }, schema: { hide: true } }, async (req, reply) => {
    await endSession(db, req.session!.id);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/', 303);
  });
}
