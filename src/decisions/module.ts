import type { LoketModule } from '../platform/module.ts';
import { loadRuleRegistry, type RuleRegistry } from '../rules/index.ts';
import { decisionMigrations } from './migrations.ts';
import { registerDecisionRoutes } from './routes.ts';

/**
 * Decisions: the rule outcome with its full provenance, maatwerk with a second pair of eyes, objection.
 * API for professionals and citizens at /loket/api/v1/beslissingen.
 */
export function decisionsModule(registry: () => RuleRegistry = loadRuleRegistry): LoketModule {
  return {
    name: 'decisions',
    migrations: decisionMigrations,
    async register({ app, database, config }) {
      await registerDecisionRoutes(app, database.db, registry(), config.baseUrl);
    },
  };
}
