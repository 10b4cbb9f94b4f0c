import { caseEngineOf } from '../../cases/module.ts';
import type { LoketModule } from '../../platform/module.ts';
import { loadRuleRegistry, type RuleRegistry } from '../../rules/index.ts';
import { workbenchMigrations } from './migrations.ts';
import { registerWorkbenchRoutes } from './routes.ts';

/**
 * The professional's workbench under /werkplek: work queues, the case page with its actions, and acting
 * for a citizen at the desk or on the phone. Server-rendered, usable without JavaScript; staff log in
 * through the OpenID Connect flow of the platform.
 */
export function workbenchModule(registry: () => RuleRegistry = loadRuleRegistry): LoketModule {
  return {
    name: 'workbench',
    migrations: workbenchMigrations,
    async register({ app, database, config }) {
      registerWorkbenchRoutes(app, {
        db: database.db,
        deps: caseEngineOf(database),
        baseUrl: config.baseUrl,
        registry: registry(),
      });
    },
  };
}
