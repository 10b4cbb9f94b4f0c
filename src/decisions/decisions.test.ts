import { beforeAll, describe, expect, it } from 'vitest';
import { loketMigrations } from '../app.ts';
import type { Db } from '../platform/db/database.ts';
import { migrateToLatest } from '../platform/db/migrate.ts';
import { inTransaction } from '../platform/db/transaction.ts';
import { Problem } from '../platform/http/problem.ts';
import { zorgtoeslagInputs } from '../rules/examples.ts';
import { loadRuleRegistry, type RuleInputs, type RuleRegistry } from '../rules/index.ts';
import { describeBackends } from '../testing/backends.ts';
import { decideObjection, fileObjection } from './objection.ts';
import { approve, decide, deviate, finalize, reevaluate, SYSTEM } from './service.ts';
import { decisionsReadingFact, deviationCounts, getDecision } from './store.ts';

const ORG = 'toeslagen';
const BSN = '999990354';
let registry: RuleRegistry;

/** Zorgtoeslag inputs whose income is fact `factId` at `version`. */
function inputs(inkomen: number, factId = 'inkomen-x', version = 1): RuleInputs {
  const i = zorgtoeslagInputs({ peildatum: '2025-01-01', inkomen });
  i.toetsingsinkomen = { ...i.toetsingsinkomen!, factId, factVersion: version };
  return i;
}

async function topics(db: Db, decisionId: string): Promise<string[]> {
  const rows = await db.selectFrom('outbox_event').select(['topic', 'payload']).orderBy('id').execute();
  return rows
    .filter((r) => (r.payload as { decisionId?: string }).decisionId === decisionId)
    .map((r) => r.topic as string);
}

const draft = (db: Db, inkomen: number, extra: Partial<Parameters<typeof decide>[2]> = {}) =>
  inTransaction(db, (trx) =>
    decide(trx, registry, {
      ruleId: 'zorgtoeslag',
      referenceDate: '2025-03-01',
      inputs: inputs(inkomen),
      organisationId: ORG,
      subjectBsn: BSN,
      actor: SYSTEM,
      ...extra,
    }),
  );

describeBackends('Decisions', (database) => {
  let db: Db;
  beforeAll(async () => {
    registry = loadRuleRegistry();
    await migrateToLatest(database(), loketMigrations());
    db = database().db;
  });

  describe('provenance', () => {
    it('stores the rule version, every input with its source, the trace and both explanations', async () => {
      const d = await draft(db, 20_000);
      expect(d.status).toBe('draft');
      expect(d.ruleVersionId).toBe('zorgtoeslag@2025-01-01');
      const stored = await getDecision(db, d.id);
      expect(stored?.inputs.toetsingsinkomen).toMatchObject({
        value: 20_000,
        factId: 'inkomen-x',
        factVersion: 1,
      });
      expect(stored?.inputs.geboortedatum?.source).toEqual({ kind: 'base-registry', name: 'BRP' });
      expect(stored?.trace?.length).toBeGreaterThan(3);
      expect(stored?.explanationCitizen).toContain('zorgtoeslag');
      expect(stored?.outputs?.recht).toBe(true);
      expect(await topics(db, d.id)).toEqual(['decision.drafted']);
    });

    it('finds exactly the decisions that read a fact at a version', async () => {
      const factId = `inkomen-${crypto.randomUUID()}`;
      const make = (fid: string, version: number) =>
        inTransaction(db, (trx) =>
          decide(trx, registry, {
            ruleId: 'zorgtoeslag',
            referenceDate: '2025-03-01',
            inputs: inputs(25_000, fid, version),
            organisationId: ORG,
            actor: SYSTEM,
          }),
        );
      const wanted: string[] = [];
      for (let i = 0; i < 7; i++) wanted.push((await make(factId, 1)).id);
      await make(factId, 2);
      await make(`${factId}-other`, 1);
      const found: string[] = [];
      let afterId: string | undefined;
      for (;;) {
        const page = await decisionsReadingFact(db, factId, 1, { afterId, limit: 3 });
        if (page.length === 0) break;
        found.push(...page);
        afterId = page.at(-1);
      }
      expect(found.sort()).toEqual(wanted.sort());
    });

    it('says what a decision would be with a corrected fact, without writing anything', async () => {
      const d = await draft(db, 20_000);
      const again = reevaluate(registry, d, { 'inkomen-x': { value: 90_000, version: 2 } });
      expect(again.changed).toBe(true);
      expect(again.newOutputs.recht).toBe(false);
      expect(reevaluate(registry, d, {}).changed).toBe(false);
      // As read back from the database (jsonb reorders keys): still unchanged.
      const stored = await getDecision(db, d.id);
      expect(reevaluate(registry, stored!, {}).changed).toBe(false);
      expect((await getDecision(db, d.id))?.outputs?.recht).toBe(true);
    });
  });

  describe('bad input and rules that cannot be applied', () => {
    it('refuses a missing input, naming it and its source', async () => {
      const i = inputs(20_000);
      delete i.toetsingsinkomen;
      const err = await inTransaction(db, (trx) =>
        decide(trx, registry, {
          ruleId: 'zorgtoeslag',
          referenceDate: '2025-03-01',
          inputs: i,
          organisationId: ORG,
          actor: SYSTEM,
        }),
      ).catch((e) => e);
      expect(err).toBeInstanceOf(Problem);
      expect(err.status).toBe(400);
      expect(err.invalidParams).toEqual([
        expect.objectContaining({ name: 'inputs.toetsingsinkomen', code: 'required' }),
      ]);
      expect(err.invalidParams[0].reason).toContain('Basisregistratie Inkomen');
    });

    it('asks a human, with the reason, when no version of the rule applies on the date', async () => {
      const d = await draft(db, 20_000, { referenceDate: '2010-01-01' });
      expect(d.status).toBe('needs_human');
      expect(d.needsHumanReason).toMatch(/medewerker/);
      expect(await topics(db, d.id)).toEqual(['decision.needs_human']);
    });
  });

  describe('no adverse decision without a human', () => {
    it('lets Loket finalise a favourable outcome itself', async () => {
      const d = await draft(db, 20_000);
      const final = await inTransaction(db, (trx) => finalize(trx, d.id, ORG, SYSTEM));
      expect(final.status).toBe('final');
      expect(final.objectionUntil).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    });

    it('refuses to finalise an adverse outcome without a professional', async () => {
      const d = await draft(db, 90_000);
      expect(d.adverse).toBe(true);
      await expect(inTransaction(db, (trx) => finalize(trx, d.id, ORG, SYSTEM))).rejects.toMatchObject({
        status: 409,
      });
      const final = await inTransaction(db, (trx) => finalize(trx, d.id, ORG, 'm.devries'));
      expect(final).toMatchObject({ status: 'final', decidedBy: 'm.devries' });
    });

    it('keeps another organisation out', async () => {
      const d = await draft(db, 20_000);
      await expect(
        inTransaction(db, (trx) => finalize(trx, d.id, 'voorbeeldstad', 'x')),
      ).rejects.toMatchObject({
        status: 404,
      });
    });
  });

  describe('maatwerk with a second pair of eyes', () => {
    it('needs a different professional to approve a deviation', async () => {
      const d = await draft(db, 90_000);
      const proposed = await inTransaction(db, (trx) =>
        deviate(trx, d.id, ORG, 'p.eerste', {
          reason: 'hardheidsclausule',
          motivation: 'Het inkomen was eenmalig hoog door een nabetaling van achterstallig loon.',
          outputs: { recht: true, zorgtoeslagPerMaand: '50.00' },
        }),
      );
      expect(proposed.status).toBe('awaiting_approval');
      await expect(inTransaction(db, (trx) => approve(trx, d.id, ORG, 'p.eerste'))).rejects.toMatchObject({
        status: 403,
      });
      const final = await inTransaction(db, (trx) => approve(trx, d.id, ORG, 'p.tweede'));
      expect(final).toMatchObject({
        status: 'final',
        decidedBy: 'p.eerste',
        approvedBy: 'p.tweede',
        adverse: false,
      });
      expect(final.outputs?.recht).toBe(true);
      expect(final.ruleOutputs?.recht).toBe(false);
      const counts = await deviationCounts(db, ORG);
      expect(counts).toContainEqual({
        ruleId: 'zorgtoeslag',
        reason: 'hardheidsclausule',
        count: expect.any(Number),
      });
    });

    it('refuses a deviation without motivation or with an unknown reason', async () => {
      const d = await draft(db, 90_000);
      await expect(
        inTransaction(db, (trx) =>
          deviate(trx, d.id, ORG, 'p', { reason: 'hardheidsclausule', motivation: '', outputs: {} }),
        ),
      ).rejects.toMatchObject({ status: 400 });
      await expect(
        inTransaction(db, (trx) =>
          deviate(trx, d.id, ORG, 'p', {
            reason: 'zomaar',
            motivation: 'Een lange genoeg motivatie.',
            outputs: {},
          }),
        ),
      ).rejects.toMatchObject({ status: 400 });
    });
  });

  describe('objection', () => {
    it('lets the person object in time; upholding it makes a new decision that points at the old one', async () => {
      const d = await draft(db, 90_000);
      await inTransaction(db, (trx) => finalize(trx, d.id, ORG, 'm.devries'));
      await expect(
        inTransaction(db, (trx) => fileObjection(trx, d.id, { bsn: '999990433' }, 'Niet mijn beslissing')),
      ).rejects.toMatchObject({ status: 404 });
      const objection = await inTransaction(db, (trx) =>
        fileObjection(trx, d.id, { bsn: BSN }, 'Mijn inkomen was veel lager dan de Belastingdienst zegt.'),
      );
      expect(objection.status).toBe('open');

      const corrected = { toetsingsinkomen: { ...inputs(21_000).toetsingsinkomen!, factVersion: 2 } };
      const { decision } = await inTransaction(db, (trx) =>
        decideObjection(trx, registry, objection.id, ORG, 'b.jurist', {
          upheld: true,
          motivation: 'De Belastingdienst heeft het inkomen verlaagd na navraag.',
          correctedInputs: corrected,
        }),
      );
      expect(decision).toMatchObject({ status: 'final', supersedes: d.id, decidedBy: 'b.jurist' });
      expect(decision?.outputs?.recht).toBe(true);
      expect((await getDecision(db, d.id))?.status).toBe('superseded');
      expect((await getDecision(db, decision!.id))?.supersedes).toBe(d.id);
    });

    it('refuses an objection after the term', async () => {
      const d = await draft(db, 90_000);
      const final = await inTransaction(db, (trx) =>
        finalize(trx, d.id, ORG, 'm.devries', new Date('2025-01-01')),
      );
      expect(final.objectionUntil).toBe('2025-02-12');
      await expect(
        inTransaction(db, (trx) => fileObjection(trx, d.id, { bsn: BSN }, 'Te laat', '2025-02-13')),
      ).rejects.toMatchObject({ status: 409 });
    });
  });
});
