import type { IncomingMessage, ServerResponse } from 'node:http';
import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyReply,
  FastifyTypeProvider,
  RawServerDefault,
} from 'fastify';
import { Type } from 'typebox';
import { Problem } from '../platform/http/problem.ts';
import { httpTexts } from '../platform/http/texts.nl.ts';
import { defaultDataDir, type Entry, loadReferentielijsten, type Resource, uuidOf } from './data.ts';

export const DEFAULT_PREFIX = '/referentielijsten/api/v1';
/** Page size of the paginated lists, as in the national Referentielijsten API. */
export const PAGE_SIZE = 100;

export interface ReferentielijstenOptions {
  /** Public base URL of this server, no trailing slash; every served `url` starts with it. */
  baseUrl: string;
  /** Default `/referentielijsten/api/v1`. */
  prefix?: string;
  /** Default `<LOKET_SHARED_DIR>/data/selectielijst/referentielijsten-api`. */
  dataDir?: string;
  pageSize?: number;
}

export interface ReferentielijstenStatus {
  available: boolean;
  /** Absolute root the API is served at (when available). */
  apiRoot: string | null;
  /** Why it is not available. */
  reason: string | null;
}

/**
 * Whether the last registration serves the selectielijst. When false, callers say
 * "running without selectielijst references" rather than fail on every lookup.
 */
export const referentielijstenStatus: ReferentielijstenStatus = {
  available: false,
  apiRoot: null,
  reason: 'not registered',
};

const texts = {
  invalidPage: 'Ongeldige pagina.',
  invalidInteger: 'Voer een geheel getal in.',
  invalidChoice: (value: string) => `Selecteer een geldige keuze. ${value} is geen beschikbare keuze.`,
};

const publicRoute = { auth: 'public' as const };
const detailParams = Type.Object({ uuid: Type.String() });

function sendProblem(reply: FastifyReply, baseUrl: string, problem: Problem) {
  return reply.status(problem.status).type('application/problem+json').send(problem.body(baseUrl));
}

/**
 * Serves the Referentielijsten & Selectielijst API (procestypen, resultaten, resultaattypeomschrijvingen,
 * communicatiekanalen) from the public data set, read once here. Without the data folder it registers no
 * routes, logs why, and returns (and records in `referentielijstenStatus`) `available: false`.
 */
export async function registerReferentielijsten<L extends FastifyBaseLogger, P extends FastifyTypeProvider>(
  app: FastifyInstance<RawServerDefault, IncomingMessage, ServerResponse, L, P>,
  options: ReferentielijstenOptions,
): Promise<ReferentielijstenStatus> {
  const prefix = (options.prefix ?? DEFAULT_PREFIX).replace(/\/+$/, '');
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const dataDir = options.dataDir ?? defaultDataDir();
  const pageSize = options.pageSize ?? PAGE_SIZE;
  const apiRoot = `${baseUrl}${prefix}`;

  const loaded = await loadReferentielijsten(dataDir, apiRoot);
  if (!loaded.ok) {
    app.log.warn(
      { dataDir },
      `Referentielijsten API not served: ${loaded.reason}; running without selectielijst references`,
    );
    Object.assign(referentielijstenStatus, { available: false, apiRoot: null, reason: loaded.reason });
    return { ...referentielijstenStatus };
  }
  const { lists, byUuid } = loaded.data;

  const notFound = (reply: FastifyReply, detail: string = httpTexts.notFound) =>
    sendProblem(reply, baseUrl, new Problem(404, 'not_found', httpTexts.notFound, detail));
  const invalid = (reply: FastifyReply, name: string, code: string, reason: string) =>
    sendProblem(
      reply,
      baseUrl,
      new Problem(400, 'invalid', httpTexts.validationTitle, reason, [{ name, code, reason }]),
    );

  /** `{count, next, previous, results}`; an invalid or out-of-range page is 404, as in the national API. */
  const paginate = (
    reply: FastifyReply,
    path: string,
    entries: Entry[],
    rawPage: string | undefined,
    filters: Record<string, string>,
  ) => {
    const page = rawPage === undefined ? 1 : /^[1-9][0-9]*$/.test(rawPage) ? Number(rawPage) : Number.NaN;
    const pages = Math.max(1, Math.ceil(entries.length / pageSize));
    if (!Number.isSafeInteger(page) || page > pages) return notFound(reply, texts.invalidPage);
    const pageUrl = (n: number) => {
      const query = new URLSearchParams({ ...filters, page: String(n) });
      return `${apiRoot}/${path}?${query}`;
    };
    return reply.send({
      count: entries.length,
      next: page < pages ? pageUrl(page + 1) : null,
      previous: page > 1 ? pageUrl(page - 1) : null,
      results: entries.slice((page - 1) * pageSize, page * pageSize),
    });
  };

  await app.register(
    async (scope) => {
      const detail = (resource: Resource) => {
        scope.get(
          `/${resource}/:uuid`,
          { config: publicRoute, schema: { params: detailParams } },
          async (req, reply) => {
            const { uuid } = req.params as { uuid: string };
            const entry = byUuid[resource].get(uuid.toLowerCase());
            return entry ? reply.send(entry) : notFound(reply);
          },
        );
      };

      scope.get(
        '/procestypen',
        { config: publicRoute, schema: { querystring: Type.Object({ jaar: Type.Optional(Type.String()) }) } },
        async (req, reply) => {
          const { jaar } = req.query as { jaar?: string };
          if (jaar === undefined || jaar === '') return reply.send(lists.procestypen);
          if (!/^-?[0-9]+$/.test(jaar)) return invalid(reply, 'jaar', 'invalid', texts.invalidInteger);
          return reply.send(lists.procestypen.filter((p) => p.jaar === Number(jaar)));
        },
      );
      detail('procestypen');

      scope.get(
        '/resultaten',
        {
          config: publicRoute,
          schema: {
            querystring: Type.Object({
              procesType: Type.Optional(Type.String()),
              proces_type: Type.Optional(Type.String()),
              page: Type.Optional(Type.String()),
            }),
          },
        },
        async (req, reply) => {
          const query = req.query as { procesType?: string; proces_type?: string; page?: string };
          // The national API and Open Zaak's copy call the filter `procesType`; the Go API `proces_type`.
          const name = query.procesType !== undefined ? 'procesType' : 'proces_type';
          const value = query.procesType ?? query.proces_type;
          if (value === undefined || value === '')
            return paginate(reply, 'resultaten', lists.resultaten, query.page, {});
          const uuid = uuidOf(value);
          const procestype = uuid ? byUuid.procestypen.get(uuid) : undefined;
          if (!procestype) return invalid(reply, name, 'invalid_choice', texts.invalidChoice(value));
          const matching = lists.resultaten.filter((r) => r.procesType === procestype.url);
          return paginate(reply, 'resultaten', matching, query.page, { [name]: value });
        },
      );
      detail('resultaten');

      scope.get('/resultaattypeomschrijvingen', { config: publicRoute }, async (_req, reply) =>
        reply.send(lists.resultaattypeomschrijvingen),
      );
      detail('resultaattypeomschrijvingen');

      scope.get(
        '/communicatiekanalen',
        { config: publicRoute, schema: { querystring: Type.Object({ page: Type.Optional(Type.String()) }) } },
        async (req, reply) =>
          paginate(
            reply,
            'communicatiekanalen',
            lists.communicatiekanalen,
            (req.query as { page?: string }).page,
            {},
          ),
      );
      detail('communicatiekanalen');
    },
    { prefix },
  );

  Object.assign(referentielijstenStatus, { available: true, apiRoot, reason: null });
  app.log.info(
    { apiRoot, procestypen: lists.procestypen.length, resultaten: lists.resultaten.length },
    'Referentielijsten API served from local data',
  );
  return { ...referentielijstenStatus };
}
