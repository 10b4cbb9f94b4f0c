import { type ItemInstance, localDate } from '../../cases/plan/index.ts';
import { type Channel, type ContactRequest, contactTexts } from '../../contact/index.ts';
import { requestStatusTag } from '../contact/request-tag.ts';
import {
  alert,
  button,
  dataList,
  dateField,
  dateTime,
  form,
  heading,
  html,
  link,
  paragraph,
  type Renderable,
  radioGroup,
  type SafeHtml,
  table,
  textarea,
  textField,
  WORKBENCH_PATHS,
} from '../shared/index.ts';
import { decisionsSection } from './case-decisions.ts';
import { type CasePageInput, caseAction, type FormState, type SharedCase } from './case-view.ts';
import { workbenchTexts } from './texts.nl.ts';

const t = workbenchTexts.casePage;

const anchor = (instanceId: string) => `taak-${instanceId.replace(/[^A-Za-z0-9_-]/g, '-')}`;
const errorOf = (s: FormState | undefined, form: string, name: string) =>
  s?.form === form ? s.errors.find((e) => e.name === name)?.message : undefined;
const typedValue = (s: FormState | undefined, form: string, name: string) =>
  s?.form === form ? s.values[name] : undefined;

function taskForms(p: CasePageInput, task: ItemInstance): SafeHtml | null {
  const caseId = p.view.record.id;
  const csrf = p.staff.session.csrfToken;
  const formName = `taak-${task.id}`;
  const hidden = html`<input type="hidden" name="taak" value="${task.id}">`;
  if (task.state === 'active' && task.task && task.task.assignee.kind !== 'citizen') {
    return form({
      action: caseAction(caseId, 'taak-afronden'),
      csrfToken: csrf,
      id: `form-${anchor(task.id)}`,
      errors: p.state?.form === formName ? p.state.errors : [],
      content: html`${hidden}${textarea({ name: `notitie-${anchor(task.id)}`, label: t.completeNote, optional: true, rows: 2 })}${button(html`${t.complete}<span class="loket-visually-hidden">: ${task.name}</span>`)}`,
    });
  }
  if (task.state === 'enabled') {
    const name = `reden-${anchor(task.id)}`;
    return form({
      action: caseAction(caseId, 'taak-activeren'),
      csrfToken: csrf,
      errors: p.state?.form === formName ? p.state.errors : [],
      content: html`${hidden}${textField({ name, label: t.activateReason, error: errorOf(p.state, formName, name) })}${button(html`${t.activate}<span class="loket-visually-hidden">: ${task.name}</span>`, { variant: 'secondary' })}`,
    });
  }
  return null;
}

function planItem(p: CasePageInput, i: ItemInstance): SafeHtml {
  const task = p.view.tasks.find((x) => x.instanceId === i.id);
  const handler = p.view.handlers.get(i.id);
  const details: Renderable[] = [
    html`<span class="${`loket-tag loket-tag--${i.state}`}">${t.itemStates[i.state] ?? i.state}</span>`,
    task?.dueDate && html` ${t.due} ${dateTime(task.dueDate)}`,
    task?.assignee.kind === 'citizen' && html` · ${t.forCitizen}`,
    handler && html` · ${t.handler}: ${handler.name}`,
  ];
  return html`<li class="loket-plan__item" id="${anchor(i.id)}">
<p class="utrecht-paragraph"><strong>${i.name}</strong> ${details}</p>
${i.task?.adhoc && paragraph(t.adhocBy(i.task.adhoc.addedBy.name ?? i.task.adhoc.addedBy.id, i.task.adhoc.reason), { small: true })}
${i.attention && alert({ type: 'warning', title: t.attention, headingLevel: 4, content: i.attention.message })}
${i.kind === 'task' && taskForms(p, i)}
</li>`;
}

function planSection(p: CasePageInput): SafeHtml {
  const all = p.view.state.instances;
  const root = all.find((i) => i.parentId === null);
  const childrenOf = (id: string | undefined) => all.filter((i) => i.parentId === id && i.kind !== 'timer');
  const tasksOf = (id: string | undefined) => childrenOf(id).filter((i) => i.kind === 'task');
  // The root stage's tasks are listed under "Taken"; the other stages get a heading each.
  const stages = all.filter((i) => i.kind === 'stage' && i.id !== root?.id);
  const milestones = all.filter((i) => i.kind === 'milestone');
  return html`<section aria-labelledby="plan">${heading(2, t.plan, { id: 'plan' })}
${heading(3, t.milestones)}
<ul class="utrecht-unordered-list">${milestones.map((m) => html`<li>${m.name}: ${m.state === 'completed' ? html`${t.milestoneReached} ${dateTime(m.updatedAt)}` : t.milestoneOpen}</li>`)}</ul>
${heading(3, t.tasks)}
<ul class="loket-plan">${tasksOf(root?.id).map((i) => planItem(p, i))}</ul>
${stages.map(
  (
    s,
  ) => html`${heading(3, t.stage(s.name))}<p class="utrecht-paragraph"><span class="${`loket-tag loket-tag--${s.state}`}">${t.itemStates[s.state] ?? s.state}</span></p>
<ul class="loket-plan">${tasksOf(s.id).map((i) => planItem(p, i))}</ul>`,
)}
</section>`;
}

function adhocSection(p: CasePageInput): SafeHtml {
  const f = 'extra-taak';
  const v = (n: string) => typedValue(p.state, f, n);
  const e = (n: string) => errorOf(p.state, f, n);
  return html`<section aria-labelledby="extra">${heading(2, t.adhoc, { id: 'extra' })}${paragraph(t.adhocIntro)}
${form({
  action: caseAction(p.view.record.id, 'extra-taak'),
  csrfToken: p.staff.session.csrfToken,
  errors: p.state?.form === f ? p.state.errors : [],
  content: html`${textField({ name: 'naam', label: t.adhocName, value: v('naam'), error: e('naam') })}
${textarea({ name: 'omschrijving', label: t.adhocDescription, value: v('omschrijving'), optional: true, rows: 3 })}
${textField({ name: 'team', label: t.adhocTeam, value: v('team') ?? p.staff.team, error: e('team'), width: 20 })}
${dateField({ name: 'uiterlijk', label: t.adhocDue, value: v('uiterlijk'), optional: true, error: e('uiterlijk') })}
${textarea({ name: 'reden', label: t.adhocReason, value: v('reden'), error: e('reden'), rows: 2 })}
${button(t.adhocAdd)}`,
})}</section>`;
}

function deadlineSection(p: CasePageInput): SafeHtml {
  const csrf = p.staff.session.csrfToken;
  const items = p.view.deadlines.map((d) => {
    const f = `termijn-${d.kind}`;
    const hidden = html`<input type="hidden" name="soort" value="${d.kind}">`;
    const reason = textField({
      name: `reden-${d.kind}`,
      label: t.deadlineReason,
      error: errorOf(p.state, f, `reden-${d.kind}`),
      value: typedValue(p.state, f, `reden-${d.kind}`),
    });
    const open = d.status === 'running' || d.status === 'suspended';
    const changes = (d.changes ?? []).map(
      (c) =>
        html`<li>${dateTime(c.at)}: ${t.changes[c.change] ?? c.change}${c.dueAfter && html` (${t.lastDay} ${dateTime(c.dueAfter)})`}${c.reason && html`. ${c.reason}`}${c.actor && html` — ${c.actor.name ?? c.actor.id}`}</li>`,
    );
    return html`<div class="loket-deadline">${heading(3, t.deadlineKinds[d.kind] ?? d.kind)}
${dataList([
  { key: t.lastDay, value: dateTime(d.dueDate) },
  { key: t.planStatus, value: t.deadlineStates[d.status] ?? d.status },
])}
<ul class="utrecht-unordered-list">${changes}</ul>
${
  open &&
  form({
    action: caseAction(p.view.record.id, 'termijn'),
    csrfToken: csrf,
    errors: p.state?.form === f ? p.state.errors : [],
    content: html`${hidden}${reason}${dateField({ name: `tot-${d.kind}`, label: t.extendUntil, optional: true, error: errorOf(p.state, f, `tot-${d.kind}`) })}
<div class="utrecht-button-group">${
      d.status === 'running'
        ? button(t.suspend, { name: 'actie', value: 'opschorten', variant: 'secondary' })
        : button(t.resume, { name: 'actie', value: 'hervatten', variant: 'secondary' })
    }${button(t.extend, { name: 'actie', value: 'verlengen', variant: 'secondary' })}</div>`,
  })
}</div>`;
  });
  return html`<section aria-labelledby="termijnen">${heading(2, t.deadlines, { id: 'termijnen' })}${items}</section>`;
}

function documentsSection(p: CasePageInput): SafeHtml {
  const docs = p.view.documents;
  return html`<section aria-labelledby="documenten">${heading(2, t.documents, { id: 'documenten' })}${
    docs.length
      ? table({
          caption: t.documents,
          columns: [
            { header: t.documentColumns.title },
            { header: t.documentColumns.file },
            { header: t.documentColumns.created },
          ],
          rows: docs.map((d) => [d.title, d.file ?? '', d.created ? dateTime(d.created) : '']),
        })
      : paragraph(t.noDocuments)
  }</section>`;
}

/** The channels a professional can record a contact through (the portal records its own). */
export const RECORDABLE_CHANNELS: readonly Channel[] = ['telefoon', 'balie', 'video', 'e-mail', 'brief'];

function openRequests(requests: ContactRequest[], today: string): SafeHtml {
  const open = requests.filter((r) => r.status === 'open');
  if (open.length === 0) return paragraph(t.noOpenRequests);
  const overdue = open.filter((r) => r.dueDate < today);
  return html`${overdue.length > 0 && alert({ type: 'warning', content: t.requestsOverdue(overdue.length) })}${table(
    {
      caption: t.openRequests,
      columns: [
        { header: t.requestColumns.due },
        { header: t.requestColumns.status },
        { header: t.requestColumns.kind },
        { header: t.requestColumns.question },
        { header: t.requestColumns.team },
        { header: t.requestColumns.handle },
      ],
      rows: [...open]
        .sort((a, b) => a.dueDate.localeCompare(b.dueDate))
        .map((r) => [
          dateTime(r.dueDate),
          requestStatusTag(r, today, { overdue: t.requestOverdue, open: t.requestInTime }),
          contactTexts.kinds[r.kind],
          r.question,
          r.team,
          link(
            `${WORKBENCH_PATHS.callBacks}/${r.id}`,
            html`${t.handleRequest}<span class="loket-visually-hidden"> ${t.handleRequestOf(contactTexts.kinds[r.kind])}, ${dateTime(r.createdAt)}</span>`,
          ),
        ]),
    },
  )}`;
}

function contactMoments(p: CasePageInput): SafeHtml {
  const moments = p.view.contact.moments;
  if (moments.length === 0) return paragraph(t.noContactMoments);
  return table({
    caption: t.contactMoments,
    columns: [
      { header: t.momentColumns.at },
      { header: t.momentColumns.channel },
      { header: t.momentColumns.who },
      { header: t.momentColumns.summary },
    ],
    rows: moments.map((m) => [
      dateTime(m.occurredAt),
      contactTexts.channels[m.channel] ?? m.channel,
      m.staff.name,
      m.summary,
    ]),
  });
}

function recordContactForm(p: CasePageInput): SafeHtml {
  const f = 'contact';
  return html`${heading(3, t.recordContact, { id: 'contact-vastleggen' })}${paragraph(t.recordContactIntro)}
${form({
  action: caseAction(p.view.record.id, 'contact'),
  csrfToken: p.staff.session.csrfToken,
  errors: p.state?.form === f ? p.state.errors : [],
  content: html`${radioGroup({
    name: 'kanaal',
    label: t.contactChannel,
    value: typedValue(p.state, f, 'kanaal'),
    error: errorOf(p.state, f, 'kanaal'),
    options: RECORDABLE_CHANNELS.map((c) => ({ value: c, label: contactTexts.channels[c] })),
  })}
${textarea({ name: 'samenvatting', label: t.contactSummary, description: t.contactSummaryHint, value: typedValue(p.state, f, 'samenvatting'), error: errorOf(p.state, f, 'samenvatting'), rows: 4, maxLength: 2000 })}
${button(t.recordContact, { variant: 'secondary' })}`,
})}`;
}

function contactSection(p: CasePageInput): SafeHtml {
  const f = 'bericht';
  const today = localDate(new Date());
  return html`<section aria-labelledby="contact">${heading(2, t.contact, { id: 'contact' })}
${heading(3, t.openRequests)}
${openRequests(p.view.contact.requests, today)}
${heading(3, t.contactMoments)}
${contactMoments(p)}
${p.view.record.subjectBsn && recordContactForm(p)}
${heading(3, t.message)}
${form({
  action: caseAction(p.view.record.id, 'bericht'),
  csrfToken: p.staff.session.csrfToken,
  errors: p.state?.form === f ? p.state.errors : [],
  content: html`${textField({ name: 'onderwerp', label: t.messageSubject, value: typedValue(p.state, f, 'onderwerp'), error: errorOf(p.state, f, 'onderwerp') })}
${textarea({ name: 'tekst', label: t.messageBody, value: typedValue(p.state, f, 'tekst'), error: errorOf(p.state, f, 'tekst'), rows: 4 })}
${button(t.messageSend, { variant: 'secondary' })}`,
})}</section>`;
}

function historySection(p: CasePageInput): SafeHtml {
  const names = new Map(p.view.state.instances.map((i) => [i.id, i.name]));
  const rows: { at: Date; who: string; what: Renderable; why: string }[] = [];
  for (const h of p.view.history) {
    const cause = h.cause as { reason?: string } | null;
    rows.push({
      at: new Date(h.at),
      who: h.actor ? (h.actor.name ?? h.actor.id) : t.system,
      what: t.transition(
        names.get(h.instanceId) ?? h.itemId,
        (t.itemStates as Record<string, string | undefined>)[h.to] ?? h.to,
      ),
      why: cause?.reason ?? '',
    });
  }
  for (const a of p.view.actions) {
    rows.push({
      at: a.at,
      who: a.actor.name,
      what: html`${t.actions[a.action] ?? a.action}${a.onBehalfOf && html` ${t.onBehalf(a.onBehalfOf)}`}`,
      why: a.reason ?? '',
    });
  }
  rows.sort((a, b) => a.at.getTime() - b.at.getTime());
  return html`<section aria-labelledby="geschiedenis">${heading(2, t.history, { id: 'geschiedenis' })}${table(
    {
      caption: t.history,
      columns: [
        { header: t.historyColumns.at },
        { header: t.historyColumns.who },
        { header: t.historyColumns.what },
        { header: t.historyColumns.why },
      ],
      rows: rows.map((r) => [dateTime(r.at), r.who, r.what, r.why]),
    },
  )}</section>`;
}

export function lifeEventTable(progress: SharedCase['progress']): SafeHtml {
  return table({
    caption: t.lifeEvent(progress.lifeEvent.name),
    columns: [
      { header: t.lifeEventColumns.organisation },
      { header: t.lifeEventColumns.service },
      { header: t.lifeEventColumns.status },
      { header: t.lifeEventColumns.milestones },
    ],
    rows: progress.services.map((s) => [
      s.organisation.name,
      s.dienst,
      s.statusText,
      s.milestones.map((m) => m.name).join(', '),
    ]),
  });
}

/** The whole case page of a case of the professional's own organisation. */
export function renderCase(p: CasePageInput): SafeHtml {
  const v = p.view;
  return html`${heading(1, t.title(v.record.identificatie))}
${p.message && alert({ type: 'success', role: 'status', content: p.message })}
<section aria-labelledby="over">${heading(2, t.summary, { id: 'over' })}${dataList([
    { key: t.kind, value: v.planName },
    { key: t.started, value: dateTime(v.record.startdatum) },
    { key: t.subject, value: v.record.subjectBsn ?? '' },
    { key: t.planStatus, value: t.planStatuses[v.state.status] ?? v.state.status },
  ])}${v.lifeEvent && lifeEventTable(v.lifeEvent)}</section>
${planSection(p)}
${adhocSection(p)}
${deadlineSection(p)}
${decisionsSection(p)}
${documentsSection(p)}
${contactSection(p)}
${historySection(p)}`;
}

/** A case of another organisation that a life event shares: service, status and milestones only. */
export function renderSharedCase(view: SharedCase, organisationName: string): SafeHtml {
  return html`${heading(1, view.progress.lifeEvent.name)}
${alert({ type: 'info', content: t.shared(organisationName) })}
${lifeEventTable(view.progress)}`;
}
