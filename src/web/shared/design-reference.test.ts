import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerWebAssets } from './assets.ts';
import { registerDesignReference, validateAnswers } from './design-reference.ts';
import { texts } from './texts.nl.ts';

const r = texts.reference;

describe('design reference page', () => {
  const app = Fastify();
  beforeAll(async () => {
    await registerWebAssets(app);
    await registerDesignReference(app);
  });
  afterAll(() => app.close());

  it('shows every shared component, including a form with errors', async () => {
    const res = await app.inject('/ontwerp');
    expect(res.statusCode).toBe(200);
    for (const marker of [
      'utrecht-heading-1',
      'utrecht-paragraph--lead',
      'utrecht-link',
      'utrecht-button--primary-action',
      'utrecht-button-link',
      'utrecht-alert--info',
      'utrecht-alert--warning',
      'utrecht-alert--error',
      'utrecht-alert--ok',
      'utrecht-data-list',
      'loket-provenance',
      '<caption',
      'loket-timeline',
      'loket-task-list',
      'utrecht-pagination',
      'type="date"',
      'inputmode="numeric"',
      '<textarea',
      '<select',
      'type="radio"',
      'type="checkbox"',
      'type="file"',
      'name="_csrf"',
      'loket-error-summary',
      'aria-invalid="true"',
      'utrecht-breadcrumb-nav',
      texts.page.humanLink,
    ]) {
      expect(res.body, marker).toContain(marker);
    }
    // The example form does not steal focus from the top of the documentation page.
    expect(res.body).not.toMatch(/loket-error-summary[^>]*autofocus/);
  });

  it('sends an incomplete form back with the answers kept, the errors listed, and "Fout:" in the title', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/ontwerp/formulier',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ name: 'Jan <b>', email: 'jan@voorbeeld.nl' }).toString(),
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain(`<title>${texts.page.errorTitlePrefix}${r.formTitle}`);
    expect(res.body).toMatch(/loket-error-summary[^>]*autofocus/);
    expect(res.body).toContain('value="Jan &lt;b&gt;"');
    expect(res.body).not.toContain(`href="#veld-name">${r.errors.name}`);
    expect(res.body).toContain(`href="#veld-question">${r.errors.question}`);
  });

  it('accepts a complete form with post, redirect, get', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/ontwerp/formulier',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        name: 'Jan',
        email: 'jan@voorbeeld.nl',
        birthDate: '1980-05-17',
        children: '2',
        question: 'Vraag',
        organisation: 'org-1',
        contact: 'phone',
        agree: 'ja',
      }).toString(),
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/ontwerp?verzonden=ja');
    const after = await app.inject(res.headers.location as string);
    expect(after.body).toContain(r.formSent);
  });

  it('checks the example answers the way a service would', () => {
    const today = new Date('2025-03-01T00:00:00Z');
    const ok = {
      name: 'Jan',
      email: 'jan@voorbeeld.nl',
      birthDate: '1980-05-17',
      children: '0',
      question: 'Vraag',
      organisation: 'org-2',
      contact: 'desk',
      agree: true,
    };
    expect(validateAnswers(ok, today)).toEqual([]);
    const names = (a: Partial<typeof ok>) => validateAnswers({ ...ok, ...a }, today).map((e) => e.name);
    expect(names({ birthDate: '2025-03-02' })).toEqual(['birthDate']);
    expect(names({ birthDate: '1980-13-45' })).toEqual(['birthDate']);
    expect(names({ birthDate: '1981-02-29' })).toEqual(['birthDate']);
    expect(names({ birthDate: '17-05-1980' })).toEqual(['birthDate']);
    expect(names({ children: '2,5' })).toEqual(['children']);
    expect(names({ email: 'jan@' })).toEqual(['email']);
    expect(names({ organisation: 'org-9', contact: 'fax', agree: false })).toEqual([
      'organisation',
      'contact',
      'agree',
    ]);
  });
});
