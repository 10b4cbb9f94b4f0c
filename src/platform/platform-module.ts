import { demoOidcClients } from '../demo/accounts.ts';
import { IDP_PATH } from '../demo/idp.ts';
import { DEMO_API_CLIENT, DEMO_ORGANISATIONS } from '../demo/organisations.ts';
import { listenForClientChanges } from './auth/client-cache.ts';
import { authMigrations } from './auth/migrations.ts';
import { loginPath, registerOidcLogin } from './auth/oidc.ts';
import { listenForEndedSessions, requireSessions } from './auth/sessions.ts';
import { requireZgwClients, setClientSecret } from './auth/zgw-jwt.ts';
import { ping } from './db/database.ts';
import { type MigrationSet, migrationsCurrent } from './db/migrate.ts';
import { registerApiGroup } from './http/api-group.ts';
import { jobMigrations } from './jobs/migrations.ts';
import type { LoketModule } from './module.ts';
import { organisationMigrations, registerOrganisationRoutes, upsertOrganisation } from './organisations.ts';
import { outboxMigrations } from './outbox/migrations.ts';
import { webhookConsumer } from './outbox/webhooks.ts';

/** The backbone as a module: its tables, health checks, token checking, webhooks and Loket's own API. */
export function platformModule(allMigrations: () => MigrationSet): LoketModule {
  return {
    name: 'platform',
    migrations: { ...organisationMigrations, ...outboxMigrations, ...jobMigrations, ...authMigrations },
    async register({ app, database, config, dispatcher }) {
      requireZgwClients(app, database.db, config.jwtMaxAgeSeconds);
      await listenForClientChanges(database);
      await listenForEndedSessions(database);
      requireSessions(app, database.db, ({ url, kind }) => loginPath(kind, url));
      const oidc =
        config.oidc ??
        (config.demo ? { issuer: `${config.baseUrl}${IDP_PATH}`, ...demoOidcClients(config.baseUrl) } : null);
      if (oidc) {
        registerOidcLogin(app, database.db, config.baseUrl, {
          issuer: oidc.issuer,
          citizen: oidc.citizen,
          staff: oidc.staff,
          allowInsecure: !config.oidc,
        });
      }
      dispatcher.register(webhookConsumer(database.db));

      app.get('/health/live', { config: { auth: 'public' }, schema: { hide: true } }, async () => ({
        status: 'ok',
      }));
      app.get(
        '/health/ready',
        { config: { auth: 'public' }, schema: { hide: true } },
        async (_req, reply) => {
          const database_ = await ping(database.db);
          const migrations = database_ && (await migrationsCurrent(database, allMigrations()));
          const ready = database_ && migrations;
          return reply.status(ready ? 200 : 503).send({
            status: ready ? 'ok' : 'unavailable',
            checks: {
              database: database_ ? 'ok' : 'unreachable',
              migrations: migrations ? 'current' : 'pending',
            },
          });
        },
      );

      await registerApiGroup(
        app,
        {
          prefix: '/loket/api/v1',
          title: 'Loket API',
          version: '1.0.0',
          description: 'Loket’s own API: organisations on this installation.',
          baseUrl: config.baseUrl,
        },
        (group) => registerOrganisationRoutes(group, database.db, config.baseUrl),
      );
    },
    async seedDemo(_ctx, trx) {
      for (const o of DEMO_ORGANISATIONS) await upsertOrganisation(trx, o);
      await setClientSecret(
        trx,
        DEMO_API_CLIENT.clientId,
        DEMO_API_CLIENT.secret,
        DEMO_API_CLIENT.organisationId,
      );
    },
  };
}
