import type { FastifyRequest } from 'fastify';
import { problems } from '../platform/http/problem.ts';
import type { App } from '../platform/http/server.ts';
import { pageOf } from '../zgw/pagination.ts';
import {
  Applicatie,
  ApplicatieBody,
  type ApplicatieInput,
  ApplicatiePage,
  ApplicatiePatch,
  ConsumerQuery,
  ListQuery,
  UuidParams,
} from './schemas.ts';
import { type AuthzService, applicatieJson, type Caller } from './service.ts';

export const AUTORISATIES_API_VERSION = '1.0.0';

const lezen = { auth: 'zgw' as const, zgw: { component: 'ac' as const, scopes: ['autorisaties.lezen'] } };
const bijwerken = {
  auth: 'zgw' as const,
  zgw: { component: 'ac' as const, scopes: ['autorisaties.bijwerken'] },
};
const tags = ['applicaties'];

function caller(req: FastifyRequest): Caller {
  if (!req.apiClient) throw problems.notAuthenticated();
  return { organisationId: req.apiClient.organisationId, traceId: req.id };
}

/** Autorisaties API 1.0.0: applicaties with their autorisaties. Mounted at /autorisaties/api/v1. */
export function registerAutorisatiesRoutes(app: App, service: AuthzService, baseUrl: string): void {
  app.addHook('onSend', async (_req, reply) => {
    reply.header('API-version', AUTORISATIES_API_VERSION);
  });
  const json = (r: Parameters<typeof applicatieJson>[1]) => applicatieJson(baseUrl, r);

  app.get(
    '/applicaties',
    {
      config: lezen,
      schema: {
        operationId: 'applicatie_list',
        summary: 'Geef een collectie van applicaties, met ingesloten autorisaties.',
        description: 'De collectie kan doorzocht worden met de `clientIds` query parameter.',
        tags,
        querystring: ListQuery,
        response: { 200: ApplicatiePage },
      },
    },
    async (req) => {
      const page = req.query.page ?? 1;
      const clientIds = req.query.clientIds
        ?.split(',')
        .map((c) => c.trim())
        .filter(Boolean);
      const result = await service.list(caller(req), { clientIds, page });
      return pageOf(result.records.map(json), result.count, page, `${baseUrl}${req.url}`);
    },
  );

  app.post(
    '/applicaties',
    {
      config: bijwerken,
      schema: {
        operationId: 'applicatie_create',
        summary: 'Registreer een applicatie met een bepaalde set van autorisaties.',
        description:
          'Indien `heeftAlleAutorisaties` gezet is, dan moet je `autorisaties` leeg (of weg) laten. Indien je `autorisaties` meegeeft, dan moet `heeftAlleAutorisaties` de waarde `false` hebben of weggelaten worden. Na het aanmaken wordt een notificatie verstuurd.',
        tags,
        body: ApplicatieBody,
        response: { 201: Applicatie },
      },
    },
    async (req, reply) => {
      const record = await service.create(caller(req), req.body as ApplicatieInput);
      const body = json(record);
      return reply.status(201).header('location', body.url).send(body);
    },
  );

  app.get(
    '/applicaties/consumer',
    {
      config: lezen,
      schema: {
        operationId: 'applicatie_consumer',
        summary: 'Vraag een applicatie op, op basis van clientId',
        description:
          'Gegeven een `clientId`, via de query string, zoek de bijbehorende applicatie op. Het antwoord bevat de applicatie met ingesloten autorisaties. Zoals de referentie-implementatie (en de clients die erop leunen) geeft Loket één applicatie terug, of 404.',
        tags,
        querystring: ConsumerQuery,
        response: { 200: Applicatie },
      },
    },
    async (req) => json(await service.consumer(caller(req), req.query.clientId)),
  );

  app.get(
    '/applicaties/:uuid',
    {
      config: lezen,
      schema: {
        operationId: 'applicatie_read',
        summary: 'Vraag een applicatie op, met ingesloten autorisaties.',
        tags,
        params: UuidParams,
        response: { 200: Applicatie },
      },
    },
    async (req) => json(await service.read(caller(req), req.params.uuid)),
  );

  app.put(
    '/applicaties/:uuid',
    {
      config: bijwerken,
      schema: {
        operationId: 'applicatie_update',
        summary: 'Werk de applicatie bij.',
        description:
          'Velden die weggelaten worden (`heeftAlleAutorisaties`, `autorisaties`) houden hun waarde. Na het bijwerken wordt een notificatie verstuurd.',
        tags,
        params: UuidParams,
        body: ApplicatieBody,
        response: { 200: Applicatie },
      },
    },
    async (req) =>
      json(await service.update(caller(req), req.params.uuid, req.body as ApplicatieInput, false)),
  );

  app.patch(
    '/applicaties/:uuid',
    {
      config: bijwerken,
      schema: {
        operationId: 'applicatie_partial_update',
        summary: 'Werk (een deel van) de applicatie bij.',
        description:
          'Indien `autorisaties` meegegeven is, dan worden de bestaande `autorisaties` vervangen met de nieuwe set van `autorisaties`. Na het bijwerken wordt een notificatie verstuurd.',
        tags,
        params: UuidParams,
        body: ApplicatiePatch,
        response: { 200: Applicatie },
      },
    },
    async (req) =>
      json(await service.update(caller(req), req.params.uuid, req.body as ApplicatieInput, true)),
  );

  app.delete(
    '/applicaties/:uuid',
    {
      config: bijwerken,
      schema: {
        operationId: 'applicatie_delete',
        summary: 'Verwijder een applicatie met de bijhorende autorisaties.',
        description: 'Na het verwijderen wordt een notificatie verstuurd.',
        tags,
        params: UuidParams,
      },
    },
    async (req, reply) => {
      await service.remove(caller(req), req.params.uuid);
      return reply.status(204).send();
    },
  );
}
