import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
  type FastifyRequest,
  type RawServerDefault,
} from 'fastify';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import { type InvalidParam, Problem, problems } from './problem.ts';
import { httpTexts } from './texts.nl.ts';

/** How a route finds out who is asking. Every route must say; none is open by accident. */
export type AuthKind = 'public' | 'zgw' | 'session';

declare module 'fastify' {
  interface FastifyContextConfig {
    auth?: AuthKind;
    /** For routes that hand the request to another component (the demo identity provider). */
    passQueryThrough?: boolean;
    /** API routes that take multipart uploads (bestandsdelen). */
    acceptsMultipart?: boolean;
  }
}

export type App = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

const REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

export function createServer(config: Config, log: Logger, cookieSecret: string): App {
  const app = Fastify({
    loggerInstance: log,
    bodyLimit: config.bodyLimit,
    requestIdHeader: false,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    forceCloseConnections: true,
    return503OnClosing: true,
    ajv: { customOptions: { allErrors: true, coerceTypes: 'array', removeAdditional: false } },
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<TypeBoxTypeProvider>();

  // JSON bodies, where an empty body (a DELETE that still says Content-Type: application/json, as many ZGW
  // clients send) is no body rather than an error.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, text, done) => {
    const body = String(text);
    if (body.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(body));
    } catch {
      done(
        Object.assign(new Error('Ongeldige JSON.'), {
          statusCode: 400,
          code: 'FST_ERR_CTP_INVALID_JSON_BODY',
        }),
      );
    }
  });
  app.register(cookie, { secret: cookieSecret });
  app.register(formbody, { bodyLimit: config.bodyLimit });

  app.addHook('onRoute', (route) => {
    if (!route.config?.auth) {
      throw new Error(`route ${route.method} ${route.url} does not declare config.auth`);
    }
  });

  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });

  // The APIs speak JSON only; a form post to an API route is the wrong content type, not a validation error.
  app.addHook('preValidation', async (req) => {
    if (req.routeOptions.config.auth !== 'zgw' || req.body === undefined) return;
    const type = String(req.headers['content-type'] ?? '');
    if (!/^application\/([a-z.+-]*\+)?json\b/i.test(type) && !req.routeOptions.config.acceptsMultipart) {
      throw new Problem(415, 'unsupported_media_type', httpTexts.unsupportedMediaType);
    }
  });

  // Unknown query parameters are an error, not something to ignore silently (ZGW, NLGov ADR).
  app.addHook('preValidation', async (req) => {
    const query = req.query as Record<string, unknown> | undefined;
    if (!query || req.routeOptions.config.passQueryThrough) return;
    const keys = Object.keys(query);
    if (keys.length === 0) return;
    const schema = req.routeOptions.schema?.querystring as
      | { properties?: Record<string, unknown> }
      | undefined;
    const allowed = schema?.properties ?? {};
    const unknown = keys.filter((k) => !(k in allowed));
    if (unknown.length > 0) {
      throw new Problem(400, 'invalid', httpTexts.validationTitle, httpTexts.unknownParameters(unknown), [
        { name: 'nonFieldErrors', code: 'unknown-parameters', reason: httpTexts.unknownParameters(unknown) },
      ]);
    }
  });

  app.setErrorHandler((err: FastifyError | Problem, req, reply) => {
    const problem = toProblem(err);
    if (problem.status >= 500) req.log.error({ err }, 'request failed');
    else req.log.info({ code: problem.code, status: problem.status }, 'request refused');
    reply.status(problem.status).type('application/problem+json').send(problem.body(config.baseUrl));
  });

  app.setNotFoundHandler((_req, reply) => {
    const p = problems.notFound();
    reply.status(404).type('application/problem+json').send(p.body(config.baseUrl));
  });

  return app as unknown as App;
}

function toProblem(err: FastifyError | Problem): Problem {
  if (err instanceof Problem) return err;
  const e = err as FastifyError;
  if (e.validation)
    return problems.validation(e.validation.map((v) => toInvalidParam(v, e.validationContext)));
  switch (e.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new Problem(400, 'parse_error', httpTexts.parseError, e.message, [
        { name: 'nonFieldErrors', code: 'parse_error', reason: httpTexts.parseError },
      ]);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new Problem(415, 'unsupported_media_type', httpTexts.unsupportedMediaType);
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new Problem(413, 'payload_too_large', httpTexts.tooLarge);
  }
  if (e instanceof SyntaxError && (e as { statusCode?: number }).statusCode === 400) {
    return new Problem(400, 'parse_error', httpTexts.parseError, e.message, [
      { name: 'nonFieldErrors', code: 'parse_error', reason: httpTexts.parseError },
    ]);
  }
  const status = typeof e.statusCode === 'number' ? e.statusCode : 500;
  if (status >= 400 && status < 500) return new Problem(status, e.code ?? 'invalid', e.message);
  return new Problem(500, 'error', httpTexts.serverError);
}

interface AjvError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

/**
 * Maps an AJV error to a ZGW invalidParam: `/foo/0/bar` → `foo.0.bar`, missing → code "required"; a malformed
 * date, duration, URL or uuid is "invalid", as in the reference implementation (Django REST framework).
 */
function toInvalidParam(v: AjvError, context?: string): InvalidParam {
  const path = v.instancePath.replace(/^\//, '').split('/').filter(Boolean);
  if (v.keyword === 'required') {
    const name = [...path, String(v.params.missingProperty)].join('.');
    return { name, code: 'required', reason: httpTexts.required };
  }
  const name =
    path.length > 0 ? path.join('.') : context === 'body' ? 'nonFieldErrors' : (context ?? 'nonFieldErrors');
  const code =
    v.keyword === 'maxLength'
      ? 'max_length'
      : v.keyword === 'minLength'
        ? 'min_length'
        : v.keyword === 'enum'
          ? 'invalid_choice'
          : 'invalid';
  return { name, code, reason: v.message ?? httpTexts.invalid };
}

export type { FastifyRequest };
