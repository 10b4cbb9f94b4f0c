import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Sends a ZGW detail resource with an ETag (a hash of its JSON). A matching If-None-Match gets 304
 * without a body. HEAD works through Fastify's automatic HEAD routes (same headers, no body).
 */
export function sendDetail(req: FastifyRequest, reply: FastifyReply, body: unknown) {
  const text = JSON.stringify(body);
  const etag = `"${createHash('sha1').update(text).digest('hex')}"`;
  reply.header('etag', etag).type('application/json; charset=utf-8');
  const wanted = req.headers['if-none-match'];
  if (
    wanted &&
    (wanted.trim() === '*' || wanted.split(',').some((t) => t.trim().replace(/^W\//, '') === etag))
  )
    return reply.status(304).send();
  return reply.send(text);
}
