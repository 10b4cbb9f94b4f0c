import type { Db } from '../../platform/db/database.ts';
import type { Trx } from '../../platform/db/transaction.ts';
import { Problem, problems } from '../../platform/http/problem.ts';
import { getOrganisation } from '../../platform/organisations.ts';
import type { Actor } from '../plan/index.ts';
import { algemeneTermijnenwet } from '../plan/index.ts';
import { applyCaseEvent } from './apply.ts';
import type { CaseRecords } from './case-records.ts';
import { addDays, localDate, startOfDay } from './dates.ts';
import { citizenTasksOf, completeTask, getTask, storeTaskOutcome, type Task } from './tasks.ts';
import { caseTexts as tx } from './texts.nl.ts';

/**
 * The citizen's side of the plan (MijnTaken): their open tasks in all their cases at every organisation,
 * and completing one — confirm, choose an appointment slot, send a document — which moves the case on.
 */

export interface CitizenTask extends Task {
  organisationName: string;
  caseIdentificatie: string;
}

export async function openTasksOfPerson(db: Db, records: CaseRecords, bsn: string): Promise<CitizenTask[]> {
  const cases = await records.ofPerson(db, bsn);
  const byId = new Map(cases.map((c) => [c.id, c]));
  const tasks = await citizenTasksOf(
    db,
    cases.map((c) => c.id),
  );
  const names = new Map<string, string>();
  for (const id of new Set(tasks.map((x) => x.organisationId)))
    names.set(id, (await getOrganisation(db, id))?.name ?? id);
  return tasks.map((x) => ({
    ...x,
    organisationName: names.get(x.organisationId) ?? x.organisationId,
    caseIdentificatie: byId.get(x.caseId)?.identificatie ?? '',
  }));
}

const SLOT_TIMES = ['09:00', '10:30', '13:30', '15:00'];
const SLOT_DAYS = 10;

/** Appointment slots on the next working days (Europe/Amsterdam), from tomorrow. */
export function appointmentSlots(now: Date): string[] {
  const slots: string[] = [];
  let date = localDate(now);
  for (let found = 0; found < SLOT_DAYS; ) {
    date = addDays(date, 1);
    if (!algemeneTermijnenwet.isWorkingDay(date)) continue;
    found++;
    const midnight = startOfDay(date).getTime();
    for (const time of SLOT_TIMES) {
      const [h, m] = time.split(':').map(Number);
      slots.push(new Date(midnight + (h * 60 + m) * 60_000).toISOString());
    }
  }
  return slots;
}

export interface CitizenAnswer {
  /** confirm */
  confirmed?: boolean;
  /** choose-appointment: one of the offered slots */
  slot?: string;
  /** upload-document: a reference to the document (Documenten API URL or id) and its name */
  document?: { id: string; name?: string };
}

async function requireOwnTask(
  trx: Trx,
  records: CaseRecords,
  caseId: string,
  instanceId: string,
  bsn: string,
) {
  const record = await records.get(trx, caseId);
  const task = record?.subjectBsn === bsn ? await getTask(trx, caseId, instanceId) : null;
  if (!record || !task || task.assignee.kind !== 'citizen') throw problems.notFound(tx.taskNotFound);
  if (task.state !== 'active')
    throw new Problem(409, 'invalid-state', tx.conflict, tx.planEventRefused('invalid-state'));
  return { record, task };
}

/** The citizen completes their task; the plan moves on in the same transaction. */
export async function completeCitizenTask(
  trx: Trx,
  records: CaseRecords,
  input: { caseId: string; instanceId: string; bsn: string; answer: CitizenAnswer; actor: Actor; now?: Date },
): Promise<Task> {
  const { record, task } = await requireOwnTask(trx, records, input.caseId, input.instanceId, input.bsn);
  const now = input.now ?? new Date();
  const cmd = {
    caseId: input.caseId,
    organisationId: record.organisationId,
    instanceId: input.instanceId,
    actor: input.actor,
    now,
  };
  switch (task.citizenTask) {
    case 'confirm':
      if (input.answer.confirmed !== true)
        throw problems.invalidField('confirmed', 'required', tx.confirmRequired);
      await completeTask(trx, { ...cmd, outcome: { confirmed: true } });
      break;
    case 'choose-appointment': {
      const slot = input.answer.slot ? new Date(input.answer.slot).toISOString() : '';
      if (!slot || !appointmentSlots(now).includes(slot))
        throw problems.invalidField('slot', 'invalid', tx.slotRequired);
      await completeTask(trx, { ...cmd, outcome: { slot, appointmentType: task.appointmentType } });
      break;
    }
    case 'upload-document': {
      const doc = input.answer.document;
      if (!doc?.id) throw problems.invalidField('document', 'required', tx.documentRequired);
      // The document arriving is what completes the task (as when it comes in through Documenten).
      await applyCaseEvent(
        trx,
        input.caseId,
        {
          type: 'document-received',
          documentType: task.documentType ?? '',
          documentId: doc.id,
          actor: input.actor,
        },
        { now },
      );
      const after = await getTask(trx, input.caseId, input.instanceId);
      if (after?.state === 'active') await completeTask(trx, { ...cmd, outcome: { document: doc } });
      else await storeTaskOutcome(trx, input.caseId, input.instanceId, { document: doc });
      break;
    }
    default:
      await completeTask(trx, cmd);
  }
  return (await getTask(trx, input.caseId, input.instanceId)) as Task;
}
