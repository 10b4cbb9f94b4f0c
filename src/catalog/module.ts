import { registerApiGroup } from '../platform/http/api-group.ts';
import type { LoketModule } from '../platform/module.ts';
import type { LocalResources } from '../zgw/local-resources.ts';
import { ZGW_APIS } from '../zgw/urls.ts';
import { ListCache } from './cache.ts';
import { seedCatalogDemo } from './demo.ts';
import { catalogMigrations } from './migrations.ts';
import { CATALOGI_API_VERSION } from './routes.ts';
import { registerCatalogiRoutes } from './routes-catalogi.ts';
import { selectielijstClient } from './selectielijst.ts';
import type { CatalogContext } from './service.ts';

const DESCRIPTION = `Een API om een zaaktypecatalogus (ZTC) te benaderen: catalogi, zaaktypen met hun statustypen, resultaattypen, roltypen, eigenschappen, zaakobjecttypen en informatieobjecttypen, en besluittypen.

In Loket hoort elk zaaktype bij een **dienst** van een organisatie: wat de organisatie aanbiedt, op welke wettelijke grondslag, met welke servicenormen (beslistermijn, reactietermijnen) en welk team eigenaar is. Een zaaktype dat via deze API zonder dienst wordt aangemaakt, krijgt er een. Een catalogus hoort bij de organisatie van de aanroepende applicatie.

**Concepten en publiceren.** Nieuwe typen zijn concepten. \`/publish\` maakt ze definitief; daarna kan alleen de einddatum van de geldigheid nog wijzigen (PATCH met alleen \`eindeGeldigheid\`), ook niet van de statustypen, resultaattypen enz. van een gepubliceerd zaaktype. Publiceren wordt geweigerd zolang gerelateerde besluittypen, informatieobjecttypen of deelzaaktypen nog concept zijn (\`concept-relation\`). De scope \`catalogi.geforceerd-schrijven\` mag deze regels doorbreken.

**Versies.** Versies van een type delen catalogus en identificatie (zaaktype) of omschrijving (besluittype, informatieobjecttype). Gepubliceerde versies mogen elkaars geldigheid niet overlappen (\`overlap\`); \`datumGeldigheid\` vindt de versie die op een datum geldt. De einddatum is de laatste dag waarop een versie geldt.

**Notificaties.** Deze API publiceert notificaties op de kanalen \`zaaktypen\` (ook voor de statustypen, resultaattypen, roltypen, eigenschappen, zaakobjecttypen en zaaktype-informatieobjecttypen van een zaaktype; hoofdObject is dan het zaaktype), \`besluittypen\` en \`informatieobjecttypen\`, met kenmerk \`catalogus\`. Acties: create, update, partial_update, destroy en publish.`;

/**
 * The service catalogue: organisations' diensten with their legal basis and service levels, their case
 * types, and the ZGW Catalogi API 1.3.1 over them at /catalogi/api/v1.
 */
export function catalogModule(local?: LocalResources): LoketModule {
  return {
    name: 'catalog',
    migrations: catalogMigrations,
    async register({ app, database, config }) {
      const ctx: CatalogContext = {
        db: database.db,
        baseUrl: config.baseUrl,
        selectielijst: selectielijstClient(config),
        local,
      };
      const cache = new ListCache(database.db);
      await registerApiGroup(
        app,
        {
          prefix: ZGW_APIS.catalogi,
          title: 'Catalogi API',
          version: CATALOGI_API_VERSION,
          description: DESCRIPTION,
          baseUrl: config.baseUrl,
        },
        (group) => registerCatalogiRoutes(group, ctx, cache),
      );
    },
    async seedDemo(ctx, trx) {
      await seedCatalogDemo(trx, ctx.config, ctx.log);
    },
  };
}
