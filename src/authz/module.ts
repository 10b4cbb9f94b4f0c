import type { LoketModule } from '../platform/module.ts';
import { enforceZgwAuthorisations } from '../zgw/auth.ts';
import { authzMigrations } from './migrations.ts';

/** Autorisaties: which API client may do what. Enforced for every ZGW route of every API. */
export function authzModule(): LoketModule {
  return {
    name: 'authz',
    migrations: authzMigrations,
    register({ app, database }) {
      enforceZgwAuthorisations(app, database.db);
    },
  };
}
