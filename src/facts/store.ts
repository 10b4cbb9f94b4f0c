import { randomUUID } from 'node:crypto';
import type { Db } from '../platform/db/database.ts';
import type { Trx } from '../platform/db/transaction.ts';
import { Problem, problems } from '../platform/http/problem.ts';
import { publish } from '../platform/outbox/outbox.ts';
import type { RuleInput, SourceKind } from '../rules/index.ts';
import { factTexts as t } from './texts.nl.ts';

/** A marker is a fact that must justify itself: why, on what legal basis, whose, until when. */
export interface Marker {
  legalBasis: string;
  team: string;
  author: string;
  reason: string;
  expiresOn: string;
  retentionUntil: string;
  /** Whom the person can contact about it (always visible to them). */
  contact: string;
}

export interface Fact {
  id: string;
  version: number;
  organisationId: string;
  subject: { kind: 'bsn' | 'kvk'; id: string };
  attribute: string;
  value: unknown;
  source: { kind: SourceKind; name: string };
  legalBasis: string;
  validFrom: string;
  validUntil: string | null;
  recordedAt: string;
  status: 'current' | 'superseded' | 'withdrawn';
  withdrawnReason: string | null;
  marker: Marker | null;
}

export type NewFact = Omit<Fact, 'id' | 'version' | 'recordedAt' | 'status' | 'withdrawnReason'>;

function toFact(r: Record<string, unknown>): Fact {
  return {
    id: r.id as string,
    version: r.version as number,
    organisationId: r.organisation_id as string,
    subject: { kind: r.subject_kind as 'bsn' | 'kvk', id: r.subject_id as string },
    attribute: r.attribute as string,
    value: r.value,
    source: { kind: r.source_kind as SourceKind, name: r.source_name as string },
    legalBasis: r.legal_basis as string,
    validFrom: r.valid_from as string,
    validUntil: (r.valid_until as string | null) ?? null,
    recordedAt: new Date(r.recorded_at as string).toISOString(),
    status: r.status as Fact['status'],
    withdrawnReason: (r.withdrawn_reason as string | null) ?? null,
    marker: (r.marker as Marker | null) ?? null,
  };
}

/** Refuses a marker that lacks any of what it must carry, naming every missing part. */
export function checkMarker(marker: Partial<Marker>, today: string): void {
  const missing = (Object.keys(t.markerFields) as (keyof Marker)[]).filter(
    (k) => typeof marker[k] !== 'string' || !(marker[k] as string).trim(),
  );
  if (missing.length > 0)
    throw problems.validation(
      missing.map((k) => ({
        name: `marker.${k}`,
        code: 'required',
        reason: t.markerMissing(t.markerFields[k]),
      })),
    );
  if ((marker.expiresOn as string) <= today)
    throw problems.invalidField('marker.expiresOn', 'invalid', t.expiryInPast);
}

async function insert(trx: Trx, f: Fact): Promise<void> {
  await trx
    .insertInto('fact')
    .values({
      id: f.id,
      version: f.version,
      organisation_id: f.organisationId,
      subject_kind: f.subject.kind,
      subject_id: f.subject.id,
      attribute: f.attribute,
      value: JSON.stringify(f.value),
      source_kind: f.source.kind,
      source_name: f.source.name,
      legal_basis: f.legalBasis,
      valid_from: f.validFrom,
      valid_until: f.validUntil,
      status: f.status,
      withdrawn_reason: f.withdrawnReason,
      marker: f.marker ? JSON.stringify(f.marker) : null,
    })
    .execute();
}

/** Records a fact (version 1). A marker without legal basis, owner, author, reason, expiry or retention is refused. */
export async function recordFact(trx: Trx, input: NewFact, today = new Date().toISOString().slice(0, 10)) {
  if (!input.legalBasis.trim())
    throw problems.invalidField('legalBasis', 'required', t.markerMissing('een wettelijke grondslag'));
  if (input.marker) checkMarker(input.marker, today);
  const fact: Fact = {
    ...input,
    id: randomUUID(),
    version: 1,
    recordedAt: new Date().toISOString(),
    status: 'current',
    withdrawnReason: null,
  };
  await insert(trx, fact);
  return fact;
}

export async function getFact(db: Db | Trx, id: string, version?: number): Promise<Fact | null> {
  let q = db.selectFrom('fact').selectAll().where('id', '=', id);
  q = version === undefined ? q.orderBy('version', 'desc').limit(1) : q.where('version', '=', version);
  const row = await q.executeTakeFirst();
  return row ? toFact(row) : null;
}

/** The current version, locked, or a clear error: corrections start from what is current. */
export async function currentFact(trx: Trx, id: string, version: number): Promise<Fact> {
  const f = await trx
    .selectFrom('fact')
    .selectAll()
    .where('id', '=', id)
    .where('version', '=', version)
    .forUpdate()
    .executeTakeFirst();
  if (!f) throw problems.notFound(t.unknownFact);
  if (f.status !== 'current') throw new Problem(409, 'not-current', t.notCurrent);
  return toFact(f);
}

/** A new version with a corrected value; the old one is kept (superseded) so history stays readable. */
export async function writeCorrection(
  trx: Trx,
  old: Fact,
  value: unknown,
  marker: Marker | null,
): Promise<Fact> {
  await trx
    .updateTable('fact')
    .set({ status: 'superseded' })
    .where('id', '=', old.id)
    .where('version', '=', old.version)
    .execute();
  const next: Fact = {
    ...old,
    version: old.version + 1,
    value,
    marker,
    recordedAt: new Date().toISOString(),
    status: 'current',
  };
  await insert(trx, next);
  await publish(trx, {
    organisationId: old.organisationId,
    topic: 'fact.corrected',
    payload: { factId: old.id, from: old.version, to: next.version },
  });
  return next;
}

export async function writeWithdrawal(trx: Trx, old: Fact, reason: string): Promise<void> {
  await trx
    .updateTable('fact')
    .set({ status: 'withdrawn', withdrawn_reason: reason })
    .where('id', '=', old.id)
    .where('version', '=', old.version)
    .execute();
  await publish(trx, {
    organisationId: old.organisationId,
    topic: 'fact.withdrawn',
    payload: { factId: old.id, version: old.version },
  });
}

/** Current facts and markers about a person; expired markers no longer count (they expire by themselves). */
export async function factsAbout(
  db: Db | Trx,
  bsn: string,
  today = new Date().toISOString().slice(0, 10),
): Promise<Fact[]> {
  const rows = await db
    .selectFrom('fact')
    .selectAll()
    .where('subject_kind', '=', 'bsn')
    .where('subject_id', '=', bsn)
    .where('status', '=', 'current')
    .orderBy('recorded_at')
    .execute();
  return rows.map(toFact).filter((f) => !f.marker || f.marker.expiresOn > today);
}

/** A fact as a rule input, with the provenance a decision stores. */
export function asRuleInput(f: Fact): RuleInput {
  return { value: f.value, source: f.source, factId: f.id, factVersion: f.version };
}
