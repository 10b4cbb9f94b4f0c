import type { Multipart, MultipartFile } from '@fastify/multipart';
import multipart from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { CaseRecords } from '../../cases/engine/case-records.ts';
import { appointmentSlots, type CitizenAnswer, completeCitizenTask } from '../../cases/engine/citizen.ts';
import { getTask, type Task } from '../../cases/engine/tasks.ts';
import { type DocumentenContext, forgetContent, receiveContent } from '../../documenten/index.ts';
import type { Db } from '../../platform/db/database.ts';
import { inTransaction, type Trx } from '../../platform/db/transaction.ts';
import type { App } from '../../platform/http/server.ts';
import {
  alert,
  button,
  checkbox,
  dataList,
  dateTime,
  type FieldError,
  fileField,
  form,
  heading,
  html,
  paragraph,
  radioGroup,
  type SafeHtml,
} from '../shared/index.ts';
import { ownCase } from './case-data.ts';
import { caseHref } from './home.ts';
import { markRead, requestKey, taskHref } from './overview.ts';
import { CITIZEN_ROUTE, type Citizen, citizenOf, sendNotFound, sendPortalPage } from './page.ts';
import { portalTexts as tx } from './texts.nl.ts';
import { registerUpload, uploadBlocked } from './upload.ts';

/**
 * The citizen's tasks: confirm, choose an appointment slot, send a document. Each form works without
 * JavaScript; with it, an upload shows its progress. A large file streams straight to the document store.
 */

const t = tx.tasks;
const Params = Type.Object({
  zaakId: Type.String({ maxLength: 64 }),
  taakId: Type.String({ maxLength: 200 }),
});
export const UPLOAD_SCRIPT = '/portaal/upload.js';
const MAX_UPLOAD = 200 * 1024 * 1024;

interface TaskPageState {
  error?: FieldError;
  value?: string;
}

async function ownTask(db: Db, who: Citizen, zaakId: string, taakId: string): Promise<Task | null> {
  return inTransaction(db, async (trx) => {
    if (!(await ownCase(trx, who, zaakId))) return null;
    const task = await getTask(trx, zaakId, taakId);
    if (task?.assignee.kind !== 'citizen') return null;
    await markRead(trx, who.bsn, requestKey(zaakId, taakId));
    return task;
  });
}

function taskForm(task: Task, csrf: string, s: TaskPageState): SafeHtml {
  const action = taskHref(task);
  const errors = s.error ? [s.error] : [];
  switch (task.citizenTask) {
    case 'confirm':
      return form({
        action,
        csrfToken: csrf,
        errors,
        content: html`${checkbox({ name: 'confirmed', label: t.confirmLabel, error: s.error?.message })}${button(t.confirmButton)}`,
      });
    case 'choose-appointment':
      return form({
        action,
        csrfToken: csrf,
        errors,
        content: html`${radioGroup({
          name: 'slot',
          label: t.slotLabel,
          description: t.slotHint,
          value: s.value,
          error: s.error?.message,
          options: appointmentSlots(new Date()).map((iso) => ({ value: iso, label: tx.formatDateTime(iso) })),
        })}${button(t.slotButton)}`,
      });
    case 'upload-document':
      return html`${form({
        action: `${action}/document`,
        csrfToken: csrf,
        multipart: true,
        errors,
        id: 'upload-formulier',
        content: html`${fileField({
          name: 'document',
          label: t.uploadLabel(task.documentType ?? ''),
          description: t.uploadHint,
          accept: '.pdf,.jpg,.jpeg,.png',
          error: s.error?.message,
        })}<p class="utrecht-paragraph loket-upload-progress" hidden><label for="upload-voortgang">${t.uploadProgress}</label> <progress id="upload-voortgang" max="100" value="0"></progress></p>${button(t.uploadButton)}`,
      })}`;
    default:
      return paragraph(task.description ?? '');
  }
}

async function showTask(
  req: FastifyRequest,
  reply: FastifyReply,
  db: Db,
  records: CaseRecords,
  s: TaskPageState = {},
) {
  const who = citizenOf(req);
  const { zaakId, taakId } = req.params as { zaakId: string; taakId: string };
  const task = await ownTask(db, who, zaakId, taakId);
  if (!task) return sendNotFound(req, reply, t.notFound, t.notFound);
  const open = task.state === 'active';
  const upload = task.citizenTask === 'upload-document' && open;
  const blocked = upload && (await uploadBlocked(db, records, zaakId, task));
  const body = !open
    ? alert({ type: 'info', content: t.notOpen })
    : blocked
      ? alert({
          type: 'warning',
          content: html`${heading(2, t.uploadBlockedTitle)}${paragraph(t.uploadBlocked)}`,
        })
      : taskForm(task, who.session.csrfToken, s);
  return sendPortalPage(req, reply, {
    title: task.name,
    hasErrors: Boolean(s.error),
    // A post that could not be taken says so with its status too.
    status: s.error ? 400 : blocked && req.method === 'POST' ? 503 : 200,
    script: upload && !blocked ? UPLOAD_SCRIPT : undefined,
    breadcrumbs: [
      { href: '/', text: tx.nav.home },
      { href: caseHref({ id: zaakId }), text: tx.casePage.number },
      { href: taskHref(task), text: task.name },
    ],
    content: html`${heading(1, task.name)}${task.description && paragraph(task.description)}${
      task.dueDate && dataList([{ key: t.dueBy, value: dateTime(task.dueDate) }])
    }${body}`,
  });
}

/**
 * Completes the task through the case engine; answers false when it is not this person's open task. The
 * answer can be made in the same transaction (an upload becomes a document first).
 */
async function complete(
  db: Db,
  records: CaseRecords,
  who: Citizen,
  zaakId: string,
  taakId: string,
  answer: CitizenAnswer | ((trx: Trx, task: Task) => Promise<CitizenAnswer>),
): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    if (!(await ownCase(trx, who, zaakId))) return false;
    const task = await getTask(trx, zaakId, taakId);
    if (task?.assignee.kind !== 'citizen' || task.state !== 'active') return false;
    await completeCitizenTask(trx, records, {
      caseId: zaakId,
      instanceId: taakId,
      bsn: who.bsn,
      answer: typeof answer === 'function' ? await answer(trx, task) : answer,
      actor: { kind: 'citizen', id: who.actorId, name: who.name },
    });
    return true;
  });
}

export async function registerTasks(app: App, db: Db, records: CaseRecords, docs: DocumentenContext) {
  app.get(UPLOAD_SCRIPT, { config: { auth: 'public' } }, async (_req, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').send(UPLOAD_JS),
  );

  app.get(
    '/zaken/:zaakId/taken/:taakId',
    { config: CITIZEN_ROUTE, schema: { params: Params } },
    (req, reply) => showTask(req, reply, db, records),
  );

  app.post(
    '/zaken/:zaakId/taken/:taakId',
    {
      config: CITIZEN_ROUTE,
      schema: {
        params: Params,
        body: Type.Object({
          _csrf: Type.String(),
          confirmed: Type.Optional(Type.String({ maxLength: 10 })),
          slot: Type.Optional(Type.String({ maxLength: 40 })),
        }),
      },
    },
    async (req, reply) => {
      const who = citizenOf(req);
      const { zaakId, taakId } = req.params as { zaakId: string; taakId: string };
      const body = req.body as { confirmed?: string; slot?: string };
      const task = await ownTask(db, who, zaakId, taakId);
      if (!task) return sendNotFound(req, reply, t.notFound, t.notFound);
      let answer: CitizenAnswer = {};
      if (task.citizenTask === 'confirm') {
        if (body.confirmed !== 'ja')
          return showTask(req, reply, db, records, {
            error: { name: 'confirmed', message: t.confirmRequired },
          });
        answer = { confirmed: true };
      } else if (task.citizenTask === 'choose-appointment') {
        if (!body.slot || !appointmentSlots(new Date()).includes(body.slot))
          return showTask(req, reply, db, records, { error: { name: 'slot', message: t.slotRequired } });
        answer = { slot: body.slot };
      }
      if (!(await complete(db, records, who, zaakId, taakId, answer)))
        return showTask(req, reply, db, records);
      return reply.redirect(`${caseHref({ id: zaakId })}?gedaan=${encodeURIComponent(taakId)}`, 303);
    },
  );

  await app.register(async (scope) => {
    await scope.register(multipart, { limits: { fields: 5, files: 1, fileSize: MAX_UPLOAD } });
    // The CSRF token comes before the file in the form: read the fields up to the file, so the session
    // check sees the token before a single byte of the file is stored.
    scope.addHook('preValidation', async (req) => {
      if (!req.isMultipart()) return;
      const parts = req.parts();
      const fields: Record<string, string> = {};
      let file: MultipartFile | null = null;
      for await (const part of parts as AsyncIterable<Multipart>) {
        if (part.type === 'field') fields[part.fieldname] = String(part.value);
        else {
          file = part;
          break;
        }
      }
      req.body = fields;
      (req as FastifyRequest & { upload?: MultipartFile | null }).upload = file;
    });
    scope.post(
      '/zaken/:zaakId/taken/:taakId/document',
      { config: { ...CITIZEN_ROUTE, acceptsMultipart: true }, schema: { params: Params } },
      async (req, reply) => {
        const who = citizenOf(req);
        const { zaakId, taakId } = req.params as { zaakId: string; taakId: string };
        const file = (req as FastifyRequest & { upload?: MultipartFile | null }).upload;
        // A case that cannot take documents is told before a byte is stored (the page explains).
        if (!file?.filename || (await records.uploadType(db, zaakId, '')) === null) {
          file?.file.resume();
          if (file?.filename) return showTask(req, reply, db, records);
          return showTask(req, reply, db, records, {
            error: { name: 'document', message: t.uploadRequired },
          });
        }
        const stored = await receiveContent(docs, file.file);
        if (stored.truncated || stored.size === 0) {
          await forgetContent(docs, stored.key);
          return showTask(req, reply, db, records, {
            error: { name: 'document', message: t.uploadRequired },
          });
        }
        const upload = { fileName: file.filename, contentType: file.mimetype, content: stored };
        const done = await complete(db, records, who, zaakId, taakId, (trx, task) =>
          registerUpload(trx, { docs, records, who, caseId: zaakId, task, upload, traceId: req.id }),
        ).catch(async (err) => {
          await forgetContent(docs, stored.key);
          throw err;
        });
        if (!done) {
          await forgetContent(docs, stored.key);
          return showTask(req, reply, db, records);
        }
        return reply.redirect(`${caseHref({ id: zaakId })}?gedaan=${encodeURIComponent(taakId)}`, 303);
      },
    );
  });
}

/** Progress for an upload when JavaScript is on; without it the form posts as usual. */
const UPLOAD_JS = `(() => {
  const form = document.getElementById('upload-formulier');
  if (!form || !window.XMLHttpRequest || !window.FormData) return;
  const box = form.querySelector('.loket-upload-progress');
  const bar = document.getElementById('upload-voortgang');
  form.addEventListener('submit', (event) => {
    const input = form.querySelector('input[type=file]');
    if (!input || !input.files || input.files.length === 0) return;
    event.preventDefault();
    const xhr = new XMLHttpRequest();
    xhr.open('POST', form.action);
    box.hidden = false;
    xhr.upload.addEventListener('progress', (e) => {
      if (e.lengthComputable) bar.value = Math.round((e.loaded / e.total) * 100);
    });
    xhr.addEventListener('load', () => {
      if (xhr.status < 400 && xhr.responseURL) window.location.assign(xhr.responseURL);
      else form.submit();
    });
    xhr.addEventListener('error', () => form.submit());
    xhr.send(new FormData(form));
  });
})();
`;
