import { Type } from 'typebox';
import {
  type QueueFilter,
  type QueueList,
  queueView,
  setTaskHandler,
} from '../../cases/engine/work-queue.ts';
import type { Db } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { Problem } from '../../platform/http/problem.ts';
import type { App } from '../../platform/http/server.ts';
import {
  alert,
  attrs,
  button,
  checkbox,
  dateField,
  dateTime,
  type FieldError,
  form,
  heading,
  html,
  link,
  pagination,
  paragraph,
  raw,
  select,
  sendWorkbenchPage,
  table,
  textField,
} from '../shared/index.ts';
import { colleagues, recordAction, rememberStaff } from './store.ts';
import {
  actorOf,
  field,
  fields,
  ISO_DATE,
  redirectTo,
  STAFF,
  type Staff,
  sendProblemPage,
  staffOf,
  WORKBENCH,
} from './support.ts';
import { workbenchTexts as t } from './texts.nl.ts';

const LISTS: Record<string, QueueList> = { mijn: 'mine', team: 'team', vrij: 'unassigned' };
const LIST_PARAM: Record<QueueList, string> = { mine: 'mijn', team: 'team', unassigned: 'vrij' };
const PAGE_SIZE = 50;
const CLAIM_FORM = 'oppakken';

const QueueQuery = Type.Object({
  lijst: Type.Optional(Type.Union([Type.Literal('mijn'), Type.Literal('team'), Type.Literal('vrij')])),
  filter: Type.Optional(Type.String({ maxLength: 5 })),
  alleenOpen: Type.Optional(Type.String({ maxLength: 5 })),
  soort: Type.Optional(
    Type.Union([
      Type.String({ maxLength: 200 }),
      Type.Array(Type.String({ maxLength: 200 }), { maxItems: 50 }),
    ]),
  ),
  behandelaar: Type.Optional(Type.String({ maxLength: 200 })),
  rol: Type.Optional(Type.String({ maxLength: 200 })),
  van: Type.Optional(Type.String({ maxLength: 20 })),
  tot: Type.Optional(Type.String({ maxLength: 20 })),
  volgorde: Type.Optional(Type.Union([Type.Literal('oplopend'), Type.Literal('aflopend')])),
  pagina: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
  bericht: Type.Optional(Type.String({ maxLength: 40 })),
});
type QueueQueryT = {
  lijst?: 'mijn' | 'team' | 'vrij';
  filter?: string;
  alleenOpen?: string;
  soort?: string | string[];
  behandelaar?: string;
  rol?: string;
  van?: string;
  tot?: string;
  volgorde?: 'oplopend' | 'aflopend';
  pagina?: number;
  bericht?: string;
};

/** The query string of the queue with the same filters, another list or page. */
function queueHref(q: QueueQueryT, change: Partial<QueueQueryT>): string {
  const merged = { ...q, ...change, bericht: undefined };
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(merged)) {
    if (v === undefined || v === '') continue;
    for (const one of Array.isArray(v) ? v : [v]) params.append(k, String(one));
  }
  const s = params.toString();
  return s ? `${WORKBENCH}?${s}` : WORKBENCH;
}

function filterOf(staff: Staff, q: QueueQueryT, errors: FieldError[]): QueueFilter {
  const date = (name: 'van' | 'tot') => {
    const v = q[name]?.trim();
    if (!v) return undefined;
    if (!ISO_DATE.test(v) || Number.isNaN(Date.parse(v))) {
      errors.push({ name, message: t.errors.date });
      return undefined;
    }
    return v;
  };
  return {
    organisationId: staff.organisationId,
    staffId: staff.id,
    team: staff.team,
    roles: staff.roles,
    list: LISTS[q.lijst ?? 'team'] ?? 'team',
    openOnly: q.filter ? q.alleenOpen === 'ja' : true,
    planIds: fields(q.soort),
    handler: q.behandelaar?.trim() || undefined,
    role: q.rol?.trim() || undefined,
    dueFrom: date('van'),
    dueUntil: date('tot'),
    sort: q.volgorde === 'aflopend' ? 'due-desc' : 'due-asc',
    limit: PAGE_SIZE,
    offset: ((q.pagina ?? 1) - 1) * PAGE_SIZE,
  };
}

const MESSAGES: Record<string, string> = {
  opgepakt: t.claimed,
  teruggezet: t.released,
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The task a claim names: `zaak` and `taak`, or `taak` alone as "<zaak> <taak>". */
function taskOf(body: Record<string, string>): { caseId: string; instanceId: string } | null {
  if (body.zaak) return { caseId: body.zaak, instanceId: body.taak };
  const space = body.taak.indexOf(' ');
  const caseId = body.taak.slice(0, space);
  const instanceId = body.taak.slice(space + 1);
  return space > 0 && UUID.test(caseId) && instanceId ? { caseId, instanceId } : null;
}

export function registerQueueRoutes(app: App, db: Db): void {
  app.get(
    WORKBENCH,
    { config: STAFF, schema: { hide: true, querystring: QueueQuery } },
    async (req, reply) => {
      const staff = staffOf(req);
      await rememberStaff(db, staff);
      const q = req.query as QueueQueryT;
      const errors: FieldError[] = [];
      const filter = filterOf(staff, q, errors);
      const page = await queueView(db, filter);
      const { counts, plans } = page;
      const listName = t.queue.lists[filter.list];
      // One claim form for the whole page; each row's button names its task (a form per row made the page
      // 62 kB instead of 46 kB).
      const claimForm = form({
        id: CLAIM_FORM,
        action: `${WORKBENCH}/taken/behandelaar`,
        csrfToken: staff.session.csrfToken,
        content: html`<input type="hidden" name="naar" value="mij"><input type="hidden" name="terug" value="${req.url}">`,
      });
      const tabs = (Object.keys(LIST_PARAM) as QueueList[]).map(
        (l) =>
          html`<li class="loket-nav__item">${link(queueHref(q, { lijst: LIST_PARAM[l] as QueueQueryT['lijst'], pagina: undefined }), `${t.queue.lists[l]} (${counts[l]})`, { current: l === filter.list })}</li>`,
      );
      const rows = page.rows.map((r) => [
        link(`${WORKBENCH}/zaken/${r.caseId}#taak-${r.instanceId.replace(/[^A-Za-z0-9_-]/g, '-')}`, r.name),
        html`${r.planName}${r.adhoc && html` <span class="loket-tag">${t.queue.adhoc}</span>`}`,
        r.dueDate ? dateTime(r.dueDate) : t.queue.noDate,
        r.assignee.kind === 'role' ? t.queue.role(r.assignee.name) : t.queue.team(r.assignee.name),
        r.handler ? r.handler.name : t.queue.nobody,
        !r.handler && r.state !== 'completed'
          ? button(html`${t.queue.claim}<span class="loket-visually-hidden"> ${r.name}</span>`, {
              variant: 'secondary',
              form: CLAIM_FORM,
              name: 'taak',
              value: `${r.caseId} ${r.instanceId}`,
            })
          : '',
      ]);
      const filters = form({
        action: WORKBENCH,
        method: 'get',
        errors,
        content: html`<input type="hidden" name="lijst" value="${LIST_PARAM[filter.list]}"><input type="hidden" name="filter" value="ja">
${checkbox({ name: 'alleenOpen', label: t.queue.openOnly, checked: filter.openOnly !== false, optional: true })}
${select({ name: 'soort', label: t.queue.planIds, description: t.queue.planIdsHint, optional: true, placeholder: false, options: plans.map((p) => ({ value: p.id, label: p.name })), value: undefined })}
${textField({ name: 'behandelaar', label: t.queue.handler, value: q.behandelaar, optional: true, width: 20 })}
${textField({ name: 'rol', label: t.queue.roleLabel, value: q.rol, optional: true, width: 20 })}
${dateField({ name: 'van', label: t.queue.dueFrom, value: q.van, optional: true, error: errors.find((e) => e.name === 'van')?.message })}
${dateField({ name: 'tot', label: t.queue.dueUntil, value: q.tot, optional: true, error: errors.find((e) => e.name === 'tot')?.message })}
${select({
  name: 'volgorde',
  label: t.queue.sort,
  placeholder: false,
  optional: true,
  value: q.volgorde ?? 'oplopend',
  options: [
    { value: 'oplopend', label: t.queue.sortAsc },
    { value: 'aflopend', label: t.queue.sortDesc },
  ],
})}
${button(t.queue.apply, { variant: 'secondary' })}`,
      });
      // The plan select allows several choices: mark it multiple and keep what was chosen.
      const chosen = new Set(filter.planIds);
      const multiple = filters
        .toString()
        .replace('<select id="veld-soort"', '<select multiple size="4" id="veld-soort"');
      const filtersHtml = chosen.size
        ? multiple.replace(/<option value="([^"]*)">/g, (m, v) =>
            chosen.has(v) ? `<option value="${v}" selected>` : m,
          )
        : multiple;
      const message = q.bericht ? MESSAGES[q.bericht] : undefined;
      const totalPages = Math.max(1, Math.ceil(page.total / PAGE_SIZE));
      return sendWorkbenchPage(db, req, reply, {
        title: `${t.queue.title}: ${listName}`,
        hasErrors: errors.length > 0,
        content: html`${heading(1, t.queue.title)}
${message && alert({ type: 'success', role: 'status', content: message })}
<nav class="loket-nav loket-queue-lists" aria-label="${t.queue.listsLabel}"><ul class="loket-nav__list">${tabs}</ul></nav>
<details${attrs({ class: 'loket-details', open: errors.length > 0 || Boolean(q.filter) })}><summary>${t.queue.filters}</summary>${raw(filtersHtml)}</details>
${heading(2, `${listName}: ${t.queue.count(page.total)}`)}
${page.rows.length ? claimForm : ''}
${
  page.rows.length
    ? table({
        caption: t.queue.caption(listName, page.rows.length, page.total),
        captionHidden: true,
        columns: [
          { header: t.queue.columns.task },
          { header: t.queue.columns.kind },
          { header: t.queue.columns.due },
          { header: t.queue.columns.for },
          { header: t.queue.columns.handler },
          { header: '' },
        ],
        rows,
      })
    : paragraph(t.queue.none)
}
${pagination({ current: q.pagina ?? 1, total: totalPages, href: (n) => queueHref(q, { pagina: n }) })}`,
      });
    },
  );

  app.post(
    `${WORKBENCH}/taken/behandelaar`,
    {
      config: STAFF,
      schema: {
        hide: true,
        body: Type.Object({
          _csrf: Type.String(),
          /** Without `zaak`, `taak` is "<zaak> <taak>" (the queue's one claim form). */
          zaak: Type.Optional(Type.String({ format: 'uuid' })),
          taak: Type.String({ maxLength: 240 }),
          naar: Type.String({ maxLength: 200 }),
          reden: Type.Optional(Type.String({ maxLength: 2000 })),
          terug: Type.Optional(Type.String({ maxLength: 2000 })),
        }),
      },
    },
    async (req, reply) => {
      const staff = staffOf(req);
      const body = req.body as Record<string, string>;
      const naar = body.naar;
      const task = taskOf(body);
      if (!task)
        return sendProblemPage(db, req, reply, new Problem(400, 'invalid-task', t.errors.unknownTask));
      try {
        await inTransaction(db, async (trx) => {
          const to =
            naar === 'mij'
              ? actorOf(staff)
              : naar === 'team'
                ? null
                : { kind: 'staff' as const, id: naar, name: naar };
          if (to && naar !== 'mij') {
            const colleague = (await colleagues(trx, staff.organisationId)).find((c) => c.id === naar);
            if (!colleague) throw new Problem(400, 'unknown-staff', t.errors.unknownColleague);
            to.name = colleague.name;
          }
          const { before } = await setTaskHandler(trx, {
            ...task,
            organisationId: staff.organisationId,
            to,
          });
          await recordAction(trx, staff, {
            caseId: task.caseId,
            action: to ? 'task-assigned' : 'task-released',
            reason: field(body, 'reden') ?? null,
            details: { task: task.instanceId, from: before, to: to?.id ?? null },
          });
        });
      } catch (err) {
        return sendProblemPage(db, req, reply, err);
      }
      const back = new URL(body.terug ?? WORKBENCH, 'http://werkplek.invalid');
      if (back.origin !== 'http://werkplek.invalid' || !back.pathname.startsWith(WORKBENCH))
        back.href = `http://werkplek.invalid${WORKBENCH}`;
      back.searchParams.set('bericht', naar === 'team' ? 'teruggezet' : 'opgepakt');
      return redirectTo(reply, `${back.pathname}${back.search}`);
    },
  );
}
