import type { FastifyRequest } from 'fastify';
import type { TSchema } from 'typebox';
import { Type } from 'typebox';
import type { App } from '../platform/http/server.ts';
import { sendDetail } from '../zgw/etag.ts';
import { PageQuery, pageOf } from '../zgw/pagination.ts';
import { BIJWERKEN, caller, created, LEZEN, STATUS, TOEVOEGEN } from './http.ts';
import type { ChildKind } from './kinds.ts';
import { listChildren, listResultaten, listRollen, listStatussen } from './part-lists.ts';
import { pathId } from './parts.ts';
import {
  KlantContactBody,
  ResultaatBody,
  ResultaatPatch,
  RolBody,
  StatusBody,
  UuidParams,
  ZaakContactMomentBody,
  ZaakObjectBody,
  ZaakObjectPatch,
  ZaakVerzoekBody,
  ZioBody,
  ZioPatch,
} from './schemas.ts';
import { createChild, deleteChild, readChild, updateChild } from './service-children.ts';
import { createResultaat, deleteResultaat, readResultaat, updateResultaat } from './service-resultaat.ts';
import { createRol, deleteRol, readRol } from './service-rol.ts';
import { createStatus, readStatus } from './service-status.ts';
import type { Caller, ZakenContext } from './types.ts';

/** The parts of a zaak with their own URL: statussen, resultaten, rollen, zaakobjecten, … */

type Query = Record<string, unknown>;
type Json = Record<string, unknown>;
const filters = (names: string[], paged: boolean) =>
  Type.Object({
    ...(paged ? { page: PageQuery } : {}),
    ...Object.fromEntries(names.map((n) => [n, Type.Optional(Type.String())])),
  });

interface Part {
  path: string;
  op: string;
  /** Query filters; `paged`: the list is `{count, next, previous, results}`, else a plain array. */
  query: TSchema;
  paged: boolean;
  list(caller: Caller, q: Query, page: number | undefined): Promise<{ count: number; results: Json[] }>;
  read(caller: Caller, id: string): Promise<Json>;
  create: {
    schema: TSchema;
    access: typeof TOEVOEGEN;
    run(caller: Caller, body: Query): Promise<{ url: string }>;
  };
  update?: {
    put: TSchema;
    patch: TSchema;
    run(caller: Caller, id: string, body: Query, partial: boolean): Promise<Json>;
  };
  remove?(caller: Caller, id: string): Promise<void>;
}

function registerPart(app: App, baseUrl: string, p: Part) {
  const tags = [p.path.slice(1)];
  const id = (req: FastifyRequest) => pathId((req.params as { uuid: string }).uuid);
  app.get(
    p.path,
    { config: LEZEN, schema: { operationId: `${p.op}_list`, tags, querystring: p.query } },
    async (req) => {
      const q = req.query as Query;
      const pageNo = p.paged ? ((q.page as number) ?? 1) : undefined;
      const { count, results } = await p.list(caller(req), q, pageNo);
      return pageNo === undefined ? results : pageOf(results, count, pageNo, `${baseUrl}${req.url}`);
    },
  );
  app.post(
    p.path,
    { config: p.create.access, schema: { operationId: `${p.op}_create`, tags, body: p.create.schema } },
    async (req, reply) => created(reply, await p.create.run(caller(req), req.body as Query)),
  );
  app.get(
    `${p.path}/:uuid`,
    { config: LEZEN, schema: { operationId: `${p.op}_retrieve`, tags, params: UuidParams } },
    async (req, reply) => sendDetail(req, reply, await p.read(caller(req), id(req))),
  );
  const update = p.update;
  if (update)
    for (const [method, partial] of [
      ['PUT', false],
      ['PATCH', true],
    ] as const)
      app.route({
        method,
        url: `${p.path}/:uuid`,
        config: BIJWERKEN,
        schema: {
          operationId: `${p.op}_${partial ? 'partial_update' : 'update'}`,
          tags,
          params: UuidParams,
          body: partial ? update.patch : update.put,
        },
        handler: async (req) => update.run(caller(req), id(req), req.body as Query, partial),
      });
  const remove = p.remove;
  if (remove)
    app.delete(
      `${p.path}/:uuid`,
      { config: TOEVOEGEN, schema: { operationId: `${p.op}_destroy`, tags, params: UuidParams } },
      async (req, reply) => {
        await remove(caller(req), id(req));
        return reply.status(204).send();
      },
    );
}

/** A simple kind (kinds.ts) as a part with its own URL. */
function childPart(
  ctx: ZakenContext,
  kind: ChildKind,
  path: string,
  opts: {
    query: string[];
    paged: boolean;
    create: TSchema;
    update?: { put: TSchema; patch: TSchema };
    remove: boolean;
  },
): Part {
  return {
    path,
    op: kind,
    query: filters(['zaak', ...opts.query], opts.paged),
    paged: opts.paged,
    list: (c, q, page) => listChildren(ctx, c, kind, q, page),
    read: (c, id) => readChild(ctx, c, kind, id),
    create: { schema: opts.create, access: TOEVOEGEN, run: (c, body) => createChild(ctx, c, kind, body) },
    update: opts.update && {
      ...opts.update,
      run: (c, id, body, partial) => updateChild(ctx, c, kind, id, body, partial),
    },
    remove: opts.remove ? (c, id) => deleteChild(ctx, c, kind, id) : undefined,
  };
}

const ROL_FILTERS = [
  'zaak',
  'betrokkene',
  'betrokkeneType',
  'betrokkeneIdentificatie__natuurlijkPersoon__inpBsn',
  'betrokkeneIdentificatie__natuurlijkPersoon__anpIdentificatie',
  'betrokkeneIdentificatie__natuurlijkPersoon__inpA_nummer',
  'betrokkeneIdentificatie__nietNatuurlijkPersoon__innNnpId',
  'betrokkeneIdentificatie__nietNatuurlijkPersoon__annIdentificatie',
  'betrokkeneIdentificatie__vestiging__vestigingsNummer',
  'betrokkeneIdentificatie__organisatorischeEenheid__identificatie',
  'betrokkeneIdentificatie__medewerker__identificatie',
  'roltype',
  'omschrijving',
  'omschrijvingGeneriek',
];

export function registerPartRoutes(app: App, ctx: ZakenContext): void {
  const parts: Part[] = [
    {
      path: '/statussen',
      op: 'status',
      query: filters(['zaak', 'statustype', 'indicatieLaatstGezetteStatus'], true),
      paged: true,
      list: (c, q, page) => listStatussen(ctx, c, q, page ?? 1),
      read: (c, id) => readStatus(ctx, c, id),
      create: { schema: StatusBody, access: STATUS, run: (c, body) => createStatus(ctx, c, body) },
    },
    {
      path: '/resultaten',
      op: 'resultaat',
      query: filters(['zaak', 'resultaattype'], true),
      paged: true,
      list: (c, q, page) => listResultaten(ctx, c, q, page ?? 1),
      read: (c, id) => readResultaat(ctx, c, id),
      create: { schema: ResultaatBody, access: BIJWERKEN, run: (c, body) => createResultaat(ctx, c, body) },
      update: {
        put: ResultaatBody,
        patch: ResultaatPatch,
        run: (c, id, body, partial) => updateResultaat(ctx, c, id, body, partial),
      },
      remove: (c, id) => deleteResultaat(ctx, c, id),
    },
    {
      path: '/rollen',
      op: 'rol',
      query: filters(ROL_FILTERS, true),
      paged: true,
      list: (c, q, page) => listRollen(ctx, c, q, page ?? 1),
      read: (c, id) => readRol(ctx, c, id),
      create: { schema: RolBody, access: TOEVOEGEN, run: (c, body) => createRol(ctx, c, body) },
      remove: (c, id) => deleteRol(ctx, c, id),
    },
    childPart(ctx, 'zaakobject', '/zaakobjecten', {
      query: ['object', 'objectType'],
      paged: true,
      create: ZaakObjectBody,
      update: { put: ZaakObjectBody, patch: ZaakObjectPatch },
      remove: true,
    }),
    childPart(ctx, 'klantcontact', '/klantcontacten', {
      query: [],
      paged: true,
      create: KlantContactBody,
      remove: false,
    }),
    childPart(ctx, 'zaakinformatieobject', '/zaakinformatieobjecten', {
      query: ['informatieobject'],
      paged: false,
      create: ZioBody,
      update: { put: ZioBody, patch: ZioPatch },
      remove: true,
    }),
    childPart(ctx, 'zaakcontactmoment', '/zaakcontactmomenten', {
      query: ['contactmoment'],
      paged: false,
      create: ZaakContactMomentBody,
      remove: true,
    }),
    childPart(ctx, 'zaakverzoek', '/zaakverzoeken', {
      query: ['verzoek'],
      paged: false,
      create: ZaakVerzoekBody,
      remove: true,
    }),
  ];
  for (const p of parts) registerPart(app, ctx.baseUrl, p);
}
