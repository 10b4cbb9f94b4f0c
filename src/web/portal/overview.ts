import { jsonArrayFrom } from 'kysely/helpers/postgres';
import { type CitizenCasePlan, casePlanNamesQuery } from '../../cases/engine/citizen-views.ts';
import { type Notice, noticesQuery, toNotice } from '../../cases/engine/notices.ts';
import { lifeEventRequestsQuery } from '../../cases/engine/progress.ts';
import { citizenTasksQuery, rowToTask, type Task } from '../../cases/engine/tasks.ts';
import {
  type DecisionSummary,
  decisionSummariesOfSubjectQuery,
  toDecisionSummary,
} from '../../decisions/index.ts';
import { messagesForQuery } from '../../facts/follow-up.ts';
import { type Db, PREPARED } from '../../platform/db/database.ts';
import type { Trx } from '../../platform/db/transaction.ts';
import { getOrganisation, type Organisation } from '../../platform/organisations.ts';
import {
  type ProcessingRecord,
  processingRecordExpression,
  recordProcessing,
} from '../../processing-log/index.ts';
import { caseIdsOfSubjectQuery, caseSummariesOfSubjectQuery } from '../../zaken/index.ts';
import type { Citizen } from './page.ts';
import { portalTexts as tx } from './texts.nl.ts';

/**
 * Everything about one person across every organisation, read in one statement whatever the number of
 * cases (the home page of someone with fifty cases stays fast), with the processing-log record of the
 * read in the same statement.
 */

export interface PortalCase {
  id: string;
  identificatie: string;
  organisation: Organisation;
  name: string;
  startdatum: string;
  closed: boolean;
  status: 'active' | 'waiting' | 'completed' | 'terminated';
  /** The case's plan: the service as the citizen knows it, and where it stands. */
  plan: Pick<CitizenCasePlan, 'name' | 'status'> | null;
}

export interface PortalMessage {
  key: string;
  kind: 'decision' | 'notice' | 'request' | 'message';
  subject: string;
  body: string;
  from: string;
  at: Date;
  read: boolean;
  caseId: string | null;
  href: string | null;
}

export interface Overview {
  cases: PortalCase[];
  tasks: (Task & { organisationName: string; caseIdentificatie: string })[];
  decisions: DecisionSummary[];
  notices: Notice[];
  messages: PortalMessage[];
  lifeEvents: { id: string; name: string; createdAt: Date; caseIds: string[] }[];
}

/**
 * A per-request cache of organisations (a person's cases are at a handful of them). With `cacheOf` (the
 * database a transaction belongs to) it also uses the shared organisation cache (organisations.ts).
 */
export class Organisations {
  private readonly cache = new Map<string, Promise<Organisation>>();
  constructor(
    private readonly db: Db | Trx,
    private readonly cacheOf?: Db,
  ) {}
  get(id: string): Promise<Organisation> {
    let o = this.cache.get(id);
    if (!o) {
      o = getOrganisation(this.db, id, this.cacheOf).then(
        (found) =>
          found ?? { id, name: id, kind: '', rsin: null, phone: null, openingHours: null, website: null },
      );
      this.cache.set(id, o);
    }
    return o;
  }
}

function statusOf(
  row: { einddatum: string | null },
  plan: PortalCase['plan'],
  waiting: boolean,
): PortalCase['status'] {
  if (plan?.status === 'terminated') return 'terminated';
  if (row.einddatum || plan?.status === 'completed') return 'completed';
  return waiting ? 'waiting' : 'active';
}

function readMarksQuery(db: Db | Trx, bsn: string) {
  return db.selectFrom('portal_message_read').select('message_key').where('bsn', '=', bsn);
}

export async function markRead(db: Db | Trx, bsn: string, key: string): Promise<void> {
  await db
    .insertInto('portal_message_read')
    .values({ bsn, message_key: key })
    .onConflict((oc) => oc.columns(['bsn', 'message_key']).doNothing())
    .execute();
}

export const decisionKey = (id: string) => `besluit:${id}`;
export const noticeKey = (id: string) => `zaakbericht:${id}`;
export const requestKey = (caseId: string, instanceId: string) => `verzoek:${caseId}:${instanceId}`;
export const messageKey = (id: string) => `bericht:${id}`;

/** The title of a rule version (`rule@validFrom`), if the rules know it. */
export type RuleTitle = (ruleVersionId: string) => string | undefined;

/** The person's cases, tasks, decisions and messages, as the portal shows them. */
export async function readOverview(
  trx: Db | Trx,
  who: Citizen,
  traceId: string,
  orgs = new Organisations(trx),
  /** The title of a rule version (`rule@validFrom`): what a decision without a case of its own is about. */
  ruleTitle: RuleTitle = () => undefined,
): Promise<Overview> {
  // One statement: every module's part as a JSON sub-select, and last the processing-log record of the
  // read, so the read and its record commit together before anything is shown (one round trip).
  const bsn = who.bsn;
  const caseIds = caseIdsOfSubjectQuery(trx, bsn);
  const row = await trx
    .selectNoFrom([
      jsonArrayFrom(caseSummariesOfSubjectQuery(trx, bsn)).as('cases'),
      jsonArrayFrom(casePlanNamesQuery(trx, caseIds)).as('plans'),
      jsonArrayFrom(citizenTasksQuery(trx, caseIds)).as('tasks'),
      jsonArrayFrom(noticesQuery(trx, caseIds)).as('notices'),
      jsonArrayFrom(decisionSummariesOfSubjectQuery(trx, bsn)).as('decisions'),
      jsonArrayFrom(messagesForQuery(trx, bsn)).as('messages'),
      jsonArrayFrom(lifeEventRequestsQuery(trx, bsn)).as('requests'),
      jsonArrayFrom(readMarksQuery(trx, bsn)).as('read'),
      processingRecordExpression(ownRead(who, traceId, OVERVIEW_DATA)).as('logged'),
    ])
    .modifyFront(PREPARED)
    .executeTakeFirstOrThrow();
  const rows = row.cases as unknown as CaseSummaryRow[];
  const plans = new Map(
    (row.plans as unknown as { case_id: string; name: string; status: CitizenCasePlan['status'] }[]).map(
      (p) => [p.case_id, { name: p.name, status: p.status }] as const,
    ),
  );
  const taskRows = (row.tasks as unknown as Record<string, unknown>[]).map(rowToTask);
  const notices = (row.notices as unknown as Parameters<typeof toNotice>[0][]).map(toNotice);
  const decisions = (row.decisions as unknown as Record<string, unknown>[]).map(toDecisionSummary);
  const personMessages = row.messages as unknown as {
    id: string;
    organisation_id: string;
    subject: string;
    body: string;
    created_at: string;
  }[];
  const read = new Set((row.read as unknown as { message_key: string }[]).map((r) => r.message_key));
  // The organisations of all cases, decisions and messages at once (from the shared cache, mostly).
  const orgIds = new Set([
    ...rows.map((r) => r.organisation_id),
    ...decisions.map((d) => d.organisationId),
    ...personMessages.map((m) => m.organisation_id),
  ]);
  const orgOf = new Map<string, Organisation>();
  for (const id of orgIds) orgOf.set(id, await orgs.get(id)); // one by one: a transaction has one connection
  const org = (id: string) => orgOf.get(id) as Organisation;
  const waiting = new Set(taskRows.map((t) => t.caseId));
  const cases: PortalCase[] = rows.map((r) => {
    const plan = plans.get(r.id) ?? null;
    return {
      id: r.id,
      identificatie: r.identificatie,
      organisation: org(r.organisation_id),
      name: plan?.name ?? String(r.omschrijving ?? r.identificatie),
      startdatum: r.startdatum,
      closed: Boolean(r.einddatum),
      status: statusOf(r, plan, waiting.has(r.id)),
      plan,
    };
  });
  const byId = new Map(cases.map((c) => [c.id, c]));
  const tasks = taskRows.map((t) => {
    const c = byId.get(t.caseId);
    return { ...t, organisationName: c?.organisation.name ?? '', caseIdentificatie: c?.identificatie ?? '' };
  });
  const messages: PortalMessage[] = [];
  for (const d of decisions) {
    const c = d.caseId ? byId.get(d.caseId) : undefined;
    messages.push({
      key: decisionKey(d.id),
      kind: 'decision',
      subject: tx.messages.decisionSubject(c?.name ?? ruleTitle(d.ruleVersionId) ?? d.ruleId),
      body: tx.messages.decisionBody,
      from: org(d.organisationId).name,
      at: new Date(d.decidedAt ?? Date.now()),
      read: read.has(decisionKey(d.id)),
      caseId: d.caseId,
      href: c ? `/zaken/${c.id}/besluiten/${d.id}` : `/besluiten/${d.id}`,
    });
  }
  for (const n of notices)
    messages.push({
      key: noticeKey(n.id),
      kind: 'notice',
      subject: n.subject,
      body: n.body,
      from: n.contact.organisation,
      at: n.createdAt,
      read: read.has(noticeKey(n.id)),
      caseId: n.caseId,
      href: `/zaken/${n.caseId}`,
    });
  for (const t of tasks)
    messages.push({
      key: requestKey(t.caseId, t.instanceId),
      kind: 'request',
      subject: tx.messages.requestSubject(t.name),
      body: t.description ?? tx.messages.requestBody,
      from: t.organisationName,
      at: t.createdAt,
      read: read.has(requestKey(t.caseId, t.instanceId)),
      caseId: t.caseId,
      href: taskHref(t),
    });
  for (const m of personMessages)
    messages.push({
      key: messageKey(m.id),
      kind: 'message',
      subject: m.subject,
      body: m.body,
      from: org(m.organisation_id).name,
      at: new Date(m.created_at),
      read: read.has(messageKey(m.id)),
      caseId: null,
      href: null,
    });
  messages.sort((a, b) => b.at.getTime() - a.at.getTime());
  const lifeEvents = (
    row.requests as unknown as { id: string; name: string; created_at: string; case_ids: string[] }[]
  ).map((r) => ({ id: r.id, name: r.name, createdAt: new Date(r.created_at), caseIds: r.case_ids }));
  return { cases, tasks, decisions, notices, messages, lifeEvents };
}

/** What the overview reads about the person (for the processing log). */
const OVERVIEW_DATA = ['zaak', 'taak', 'besluit', 'bericht'];

interface CaseSummaryRow {
  id: string;
  organisation_id: string;
  identificatie: string;
  startdatum: string;
  einddatum: string | null;
  omschrijving: string | null;
}

export function taskHref(t: { caseId: string; instanceId: string }): string {
  return `/zaken/${t.caseId}/taken/${encodeURIComponent(t.instanceId)}`;
}

/** The person reads their own data: recorded, in the reading transaction. */
export async function logOwnRead(
  trx: Db | Trx,
  who: Citizen,
  traceId: string,
  what: string[],
): Promise<void> {
  await recordProcessing(trx, ownRead(who, traceId, what));
}

function ownRead(who: Citizen, traceId: string, what: string[]): ProcessingRecord {
  return {
    organisationId: who.session.organisationId,
    operation: 'read',
    actor: { kind: 'citizen', id: who.actorId },
    subject: { kind: 'bsn', id: who.bsn },
    dataCategories: what,
    purpose: tx.processing.ownOverview,
    legalBasis: tx.processing.legalInzage,
    traceId,
  };
}
