import { startCase } from '../../cases/engine/cases.ts';
import { caseEngineOf } from '../../cases/module.ts';
import { type Person, personSession } from '../../cases/test-support.ts';
import { DEMO_STAFF } from '../../demo/staff.ts';
import { SESSION_COOKIE } from '../../platform/auth/sessions.ts';
import type { Database } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import type { TestLoket } from '../../testing/backends.ts';

/** A session of a demo staff member (as the login would make it). */
export function staffSession(database: Database, staffId: string): Promise<Person> {
  const s = DEMO_STAFF.find((x) => x.id === staffId);
  if (!s) throw new Error(`no demo staff ${staffId}`);
  return personSession(database, 'staff', s.id, s.organisationId, {
    name: s.name,
    team: s.team,
    roles: s.roles,
  });
}

/** Starts a case through the engine, as a staff member of the organisation would. */
export async function startTestCase(
  database: Database,
  input: {
    organisationId: string;
    zaaktype: string;
    bsn: string;
    data: Record<string, unknown>;
    startdatum?: string;
  },
): Promise<string> {
  const started = await inTransaction(database.db, (trx) =>
    startCase(trx, caseEngineOf(database), {
      ...input,
      actor: { kind: 'staff', id: 'test', name: 'Test' },
    }),
  );
  return started.caseId;
}

export interface Page {
  status: number;
  location: string | null;
  text: string;
}

/** GET or form POST as a person, over real HTTP, without following redirects. */
export function web(loket: TestLoket) {
  return async (who: Person, path: string, form?: Record<string, string | string[]>): Promise<Page> => {
    let body: string | undefined;
    if (form) {
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries({ _csrf: who.csrf, ...form }))
        for (const one of Array.isArray(v) ? v : [v]) params.append(k, one);
      body = params.toString();
    }
    const res = await fetch(`${loket.url}${path}`, {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: {
        cookie: `${SESSION_COOKIE}=${who.cookie}`,
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body,
    });
    return { status: res.status, location: res.headers.get('location'), text: await res.text() };
  };
}

/** The text of the page without tags, whitespace collapsed (for "the page says …" assertions). */
export const textOf = (page: string) =>
  page
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
