import { type MigrationSet, sqlMigration } from '../db/migrate.ts';
import { CLIENTS_CHANGED_FUNCTION, clientsChangedTrigger } from './client-cache.ts';
import { SESSIONS_ENDED_SQL } from './sessions.ts';

export const authMigrations: MigrationSet = {
  '2026_11_23_0300_auth': sqlMigration([
    `create table api_client_secret (
      client_id text primary key,
      organisation_id text not null,
      secret text not null,
      created_at timestamptz not null default now()
    )`,
    `create table web_session (
      id text primary key,
      organisation_id text not null,
      kind text not null check (kind in ('citizen', 'staff')),
      subject text not null,
      acting_for text,
      data jsonb not null default '{}',
      csrf_token text not null,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null
    )`,
    'create index web_session_expiry on web_session (expires_at)',
  ]),
  // Every process forgets what it remembered about API clients when a secret changes (client-cache.ts).
  '2026_11_23_9800_auth_client_changes': sqlMigration([
    CLIENTS_CHANGED_FUNCTION,
    clientsChangedTrigger('api_client_secret'),
  ]),
  // Every process forgets its remembered sessions when one ends (sessions.ts).
  '2026_11_24_0100_auth_sessions_ended': sqlMigration(SESSIONS_ENDED_SQL),
};
