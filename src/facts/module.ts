import type { LoketModule } from '../platform/module.ts';
import { loadRuleRegistry, type RuleRegistry } from '../rules/index.ts';
import { factMigrations } from './migrations.ts';
import { reviewMigrations } from './migrations-review.ts';
import { PROPAGATE_QUEUE, propagationHandler } from './propagation.ts';
import { registerFactRoutes } from './routes.ts';

/**
 * Facts at the source and the correction loop: facts with provenance, markers that justify themselves,
 * terugmelding, and corrections that find and re-evaluate every decision that read a wrong fact.
 */
export function factsModule(registry: () => RuleRegistry = loadRuleRegistry): LoketModule {
  return {
    name: 'facts',
    migrations: { ...factMigrations, ...reviewMigrations },
    async register({ app, database, config, jobs }) {
      jobs.handle(PROPAGATE_QUEUE, propagationHandler(registry()));
      await registerFactRoutes(app, database.db, config.baseUrl);
    },
  };
}
