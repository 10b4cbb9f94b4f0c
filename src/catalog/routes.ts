import type { FastifyReply, FastifyRequest } from 'fastify';
import type { TSchema } from 'typebox';
import type { Db } from '../platform/db/database.ts';
import { Problem, problems } from '../platform/http/problem.ts';
import type { App } from '../platform/http/server.ts';
import { authorisationsOf } from '../zgw/auth.ts';
import { sendDetail } from '../zgw/etag.ts';
import { pageOf, pageSchema } from '../zgw/pagination.ts';
import type { ListCache } from './cache.ts';
import { UuidParams } from './schemas.ts';
import type { CatalogContext } from './service.ts';
import { type Caller, callerOf, SCOPES } from './support.ts';

export const CATALOGI_API_VERSION = '1.3.1';

const access = (scopes: string[]) => ({ auth: 'zgw' as const, zgw: { component: 'ztc' as const, scopes } });
const LEZEN = access([SCOPES.lezen]);
const SCHRIJVEN = access([SCOPES.schrijven, SCOPES.geforceerdSchrijven]);
const VERWIJDEREN = access([SCOPES.schrijven, SCOPES.geforceerdSchrijven, SCOPES.geforceerdVerwijderen]);

type Json = object;
type Query = Record<string, unknown>;

/** One resource of the Catalogi API: its schemas, its texts and the service functions behind it. */
export interface ResourceRoutes {
  /** e.g. `/zaaktypen` */
  path: string;
  /** operationId prefix, e.g. `zaaktype` */
  op: string;
  /** Name in the texts, e.g. `ZAAKTYPE` */
  name: string;
  item: TSchema;
  query: TSchema;
  readQuery?: TSchema;
  body?: TSchema;
  patch?: TSchema;
  /** Extra words for the create/update descriptions (what is validated). */
  rules?: string;
  list(ctx: CatalogContext, q: Query): Promise<{ count: number; results: Json[] }>;
  read(ctx: CatalogContext, id: string, q: Query): Promise<Json>;
  create?(ctx: CatalogContext, caller: Caller, body: never): Promise<Json>;
  update?(ctx: CatalogContext, caller: Caller, id: string, body: never, partial: boolean): Promise<Json>;
  remove?(ctx: CatalogContext, caller: Caller, id: string): Promise<void>;
  publish?(ctx: CatalogContext, caller: Caller, id: string): Promise<Json>;
}

function caller(req: FastifyRequest): Caller {
  if (!req.apiClient) throw problems.notAuthenticated();
  return callerOf(req.apiClient.organisationId, authorisationsOf(req), req.id);
}

export function registerResource(app: App, ctx: CatalogContext, cache: ListCache, r: ResourceRoutes): void {
  const tags = [r.path.slice(1)];
  const detail = `${r.path}/:uuid`;
  ctx.local?.register('catalogi', r.path.slice(1), async (db, id) => {
    try {
      return (await r.read({ ...ctx, db: db as Db }, id, {})) as Record<string, unknown>;
    } catch (err) {
      if (err instanceof Problem && err.status === 404) return null;
      throw err;
    }
  });
  const params = UuidParams;

  app.get(
    r.path,
    {
      config: LEZEN,
      schema: {
        operationId: `${r.op}_list`,
        summary: `Alle ${r.name}en opvragen.`,
        description: 'Deze lijst kan gefilterd worden met query-string parameters.',
        tags,
        querystring: r.query,
        response: {
          200: pageSchema(r.item as ReturnType<typeof pageSchema>['properties']['results']['items']),
        },
      },
    },
    async (req, reply) => {
      const q = req.query as Query;
      const body = await cache.get(`${r.path} ${req.url}`, async () => {
        const page = (q.page as number | undefined) ?? 1;
        const result = await r.list(ctx, q);
        return pageOf(result.results, result.count, page, `${ctx.baseUrl}${req.url}`);
      });
      reply.type('application/json; charset=utf-8').header('vary', 'accept-encoding');
      // A page of 100 types is ~130 kB; gzipped ~10 kB. Clients that accept gzip (nearly all) get that.
      if (/\bgzip\b/.test(req.headers['accept-encoding'] ?? ''))
        return reply.header('content-encoding', 'gzip').send(body.gzip as never);
      return reply.send(body.raw as never);
    },
  );

  const readHandler = async (req: FastifyRequest, reply: FastifyReply) =>
    sendDetail(
      req,
      reply,
      await r.read(ctx, (req.params as { uuid: string }).uuid, (req.query ?? {}) as Query),
    );
  app.get(
    detail,
    {
      config: LEZEN,
      exposeHeadRoute: false,
      schema: {
        operationId: `${r.op}_retrieve`,
        summary: `Een specifieke ${r.name} opvragen.`,
        tags,
        params,
        ...(r.readQuery ? { querystring: r.readQuery } : {}),
        response: { 200: r.item },
      },
    },
    readHandler,
  );
  app.head(
    detail,
    {
      config: { ...LEZEN, swagger: { exposeHeadRoute: true } } as typeof LEZEN,
      schema: {
        summary: `De headers voor een specifiek(e) ${r.name} opvragen`,
        description: 'Vraag de headers op die je bij een GET request zou krijgen.',
        tags,
        params,
        ...(r.readQuery ? { querystring: r.readQuery } : {}),
      },
    },
    readHandler,
  );

  if (r.create && r.body) {
    const create = r.create;
    app.post(
      r.path,
      {
        config: SCHRIJVEN,
        schema: {
          operationId: `${r.op}_create`,
          summary: `Maak een ${r.name} aan.`,
          description: r.rules,
          tags,
          body: r.body,
          response: { 201: r.item },
        },
      },
      async (req, reply) => {
        const created = (await create(ctx, caller(req), req.body as never)) as { url: string };
        return reply.status(201).header('location', created.url).send(created);
      },
    );
  }
  if (r.update && r.body && r.patch) {
    const update = r.update;
    app.put(
      detail,
      {
        config: SCHRIJVEN,
        schema: {
          operationId: `${r.op}_update`,
          summary: `Werk een ${r.name} in zijn geheel bij.`,
          description: r.rules,
          tags,
          params,
          body: r.body,
          response: { 200: r.item },
        },
      },
      async (req) =>
        update(ctx, caller(req), (req.params as { uuid: string }).uuid, req.body as never, false),
    );
    app.patch(
      detail,
      {
        config: SCHRIJVEN,
        schema: {
          operationId: `${r.op}_partial_update`,
          summary: `Werk een ${r.name} deels bij.`,
          description: r.rules,
          tags,
          params,
          body: r.patch,
          response: { 200: r.item },
        },
      },
      async (req) => update(ctx, caller(req), (req.params as { uuid: string }).uuid, req.body as never, true),
    );
  }
  if (r.remove) {
    const remove = r.remove;
    app.delete(
      detail,
      {
        config: VERWIJDEREN,
        schema: {
          operationId: `${r.op}_destroy`,
          summary: `Verwijder een ${r.name}.`,
          description:
            'Dit kan alleen zolang het (bijbehorende) type een concept is, tenzij u de scope `catalogi.geforceerd-schrijven` heeft.',
          tags,
          params,
          response: { 204: { type: 'null', description: 'Verwijderd.' } },
        },
      },
      async (req, reply) => {
        await remove(ctx, caller(req), (req.params as { uuid: string }).uuid);
        return reply.status(204).send(null);
      },
    );
  }
  if (r.publish) {
    const publish = r.publish;
    app.post(
      `${detail}/publish`,
      {
        config: SCHRIJVEN,
        schema: {
          operationId: `${r.op}_publish`,
          summary: `Publiceer het concept ${r.name}.`,
          description:
            'Na het publiceren zijn geen inhoudelijke wijzigingen meer mogelijk, behalve het zetten van de einddatum van de geldigheid. Wijzigen kan daarna alleen via een nieuwe versie.',
          tags,
          params,
          response: { 200: r.item },
        },
      },
      async (req) => publish(ctx, caller(req), (req.params as { uuid: string }).uuid),
    );
  }
}
