import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { selectFields } from '../facts/brp/fields.ts';
import {
  ageOn,
  dutchDate,
  type HaalCentraalInvalidParam,
  type HaalCentraalPersoon,
  type HaalCentraalProblem,
} from '../facts/brp/haal-centraal.ts';
import { QueryValidationError, TITLE_INVALID, type ValidQuery, validateQuery } from '../facts/brp/queries.ts';
import { DEMO_PEOPLE } from './people.ts';

/**
 * A local stand-in for the Haal Centraal BRP Personen v2 API (POST /personen), serving the demo
 * people. It behaves like the real gateway at the interface — authentication, the seven query types,
 * `fields`, the exact problem+json answers of the standard's fout-cases features — so that Loket's
 * adapter meets the same answers in the demo and tests as in production. It keeps no state.
 */
export const DEFAULT_BRP_PREFIX = '/haalcentraal/api/brp';

/** Switches a test or the demo can flip at runtime to show what happens when the BRP has trouble. */
export interface BrpTestServiceControl {
  /** Answer 503 "Bronservice BRP is tijdelijk niet beschikbaar." to every request. */
  outage: boolean;
  /** Wait this long before answering (to exercise timeouts). */
  delayMs: number;
  /** Requests received, for tests that check the adapter did (not) call. */
  requests: number;
}

export interface BrpTestServiceOptions {
  prefix?: string;
  /** Accepted API keys, sent in `apiKeyHeader` (default X-API-Key) like the RvIG gateway expects. */
  apiKeys?: string[];
  apiKeyHeader?: string;
  /** Accepted bearer tokens (Authorization: Bearer …), for gateways that use OAuth. */
  bearerTokens?: string[];
  /** The people the service knows; default the demo people. */
  persons?: readonly HaalCentraalPersoon[];
  /** Clock for leeftijd (computed per request, as the real API does). */
  now?: () => Date;
  control?: BrpTestServiceControl;
}

export function newBrpTestServiceControl(): BrpTestServiceControl {
  return { outage: false, delayMs: 0, requests: 0 };
}

const RFC7231 = 'https://datatracker.ietf.org/doc/html/rfc7231';

class BrpProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly code: string,
    readonly typeUrl: string,
    readonly invalidParams?: HaalCentraalInvalidParam[],
    readonly detail?: string,
  ) {
    super(title);
  }
}

function invalid(params: HaalCentraalInvalidParam[], title = TITLE_INVALID, code = 'paramsValidation') {
  const detail = `De foutieve parameter(s) zijn: ${params.map((p) => p.name).join(', ')}.`;
  return new BrpProblem(400, title, code, `${RFC7231}#section-6.5.1`, params, detail);
}

// --- Finding people ---------------------------------------------------------------------------------

/** Case-insensitive, with the standard's trailing (or for straat, leading) wildcard. */
function textMatches(filter: unknown, value: string | undefined): boolean {
  if (filter === undefined) return true;
  if (value === undefined) return false;
  const f = String(filter).toLowerCase();
  const v = value.toLowerCase();
  if (f.endsWith('*')) return v.startsWith(f.slice(0, -1));
  if (f.startsWith('*')) return v.endsWith(f.slice(1));
  return v === f;
}

function equalsIgnoringCase(filter: unknown, value: string | undefined): boolean {
  return (
    filter === undefined || (value !== undefined && String(filter).toLowerCase() === value.toLowerCase())
  );
}

function isDeceased(p: HaalCentraalPersoon): boolean {
  return p.overlijden !== undefined || p.opschortingBijhouding?.reden?.code === 'O';
}

function matches(p: HaalCentraalPersoon, q: Record<string, unknown>): boolean {
  const adres = p.verblijfplaats?.type === 'Adres' ? p.verblijfplaats : undefined;
  const va = adres?.verblijfadres;
  const born = p.geboorte?.datum?.type === 'Datum' ? p.geboorte.datum.datum : undefined;
  const postcode = (s: unknown) => String(s).replace(/\s/g, '').toUpperCase();
  return (
    (q.inclusiefOverledenPersonen === true || !isDeceased(p)) &&
    (q.gemeenteVanInschrijving === undefined ||
      p.gemeenteVanInschrijving?.code === q.gemeenteVanInschrijving) &&
    textMatches(q.geslachtsnaam, p.naam?.geslachtsnaam) &&
    textMatches(q.voornamen, p.naam?.voornamen) &&
    equalsIgnoringCase(q.voorvoegsel, p.naam?.voorvoegsel) &&
    equalsIgnoringCase(q.geslacht, p.geslacht?.code) &&
    (q.geboortedatum === undefined || q.geboortedatum === born) &&
    (q.postcode === undefined ||
      (va?.postcode !== undefined && postcode(q.postcode) === postcode(va.postcode))) &&
    (q.huisnummer === undefined || q.huisnummer === va?.huisnummer) &&
    equalsIgnoringCase(q.huisletter, va?.huisletter) &&
    equalsIgnoringCase(q.huisnummertoevoeging, va?.huisnummertoevoeging) &&
    (q.straat === undefined ||
      textMatches(q.straat, va?.officieleStraatnaam) ||
      textMatches(q.straat, va?.korteStraatnaam)) &&
    (q.nummeraanduidingIdentificatie === undefined ||
      q.nummeraanduidingIdentificatie === adres?.nummeraanduidingIdentificatie) &&
    (q.adresseerbaarObjectIdentificatie === undefined ||
      q.adresseerbaarObjectIdentificatie === adres?.adresseerbaarObjectIdentificatie)
  );
}

function find(persons: readonly HaalCentraalPersoon[], query: ValidQuery): HaalCentraalPersoon[] {
  if (query.type !== 'RaadpleegMetBurgerservicenummer')
    return persons.filter((p) => matches(p, query.params));
  // Raadplegen also returns deceased people; only gemeenteVanInschrijving narrows it.
  const wanted = [...new Set(query.params.burgerservicenummer as string[])];
  const gemeente = query.params.gemeenteVanInschrijving;
  return wanted
    .map((bsn) => persons.find((p) => p.burgerservicenummer === bsn))
    .filter(
      (p): p is HaalCentraalPersoon =>
        !!p && (gemeente === undefined || p.gemeenteVanInschrijving?.code === gemeente),
    );
}

// --- HTTP -------------------------------------------------------------------------------------------

function sendProblem(reply: FastifyReply, req: FastifyRequest, p: BrpProblem): FastifyReply {
  const body: HaalCentraalProblem = {
    type: p.typeUrl,
    title: p.title,
    status: p.status,
    ...(p.detail ? { detail: p.detail } : {}),
    instance: req.url.split('?')[0],
    code: p.code,
    ...(p.invalidParams ? { invalidParams: p.invalidParams } : {}),
  };
  return reply.status(p.status).type('application/problem+json').send(body);
}

const MEDIA = /^application\/json\s*(;\s*charset=utf-8\s*)?$/i;
const ACCEPT = /^(application\/json|\*\/\*|application\/\*)\s*(;\s*charset=utf-8\s*)?$/i;

function acceptable(accept: string | undefined): boolean {
  if (accept === undefined) return true;
  return accept.split(',').some((part) => ACCEPT.test(part.replace(/;\s*q=[0-9.]+/i, '').trim()));
}

function authorised(req: FastifyRequest, options: BrpTestServiceOptions): boolean {
  const keys = options.apiKeys ?? [];
  const tokens = options.bearerTokens ?? [];
  if (keys.length === 0 && tokens.length === 0) return true;
  const key = req.headers[(options.apiKeyHeader ?? 'x-api-key').toLowerCase()];
  if (typeof key === 'string' && keys.includes(key)) return true;
  const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
  return bearer !== undefined && tokens.includes(bearer);
}

const problems = {
  unavailable: new BrpProblem(
    503,
    'Bronservice BRP is tijdelijk niet beschikbaar.',
    'notAvailable',
    `${RFC7231}#section-6.6.4`,
    undefined,
    'The service is currently unable to handle the request due to a temporary overloading or maintenance of the server.',
  ),
  unauthenticated: new BrpProblem(
    401,
    'Niet correct geauthenticeerd.',
    'authentication',
    'https://datatracker.ietf.org/doc/html/rfc7235#section-3.1',
  ),
  notAcceptable: new BrpProblem(
    406,
    'Gevraagde contenttype wordt niet ondersteund.',
    'notAcceptable',
    `${RFC7231}#section-6.5.6`,
  ),
  unsupportedMediaType: new BrpProblem(
    415,
    'Media Type wordt niet ondersteund.',
    'unsupported',
    `${RFC7231}#section-6.5.13`,
  ),
  methodNotAllowed: new BrpProblem(
    405,
    'Deze methode is niet toegestaan.',
    'methodNotAllowed',
    `${RFC7231}#section-6.5.5`,
  ),
  notFound: new BrpProblem(404, 'Opgevraagde resource bestaat niet.', 'notFound', `${RFC7231}#section-6.5.4`),
  serverError: new BrpProblem(500, 'Interne server fout.', 'serverError', `${RFC7231}#section-6.6.1`),
};

/**
 * Adds the service under `prefix` in its own encapsulated scope, so its body parsing and problem
 * answers do not leak into (or take over from) the host app. Works on a bare Fastify instance and
 * inside Loket's own server alike.
 */
export async function registerBrpTestService(
  app: FastifyInstance,
  options: BrpTestServiceOptions = {},
): Promise<void> {
  const persons = options.persons ?? DEMO_PEOPLE.map((p) => p.persoon);
  const control = options.control ?? newBrpTestServiceControl();
  const now = options.now ?? (() => new Date());

  await app.register(
    async (scope) => {
      // The body stays a string: media type and JSON errors must become Haal Centraal problems.
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));
      scope.setErrorHandler((err, req, reply) => {
        const status = (err as { statusCode?: number }).statusCode ?? 500;
        if (status === 415) return sendProblem(reply, req, problems.unsupportedMediaType);
        if (status >= 500) return sendProblem(reply, req, problems.serverError);
        const title = status === 413 ? 'Request body is te groot.' : TITLE_INVALID;
        return sendProblem(
          reply,
          req,
          new BrpProblem(status, title, 'badRequest', `${RFC7231}#section-6.5.1`),
        );
      });
      scope.setNotFoundHandler((req, reply) => sendProblem(reply, req, problems.notFound));

      // Loket's server asks every route how it authenticates; this one checks its own keys, like the gateway.
      const config = { auth: 'public' as const };
      scope.route({
        method: ['GET', 'PUT', 'PATCH', 'DELETE'],
        url: '/personen',
        config,
        handler: (req, reply) => sendProblem(reply, req, problems.methodNotAllowed),
      });
      scope.post('/personen', { config }, async (req, reply) => {
        control.requests++;
        if (control.delayMs > 0) await new Promise((r) => setTimeout(r, control.delayMs));
        if (control.outage) return sendProblem(reply, req, problems.unavailable);
        if (!authorised(req, options)) return sendProblem(reply, req, problems.unauthenticated);
        if (!acceptable(req.headers.accept)) return sendProblem(reply, req, problems.notAcceptable);
        if (!MEDIA.test(req.headers['content-type'] ?? '')) {
          return sendProblem(reply, req, problems.unsupportedMediaType);
        }
        let body: unknown;
        try {
          body = JSON.parse(String(req.body ?? ''));
        } catch {
          return sendProblem(
            reply,
            req,
            invalid([{ name: 'body', code: 'json', reason: 'Body is geen geldige JSON.' }]),
          );
        }
        let query: ValidQuery;
        try {
          query = validateQuery(body);
        } catch (err) {
          if (!(err instanceof QueryValidationError)) throw err;
          return sendProblem(reply, req, invalid(err.invalidParams, err.title, err.code));
        }
        const today = dutchDate(now());
        const personen = find(persons, query).map((p) => {
          const leeftijd = isDeceased(p) ? null : ageOn(p.geboorte?.datum, today);
          const record = { ...p, ...(leeftijd === null ? {} : { leeftijd }) } as Record<string, unknown>;
          return selectFields(record, query.fields, query.spec.response);
        });
        return reply.type('application/json; charset=utf-8').send({ type: query.type, personen });
      });
    },
    { prefix: options.prefix ?? DEFAULT_BRP_PREFIX },
  );
}

export interface RunningBrpTestService {
  /** Base URL including the prefix, e.g. http://127.0.0.1:41234/haalcentraal/api/brp */
  baseUrl: string;
  control: BrpTestServiceControl;
  close(): Promise<void>;
}

/** Runs the service on its own port (tests, or a demo that wants the BRP as a separate process). */
export async function startBrpTestService(
  options: BrpTestServiceOptions & { host?: string; port?: number } = {},
): Promise<RunningBrpTestService> {
  const app = Fastify({ logger: false, forceCloseConnections: true });
  const control = options.control ?? newBrpTestServiceControl();
  await registerBrpTestService(app, { ...options, control });
  const address = await app.listen({ host: options.host ?? '127.0.0.1', port: options.port ?? 0 });
  return {
    baseUrl: `${address}${options.prefix ?? DEFAULT_BRP_PREFIX}`,
    control,
    close: () => app.close(),
  };
}
