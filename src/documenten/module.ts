import { join } from 'node:path';
import multipart from '@fastify/multipart';
import type { Config } from '../platform/config.ts';
import { registerApiGroup } from '../platform/http/api-group.ts';
import type { LoketModule } from '../platform/module.ts';
import type { LocalResources } from '../zgw/local-resources.ts';
import { ZGW_APIS } from '../zgw/urls.ts';
import { sweep } from './content.ts';
import type { DocumentenContext } from './context.ts';
import { documentenMigrations } from './migrations.ts';
import { rememberContext } from './received.ts';
import { readEioJson } from './repository.ts';
import { registerEioRoutes } from './routes.ts';
import { registerRelatedRoutes } from './routes-related.ts';
import type { DocumentStorage } from './storage.ts';
import { FileStorage } from './storage-fs.ts';
import { S3Storage } from './storage-s3.ts';

const DESCRIPTION = `Een API om een documentregistratiecomponent (DRC) te benaderen: documenten (enkelvoudige informatieobjecten) met hun versies en inhoud, gebruiksrechten, verzendingen en hun relaties met zaken en besluiten.

**Versies.** Elke wijziging (PUT, PATCH) maakt een nieuwe versie. \`?versie=\` en \`?registratieOp=\` vragen een oudere versie op, ook bij \`/download\`.

**Vergrendelen.** Wijzigen kan alleen met de \`lock\` uit \`/lock\`; \`/unlock\` geeft het document weer vrij. De scope \`documenten.geforceerd-unlock\` ontgrendelt zonder lock.

**Grote bestanden.** Maak het document aan met \`bestandsomvang\` en zonder \`inhoud\`. Het antwoord noemt de bestandsdelen (elk met een vaste grootte) en de \`lock\`. Stuur elk deel met PUT naar zijn URL als multipart/form-data met de velden \`lock\` en \`inhoud\`. Na \`/unlock\` worden de delen samengevoegd.

**Notificaties.** Deze API publiceert notificaties op het kanaal \`documenten\`, met kenmerken \`bronorganisatie\`, \`informatieobjecttype\` en \`vertrouwelijkheidaanduiding\`.`;

/**
 * Documenten: documents with their versions and content, and the ZGW Documenten API 1.5.0 over them at
 * /documenten/api/v1. Content lives behind the document storage (files on disk or an S3-compatible store).
 */
export function documentenModule(
  local: LocalResources,
  options: { storage?: DocumentStorage } = {},
): LoketModule {
  return {
    name: 'documenten',
    migrations: documentenMigrations,
    async register({ app, database, config, log }) {
      // Zaken and Besluiten validate informatieobject URLs through this, in their own transaction.
      local.register(
        'documenten',
        'enkelvoudiginformatieobjecten',
        async (db, id) => (await readEioJson(db, config.baseUrl, id))?.json ?? null,
      );
      const ctx: DocumentenContext = {
        db: database.db,
        baseUrl: config.baseUrl,
        local,
        storage: options.storage ?? storageFor(config),
        partSize: config.documents.partSize,
        log,
      };
      // Other modules reach this context through index.ts (documentenOf).
      rememberContext(database, ctx);
      await registerApiGroup(
        app,
        {
          prefix: ZGW_APIS.documenten,
          title: 'Documenten API',
          version: '1.5.0',
          description: DESCRIPTION,
          baseUrl: config.baseUrl,
        },
        async (group) => {
          // Only here: bestandsdelen arrive as multipart/form-data and stream to the store.
          await group.register(multipart, { limits: { fields: 10, files: 1 } });
          registerEioRoutes(group, ctx);
          registerRelatedRoutes(group, ctx);
        },
      );
      // Content discarded before a crash is removed at start.
      app.addHook('onReady', async () => void sweep(ctx));
    },
  };
}

/** The store the configuration asks for: S3-compatible when LOKET_S3_* is set, else files in the data folder. */
function storageFor(config: Config): DocumentStorage {
  const s3 = config.documents.s3;
  return s3 ? new S3Storage(s3) : new FileStorage(join(config.dataDir, 'documenten'));
}
