import { caseEngineOf } from '../../cases/module.ts';
import { HaalCentraalBrpClient } from '../../facts/brp/index.ts';
import type { LoketModule } from '../../platform/module.ts';
import { loadRuleRegistry } from '../../rules/index.ts';
import { registerWebAssets } from '../shared/index.ts';
import { portalMigrations } from './migrations.ts';
import { type PortalDeps, registerPortal } from './routes.ts';
import { checkPeople } from './start.ts';
import { RETRY_QUEUE, retrySubmission } from './submissions.ts';

/**
 * The citizen portal ("one door"): every case at every organisation, tasks, decisions, messages and the
 * data the government uses, server-rendered on the shared web foundation. See README.md.
 */
export function portalModule(options: Partial<PortalDeps> = {}): LoketModule {
  return {
    name: 'portal',
    migrations: portalMigrations,
    async register(ctx) {
      // The stylesheet may already be served by another web module (workbench, contact).
      if (!ctx.app.hasRoute({ method: 'GET', url: '/assets/:file' })) await registerWebAssets(ctx.app);
      const brp =
        options.brp ??
        (ctx.config.brp
          ? new HaalCentraalBrpClient({
              baseUrl: ctx.config.brp.baseUrl,
              apiKey: ctx.config.brp.apiKey ?? undefined,
            })
          : null);
      await registerPortal(ctx, { brp, registry: options.registry ?? loadRuleRegistry() });
      // Kept requests are sent again once the source is back (the job queue retries with backoff).
      ctx.jobs.handle(RETRY_QUEUE, async (job, trx) => {
        const { submissionId } = job.payload as { submissionId: string };
        await retrySubmission(trx, caseEngineOf(ctx.database), submissionId, async (event, answers) => {
          return (await checkPeople(brp, event, answers)).length === 0;
        });
      });
    },
  };
}
