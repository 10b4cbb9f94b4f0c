import { randomUUID } from 'node:crypto';
import type { Trx } from '../platform/db/transaction.ts';

/**
 * A message from an organisation to a person, shown with the person's other messages (`messagesFor`).
 * The caller records the processing (it knows why it writes to the person).
 */
export async function sendPersonMessage(
  trx: Trx,
  m: { organisationId: string; bsn: string; subject: string; body: string },
): Promise<string> {
  const id = randomUUID();
  await trx
    .insertInto('person_message')
    .values({ id, organisation_id: m.organisationId, bsn: m.bsn, subject: m.subject, body: m.body })
    .execute();
  return id;
}
