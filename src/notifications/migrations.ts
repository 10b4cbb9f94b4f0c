import { type MigrationSet, sqlMigration } from '../platform/db/migrate.ts';

/** ZGW Notificaties: kanalen, abonnementen with their kanaal filters, and the log of every delivery attempt. */
export const notificationMigrations: MigrationSet = {
  '2026_11_23_1100_notifications': sqlMigration([
    `create table kanaal (
      id uuid primary key,
      organisation_id text not null,
      naam text not null unique,
      documentatie_link text not null default '',
      filters text[] not null default '{}',
      created_at timestamptz not null default now()
    )`,
    `create table abonnement (
      id uuid primary key,
      organisation_id text not null,
      client_id text not null,
      callback_url text not null,
      auth text not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`,
    'create index abonnement_org on abonnement (organisation_id, created_at)',
    `create table abonnement_kanaal (
      id bigserial primary key,
      organisation_id text not null,
      abonnement_id uuid not null references abonnement (id) on delete cascade,
      position integer not null,
      kanaal text not null references kanaal (naam),
      filters jsonb not null default '{}'
    )`,
    'create index abonnement_kanaal_route on abonnement_kanaal (kanaal, organisation_id)',
    'create index abonnement_kanaal_abonnement on abonnement_kanaal (abonnement_id, position)',
    `create table notificatie_aflevering (
      id bigserial primary key,
      organisation_id text not null,
      abonnement_id uuid not null references abonnement (id) on delete cascade,
      event_id bigint not null,
      kanaal text not null,
      resource_url text not null,
      actie text not null,
      status_code integer,
      fout text,
      geslaagd boolean not null,
      duur_ms integer not null,
      tijdstip timestamptz not null default now()
    )`,
    'create index notificatie_aflevering_abonnement on notificatie_aflevering (abonnement_id, id desc)',
  ]),
};
