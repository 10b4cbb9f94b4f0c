import swagger from '@fastify/swagger';
import { stringify } from 'yaml';
import type { App } from './server.ts';

export interface ApiGroupOptions {
  /** e.g. `/zaken/api/v1` */
  prefix: string;
  title: string;
  version: string;
  description?: string;
  baseUrl: string;
}

/**
 * An API group is a prefix with its own OpenAPI 3 document, served at `<prefix>/schema/openapi.json`
 * and `.yaml` (the ZGW convention). Routes registered inside `routes` appear in that document only.
 */
export async function registerApiGroup(
  app: App,
  options: ApiGroupOptions,
  routes: (group: App) => void | Promise<void>,
): Promise<void> {
  await app.register(
    async (group) => {
      await group.register(swagger, {
        openapi: {
          openapi: '3.0.3',
          info: { title: options.title, version: options.version, description: options.description },
          servers: [{ url: `${options.baseUrl}${options.prefix}` }],
          components: {
            securitySchemes: { 'JWT-Claims': { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
          },
          security: [{ 'JWT-Claims': [] }],
        },
      });
      await routes(group as App);
      const document = () => (group as unknown as { swagger(): object }).swagger();
      group.get('/schema/openapi.json', { config: { auth: 'public' }, schema: { hide: true } }, async () =>
        document(),
      );
      group.get(
        '/schema/openapi.yaml',
        { config: { auth: 'public' }, schema: { hide: true } },
        async (_req, reply) => reply.type('application/yaml').send(stringify(document())),
      );
    },
    { prefix: options.prefix },
  );
}
