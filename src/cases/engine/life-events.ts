import { randomUUID } from 'node:crypto';
import { isValidBsn } from '../../platform/bsn.ts';
import type { Trx } from '../../platform/db/transaction.ts';
import { type InvalidParam, problems } from '../../platform/http/problem.ts';
import { recordProcessing } from '../../processing-log/index.ts';
import type { Actor } from '../plan/index.ts';
import { type EngineDeps, startCase } from './cases.ts';
import { type Conn, json, type LifeEventQuestion, type LifeEventService, t } from './tables.ts';
import { caseTexts as tx } from './texts.nl.ts';

/**
 * Life events (levensgebeurtenissen): what happens in a person's life ("we gaan trouwen", "ik ga
 * verhuizen") as the starting point instead of an organisation's product list. A definition groups services
 * of several organisations and asks its questions once; one request starts a case at each organisation,
 * each receiving only the answers its service needs.
 */

export interface LifeEvent {
  id: string;
  name: string;
  description: string;
  questions: LifeEventQuestion[];
  services: LifeEventService[];
}

export async function upsertLifeEvent(trx: Conn, e: LifeEvent): Promise<void> {
  const row = {
    name: e.name,
    description: e.description,
    services: json(e.services),
    questions: json(e.questions),
  };
  await t(trx)
    .insertInto('life_event')
    .values({ id: e.id, ...row })
    .onConflict((oc) => oc.column('id').doUpdateSet(row))
    .execute();
}

export async function listLifeEvents(db: Conn): Promise<LifeEvent[]> {
  const rows = await t(db).selectFrom('life_event').selectAll().orderBy('name').execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    description: r.description,
    questions: r.questions,
    services: r.services,
  }));
}

export async function getLifeEvent(db: Conn, id: string): Promise<LifeEvent | null> {
  const r = await t(db).selectFrom('life_event').selectAll().where('id', '=', id).executeTakeFirst();
  return r
    ? { id: r.id, name: r.name, description: r.description, questions: r.questions, services: r.services }
    : null;
}

const TYPES: Record<LifeEventQuestion['type'], (v: unknown) => boolean> = {
  text: (v) => typeof v === 'string',
  date: (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v),
  boolean: (v) => typeof v === 'boolean',
  number: (v) => typeof v === 'number' && Number.isFinite(v),
  bsn: (v) => typeof v === 'string' && isValidBsn(v),
};

/** Every missing or ill-formed answer at once. */
export function checkAnswers(
  questions: LifeEventQuestion[],
  answers: Record<string, unknown>,
): InvalidParam[] {
  const errors: InvalidParam[] = [];
  for (const q of questions) {
    const v = answers[q.key];
    if (v === undefined || v === null || v === '') {
      if (q.required)
        errors.push({ name: `answers.${q.key}`, code: 'required', reason: tx.answerRequired(q.label) });
    } else if (!TYPES[q.type](v)) {
      errors.push({ name: `answers.${q.key}`, code: 'invalid', reason: tx.answerType(q.label) });
    }
  }
  for (const key of Object.keys(answers)) {
    if (!questions.some((q) => q.key === key))
      errors.push({ name: `answers.${key}`, code: 'unknown', reason: `Onbekende vraag: ${key}.` });
  }
  return errors;
}

/** The case data for one service: its fixed data, and the answers it receives at their (dotted) places. */
export function serviceData(
  service: LifeEventService,
  answers: Record<string, unknown>,
): Record<string, unknown> {
  const data: Record<string, unknown> = structuredClone(service.fixed ?? {});
  for (const [path, questionKey] of Object.entries(service.data)) {
    if (answers[questionKey] === undefined) continue;
    const parts = path.split('.');
    let node = data;
    for (const part of parts.slice(0, -1)) {
      if (typeof node[part] !== 'object' || node[part] === null) node[part] = {};
      node = node[part] as Record<string, unknown>;
    }
    node[parts[parts.length - 1]] = answers[questionKey];
  }
  return data;
}

/** What the organisations in one request may see of each other's case: progress, never data or tasks. */
export const SHARED_WITH_PARTNERS = ['dienst', 'status', 'mijlpalen'];

export interface LifeEventRequest {
  requestId: string;
  lifeEventId: string;
  cases: { caseId: string; organisationId: string; serviceKey: string }[];
}

export async function requestLifeEvent(
  trx: Trx,
  deps: EngineDeps,
  input: { lifeEventId: string; bsn: string; answers: Record<string, unknown>; actor: Actor; now?: Date },
): Promise<LifeEventRequest> {
  const event = await getLifeEvent(trx, input.lifeEventId);
  if (!event) throw problems.notFound(tx.lifeEventNotFound);
  const errors = checkAnswers(event.questions, input.answers);
  if (errors.length > 0) throw problems.validation(errors);
  const requestId = randomUUID();
  await t(trx)
    .insertInto('life_event_request')
    .values({ id: requestId, life_event_id: event.id, subject_bsn: input.bsn })
    .execute();
  const cases: LifeEventRequest['cases'] = [];
  for (const service of event.services) {
    const started = await startCase(trx, deps, {
      organisationId: service.organisationId,
      zaaktype: service.zaaktype,
      bsn: input.bsn,
      data: serviceData(service, input.answers),
      actor: input.actor,
      omschrijving: `${event.name}: ${service.why}`,
      now: input.now,
      purpose: tx.processing.lifeEvent,
    });
    await t(trx)
      .insertInto('life_event_case')
      .values({
        request_id: requestId,
        case_id: started.caseId,
        organisation_id: service.organisationId,
        service_key: service.key,
        shared: json(SHARED_WITH_PARTNERS),
      })
      .execute();
    cases.push({ caseId: started.caseId, organisationId: service.organisationId, serviceKey: service.key });
    // Another person's number in the answers (a partner): their data goes to this organisation too.
    for (const q of event.questions.filter((x) => x.type === 'bsn')) {
      const other = input.answers[q.key];
      if (typeof other !== 'string' || !Object.values(service.data).includes(q.key)) continue;
      await recordProcessing(trx, {
        organisationId: service.organisationId,
        operation: 'write',
        actor: { kind: input.actor.kind, id: input.actor.id },
        subject: { kind: 'bsn', id: other },
        dataCategories: ['bsn', 'zaak'],
        purpose: tx.processing.lifeEvent,
        legalBasis: 'Awb art. 4:1 en 4:2 (aanvraag en behandeling)',
      });
    }
  }
  return { requestId, lifeEventId: event.id, cases };
}
