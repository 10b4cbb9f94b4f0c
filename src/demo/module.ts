import type { LoketModule } from '../platform/module.ts';
import { loadRuleRegistry } from '../rules/index.ts';
import { demoAccounts, demoOidcClients } from './accounts.ts';
import { DEFAULT_BRP_PREFIX, registerBrpTestService } from './brp-service.ts';
import { seedCorrectionStory } from './correction-story.ts';
import { registerDemoIdp } from './idp.ts';
import { idpMigrations } from './idp-adapter.ts';
import { demoCitizens } from './people.ts';

/**
 * The demo's stand-ins for the outside world (identity provider, BRP) — only with
 * LOKET_DEMO=1. Loket's own code talks to them through the same interfaces as to the real ones.
 */
export function demoModule(): LoketModule {
  return {
    name: 'demo',
    migrations: idpMigrations,
    async seedDemo(_ctx, trx) {
      await seedCorrectionStory(trx, loadRuleRegistry());
    },
    async register({ app, config, database }) {
      if (!config.demo) return;
      if (config.brp?.local) {
        await registerBrpTestService(app, { prefix: DEFAULT_BRP_PREFIX, apiKeys: [config.brp.apiKey ?? ''] });
      }
      if (config.oidc) return;
      const clients = demoOidcClients(config.baseUrl);
      await registerDemoIdp(app, database.db, config.baseUrl, clients.settings, () =>
        demoAccounts(demoCitizens()),
      );
    },
  };
}
