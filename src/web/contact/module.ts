import type { LoketModule } from '../../platform/module.ts';
import { ASSET_PREFIX, registerWebAssets } from '../shared/assets.ts';
import { registerCitizenContactPages } from './routes-citizen.ts';
import { registerDemoMailbox } from './routes-mailbox.ts';
import { registerStaffContactPages } from './routes-staff.ts';

/** The contact pages: /contact for citizens, the call-back queue for staff, the demo mailbox. */
export function contactPagesModule(): LoketModule {
  return {
    name: 'web-contact',
    async register({ app, database, config }) {
      // The stylesheet and fonts are shared by every page; whoever registers first serves them.
      if (!app.hasRoute({ method: 'GET', url: `${ASSET_PREFIX}:file` })) await registerWebAssets(app);
      registerCitizenContactPages(app, database.db);
      registerStaffContactPages(app, database.db);
      if (config.demo) registerDemoMailbox(app, database.db);
    },
  };
}
