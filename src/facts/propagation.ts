import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { decisionsReadingFact, getDecision, reevaluate } from '../decisions/index.ts';
import type { Db } from '../platform/db/database.ts';
import type { Trx } from '../platform/db/transaction.ts';
import { problems } from '../platform/http/problem.ts';
import { type Job, schedule } from '../platform/jobs/queue.ts';
import { publish } from '../platform/outbox/outbox.ts';
import type { RuleRegistry } from '../rules/index.ts';
import { holdConsequences } from './consequences.ts';
import { currentFact, type Fact, getFact, type Marker, writeCorrection } from './store.ts';
import { factTexts as t } from './texts.nl.ts';

export const PROPAGATE_QUEUE = 'facts.propagate';
const PAGE = 500;
/** Review tasks from a correction are due within this many days; the person is told that date. */
const REVIEW_DAYS = 14;

export interface Correction {
  id: string;
  organisationId: string;
  factId: string;
  fromVersion: number;
  toVersion: number;
  reason: string;
  status: 'running' | 'done';
  found: number;
  unchanged: number;
  changed: number;
  failed: number;
  improvementId: string | null;
}

/**
 * The owner corrects (or withdraws) a fact at its source. A new version is written, open reports about
 * it are marked corrected, and a durable job starts that finds every decision — in every organisation —
 * that read the old version and re-evaluates it (see `propagate`).
 */
export async function correctFact(
  trx: Trx,
  input: {
    factId: string;
    version: number;
    organisationId: string;
    value: unknown;
    reason: string;
    /** A withdrawn marker: the new version carries no marker (and `value` is what rules read now). */
    withdraw?: boolean;
    marker?: Marker | null;
  },
): Promise<Correction> {
  if (!input.reason.trim()) throw problems.invalidField('reason', 'required', t.reasonRequired);
  const old = await currentFact(trx, input.factId, input.version);
  if (old.organisationId !== input.organisationId) throw problems.notFound(t.unknownFact);
  const next = await writeCorrection(
    trx,
    old,
    input.value,
    input.withdraw ? null : (input.marker ?? old.marker),
  );
  const correction: Correction = {
    id: randomUUID(),
    organisationId: old.organisationId,
    factId: old.id,
    fromVersion: old.version,
    toVersion: next.version,
    reason: input.reason.trim(),
    status: 'running',
    found: 0,
    unchanged: 0,
    changed: 0,
    failed: 0,
    improvementId: null,
  };
  await trx
    .insertInto('fact_correction')
    .values({
      id: correction.id,
      organisation_id: correction.organisationId,
      fact_id: correction.factId,
      from_version: correction.fromVersion,
      to_version: correction.toVersion,
      reason: correction.reason,
      status: 'running',
    })
    .execute();
  await trx
    .updateTable('fact_terugmelding')
    .set({ status: 'corrected', status_reason: correction.reason, updated_at: new Date() })
    .where('fact_id', '=', old.id)
    .where('status', 'in', ['received', 'investigating'])
    .execute();
  await schedule(trx, {
    organisationId: old.organisationId,
    queue: PROPAGATE_QUEUE,
    payload: { correctionId: correction.id, afterId: null },
  });
  return correction;
}

export async function getCorrection(db: Db | Trx, id: string): Promise<Correction | null> {
  const r = await db.selectFrom('fact_correction').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) return null;
  return {
    id: r.id,
    organisationId: r.organisation_id,
    factId: r.fact_id,
    fromVersion: r.from_version,
    toVersion: r.to_version,
    reason: r.reason,
    status: r.status,
    found: r.found,
    unchanged: r.unchanged,
    changed: r.changed,
    failed: r.failed,
    improvementId: r.improvement_id ?? null,
  };
}

/**
 * One page of the propagation, in one transaction (the job's): each decision that read the old version
 * is re-evaluated with the new one; unchanged → recorded as checked; changed → a review task for its
 * organisation with old and new outcome side by side; a failure is recorded, a human is asked, and the
 * rest goes on. Idempotent (items are keyed by correction and decision); then the next page is scheduled,
 * so progress survives a restart. After the last page: consequences on hold, the person told, the
 * improvement item opened at the source.
 */
export function propagationHandler(registry: RuleRegistry) {
  return async (job: Job, trx: Trx): Promise<void> => {
    const { correctionId, afterId } = job.payload as { correctionId: string; afterId: string | null };
    const correction = await getCorrection(trx, correctionId);
    if (!correction || correction.status === 'done') return;
    const next = (await getFact(trx, correction.factId, correction.toVersion)) as Fact;
    const ids = await decisionsReadingFact(trx, correction.factId, correction.fromVersion, {
      afterId: afterId ?? undefined,
      limit: PAGE,
    });
    for (const id of ids) {
      const d = await getDecision(trx, id);
      if (!d) continue;
      let outcome: 'unchanged' | 'changed' | 'failed';
      let detail: string | null = null;
      let review: { oldOutputs: unknown; newOutputs: unknown; trace: unknown } | null = null;
      try {
        const r = reevaluate(registry, d, {
          [correction.factId]: { value: next.value, version: next.version },
        });
        outcome = r.changed ? 'changed' : 'unchanged';
        if (r.changed)
          review = { oldOutputs: d.outputs, newOutputs: r.newOutputs, trace: r.result.trace ?? null };
      } catch (err) {
        outcome = 'failed';
        detail = (err as Error).message;
        review = { oldOutputs: d.outputs, newOutputs: null, trace: null };
      }
      const inserted = await trx
        .insertInto('fact_correction_item')
        .values({
          correction_id: correctionId,
          decision_id: id,
          organisation_id: d.organisationId,
          outcome,
          detail,
        })
        .onConflict((oc) => oc.columns(['correction_id', 'decision_id']).doNothing())
        .executeTakeFirst();
      if (review && Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) {
        await trx
          .insertInto('review_task')
          .values({
            id: randomUUID(),
            organisation_id: d.organisationId,
            decision_id: id,
            correction_id: correctionId,
            old_outputs: JSON.stringify(review.oldOutputs),
            new_outputs: review.newOutputs === null ? null : JSON.stringify(review.newOutputs),
            new_trace: review.trace === null ? null : JSON.stringify(review.trace),
            status: 'open',
          })
          .onConflict((oc) => oc.columns(['correction_id', 'decision_id']).doNothing())
          .execute();
      }
    }
    await updateCounts(trx, correctionId);
    if (ids.length === PAGE) {
      await schedule(trx, {
        organisationId: correction.organisationId,
        queue: PROPAGATE_QUEUE,
        payload: { correctionId, afterId: ids.at(-1) },
      });
      return;
    }
    await finish(trx, correction, next);
  };
}

async function updateCounts(trx: Trx, correctionId: string): Promise<void> {
  await sql`
    update fact_correction c set
      found = s.found, unchanged = s.unchanged, changed = s.changed, failed = s.failed
    from (select count(*)::int as found,
                 (count(*) filter (where outcome = 'unchanged'))::int as unchanged,
                 (count(*) filter (where outcome = 'changed'))::int as changed,
                 (count(*) filter (where outcome = 'failed'))::int as failed
            from fact_correction_item where correction_id = ${correctionId}) s
    where c.id = ${correctionId}`.execute(trx);
}

async function finish(trx: Trx, correction: Correction, fact: Fact): Promise<void> {
  const counts = (await getCorrection(trx, correction.id)) as Correction;
  const onHold = await holdConsequences(trx, fact.id, t.holdAfterCorrection);
  const by = new Date(Date.now() + REVIEW_DAYS * 86_400_000).toISOString().slice(0, 10);
  const owner = await trx
    .selectFrom('organisation')
    .select('name')
    .where('id', '=', fact.organisationId)
    .executeTakeFirst();
  if (fact.subject.kind === 'bsn') {
    const messageId = randomUUID();
    await trx
      .insertInto('person_message')
      .values({
        id: messageId,
        organisation_id: fact.organisationId,
        bsn: fact.subject.id,
        subject: t.message.subject,
        body: t.message.body({
          attribute: fact.attribute,
          owner: owner?.name ?? fact.organisationId,
          changed: counts.changed + counts.failed,
          unchanged: counts.unchanged,
          onHold,
          by,
        }),
      })
      .execute();
    // No personal data in the event: who it is for stays in the message (e-mail notification, contact).
    await publish(trx, {
      organisationId: fact.organisationId,
      topic: 'facts.person_message.created',
      payload: { messageId },
    });
  }
  const improvementId = await joinImprovement(trx, fact, counts);
  await trx
    .updateTable('fact_correction')
    .set({ status: 'done', improvement_id: improvementId, finished_at: new Date() })
    .where('id', '=', correction.id)
    .execute();
}

/** Every correction opens (or joins) an improvement item at the source, open until its owner closes it. */
async function joinImprovement(trx: Trx, fact: Fact, counts: Correction): Promise<string> {
  const open = await trx
    .selectFrom('improvement_item')
    .select('id')
    .where('organisation_id', '=', fact.organisationId)
    .where('attribute', '=', fact.attribute)
    .where('status', '=', 'open')
    .forUpdate()
    .executeTakeFirst();
  if (open) {
    await sql`update improvement_item set people = people + 1, decisions = decisions + ${counts.found}
              where id = ${open.id}`.execute(trx);
    return open.id;
  }
  const id = randomUUID();
  await trx
    .insertInto('improvement_item')
    .values({
      id,
      organisation_id: fact.organisationId,
      attribute: fact.attribute,
      source_name: fact.source.name,
      cause: t.improvementCause(fact.attribute),
      people: 1,
      decisions: counts.found,
      status: 'open',
    })
    .execute();
  return id;
}
