import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { problems } from '../../platform/http/problem.ts';
import type { App } from '../../platform/http/server.ts';
import { getPlan, listPlans, type PublishedPlan, publishPlan } from '../engine/definitions.ts';
import { dryRunCaseMigration, migrateCases } from '../engine/migrate.ts';
import { caseTexts as tx } from '../engine/texts.nl.ts';
import { planDefinitionSchema } from '../plan/index.ts';
import { actorOf, type CaseApi, command, PLAN_ADMIN_ROLE, requireRole, STAFF, session } from './support.ts';

const TAGS = ['plannen'];

const planJson = (api: CaseApi, p: PublishedPlan) => ({
  url: `${api.baseUrl}/loket/api/v1/zaakbehandeling/plannen/${p.planId}/versies/${p.version}`,
  planId: p.planId,
  version: p.version,
  name: p.name,
  zaaktype: p.zaaktype,
  zaaktypeId: p.zaaktypeId,
  publishedAt: p.publishedAt.toISOString(),
  publishedBy: p.publishedBy,
});

const PlanSchema = Type.Object({
  url: Type.String({ format: 'uri' }),
  planId: Type.String(),
  version: Type.Integer(),
  name: Type.String(),
  zaaktype: Type.String(),
  zaaktypeId: Type.Union([Type.String(), Type.Null()]),
  publishedAt: Type.String({ format: 'date-time' }),
  publishedBy: Type.Object({ kind: Type.String(), id: Type.String(), name: Type.Optional(Type.String()) }),
});

const PlanParams = Type.Object({ planId: Type.String({ pattern: '^[a-z][a-z0-9-]*$' }) });
const MigrationBody = Type.Object({
  from: Type.Integer({ minimum: 1, description: 'De versie waarop de zaken nu lopen.' }),
  to: Type.Integer({ minimum: 1, description: 'De nieuwe versie.' }),
  conflicts: Type.Optional(
    Type.Union([Type.Literal('reject'), Type.Literal('keep-as-adhoc'), Type.Literal('terminate')], {
      description:
        'Wat er gebeurt met werk dat bezig is en in de nieuwe versie niet meer past: `reject` (standaard: die zaak blijft op de oude versie), `keep-as-adhoc` (de taak blijft als losse taak), `terminate` (de taak stopt).',
    }),
  ),
  caseIds: Type.Optional(Type.Array(Type.String({ format: 'uuid' }), { description: 'Alleen deze zaken.' })),
});
type MigrationBodyT = {
  from: number;
  to: number;
  conflicts?: 'reject' | 'keep-as-adhoc' | 'terminate';
  caseIds?: string[];
};

export function registerPlanRoutes(group: App, api: CaseApi): void {
  group.get(
    '/plannen',
    {
      config: STAFF,
      schema: {
        summary: 'Gepubliceerde plannen van uw organisatie',
        tags: TAGS,
        response: { 200: Type.Array(PlanSchema) },
      },
    },
    async (req) => (await listPlans(api.db, session(req).organisationId)).map((p) => planJson(api, p)),
  );

  group.get(
    '/plannen/schema',
    {
      config: { auth: 'public' },
      schema: {
        summary: 'JSON Schema van een plandefinitie',
        description:
          'Openbaar: iedereen kan een plan (YAML of JSON) vooraf tegen dit schema controleren. Bij publiceren komen daar nog inhoudelijke controles bij (zie `POST /plannen`).',
        tags: TAGS,
      },
    },
    async () => planDefinitionSchema,
  );

  group.post(
    '/plannen',
    {
      config: STAFF,
      schema: {
        summary: 'Een plan (nieuwe versie) publiceren',
        description:
          'De definitie (YAML- of JSON-tekst, of een object volgens `/plannen/schema`) wordt in zijn geheel gecontroleerd. Een ongeldige definitie wordt geweigerd met álle fouten in `invalidParams` (`name` is het pad in de definitie) en er wordt niets opgeslagen. Alleen voor functioneel beheerders.',
        tags: TAGS,
        body: Type.Object({
          definition: Type.Union([Type.String(), Type.Object({}, { additionalProperties: true })]),
          zaaktypeId: Type.Optional(
            Type.String({ format: 'uuid', description: 'Alleen voor deze versie van het zaaktype.' }),
          ),
        }),
        response: { 201: PlanSchema },
      },
    },
    async (req, reply) => {
      const s = session(req);
      requireRole(s, PLAN_ADMIN_ROLE);
      const body = req.body as { definition: unknown; zaaktypeId?: string };
      const published = await command(api.db, (trx) =>
        publishPlan(trx, {
          organisationId: s.organisationId,
          definition: body.definition,
          zaaktypeId: body.zaaktypeId ?? null,
          actor: actorOf(s),
        }),
      );
      return reply.status(201).send(planJson(api, published));
    },
  );

  group.get(
    '/plannen/:planId/versies/:versie',
    {
      config: STAFF,
      schema: {
        summary: 'Eén versie van een plan, met de definitie',
        tags: TAGS,
        params: Type.Object({ planId: Type.String(), versie: Type.Integer({ minimum: 1 }) }),
      },
    },
    async (req) => {
      const { planId, versie } = req.params as { planId: string; versie: number };
      const plan = await getPlan(api.db, session(req).organisationId, planId, versie);
      if (!plan) throw problems.notFound(tx.planNotFound(planId, versie));
      return plan;
    },
  );

  const migrationRequest = (req: FastifyRequest) => {
    const s = session(req);
    requireRole(s, PLAN_ADMIN_ROLE);
    const body = req.body as MigrationBodyT;
    return {
      organisationId: s.organisationId,
      planId: (req.params as { planId: string }).planId,
      from: body.from,
      to: body.to,
      conflicts: body.conflicts,
      caseIds: body.caseIds,
      actor: actorOf(s),
    };
  };

  group.post(
    '/plannen/:planId/migratie/proef',
    {
      config: STAFF,
      schema: {
        summary: 'Proefmigratie: wat er met elke open zaak zou gebeuren',
        description:
          'Verandert niets. Per zaak: behouden, toegevoegde en vervallen onderdelen, conflicten (werk dat bezig is en niet meer past), en hoeveel taken er zouden bijkomen of sluiten.',
        tags: TAGS,
        params: PlanParams,
        body: MigrationBody,
      },
    },
    async (req) => dryRunCaseMigration(api.db, migrationRequest(req)),
  );

  group.post(
    '/plannen/:planId/migratie',
    {
      config: STAFF,
      schema: {
        summary: 'Open zaken naar een nieuwe versie van het plan brengen',
        description:
          'Zaken met een conflict blijven bij `conflicts: reject` op hun versie; het verslag zegt welke en waarom.',
        tags: TAGS,
        params: PlanParams,
        body: MigrationBody,
      },
    },
    async (req) => {
      const request = migrationRequest(req);
      return command(api.db, (trx) => migrateCases(trx, request));
    },
  );
}
