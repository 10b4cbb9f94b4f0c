import { describe, expect, it } from 'vitest';
import {
  checkbox,
  csrfField,
  dateField,
  errorSummary,
  fieldId,
  fileField,
  form,
  numberField,
  radioGroup,
  select,
  textarea,
  textField,
} from './form.ts';
import { html } from './html.ts';
import { texts } from './texts.nl.ts';

/** The opening tag of the element with this id. */
function tagWithId(out: string, id: string): string {
  const match = out.match(new RegExp(`<[a-z]+[^>]*\\sid="${id}"[^>]*>`));
  if (!match) throw new Error(`no element with id ${id} in:\n${out}`);
  return match[0];
}

describe('form fields', () => {
  it('connect label, description and error to the input, and mark the input invalid', () => {
    const out = textField({
      name: 'email',
      label: 'E-mail',
      description: 'Uitleg',
      error: 'Vul iets in.',
    }).toString();
    expect(out).toContain(`<label class="utrecht-form-label" for="${fieldId('email')}">E-mail</label>`);
    const input = tagWithId(out, fieldId('email'));
    expect(input).toContain('aria-invalid="true"');
    expect(input).toContain(`aria-describedby="${fieldId('email')}-uitleg ${fieldId('email')}-fout"`);
    expect(tagWithId(out, `${fieldId('email')}-uitleg`)).toContain('utrecht-form-field-description');
    expect(out).toContain(`<span class="loket-visually-hidden">${texts.form.errorPrefix}</span>Vul iets in.`);
    expect(out).toContain('utrecht-form-field--invalid');
  });

  it('are not marked invalid and point only at their description when there is no error', () => {
    const input = tagWithId(
      textField({ name: 'naam', label: 'Naam', description: 'Uitleg' }).toString(),
      'veld-naam',
    );
    expect(input).not.toContain('aria-invalid');
    expect(input).toContain('aria-describedby="veld-naam-uitleg"');
    expect(input).toContain(' required');
  });

  it('say "(niet verplicht)" for optional fields and leave out required', () => {
    const out = textField({ name: 'tussenvoegsel', label: 'Tussenvoegsel', optional: true }).toString();
    expect(out).toContain(texts.form.optional);
    expect(tagWithId(out, 'veld-tussenvoegsel')).not.toContain('required');
  });

  it('escape everything a person typed: value, label, error', () => {
    const out = textField({ name: 'n', label: '<b>', value: '"><script>', error: '<i>' }).toString();
    expect(out).not.toMatch(/<script>|<b>|<i>/);
    expect(out).toContain('value="&quot;&gt;&lt;script&gt;"');
  });

  it('make ids from names with characters that do not belong in an id', () => {
    expect(fieldId('adres[postcode]')).toBe('veld-adres-postcode-');
  });

  it('use the browser date input for dates and a numeric keyboard text input for numbers', () => {
    expect(
      tagWithId(dateField({ name: 'd', label: 'Datum', value: '2025-03-14' }).toString(), 'veld-d'),
    ).toContain('type="date"');
    const n = tagWithId(numberField({ name: 'n', label: 'Aantal', value: 3 }).toString(), 'veld-n');
    expect(n).toContain('type="text"');
    expect(n).toContain('inputmode="numeric"');
    expect(n).toContain('value="3"');
    expect(numberField({ name: 'b', label: 'Bedrag', decimals: true }).toString()).toContain(
      'inputmode="decimal"',
    );
  });

  it('put a textarea value inside the element, escaped', () => {
    expect(textarea({ name: 'v', label: 'Vraag', value: '</textarea><script>' }).toString()).toContain(
      '>&lt;/textarea&gt;&lt;script&gt;</textarea>',
    );
  });

  it('select the chosen option and start with an empty choice', () => {
    const out = select({
      name: 'org',
      label: 'Organisatie',
      value: 'b',
      options: [
        { value: 'a', label: 'A' },
        { value: 'b', label: 'B' },
      ],
    }).toString();
    expect(out).toContain(`<option value="">${texts.form.selectPlaceholder}</option>`);
    expect(out).toContain('<option value="b" selected>B</option>');
    expect(out).toContain('<option value="a">A</option>');
  });

  it('group radio buttons in a fieldset whose legend asks the question; the first option carries the field id', () => {
    const out = radioGroup({
      name: 'contact',
      label: 'Hoe wilt u contact?',
      value: 'mail',
      error: 'Kies iets.',
      options: [
        { value: 'bel', label: 'Bellen', description: 'Binnen 2 dagen' },
        { value: 'mail', label: 'Mail' },
      ],
    }).toString();
    expect(out).toMatch(/^<fieldset[^>]*aria-describedby="veld-contact-fout"/);
    expect(out).toContain('>Hoe wilt u contact?</legend>');
    expect(tagWithId(out, 'veld-contact')).toContain('value="bel"');
    expect(tagWithId(out, 'veld-contact')).toContain('aria-describedby="veld-contact-uitleg"');
    expect(tagWithId(out, 'veld-contact-2')).toContain(' checked');
    expect(out).toContain(
      '<label class="utrecht-form-label utrecht-form-label--radio" for="veld-contact-2">',
    );
  });

  it('render a tick box that sends "ja" by default', () => {
    const input = tagWithId(
      checkbox({ name: 'akkoord', label: 'Akkoord', checked: true }).toString(),
      'veld-akkoord',
    );
    expect(input).toContain('type="checkbox"');
    expect(input).toContain('value="ja"');
    expect(input).toContain(' checked');
  });

  it('render a file upload with the accepted types', () => {
    const input = tagWithId(
      fileField({ name: 'bijlage', label: 'Bijlage', accept: '.pdf' }).toString(),
      'veld-bijlage',
    );
    expect(input).toContain('type="file"');
    expect(input).toContain('accept=".pdf"');
  });
});

describe('error summary', () => {
  it('is not there when there are no errors', () => {
    expect(errorSummary([])).toBeNull();
  });

  it('says "Er ging iets mis", links to every field with a problem, and takes focus', () => {
    const out = errorSummary([
      { name: 'email', message: 'Vul uw e-mailadres in.' },
      { name: 'x', id: 'eigen-id', message: 'Anders.' },
    ])!.toString();
    expect(out).toContain(`>${texts.form.errorSummaryTitle}</h2>`);
    expect(out).toContain('href="#veld-email">Vul uw e-mailadres in.</a>');
    expect(out).toContain('href="#eigen-id">Anders.</a>');
    expect(out).toMatch(/^<div[^>]* role="alert"[^>]* tabindex="-1"[^>]* autofocus>/);
    expect(out).toContain('aria-labelledby="foutoverzicht-titel"');
  });

  it('can be shown without taking focus (for examples)', () => {
    expect(errorSummary([{ name: 'a', message: 'b' }], { autofocus: false })!.toString()).not.toContain(
      'autofocus',
    );
  });
});

describe('form', () => {
  it('posts with the CSRF token, lets the server do the checking, and shows the summary first', () => {
    const out = form({
      action: '/aanvraag',
      csrfToken: 'tok"en',
      errors: [{ name: 'naam', message: 'Vul uw naam in.' }],
      content: html`<p>velden</p>`,
    }).toString();
    expect(out).toMatch(/^<form class="utrecht-form" action="\/aanvraag" method="post" novalidate>/);
    expect(out.indexOf('foutoverzicht')).toBeLessThan(out.indexOf('_csrf'));
    expect(out).toContain('<input type="hidden" name="_csrf" value="tok&quot;en">');
  });

  it('uses multipart encoding for uploads', () => {
    expect(form({ action: '/upload', multipart: true, content: '' }).toString()).toContain(
      'enctype="multipart/form-data"',
    );
  });

  it('refuses to render a CSRF field without a token', () => {
    expect(() => csrfField('')).toThrow(/token/);
  });
});
