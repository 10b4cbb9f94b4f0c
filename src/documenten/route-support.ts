import type { FastifyReply, FastifyRequest } from 'fastify';
import { type TSchema, Type } from 'typebox';
import type { App } from '../platform/http/server.ts';
import { sendDetail } from '../zgw/etag.ts';
import { pathId, SCOPES } from './context.ts';

export const access = (scopes: string[]) => ({
  auth: 'zgw' as const,
  zgw: { component: 'drc' as const, scopes },
});
export const LEZEN = access([SCOPES.lezen]);
export const AANMAKEN = access([SCOPES.aanmaken]);
export const BIJWERKEN = access([SCOPES.bijwerken]);
export const VERWIJDEREN = access([SCOPES.verwijderen]);
export const Uuid = Type.Object({ uuid: Type.String({ description: 'Unieke resource identifier (UUID4)' }) });

export const idOf = (req: FastifyRequest, name = 'uuid') =>
  pathId((req.params as Record<string, string>)[name] ?? '');

export const created = (reply: FastifyReply, body: { url: string }) =>
  reply.status(201).header('location', body.url).send(body);

/** GET and HEAD of a detail resource, with ETag and If-None-Match (304). */
export function detailRoutes(
  app: App,
  path: string,
  options: { op: string; tag: string; summary: string; item: TSchema; query?: TSchema },
  read: (req: FastifyRequest) => Promise<unknown>,
): void {
  const handler = async (req: FastifyRequest, reply: FastifyReply) => sendDetail(req, reply, await read(req));
  const query = options.query ? { querystring: options.query } : {};
  app.get(
    path,
    {
      config: LEZEN,
      exposeHeadRoute: false,
      schema: {
        operationId: `${options.op}_retrieve`,
        summary: options.summary,
        tags: [options.tag],
        params: Uuid,
        ...query,
        response: { 200: options.item },
      },
    },
    handler,
  );
  app.head(
    path,
    {
      config: { ...LEZEN, swagger: { exposeHeadRoute: true } } as typeof LEZEN,
      schema: {
        operationId: `${options.op}_headers`,
        summary: 'De headers opvragen die je bij een GET request zou krijgen.',
        tags: [options.tag],
        params: Uuid,
        ...query,
      },
    },
    handler,
  );
}
