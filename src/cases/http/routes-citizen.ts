import { Type } from 'typebox';
import { problems } from '../../platform/http/problem.ts';
import type { App } from '../../platform/http/server.ts';
import { recordProcessing } from '../../processing-log/index.ts';
import { requireCasePlan } from '../engine/apply.ts';
import {
  appointmentSlots,
  type CitizenAnswer,
  completeCitizenTask,
  openTasksOfPerson,
} from '../engine/citizen.ts';
import { getLifeEvent, listLifeEvents, requestLifeEvent } from '../engine/life-events.ts';
import { noticesOf } from '../engine/notices.ts';
import { lifeEventProgress, requestOfCase, requestsOf } from '../engine/progress.ts';
import { caseTexts as tx } from '../engine/texts.nl.ts';
import {
  ANYONE,
  actorOf,
  bsnOf,
  type CaseApi,
  CaseParams,
  CITIZEN,
  command,
  STAFF,
  session,
  TaskParams,
} from './support.ts';

const TAGS = ['mijn taken'];
const LIFE_TAGS = ['levensgebeurtenissen'];

async function logOwnRead(
  api: CaseApi,
  bsn: string,
  organisationId: string,
  traceId: string,
  what: string[],
) {
  await recordProcessing(api.db, {
    organisationId,
    operation: 'read',
    actor: { kind: 'citizen', id: bsn },
    subject: { kind: 'bsn', id: bsn },
    dataCategories: what,
    purpose: tx.processing.readOwn,
    legalBasis: 'AVG art. 15 (recht op inzage)',
    traceId,
  });
}

export function registerCitizenRoutes(group: App, api: CaseApi): void {
  group.get(
    '/mijn-taken',
    {
      config: CITIZEN,
      schema: {
        summary: 'Mijn open taken, in al mijn zaken bij alle organisaties',
        description:
          'Alleen uw eigen taken (of van wie u vertegenwoordigt). Eerst de taak met de vroegste datum.',
        tags: TAGS,
      },
    },
    async (req) => {
      const s = session(req);
      const bsn = bsnOf(s);
      const tasks = await openTasksOfPerson(api.db, api.deps.records, bsn);
      await logOwnRead(api, bsn, s.organisationId, req.id, ['zaak', 'taak']);
      return tasks.map((x) => ({
        caseId: x.caseId,
        caseIdentificatie: x.caseIdentificatie,
        organisation: { id: x.organisationId, name: x.organisationName },
        instanceId: x.instanceId,
        name: x.name,
        description: x.description,
        task: x.citizenTask,
        documentType: x.documentType,
        appointmentType: x.appointmentType,
        dueDate: x.dueDate,
      }));
    },
  );

  group.get(
    '/mijn-taken/:zaakId/:taakId/tijdsloten',
    {
      config: CITIZEN,
      schema: { summary: 'De tijden die u kunt kiezen voor een afspraak', tags: TAGS, params: TaskParams },
    },
    async () => appointmentSlots(new Date()),
  );

  group.post(
    '/mijn-taken/:zaakId/:taakId/afronden',
    {
      config: CITIZEN,
      schema: {
        summary: 'Een taak afronden: bevestigen, een afspraak kiezen of een document sturen',
        description:
          '`confirmed: true` bij bevestigen, `slot` (een van de tijdsloten) bij een afspraak, `document` bij een document. De zaak gaat daarna direct verder.',
        tags: TAGS,
        params: TaskParams,
        body: Type.Object({
          confirmed: Type.Optional(Type.Boolean()),
          slot: Type.Optional(Type.String({ format: 'date-time' })),
          document: Type.Optional(
            Type.Object({ id: Type.String({ minLength: 1 }), name: Type.Optional(Type.String()) }),
          ),
        }),
      },
    },
    async (req) => {
      const s = session(req);
      const { zaakId, taakId } = req.params as { zaakId: string; taakId: string };
      const task = await command(api.db, (trx) =>
        completeCitizenTask(trx, api.deps.records, {
          caseId: zaakId,
          instanceId: taakId,
          bsn: bsnOf(s),
          answer: req.body as CitizenAnswer,
          actor: actorOf(s),
        }),
      );
      return { instanceId: task.instanceId, name: task.name, state: task.state };
    },
  );

  group.get(
    '/mijn-berichten',
    {
      config: CITIZEN,
      schema: {
        summary: 'Berichten over mijn zaken (bijvoorbeeld: uw zaak duurt langer)',
        tags: TAGS,
      },
    },
    async (req) => {
      const s = session(req);
      const bsn = bsnOf(s);
      const cases = await api.deps.records.ofPerson(api.db, bsn);
      await logOwnRead(api, bsn, s.organisationId, req.id, ['zaak', 'bericht']);
      return noticesOf(
        api.db,
        cases.map((c) => c.id),
      );
    },
  );

  group.get(
    '/levensgebeurtenissen',
    {
      config: ANYONE,
      schema: {
        summary: 'Levensgebeurtenissen: welke organisaties samen helpen als er iets verandert in uw leven',
        tags: LIFE_TAGS,
      },
    },
    async () => listLifeEvents(api.db),
  );

  group.post(
    '/levensgebeurtenissen/:id/aanvragen',
    {
      config: CITIZEN,
      schema: {
        summary: 'Eén aanvraag voor een levensgebeurtenis: start de zaken bij elke organisatie',
        description:
          'U geeft de gegevens één keer. Elke organisatie krijgt alleen de antwoorden die zij voor haar dienst nodig heeft. Alle fouten in de antwoorden komen samen terug in `invalidParams`.',
        tags: LIFE_TAGS,
        params: Type.Object({ id: Type.String() }),
        body: Type.Object({ answers: Type.Record(Type.String(), Type.Unknown()) }),
      },
    },
    async (req, reply) => {
      const s = session(req);
      const { id } = req.params as { id: string };
      const answers = (req.body as { answers: Record<string, unknown> }).answers;
      const request = await command(api.db, (trx) =>
        requestLifeEvent(trx, api.deps, { lifeEventId: id, bsn: bsnOf(s), answers, actor: actorOf(s) }),
      );
      return reply.status(201).send(request);
    },
  );

  group.get(
    '/levensgebeurtenissen/aanvragen',
    { config: CITIZEN, schema: { summary: 'Mijn aanvragen van levensgebeurtenissen', tags: LIFE_TAGS } },
    async (req) => requestsOf(api.db, bsnOf(session(req))),
  );

  group.get(
    '/levensgebeurtenissen/aanvragen/:aanvraagId',
    {
      config: ANYONE,
      schema: {
        summary: 'De voortgang bij alle organisaties samen',
        description:
          'De burger ziet alles van de eigen aanvraag. Een medewerker van een organisatie die meedoet ziet de eigen zaak helemaal en van de andere organisaties alleen wat gedeeld wordt: dienst, status en mijlpalen.',
        tags: LIFE_TAGS,
        params: Type.Object({ aanvraagId: Type.String({ format: 'uuid' }) }),
      },
    },
    async (req) => {
      const s = session(req);
      const { aanvraagId } = req.params as { aanvraagId: string };
      const viewer =
        s.kind === 'citizen'
          ? ({ kind: 'citizen', bsn: bsnOf(s) } as const)
          : ({ kind: 'staff', organisationId: s.organisationId } as const);
      return lifeEventProgress(api.db, aanvraagId, viewer);
    },
  );

  group.get(
    '/zaken/:zaakId/levensgebeurtenis',
    {
      config: STAFF,
      schema: {
        summary: 'De levensgebeurtenis waar deze zaak bij hoort, met de voortgang bij de andere organisaties',
        tags: LIFE_TAGS,
        params: CaseParams,
      },
    },
    async (req) => {
      const s = session(req);
      const { zaakId } = req.params as { zaakId: string };
      await requireCasePlan(api.db, zaakId, s.organisationId);
      const requestId = await requestOfCase(api.db, zaakId);
      if (!requestId) throw problems.notFound(tx.requestNotFound);
      return lifeEventProgress(api.db, requestId, { kind: 'staff', organisationId: s.organisationId });
    },
  );

  group.get(
    '/levensgebeurtenissen/:id',
    {
      config: ANYONE,
      schema: {
        summary: 'Eén levensgebeurtenis met haar vragen',
        tags: LIFE_TAGS,
        params: Type.Object({ id: Type.String() }),
      },
    },
    async (req) => {
      const event = await getLifeEvent(api.db, (req.params as { id: string }).id);
      if (!event) throw problems.notFound(tx.lifeEventNotFound);
      return event;
    },
  );
}
