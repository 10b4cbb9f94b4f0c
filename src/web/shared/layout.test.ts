import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { html } from './html.ts';
import { defaultHumanLink, PAGE_CSP, renderPage, sendPage } from './layout.ts';
import { texts } from './texts.nl.ts';

const base = { title: 'Mijn zaken', currentPath: '/zaken?pagina=2', content: html`<h1>Mijn zaken</h1>` };

describe('page shell', () => {
  it('is a Dutch HTML document with a title that names the page and Loket', () => {
    const out = renderPage(base);
    expect(out).toMatch(/^<!DOCTYPE html>\n<html lang="nl"/);
    expect(out).toContain(`<title>Mijn zaken - ${texts.page.siteName}</title>`);
    expect(out).toMatch(/<link rel="stylesheet" href="\/assets\/loket\.[0-9a-f]{10}\.css">/);
    expect(out).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
  });

  it('starts with a skip link to the main landmark, and has header and footer landmarks', () => {
    const out = renderPage(base);
    const body = out.slice(out.indexOf('<body'));
    expect(body).toMatch(
      /^<body[^>]*>\n<a class="utrecht-skip-link[^"]*" href="#inhoud">Naar de inhoud<\/a>/,
    );
    expect(out).toContain('<main id="inhoud"');
    expect(out).toContain('<header class="utrecht-page-header');
    expect(out).toContain('<footer class="utrecht-page-footer');
    expect(out.match(/<main/g)).toHaveLength(1);
  });

  it('always has a link to a person that brings you back to this page', () => {
    const out = renderPage(base);
    const links = out.match(/<a [^>]*data-loket-human-link[^>]*>([^<]*)<\/a>/g) ?? [];
    expect(links.length).toBeGreaterThanOrEqual(1);
    for (const l of links) {
      expect(l).toContain('href="/contact?terug=%2Fzaken%3Fpagina%3D2"');
      expect(l).toContain(`>${texts.page.humanLink}</a>`);
    }
    // In the header, so it is seen before anything else on the page.
    expect(out.indexOf('data-loket-human-link')).toBeLessThan(out.indexOf('<main'));
  });

  it('lets the caller choose where the link to a person goes, but not leave it out', () => {
    expect(renderPage({ ...base, humanLink: '/hulp' })).toContain('href="/hulp"');
    expect(() => renderPage({ ...base, humanLink: ' ' })).toThrow(/person/);
  });

  it('only ever sends people back to a page on this site', () => {
    expect(defaultHumanLink('//evil.example/x')).toBe('/contact?terug=%2F');
    expect(defaultHumanLink('https://evil.example')).toBe('/contact?terug=%2F');
    expect(defaultHumanLink('/\\evil.example')).toBe('/contact?terug=%2F');
  });

  it('does not chain ways back on the contact page itself', () => {
    expect(defaultHumanLink('/contact?terug=%2Fzaken')).toBe('/contact?terug=%2Fzaken');
    expect(defaultHumanLink('/contact')).toBe('/contact');
  });

  it('refuses a page without a title', () => {
    expect(() => renderPage({ ...base, title: '' })).toThrow(/title/);
  });

  it('starts the title with "Fout: " when the page shows a form with errors', () => {
    expect(renderPage({ ...base, hasErrors: true })).toContain(
      `<title>${texts.page.errorTitlePrefix}Mijn zaken`,
    );
  });

  it('escapes the title, organisation and breadcrumbs', () => {
    const out = renderPage({
      ...base,
      title: '<script>',
      organisation: '<i>Gemeente</i>',
      breadcrumbs: [{ href: 'javascript:alert(1)', text: '<b>' }],
    });
    expect(out).not.toMatch(/<script>|<i>|<b>|javascript:/);
  });

  it('shows breadcrumbs before the main content and the menu in the header', () => {
    const out = renderPage({
      ...base,
      breadcrumbs: [{ href: '/', text: 'Home' }],
      navigation: [{ href: '/zaken', text: 'Zaken', current: true }],
      footerLinks: [{ href: '/privacy', text: 'Privacy' }],
    });
    expect(out.indexOf('utrecht-breadcrumb-nav')).toBeLessThan(out.indexOf('<main'));
    expect(out.indexOf('loket-nav')).toBeLessThan(out.indexOf('</header>'));
    expect(out).toContain('href="/privacy">Privacy</a>');
  });

  it('shows who is logged in with a log-out form in the header, the same on every page', () => {
    const out = renderPage({ ...base, user: { label: 'Ingelogd als <Esther>', csrfToken: 'tok' } });
    const header = out.slice(out.indexOf('<header'), out.indexOf('</header>'));
    expect(header).toContain('<p class="utrecht-paragraph loket-user__name">Ingelogd als &lt;Esther&gt;</p>');
    expect(header).toMatch(/<form[^>]*action="\/uitloggen"[^>]*method="post"/);
    expect(header).toContain('<input type="hidden" name="_csrf" value="tok">');
    expect(header).toContain(`>${texts.page.logout}</button>`);
    expect(renderPage(base)).not.toContain('loket-user');
  });

  it('gives a wide page (tables, queues) the whole width', () => {
    expect(renderPage({ ...base, wide: true })).toContain(
      'class="utrecht-page-content loket-main loket-main--wide"',
    );
    expect(renderPage(base)).toContain('class="utrecht-page-content loket-main"');
  });
});

describe('sendPage', () => {
  it('sends HTML with a strict content security policy and no caching', async () => {
    const app = Fastify();
    app.get('/p', { config: { auth: 'public' } }, async (_req, reply) =>
      sendPage(reply, renderPage(base), 201),
    );
    const res = await app.inject('/p');
    expect(res.statusCode).toBe(201);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toBe(PAGE_CSP);
    expect(PAGE_CSP).toContain("script-src 'none'");
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toContain('<!DOCTYPE html>');
    await app.close();
  });
});
