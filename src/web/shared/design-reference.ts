import formbody from '@fastify/formbody';
import type { FastifyInstance } from 'fastify';
import {
  alert,
  button,
  buttonGroup,
  buttonLink,
  dataList,
  heading,
  link,
  paragraph,
  table,
  unorderedList,
} from './components.ts';
import {
  checkbox,
  dateField,
  type FieldError,
  fileField,
  form,
  numberField,
  radioGroup,
  select,
  textarea,
  textField,
} from './form.ts';
import { html, type SafeHtml } from './html.ts';
import { renderPage, sendPage } from './layout.ts';
import { pagination } from './navigation.ts';
import { taskList, timeline } from './progress.ts';
import { texts } from './texts.nl.ts';

/**
 * /ontwerp: every shared component on one page, for page authors to look at and for the browser tests
 * to check. Its form really posts: an incomplete answer comes back with the error summary.
 */

export const DESIGN_REFERENCE_PATH = '/ontwerp';
const FORM_PATH = `${DESIGN_REFERENCE_PATH}/formulier`;
const PAGES = 3;

const r = texts.reference;
const f = r.fields;

type Answers = Record<
  'name' | 'email' | 'birthDate' | 'children' | 'question' | 'organisation' | 'contact',
  string
> & {
  agree: boolean;
};

/** Shown on first view, so the page always shows a form with errors. */
const EXAMPLE: Answers = {
  name: '',
  email: 'jan@',
  birthDate: '2090-01-01',
  children: 'twee',
  question: '',
  organisation: '',
  contact: '',
  agree: false,
};

const EMPTY: Answers = { ...EXAMPLE, email: '', birthDate: '', children: '' };

const ORGANISATIONS = f.organisations.map((label, i) => ({ value: `org-${i + 1}`, label }));
const CONTACT = [
  { value: 'phone', label: f.contactOptions.phone, description: f.contactPhoneHint },
  { value: 'email', label: f.contactOptions.email },
  { value: 'desk', label: f.contactOptions.desk },
];

export function validateAnswers(a: Answers, today = new Date()): FieldError[] {
  const errors: FieldError[] = [];
  const e = r.errors;
  if (!a.name.trim()) errors.push({ name: 'name', message: e.name });
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(a.email.trim())) errors.push({ name: 'email', message: e.email });
  const born = new Date(`${a.birthDate}T00:00:00Z`);
  // The round trip rejects dates that do not exist, such as 30 February.
  const realDate = !Number.isNaN(born.getTime()) && born.toISOString().slice(0, 10) === a.birthDate;
  if (!realDate || born > today) errors.push({ name: 'birthDate', message: e.birthDate });
  if (!/^\d{1,2}$/.test(a.children.trim())) errors.push({ name: 'children', message: e.children });
  if (!a.question.trim()) errors.push({ name: 'question', message: e.question });
  if (!ORGANISATIONS.some((o) => o.value === a.organisation)) {
    errors.push({ name: 'organisation', message: e.organisation });
  }
  if (!CONTACT.some((o) => o.value === a.contact)) errors.push({ name: 'contact', message: e.contact });
  if (!a.agree) errors.push({ name: 'agree', message: e.agree });
  return errors;
}

function answersFrom(body: Record<string, unknown>): Answers {
  const text = (key: string) => (typeof body[key] === 'string' ? (body[key] as string).slice(0, 2000) : '');
  return {
    name: text('name'),
    email: text('email'),
    birthDate: text('birthDate'),
    children: text('children'),
    question: text('question'),
    organisation: text('organisation'),
    contact: text('contact'),
    agree: body.agree === 'ja',
  };
}

function demoForm(a: Answers, errors: readonly FieldError[], autofocus: boolean): SafeHtml {
  const err = (name: string) => errors.find((e) => e.name === name)?.message;
  const content = html`
${textField({ name: 'name', label: f.name, value: a.name, error: err('name'), autocomplete: 'name' })}
${textField({ name: 'email', label: f.email, type: 'email', value: a.email, error: err('email'), description: f.emailDescription, autocomplete: 'email' })}
${dateField({ name: 'birthDate', label: f.birthDate, value: a.birthDate, error: err('birthDate'), autocomplete: 'bday' })}
${numberField({ name: 'children', label: f.children, value: a.children, error: err('children'), width: 4 })}
${textarea({ name: 'question', label: f.question, value: a.question, error: err('question'), description: f.questionDescription })}
${select({ name: 'organisation', label: f.organisation, options: ORGANISATIONS, value: a.organisation, error: err('organisation') })}
${radioGroup({ name: 'contact', label: f.contact, options: CONTACT, value: a.contact, error: err('contact') })}
${checkbox({ name: 'agree', label: f.agree, checked: a.agree, error: err('agree') })}
${buttonGroup(button(r.buttonPrimary))}`;
  // A real page passes the session's token; this public example has no session, so nothing checks it.
  return form({
    action: FORM_PATH,
    csrfToken: 'voorbeeld',
    errors,
    focusErrors: autofocus,
    content,
    id: 'voorbeeldformulier',
  });
}

function referencePage(options: {
  currentPath: string;
  page: number;
  form: SafeHtml;
  notice?: SafeHtml | null;
}) {
  const s = r.sections;
  const content = html`
${heading(1, r.title)}
${paragraph(r.intro, { lead: true })}
${options.notice}
${heading(2, s.text)}
${heading(3, r.headingExample)}
${paragraph(r.paragraph)}
${paragraph(link('https://nldesignsystem.nl/richtlijnen', r.linkText, { external: true }))}
${unorderedList([r.taskUpload, r.taskCheck])}

${heading(2, s.buttons)}
${buttonGroup(button(r.buttonPrimary, { type: 'button' }), button(r.buttonSecondary, { type: 'button', variant: 'secondary' }), button(r.buttonSubtle, { type: 'button', variant: 'subtle' }))}
${paragraph(buttonLink(`${DESIGN_REFERENCE_PATH}#voorbeeldformulier`, r.buttonLink))}

${heading(2, s.alerts)}
${alert({ type: 'info', title: r.alertInfoTitle, headingLevel: 3, content: r.alertInfo })}
${alert({ type: 'warning', content: r.alertWarning })}
${alert({ type: 'error', content: r.alertError })}
${alert({ type: 'success', content: r.alertSuccess })}

${heading(2, s.facts, { id: 'gegevens' })}
${dataList([
  {
    key: r.factName,
    value: r.factNameValue,
    provenance: { source: r.factSource, date: '2024-11-02', legalBasis: r.factLegalBasis },
  },
  {
    key: r.factAddress,
    value: r.factAddressValue,
    provenance: { source: r.factSource, date: '2025-01-15', legalBasis: r.factLegalBasis },
  },
  {
    key: r.factIncome,
    value: r.factIncomeValue,
    provenance: { source: r.factIncomeSource, date: '2025-02-20', legalBasis: r.factIncomeLegalBasis },
  },
])}

${heading(2, s.table)}
${table({ caption: r.tableCaption, columns: r.tableColumns.map((header) => ({ header })), rows: r.tableRows, rowHeaders: true, id: 'tabel-zaken' })}

${heading(2, s.timeline)}
${timeline([
  { title: r.timelineSteps.received, status: 'done', dates: [{ meaning: 'done', date: '2025-03-03' }] },
  {
    title: r.timelineSteps.assessing,
    status: 'current',
    description: r.timelineAssessing,
    dates: [{ meaning: 'planned', date: '2025-03-28' }],
  },
  {
    title: r.timelineSteps.decision,
    status: 'upcoming',
    dates: [
      { meaning: 'planned', date: '2025-04-04' },
      { meaning: 'legalDeadline', date: '2025-04-14' },
    ],
  },
])}

${heading(2, s.tasks)}
${taskList([
  {
    title: r.taskUpload,
    status: 'todo',
    href: `${DESIGN_REFERENCE_PATH}#voorbeeldformulier`,
    deadline: '2025-03-21',
  },
  { title: r.taskCheck, status: 'done', href: `${DESIGN_REFERENCE_PATH}#gegevens` },
  { title: r.taskSign, status: 'notYet', hint: r.taskSignHint },
])}

${heading(2, s.pagination, { id: 'bladeren' })}
${pagination({ current: options.page, total: PAGES, href: (n) => `${DESIGN_REFERENCE_PATH}?pagina=${n}#bladeren` })}

${heading(2, s.upload)}
${fileField({ name: 'document', label: f.document, description: f.documentDescription, accept: '.pdf,.jpg,.jpeg,.png', optional: true })}

${heading(2, s.form, { id: 'formulier' })}
${paragraph(r.formIntro)}
${options.form}`;
  return renderPage({
    title: r.title,
    currentPath: options.currentPath,
    organisation: r.organisation,
    breadcrumbs: [
      { href: '/', text: r.breadcrumbHome },
      { href: DESIGN_REFERENCE_PATH, text: r.breadcrumbCurrent },
    ],
    content,
  });
}

const querySchema = {
  type: 'object',
  properties: {
    pagina: { type: 'integer', minimum: 1, maximum: PAGES },
    verzonden: { type: 'string', enum: ['ja'] },
  },
  additionalProperties: false,
} as const;

/** Serves the design reference at /ontwerp (a Fastify plugin; needs `registerWebAssets` too). */
export async function registerDesignReference(app: FastifyInstance): Promise<void> {
  // In its own scope: the form parser is added only when the server has none (a bare test server).
  await app.register(async (scope) => {
    if (!scope.hasContentTypeParser('application/x-www-form-urlencoded')) await scope.register(formbody);
    designReferenceRoutes(scope);
  });
}

function designReferenceRoutes(app: FastifyInstance): void {
  app.get<{ Querystring: { pagina?: number; verzonden?: 'ja' } }>(
    DESIGN_REFERENCE_PATH,
    { config: { auth: 'public' }, schema: { querystring: querySchema, hide: true } },
    async (req, reply) => {
      const sent = req.query.verzonden === 'ja';
      const notice = sent ? alert({ type: 'success', role: 'status', content: r.formSent }) : null;
      const demo = sent ? demoForm(EMPTY, [], false) : demoForm(EXAMPLE, validateAnswers(EXAMPLE), false);
      return sendPage(
        reply,
        referencePage({ currentPath: req.url, page: req.query.pagina ?? 1, form: demo, notice }),
      );
    },
  );

  app.post(FORM_PATH, { config: { auth: 'public' }, schema: { hide: true } }, async (req, reply) => {
    const answers = answersFrom((req.body ?? {}) as Record<string, unknown>);
    const errors = validateAnswers(answers);
    if (errors.length === 0) return reply.redirect(`${DESIGN_REFERENCE_PATH}?verzonden=ja`, 303);
    const page = renderPage({
      title: r.formTitle,
      currentPath: DESIGN_REFERENCE_PATH,
      organisation: r.organisation,
      hasErrors: true,
      breadcrumbs: [
        { href: '/', text: r.breadcrumbHome },
        { href: DESIGN_REFERENCE_PATH, text: r.breadcrumbCurrent },
        { href: `${DESIGN_REFERENCE_PATH}#formulier`, text: r.formTitle },
      ],
      content: html`${heading(1, r.formTitle)}${demoForm(answers, errors, true)}`,
    });
    return sendPage(reply, page, 400);
  });
}
