import { attrs, classes, html, type SafeHtml } from './html.ts';
import { texts } from './texts.nl.ts';

export interface Breadcrumb {
  href: string;
  text: string;
}

/** The path to this page. The last crumb is the page itself and is marked as current. */
export function breadcrumbs(crumbs: readonly Breadcrumb[]): SafeHtml | null {
  if (crumbs.length === 0) return null;
  const items = crumbs.map((c, i) => {
    const last = i === crumbs.length - 1;
    const a = attrs({
      class: classes(
        'utrecht-link utrecht-link--html-a utrecht-breadcrumb-nav__link',
        i === 0 && 'utrecht-breadcrumb-nav__link--first',
        last && 'utrecht-breadcrumb-nav__link--current',
      ),
      href: c.href,
      'aria-current': last ? 'page' : undefined,
    });
    return html`<li class="utrecht-breadcrumb-nav__item"><a${a}>${c.text}</a>${!last && html`<span class="loket-breadcrumb-separator" aria-hidden="true">›</span>`}</li>`;
  });
  return html`<nav class="utrecht-breadcrumb-nav loket-breadcrumbs" aria-label="${texts.page.breadcrumbLabel}">
<ol class="utrecht-breadcrumb-nav__list utrecht-breadcrumb-nav__list--html-ol">${items}</ol>
</nav>`;
}

export interface NavItem {
  href: string;
  text: string;
  current?: boolean;
}

/** The site's main menu in the header: a plain list of links. */
export function mainNavigation(items: readonly NavItem[]): SafeHtml | null {
  if (items.length === 0) return null;
  return html`<nav class="loket-nav" aria-label="${texts.page.navigationLabel}"><ul class="loket-nav__list">${items.map(
    (item) =>
      html`<li class="loket-nav__item"><a${attrs({
        class: 'utrecht-link utrecht-link--html-a loket-nav__link',
        href: item.href,
        'aria-current': item.current ? 'page' : undefined,
      })}>${item.text}</a></li>`,
  )}</ul></nav>`;
}

export interface PaginationOptions {
  current: number;
  total: number;
  /** The URL of a page, e.g. `(n) => \`/zaken?pagina=${n}\``. */
  href: (page: number) => string;
}

/** Which page numbers to show: the first, the last, and two around the current one; gaps become "…". */
export function pageWindow(current: number, total: number): (number | 'gap')[] {
  const shown = new Set([1, total, current - 1, current, current + 1].filter((n) => n >= 1 && n <= total));
  const sorted = [...shown].sort((a, b) => a - b);
  const out: (number | 'gap')[] = [];
  for (const n of sorted) {
    const previous = out[out.length - 1];
    if (typeof previous === 'number' && n - previous === 2) out.push(previous + 1);
    else if (typeof previous === 'number' && n - previous > 2) out.push('gap');
    out.push(n);
  }
  return out;
}

/** Previous, page numbers, next. Nothing when everything fits on one page. */
export function pagination(options: PaginationOptions): SafeHtml | null {
  const { current, total } = options;
  if (total <= 1) return null;
  const t = texts.pagination;
  const relative = (page: number, text: string, rel: 'prev' | 'next') =>
    html`<a${attrs({
      class: `utrecht-pagination__relative-link utrecht-pagination__relative-link--${rel}`,
      href: options.href(page),
      rel,
    })}>${text}</a>`;
  const pages = pageWindow(current, total).map((n) =>
    n === 'gap'
      ? // As an entity: one character outside Latin-1 makes V8 store the whole page as two-byte text.
        html`<span class="loket-pagination__gap" aria-hidden="true">&hellip;</span>`
      : html`<a${attrs({
          class: classes(
            'utrecht-pagination__page-link',
            n === current && 'utrecht-pagination__page-link--current',
          ),
          href: options.href(n),
          'aria-current': n === current ? 'page' : undefined,
        })}><span class="loket-visually-hidden">${t.page}</span>${n}</a>`,
  );
  return html`<nav class="utrecht-pagination utrecht-pagination--distanced loket-pagination" aria-label="${t.label}">
${current > 1 && relative(current - 1, t.previous, 'prev')}<span class="loket-pagination__pages">${pages}</span>${current < total && relative(current + 1, t.next, 'next')}
</nav>`;
}
