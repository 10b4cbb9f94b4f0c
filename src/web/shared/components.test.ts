import { describe, expect, it } from 'vitest';
import {
  alert,
  button,
  buttonLink,
  dataList,
  dateTime,
  heading,
  link,
  paragraph,
  table,
} from './components.ts';
import { html } from './html.ts';
import { breadcrumbs, mainNavigation, pageWindow, pagination } from './navigation.ts';
import { taskList, timeline } from './progress.ts';
import { texts } from './texts.nl.ts';

describe('text components', () => {
  it('render headings at the requested level with the NL Design System class', () => {
    expect(heading(2, 'Uw zaken').toString()).toBe(
      '<h2 class="utrecht-heading-2 utrecht-heading-2--distanced">Uw zaken</h2>',
    );
  });

  it('render paragraphs and links, escaping their text', () => {
    expect(paragraph('<b>', { lead: true }).toString()).toContain('utrecht-paragraph--lead">&lt;b&gt;</p>');
    expect(link('/zaken', 'Zaken', { current: true }).toString()).toBe(
      '<a class="utrecht-link utrecht-link--html-a" href="/zaken" aria-current="page">Zaken</a>',
    );
  });

  it('render buttons as submit buttons by default and as other appearances on request', () => {
    expect(button('Verstuur').toString()).toBe(
      '<button class="utrecht-button utrecht-button--primary-action utrecht-button--submit" type="submit">Verstuur</button>',
    );
    expect(button('Later', { variant: 'secondary', type: 'button' }).toString()).toContain(
      'utrecht-button--secondary-action',
    );
    expect(buttonLink('/start', 'Start').toString()).toContain(
      'utrecht-button-link--primary-action" href="/start"',
    );
  });
});

describe('alert', () => {
  it.each([
    ['info', 'info'],
    ['warning', 'warning'],
    ['error', 'error'],
    ['success', 'ok'],
  ] as const)('%s uses the Utrecht %s style, an icon, and a spoken prefix', (type, cls) => {
    const out = alert({ type, content: 'Bericht' }).toString();
    expect(out).toContain(`utrecht-alert--${cls}`);
    expect(out).toContain('<svg class="loket-icon"');
    expect(out).toContain(`<span class="loket-visually-hidden">${texts.alert[type]}</span>Bericht`);
  });

  it('puts the prefix in the title when there is one, at the requested heading level', () => {
    const out = alert({
      type: 'warning',
      title: 'Vertraging',
      headingLevel: 3,
      content: 'Het duurt langer.',
    });
    expect(out.toString()).toContain(
      `<h3 class="utrecht-heading-3 loket-alert__title"><span class="loket-visually-hidden">${texts.alert.warning}</span>Vertraging</h3>`,
    );
  });
});

describe('table and data list', () => {
  it('renders a table with its caption as the name of a focusable scroll region and column headers', () => {
    const out = table({
      caption: 'Uw zaken',
      columns: [{ header: 'Zaak' }, { header: 'Bedrag', numeric: true }],
      rows: [['Toeslag', '€ 10']],
      rowHeaders: true,
      id: 't1',
    }).toString();
    expect(out).toContain('role="region" aria-labelledby="t1" tabindex="0"');
    expect(out).toContain('<caption class="utrecht-table__caption" id="t1">Uw zaken</caption>');
    expect(out).toContain('scope="col">Zaak</th>');
    expect(out).toContain('<th class="utrecht-table__header-cell" scope="row">Toeslag</th>');
    expect(out).toContain('utrecht-table__cell--numeric-column">€ 10</td>');
  });

  it('keeps a hidden caption for screen readers when a heading above already says it', () => {
    const out = table({
      caption: 'Taken',
      columns: [{ header: 'Taak' }],
      rows: [],
      id: 't2',
      captionHidden: true,
    });
    expect(out.toString()).toContain(
      '<caption class="utrecht-table__caption loket-visually-hidden" id="t2">Taken</caption>',
    );
  });

  it('shows each fact with its source, date and legal basis', () => {
    const out = dataList([
      {
        key: 'Adres',
        value: 'Stationsstraat 1',
        provenance: { source: 'BRP', date: '2025-01-15', legalBasis: 'Wet BRP, artikel 2.2' },
      },
      { key: 'Telefoon', value: html`<a href="tel:+31">bellen</a>` },
    ]).toString();
    expect(out).toContain('<dt class="utrecht-data-list__item-key">Adres</dt>');
    expect(out).toContain(`${texts.facts.source}: BRP`);
    expect(out).toContain(`${texts.facts.date}: <time datetime="2025-01-15">15 januari 2025</time>`);
    expect(out).toContain(`${texts.facts.legalBasis}: Wet BRP, artikel 2.2`);
    expect(out.match(/loket-provenance/g)).toHaveLength(1);
  });

  it('writes dates in Dutch, as the day in the Netherlands', () => {
    expect(dateTime('2025-03-01').toString()).toBe('<time datetime="2025-03-01">1 maart 2025</time>');
    // 23:30 UTC on 31 December is already New Year's Day in Amsterdam.
    expect(dateTime(new Date('2024-12-31T23:30:00Z')).toString()).toContain('>1 januari 2025</time>');
    expect(() => dateTime('gisteren')).toThrow();
  });
});

describe('timeline', () => {
  it('lists steps in order, marks the current one, and says what each date means', () => {
    const out = timeline([
      { title: 'Ontvangen', status: 'done', dates: [{ meaning: 'done', date: '2025-03-03' }] },
      { title: 'Beoordelen', status: 'current', dates: [{ meaning: 'planned', date: '2025-03-28' }] },
      { title: 'Besluit', status: 'upcoming', dates: [{ meaning: 'legalDeadline', date: '2025-04-14' }] },
    ]).toString();
    expect(out).toMatch(/^<ol class="loket-timeline" aria-label="Voortgang">/);
    expect(out.match(/aria-current="step"/g)).toHaveLength(1);
    expect(out).toMatch(/aria-current="step">\s*<span[^>]*><\/span>\s*<p[^>]*><strong>Beoordelen/);
    expect(out).toContain(`${texts.timeline.date.done} <time datetime="2025-03-03">3 maart 2025</time>`);
    expect(out).toContain(`${texts.timeline.date.planned} <time datetime="2025-03-28">28 maart 2025</time>`);
    expect(out).toContain(
      `${texts.timeline.date.legalDeadline} <time datetime="2025-04-14">14 april 2025</time>`,
    );
    for (const status of Object.values(texts.timeline.status)) expect(out).toContain(`>${status}</span>`);
  });
});

describe('task list', () => {
  it('links tasks that can be done, says the status in words, and gives the deadline', () => {
    const out = taskList([
      { title: 'Stuur loonstrook', status: 'todo', href: '/taak/1', deadline: '2025-03-21' },
      { title: 'Onderteken', status: 'notYet', href: '/taak/2', hint: 'Eerst de loonstrook.' },
    ]).toString();
    expect(out).toContain('href="/taak/1">Stuur loonstrook</a>');
    expect(out).not.toContain('/taak/2');
    expect(out).toContain(`${texts.tasks.deadline} <time datetime="2025-03-21">21 maart 2025</time>`);
    expect(out).toContain(`>${texts.tasks.status.todo}</span>`);
    expect(out).toContain(`>${texts.tasks.status.notYet}</span>`);
  });
});

describe('navigation', () => {
  it('marks the last breadcrumb as the current page', () => {
    const out = breadcrumbs([
      { href: '/', text: 'Home' },
      { href: '/zaken', text: 'Zaken' },
    ])!.toString();
    expect(out).toContain(`aria-label="${texts.page.breadcrumbLabel}"`);
    expect(out).toContain('href="/zaken" aria-current="page">Zaken</a>');
    expect(out.match(/aria-current/g)).toHaveLength(1);
    expect(breadcrumbs([])).toBeNull();
  });

  it('marks the current menu item', () => {
    const out = mainNavigation([
      { href: '/a', text: 'A', current: true },
      { href: '/b', text: 'B' },
    ])!.toString();
    expect(out).toContain('href="/a" aria-current="page">A</a>');
  });

  it('shows the first, last and neighbouring pages and fills small gaps instead of showing "…"', () => {
    expect(pageWindow(1, 1)).toEqual([1]);
    expect(pageWindow(1, 3)).toEqual([1, 2, 3]);
    expect(pageWindow(5, 10)).toEqual([1, 'gap', 4, 5, 6, 'gap', 10]);
    expect(pageWindow(3, 10)).toEqual([1, 2, 3, 4, 'gap', 10]);
    expect(pageWindow(10, 10)).toEqual([1, 'gap', 9, 10]);
  });

  it('renders previous and next only where they exist and marks the current page', () => {
    const href = (n: number) => `/zaken?pagina=${n}`;
    const first = pagination({ current: 1, total: 3, href })!.toString();
    expect(first).not.toContain('rel="prev"');
    expect(first).toContain('href="/zaken?pagina=2" rel="next">Volgende</a>');
    expect(first).toContain(
      `aria-current="page"><span class="loket-visually-hidden">${texts.pagination.page}</span>1</a>`,
    );
    expect(pagination({ current: 3, total: 3, href })!.toString()).not.toContain('rel="next"');
    expect(pagination({ current: 1, total: 1, href })).toBeNull();
  });
});
