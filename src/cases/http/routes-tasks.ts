import { Type } from 'typebox';
import type { App } from '../../platform/http/server.ts';
import { requireCasePlan } from '../engine/apply.ts';
import { localDate } from '../engine/dates.ts';
import { deadlineDiagnosis, deadlinesNeedingAction, deadlinesOf } from '../engine/deadline-views.ts';
import { extendDeadline, resumeDeadline, suspendDeadline } from '../engine/deadlines.ts';
import {
  activateOptional,
  addAdhocTask,
  completeTask,
  getTask,
  tasksOf,
  terminateTask,
} from '../engine/tasks.ts';
import type { Assignee } from '../plan/index.ts';
import {
  actorOf,
  type CaseApi,
  CaseParams,
  command,
  ReasonBody,
  STAFF,
  session,
  TaskParams,
} from './support.ts';

const TAGS = ['taken'];
const DEADLINE_TAGS = ['termijnen'];

const AssigneeSchema = Type.Union([
  Type.Object({ kind: Type.Literal('team'), team: Type.String({ minLength: 1 }) }),
  Type.Object({ kind: Type.Literal('role'), role: Type.String({ minLength: 1 }) }),
  Type.Object({
    kind: Type.Literal('citizen'),
    task: Type.Union([
      Type.Literal('upload-document'),
      Type.Literal('confirm'),
      Type.Literal('choose-appointment'),
    ]),
    documentType: Type.Optional(Type.String()),
    appointmentType: Type.Optional(Type.String()),
  }),
]);

const DeadlineParams = Type.Object({
  zaakId: Type.String({ format: 'uuid' }),
  soort: Type.String({ description: '`beslistermijn` of `streeftermijn`.' }),
});

export function registerTaskRoutes(group: App, api: CaseApi): void {
  group.get(
    '/taken',
    {
      config: STAFF,
      schema: {
        summary: 'Werkvoorraad: open taken van uw organisatie',
        description: 'Eerst de taken met de vroegste deadline. Filter op team of rol.',
        tags: TAGS,
        querystring: Type.Object({ team: Type.Optional(Type.String()), rol: Type.Optional(Type.String()) }),
      },
    },
    async (req) => {
      const q = req.query as { team?: string; rol?: string };
      return tasksOf(api.db, { organisationId: session(req).organisationId, team: q.team, role: q.rol });
    },
  );

  group.get(
    '/zaken/:zaakId/taken',
    {
      config: STAFF,
      schema: { summary: 'Alle taken van een zaak, ook de afgesloten', tags: TAGS, params: CaseParams },
    },
    async (req) => {
      const { zaakId } = req.params as { zaakId: string };
      const organisationId = session(req).organisationId;
      await requireCasePlan(api.db, zaakId, organisationId);
      return tasksOf(api.db, { organisationId, caseId: zaakId, open: false });
    },
  );

  group.post(
    '/zaken/:zaakId/taken',
    {
      config: STAFF,
      schema: {
        summary: 'Een losse taak toevoegen die niet in het plan staat',
        description:
          'Met naam, voor wie, deadline en reden; wie de taak toevoegde en waarom wordt vastgelegd.',
        tags: TAGS,
        params: CaseParams,
        body: Type.Object({
          name: Type.String({ minLength: 1 }),
          description: Type.Optional(Type.String()),
          assignee: AssigneeSchema,
          dueDate: Type.Optional(Type.String({ format: 'date' })),
          reason: Type.String({ minLength: 1 }),
          stageInstanceId: Type.Optional(
            Type.String({ description: 'In deze lopende fase; anders in de zaak zelf.' }),
          ),
        }),
      },
    },
    async (req, reply) => {
      const s = session(req);
      const { zaakId } = req.params as { zaakId: string };
      const body = req.body as {
        name: string;
        description?: string;
        assignee: Assignee;
        dueDate?: string;
        reason: string;
        stageInstanceId?: string;
      };
      const instanceId = await command(api.db, (trx) =>
        addAdhocTask(trx, { ...body, caseId: zaakId, organisationId: s.organisationId, actor: actorOf(s) }),
      );
      return reply.status(201).send(await getTask(api.db, zaakId, instanceId));
    },
  );

  const taskCommand = (
    path: string,
    summary: string,
    description: string,
    body: ReturnType<typeof Type.Object>,
    run: typeof completeTask | typeof terminateTask | typeof activateOptional,
  ) =>
    group.post(
      path,
      { config: STAFF, schema: { summary, description, tags: TAGS, params: TaskParams, body } },
      async (req) => {
        const s = session(req);
        const { zaakId, taakId } = req.params as { zaakId: string; taakId: string };
        const b = req.body as { reason?: string; outcome?: Record<string, unknown> };
        const result = await command(api.db, (trx) =>
          run(trx, {
            caseId: zaakId,
            organisationId: s.organisationId,
            instanceId: taakId,
            actor: actorOf(s),
            reason: b.reason,
            outcome: b.outcome,
          }),
        );
        return {
          status: result.state.status,
          activated: result.effects.flatMap((e) => (e.type === 'task-created' ? [e.instanceId] : [])),
          milestones: result.effects.flatMap((e) => (e.type === 'milestone-reached' ? [e.name] : [])),
        };
      },
    );

  taskCommand(
    '/zaken/:zaakId/taken/:taakId/afronden',
    'Een taak afronden',
    'Het plan wordt direct opnieuw beoordeeld; het antwoord noemt de taken die daardoor starten en de bereikte mijlpalen.',
    Type.Object({ outcome: Type.Optional(Type.Record(Type.String(), Type.Unknown())) }),
    completeTask,
  );
  taskCommand(
    '/zaken/:zaakId/taken/:taakId/afbreken',
    'Een taak stoppen (met reden)',
    'Een optionele taak die nog niet gestart is, wordt uitgeschakeld.',
    ReasonBody,
    terminateTask,
  );
  taskCommand(
    '/zaken/:zaakId/taken/:taakId/activeren',
    'Een optionele taak of fase starten (met reden)',
    'Voor onderdelen die het plan aan de professional overlaat; wie en waarom wordt vastgelegd.',
    ReasonBody,
    activateOptional,
  );

  group.get(
    '/termijnen',
    {
      config: STAFF,
      schema: {
        summary: 'Termijnen van uw organisatie die verstreken zijn of bijna verstrijken',
        description:
          'Verstreken termijnen en lopende termijnen waarvoor de waarschuwing al is gegeven: de lijst om op te sturen.',
        tags: DEADLINE_TAGS,
      },
    },
    async (req) => deadlinesNeedingAction(api.db, session(req).organisationId),
  );

  const Count = Type.Integer({ minimum: 0 });
  group.get(
    '/termijnen/diagnose',
    {
      config: STAFF,
      schema: {
        summary: 'Diagnose van de termijnen van uw organisatie, per zaaktype',
        description:
          'Per zaaktype (dienst) en soort termijn: hoeveel termijnen lopen, stilstaan (opgeschort), bijna verstrijken (de laatste dag valt binnen de waarschuwingstermijn), verstreken zijn, gehaald zijn, gestopt zijn, en hoeveel er verschoven zijn (opschorting of verlenging). Daarna de verstreken en bijna verstreken termijnen zelf, de meest dringende eerst (`daysLeft` negatief: zoveel dagen over de laatste dag heen). Met `peildatum` kijkt u vanaf een andere dag.',
        tags: DEADLINE_TAGS,
        querystring: Type.Object({
          zaaktype: Type.Optional(Type.String({ description: 'Identificatie van het zaaktype.' })),
          peildatum: Type.Optional(Type.String({ format: 'date' })),
        }),
        response: {
          200: Type.Object({
            today: Type.String({ format: 'date' }),
            groups: Type.Array(
              Type.Object({
                zaaktype: Type.String(),
                plan: Type.String(),
                kind: Type.String(),
                legal: Type.Boolean(),
                running: Count,
                suspended: Count,
                nearlyLapsed: Count,
                lapsed: Count,
                met: Count,
                stopped: Count,
                moved: Count,
              }),
            ),
            terms: Type.Array(
              Type.Object({
                caseId: Type.String({ format: 'uuid' }),
                zaaktype: Type.String(),
                kind: Type.String(),
                legal: Type.Boolean(),
                status: Type.Union([Type.Literal('running'), Type.Literal('lapsed')]),
                dueDate: Type.String({ format: 'date' }),
                originalDueDate: Type.String({ format: 'date' }),
                daysLeft: Type.Integer(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => {
      const q = req.query as { zaaktype?: string; peildatum?: string };
      return deadlineDiagnosis(
        api.db,
        session(req).organisationId,
        q.peildatum ?? localDate(new Date()),
        q.zaaktype,
      );
    },
  );

  group.get(
    '/zaken/:zaakId/termijnen',
    {
      config: STAFF,
      schema: {
        summary: 'De termijnen van een zaak met elke wijziging',
        tags: DEADLINE_TAGS,
        params: CaseParams,
      },
    },
    async (req) => {
      const { zaakId } = req.params as { zaakId: string };
      await requireCasePlan(api.db, zaakId, session(req).organisationId);
      return deadlinesOf(api.db, zaakId, true);
    },
  );

  const deadlineCommand = (
    action: 'opschorten' | 'hervatten' | 'verlengen',
    summary: string,
    description: string,
    body: ReturnType<typeof Type.Object>,
  ) =>
    group.post(
      `/zaken/:zaakId/termijnen/:soort/${action}`,
      { config: STAFF, schema: { summary, description, tags: DEADLINE_TAGS, params: DeadlineParams, body } },
      async (req) => {
        const s = session(req);
        const { zaakId, soort } = req.params as { zaakId: string; soort: string };
        const b = req.body as { reason?: string; term?: string; until?: string };
        const request = {
          caseId: zaakId,
          organisationId: s.organisationId,
          kind: soort,
          actor: actorOf(s),
          reason: b.reason,
        };
        await command(api.db, async (trx) => {
          if (action === 'opschorten') return suspendDeadline(trx, request);
          if (action === 'hervatten') return resumeDeadline(trx, request);
          const record = await api.deps.records.get(trx, zaakId);
          return extendDeadline(trx, {
            ...request,
            term: b.term,
            until: b.until,
            subjectBsn: record?.subjectBsn ?? null,
          });
        });
        return (await deadlinesOf(api.db, zaakId, true)).find((d) => d.kind === soort);
      },
    );

  deadlineCommand(
    'opschorten',
    'Een termijn opschorten (Awb 4:15)',
    'De klok stopt, bijvoorbeeld terwijl de aanvrager gegevens aanvult. De timers worden ingetrokken.',
    ReasonBody,
  );
  deadlineCommand(
    'hervatten',
    'Een opgeschorte termijn hervatten',
    'De laatste dag schuift op met het aantal dagen dat de termijn stilstond.',
    Type.Object({ reason: Type.Optional(Type.String()) }),
  );
  deadlineCommand(
    'verlengen',
    'Een termijn verlengen (Awb 4:14)',
    'Met een termijn (ISO 8601, bv. `P2W`) of een nieuwe laatste dag, en een reden. De burger krijgt direct bericht: waarom, wanneer we nu verwachten klaar te zijn, en wie u kunt bellen.',
    Type.Object({
      reason: Type.String({ minLength: 1 }),
      term: Type.Optional(Type.String({ pattern: '^P(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?$' })),
      until: Type.Optional(Type.String({ format: 'date' })),
    }),
  );
}
