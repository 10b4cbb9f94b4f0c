import { type CitizenCasePlan, casePlansOf, deadlinesOfCases } from '../../cases/engine/citizen-views.ts';
import { type Notice, noticesOf } from '../../cases/engine/notices.ts';
import { citizenTasksOf, type Task } from '../../cases/engine/tasks.ts';
import { type Decision, decisionsOfCase } from '../../decisions/index.ts';
import type { Trx } from '../../platform/db/transaction.ts';
import { getOrganisation, type Organisation } from '../../platform/organisations.ts';
import { getZaak, type ZaakRow } from '../../zaken/index.ts';
import { logOwnRead } from './overview.ts';
import type { Citizen } from './page.ts';

/** One case as its citizen sees it; null when it does not exist or is not theirs (both look the same). */

export interface Upload {
  id: string;
  instanceId: string;
  fileName: string;
  size: number;
  createdAt: Date;
}

export interface CaseView {
  zaak: ZaakRow;
  organisation: Organisation;
  plan: CitizenCasePlan | null;
  deadlines: { kind: string; legal: boolean; dueDate: string; status: string }[];
  tasks: Task[];
  notices: Notice[];
  decisions: Decision[];
  uploads: Upload[];
}

/** The case only when it is this person's: another person's case id reads nothing at all. */
export async function ownCase(trx: Trx, who: Citizen, caseId: string): Promise<ZaakRow | null> {
  if (!/^[0-9a-f-]{36}$/i.test(caseId)) return null;
  const zaak = await getZaak(trx, caseId);
  return zaak && zaak.subject_bsn === who.bsn ? zaak : null;
}

export async function readCase(
  trx: Trx,
  who: Citizen,
  caseId: string,
  traceId: string,
): Promise<CaseView | null> {
  const zaak = await ownCase(trx, who, caseId);
  if (!zaak) return null;
  const organisation = (await getOrganisation(trx, zaak.organisation_id)) ?? {
    id: zaak.organisation_id,
    name: zaak.organisation_id,
    kind: '',
    rsin: null,
    phone: null,
    openingHours: null,
    website: null,
  };
  const plan = (await casePlansOf(trx, [caseId])).get(caseId) ?? null;
  const deadlines = (await deadlinesOfCases(trx, [caseId])).get(caseId) ?? [];
  const tasks = await citizenTasksOf(trx, [caseId]);
  const notices = await noticesOf(trx, [caseId]);
  const decisions = (await decisionsOfCase(trx, zaak.organisation_id, caseId)).filter(
    (d) => d.status === 'final' || d.status === 'superseded',
  );
  const uploads = (
    await trx
      .selectFrom('portal_upload')
      .select(['id', 'instance_id', 'file_name', 'size', 'created_at'])
      .where('case_id', '=', caseId)
      .orderBy('created_at')
      .execute()
  ).map((u) => ({
    id: u.id as string,
    instanceId: u.instance_id as string,
    fileName: u.file_name as string,
    size: Number(u.size),
    createdAt: new Date(u.created_at as string),
  }));
  await logOwnRead(trx, who, traceId, ['zaak', 'taak', 'besluit', 'document']);
  return { zaak, organisation, plan, deadlines, tasks, notices, decisions, uploads };
}
