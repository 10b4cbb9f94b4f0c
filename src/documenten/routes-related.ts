import type { FastifyRequest } from 'fastify';
import type { TSchema } from 'typebox';
import { Type } from 'typebox';
import type { App } from '../platform/http/server.ts';
import { pageOf, pageSchema } from '../zgw/pagination.ts';
import { type Caller, callerOf, type DocumentenContext } from './context.ts';
import {
  createGebruiksrechten,
  deleteGebruiksrechten,
  listGebruiksrechten,
  readGebruiksrechten,
  updateGebruiksrechten,
} from './gebruiksrechten.ts';
import { createRelation, deleteRelation, listRelations, readRelation } from './objectinformatieobjecten.ts';
import {
  AANMAKEN,
  BIJWERKEN,
  created,
  detailRoutes,
  idOf,
  LEZEN,
  Uuid,
  VERWIJDEREN,
} from './route-support.ts';
import {
  Gebruiksrechten,
  GebruiksrechtenBody,
  GebruiksrechtenPatch,
  GebruiksrechtenQuery,
  ObjectInformatieObject,
  ObjectInformatieObjectBody,
  ObjectInformatieObjectQuery,
} from './schemas.ts';
import {
  createVerzending,
  deleteVerzending,
  listVerzendingen,
  readVerzending,
  updateVerzending,
  Verzending,
  VerzendingBody,
  VerzendingPatch,
  VerzendingQuery,
} from './verzendingen.ts';

type Body = Record<string, unknown>;
type Ctx = DocumentenContext;

/** One resource that hangs off a document: its list, create, detail and (optionally) update and delete. */
interface Related {
  path: string;
  op: string;
  name: string;
  item: TSchema;
  query: TSchema;
  body: TSchema;
  patch?: TSchema;
  /** Paginated like the spec says for verzendingen; gebruiksrechten and relations are plain arrays. */
  paginated: boolean;
  list(ctx: Ctx, caller: Caller, q: Body): Promise<unknown[] | { count: number; results: unknown[] }>;
  create(ctx: Ctx, caller: Caller, body: Body): Promise<{ url: string }>;
  read(ctx: Ctx, caller: Caller, id: string): Promise<unknown>;
  update?(ctx: Ctx, caller: Caller, id: string, body: Body, partial: boolean): Promise<unknown>;
  remove(ctx: Ctx, caller: Caller, id: string): Promise<void>;
}

function registerRelated(app: App, ctx: Ctx, r: Related): void {
  const tags = [r.path.slice(1)];
  const detail = `${r.path}/:uuid`;
  app.get(
    r.path,
    {
      config: LEZEN,
      schema: {
        operationId: `${r.op}_list`,
        summary: `Alle ${r.name} opvragen.`,
        tags,
        querystring: r.query,
        response: { 200: r.paginated ? pageSchema(r.item as never) : Type.Array(r.item) },
      },
    },
    async (req: FastifyRequest) => {
      const q = req.query as Body;
      const found = await r.list(ctx, callerOf(req), q);
      if (Array.isArray(found)) return found as never;
      return pageOf(
        found.results,
        found.count,
        (q.page as number | undefined) ?? 1,
        `${ctx.baseUrl}${req.url}`,
      ) as never;
    },
  );
  app.post(
    r.path,
    {
      config: AANMAKEN,
      schema: {
        operationId: `${r.op}_create`,
        summary: `Maak ${r.name} aan.`,
        tags,
        body: r.body,
        response: { 201: r.item },
      },
    },
    async (req, reply) => created(reply, await r.create(ctx, callerOf(req), req.body as Body)),
  );
  detailRoutes(
    app,
    detail,
    { op: r.op, tag: tags[0] as string, summary: `Een specifieke ${r.name} opvragen.`, item: r.item },
    (req) => r.read(ctx, callerOf(req), idOf(req)),
  );
  const update = r.update;
  if (update && r.patch)
    for (const partial of [false, true])
      app.route({
        method: partial ? 'PATCH' : 'PUT',
        url: detail,
        config: BIJWERKEN,
        schema: {
          operationId: `${r.op}_${partial ? 'partial_update' : 'update'}`,
          summary: `Werk ${r.name} ${partial ? 'deels' : 'in zijn geheel'} bij.`,
          tags,
          params: Uuid,
          body: partial ? r.patch : r.body,
          response: { 200: r.item },
        },
        handler: async (req) => update(ctx, callerOf(req), idOf(req), req.body as Body, partial) as never,
      });
  app.delete(
    detail,
    {
      config: VERWIJDEREN,
      schema: { operationId: `${r.op}_destroy`, summary: `Verwijder ${r.name}.`, tags, params: Uuid },
    },
    async (req, reply) => {
      await r.remove(ctx, callerOf(req), idOf(req));
      return reply.status(204).send();
    },
  );
}

export function registerRelatedRoutes(app: App, ctx: Ctx): void {
  registerRelated(app, ctx, {
    path: '/gebruiksrechten',
    op: 'gebruiksrechten',
    name: 'GEBRUIKSRECHTen',
    item: Gebruiksrechten,
    query: GebruiksrechtenQuery,
    body: GebruiksrechtenBody,
    patch: GebruiksrechtenPatch,
    paginated: false,
    list: listGebruiksrechten,
    create: createGebruiksrechten,
    read: readGebruiksrechten,
    update: updateGebruiksrechten,
    remove: deleteGebruiksrechten,
  });
  registerRelated(app, ctx, {
    path: '/objectinformatieobjecten',
    op: 'objectinformatieobject',
    name: 'OBJECT-INFORMATIEOBJECT relaties',
    item: ObjectInformatieObject,
    query: ObjectInformatieObjectQuery,
    body: ObjectInformatieObjectBody,
    paginated: false,
    list: listRelations,
    create: createRelation,
    read: readRelation,
    remove: deleteRelation,
  });
  registerRelated(app, ctx, {
    path: '/verzendingen',
    op: 'verzending',
    name: 'VERZENDINGen',
    item: Verzending,
    query: VerzendingQuery,
    body: VerzendingBody,
    patch: VerzendingPatch,
    paginated: true,
    list: listVerzendingen,
    create: createVerzending,
    read: readVerzending,
    update: updateVerzending,
    remove: deleteVerzending,
  });
}
