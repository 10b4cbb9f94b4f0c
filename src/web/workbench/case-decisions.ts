import type { Decision } from '../../decisions/index.ts';
import { decisionTexts } from '../../decisions/texts.nl.ts';
import type { PlainValue } from '../../rules/index.ts';
import {
  button,
  dataList,
  fieldId,
  form,
  heading,
  html,
  paragraph,
  radioGroup,
  type SafeHtml,
  select,
  table,
  textarea,
  textField,
} from '../shared/index.ts';
import { type CasePageInput, caseAction, staffName } from './case-view.ts';
import { workbenchTexts } from './texts.nl.ts';

const t = workbenchTexts.casePage;

/** A value as a professional reads it: yes/no in words, amounts as they are. */
export function showValue(v: PlainValue | unknown): string {
  if (v === true) return 'ja';
  if (v === false) return 'nee';
  if (v === null || v === undefined) return '–';
  return String(v);
}

function outputsList(outputs: Record<string, PlainValue> | null) {
  return dataList(Object.entries(outputs ?? {}).map(([k, v]) => ({ key: k, value: showValue(v) })));
}

function factsTable(d: Decision): SafeHtml {
  return table({
    caption: t.facts,
    columns: [
      { header: t.factColumns.name },
      { header: t.factColumns.value },
      { header: t.factColumns.source },
      { header: t.factColumns.fact },
    ],
    rows: Object.entries(d.inputs).map(([name, input]) => [
      name,
      showValue(input.value),
      `${input.source.name} (${input.source.kind})`,
      input.factId ? `${input.factId} v${input.factVersion ?? '?'}` : '–',
    ]),
  });
}

function traceTable(d: Decision): SafeHtml | null {
  if (!d.trace?.length) return null;
  return html`<details class="loket-details"><summary>${t.trace}</summary>${table({
    caption: t.trace,
    columns: [
      { header: t.traceColumns.step },
      { header: t.traceColumns.meaning },
      { header: t.traceColumns.value },
      { header: t.traceColumns.basis },
    ],
    rows: d.trace.map((s) => [
      s.step,
      s.description,
      showValue(s.value),
      [s.legalBasis.law, s.legalBasis.article && `art. ${s.legalBasis.article}`].filter(Boolean).join(' '),
    ]),
  })}</details>`;
}

function decisionForms(p: CasePageInput, d: Decision): SafeHtml | null {
  const csrf = p.staff.session.csrfToken;
  const action = (a: string) => caseAction(p.view.record.id, `beslissingen/${d.id}/${a}`);
  const f = `beslissing-${d.id}`;
  // The same forms appear once per decision (and the ad hoc task form has a "reden" too): ids per decision.
  const idOf = (n: string) => `${fieldId(n)}-${d.id}`;
  const errors = (p.state?.form === f ? p.state.errors : []).map((e) => ({ ...e, id: idOf(e.name) }));
  const err = (n: string) => errors.find((e) => e.name === n)?.message;
  const val = (n: string) => (p.state?.form === f ? p.state.values[n] : undefined);
  if (d.status === 'draft' || d.status === 'needs_human') {
    const outputs = Object.keys(d.ruleOutputs ?? {});
    return html`${
      d.status === 'draft' &&
      form({
        action: action('definitief'),
        csrfToken: csrf,
        content: button(t.finalize, { variant: 'secondary' }),
      })
    }
<details class="loket-details"><summary>${t.deviate}</summary>${form({
      action: action('afwijken'),
      csrfToken: csrf,
      errors,
      content: html`${radioGroup({
        id: idOf('reden'),
        name: 'reden',
        label: t.deviateReason,
        value: val('reden'),
        error: err('reden'),
        options: Object.entries(decisionTexts.deviationReasons).map(([value, label]) => ({ value, label })),
      })}
${textarea({ id: idOf('motivering'), name: 'motivering', label: t.deviateMotivation, value: val('motivering'), error: err('motivering'), rows: 4 })}
${outputs.map((o) => textField({ id: idOf(`uitkomst-${o}`), name: `uitkomst-${o}`, label: t.deviateOutputs(o), value: val(`uitkomst-${o}`) ?? showValue(d.ruleOutputs?.[o]), optional: true, width: 20 }))}
${button(t.deviateSubmit)}`,
    })}</details>`;
  }
  if (d.status === 'awaiting_approval') {
    if (d.deviation?.by === p.staff.id) return paragraph(t.fourEyes);
    return html`${form({ action: action('goedkeuren'), csrfToken: csrf, errors, content: button(t.approve) })}
${form({
  action: action('terugsturen'),
  csrfToken: csrf,
  content: html`${textField({ id: idOf('reden'), name: 'reden', label: t.returnReason, error: err('reden') })}${button(t.returnIt, { variant: 'secondary' })}`,
})}`;
  }
  return null;
}

function decisionBlock(p: CasePageInput, d: Decision): SafeHtml {
  const reasonText = d.deviation
    ? (decisionTexts.deviationReasons as Record<string, string>)[d.deviation.reason]
    : undefined;
  return html`<article class="loket-decision" id="${`beslissing-${d.id}`}">
${heading(3, t.decision(d.ruleId, d.referenceDate))}
${dataList([
  { key: t.planStatus, value: t.decisionStatuses[d.status] ?? d.status },
  ...(d.needsHumanReason ? [{ key: t.attention, value: d.needsHumanReason }] : []),
])}
${heading(4, d.deviation && d.status !== 'final' ? t.ruleOutcome : t.outcome)}${outputsList(d.status === 'final' ? d.outputs : d.ruleOutputs)}
${
  d.deviation &&
  html`${paragraph(t.deviation(staffName(p.view, d.deviation.by), reasonText ?? d.deviation.reason))}${paragraph(html`${t.motivation}: ${d.deviation.motivation}`)}${d.status !== 'final' && outputsList(d.deviation.outputs)}`
}
${d.approvedBy && paragraph(t.approvedBy(staffName(p.view, d.approvedBy)))}
${d.explanationCitizen && html`${heading(4, t.explanationCitizen)}${paragraph(d.explanationCitizen)}`}
${factsTable(d)}
${traceTable(d)}
${decisionForms(p, d)}
</article>`;
}

export function decisionsSection(p: CasePageInput): SafeHtml {
  const decisions = p.view.decisions.filter((d) => d.status !== 'superseded');
  return html`<section aria-labelledby="beslissingen">${heading(2, t.decisions, { id: 'beslissingen' })}
${decisions.length ? decisions.map((d) => decisionBlock(p, d)) : paragraph(t.noDecisions)}
${heading(3, t.draft)}${paragraph(t.draftIntro)}
${form({
  action: caseAction(p.view.record.id, 'beslissing'),
  method: 'get',
  content: html`${select({ name: 'regel', label: t.rule, placeholder: false, options: p.rules.map((r) => ({ value: r.id, label: r.title })) })}${button(t.next, { variant: 'secondary' })}`,
})}</section>`;
}
