import { createHmac, timingSafeEqual } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader, type JWTPayload } from 'jose';
import type { Db } from '../db/database.ts';
import type { Trx } from '../db/transaction.ts';
import { problems } from '../http/problem.ts';
import type { App } from '../http/server.ts';
import { cachedClientRead, clientsChanged } from './client-cache.ts';

/** The API client behind a verified ZGW JWT. */
export interface ApiClient {
  clientId: string;
  organisationId: string;
  claims: JWTPayload;
}

declare module 'fastify' {
  interface FastifyRequest {
    apiClient?: ApiClient;
  }
}

export async function setClientSecret(
  db: Db | Trx,
  clientId: string,
  secret: string,
  organisationId: string,
) {
  await db
    .insertInto('api_client_secret')
    .values({ client_id: clientId, secret, organisation_id: organisationId })
    .onConflict((oc) => oc.column('client_id').doUpdateSet({ secret, organisation_id: organisationId }))
    .execute();
  // Outside a transaction the change is committed now; a transaction's owner says so after its commit.
  if (!db.isTransaction) clientsChanged(db as Db);
}

const CLOCK_SKEW_SECONDS = 60;

/**
 * Verifies a ZGW API token: HS256, signed with the secret stored for its client_id, with an iat
 * no older than maxAgeSeconds. Any failure is a 401 problem, never a 500.
 */
export async function verifyZgwToken(
  db: Db,
  authorization: string | undefined,
  maxAgeSeconds: number,
  now: () => number = Date.now,
): Promise<ApiClient> {
  const match = authorization?.match(/^Bearer\s+(\S+)$/i);
  if (!match) throw problems.notAuthenticated();
  const token = match[1];
  const nowSeconds = now() / 1000;
  const known = verifiedTokens.get(token);
  // A token whose signature this process checked against the same stored secret (the same remembered row:
  // a changed secret is read anew, client-cache.ts) needs only its times checked again.
  if (known && (await readSecret(db, known.clientId)) === known.row) {
    checkTimes(known.claims, nowSeconds, maxAgeSeconds);
    return { clientId: known.clientId, organisationId: known.row.organisation_id, claims: known.claims };
  }
  let clientId: string;
  try {
    const header = decodeProtectedHeader(token);
    if (header.alg !== 'HS256') throw problems.notAuthenticated('Alleen HS256-tokens worden geaccepteerd.');
    const claims = decodeJwt(token);
    clientId = String(claims.client_id ?? claims.iss ?? '');
  } catch (err) {
    if (err instanceof Error && 'status' in err) throw err;
    throw problems.notAuthenticated('Het token is geen geldige JWT.');
  }
  if (!clientId) throw problems.notAuthenticated('Het token heeft geen client_id.');
  const row = await readSecret(db, clientId);
  if (!row) throw problems.notAuthenticated('Onbekende client_id.');
  const claims = verifyHs256(token, row.secret);
  checkTimes(claims, nowSeconds, maxAgeSeconds);
  if (verifiedTokens.size >= MAX_VERIFIED) verifiedTokens.clear();
  verifiedTokens.set(token, { clientId, row, claims });
  return { clientId, organisationId: row.organisation_id, claims };
}

type SecretRow = { secret: string; organisation_id: string };

function readSecret(db: Db, clientId: string): Promise<SecretRow | undefined> {
  return cachedClientRead(db, `secret ${clientId}`, () =>
    db
      .selectFrom('api_client_secret')
      .select(['secret', 'organisation_id'])
      .where('client_id', '=', clientId)
      .executeTakeFirst(),
  );
}

/** Tokens whose signature was found good, with the secret row it was checked against (most clients reuse one). */
const verifiedTokens = new Map<string, { clientId: string; row: SecretRow; claims: JWTPayload }>();
const MAX_VERIFIED = 1000;

/** iat (required, not in the future, not older than maxAgeSeconds), exp and nbf, with the clock tolerance. */
function checkTimes(claims: JWTPayload, nowSeconds: number, maxAgeSeconds: number): void {
  if (typeof claims.exp === 'number' && nowSeconds - CLOCK_SKEW_SECONDS >= claims.exp)
    throw problems.notAuthenticated('Het token is verlopen.');
  if (typeof claims.nbf === 'number' && nowSeconds + CLOCK_SKEW_SECONDS < claims.nbf)
    throw problems.notAuthenticated('Het token is nog niet geldig.');
  if (typeof claims.iat !== 'number') throw problems.notAuthenticated('Het token heeft geen iat.');
  if (claims.iat > nowSeconds + CLOCK_SKEW_SECONDS)
    throw problems.notAuthenticated('Het token komt uit de toekomst.');
  if (nowSeconds - claims.iat > maxAgeSeconds) throw problems.notAuthenticated('Het token is te oud.');
}

/** Checks an HS256 signature with node:crypto (a tenth of the cost of WebCrypto's key import per call); answers the claims. */
function verifyHs256(token: string, secret: string): JWTPayload {
  const parts = token.split('.');
  if (parts.length !== 3) throw problems.notAuthenticated('Het token is geen geldige JWT.');
  const [header, payload, signature] = parts as [string, string, string];
  const expected = createHmac('sha256', secret).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw problems.notAuthenticated('De handtekening van het token klopt niet.');
  try {
    return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as JWTPayload;
  } catch {
    throw problems.notAuthenticated('Het token is geen geldige JWT.');
  }
}

/** Adds ZGW token checking to every route of an API group declared with `auth: 'zgw'`. */
export function requireZgwClients(app: App, db: Db, maxAgeSeconds: number): void {
  app.addHook('onRequest', async (req) => {
    if (req.routeOptions.config.auth !== 'zgw') return;
    req.apiClient = await verifyZgwToken(db, req.headers.authorization, maxAgeSeconds);
  });
}
