import { registerApiGroup } from '../platform/http/api-group.ts';
import type { LoketModule } from '../platform/module.ts';
import type { LocalResources } from '../zgw/local-resources.ts';
import { ZGW_APIS } from '../zgw/urls.ts';
import { zaakJson } from './json.ts';
import { zakenMigrations } from './migrations.ts';
import { registerZakenRoutes } from './routes.ts';
import { rolUrls } from './service-zaak.ts';

/**
 * Zaken: Loket's case record (the zaak of a dienst for a person or company) and the ZGW Zaken API 1.5.1
 * over it at /zaken/api/v1 (in progress: zaken, statussen, resultaten, rollen, audit trail).
 */
export function zakenModule(local: LocalResources): LoketModule {
  return {
    name: 'zaken',
    migrations: zakenMigrations,
    async register({ app, database, config }) {
      const ctx = { db: database.db, baseUrl: config.baseUrl, local };
      local.register('zaken', 'zaken', async (db, id) => {
        const row = await db.selectFrom('zrc_zaak').selectAll().where('id', '=', id).executeTakeFirst();
        return row
          ? (zaakJson(config.baseUrl, row, await rolUrls(db, config.baseUrl, id)) as Record<string, unknown>)
          : null;
      });
      await registerApiGroup(
        app,
        {
          prefix: ZGW_APIS.zaken,
          title: 'Zaken API',
          version: '1.5.1',
          description:
            'Zaken van Loket: de zaak van een dienst voor een persoon of bedrijf. Publiceert notificaties op het kanaal `zaken`.',
          baseUrl: config.baseUrl,
        },
        (group) => registerZakenRoutes(group, ctx),
      );
    },
  };
}
