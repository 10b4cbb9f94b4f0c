import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { WebSession } from '../platform/auth/sessions.ts';
import type { Db } from '../platform/db/database.ts';
import { inTransaction } from '../platform/db/transaction.ts';
import { registerApiGroup } from '../platform/http/api-group.ts';
import { problems } from '../platform/http/problem.ts';
import type { App } from '../platform/http/server.ts';
import { recordProcessing } from '../processing-log/index.ts';
import { type RuleInputs, type RuleRegistry, ruleDefinitionSchema } from '../rules/index.ts';
import { decideObjection, fileObjection, objectionWithDecision } from './objection.ts';
import { approve, deviate, finalize } from './service.ts';
import { type Decision, decisionsOfCase, deviationCounts, getDecision, type Outputs } from './store.ts';
import { decisionTexts as t } from './texts.nl.ts';

export const DECISIONS_PREFIX = '/loket/api/v1/beslissingen';
const STAFF = { auth: 'session', sessionKind: 'staff' } as const;
const CITIZEN = { auth: 'session', sessionKind: 'citizen' } as const;
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

function session(req: FastifyRequest): WebSession {
  if (!req.session) throw problems.notAuthenticated();
  return req.session;
}

/** What a professional sees: everything, including the trace and both explanations. */
function forStaff(d: Decision, baseUrl: string) {
  return { url: `${baseUrl}${DECISIONS_PREFIX}/${d.id}`, ...d };
}

/** What the person sees: the outcome, why (B1), until when they can object — no internal notes. */
function forCitizen(d: Decision, baseUrl: string) {
  return {
    url: `${baseUrl}${DECISIONS_PREFIX}/${d.id}`,
    id: d.id,
    regel: d.ruleId,
    status: d.status,
    uitkomst: d.outputs,
    uitleg: d.explanationCitizen,
    besloten: d.decidedAt,
    bezwaarMogelijkTot: d.objectionUntil,
    vervangtBeslissing: d.supersedes,
  };
}

async function logRead(db: Db, d: Decision, s: WebSession, traceId: string) {
  if (!d.subjectBsn) return;
  await recordProcessing(db, {
    organisationId: d.organisationId,
    operation: 'read',
    actor: { kind: s.kind === 'staff' ? 'staff' : 'citizen', id: s.subject },
    subject: { kind: 'bsn', id: d.subjectBsn },
    dataCategories: Object.keys(d.inputs),
    purpose: s.kind === 'staff' ? 'Behandelen van een beslissing' : 'Inzage in eigen beslissing',
    legalBasis: 'Awb art. 3:2 en 3:46 (zorgvuldige voorbereiding en motivering)',
    traceId,
  });
}

export async function registerDecisionRoutes(app: App, db: Db, registry: RuleRegistry, baseUrl: string) {
  await registerApiGroup(
    app,
    {
      prefix: DECISIONS_PREFIX,
      title: 'Loket Beslissingen API',
      version: '1.0.0',
      description:
        'Beslissingen met hun herkomst: de regelversie, elk gegeven met zijn bron, de berekening en de uitleg. Afwijken (maatwerk) met goedkeuring door een tweede medewerker, en bezwaar.',
      baseUrl,
    },
    (group) => {
      group.get(
        '/',
        {
          config: STAFF,
          schema: {
            querystring: Type.Object({ zaak: Type.String({ format: 'uuid' }) }),
            tags: ['beslissingen'],
          },
        },
        async (req) => {
          const s = session(req);
          const list = await decisionsOfCase(db, s.organisationId, (req.query as { zaak: string }).zaak);
          for (const d of list) await logRead(db, d, s, req.id);
          return list.map((d) => forStaff(d, baseUrl));
        },
      );

      group.get(
        '/regels/schema',
        {
          config: { auth: 'public' },
          schema: {
            summary: 'JSON Schema van een regeldefinitie',
            description:
              'Openbaar. Eén definitie per wet (of regeling) per datum van ingang: invoer met bron, parameters, de berekening in FEEL, uitvoer, en voor elke invoer en uitvoer de wettelijke grondslag.',
            tags: ['regels'],
          },
        },
        async () => ruleDefinitionSchema,
      );

      group.get(
        '/regels',
        {
          config: { auth: 'public' },
          schema: {
            summary: 'De regels en hun versies',
            description:
              'Welke versie geldt, kiest Loket met de peildatum van de zaak, nooit met de datum van vandaag. `contentHash` bewijst welke tekst een beslissing gebruikte.',
            tags: ['regels'],
          },
        },
        async () =>
          registry.ruleIds().map((ruleId) => ({
            ruleId,
            versions: registry.versions(ruleId).map((v) => ({
              id: v.id,
              validFrom: v.validFrom,
              validUntil: v.validUntil,
              contentHash: v.contentHash,
            })),
          })),
      );

      group.get('/afwijkingen', { config: STAFF, schema: { tags: ['beslissingen'] } }, async (req) =>
        deviationCounts(db, session(req).organisationId),
      );

      group.get(
        '/:id',
        { config: { auth: 'session' }, schema: { params: IdParams, tags: ['beslissingen'] } },
        async (req) => {
          const s = session(req);
          const d = await getDecision(db, (req.params as { id: string }).id);
          const mine =
            d &&
            (s.kind === 'staff'
              ? d.organisationId === s.organisationId
              : d.subjectBsn === (s.actingFor ?? s.subject) && ['final', 'superseded'].includes(d.status));
          if (!d || !mine) throw problems.notFound(t.notFound);
          await logRead(db, d, s, req.id);
          return s.kind === 'staff' ? forStaff(d, baseUrl) : forCitizen(d, baseUrl);
        },
      );

      group.post(
        '/:id/vaststellen',
        { config: STAFF, schema: { params: IdParams, tags: ['beslissingen'] } },
        async (req) => {
          const s = session(req);
          const d = await inTransaction(db, (trx) =>
            finalize(trx, (req.params as { id: string }).id, s.organisationId, s.subject),
          );
          return forStaff(d, baseUrl);
        },
      );

      group.post(
        '/:id/afwijken',
        {
          config: STAFF,
          schema: {
            params: IdParams,
            body: Type.Object({
              reason: Type.String(),
              motivation: Type.String(),
              outputs: Type.Record(
                Type.String(),
                Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()]),
              ),
            }),
            tags: ['beslissingen'],
          },
        },
        async (req) => {
          const s = session(req);
          const body = req.body as { reason: string; motivation: string; outputs: Outputs };
          const d = await inTransaction(db, (trx) =>
            deviate(trx, (req.params as { id: string }).id, s.organisationId, s.subject, body),
          );
          return forStaff(d, baseUrl);
        },
      );

      group.post(
        '/:id/goedkeuren',
        { config: STAFF, schema: { params: IdParams, tags: ['beslissingen'] } },
        async (req) => {
          const s = session(req);
          const d = await inTransaction(db, (trx) =>
            approve(trx, (req.params as { id: string }).id, s.organisationId, s.subject),
          );
          return forStaff(d, baseUrl);
        },
      );

      group.post(
        '/:id/bezwaar',
        {
          config: CITIZEN,
          schema: { params: IdParams, body: Type.Object({ reason: Type.String() }), tags: ['bezwaar'] },
        },
        async (req, reply) => {
          const s = session(req);
          const objection = await inTransaction(db, (trx) =>
            fileObjection(
              trx,
              (req.params as { id: string }).id,
              { bsn: s.actingFor ?? s.subject },
              (req.body as { reason: string }).reason,
            ),
          );
          return reply.status(201).send(objection);
        },
      );

      group.get(
        '/bezwaren/:id',
        {
          config: STAFF,
          schema: {
            summary: 'Een bezwaar met de beslissing waartegen het is gemaakt',
            description:
              'Met de oorspronkelijke beslissing: elk gegeven met zijn bron en versie, de berekening stap voor stap en de uitleg. `caseId` is de bezwaarzaak waarin het bezwaar wordt behandeld.',
            params: IdParams,
            tags: ['bezwaar'],
          },
        },
        async (req) => {
          const s = session(req);
          const found = await objectionWithDecision(db, (req.params as { id: string }).id);
          if (!found || found.objection.organisationId !== s.organisationId)
            throw problems.notFound(t.notFound);
          await logRead(db, found.decision, s, req.id);
          return { objection: found.objection, decision: forStaff(found.decision, baseUrl) };
        },
      );

      group.post(
        '/bezwaren/:id/beslissen',
        {
          config: STAFF,
          schema: {
            params: IdParams,
            body: Type.Object({
              upheld: Type.Boolean(),
              motivation: Type.String(),
              correctedInputs: Type.Optional(Type.Record(Type.String(), Type.Any())),
            }),
            tags: ['bezwaar'],
          },
        },
        async (req) => {
          const s = session(req);
          const body = req.body as { upheld: boolean; motivation: string; correctedInputs?: RuleInputs };
          const result = await inTransaction(db, (trx) =>
            decideObjection(
              trx,
              registry,
              (req.params as { id: string }).id,
              s.organisationId,
              s.subject,
              body,
            ),
          );
          return {
            objection: result.objection,
            decision: result.decision && forStaff(result.decision, baseUrl),
          };
        },
      );
    },
  );
}
