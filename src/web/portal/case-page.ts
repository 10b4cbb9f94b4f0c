import { Type } from 'typebox';
import { contactTexts } from '../../contact/index.ts';
import type { Db } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import type { App } from '../../platform/http/server.ts';
import {
  alert,
  dataList,
  dateTime,
  heading,
  html,
  link,
  paragraph,
  type SafeHtml,
  type TimelineStep,
  table,
  taskList,
  timeline,
  unorderedList,
} from '../shared/index.ts';
import { type CaseView, readCase } from './case-data.ts';
import { caseHref } from './home.ts';
import { markRead, noticeKey, taskHref } from './overview.ts';
import { CITIZEN_ROUTE, citizenOf, sendNotFound, sendPortalPage } from './page.ts';
import { portalTexts as tx } from './texts.nl.ts';

/** A case: milestones with dates that say what they mean, tasks, documents, decisions, notices, contact. */

const t = tx.casePage;

export const CaseParams = Type.Object({ zaakId: Type.String({ maxLength: 64 }) });

function steps(v: CaseView): TimelineStep[] {
  const milestones = v.plan?.milestones ?? [];
  const legal = v.deadlines.find((d) => d.legal && d.status !== 'stopped');
  const target = v.deadlines.find((d) => !d.legal && d.status !== 'stopped');
  const firstOpen = milestones.findIndex((m) => !m.reached);
  return milestones.map((m, i) => {
    const last = i === milestones.length - 1;
    const dates: TimelineStep['dates'] = m.reached
      ? [{ meaning: 'done', date: m.reachedAt ?? v.zaak.startdatum }]
      : last
        ? [
            ...(target ? [{ meaning: 'planned' as const, date: target.dueDate }] : []),
            ...(legal ? [{ meaning: 'legalDeadline' as const, date: legal.dueDate }] : []),
          ]
        : [];
    return {
      title: m.name,
      status: m.reached ? 'done' : i === firstOpen ? 'current' : 'upcoming',
      dates,
      description: !m.reached && last && legal ? t.legalDeadlineNote : undefined,
    };
  });
}

function history(v: CaseView): SafeHtml {
  const events: { at: string; what: string }[] = [
    { at: v.zaak.startdatum, what: t.events.started },
    ...(v.plan?.milestones ?? [])
      .filter((m) => m.reached && m.reachedAt)
      .map((m) => ({ at: m.reachedAt as string, what: t.events.milestone(m.name) })),
    ...v.notices.map((n) => ({ at: n.createdAt.toISOString(), what: t.events.notice(n.subject) })),
    ...v.decisions.map((d) => ({ at: d.decidedAt ?? v.zaak.startdatum, what: t.events.decision })),
    ...v.documents.map((d) => ({
      at: (d.registeredAt ?? new Date(0)).toISOString(),
      what: t.events.document(d.titel),
    })),
  ].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return table({
    id: 'geschiedenis',
    caption: t.historyCaption,
    columns: [{ header: t.historyColumns.when }, { header: t.historyColumns.what }],
    rows: events.map((e) => [dateTime(e.at), e.what]),
  });
}

/** A summary as the person may read it: the first sentence or so, not a whole note. */
function short(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

function contactHistory(v: CaseView): SafeHtml {
  const open = v.contact.requests.filter((r) => r.status === 'open');
  const moments = v.contact.moments;
  return html`${
    open.length > 0 &&
    html`${heading(3, t.contactRequests)}${unorderedList(
      open.map((r) => t.requestOpen(contactTexts.kinds[r.kind], tx.formatDay(r.dueDate))),
    )}`
  }${heading(3, t.contactMoments)}${
    moments.length === 0
      ? paragraph(t.noMoments)
      : table({
          id: 'gesprekken',
          caption: t.momentsCaption,
          columns: [
            { header: t.momentColumns.when },
            { header: t.momentColumns.channel },
            { header: t.momentColumns.summary },
          ],
          rows: moments.map((m) => [
            dateTime(m.occurredAt),
            contactTexts.channels[m.channel],
            short(m.summary),
          ]),
        })
  }`;
}

function contact(v: CaseView): SafeHtml {
  const o = v.organisation;
  return html`<section aria-labelledby="contact">${heading(2, t.contact, { id: 'contact' })}${paragraph(t.contactText(o.name))}${dataList(
    [
      { key: t.number, value: v.zaak.identificatie },
      ...(o.phone ? [{ key: t.phone, value: link(`tel:${o.phone.replace(/\s/g, '')}`, o.phone) }] : []),
      ...(o.openingHours ? [{ key: t.openingHours, value: o.openingHours }] : []),
      ...(o.website ? [{ key: t.website, value: link(o.website, o.website, { external: true }) }] : []),
    ],
  )}${contactHistory(v)}</section>`;
}

function section(id: string, title: string, body: SafeHtml | string): SafeHtml {
  return html`<section aria-labelledby="${id}">${heading(2, title, { id })}${typeof body === 'string' ? paragraph(body) : body}</section>`;
}

export function renderCase(v: CaseView): SafeHtml {
  const name = v.plan?.name ?? v.zaak.identificatie;
  const notices = v.notices.map((n) =>
    alert({ type: 'warning', title: n.subject, headingLevel: 3, content: paragraph(n.body) }),
  );
  return html`${heading(1, name)}${dataList([
    { key: t.number, value: v.zaak.identificatie },
    { key: t.organisation, value: v.organisation.name },
    { key: t.started, value: dateTime(v.zaak.startdatum) },
  ])}${notices.length > 0 && section('berichten', t.notices, html`${notices}`)}${section(
    'voortgang',
    t.progress,
    timeline(steps(v)),
  )}${section(
    'taken',
    t.tasks,
    v.tasks.length === 0
      ? t.noTasks
      : taskList(
          v.tasks.map((task) => ({
            title: task.name,
            status: 'todo' as const,
            href: taskHref(task),
            deadline: task.dueDate ?? undefined,
          })),
        ),
  )}${section(
    'besluiten',
    t.decisions,
    v.decisions.length === 0
      ? t.noDecisions
      : unorderedList(
          v.decisions.map(
            (d) =>
              html`${link(`${caseHref({ id: v.zaak.id })}/besluiten/${d.id}`, t.readDecision)} (${d.decidedAt ? dateTime(d.decidedAt) : ''})`,
          ),
        ),
  )}${section(
    'documenten',
    t.documents,
    v.documents.length === 0
      ? t.noDocuments
      : unorderedList(v.documents.map((d) => t.document(d.titel, d.bestandsnaam))),
  )}${section('geschiedenis-kop', t.history, history(v))}${contact(v)}`;
}

export function registerCasePage(app: App, db: Db, baseUrl: string): void {
  app.get(
    '/zaken/:zaakId',
    {
      config: CITIZEN_ROUTE,
      schema: {
        params: CaseParams,
        querystring: Type.Object({ gedaan: Type.Optional(Type.String({ maxLength: 200 })) }),
      },
    },
    async (req, reply) => {
      const who = citizenOf(req);
      const { zaakId } = req.params as { zaakId: string };
      const v = await inTransaction(db, async (trx) => {
        const view = await readCase(trx, who, zaakId, req.id, baseUrl);
        // Seeing the case is reading its notices.
        for (const n of view?.notices ?? []) await markRead(trx, who.bsn, noticeKey(n.id));
        return view;
      });
      if (!v) return sendNotFound(req, reply, t.notFoundTitle, t.notFound);
      return sendPortalPage(req, reply, {
        title: v.plan?.name ?? v.zaak.identificatie,
        breadcrumbs: [
          { href: '/', text: tx.nav.home },
          { href: caseHref(v.zaak), text: v.plan?.name ?? v.zaak.identificatie },
        ],
        content: html`${(req.query as { gedaan?: string }).gedaan && alert({ type: 'success', role: 'status', content: tx.tasks.done })}${renderCase(v)}`,
      });
    },
  );
}
