import { Type } from 'typebox';
import { problems } from '../platform/http/problem.ts';
import type { App } from '../platform/http/server.ts';
import { getAudit, listAudit } from '../zgw/audittrail.ts';
import { pageOf, pageSchema } from '../zgw/pagination.ts';
import { partLimit, uploadPart } from './bestandsdelen.ts';
import { callerOf, type DocumentenContext, pathId, SCOPES } from './context.ts';
import { drcUrl } from './json.ts';
import {
  AANMAKEN,
  access,
  BIJWERKEN,
  created,
  detailRoutes,
  idOf,
  LEZEN,
  Uuid,
  VERWIJDEREN,
} from './route-support.ts';
import {
  BestandsDeel,
  Eio,
  EioCreateBody,
  EioListQuery,
  EioPatchBody,
  EioReadQuery,
  EioUpdateBody,
  ZoekBody,
} from './schemas.ts';
import { deleteEio, lockEio, unlockEio } from './service-eio-lifecycle.ts';
import { listEio, openContent, readEio, type VersionQuery } from './service-eio-read.ts';
import { createEio, type EioBody, updateEio } from './service-eio-write.ts';
import { documentenTexts as t } from './texts.nl.ts';

const TAG = ['enkelvoudiginformatieobjecten'];
const PATH = '/enkelvoudiginformatieobjecten';
const DETAIL = `${PATH}/:uuid`;
const EioCreated = Type.Object({ ...Eio.properties, lock: Type.Optional(Type.String()) });
const AuditParams = Type.Object({ enkelvoudiginformatieobject_uuid: Type.String() });

export function registerEioRoutes(app: App, ctx: DocumentenContext): void {
  app.get(
    PATH,
    {
      config: LEZEN,
      schema: {
        operationId: 'enkelvoudiginformatieobject_list',
        summary: 'Alle (ENKELVOUDIGe) INFORMATIEOBJECTen opvragen.',
        description:
          'Alleen de laatste versie van elk document wordt getoond, en alleen documenten die u mag lezen.',
        tags: TAG,
        querystring: EioListQuery,
        response: { 200: pageSchema(Eio) },
      },
    },
    async (req) => {
      const q = req.query as { page?: number } & Record<string, string>;
      const { count, results } = await listEio(ctx, callerOf(req), q);
      return pageOf(results, count, q.page ?? 1, `${ctx.baseUrl}${req.url}`) as never;
    },
  );
  app.post(
    `${PATH}/_zoek`,
    {
      config: LEZEN,
      schema: {
        operationId: 'enkelvoudiginformatieobject__zoek',
        summary: 'Voer een zoekopdracht uit op (ENKELVOUDIG) INFORMATIEOBJECTen.',
        tags: TAG,
        querystring: Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1 })) }),
        body: ZoekBody,
        response: { 200: pageSchema(Eio) },
      },
    },
    async (req) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      if (Object.keys(body).length === 0)
        throw problems.validation([
          { name: 'nonFieldErrors', code: 'empty_search_body', reason: t.emptySearch },
        ]);
      const page = (req.query as { page?: number }).page ?? 1;
      const ids = (body.uuid__in ?? body.uuid_In) as string[] | undefined;
      const { count, results } = await listEio(ctx, callerOf(req), {
        identificatie: body.identificatie as string | undefined,
        bronorganisatie: body.bronorganisatie as string | undefined,
        ids: ids?.map((id) => id.toLowerCase()).filter((id) => /^[0-9a-f-]{36}$/.test(id)),
        page,
      });
      return pageOf(results, count, page, `${ctx.baseUrl}${req.url}`) as never;
    },
  );
  app.post(
    PATH,
    {
      config: AANMAKEN,
      schema: {
        operationId: 'enkelvoudiginformatieobject_create',
        summary: 'Maak een (ENKELVOUDIG) INFORMATIEOBJECT aan.',
        description:
          'Er wordt gevalideerd op de geldigheid van de `informatieobjecttype`-URL en dat dat type gepubliceerd is. Met `bestandsomvang` en zonder `inhoud` krijgt het document bestandsdelen en is het meteen vergrendeld; het antwoord bevat dan de `lock`.',
        tags: TAG,
        body: EioCreateBody,
        response: { 201: EioCreated },
      },
    },
    async (req, reply) => created(reply, await createEio(ctx, callerOf(req), req.body as EioBody)),
  );
  detailRoutes(
    app,
    DETAIL,
    {
      op: 'enkelvoudiginformatieobject',
      tag: TAG[0] as string,
      summary: 'Een specifiek (ENKELVOUDIG) INFORMATIEOBJECT opvragen (standaard de laatste versie).',
      item: Eio,
      query: EioReadQuery,
    },
    (req) => readEio(ctx, callerOf(req), idOf(req), req.query as VersionQuery),
  );
  for (const partial of [false, true]) {
    app.route({
      method: partial ? 'PATCH' : 'PUT',
      url: DETAIL,
      config: access([SCOPES.bijwerken, SCOPES.geforceerdBijwerken]),
      schema: {
        operationId: `enkelvoudiginformatieobject_${partial ? 'partial_update' : 'update'}`,
        summary: `Werk een (ENKELVOUDIG) INFORMATIEOBJECT ${partial ? 'deels' : 'in zijn geheel'} bij.`,
        description:
          'Dit maakt altijd een nieuwe versie. Het document moet vergrendeld zijn; stuur de `lock` mee.',
        tags: TAG,
        params: Uuid,
        body: partial ? EioPatchBody : EioUpdateBody,
        response: { 200: Eio },
      },
      handler: async (req) => updateEio(ctx, callerOf(req), idOf(req), req.body as EioBody, partial) as never,
    });
  }
  app.delete(
    DETAIL,
    {
      config: VERWIJDEREN,
      schema: {
        operationId: 'enkelvoudiginformatieobject_destroy',
        summary:
          'Verwijder een (ENKELVOUDIG) INFORMATIEOBJECT met al zijn versies, gebruiksrechten en verzendingen.',
        description:
          'Dit kan alleen als geen zaak of besluit het document meer gebruikt, en het niet vergrendeld is.',
        tags: TAG,
        params: Uuid,
      },
    },
    async (req, reply) => {
      await deleteEio(ctx, callerOf(req), idOf(req));
      return reply.status(204).send();
    },
  );
  app.get(
    `${DETAIL}/download`,
    {
      config: LEZEN,
      schema: {
        operationId: 'enkelvoudiginformatieobject_download',
        summary: 'Download de binaire data van het (ENKELVOUDIG) INFORMATIEOBJECT.',
        tags: TAG,
        params: Uuid,
        querystring: Type.Omit(EioReadQuery, ['expand']),
      },
    },
    async (req, reply) => {
      const content = await openContent(ctx, callerOf(req), idOf(req), req.query as VersionQuery);
      reply.type('application/octet-stream');
      if (content.size !== null) reply.header('content-length', content.size);
      const name = content.bestandsnaam.replace(/["\\\r\n]/g, '_');
      if (name)
        reply.header(
          'content-disposition',
          `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(content.bestandsnaam)}`,
        );
      return reply.send(content.stream);
    },
  );
  app.post(
    `${DETAIL}/lock`,
    {
      config: access([SCOPES.lock]),
      schema: {
        operationId: 'enkelvoudiginformatieobject_lock',
        summary: 'Vergrendel een (ENKELVOUDIG) INFORMATIEOBJECT.',
        description:
          'Alleen met de `lock` uit het antwoord kan het document bijgewerkt en weer ontgrendeld worden.',
        tags: TAG,
        params: Uuid,
        response: { 200: Type.Object({ lock: Type.String() }) },
      },
    },
    async (req) => lockEio(ctx, callerOf(req), idOf(req)),
  );
  app.post(
    `${DETAIL}/unlock`,
    {
      config: access([SCOPES.lock, SCOPES.geforceerdUnlock]),
      schema: {
        operationId: 'enkelvoudiginformatieobject_unlock',
        summary: 'Ontgrendel een (ENKELVOUDIG) INFORMATIEOBJECT.',
        description:
          'Met de juiste `lock`, of zonder met de scope `documenten.geforceerd-unlock`. Zijn alle bestandsdelen ontvangen, dan worden ze nu samengevoegd tot de inhoud.',
        tags: TAG,
        params: Uuid,
      },
    },
    async (req, reply) => {
      const lock = (req.body as { lock?: unknown } | undefined)?.lock;
      await unlockEio(ctx, callerOf(req), idOf(req), typeof lock === 'string' ? lock : undefined);
      return reply.status(204).send();
    },
  );
  app.put(
    '/bestandsdelen/:uuid',
    {
      config: { ...BIJWERKEN, acceptsMultipart: true },
      schema: {
        operationId: 'bestandsdeel_update',
        summary: 'Upload een bestandsdeel (multipart/form-data met `lock` en `inhoud`).',
        tags: ['bestandsdelen'],
        params: Uuid,
        response: { 200: BestandsDeel },
      },
    },
    async (req) => {
      if (!req.isMultipart())
        throw problems.validation([{ name: 'inhoud', code: 'invalid', reason: t.notMultipart }]);
      const id = idOf(req);
      const form = req.parts({ limits: { fileSize: await partLimit(ctx, id), files: 1 } });
      return uploadPart(ctx, callerOf(req), id, form);
    },
  );
  const audit = {
    config: access([SCOPES.audittrails, SCOPES.lezen]),
    schema: { tags: ['enkelvoudiginformatieobjecten'] },
  };
  app.get(
    `${PATH}/:enkelvoudiginformatieobject_uuid/audittrail`,
    { ...audit, schema: { ...audit.schema, operationId: 'audittrail_list', params: AuditParams } },
    async (req) => {
      const id = idOf(req, 'enkelvoudiginformatieobject_uuid');
      await readEio(ctx, callerOf(req), id);
      return listAudit(ctx.db, drcUrl(ctx.baseUrl, 'enkelvoudiginformatieobjecten', id));
    },
  );
  app.get(
    `${PATH}/:enkelvoudiginformatieobject_uuid/audittrail/:uuid`,
    {
      ...audit,
      schema: {
        ...audit.schema,
        operationId: 'audittrail_retrieve',
        params: Type.Object({ ...AuditParams.properties, ...Uuid.properties }),
      },
    },
    async (req) => {
      const id = idOf(req, 'enkelvoudiginformatieobject_uuid');
      await readEio(ctx, callerOf(req), id);
      const entry = await getAudit(
        ctx.db,
        drcUrl(ctx.baseUrl, 'enkelvoudiginformatieobjecten', id),
        pathId(idOf(req)),
      );
      if (!entry) throw problems.notFound();
      return entry;
    },
  );
}
