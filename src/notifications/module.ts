import { registerApiGroup } from '../platform/http/api-group.ts';
import type { LoketModule } from '../platform/module.ts';
import { ZGW_APIS } from '../zgw/urls.ts';
import { cloudEventsConsumer } from './cloudevents.ts';
import { notificationConsumer } from './delivery.ts';
import { AfleveringLog, TargetCache } from './delivery-state.ts';
import { seedKanaalFixtures, seedStandardKanalen } from './kanalen.ts';
import { notificationMigrations } from './migrations.ts';
import { NOTIFICATIES_API_VERSION, registerNotificatiesRoutes } from './routes.ts';
import { notificationService } from './service.ts';

/**
 * Notificaties: the ZGW Notificaties API 1.0.0 at /notificaties/api/v1, delivery of every ZGW notification
 * (outbox topic `zgw.<kanaal>`) to matching abonnementen, and to CloudEvents sinks.
 */
export function notificationsModule(): LoketModule {
  return {
    name: 'notifications',
    migrations: notificationMigrations,
    async register({ app, database, config, dispatcher, log }) {
      // Fixture kanalen first, so their uuids win over freshly made standard ones of the same name.
      if (config.zgwFixtures) await seedKanaalFixtures(database.db, config.zgwFixtures);
      await seedStandardKanalen(database.db, config.baseUrl);
      const targets = new TargetCache(database.db);
      const deliveryLog = new AfleveringLog(database.db, log);
      dispatcher.register(notificationConsumer(targets, deliveryLog));
      // Registered even without sinks: deliveries still pending for a sink since removed are then dropped.
      dispatcher.register(cloudEventsConsumer(config.baseUrl, config.cloudEventsSinks));
      const service = notificationService(database.db, { targets });
      await registerApiGroup(
        app,
        {
          prefix: ZGW_APIS.notificaties,
          title: 'Notificaties API',
          version: NOTIFICATIES_API_VERSION,
          description:
            'Een API om een notificatierouteringscomponent te benaderen: kanalen, abonnementen en het publiceren van notificaties. Loket levert elke notificatie ten minste één keer af, ook als een abonnee tijdelijk onbereikbaar is. Uitbreiding: de afleverpogingen per abonnement.',
          baseUrl: config.baseUrl,
        },
        (group) => registerNotificatiesRoutes(group, service, config.baseUrl),
      );
    },
  };
}
