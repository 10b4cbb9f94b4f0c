import { registerApiGroup } from '../platform/http/api-group.ts';
import type { LoketModule } from '../platform/module.ts';
import type { LocalResources } from '../zgw/local-resources.ts';
import { ZGW_APIS } from '../zgw/urls.ts';
import { CountCompactor } from './compactor.ts';
import { zaakJson } from './json.ts';
import type { ChildRow } from './kinds.ts';
import { KINDS } from './kinds.ts';
import { zakenMigrations } from './migrations.ts';
import { registerZaakRoutes } from './routes.ts';
import { registerPartRoutes } from './routes-parts.ts';
import { type ResultaatRow, resultaatJson } from './service-resultaat.ts';
import { type RolRow, rolPage } from './service-rol.ts';
import { type StatusRow, statusPage } from './service-status.ts';
import { findZaak } from './store.ts';

const DESCRIPTION = `Zaken van Loket. In Loket is een zaak de zaak van een **dienst** (van een organisatie) voor een persoon of bedrijf; de ZGW Zaken API 1.5.1 is een koppelvlak daarover.

Een zaak hoort bij de organisatie van de applicatie die haar aanmaakte; andere organisaties zien haar niet. Lijsten tonen alleen zaken van zaaktypen en vertrouwelijkheid waarvoor de applicatie rechten heeft; \`count\` is altijd exact. Zonder \`ordering\` staan de nieuwste zaken (registratie) bovenaan.

**Notificaties** op het kanaal \`zaken\` (hoofdObject: de zaak; kenmerken \`bronorganisatie\`, \`zaaktype\`, \`vertrouwelijkheidaanduiding\`) en een regel in de audittrail bij elke wijziging.`;

/**
 * Zaken: Loket's case record (the zaak of a dienst for a person or company) and the ZGW Zaken API 1.5.1
 * over it at /zaken/api/v1. Registers in-process resolvers for its resources, so Besluiten, Documenten
 * and `expand` resolve zaak URLs without HTTP.
 */
export function zakenModule(local: LocalResources): LoketModule {
  return {
    name: 'zaken',
    migrations: zakenMigrations,
    async register({ app, database, config, log }) {
      const ctx = { db: database.db, baseUrl: config.baseUrl, local };
      local.register('zaken', 'zaken', async (db, id) => {
        const row = await findZaak(db, id);
        return row ? (zaakJson(config.baseUrl, row) as Record<string, unknown>) : null;
      });
      local.register('zaken', 'statussen', async (db, id) => {
        const r = await db
          .selectFrom('zrc_status as s')
          .innerJoin('zrc_zaak as z', 'z.id', 's.zaak_id')
          .selectAll('s')
          .select('z.status_id as zaak_status_id')
          .where('s.id', '=', id)
          .executeTakeFirst();
        return r
          ? (await statusPage(db, config.baseUrl, [r as StatusRow & { zaak_status_id: string | null }]))[0]
          : null;
      });
      local.register('zaken', 'resultaten', async (db, id) => {
        const r = await db.selectFrom('zrc_resultaat').selectAll().where('id', '=', id).executeTakeFirst();
        return r ? resultaatJson(config.baseUrl, r as ResultaatRow) : null;
      });
      local.register('zaken', 'rollen', async (db, id) => {
        const r = await db.selectFrom('zrc_rol').selectAll().where('id', '=', id).executeTakeFirst();
        return r ? (await rolPage(db, config.baseUrl, [r as RolRow]))[0] : null;
      });
      for (const kind of [
        'zaakobject',
        'zaakinformatieobject',
        'klantcontact',
        'zaakcontactmoment',
        'zaakverzoek',
      ] as const)
        local.register('zaken', KINDS[kind].path, async (db, id) => {
          const r = await db
            .selectFrom('zrc_zaak_child')
            .selectAll()
            .where('id', '=', id)
            .where('kind', '=', kind)
            .executeTakeFirst();
          return r ? KINDS[kind].json(config.baseUrl, r as ChildRow) : null;
        });
      const compactor = new CountCompactor(database.db, log, { vacuum: database.backend === 'postgres' });
      app.addHook('onReady', async () => compactor.start());
      app.addHook('onClose', async () => compactor.stop());
      await registerApiGroup(
        app,
        {
          prefix: ZGW_APIS.zaken,
          title: 'Zaken API',
          version: '1.5.1',
          description: DESCRIPTION,
          baseUrl: config.baseUrl,
        },
        (group) => {
          registerZaakRoutes(group, ctx);
          registerPartRoutes(group, ctx);
        },
      );
    },
  };
}
