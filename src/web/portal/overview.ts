import {
  type CitizenCasePlan,
  type CitizenDeadline,
  casePlansOf,
  casesOfRequests,
  deadlinesOfCases,
} from '../../cases/engine/citizen-views.ts';
import { type Notice, noticesOf } from '../../cases/engine/notices.ts';
import { requestsOf } from '../../cases/engine/progress.ts';
import { citizenTasksOf, type Task } from '../../cases/engine/tasks.ts';
import { type Decision, decisionsOfSubject } from '../../decisions/index.ts';
import { messagesFor } from '../../facts/follow-up.ts';
import type { Db } from '../../platform/db/database.ts';
import type { Trx } from '../../platform/db/transaction.ts';
import { getOrganisation, type Organisation } from '../../platform/organisations.ts';
import { recordProcessing } from '../../processing-log/index.ts';
import { casesOfSubject, type ZaakRow } from '../../zaken/index.ts';
import type { Citizen } from './page.ts';
import { portalTexts as tx } from './texts.nl.ts';

/**
 * Everything about one person across every organisation, read in a fixed number of queries (the home
 * page of someone with fifty cases stays fast), and recorded in the processing log in the same
 * transaction as the reads.
 */

export interface PortalCase {
  id: string;
  identificatie: string;
  organisation: Organisation;
  name: string;
  startdatum: string;
  closed: boolean;
  status: 'active' | 'waiting' | 'completed' | 'terminated';
  plan: CitizenCasePlan | null;
  deadlines: CitizenDeadline[];
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
  decisions: Decision[];
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

function statusOf(row: ZaakRow, plan: CitizenCasePlan | null, waiting: boolean): PortalCase['status'] {
  if (plan?.status === 'terminated') return 'terminated';
  if (row.einddatum || plan?.status === 'completed') return 'completed';
  return waiting ? 'waiting' : 'active';
}

async function readMarks(db: Db | Trx, bsn: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('portal_message_read')
    .select('message_key')
    .where('bsn', '=', bsn)
    .execute();
  return new Set(rows.map((r) => r.message_key as string));
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

/** The person's cases, tasks, decisions and messages, as the portal shows them. */
export async function readOverview(
  trx: Db | Trx,
  who: Citizen,
  traceId: string,
  orgs = new Organisations(trx),
): Promise<Overview> {
  const rows = await casesOfSubject(trx, { bsn: who.bsn });
  const ids = rows.map((r) => r.id);
  // One after the other: inside a transaction that is one connection; outside it, the processing-log
  // record at the end is one statement of its own, written before anything is shown.
  const plans = await casePlansOf(trx, ids);
  const deadlines = await deadlinesOfCases(trx, ids);
  const taskRows = await citizenTasksOf(trx, ids);
  const notices = await noticesOf(trx, ids);
  const decisions = await decisionsOfSubject(trx, who.bsn);
  const personMessages = await messagesFor(trx, who.bsn);
  const requests = await requestsOf(trx, who.bsn);
  const read = await readMarks(trx, who.bsn);
  const waiting = new Set(taskRows.map((t) => t.caseId));
  const cases: PortalCase[] = [];
  for (const r of rows) {
    const plan = plans.get(r.id) ?? null;
    cases.push({
      id: r.id,
      identificatie: r.identificatie,
      organisation: await orgs.get(r.organisation_id),
      name: plan?.name ?? String((r.data as { omschrijving?: string })?.omschrijving ?? r.identificatie),
      startdatum: r.startdatum,
      closed: Boolean(r.einddatum),
      status: statusOf(r, plan, waiting.has(r.id)),
      plan,
      deadlines: deadlines.get(r.id) ?? [],
    });
  }
  const byId = new Map(cases.map((c) => [c.id, c]));
  const tasks = [];
  for (const t of taskRows) {
    const c = byId.get(t.caseId);
    tasks.push({
      ...t,
      organisationName: c?.organisation.name ?? '',
      caseIdentificatie: c?.identificatie ?? '',
    });
  }
  const messages: PortalMessage[] = [];
  for (const d of decisions) {
    const c = d.caseId ? byId.get(d.caseId) : undefined;
    messages.push({
      key: decisionKey(d.id),
      kind: 'decision',
      subject: tx.messages.decisionSubject(c?.name ?? d.ruleId),
      body: tx.messages.decisionBody,
      from: (await orgs.get(d.organisationId)).name,
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
      from: (await orgs.get(m.organisation_id)).name,
      at: new Date(m.created_at),
      read: read.has(messageKey(m.id)),
      caseId: null,
      href: null,
    });
  messages.sort((a, b) => b.at.getTime() - a.at.getTime());
  const requestCases = await casesOfRequests(
    trx,
    requests.map((r) => r.id),
  );
  const lifeEvents = requests.map((r) => ({
    id: r.id,
    name: r.name,
    createdAt: r.created_at,
    caseIds: requestCases.get(r.id) ?? [],
  }));
  await logOwnRead(trx, who, traceId, ['zaak', 'taak', 'besluit', 'bericht']);
  return { cases, tasks, decisions, notices, messages, lifeEvents };
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
  await recordProcessing(trx, {
    organisationId: who.session.organisationId,
    operation: 'read',
    actor: { kind: 'citizen', id: who.actorId },
    subject: { kind: 'bsn', id: who.bsn },
    dataCategories: what,
    purpose: tx.processing.ownOverview,
    legalBasis: tx.processing.legalInzage,
    traceId,
  });
}
