import type { Config } from '../platform/config.ts';
import type { LoketModule } from '../platform/module.ts';
import { defaultDataDir } from './data.ts';
import { DEFAULT_PREFIX, registerReferentielijsten } from './plugin.ts';

export {
  createSelectielijstClient,
  type Lookup,
  type Procestype,
  type Resultaattypeomschrijving,
  type SelectielijstClient,
  type SelectielijstResultaat,
} from './client.ts';
export { COMMUNICATIEKANALEN, defaultDataDir, defaultSharedDir } from './data.ts';
export {
  DEFAULT_PREFIX,
  PAGE_SIZE,
  type ReferentielijstenOptions,
  type ReferentielijstenStatus,
  referentielijstenStatus,
  registerReferentielijsten,
} from './plugin.ts';

/** Root of the Referentielijsten API Loket uses: LOKET_REFERENTIELIJSTEN_URL, else the one it serves itself. */
export function referentielijstenUrl(config: Pick<Config, 'baseUrl' | 'referentielijstenUrl'>): string {
  return (config.referentielijstenUrl ?? `${config.baseUrl}${DEFAULT_PREFIX}`).replace(/\/+$/, '');
}

/** Loket's own Referentielijsten API, from `<sharedDir>/data/selectielijst/referentielijsten-api`. */
export function referentielijstenModule(): LoketModule {
  return {
    name: 'referentielijsten',
    async register({ app, config }) {
      await registerReferentielijsten(app, {
        baseUrl: config.baseUrl,
        dataDir: defaultDataDir(config.sharedDir),
      });
    },
  };
}
