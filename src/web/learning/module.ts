import type { LoketModule } from '../../platform/module.ts';
import { loadRuleRegistry, type RuleRegistry } from '../../rules/index.ts';
import { registerWebAssets } from '../shared/index.ts';
import { registerCorrectionRoutes } from './routes-corrections.ts';
import { registerInsightRoutes } from './routes-insight.ts';
import { registerSignalRoutes } from './routes-signal.ts';
import { registerSignalListRoutes } from './routes-signals.ts';

/**
 * The professional's pages for learning and correcting: signals (/werkplek/signalen), the learning view
 * per service (/werkplek/inzicht) and the correction review (/werkplek/correcties).
 */
export function learningWebModule(registry: () => RuleRegistry = loadRuleRegistry): LoketModule {
  return {
    name: 'web-learning',
    async register({ app, database }) {
      // The shared stylesheet and fonts; registered by whichever web module comes first.
      if (!app.hasRoute({ method: 'GET', url: '/assets/:file' })) await registerWebAssets(app);
      registerSignalListRoutes(app, database.db);
      registerSignalRoutes(app, database.db);
      registerCorrectionRoutes(app, database.db, registry());
      registerInsightRoutes(app, database.db);
    },
  };
}
