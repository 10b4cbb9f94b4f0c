import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { clientsChanged } from '../platform/auth/client-cache.ts';
import { setClientSecret } from '../platform/auth/zgw-jwt.ts';
import type { Db } from '../platform/db/database.ts';
import { inTransaction } from '../platform/db/transaction.ts';
import type { Autorisatie } from './policy.ts';
import { saveApplicatie } from './repository.ts';

/** A ZGW API client for tests: its secret is stored; `autorisaties` (or all rights) are optional. */
export interface TestClient {
  clientId: string;
  secret: string;
  organisationId: string;
}

export async function addTestClient(
  db: Db,
  options: {
    clientId?: string;
    organisationId?: string;
    all?: boolean;
    autorisaties?: Partial<Autorisatie>[];
  } = {},
): Promise<TestClient> {
  const client = {
    clientId: options.clientId ?? `test-${randomUUID().slice(0, 8)}`,
    secret: `geheim-${randomUUID()}`,
    organisationId: options.organisationId ?? 'voorbeeldstad',
  };
  await setClientSecret(db, client.clientId, client.secret, client.organisationId);
  if (options.all || options.autorisaties) {
    await inTransaction(db, (trx) =>
      saveApplicatie(trx, {
        id: randomUUID(),
        organisationId: client.organisationId,
        label: client.clientId,
        heeftAlleAutorisaties: options.all === true,
        clientIds: [client.clientId],
        autorisaties: (options.autorisaties ?? []).map((a) => ({
          component: a.component ?? 'ac',
          scopes: a.scopes ?? [],
          zaaktype: a.zaaktype ?? null,
          informatieobjecttype: a.informatieobjecttype ?? null,
          besluittype: a.besluittype ?? null,
          maxVertrouwelijkheidaanduiding: a.maxVertrouwelijkheidaanduiding ?? null,
        })),
      }),
    );
  }
  if (!db.isTransaction) clientsChanged(db);
  return client;
}

export async function zgwToken(client: { clientId: string; secret: string }): Promise<string> {
  return new SignJWT({ client_id: client.clientId, iss: client.clientId, iat: Math.floor(Date.now() / 1000) })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .sign(new TextEncoder().encode(client.secret));
}

/** JSON over real HTTP as one API client; answers the status and the parsed body (null when empty). */
export function apiAs(baseUrl: string, client: { clientId: string; secret: string }) {
  return async (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
    // biome-ignore lint/suspicious/noExplicitAny: tests read whatever the API answered
  ): Promise<{ status: number; headers: Headers; body: any }> => {
    // Resource URLs carry the configured BASE_URL; tests talk to the port the server really listens on.
    const url = path.startsWith('http')
      ? `${baseUrl}${new URL(path).pathname}${new URL(path).search}`
      : `${baseUrl}${path}`;
    const res = await fetch(url, {
      method,
      headers: {
        authorization: `Bearer ${await zgwToken(client)}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
  };
}
