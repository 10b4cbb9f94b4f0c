import type { LoketModule } from '../platform/module.ts';
import { loadRuleRegistry, type RuleRegistry } from '../rules/index.ts';
import type { LocalResources } from '../zgw/local-resources.ts';
import { besluitConsumer } from './besluit.ts';
import { decisionMigrations } from './migrations.ts';
import { registerDecisionRoutes } from './routes.ts';

/**
 * Decisions: the rule outcome with its full provenance, maatwerk with a second pair of eyes, objection.
 * API for professionals and citizens at /loket/api/v1/beslissingen. With `local` (Loket's in-process ZGW
 * references), a final decision is recorded as a besluit in the Besluiten API on its zaak.
 */
export function decisionsModule(
  registry: () => RuleRegistry = loadRuleRegistry,
  local?: LocalResources,
): LoketModule {
  return {
    name: 'decisions',
    migrations: decisionMigrations,
    async register({ app, database, config, dispatcher, log }) {
      if (local) dispatcher.register(besluitConsumer({ baseUrl: config.baseUrl, local }, log));
      await registerDecisionRoutes(app, database.db, registry(), config.baseUrl);
    },
  };
}
