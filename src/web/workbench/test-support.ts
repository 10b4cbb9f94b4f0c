import { startCase } from '../../cases/engine/cases.ts';
import { requestLifeEvent } from '../../cases/engine/life-events.ts';
import { caseEngineOf } from '../../cases/module.ts';
import { type Person, personSession, startCaseLoket } from '../../cases/test-support.ts';
import { DEMO_BSN } from '../../demo/people.ts';
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

/** The demo professionals the workbench tests act as. */
export const TEST_STAFF = {
  /** Behandelaar, Gemeente Voorbeeldstad. */
  marieke: 'm.jansen',
  /** Behandelaar and second reader, Gemeente Voorbeeldstad. */
  ahmed: 'a.bakker',
  /** Behandelaar and second reader, Dienst Toeslagen. */
  jeroen: 'j.visser',
  /** Centraal Incassobureau: takes part in no life event of the tests. */
  sanne: 's.mulder',
} as const;

export interface TestWorkbench {
  loket: TestLoket;
  get: ReturnType<typeof web>;
  staff: Record<keyof typeof TEST_STAFF, Person>;
}

/** A Loket with the demo organisations, catalogue and plans; an HTTP client; a session per demo professional. */
export async function startWorkbench(database: Database): Promise<TestWorkbench> {
  const loket = await startCaseLoket(database);
  const staff = {} as Record<keyof typeof TEST_STAFF, Person>;
  for (const [key, id] of Object.entries(TEST_STAFF))
    staff[key as keyof typeof TEST_STAFF] = await staffSession(database, id);
  return { loket, get: web(loket), staff };
}

/** A moving notice (aangifte verhuizing) at the municipality. */
export function movingCase(database: Database, bsn: string): Promise<string> {
  return startTestCase(database, {
    organisationId: 'voorbeeldstad',
    zaaktype: 'AANGIFTE-VERHUIZING',
    bsn,
    data: { inwoning: false, bewijsNodig: false },
  });
}

/** The demo remission rule and what a professional types for a person whose income is too high for it. */
export const REMISSION_RULE = 'kwijtschelding-gemeentelijke-belastingen';
export const HIGH_INCOME: Record<string, string> = {
  'invoer-heeftEchtgenoot': 'nee',
  'invoer-pensioengerechtigd': 'nee',
  'invoer-nettoInkomenPerMaand': '3200',
  'invoer-nettoWoonlastenPerMaand': '900',
  'invoer-zorgkostenPerMaand': '0',
  'invoer-aflossingTerugvorderingToeslagenPerMaand': '0',
  'invoer-financieleMiddelen': '0',
  'invoer-overigVermogen': '0',
  'invoer-teBetalenBelasting': '412,50',
};

/** A remission request at the municipality; the demo rule has versions for 2025, the start date picks one. */
export function remissionCase(database: Database, bsn: string): Promise<string> {
  return startTestCase(database, {
    organisationId: 'voorbeeldstad',
    zaaktype: 'KWIJTSCHELDING-GEMEENTELIJKE-BELASTINGEN',
    bsn,
    data: {},
    startdatum: '2025-09-01',
  });
}

/** Sanne and Jeroen marry: the municipality's marriage notice and Dienst Toeslagen's case, one life event. */
export async function marriageLifeEvent(database: Database): Promise<{ melding: string; toeslag: string }> {
  const request = await inTransaction(database.db, (trx) =>
    requestLifeEvent(trx, caseEngineOf(database), {
      lifeEventId: 'we-gaan-trouwen',
      bsn: DEMO_BSN.sanne,
      answers: {
        partnerBsn: DEMO_BSN.jeroen,
        gewensteDatum: '2099-06-01',
        geborenBuitenland: false,
        inkomenBekend: false,
      },
      actor: { kind: 'citizen', id: DEMO_BSN.sanne },
    }),
  );
  return {
    melding: request.cases.find((c) => c.organisationId === 'voorbeeldstad')!.caseId,
    toeslag: request.cases.find((c) => c.organisationId === 'toeslagen')!.caseId,
  };
}
