import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { inTransaction } from '../platform/db/transaction.ts';
import { problems } from '../platform/http/problem.ts';
import type { App } from '../platform/http/server.ts';
import { getAudit, listAudit } from '../zgw/audittrail.ts';
import { sendDetail } from '../zgw/etag.ts';
import { pageOf, pageSchema } from '../zgw/pagination.ts';
import { expandJson } from './expand.ts';
import { besluitJson, besluitUrl } from './repository.ts';
import {
  AuditEntryParams,
  AuditParams,
  Besluit,
  BesluitBody,
  BesluitInformatieObject,
  BesluitPatch,
  BesluitQuery,
  BioBody,
  BioPatch,
  BioQuery,
  ReadQuery,
  UuidParams,
} from './schemas.ts';
import {
  type BesluitInput,
  createBesluit,
  deleteBesluit,
  listBesluiten,
  readBesluit,
  updateBesluit,
} from './service-besluit.ts';
import { type BioInput, createBio, deleteBio, listBios, readBio, updateBio } from './service-bio.ts';
import { type BesluitenContext, callerOf, pathId, SCOPES } from './support.ts';

const access = (scopes: string[]) => ({ auth: 'zgw' as const, zgw: { component: 'brc' as const, scopes } });
const LEZEN = access([SCOPES.lezen]);
const AANMAKEN = access([SCOPES.aanmaken]);
const BIJWERKEN = access([SCOPES.bijwerken]);
const VERWIJDEREN = access([SCOPES.verwijderen]);
const AUDITTRAILS = access([SCOPES.audittrails]);
const BESLUIT_EXPAND = ['besluittype', 'zaak'] as const;
const BIO_EXPAND = ['informatieobject', 'besluit'] as const;
const NO_CONTENT = { 204: { type: 'null', description: 'Verwijderd.' } };

const uuidOf = (req: FastifyRequest, param = 'uuid') => pathId((req.params as Record<string, string>)[param]);
const expandOf = (req: FastifyRequest) => (req.query as { expand?: string } | undefined)?.expand;

export function registerBesluitenRoutes(app: App, ctx: BesluitenContext): void {
  const expand = <T extends object>(req: FastifyRequest, json: T, fields: readonly string[]) =>
    expandJson({ ...ctx, caller: callerOf(req) }, json, expandOf(req), fields);
  const tags = ['besluiten'];

  app.get(
    '/besluiten',
    {
      config: LEZEN,
      schema: {
        operationId: 'besluit_list',
        summary: 'Alle BESLUITen opvragen.',
        tags,
        querystring: BesluitQuery,
        response: { 200: pageSchema(Besluit) },
      },
    },
    async (req) => {
      const q = req.query as Record<string, unknown>;
      const { count, results } = await listBesluiten(ctx, callerOf(req), q);
      const json = await Promise.all(
        results.map((b) => expand(req, besluitJson(ctx.baseUrl, b), BESLUIT_EXPAND)),
      );
      return pageOf(json, count, (q.page as number | undefined) ?? 1, `${ctx.baseUrl}${req.url}`);
    },
  );
  app.post(
    '/besluiten',
    {
      config: AANMAKEN,
      schema: {
        operationId: 'besluit_create',
        summary: 'Maak een BESLUIT aan.',
        tags,
        body: BesluitBody,
        response: { 201: Besluit },
      },
    },
    async (req, reply) => {
      const json = await inTransaction(ctx.db, (trx) =>
        createBesluit(trx, ctx, callerOf(req), req.body as BesluitInput),
      );
      return reply.status(201).header('location', json.url).send(json);
    },
  );
  app.get(
    '/besluiten/:uuid',
    {
      config: LEZEN,
      schema: {
        operationId: 'besluit_read',
        summary: 'Een specifiek BESLUIT opvragen.',
        tags,
        params: UuidParams,
        querystring: ReadQuery,
        response: { 200: Besluit },
      },
    },
    async (req, reply) => {
      const b = await readBesluit(ctx.db, callerOf(req), uuidOf(req));
      return sendDetail(req, reply, await expand(req, besluitJson(ctx.baseUrl, b), BESLUIT_EXPAND));
    },
  );
  for (const [method, partial] of [
    ['PUT', false],
    ['PATCH', true],
  ] as const) {
    app.route({
      method,
      url: '/besluiten/:uuid',
      config: BIJWERKEN,
      schema: {
        operationId: partial ? 'besluit_partial_update' : 'besluit_update',
        summary: partial ? 'Werk een BESLUIT deels bij.' : 'Werk een BESLUIT in zijn geheel bij.',
        tags,
        params: UuidParams,
        body: partial ? BesluitPatch : BesluitBody,
        response: { 200: Besluit },
      },
      handler: async (req) =>
        updateBesluit(ctx, callerOf(req), uuidOf(req), req.body as BesluitInput, partial),
    });
  }
  app.delete(
    '/besluiten/:uuid',
    {
      config: VERWIJDEREN,
      schema: {
        operationId: 'besluit_delete',
        summary: 'Verwijder een BESLUIT.',
        description:
          'Verwijder een BESLUIT samen met alle gerelateerde resources binnen deze API: de BESLUITINFORMATIEOBJECTen en de audit trail.',
        tags,
        params: UuidParams,
        response: NO_CONTENT,
      },
    },
    async (req, reply) => {
      await deleteBesluit(ctx, callerOf(req), uuidOf(req));
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/besluiten/:besluit_uuid/audittrail',
    {
      config: AUDITTRAILS,
      schema: {
        operationId: 'audittrail_list',
        summary: 'Alle audit trail regels behorend bij het BESLUIT.',
        tags,
        params: AuditParams,
      },
    },
    async (req) => {
      const id = uuidOf(req, 'besluit_uuid');
      await readBesluit(ctx.db, callerOf(req), id, SCOPES.audittrails);
      return listAudit(ctx.db, besluitUrl(ctx.baseUrl, id));
    },
  );
  app.get(
    '/besluiten/:besluit_uuid/audittrail/:uuid',
    {
      config: AUDITTRAILS,
      schema: {
        operationId: 'audittrail_read',
        summary: 'Een specifieke audit trail regel opvragen.',
        tags,
        params: AuditEntryParams,
      },
    },
    async (req, reply) => {
      const id = uuidOf(req, 'besluit_uuid');
      await readBesluit(ctx.db, callerOf(req), id, SCOPES.audittrails);
      const entry = await getAudit(ctx.db, besluitUrl(ctx.baseUrl, id), uuidOf(req));
      if (!entry) throw problems.notFound();
      return sendDetail(req, reply, entry);
    },
  );
  registerBioRoutes(app, ctx, expand);
}

function registerBioRoutes(
  app: App,
  ctx: BesluitenContext,
  expand: <T extends object>(req: FastifyRequest, json: T, fields: readonly string[]) => Promise<T>,
): void {
  const tags = ['besluitinformatieobjecten'];
  app.get(
    '/besluitinformatieobjecten',
    {
      config: LEZEN,
      schema: {
        operationId: 'besluitinformatieobject_list',
        summary: 'Alle BESLUIT-INFORMATIEOBJECT relaties opvragen.',
        tags,
        querystring: BioQuery,
        response: { 200: Type.Array(BesluitInformatieObject) },
      },
    },
    async (req) => {
      const list = await listBios(ctx, callerOf(req), req.query as BioInput);
      return Promise.all(list.map((bio) => expand(req, bio, BIO_EXPAND)));
    },
  );
  app.post(
    '/besluitinformatieobjecten',
    {
      config: AANMAKEN,
      schema: {
        operationId: 'besluitinformatieobject_create',
        summary: 'Maak een BESLUIT-INFORMATIEOBJECT relatie aan.',
        description:
          'Registreer een INFORMATIEOBJECT bij een BESLUIT. Het informatieobjecttype moet bij het besluittype horen; de combinatie is uniek. De Documenten API toont de relatie als OBJECTINFORMATIEOBJECT.',
        tags,
        body: BioBody,
        response: { 201: BesluitInformatieObject },
      },
    },
    async (req, reply) => {
      const json = await createBio(ctx, callerOf(req), req.body as Required<BioInput>);
      return reply.status(201).header('location', json.url).send(json);
    },
  );
  app.get(
    '/besluitinformatieobjecten/:uuid',
    {
      config: LEZEN,
      schema: {
        operationId: 'besluitinformatieobject_read',
        summary: 'Een specifieke BESLUIT-INFORMATIEOBJECT relatie opvragen.',
        tags,
        params: UuidParams,
        querystring: ReadQuery,
        response: { 200: BesluitInformatieObject },
      },
    },
    async (req, reply) =>
      sendDetail(req, reply, await expand(req, await readBio(ctx, callerOf(req), uuidOf(req)), BIO_EXPAND)),
  );
  for (const [method, partial] of [
    ['PUT', false],
    ['PATCH', true],
  ] as const) {
    app.route({
      method,
      url: '/besluitinformatieobjecten/:uuid',
      config: BIJWERKEN,
      schema: {
        operationId: partial ? 'besluitinformatieobject_partial_update' : 'besluitinformatieobject_update',
        summary:
          'Besluit en informatieobject van een relatie kunnen niet wijzigen (aanvulling op de standaard).',
        tags,
        params: UuidParams,
        body: partial ? BioPatch : BioBody,
        response: { 200: BesluitInformatieObject },
      },
      handler: async (req) => updateBio(ctx, callerOf(req), uuidOf(req), req.body as BioInput),
    });
  }
  app.delete(
    '/besluitinformatieobjecten/:uuid',
    {
      config: VERWIJDEREN,
      schema: {
        operationId: 'besluitinformatieobject_delete',
        summary: 'Verwijder een BESLUIT-INFORMATIEOBJECT relatie.',
        tags,
        params: UuidParams,
        response: NO_CONTENT,
      },
    },
    async (req, reply) => {
      await deleteBio(ctx, callerOf(req), uuidOf(req));
      return reply.status(204).send(null);
    },
  );
}
