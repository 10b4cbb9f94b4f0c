import { seedCatalogDemo } from '../catalog/demo.ts';
import { DEMO_ORGANISATIONS } from '../demo/organisations.ts';
import { createSession, SESSION_COOKIE } from '../platform/auth/sessions.ts';
import type { Database } from '../platform/db/database.ts';
import { inTransaction } from '../platform/db/transaction.ts';
import { upsertOrganisation } from '../platform/organisations.ts';
import { startTestLoket, type TestLoket } from '../testing/backends.ts';
import { publishDemoPlans } from './demo/seed.ts';
import { CASES_PREFIX } from './http/support.ts';

/**
 * A Loket with the demo organisations, their catalogue (diensten, zaaktypen) and the demo plans and life
 * events — what the case engine's API tests start from. No demo cases: each test makes its own.
 */
export async function startCaseLoket(database: Database): Promise<TestLoket> {
  const loket = await startTestLoket(database);
  await inTransaction(database.db, async (trx) => {
    for (const o of DEMO_ORGANISATIONS) await upsertOrganisation(trx, o);
    await seedCatalogDemo(trx, loket.context.config);
    await publishDemoPlans(trx);
  });
  return loket;
}

export interface Person {
  cookie: string;
  csrf: string;
}

export async function personSession(
  database: Database,
  kind: 'staff' | 'citizen',
  subject: string,
  organisationId: string,
  data: { name?: string; roles?: string[]; team?: string } = {},
): Promise<Person> {
  const s = await createSession(database.db, { kind, subject, organisationId, data });
  return { cookie: s.id, csrf: s.csrfToken };
}

export interface Answer {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: test responses are read field by field
  body: any;
}

/** Calls the Zaakbehandeling API as a person. */
export function caseApi(loket: TestLoket) {
  return async (who: Person, method: string, path: string, body?: unknown): Promise<Answer> => {
    const res = await fetch(`${loket.url}${CASES_PREFIX}${path}`, {
      method,
      redirect: 'manual',
      headers: {
        cookie: `${SESSION_COOKIE}=${who.cookie}`,
        'x-csrf-token': who.csrf,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
}

export async function until<T>(check: () => Promise<T | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Instance id in a URL path (`#` must be encoded). */
export const taskPath = (instanceId: string) => encodeURIComponent(instanceId);
