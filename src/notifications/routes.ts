import type { FastifyRequest } from 'fastify';
import { problems } from '../platform/http/problem.ts';
import type { App } from '../platform/http/server.ts';
import type { ZgwNotification } from '../zgw/notifications.ts';
import { pageOf } from '../zgw/pagination.ts';
import type { AbonnementRecord, KanaalRecord } from './repository.ts';
import {
  Abonnement,
  AbonnementBody,
  type AbonnementInput,
  AbonnementPatch,
  AfleveringPage,
  AfleveringQuery,
  Kanaal,
  KanaalBody,
  KanaalQuery,
  Message,
  UuidParams,
} from './schemas.ts';
import { abonnementUrl, type Caller, kanaalUrl, type NotificationService } from './service.ts';

export const NOTIFICATIES_API_VERSION = '1.0.0';

const nrc = (scopes: string[]) => ({ auth: 'zgw' as const, zgw: { component: 'nrc' as const, scopes } });
const PUBLICEREN = 'notificaties.publiceren';
const CONSUMEREN = 'notificaties.consumeren';

function caller(req: FastifyRequest): Caller {
  if (!req.apiClient) throw problems.notAuthenticated();
  return { organisationId: req.apiClient.organisationId, clientId: req.apiClient.clientId, traceId: req.id };
}

/** Notificaties API 1.0.0 (kanalen, abonnementen, notificaties) plus Loket's delivery log per abonnement. */
export function registerNotificatiesRoutes(app: App, service: NotificationService, baseUrl: string): void {
  app.addHook('onSend', async (_req, reply) => {
    reply.header('API-version', NOTIFICATIES_API_VERSION);
  });
  const kanaal = (k: KanaalRecord) => ({
    url: kanaalUrl(baseUrl, k.id),
    naam: k.naam,
    documentatieLink: k.documentatieLink,
    filters: k.filters,
  });
  const abonnement = (a: AbonnementRecord) => ({
    url: abonnementUrl(baseUrl, a.id),
    callbackUrl: a.callbackUrl,
    kanalen: a.kanalen.map((k) => ({ naam: k.naam, filters: k.filters })),
  });

  app.get(
    '/kanaal',
    {
      config: nrc([PUBLICEREN, CONSUMEREN]),
      schema: {
        operationId: 'kanaal_list',
        description: 'Alle KANAALen opvragen.',
        tags: ['kanaal'],
        querystring: KanaalQuery,
        response: { 200: { type: 'array', items: Kanaal } },
      },
    },
    async (req) => (await service.listKanalen(req.query.naam)).map(kanaal),
  );

  app.post(
    '/kanaal',
    {
      config: nrc([PUBLICEREN]),
      schema: {
        operationId: 'kanaal_create',
        description: 'Maak een KANAAL aan. De naam is uniek.',
        tags: ['kanaal'],
        body: KanaalBody,
        response: { 201: Kanaal },
      },
    },
    async (req, reply) => {
      const body = kanaal(await service.createKanaal(caller(req), req.body));
      return reply.status(201).header('location', body.url).send(body);
    },
  );

  app.get(
    '/kanaal/:uuid',
    {
      config: nrc([PUBLICEREN, CONSUMEREN]),
      schema: {
        operationId: 'kanaal_read',
        description: 'Een specifiek KANAAL opvragen.',
        tags: ['kanaal'],
        params: UuidParams,
        response: { 200: Kanaal },
      },
    },
    async (req) => kanaal(await service.readKanaal(req.params.uuid)),
  );

  app.get(
    '/abonnement',
    {
      config: nrc([CONSUMEREN, PUBLICEREN]),
      schema: {
        operationId: 'abonnement_list',
        description: 'Alle ABONNEMENTen van de eigen organisatie opvragen.',
        tags: ['abonnement'],
        response: { 200: { type: 'array', items: Abonnement } },
      },
    },
    async (req) => (await service.listAbonnementen(caller(req))).map(abonnement),
  );

  app.post(
    '/abonnement',
    {
      config: nrc([CONSUMEREN]),
      schema: {
        operationId: 'abonnement_create',
        description:
          'Maak een ABONNEMENT aan. De callback wordt eerst getest met een testnotificatie (met de `auth`-header); die moet een 2xx-antwoord geven.',
        tags: ['abonnement'],
        body: AbonnementBody,
        response: { 201: Abonnement },
      },
    },
    async (req, reply) => {
      const body = abonnement(await service.createAbonnement(caller(req), req.body as AbonnementInput));
      return reply.status(201).header('location', body.url).send(body);
    },
  );

  app.get(
    '/abonnement/:uuid',
    {
      config: nrc([CONSUMEREN, PUBLICEREN]),
      schema: {
        operationId: 'abonnement_read',
        description: 'Een specifiek ABONNEMENT opvragen.',
        tags: ['abonnement'],
        params: UuidParams,
        response: { 200: Abonnement },
      },
    },
    async (req) => abonnement(await service.readAbonnement(caller(req), req.params.uuid)),
  );

  for (const [method, partial] of [
    ['put', false],
    ['patch', true],
  ] as const) {
    app[method](
      '/abonnement/:uuid',
      {
        config: nrc([CONSUMEREN]),
        schema: {
          operationId: partial ? 'abonnement_partial_update' : 'abonnement_update',
          description: partial
            ? 'Werk een deel van een ABONNEMENT bij.'
            : 'Werk een ABONNEMENT in zijn geheel bij.',
          tags: ['abonnement'],
          params: UuidParams,
          body: partial ? AbonnementPatch : AbonnementBody,
          response: { 200: Abonnement },
        },
      },
      async (req) =>
        abonnement(await service.updateAbonnement(caller(req), req.params.uuid, req.body as AbonnementInput)),
    );
  }

  app.delete(
    '/abonnement/:uuid',
    {
      config: nrc([CONSUMEREN]),
      schema: {
        operationId: 'abonnement_delete',
        description: 'Verwijder een ABONNEMENT: het krijgt daarna geen notificaties meer.',
        tags: ['abonnement'],
        params: UuidParams,
      },
    },
    async (req, reply) => {
      await service.deleteAbonnement(caller(req), req.params.uuid);
      return reply.status(204).send();
    },
  );

  app.get(
    '/abonnement/:uuid/afleveringen',
    {
      config: nrc([CONSUMEREN]),
      schema: {
        operationId: 'abonnement_afleveringen',
        summary: 'Loket-uitbreiding: de afleverpogingen van dit abonnement, nieuwste eerst.',
        description:
          'Geen onderdeel van de Notificaties API 1.0.0. Elke poging om een notificatie af te leveren, met het antwoord van de abonnee. Mislukte pogingen worden herhaald (met steeds langere tussenpozen) tot de abonnee de notificatie aanneemt.',
        tags: ['loket-uitbreidingen'],
        params: UuidParams,
        querystring: AfleveringQuery,
        response: { 200: AfleveringPage },
      },
    },
    async (req) => {
      const page = req.query.page ?? 1;
      const result = await service.afleveringen(caller(req), req.params.uuid, page);
      const rows = result.rows.map((r) => ({
        notificatie: { kanaal: r.kanaal, resourceUrl: r.resourceUrl, actie: r.actie },
        poging: r.poging,
        geslaagd: r.geslaagd,
        statuscode: r.statusCode,
        fout: r.fout,
        duurMs: r.duurMs,
        tijdstip: r.tijdstip.toISOString(),
      }));
      return pageOf(rows, result.count, page, `${baseUrl}${req.url}`);
    },
  );

  app.post(
    '/notificaties',
    {
      config: nrc([PUBLICEREN]),
      schema: {
        operationId: 'notificaties_create',
        description:
          'Publiceer een notificatie. Het kanaal moet bestaan; de notificatie wordt daarna ten minste één keer afgeleverd bij elk abonnement op het kanaal waarvan de filters passen.',
        tags: ['notificaties'],
        body: Message,
        response: { 200: Message },
      },
    },
    async (req) => service.publish(caller(req), req.body as ZgwNotification),
  );
}
