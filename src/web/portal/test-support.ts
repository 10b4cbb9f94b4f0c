import { expect } from 'vitest';
import { freePort } from '../../../bench/lib.ts';
import { completeTask } from '../../cases/engine/tasks.ts';
import { decide, finalize, SYSTEM } from '../../decisions/index.ts';
import type { Config } from '../../platform/config.ts';
import type { Database } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { huwelijkInputs } from '../../rules/examples.ts';
import { loadRuleRegistry } from '../../rules/index.ts';
import { startTestLoket, type TestLoket } from '../../testing/backends.ts';
import { CookieClient } from '../../testing/browserless.ts';

/** A whole Loket in demo mode (identity provider, BRP test service, demo cases) on a free port. */
export async function startPortalLoket(database: Database, config: Partial<Config> = {}): Promise<TestLoket> {
  // The OIDC redirect URI names the real port, so pick it before starting.
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  return startTestLoket(database, {
    config: {
      demo: true,
      port,
      baseUrl,
      brp: { baseUrl: `${baseUrl}/haalcentraal/api/brp`, apiKey: 'demo-brp-sleutel', local: true },
      ...config,
    },
  });
}

/** Logs a demo citizen in through the identity provider, the way a browser without JavaScript does. */
export async function loginCitizen(baseUrl: string, bsn: string, returnTo = '/'): Promise<CookieClient> {
  const client = new CookieClient(baseUrl);
  const { res, url } = await client.follow(returnTo);
  expect(url).toContain('/demo-idp/inloggen/');
  await res.text();
  const done = await client.submit(url, { account: `bsn:${bsn}` });
  expect(done.res.status).toBe(200);
  await done.res.text();
  return client;
}

/** The CSRF token of the logged-in session, from any portal page's forms. */
export async function csrfOf(client: CookieClient, path = '/'): Promise<string> {
  const res = await client.request(path);
  const page = await res.text();
  const token = /name="_csrf" value="([^"]+)"/.exec(page)?.[1];
  if (!token) throw new Error(`no CSRF token on ${path}`);
  return token;
}

/** What a professional does in the workbench, done directly: complete a team task of a case. */
export async function staffCompletes(database: Database, caseId: string, instanceId: string): Promise<void> {
  await inTransaction(database.db, (trx) =>
    completeTask(trx, {
      caseId,
      organisationId: 'voorbeeldstad',
      instanceId,
      actor: { kind: 'staff', id: 'm.jansen', name: 'Marieke Jansen' },
    }),
  );
}

/** The municipality decides on the marriage notice (rule applied, then made final by a professional). */
export async function staffDecidesMarriage(database: Database, caseId: string, bsn: string): Promise<string> {
  return inTransaction(database.db, async (trx) => {
    const drafted = await decide(trx, loadRuleRegistry(), {
      ruleId: 'huwelijk-melding-voorgenomen',
      referenceDate: new Date().toISOString().slice(0, 10),
      inputs: huwelijkInputs({
        huwelijksdatum: new Date(Date.now() + 42 * 86_400_000).toISOString().slice(0, 10),
        geboortedatumPartner1: '1994-05-12',
        geboortedatumPartner2: '1992-09-03',
      }),
      organisationId: 'voorbeeldstad',
      caseId,
      subjectBsn: bsn,
      actor: SYSTEM,
    });
    return (await finalize(trx, drafted.id, 'voorbeeldstad', 'm.jansen')).id;
  });
}

/** The case ids linked from a portal page, with the text of their links. */
export function caseLinks(page: string): { id: string; text: string }[] {
  return [...page.matchAll(/href="\/zaken\/([0-9a-f-]{36})"[^>]*>([^<]+)</g)].map((m) => ({
    id: m[1],
    text: m[2],
  }));
}
