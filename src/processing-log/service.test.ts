import { expect, it } from 'vitest';
import { describeBackends } from '../testing/backends.ts';
import { ProcessingLogError, processingFor, recordProcessing } from './service.ts';

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
});
