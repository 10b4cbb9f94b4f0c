import type { CaseRecords } from '../../cases/engine/case-records.ts';
import type { CitizenAnswer } from '../../cases/engine/citizen.ts';
import type { Task } from '../../cases/engine/tasks.ts';
import { type DocumentenContext, registerReceivedDocument } from '../../documenten/index.ts';
import type { Db } from '../../platform/db/database.ts';
import { inTransaction, type Trx } from '../../platform/db/transaction.ts';
import { getOrganisation } from '../../platform/organisations.ts';
import { recordProcessing } from '../../processing-log/index.ts';
import { loketViewer, raiseSignalOnce } from '../../signals/service.ts';
import { getZaak } from '../../zaken/index.ts';
import type { Citizen } from './page.ts';
import { portalTexts as tx } from './texts.nl.ts';

/**
 * A citizen's upload for a task becomes a document of the case: an EnkelvoudigInformatieObject in
 * Documenten (the content is already in its store, streamed there by the route), related to the zaak
 * through Zaken, made by the person acting. One transaction with the task's completion.
 */

export interface Upload {
  fileName: string;
  contentType: string;
  content: { key: string; size: number };
}

export async function registerUpload(
  trx: Trx,
  input: {
    docs: DocumentenContext;
    records: CaseRecords;
    who: Citizen;
    caseId: string;
    task: Task;
    upload: Upload;
    traceId: string;
  },
): Promise<CitizenAnswer> {
  const { who, upload, task } = input;
  const zaak = await getZaak(trx, input.caseId);
  const organisation = zaak && (await getOrganisation(trx, zaak.organisation_id));
  const type = await input.records.uploadType(trx, input.caseId, task.documentType ?? '');
  if (!zaak || !organisation?.rsin || !type) throw new Error('this case cannot take documents');
  const fileName = upload.fileName.slice(0, 200);
  const titel = task.documentType ? tx.tasks.documentTitle(task.documentType) : fileName;
  const document = await registerReceivedDocument(trx, input.docs, {
    organisationId: zaak.organisation_id,
    bronorganisatie: organisation.rsin,
    informatieobjecttype: type,
    titel,
    bestandsnaam: fileName,
    formaat: upload.contentType,
    auteur: who.name,
    content: upload.content,
    actor: {
      organisationId: zaak.organisation_id,
      applicatieId: 'loket-portaal',
      applicatieWeergave: tx.organisation,
      gebruikersId: who.actorId,
      gebruikersWeergave: who.name,
    },
    traceId: input.traceId,
  });
  const actor = { kind: 'citizen' as const, id: who.actorId, name: who.name };
  await input.records.linkDocument(trx, input.caseId, document.url, titel, actor);
  await recordProcessing(trx, {
    organisationId: who.session.organisationId,
    operation: 'write',
    actor: { kind: 'citizen', id: who.actorId },
    subject: { kind: 'bsn', id: who.bsn },
    dataCategories: ['document'],
    purpose: tx.processing.upload,
    legalBasis: tx.processing.legalAanvraag,
    traceId: input.traceId,
  });
  return { document: { id: document.url, name: fileName } };
}

/**
 * Whether the case cannot take documents now: its zaaktype has no document types, a fault in the
 * service's set-up, not the citizen's. Then Loket raises a signal for the owner of the service (once,
 * however often the citizen looks), so the cause gets fixed; the task stays open meanwhile.
 */
export async function uploadBlocked(db: Db, records: CaseRecords, caseId: string, task: Task) {
  if ((await records.uploadType(db, caseId, task.documentType ?? '')) !== null) return false;
  await inTransaction(db, async (trx) => {
    const zaak = await getZaak(trx, caseId);
    if (!zaak) return;
    await raiseSignalOnce(trx, loketViewer(zaak.organisation_id), {
      process: 'operate',
      failure: 'execution',
      summary: tx.tasks.uploadBlockedSignal(zaak.identificatie),
      description: tx.tasks.uploadBlockedSignalText(task.name),
      owner: zaak.dienst_id ? `dienst:${zaak.dienst_id}` : `bron:${zaak.organisation_id}`,
      caseId,
    });
  });
  return true;
}
