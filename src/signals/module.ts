import type { LoketModule } from '../platform/module.ts';
import { signalMigrations } from './migrations.ts';

/** Signals: "er klopt iets niet", routed to the owner of a service or data source (pages: src/web/learning). */
export function signalsModule(): LoketModule {
  return { name: 'signals', migrations: signalMigrations };
}
