import { Type } from 'typebox';
import { decisionTexts } from '../../decisions/texts.nl.ts';
import { learningView, monthsOf, periodOf } from '../../learning/service.ts';
import type { Db } from '../../platform/db/database.ts';
import type { App } from '../../platform/http/server.ts';
import {
  button,
  dataList,
  form,
  heading,
  html,
  paragraph,
  select,
  sendWorkbenchPage,
  table,
} from '../shared/index.ts';
import { barChart, type ChartSeries } from './chart.ts';
import { PATHS, STAFF } from './support.ts';
import { insightTexts as t } from './texts-insight.nl.ts';

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

/** The learning view per service: /werkplek/inzicht?dienst=…&van=YYYY-MM&tot=YYYY-MM. */
export function registerInsightRoutes(app: App, db: Db): void {
  app.get(
    '/werkplek/inzicht',
    {
      config: STAFF,
      schema: {
        querystring: Type.Object({
          dienst: Type.Optional(Type.String({ maxLength: 40 })),
          van: Type.Optional(Type.String({ maxLength: 7 })),
          tot: Type.Optional(Type.String({ maxLength: 7 })),
        }),
      },
    },
    async (req, reply) => {
      const period = periodOf(req.query.van, req.query.tot);
      const v = await learningView(db, {
        organisationId: req.session!.organisationId,
        dienstId: req.query.dienst || null,
        period,
      });
      const now = new Date();
      const choosable = monthsOf(
        periodOf(`${now.getUTCFullYear() - 3}-${String(now.getUTCMonth() + 1).padStart(2, '0')}`, undefined),
      ).reverse();
      const monthChoices = [...new Set([...choosable, period.from, period.to])].sort().reverse();
      const chart = (id: string, title: string, summary: string, series: ChartSeries[]) =>
        barChart({
          id,
          title,
          summary,
          months: v.months,
          monthLabel: t.monthLabel,
          series,
          tableLabel: t.tableFor(title),
          monthHeader: t.month,
        });
      const filter = form({
        action: PATHS.insight,
        method: 'get',
        content: html`${select({
          name: 'dienst',
          label: t.dienst,
          value: v.dienstId ?? '',
          placeholder: t.allDiensten,
          optional: true,
          options: v.diensten.map((d) => ({ value: d.id, label: d.naam })),
        })}${select({ name: 'van', label: t.from, value: period.from, placeholder: false, options: monthChoices.map((m) => ({ value: m, label: t.monthLabel(m) })) })}${select({ name: 'tot', label: t.to, value: period.to, placeholder: false, options: monthChoices.map((m) => ({ value: m, label: t.monthLabel(m) })) })}${button(t.show, { variant: 'secondary' })}`,
      });
      const d = t.deviations;
      const reasons = decisionTexts.deviationReasons as Record<string, string>;
      const content = html`${heading(1, t.title)}${paragraph(t.intro, { lead: true })}
${heading(2, t.filter)}${filter}
${paragraph(t.period(t.monthLabel(period.from), t.monthLabel(period.to)))}
${heading(2, t.deadlines.title)}${paragraph(t.deadlines.summary(sum(v.deadlines.missed), sum(v.deadlines.nearlyMissed)))}
${chart(
  'termijnen',
  t.deadlines.title,
  t.deadlines.summary(sum(v.deadlines.missed), sum(v.deadlines.nearlyMissed)),
  [
    { label: t.deadlines.missed, values: v.deadlines.missed },
    { label: t.deadlines.nearly, values: v.deadlines.nearlyMissed },
  ],
)}
${heading(2, t.contacts.title)}${paragraph(t.contacts.summary(sum(v.contacts.contacts), sum(v.contacts.repeated)))}
${chart(
  'contacten',
  t.contacts.title,
  t.contacts.summary(sum(v.contacts.contacts), sum(v.contacts.repeated)),
  [
    { label: t.contacts.contacts, values: v.contacts.contacts },
    { label: t.contacts.repeated, values: v.contacts.repeated },
  ],
)}
${heading(2, d.title)}${paragraph(d.summary(sum(v.deviationsPerMonth)))}
${chart('maatwerk', d.title, d.summary(sum(v.deviationsPerMonth)), [{ label: d.perMonth, values: v.deviationsPerMonth }])}
${
  v.deviations.length
    ? table({
        caption: d.byRule,
        columns: [{ header: d.rule }, { header: d.reason }, { header: d.count, numeric: true }],
        rows: v.deviations.map((x) => [x.ruleId, reasons[x.reason] ?? x.reason, String(x.count)]),
      })
    : paragraph(d.none)
}
${heading(2, t.objections.title)}${paragraph(t.objections.summary(sum(v.objections.filed), sum(v.objections.upheld)))}
${chart(
  'bezwaren',
  t.objections.title,
  t.objections.summary(sum(v.objections.filed), sum(v.objections.upheld)),
  [
    { label: t.objections.filed, values: v.objections.filed },
    { label: t.objections.upheld, values: v.objections.upheld },
    { label: t.objections.rejected, values: v.objections.rejected },
  ],
)}
${heading(2, t.corrections.title)}${paragraph(t.corrections.summary(sum(v.corrections.touched), sum(v.corrections.changed)))}${paragraph(t.corrections.note, { small: true })}
${chart(
  'correcties',
  t.corrections.title,
  t.corrections.summary(sum(v.corrections.touched), sum(v.corrections.changed)),
  [
    { label: t.corrections.corrections, values: v.corrections.corrections },
    { label: t.corrections.touched, values: v.corrections.touched },
    { label: t.corrections.changed, values: v.corrections.changed },
  ],
)}
${heading(2, t.signals.title)}${paragraph(t.signals.summary(sum(v.signals.raised)))}
${chart('signalen', t.signals.title, t.signals.summary(sum(v.signals.raised)), [
  { label: t.signals.raised, values: v.signals.raised },
  { label: t.signals.closed, values: v.signals.closed },
  { label: t.signals.opened, values: v.improvements.opened },
])}
${heading(3, t.signals.now)}${dataList([
  { key: t.signals.openSignals, value: String(v.signals.openNow) },
  { key: t.signals.openImprovements, value: String(v.improvements.openNow) },
  { key: t.signals.openReviews, value: String(v.improvements.openReviews) },
])}`;
      return sendWorkbenchPage(db, req, reply, {
        title: t.title,
        content,
        breadcrumbs: [{ href: PATHS.insight, text: t.title }],
      });
    },
  );
}
