import { registerApiGroup } from '../platform/http/api-group.ts';
import type { LoketModule } from '../platform/module.ts';
import type { LocalResources } from '../zgw/local-resources.ts';
import { ZGW_APIS } from '../zgw/urls.ts';
import { besluitenMigrations } from './migrations.ts';
import { besluitJson, loadBesluit } from './repository.ts';
import { registerBesluitenRoutes } from './routes.ts';
import { besluitenTexts } from './texts.nl.ts';

export const BESLUITEN_API_VERSION = '1.1.0';

/**
 * Besluiten: decisions under the Awb with their besluittype, the zaak they come from and the documents they
 * are laid down in, and the ZGW Besluiten API 1.1.0 over them at /besluiten/api/v1. Other modules resolve
 * besluit URLs in-process ('besluiten/besluiten') and use index.ts.
 */
export function besluitenModule(local: LocalResources): LoketModule {
  return {
    name: 'besluiten',
    migrations: besluitenMigrations,
    async register({ app, database, config }) {
      const ctx = { db: database.db, baseUrl: config.baseUrl, local };
      local.register('besluiten', 'besluiten', async (db, id) => {
        const b = await loadBesluit(db, id);
        return b ? besluitJson(config.baseUrl, b) : null;
      });
      await registerApiGroup(
        app,
        {
          prefix: ZGW_APIS.besluiten,
          title: 'Besluiten API',
          version: BESLUITEN_API_VERSION,
          description: besluitenTexts.apiDescription,
          baseUrl: config.baseUrl,
        },
        (group) => registerBesluitenRoutes(group, ctx),
      );
    },
  };
}
