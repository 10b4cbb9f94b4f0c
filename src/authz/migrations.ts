import { clientsChangedTrigger } from '../platform/auth/client-cache.ts';
import { type MigrationSet, sqlMigration } from '../platform/db/migrate.ts';

/** ZGW Autorisaties: which API client (application) may do what, per component, scope and type. */
export const authzMigrations: MigrationSet = {
  '2026_11_23_1000_authz': sqlMigration([
    `create table applicatie (
      id uuid primary key,
      organisation_id text not null,
      label text not null,
      heeft_alle_autorisaties boolean not null default false,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`,
    `create table applicatie_client (
      client_id text primary key,
      applicatie_id uuid not null references applicatie (id) on delete cascade,
      organisation_id text not null
    )`,
    'create index applicatie_client_app on applicatie_client (applicatie_id)',
    `create table autorisatie (
      id bigserial primary key,
      organisation_id text not null,
      applicatie_id uuid not null references applicatie (id) on delete cascade,
      position integer not null,
      component text not null,
      scopes text[] not null,
      zaaktype text,
      informatieobjecttype text,
      besluittype text,
      max_vertrouwelijkheidaanduiding text
    )`,
    'create index autorisatie_app on autorisatie (applicatie_id, position)',
  ]),
  // The Autorisaties API returns clientIds in the order they were given; lists are newest first per organisation.
  '2026_11_23_1010_authz_api': sqlMigration([
    'alter table applicatie_client add column position integer not null default 0',
    'create index applicatie_org_created on applicatie (organisation_id, created_at desc, id)',
  ]),
  // A change of an applicatie reaches every process's remembered autorisaties (platform/auth/client-cache.ts).
  '2026_11_23_9801_authz_client_changes': sqlMigration(
    ['applicatie', 'applicatie_client', 'autorisatie'].map(clientsChangedTrigger),
  ),
};
