import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeBackends } from '../testing/backends.ts';
import { ProcessingLogError, processingFor, recordProcessing, verifyChain } from './service.ts';

describeBackends('processing log hook', (database) => {
  it('records who used whose data, why and on what legal basis, and shows it to the person', async () => {
    await recordProcessing(database().db, {
      organisationId: 'voorbeeldstad',
      operation: 'read',
      actor: { kind: 'staff', id: 'medewerker-1' },
      subject: { kind: 'bsn', id: '999993653' },
      dataCategories: ['naam', 'burgerlijke staat'],
      purpose: 'Melding voorgenomen huwelijk beoordelen',
      legalBasis: 'BW Boek 1, art. 44',
      traceId: 'trace-1',
    });
    const entries = await processingFor(database().db, { kind: 'bsn', id: '999993653' });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actor: { kind: 'staff', id: 'medewerker-1' },
      dataCategories: ['naam', 'burgerlijke staat'],
      purpose: 'Melding voorgenomen huwelijk beoordelen',
      legalBasis: 'BW Boek 1, art. 44',
      traceId: 'trace-1',
    });
    expect(await processingFor(database().db, { kind: 'bsn', id: '111222333' })).toHaveLength(0);
  });

  it("leaves one actor out on request (the person's own visits), newest first, up to the limit", async () => {
    const subject = { kind: 'bsn' as const, id: '999990019' };
    const use = (actor: { kind: 'citizen' | 'staff'; id: string }, purpose: string) =>
      recordProcessing(database().db, {
        organisationId: 'voorbeeldstad',
        operation: 'read',
        actor,
        subject,
        dataCategories: ['naam'],
        purpose,
        legalBasis: 'AVG art. 15',
      });
    await use({ kind: 'citizen', id: 'bsn:999990019' }, 'eigen bezoek 1');
    await use({ kind: 'staff', id: 'bsn:999990019' }, 'medewerker met hetzelfde id');
    await use({ kind: 'citizen', id: 'bsn:999990020' }, 'gemachtigde');
    await use({ kind: 'citizen', id: 'bsn:999990019' }, 'eigen bezoek 2');
    const all = await processingFor(database().db, subject);
    expect(all.map((e) => e.purpose)).toEqual([
      'eigen bezoek 2',
      'gemachtigde',
      'medewerker met hetzelfde id',
      'eigen bezoek 1',
    ]);
    const others = await processingFor(database().db, subject, {
      exceptActor: { kind: 'citizen', id: 'bsn:999990019' },
    });
    expect(others.map((e) => e.purpose)).toEqual(['gemachtigde', 'medewerker met hetzelfde id']);
    expect(await processingFor(database().db, subject, { limit: 1 })).toHaveLength(1);
  });

  it('refuses a record without purpose or legal basis', async () => {
    await expect(
      recordProcessing(database().db, {
        organisationId: 'voorbeeldstad',
        operation: 'read',
        actor: { kind: 'system', id: 'loket' },
        subject: { kind: 'bsn', id: '999993653' },
        dataCategories: ['naam'],
        purpose: ' ',
        legalBasis: '',
      }),
    ).rejects.toThrow(ProcessingLogError);
  });

  it('chains every record about a person, refuses changes, and shows tampering', async () => {
    const db = database().db;
    const subject = { kind: 'bsn' as const, id: '999990354' };
    for (const purpose of ['Aanvraag beoordelen', 'Beslissing nemen', 'Bezwaar behandelen']) {
      await recordProcessing(db, {
        organisationId: 'toeslagen',
        operation: 'read',
        actor: { kind: 'staff', id: 'p.eerste' },
        subject,
        dataCategories: ['inkomen'],
        purpose,
        legalBasis: 'Awir art. 13',
        foreignOperation: 'belastingdienst:op-123',
      });
    }
    expect(await verifyChain(db, subject)).toEqual({ ok: true, brokenAt: null, records: 3 });
    await expect(
      sql`update processing_log set purpose = 'Iets anders' where subject_id = '999990354'`.execute(db),
    ).rejects.toThrow(/append-only/);
    await expect(sql`delete from processing_log where subject_id = '999990354'`.execute(db)).rejects.toThrow(
      /append-only/,
    );

    // Someone with database rights switches the guard off and rewrites history: the chain shows it.
    const second = await db
      .selectFrom('processing_log')
      .select('id')
      .where('subject_id', '=', subject.id)
      .orderBy('id')
      .offset(1)
      .limit(1)
      .executeTakeFirstOrThrow();
    await sql`alter table processing_log disable trigger processing_log_append_only`.execute(db);
    await sql`update processing_log set purpose = 'Verzonnen doel' where id = ${second.id}`.execute(db);
    await sql`alter table processing_log enable trigger processing_log_append_only`.execute(db);
    expect(await verifyChain(db, subject)).toEqual({ ok: false, brokenAt: Number(second.id), records: 3 });
  });

  it('keeps one chain when many uses of the same person are recorded at once, with names and accents', async () => {
    const db = database().db;
    const subject = { kind: 'bsn' as const, id: '999991371' };
    await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        recordProcessing(db, {
          organisationId: 'voorbeeldstad',
          operation: 'read',
          actor: { kind: 'citizen', id: subject.id },
          subject,
          dataCategories: ['zaak', 'bericht'],
          purpose: `Eigen overzicht bekijken (${i}) — "één" café`,
          legalBasis: 'AVG art. 15',
          traceId: `trace-${i}`,
        }),
      ),
    );
    expect(await verifyChain(db, subject)).toEqual({ ok: true, brokenAt: null, records: 24 });
    const forks = await db
      .selectFrom('processing_log')
      .select((eb) => eb.fn.count<string>('prev_hash').distinct().as('n'))
      .where('subject_id', '=', subject.id)
      .executeTakeFirstOrThrow();
    expect(Number(forks.n)).toBe(24);
  });
});
