import { DEMO_API_CLIENT } from '../demo/organisations.ts';
import { registerApiGroup } from '../platform/http/api-group.ts';
import type { LoketModule } from '../platform/module.ts';
import { enforceZgwAuthorisations } from '../zgw/auth.ts';
import { ZGW_APIS } from '../zgw/urls.ts';
import { readDjangoFixtures, seedAuthzFixtures } from './fixtures.ts';
import { authzMigrations } from './migrations.ts';
import { saveApplicatie } from './repository.ts';
import { AUTORISATIES_API_VERSION, registerAutorisatiesRoutes } from './routes.ts';
import { authzService } from './service.ts';

/** The demo API client's applicatie: it may do everything (printed at start in demo mode). */
export const DEMO_APPLICATIE_ID = '6f1c1f6e-6b8e-4c57-9a52-0d5a3c1d7e01';

/**
 * Autorisaties: which API client may do what. Enforced for every ZGW route of every API (remembered until
 * they change: platform/auth/client-cache.ts), managed through the Autorisaties API 1.0.0 at /autorisaties/api/v1.
 */
export function authzModule(): LoketModule {
  return {
    name: 'authz',
    migrations: authzMigrations,
    async register({ app, database, config, log }) {
      enforceZgwAuthorisations(app, database.db);
      if (config.zgwFixtures) {
        const seeded = await seedAuthzFixtures(database.db, readDjangoFixtures(config.zgwFixtures));
        log.info(
          { ...seeded, fixtures: config.zgwFixtures },
          'ZGW fixtures seeded: API clients and applicaties',
        );
      }
      const service = authzService(database.db, config.baseUrl);
      await registerApiGroup(
        app,
        {
          prefix: ZGW_APIS.autorisaties,
          title: 'Autorisaties API',
          version: AUTORISATIES_API_VERSION,
          description:
            'Een API om een autorisatiecomponent (AC) te benaderen. Deze API publiceert notificaties op het kanaal `autorisaties` (resource `applicatie`: create, update, partial_update, destroy).',
          baseUrl: config.baseUrl,
        },
        (group) => registerAutorisatiesRoutes(group, service, config.baseUrl),
      );
    },
    async seedDemo(_ctx, trx) {
      await saveApplicatie(trx, {
        id: DEMO_APPLICATIE_ID,
        organisationId: DEMO_API_CLIENT.organisationId,
        label: 'Loket demo',
        heeftAlleAutorisaties: true,
        clientIds: [DEMO_API_CLIENT.clientId],
        autorisaties: [],
      });
    },
  };
}
