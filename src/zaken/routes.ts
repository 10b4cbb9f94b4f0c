import type { FastifyReply, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { Type } from 'typebox';
import { allowedTypes } from '../authz/policy.ts';
import { Problem, problems } from '../platform/http/problem.ts';
import type { App } from '../platform/http/server.ts';
import { auditActor, getAudit, listAudit } from '../zgw/audittrail.ts';
import { authorisationsOf } from '../zgw/auth.ts';
import { sendDetail } from '../zgw/etag.ts';
import { PAGE_SIZE, PageQuery, pageOf } from '../zgw/pagination.ts';
import { zaakUrl } from './json.ts';
import {
  createResultaat,
  createRol,
  createStatus,
  deleteChild,
  readResultaat,
  readStatus,
  resultaatJson,
  rolJson,
  statusJson,
  updateResultaat,
} from './service-children.ts';
import { createChild, listChildren } from './service-other.ts';
import { deleteZaak, updateZaak } from './service-update.ts';
import { type Caller, createZaak, listZaken, readZaak, type ZakenContext } from './service-zaak.ts';
import { zakenTexts as t } from './texts.nl.ts';

const access = (scopes: string[]) => ({ auth: 'zgw' as const, zgw: { component: 'zrc' as const, scopes } });
const LEZEN = access(['zaken.lezen']);
const AANMAKEN = access(['zaken.aanmaken']);
const BIJWERKEN = access(['zaken.bijwerken', 'zaken.geforceerd-bijwerken']);
const STATUS = access(['zaken.statussen.toevoegen', 'zaken.bijwerken', 'zaken.heropenen']);
const VERWIJDEREN = access(['zaken.verwijderen']);
const Uuid = Type.Object({ uuid: Type.String() });
const CRS = 'EPSG:4326';

function caller(req: FastifyRequest): Caller {
  if (!req.apiClient) throw problems.notAuthenticated();
  return {
    organisationId: req.apiClient.organisationId,
    auth: authorisationsOf(req),
    actor: auditActor(req),
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
function pathId(id: string): string {
  if (!UUID.test(id)) throw problems.notFound();
  return id.toLowerCase();
}

/** Zaken carry a geometry: the client must say which CRS it sends or wants (412), and only EPSG:4326 exists (406). */
function requireCrs(req: FastifyRequest, header: 'accept-crs' | 'content-crs') {
  const value = req.headers[header];
  if (!value) throw new Problem(412, 'precondition_failed', t.crsMissing, t.crsMissing);
  if (value !== CRS) throw new Problem(406, 'not_acceptable', t.crsUnsupported, t.crsUnsupported);
}

const ZaakQuery = Type.Object({
  page: PageQuery,
  zaaktype: Type.Optional(Type.String()),
  identificatie: Type.Optional(Type.String()),
  bronorganisatie: Type.Optional(Type.String()),
  archiefnominatie: Type.Optional(Type.String()),
  archiefstatus: Type.Optional(Type.String()),
  startdatum: Type.Optional(Type.String()),
  startdatum__gt: Type.Optional(Type.String()),
  startdatum__gte: Type.Optional(Type.String()),
  startdatum__lt: Type.Optional(Type.String()),
  startdatum__lte: Type.Optional(Type.String()),
});

/** A page of a child resource (status, resultaat, rol), filtered by zaak and by what the client may read. */
async function childPage(
  ctx: ZakenContext,
  req: FastifyRequest,
  table: 'zrc_status' | 'zrc_resultaat' | 'zrc_rol',
  toJson: (r: Record<string, unknown>) => unknown,
) {
  const q = req.query as Record<string, string | number | undefined>;
  let query = ctx.db.selectFrom(`${table} as c`).innerJoin('zrc_zaak as z', 'z.id', 'c.zaak_id');
  const allowed = allowedTypes(authorisationsOf(req), 'zrc', ['zaken.lezen'], 'zaaktype');
  if (allowed)
    query = query.where((eb) =>
      allowed.size === 0
        ? eb.val(false)
        : eb.or(
            [...allowed].map(([type, rank]) =>
              eb.and([eb('z.zaaktype', '=', type), eb('z.vertrouwelijkheid_rank', '<=', rank)]),
            ),
          ),
    );
  if (typeof q.zaak === 'string') {
    const id = /([0-9a-f-]{36})\/?$/i.exec(q.zaak)?.[1];
    query = query.where('c.zaak_id', '=', id && UUID.test(id) ? id : '00000000-0000-0000-0000-000000000000');
  }
  const page = Number(q.page ?? 1);
  const [{ n }, rows] = await Promise.all([
    query.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
    query
      .selectAll('c')
      .select('z.status_id as zaak_status_id')
      .orderBy('c.id')
      .limit(PAGE_SIZE)
      .offset((page - 1) * PAGE_SIZE)
      .execute(),
  ]);
  return pageOf(rows.map(toJson), n, page, `${ctx.baseUrl}${req.url}`);
}

export function registerZakenRoutes(app: App, ctx: ZakenContext): void {
  registerOtherChildren(app, ctx);
  const created = (reply: FastifyReply, body: { url: string }, crs = false) => {
    reply.status(201).header('location', body.url);
    if (crs) reply.header('content-crs', CRS);
    return reply.send(body);
  };

  app.get(
    '/zaken',
    { config: LEZEN, schema: { querystring: ZaakQuery, tags: ['zaken'] } },
    async (req, reply) => {
      requireCrs(req, 'accept-crs');
      const q = req.query as Record<string, unknown>;
      const { count, results } = await listZaken(ctx, caller(req), q);
      reply.header('content-crs', CRS);
      return pageOf(results, count, (q.page as number) ?? 1, `${ctx.baseUrl}${req.url}`);
    },
  );
  app.post(
    '/zaken/_zoek',
    { config: LEZEN, schema: { body: Type.Record(Type.String(), Type.Any()), tags: ['zaken'] } },
    async (req, reply) => {
      requireCrs(req, 'accept-crs');
      const body = req.body as Record<string, unknown>;
      const { count, results } = await listZaken(ctx, caller(req), body);
      reply.header('content-crs', CRS);
      return pageOf(results, count, 1, `${ctx.baseUrl}${req.url}`);
    },
  );
  app.post(
    '/zaken',
    { config: AANMAKEN, schema: { body: Type.Record(Type.String(), Type.Any()), tags: ['zaken'] } },
    async (req, reply) => {
      requireCrs(req, 'content-crs');
      return created(reply, await createZaak(ctx, caller(req), req.body as Record<string, unknown>), true);
    },
  );
  app.get(
    '/zaken/:uuid',
    { config: LEZEN, schema: { params: Uuid, tags: ['zaken'] } },
    async (req, reply) => {
      requireCrs(req, 'accept-crs');
      reply.header('content-crs', CRS);
      return sendDetail(
        req,
        reply,
        await readZaak(ctx, caller(req), pathId((req.params as { uuid: string }).uuid)),
      );
    },
  );
  for (const [method, partial] of [
    ['PUT', false],
    ['PATCH', true],
  ] as const) {
    app.route({
      method,
      url: '/zaken/:uuid',
      config: BIJWERKEN,
      schema: { params: Uuid, body: Type.Record(Type.String(), Type.Any()), tags: ['zaken'] },
      handler: async (req, reply) => {
        requireCrs(req, 'content-crs');
        const id = pathId((req.params as { uuid: string }).uuid);
        const body = await updateZaak(ctx, caller(req), id, req.body as Record<string, unknown>, partial);
        return reply.header('content-crs', CRS).send(body);
      },
    });
  }
  app.delete(
    '/zaken/:uuid',
    { config: VERWIJDEREN, schema: { params: Uuid, tags: ['zaken'] } },
    async (req, reply) => {
      await deleteZaak(ctx, caller(req), pathId((req.params as { uuid: string }).uuid));
      return reply.status(204).send();
    },
  );
  app.get('/zaken/:zaak_uuid/audittrail', { config: LEZEN, schema: { tags: ['zaken'] } }, async (req) => {
    const id = pathId((req.params as { zaak_uuid: string }).zaak_uuid);
    await readZaak(ctx, caller(req), id);
    return listAudit(ctx.db, zaakUrl(ctx.baseUrl, id));
  });
  app.get(
    '/zaken/:zaak_uuid/audittrail/:uuid',
    { config: LEZEN, schema: { tags: ['zaken'] } },
    async (req, reply) => {
      const p = req.params as { zaak_uuid: string; uuid: string };
      await readZaak(ctx, caller(req), pathId(p.zaak_uuid));
      const entry = await getAudit(ctx.db, zaakUrl(ctx.baseUrl, pathId(p.zaak_uuid)), pathId(p.uuid));
      if (!entry) throw problems.notFound();
      return sendDetail(req, reply, entry);
    },
  );

  const childQuery = Type.Object(
    { page: PageQuery, zaak: Type.Optional(Type.String()) },
    { additionalProperties: true },
  );
  app.get(
    '/statussen',
    {
      config: { ...LEZEN, passQueryThrough: true },
      schema: { querystring: childQuery, tags: ['statussen'] },
    },
    (req) => childPage(ctx, req, 'zrc_status', (r) => statusJson(ctx.baseUrl, r, r.zaak_status_id === r.id)),
  );
  app.post(
    '/statussen',
    { config: STATUS, schema: { body: Type.Record(Type.String(), Type.Any()), tags: ['statussen'] } },
    async (req, reply) =>
      created(reply, await createStatus(ctx, caller(req), req.body as Record<string, unknown>)),
  );
  app.get(
    '/statussen/:uuid',
    { config: LEZEN, schema: { params: Uuid, tags: ['statussen'] } },
    async (req, reply) =>
      sendDetail(
        req,
        reply,
        await readStatus(ctx, caller(req), pathId((req.params as { uuid: string }).uuid)),
      ),
  );
  app.get(
    '/resultaten',
    {
      config: { ...LEZEN, passQueryThrough: true },
      schema: { querystring: childQuery, tags: ['resultaten'] },
    },
    (req) => childPage(ctx, req, 'zrc_resultaat', (r) => resultaatJson(ctx.baseUrl, r)),
  );
  app.post(
    '/resultaten',
    { config: BIJWERKEN, schema: { body: Type.Record(Type.String(), Type.Any()), tags: ['resultaten'] } },
    async (req, reply) =>
      created(reply, await createResultaat(ctx, caller(req), req.body as Record<string, unknown>)),
  );
  app.get(
    '/resultaten/:uuid',
    { config: LEZEN, schema: { params: Uuid, tags: ['resultaten'] } },
    async (req, reply) =>
      sendDetail(
        req,
        reply,
        await readResultaat(ctx, caller(req), pathId((req.params as { uuid: string }).uuid)),
      ),
  );
  for (const method of ['PUT', 'PATCH'] as const)
    app.route({
      method,
      url: '/resultaten/:uuid',
      config: BIJWERKEN,
      schema: { params: Uuid, body: Type.Record(Type.String(), Type.Any()), tags: ['resultaten'] },
      handler: async (req) =>
        updateResultaat(
          ctx,
          caller(req),
          pathId((req.params as { uuid: string }).uuid),
          req.body as Record<string, unknown>,
        ),
    });
  app.delete(
    '/resultaten/:uuid',
    { config: BIJWERKEN, schema: { params: Uuid, tags: ['resultaten'] } },
    async (req, reply) => {
      await deleteChild(ctx, caller(req), 'zrc_resultaat', pathId((req.params as { uuid: string }).uuid));
      return reply.status(204).send();
    },
  );
  app.delete(
    '/rollen/:uuid',
    { config: BIJWERKEN, schema: { params: Uuid, tags: ['rollen'] } },
    async (req, reply) => {
      await deleteChild(ctx, caller(req), 'zrc_rol', pathId((req.params as { uuid: string }).uuid));
      return reply.status(204).send();
    },
  );
  app.get(
    '/rollen',
    { config: { ...LEZEN, passQueryThrough: true }, schema: { querystring: childQuery, tags: ['rollen'] } },
    (req) => childPage(ctx, req, 'zrc_rol', (r) => rolJson(ctx.baseUrl, r)),
  );
  app.post(
    '/rollen',
    { config: BIJWERKEN, schema: { body: Type.Record(Type.String(), Type.Any()), tags: ['rollen'] } },
    async (req, reply) =>
      created(reply, await createRol(ctx, caller(req), req.body as Record<string, unknown>)),
  );
  app.get(
    '/rollen/:uuid',
    { config: LEZEN, schema: { params: Uuid, tags: ['rollen'] } },
    async (req, reply) => {
      const r = await ctx.db
        .selectFrom('zrc_rol')
        .selectAll()
        .where('id', '=', pathId((req.params as { uuid: string }).uuid))
        .executeTakeFirst();
      if (!r) throw problems.notFound();
      await readZaak(ctx, caller(req), r.zaak_id);
      return sendDetail(req, reply, rolJson(ctx.baseUrl, r));
    },
  );
}

/** zaakobjecten, klantcontacten and the nested zaakeigenschappen. */
function registerOtherChildren(app: App, ctx: ZakenContext): void {
  const body = Type.Record(Type.String(), Type.Any());
  for (const [path, kind] of [
    ['/zaakobjecten', 'zaakobject'],
    ['/klantcontacten', 'klantcontact'],
  ] as const) {
    app.get(
      path,
      { config: { ...LEZEN, passQueryThrough: true }, schema: { tags: [path.slice(1)] } },
      async (req) => {
        const zaak = (req.query as { zaak?: string }).zaak;
        const zaakId = zaak
          ? (/([0-9a-f-]{36})\/?$/i.exec(zaak)?.[1] ?? '00000000-0000-0000-0000-000000000000')
          : undefined;
        const results = await listChildren(ctx, caller(req), kind, zaakId);
        return pageOf(results, results.length, 1, `${ctx.baseUrl}${req.url}`);
      },
    );
    app.post(path, { config: BIJWERKEN, schema: { body, tags: [path.slice(1)] } }, async (req, reply) => {
      const json = await createChild(ctx, caller(req), kind, req.body as Record<string, unknown>);
      return reply.status(201).header('location', json.url).send(json);
    });
    app.get(
      `${path}/:uuid`,
      { config: LEZEN, schema: { params: Uuid, tags: [path.slice(1)] } },
      async (req, reply) => {
        const [found] = await listChildren(
          ctx,
          caller(req),
          kind,
          undefined,
          pathId((req.params as { uuid: string }).uuid),
        );
        if (!found) throw problems.notFound();
        return sendDetail(req, reply, found);
      },
    );
  }
  app.get(
    '/zaken/:zaak_uuid/zaakeigenschappen',
    { config: LEZEN, schema: { tags: ['zaken'] } },
    async (req) =>
      listChildren(
        ctx,
        caller(req),
        'zaakeigenschap',
        pathId((req.params as { zaak_uuid: string }).zaak_uuid),
      ),
  );
  app.post(
    '/zaken/:zaak_uuid/zaakeigenschappen',
    { config: BIJWERKEN, schema: { body, tags: ['zaken'] } },
    async (req, reply) => {
      const zaakId = pathId((req.params as { zaak_uuid: string }).zaak_uuid);
      const json = await createChild(
        ctx,
        caller(req),
        'zaakeigenschap',
        req.body as Record<string, unknown>,
        zaakId,
      );
      return reply.status(201).header('location', json.url).send(json);
    },
  );
  app.get(
    '/zaken/:zaak_uuid/zaakeigenschappen/:uuid',
    { config: LEZEN, schema: { tags: ['zaken'] } },
    async (req, reply) => {
      const p = req.params as { zaak_uuid: string; uuid: string };
      const [found] = await listChildren(
        ctx,
        caller(req),
        'zaakeigenschap',
        pathId(p.zaak_uuid),
        pathId(p.uuid),
      );
      if (!found) throw problems.notFound();
      return sendDetail(req, reply, found);
    },
  );
}
