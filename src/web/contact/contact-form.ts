import {
  type AboutChoice,
  PREFERRED_TIMES,
  type PreferredTime,
  REQUEST_KINDS,
  type RequestKind,
} from '../../contact/requests.ts';
import { contactTexts } from '../../contact/texts.nl.ts';
import {
  button,
  buttonGroup,
  type FieldError,
  form,
  html,
  radioGroup,
  type SafeHtml,
  select,
  textarea,
  textField,
} from '../shared/index.ts';
import { contactPageTexts } from './texts.nl.ts';

/** The call-back / appointment form: its fields, how it reads a post, and how it is checked. */

const t = contactPageTexts.contact;

export interface ContactFormValues {
  soort?: string;
  onderwerp?: string;
  vraag?: string;
  telefoon?: string;
  voorkeur?: string;
  toelichting?: string;
  terug?: string;
}

export interface CheckedForm {
  kind: RequestKind;
  about: string;
  question: string;
  phone: string;
  preferredTime: PreferredTime;
  preferredNote: string | null;
}

/** A Dutch phone number: 10 digits (06…, 010…), or +31 followed by 9 digits. Spaces and dashes allowed. */
export function normalisePhone(input: string): string | null {
  const compact = input.replace(/[\s().-]/g, '');
  if (/^0\d{9}$/.test(compact)) return compact;
  if (/^\+31\d{9}$/.test(compact)) return compact;
  if (/^00316?\d{8,9}$/.test(compact) && compact.length === 13) return `+${compact.slice(2)}`;
  return null;
}

/** Checks a posted form against the choices this person has; every problem gets a message at its field. */
export function checkContactForm(
  values: ContactFormValues,
  choices: readonly AboutChoice[],
): { ok: CheckedForm } | { errors: FieldError[] } {
  const errors: FieldError[] = [];
  const kind = REQUEST_KINDS.find((k) => k === values.soort);
  if (!kind) errors.push({ name: 'soort', message: t.errors.kind });
  const about = choices.find((c) => c.value === values.onderwerp);
  if (!about) errors.push({ name: 'onderwerp', message: t.errors.about });
  const question = (values.vraag ?? '').trim();
  if (!question) errors.push({ name: 'vraag', message: t.errors.question });
  else if (question.length > 2000) errors.push({ name: 'vraag', message: t.errors.questionLong });
  const phone = normalisePhone(values.telefoon ?? '');
  if (!phone) errors.push({ name: 'telefoon', message: t.errors.phone });
  const time = PREFERRED_TIMES.find((p) => p === values.voorkeur);
  if (!time) errors.push({ name: 'voorkeur', message: t.errors.time });
  const note = (values.toelichting ?? '').trim();
  if (note.length > 500) errors.push({ name: 'toelichting', message: t.errors.timeNoteLong });
  if (errors.length > 0 || !kind || !about || !phone || !time) return { errors };
  return {
    ok: {
      kind,
      about: about.value,
      question,
      phone,
      preferredTime: time,
      preferredNote: note || null,
    },
  };
}

export function contactForm(options: {
  values: ContactFormValues;
  choices: readonly AboutChoice[];
  errors: readonly FieldError[];
  csrfToken: string;
}): SafeHtml {
  const { values, errors } = options;
  const errorOf = (name: string) => errors.find((e) => e.name === name)?.message;
  return form({
    action: '/contact',
    csrfToken: options.csrfToken,
    errors,
    content: html`${values.terug ? html`<input type="hidden" name="terug" value="${values.terug}">` : null}
${radioGroup({
  name: 'soort',
  label: t.fields.kind,
  value: values.soort ?? 'terugbellen',
  error: errorOf('soort'),
  options: REQUEST_KINDS.map((k) => ({ value: k, label: t.fields.kindOptions[k] })),
})}
${select({
  name: 'onderwerp',
  label: t.fields.about,
  description: t.fields.aboutHint,
  value: values.onderwerp,
  error: errorOf('onderwerp'),
  options: options.choices.map((c) => ({ value: c.value, label: c.label })),
})}
${textarea({
  name: 'vraag',
  label: t.fields.question,
  description: t.fields.questionHint,
  value: values.vraag,
  error: errorOf('vraag'),
  maxLength: 2000,
})}
${textField({
  name: 'telefoon',
  label: t.fields.phone,
  description: t.fields.phoneHint,
  type: 'tel',
  autocomplete: 'tel',
  inputMode: 'tel',
  width: 16,
  value: values.telefoon,
  error: errorOf('telefoon'),
})}
${radioGroup({
  name: 'voorkeur',
  label: t.fields.time,
  value: values.voorkeur ?? 'geen-voorkeur',
  error: errorOf('voorkeur'),
  options: PREFERRED_TIMES.map((p) => ({ value: p, label: contactTexts.preferredTimes[p] })),
})}
${textField({
  name: 'toelichting',
  label: t.fields.timeNote,
  description: t.fields.timeNoteHint,
  optional: true,
  value: values.toelichting,
  error: errorOf('toelichting'),
})}
${buttonGroup(button(t.submit))}`,
  });
}
