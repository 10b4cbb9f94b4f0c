import { describe, expect, it } from 'vitest';
import {
  attrs,
  BLOCKED_URL,
  classes,
  escapeHtml,
  html,
  join,
  type Renderable,
  raw,
  SafeHtml,
  safeUrl,
} from './html.ts';

const s = (h: SafeHtml) => h.toString();

describe('html escaping', () => {
  it('escapes the five HTML special characters in every interpolated string', () => {
    expect(s(html`<p>${`<b>&"'</b>`}</p>`)).toBe('<p>&lt;b&gt;&amp;&quot;&#39;&lt;/b&gt;</p>');
  });

  it('turns a script tag typed by a person into harmless text', () => {
    const name = '<script>alert(1)</script>';
    expect(s(html`<h1>Hallo ${name}</h1>`)).toBe('<h1>Hallo &lt;script&gt;alert(1)&lt;/script&gt;</h1>');
  });

  it('keeps a value inside its double-quoted attribute', () => {
    const evil = '" onmouseover="alert(1)" x="';
    expect(s(html`<input value="${evil}">`)).toBe(
      '<input value="&quot; onmouseover=&quot;alert(1)&quot; x=&quot;">',
    );
  });

  it('keeps a value inside its single-quoted attribute', () => {
    expect(s(html`<input title='${"' autofocus onfocus='alert(1)"}'>`)).toBe(
      "<input title='&#39; autofocus onfocus=&#39;alert(1)'>",
    );
  });

  it('refuses templates with an unquoted attribute value, where escaping cannot help', () => {
    expect(() => html`<input value=${'x onfocus=alert(1)'}>`).toThrow(/quotes/);
    expect(() => html`<a href = ${'/x'}>`).toThrow(/quotes/);
  });

  it('allows an equals sign followed by a value in text', () => {
    expect(s(html`<p>Totaal = ${3}</p>`)).toBe('<p>Totaal = 3</p>');
  });

  it('refuses text where attributes go, because it would become attributes', () => {
    expect(() => html`<div ${'onmouseover=alert(1)'}>`).toThrow(/attrs/);
    expect(s(html`<div${attrs({ id: 'x' })}>`)).toBe('<div id="x">');
  });

  it('follows quotes, so a ">" inside a static attribute value does not fool the URL check', () => {
    expect(s(html`<a title="a>b" href="${'javascript:alert(1)'}">x</a>`)).toContain(`href="${BLOCKED_URL}"`);
  });

  it('does not escape closing tags or entities twice when templates are nested', () => {
    const inner = html`<em>${'a & b'}</em>`;
    expect(s(html`<p>${inner}</p>`)).toBe('<p><em>a &amp; b</em></p>');
  });

  it('lets raw HTML through untouched, and only raw HTML', () => {
    expect(s(html`<div>${raw('<br>')}</div>`)).toBe('<div><br></div>');
    expect(s(html`<div>${'<br>'}</div>`)).toBe('<div>&lt;br&gt;</div>');
  });

  it('does not treat an object that merely looks like SafeHtml as safe', () => {
    const fake = { toString: () => '<img src=x onerror=alert(1)>' } as unknown as Renderable;
    expect(s(html`<p>${fake}</p>`)).toBe('<p>&lt;img src=x onerror=alert(1)&gt;</p>');
  });

  it('escapes entity-like text so it cannot be decoded by the browser', () => {
    expect(s(html`<p>${'&lt;script&gt;'}</p>`)).toBe('<p>&amp;lt;script&amp;gt;</p>');
  });

  it('joins arrays (also nested) and escapes each item', () => {
    const items = ['<a>', ['b', html`<i>c</i>`]];
    expect(s(html`<p>${items}</p>`)).toBe('<p>&lt;a&gt;b<i>c</i></p>');
    expect(s(html`<ul>${[1, 2].map((n) => html`<li>${n}</li>`)}</ul>`)).toBe('<ul><li>1</li><li>2</li></ul>');
  });

  it('renders nothing for null, undefined and false, but does render 0', () => {
    const none: Renderable[] = [null, undefined, false];
    expect(s(html`<p>${none[0]}${none[1]}${none[2]}</p>`)).toBe('<p></p>');
    expect(s(html`<p>${0}</p>`)).toBe('<p>0</p>');
    const hidden = false as boolean;
    expect(s(html`<p>${hidden && html`<b>geheim</b>`}</p>`)).toBe('<p></p>');
  });

  it('escapes the text form of numbers and bigints', () => {
    expect(s(html`${12.5} ${10n}`)).toBe('12.5 10');
  });

  it('escapeHtml returns the same string when there is nothing to escape', () => {
    const text = 'gewone tekst';
    expect(escapeHtml(text)).toBe(text);
  });
});

describe('URLs in attributes', () => {
  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    '\u0000javascript:alert(1)',
    'vbscript:msgbox(1)',
    'data:text/html,<script>alert(1)</script>',
  ])('blocks %j in href, src and action', (url) => {
    expect(s(html`<a href="${url}">x</a>`)).toBe(`<a href="${BLOCKED_URL}">x</a>`);
    expect(s(html`<img src='${url}'>`)).toBe(`<img src='${BLOCKED_URL}'>`);
    expect(s(html`<form action="${url}"></form>`)).toBe(`<form action="${BLOCKED_URL}"></form>`);
    expect(s(attrs({ href: url }))).toBe(` href="${BLOCKED_URL}"`);
  });

  it.each([
    '/zaken/123',
    'zaken?pagina=2',
    '#inhoud',
    'https://www.rijksoverheid.nl/',
    'mailto:info@voorbeeld.nl',
    'tel:+31201234567',
    '/zoek?q=javascript:alert(1)',
  ])('allows %j', (url) => {
    expect(safeUrl(url)).toBe(url);
  });

  it('still escapes an allowed URL', () => {
    expect(s(html`<a href="${'/zoek?a=1&b="2"'}">x</a>`)).toBe(
      '<a href="/zoek?a=1&amp;b=&quot;2&quot;">x</a>',
    );
  });

  it('does not check URLs that are not in a URL attribute', () => {
    expect(s(html`<p title="${'javascript:x'}">${'javascript:x'}</p>`)).toBe(
      '<p title="javascript:x">javascript:x</p>',
    );
  });
});

describe('attrs', () => {
  it('renders quoted escaped values, bare boolean attributes, and leaves out false, null and undefined', () => {
    expect(
      s(
        attrs({
          id: 'a"b',
          required: true,
          disabled: false,
          title: null,
          'aria-describedby': undefined,
          size: 4,
        }),
      ),
    ).toBe(' id="a&quot;b" required size="4"');
  });

  it('refuses event handler attributes and malformed names', () => {
    expect(() => attrs({ onclick: 'alert(1)' })).toThrow();
    expect(() => attrs({ 'a b': 'x' })).toThrow();
    expect(() => attrs({ 'x"><script>': 'x' })).toThrow();
  });
});

describe('helpers', () => {
  it('join skips empty pieces and puts the separator between the rest', () => {
    expect(s(join(['a', null, html`<b>b</b>`, ''], raw(' · ')))).toBe('a · <b>b</b>');
  });

  it('classes skips empty names', () => {
    expect(classes('a', false, undefined, 'b')).toBe('a b');
  });

  it('SafeHtml keeps its value private', () => {
    const h = new SafeHtml('<p>');
    expect(Object.keys(h)).toEqual([]);
    expect(String(h)).toBe('<p>');
  });

  it('renders a table of 20,000 escaped cells in well under a second', () => {
    const rows = Array.from({ length: 5000 }, (_, i) => [`zaak <${i}>`, 'Gemeente', 'Open', i]);
    const started = performance.now();
    const out = html`<table>${rows.map((r) => html`<tr>${r.map((c) => html`<td>${c}</td>`)}</tr>`)}</table>`;
    const elapsed = performance.now() - started;
    expect(out.toString()).toContain('<td>zaak &lt;4999&gt;</td>');
    expect(elapsed).toBeLessThan(1000);
  });
});
