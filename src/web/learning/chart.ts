import { escapeHtml, html, raw, type SafeHtml, table } from '../shared/index.ts';

/** Colours with at least 3:1 contrast on white (WCAG 1.4.11), told apart by the legend and the table too. */
const COLOURS = ['#1f4e79', '#b35900', '#2e7d32', '#6a1b9a'];
const WIDTH = 720;
const HEIGHT = 220;
const LEFT = 40;
const BOTTOM = 30;
const TOP = 10;

export interface ChartSeries {
  label: string;
  values: readonly number[];
}

export interface BarChart {
  id: string;
  title: string;
  /** One sentence that says what the chart shows (read by screen readers). */
  summary: string;
  months: readonly string[];
  monthLabel: (month: string) => string;
  series: readonly ChartSeries[];
  tableLabel: string;
  monthHeader: string;
}

/**
 * Bars per month, server-rendered SVG (no script, no inline style: the page CSP forbids both). The SVG is
 * one image with a title and a summary; the same numbers follow in a table, so nothing is only in the picture.
 */
export function barChart(c: BarChart): SafeHtml {
  const max = Math.max(1, ...c.series.flatMap((s) => s.values));
  const plotW = WIDTH - LEFT - 10;
  const plotH = HEIGHT - TOP - BOTTOM;
  const slot = plotW / Math.max(1, c.months.length);
  const barW = Math.max(2, (slot * 0.8) / c.series.length);
  const y = (v: number) => TOP + plotH - (v / max) * plotH;
  const bars = c.months.flatMap((_month, i) =>
    c.series.map((s, j) => {
      const v = s.values[i] ?? 0;
      const x = LEFT + i * slot + slot * 0.1 + j * barW;
      return `<rect x="${x.toFixed(1)}" y="${y(v).toFixed(1)}" width="${(barW - 1).toFixed(1)}" height="${(TOP + plotH - y(v)).toFixed(1)}" fill="${COLOURS[j % COLOURS.length]}"></rect>`;
    }),
  );
  const every = Math.ceil(c.months.length / 12);
  const labels = c.months
    .map((m, i) =>
      i % every === 0
        ? `<text x="${(LEFT + i * slot + slot / 2).toFixed(1)}" y="${HEIGHT - 10}" text-anchor="middle" font-size="11" fill="#333">${escapeHtml(c.monthLabel(m))}</text>`
        : '',
    )
    .join('');
  const axis = `<line x1="${LEFT}" y1="${TOP + plotH}" x2="${WIDTH - 10}" y2="${TOP + plotH}" stroke="#333"></line>
<text x="${LEFT - 6}" y="${TOP + 10}" text-anchor="end" font-size="11" fill="#333">${max}</text>
<text x="${LEFT - 6}" y="${TOP + plotH}" text-anchor="end" font-size="11" fill="#333">0</text>`;
  const svg =
    raw(`<svg class="loket-chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="100%" role="img" aria-labelledby="${c.id}-titel ${c.id}-samenvatting" focusable="false">
<title id="${c.id}-titel">${escapeHtml(c.title)}</title><desc id="${c.id}-samenvatting">${escapeHtml(c.summary)}</desc>
${axis}${bars.join('')}${labels}</svg>`);
  const legend = html`<ul class="utrecht-unordered-list">${c.series.map(
    (s, j) =>
      html`<li class="utrecht-unordered-list__item">${raw(`<svg width="14" height="14" aria-hidden="true" focusable="false"><rect width="14" height="14" fill="${COLOURS[j % COLOURS.length]}"></rect></svg>`)} ${s.label}</li>`,
  )}</ul>`;
  const data = table({
    caption: c.tableLabel,
    rowHeaders: true,
    columns: [{ header: c.monthHeader }, ...c.series.map((s) => ({ header: s.label, numeric: true }))],
    rows: c.months.map((m, i) => [c.monthLabel(m), ...c.series.map((s) => String(s.values[i] ?? 0))]),
  });
  return html`<figure class="loket-figure">${svg}<figcaption>${legend}</figcaption></figure>
<details class="loket-chart-table"><summary>${c.tableLabel}</summary>${data}</details>`;
}
