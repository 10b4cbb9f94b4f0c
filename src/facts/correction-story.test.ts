import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Decision, decide, SYSTEM } from '../decisions/index.ts';
import { STORY_MARKER as MARKER, seedCorrectionStory } from '../demo/correction-story.ts';
import { DEMO_ORGANISATIONS } from '../demo/organisations.ts';
import { DEMO_BSN } from '../demo/people.ts';
import { inTransaction } from '../platform/db/transaction.ts';
import { upsertOrganisation } from '../platform/organisations.ts';
import { loadRuleRegistry } from '../rules/index.ts';
import { describeBackends, startTestLoket, type TestLoket } from '../testing/backends.ts';
import { consequencesOf } from './consequences.ts';
import { correctFact, getCorrection } from './propagation.ts';
import { type Fact, recordFact } from './store.ts';
import { holdWhileInvestigating, isDisputed, reportError, terugmeldingenOf } from './terugmelding.ts';

const PARENT = DEMO_BSN.esther;
/** The request that made a decision, to make another like it. */
const requestOf = (d: Decision) => ({
  ruleId: d.ruleId,
  referenceDate: d.referenceDate,
  organisationId: d.organisationId,
  subjectBsn: d.subjectBsn,
  actor: SYSTEM,
});

/**
 * The acceptance story of the correction loop, across three demo organisations: the benefits
 * organisation wrongly marks a parent's recovery as fraud; the municipality decides on remission with it;
 * the collection office sends reminders. The parent reports the error, the source withdraws the marker, and Loket repairs it.
 */
describeBackends('A wrong fact corrected at its source, repaired everywhere', (database) => {
  let loket: TestLoket;
  let fact: Fact;
  const affected: string[] = [];
  let unrelated: string;
  let broken: string;

  beforeAll(async () => {
    loket = await startTestLoket(database(), { listen: false });
    const db = database().db;
    const registry = loadRuleRegistry();
    await inTransaction(db, async (trx) => {
      for (const o of DEMO_ORGANISATIONS) await upsertOrganisation(trx, o);
    });

    const story = await inTransaction(db, (trx) => seedCorrectionStory(trx, registry));
    fact = story.fact;
    affected.push(...story.affected.map((d) => d.id));
    unrelated = story.unrelated.id;
    // A decision whose rule version can no longer be found: propagation must record it and go on.
    broken = (
      await inTransaction(db, (trx) =>
        decide(trx, registry, { ...requestOf(story.affected[0]!), inputs: story.affected[0]!.inputs }),
      )
    ).id;
    await db
      .updateTable('decision')
      .set({ rule_version_id: 'kwijtschelding-gemeentelijke-belastingen@1990-01-01' })
      .where('id', '=', broken)
      .execute();
  });
  afterAll(async () => loket.stop());

  it('refuses a marker without legal basis or expiry, and a report without a subject', async () => {
    const db = database().db;
    await expect(
      inTransaction(db, (trx) =>
        recordFact(trx, { ...fact, marker: { ...MARKER, legalBasis: '', expiresOn: '' } }),
      ),
    ).rejects.toMatchObject({
      status: 400,
      invalidParams: [{ name: 'marker.legalBasis' }, { name: 'marker.expiresOn' }],
    });
    await expect(
      inTransaction(db, (trx) =>
        reportError(trx, { reporter: { kind: 'citizen', id: PARENT }, explanation: 'Klopt niet' }),
      ),
    ).rejects.toMatchObject({ status: 400 });
    await expect(
      inTransaction(db, (trx) =>
        correctFact(trx, {
          factId: crypto.randomUUID(),
          version: 1,
          organisationId: 'toeslagen',
          value: 0,
          reason: 'x',
        }),
      ),
    ).rejects.toMatchObject({ status: 404 });
  });

  it('lets the parent report the error; users see it disputed; the owner puts consequences on hold', async () => {
    const db = database().db;
    const tm = await inTransaction(db, (trx) =>
      reportError(trx, {
        factId: fact.id,
        factVersion: fact.version,
        reporter: { kind: 'citizen', id: PARENT },
        explanation: 'Ik heb nooit opzettelijk iets verkeerd opgegeven. Mijn aanvraag klopte.',
      }),
    );
    expect(tm.status).toBe('received');
    expect(await isDisputed(db, fact.id)).toBe(true);
    expect(await inTransaction(db, (trx) => holdWhileInvestigating(trx, tm.id, 'toeslagen'))).toBe(1);
    expect((await consequencesOf(db, fact.id))[0]?.status).toBe('on_hold');
  });

  it('finds every decision that used the fact, in every organisation, and repairs what changed', async () => {
    const db = database().db;
    const correction = await inTransaction(db, (trx) =>
      correctFact(trx, {
        factId: fact.id,
        version: fact.version,
        organisationId: 'toeslagen',
        value: 0,
        withdraw: true,
        reason: 'Geen opzet of grove schuld: de markering was onterecht. Terugvordering vervalt.',
      }),
    );
    // The job worker runs in the background; wait for the durable job to finish (or fail the test).
    let done = await getCorrection(db, correction.id);
    for (let i = 0; i < 100 && done?.status !== 'done'; i++) {
      await loket.jobs.runDue();
      await new Promise((r) => setTimeout(r, 50));
      done = await getCorrection(db, correction.id);
    }
    expect(done).toMatchObject({ status: 'done', found: 3, failed: 1, changed: 2, unchanged: 0 });

    const items = await db
      .selectFrom('fact_correction_item')
      .select(['decision_id', 'outcome'])
      .where('correction_id', '=', correction.id)
      .execute();
    expect(items.map((i) => i.decision_id).sort()).toEqual([...affected, broken].sort());
    expect(items.map((i) => i.decision_id)).not.toContain(unrelated);

    // Changed (and failed) outcomes wait for a professional of the municipality, old and new side by side.
    const tasks = await db
      .selectFrom('review_task')
      .selectAll()
      .where('correction_id', '=', correction.id)
      .execute();
    expect(tasks.every((t) => t.organisation_id === 'voorbeeldstad' && t.status === 'open')).toBe(true);
    expect(tasks.length).toBe((done?.changed ?? 0) + 1);
    const changedTask = tasks.find((t) => t.new_outputs !== null);
    expect(changedTask?.old_outputs).not.toEqual(changedTask?.new_outputs);

    // The consequence stays on hold; the parent is told in plain words; the cause is followed up at the source.
    expect((await consequencesOf(db, fact.id)).map((c) => c.status)).toEqual(['on_hold']);
    const messages = await db.selectFrom('person_message').selectAll().where('bsn', '=', PARENT).execute();
    expect(messages).toHaveLength(1);
    expect(messages[0]?.body).toContain('Dienst Toeslagen');
    expect(messages[0]?.body).toMatch(/medewerker/);
    const improvement = await db
      .selectFrom('improvement_item')
      .selectAll()
      .where('id', '=', done!.improvementId!)
      .executeTakeFirst();
    expect(improvement).toMatchObject({
      organisation_id: 'toeslagen',
      status: 'open',
      people: 1,
      decisions: 3,
    });
    expect((await terugmeldingenOf(db, PARENT))[0]?.status).toBe('corrected');
  });

  it('does the work once: running the job again changes nothing', async () => {
    const db = database().db;
    const before = await db.selectFrom('review_task').select('id').execute();
    await loket.jobs.runDue();
    expect(await db.selectFrom('review_task').select('id').execute()).toHaveLength(before.length);
  });
});
