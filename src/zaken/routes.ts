import type { FastifyReply, FastifyRequest } from 'fastify';
import { problems } from '../platform/http/problem.ts';
import type { App } from '../platform/http/server.ts';
import { getAudit, listAudit } from '../zgw/audittrail.ts';
import { sendDetail } from '../zgw/etag.ts';
import { PAGE_SIZE, PageWriter, pageOf } from '../zgw/pagination.ts';
import { expandAll, parseExpand } from './expand.ts';
import {
  AANMAKEN,
  BIJWERKEN,
  CRS,
  caller,
  created,
  LEZEN,
  requireCrs,
  TOEVOEGEN,
  VERWIJDEREN,
} from './http.ts';
import { zaakUrl } from './json.ts';
import type { ChildKind } from './kinds.ts';
import { listChildren } from './part-lists.ts';
import { pathId } from './parts.ts';
import {
  UuidParams,
  ZaakBesluitBody,
  ZaakBody,
  ZaakChildParams,
  ZaakEigenschapBody,
  ZaakEigenschapPatch,
  ZaakParams,
  ZaakPatch,
  ZaakQuery,
  ZaakReadQuery,
  ZaakZoekBody,
  ZoekQuery,
} from './schemas.ts';
import { createChild, deleteChild, readChild, updateChild } from './service-children.ts';
import { deleteZaak, updateZaak } from './service-update.ts';
import { createZaak, listZaken, listZakenJson, readZaak, type ZakenContext } from './service-zaak.ts';

/** The zaak itself: /zaken, /zaken/_zoek, /zaken/{uuid}, its audit trail, zaakeigenschappen and besluiten. */

const acceptCrs = async (req: FastifyRequest) => requireCrs(req, 'accept-crs');
const contentCrs = async (req: FastifyRequest) => requireCrs(req, 'content-crs');
type Query = Record<string, unknown>;
/** What a page of zaken takes, about: 100 zaken of 1.3–1.4 kB JSON each. */
const PAGE_BYTES = PAGE_SIZE * 1600;
/** A body that is JSON bytes already goes out as it is. */
const sendJson = (reply: FastifyReply, body: Buffer | object) =>
  Buffer.isBuffer(body) ? reply.type('application/json; charset=utf-8').send(body) : reply.send(body);

export function registerZaakRoutes(app: App, ctx: ZakenContext): void {
  const tags = ['zaken'];
  // Without expand the page is the zaken's stored JSON joined (doc.ts); with it, objects to expand into.
  const page = async (req: FastifyRequest, filters: Query, pageNo: number) => {
    const who = caller(req);
    const expand = parseExpand(filters.expand);
    const requestUrl = `${ctx.baseUrl}${req.url}`;
    if (!expand) {
      const out = new PageWriter(pageNo, requestUrl, PAGE_BYTES);
      await listZakenJson(ctx, who, filters, pageNo, out);
      return out.finish();
    }
    const { count, results } = await listZaken(ctx, who, filters, pageNo);
    await expandAll(ctx, ctx.db, who, results, expand);
    return pageOf(results, count, pageNo, requestUrl);
  };
  app.get(
    '/zaken',
    {
      config: LEZEN,
      preValidation: acceptCrs,
      schema: { operationId: 'zaak_list', tags, querystring: ZaakQuery },
    },
    async (req, reply) => {
      const q = req.query as Query;
      const body = await page(req, q, (q.page as number) ?? 1);
      return sendJson(reply.header('content-crs', CRS), body);
    },
  );
  app.post(
    '/zaken/_zoek',
    {
      config: LEZEN,
      preValidation: acceptCrs,
      schema: { operationId: 'zaak__zoek', tags, querystring: ZoekQuery, body: ZaakZoekBody },
    },
    async (req, reply) => {
      const body = await page(req, req.body as Query, ((req.query as Query).page as number) ?? 1);
      return sendJson(reply.header('content-crs', CRS), body);
    },
  );
  app.post(
    '/zaken',
    {
      config: AANMAKEN,
      preValidation: contentCrs,
      schema: { operationId: 'zaak_create', tags, body: ZaakBody },
    },
    async (req, reply) => created(reply, await createZaak(ctx, caller(req), req.body as Query), true),
  );
  app.get(
    '/zaken/:uuid',
    {
      config: LEZEN,
      preValidation: acceptCrs,
      schema: { operationId: 'zaak_retrieve', tags, params: UuidParams, querystring: ZaakReadQuery },
    },
    async (req, reply) => {
      const who = caller(req);
      const zaak = await readZaak(ctx, who, pathId((req.params as { uuid: string }).uuid));
      await expandAll(ctx, ctx.db, who, [zaak], parseExpand((req.query as Query).expand));
      reply.header('content-crs', CRS);
      return sendDetail(req, reply, zaak);
    },
  );
  for (const [method, partial] of [
    ['PUT', false],
    ['PATCH', true],
  ] as const)
    app.route({
      method,
      url: '/zaken/:uuid',
      config: BIJWERKEN,
      preValidation: contentCrs,
      schema: {
        operationId: partial ? 'zaak_partial_update' : 'zaak_update',
        tags,
        params: UuidParams,
        body: partial ? ZaakPatch : ZaakBody,
      },
      handler: async (req, reply) => {
        const id = pathId((req.params as { uuid: string }).uuid);
        const body = await updateZaak(ctx, caller(req), id, req.body as Query, partial);
        return reply.header('content-crs', CRS).send(body);
      },
    });
  app.delete(
    '/zaken/:uuid',
    { config: VERWIJDEREN, schema: { operationId: 'zaak_destroy', tags, params: UuidParams } },
    async (req, reply) => {
      await deleteZaak(ctx, caller(req), pathId((req.params as { uuid: string }).uuid));
      return reply.status(204).send();
    },
  );

  app.get(
    '/zaken/:zaak_uuid/audittrail',
    { config: LEZEN, schema: { operationId: 'audittrail_list', tags, params: ZaakParams } },
    async (req) => {
      const id = pathId((req.params as { zaak_uuid: string }).zaak_uuid);
      await readZaak(ctx, caller(req), id);
      return listAudit(ctx.db, zaakUrl(ctx.baseUrl, id));
    },
  );
  app.get(
    '/zaken/:zaak_uuid/audittrail/:uuid',
    { config: LEZEN, schema: { operationId: 'audittrail_retrieve', tags, params: ZaakChildParams } },
    async (req, reply) => {
      const p = req.params as { zaak_uuid: string; uuid: string };
      await readZaak(ctx, caller(req), pathId(p.zaak_uuid));
      const entry = await getAudit(ctx.db, zaakUrl(ctx.baseUrl, pathId(p.zaak_uuid)), pathId(p.uuid));
      if (!entry) throw problems.notFound();
      return sendDetail(req, reply, entry);
    },
  );

  registerNested(app, ctx, 'zaakeigenschap', 'zaakeigenschappen', {
    create: ZaakEigenschapBody,
    patch: ZaakEigenschapPatch,
  });
  registerNested(app, ctx, 'zaakbesluit', 'besluiten', { create: ZaakBesluitBody });
}

/** Parts that live under their zaak's URL: /zaken/{zaak_uuid}/zaakeigenschappen, …/besluiten. */
function registerNested(
  app: App,
  ctx: ZakenContext,
  kind: ChildKind,
  path: string,
  schemas: { create: object; patch?: object },
) {
  const tags = ['zaken'];
  const op = kind;
  const zaakOf = (req: FastifyRequest) => pathId((req.params as { zaak_uuid: string }).zaak_uuid);
  const ids = (req: FastifyRequest) => {
    const p = req.params as { zaak_uuid: string; uuid: string };
    return { zaakId: pathId(p.zaak_uuid), id: pathId(p.uuid) };
  };
  app.get(
    `/zaken/:zaak_uuid/${path}`,
    { config: LEZEN, schema: { operationId: `${op}_list`, tags, params: ZaakParams } },
    async (req) => {
      const zaakId = zaakOf(req);
      await readZaak(ctx, caller(req), zaakId);
      return (await listChildren(ctx, caller(req), kind, {}, undefined, zaakId)).results;
    },
  );
  app.post(
    `/zaken/:zaak_uuid/${path}`,
    {
      config: TOEVOEGEN,
      schema: { operationId: `${op}_create`, tags, params: ZaakParams, body: schemas.create },
    },
    async (req, reply) =>
      created(reply, await createChild(ctx, caller(req), kind, req.body as Query, zaakOf(req))),
  );
  app.get(
    `/zaken/:zaak_uuid/${path}/:uuid`,
    { config: LEZEN, schema: { operationId: `${op}_retrieve`, tags, params: ZaakChildParams } },
    async (req, reply) => {
      const { zaakId, id } = ids(req);
      return sendDetail(req, reply, await readChild(ctx, caller(req), kind, id, zaakId));
    },
  );
  if (schemas.patch)
    for (const [method, partial] of [
      ['PUT', false],
      ['PATCH', true],
    ] as const)
      app.route({
        method,
        url: `/zaken/:zaak_uuid/${path}/:uuid`,
        config: BIJWERKEN,
        schema: {
          operationId: `${op}_${partial ? 'partial_update' : 'update'}`,
          tags,
          params: ZaakChildParams,
          body: partial ? schemas.patch : schemas.create,
        },
        handler: async (req) => {
          const { zaakId, id } = ids(req);
          return updateChild(ctx, caller(req), kind, id, req.body as Query, partial, zaakId);
        },
      });
  app.delete(
    `/zaken/:zaak_uuid/${path}/:uuid`,
    { config: TOEVOEGEN, schema: { operationId: `${op}_destroy`, tags, params: ZaakChildParams } },
    async (req, reply) => {
      const { zaakId, id } = ids(req);
      await deleteChild(ctx, caller(req), kind, id, zaakId);
      return reply.status(204).send();
    },
  );
}
