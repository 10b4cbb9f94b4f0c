import { type CitizenCasePlan, casePlansOf, deadlinesOfCases } from '../../cases/engine/citizen-views.ts';
import { type Notice, noticesOf } from '../../cases/engine/notices.ts';
import { citizenTasksOf, type Task } from '../../cases/engine/tasks.ts';
import { type ContactHistory, contactHistoryOfCase } from '../../contact/index.ts';
import { type Decision, decisionsOfCase } from '../../decisions/index.ts';
import { documentsOfObject, type ListedDocument } from '../../documenten/index.ts';
import type { Trx } from '../../platform/db/transaction.ts';
import { getOrganisation, type Organisation } from '../../platform/organisations.ts';
import { getZaak, type ZaakRow, zaakUrl } from '../../zaken/index.ts';
import { logOwnRead } from './overview.ts';
import type { Citizen } from './page.ts';

/** One case as its citizen sees it; null when it does not exist or is not theirs (both look the same). */

/** Documents of the case the citizen sees: not drafts, not internal or secret (see citizenMaySee). */
const HIDDEN_LEVELS = new Set(['intern', 'confidentieel', 'geheim', 'zeer_geheim']);
const DRAFT = new Set(['in_bewerking', 'ter_vaststelling']);

export function citizenMaySee(d: ListedDocument): boolean {
  return (
    d.id !== null && !HIDDEN_LEVELS.has(d.vertrouwelijkheidaanduiding ?? '') && !DRAFT.has(d.status ?? '')
  );
}

export interface CaseView {
  zaak: ZaakRow;
  organisation: Organisation;
  plan: CitizenCasePlan | null;
  deadlines: { kind: string; legal: boolean; dueDate: string; status: string }[];
  tasks: Task[];
  notices: Notice[];
  decisions: Decision[];
  documents: ListedDocument[];
  contact: ContactHistory;
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
  baseUrl: string,
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
  const documents = (await documentsOfObject(trx, zaakUrl(baseUrl, caseId))).filter(citizenMaySee);
  // The contact module records this read itself (per person, with this request's trace id).
  const contact = await contactHistoryOfCase(trx, caseId, {
    organisationId: zaak.organisation_id,
    actor: { kind: 'citizen', id: who.actorId },
    subjectBsn: who.bsn,
    traceId,
  });
  await logOwnRead(trx, who, traceId, ['zaak', 'taak', 'besluit', 'document']);
  return { zaak, organisation, plan, deadlines, tasks, notices, decisions, documents, contact };
}
