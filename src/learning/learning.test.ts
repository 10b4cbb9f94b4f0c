import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addDays, localDate } from '../cases/engine/dates.ts';
import { startDeadlines } from '../cases/engine/deadlines.ts';
import { recordContact } from '../contact/history.ts';
import {
  approve,
  decide,
  decideObjection,
  deviate,
  fileObjection,
  finalize,
  SYSTEM,
} from '../decisions/index.ts';
import { DEMO_ORGANISATIONS } from '../demo/organisations.ts';
import { inTransaction } from '../platform/db/transaction.ts';
import { upsertOrganisation } from '../platform/organisations.ts';
import { kwijtscheldingInputs } from '../rules/examples.ts';
import { loadRuleRegistry } from '../rules/index.ts';
import { raiseSignal } from '../signals/service.ts';
import { describeBackends, startTestLoket, type TestLoket } from '../testing/backends.ts';
import { learningView, monthsOf, periodOf } from './service.ts';

const BSN = '999993653';

describeBackends('the learning view: counts per month from the modules that own them', (database) => {
  const db = () => database().db;
  let loket: TestLoket;
  const today = localDate(new Date());
  const month = today.slice(0, 7);
  const period = { from: month, to: month };

  const deadline = (organisationId: string, startedOn: string) =>
    inTransaction(db(), (trx) =>
      startDeadlines(trx, {
        caseId: randomUUID(),
        organisationId,
        startedOn,
        terms: [{ kind: 'beslistermijn', term: 'P4W', legal: true }],
        warnDays: 5,
      }),
    );

  beforeAll(async () => {
    for (const o of DEMO_ORGANISATIONS) await upsertOrganisation(db(), o);
    loket = await startTestLoket(database(), { listen: false });
    await loket.jobs.stop();
    // Two terms lapse and one is warned about (due in three days) at the municipality; one lapses elsewhere.
    await deadline('voorbeeldstad', addDays(today, -40));
    await deadline('voorbeeldstad', addDays(today, -35));
    await deadline('voorbeeldstad', addDays(today, -25));
    await deadline('toeslagen', addDays(today, -40));
    while ((await loket.jobs.runDue()) > 0) {}

    // One person calls three times about the same case (two repeats); another person calls once.
    const caseId = randomUUID();
    const staff = { id: 'p.devries', name: 'Petra de Vries', organisationId: 'voorbeeldstad' };
    const ago = (days: number) => new Date(Date.now() - days * 86_400_000);
    const inMonth = (days: number) => (localDate(ago(days)).slice(0, 7) === month ? days : 0);
    for (const days of [inMonth(2), inMonth(1), 0])
      await recordContact(db(), {
        subjectBsn: BSN,
        caseId,
        channel: 'telefoon',
        summary: 'Vraag over de stand van zaken',
        staff,
        occurredAt: ago(days),
      });
    await recordContact(db(), { subjectBsn: '999990019', channel: 'balie', summary: 'Vraag', staff });

    const registry = loadRuleRegistry();
    const request = {
      ruleId: 'kwijtschelding-gemeentelijke-belastingen',
      referenceDate: '2025-03-01',
      inputs: kwijtscheldingInputs({
        nettoInkomenPerMaand: 2_000,
        teBetalenBelasting: 450,
        nettoWoonlastenPerMaand: 700,
      }),
      organisationId: 'voorbeeldstad',
      subjectBsn: BSN,
      actor: SYSTEM,
    };
    await inTransaction(db(), async (trx) => {
      // Maatwerk: deviated by one professional, approved by another.
      const d = await decide(trx, registry, request);
      await deviate(trx, d.id, 'voorbeeldstad', 'm.jansen', {
        reason: 'hardheidsclausule',
        motivation: 'Mevrouw heeft hoge zorgkosten die de regel niet kent.',
        outputs: {},
      });
      await approve(trx, d.id, 'voorbeeldstad', 'a.bakker');
      // An objection that is upheld.
      const e = await decide(trx, registry, request);
      const final = e.status === 'draft' ? await finalize(trx, e.id, 'voorbeeldstad', 'm.jansen') : e;
      const o = await fileObjection(trx, final.id, { bsn: BSN }, 'Mijn woonlasten zijn hoger.');
      await decideObjection(trx, registry, o.id, 'voorbeeldstad', 'a.bakker', {
        upheld: true,
        motivation: 'De woonlasten waren te laag ingevuld.',
      });
      await raiseSignal(
        trx,
        { organisationId: 'toeslagen', staffId: 'j.visser', name: 'Jeroen Visser', team: 'zorgtoeslag' },
        {
          process: 'operate',
          failure: 'communication',
          summary: 'Brief over kwijtschelding onduidelijk',
          description: 'Inwoners bellen ons over de brief van de gemeente, zij begrijpen hem niet.',
          owner: 'bron:voorbeeldstad',
        },
      );
    });
  });
  afterAll(async () => loket?.stop());

  it('counts missed and nearly missed terms, maatwerk, objections and signals of the organisation', async () => {
    const v = await learningView(db(), { organisationId: 'voorbeeldstad', period });
    expect(v.months).toEqual([month]);
    expect(v.deadlines).toEqual({ missed: [2], nearlyMissed: [1] });
    expect(v.deviationsPerMonth).toEqual([1]);
    expect(v.deviations).toEqual([
      { ruleId: 'kwijtschelding-gemeentelijke-belastingen', reason: 'hardheidsclausule', count: 1 },
    ]);
    expect(v.objections).toEqual({ filed: [1], upheld: [1], rejected: [0] });
    expect(v.signals).toEqual({ raised: [1], closed: [0], openNow: 1 });
    expect(v.contacts).toEqual({ contacts: [4], repeated: [2] });
  });

  it('shows another organisation only its own numbers', async () => {
    const v = await learningView(db(), { organisationId: 'toeslagen', period });
    expect(v.deadlines).toEqual({ missed: [1], nearlyMissed: [0] });
    expect(v.deviations).toEqual([]);
    expect(v.objections.filed).toEqual([0]);
    expect(v.signals.openNow).toBe(0);
    expect(v.contacts).toEqual({ contacts: [0], repeated: [0] });
  });

  it('counts nothing outside the period, and ignores a service of another organisation', async () => {
    const last = periodOf('2024-01', '2024-03');
    const v = await learningView(db(), { organisationId: 'voorbeeldstad', period: last });
    expect(v.months).toEqual(['2024-01', '2024-02', '2024-03']);
    expect(v.deadlines.missed).toEqual([0, 0, 0]);
    const foreign = await learningView(db(), {
      organisationId: 'voorbeeldstad',
      dienstId: randomUUID(),
      period,
    });
    expect(foreign.dienstId).toBeNull();
  });
});

it('reads a period of whole months, falling back to the last twelve', () => {
  const now = new Date('2026-11-23T10:00:00Z');
  expect(periodOf(undefined, undefined, now)).toEqual({ from: '2025-12', to: '2026-11' });
  expect(periodOf('2026-05', '2026-02', now)).toEqual({ from: '2025-12', to: '2026-11' });
  expect(periodOf('2026-13', 'x', now)).toEqual({ from: '2025-12', to: '2026-11' });
  expect(monthsOf({ from: '2025-11', to: '2026-02' })).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
});
