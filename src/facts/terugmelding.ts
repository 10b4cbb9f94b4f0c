import { randomUUID } from 'node:crypto';
import type { Db } from '../platform/db/database.ts';
import type { Trx } from '../platform/db/transaction.ts';
import { problems } from '../platform/http/problem.ts';
import { publish } from '../platform/outbox/outbox.ts';
import { getFact } from './store.ts';
import { factTexts as t } from './texts.nl.ts';

export type TerugmeldingStatus = 'received' | 'investigating' | 'corrected' | 'rejected';

export interface Terugmelding {
  id: string;
  organisationId: string;
  factId: string;
  factVersion: number;
  reporter: { kind: 'citizen' | 'staff'; id: string };
  explanation: string;
  evidence: string | null;
  status: TerugmeldingStatus;
  statusReason: string | null;
  consequencesOnHold: boolean;
}

function toTerugmelding(r: Record<string, unknown>): Terugmelding {
  return {
    id: r.id as string,
    organisationId: r.organisation_id as string,
    factId: r.fact_id as string,
    factVersion: r.fact_version as number,
    reporter: { kind: r.reporter_kind as 'citizen' | 'staff', id: r.reporter_id as string },
    explanation: r.explanation as string,
    evidence: (r.evidence as string | null) ?? null,
    status: r.status as TerugmeldingStatus,
    statusReason: (r.status_reason as string | null) ?? null,
    consequencesOnHold: r.consequences_on_hold as boolean,
  };
}

/**
 * A citizen or professional reports a suspected error in a fact to its owner. Organisations that used
 * the fact see it as disputed from now on (`isDisputed`).
 */
export async function reportError(
  trx: Trx,
  input: {
    factId?: string;
    factVersion?: number;
    reporter: { kind: 'citizen' | 'staff'; id: string };
    explanation: string;
    evidence?: string;
  },
): Promise<Terugmelding> {
  if (!input.factId || input.factVersion === undefined)
    throw problems.invalidField('factId', 'required', t.subjectRequired);
  const fact = await getFact(trx, input.factId, input.factVersion);
  if (!fact) throw problems.notFound(t.unknownFact);
  // A citizen can only report about their own data.
  if (input.reporter.kind === 'citizen' && fact.subject.id !== input.reporter.id)
    throw problems.notFound(t.unknownFact);
  if (!input.explanation.trim())
    throw problems.invalidField('explanation', 'required', t.explanationRequired);
  const row = {
    id: randomUUID(),
    organisation_id: fact.organisationId,
    fact_id: fact.id,
    fact_version: fact.version,
    reporter_kind: input.reporter.kind,
    reporter_id: input.reporter.id,
    explanation: input.explanation.trim(),
    evidence: input.evidence ?? null,
    status: 'received' as const,
  };
  await trx.insertInto('fact_terugmelding').values(row).execute();
  await publish(trx, {
    organisationId: fact.organisationId,
    topic: 'fact.disputed',
    payload: { factId: fact.id, version: fact.version, terugmeldingId: row.id },
  });
  return toTerugmelding({ ...row, status_reason: null, consequences_on_hold: false });
}

/** Open reports about a fact: anyone who uses it sees it is disputed. */
export async function isDisputed(db: Db | Trx, factId: string): Promise<boolean> {
  const row = await db
    .selectFrom('fact_terugmelding')
    .select('id')
    .where('fact_id', '=', factId)
    .where('status', 'in', ['received', 'investigating'])
    .executeTakeFirst();
  return row !== undefined;
}

export async function getTerugmelding(db: Db | Trx, id: string): Promise<Terugmelding | null> {
  const r = await db.selectFrom('fact_terugmelding').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toTerugmelding(r) : null;
}

/** What a reporter sees: their reports with status. */
export async function terugmeldingenOf(db: Db | Trx, reporterId: string): Promise<Terugmelding[]> {
  const rows = await db
    .selectFrom('fact_terugmelding')
    .selectAll()
    .where('reporter_id', '=', reporterId)
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map(toTerugmelding);
}

/** The owner moves a report on; a rejection must say why. */
export async function setTerugmeldingStatus(
  trx: Trx,
  id: string,
  ownerOrganisation: string,
  status: TerugmeldingStatus,
  reason?: string,
): Promise<void> {
  const tm = await getTerugmelding(trx, id);
  if (!tm || tm.organisationId !== ownerOrganisation) throw problems.notFound(t.unknownFact);
  if (status === 'rejected' && !reason?.trim())
    throw problems.invalidField('reason', 'required', t.reasonRequired);
  await trx
    .updateTable('fact_terugmelding')
    .set({ status, status_reason: reason ?? null, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

/** While a report is open, the owner may put every running consequence of the fact on hold. */
export async function holdWhileInvestigating(
  trx: Trx,
  id: string,
  ownerOrganisation: string,
): Promise<number> {
  const tm = await getTerugmelding(trx, id);
  if (!tm || tm.organisationId !== ownerOrganisation) throw problems.notFound(t.unknownFact);
  await trx
    .updateTable('fact_terugmelding')
    .set({ consequences_on_hold: true, status: 'investigating' })
    .where('id', '=', id)
    .execute();
  const held = await trx
    .updateTable('fact_consequence')
    .set({ status: 'on_hold', hold_reason: t.holdReason })
    .where('fact_id', '=', tm.factId)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(held.numUpdatedRows);
}
