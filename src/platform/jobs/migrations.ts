import { type MigrationSet, sqlMigration } from '../db/migrate.ts';

export const jobMigrations: MigrationSet = {
  '2026_11_23_0200_jobs': sqlMigration([
    `create table job (
      id bigserial primary key,
      organisation_id text not null,
      queue text not null,
      payload jsonb not null default '{}',
      run_at timestamptz not null default now(),
      status text not null default 'pending' check (status in ('pending', 'done', 'failed', 'cancelled')),
      attempts integer not null default 0,
      max_attempts integer not null default 10,
      locked_until timestamptz,
      last_error text,
      singleton_key text,
      created_at timestamptz not null default now(),
      done_at timestamptz
    )`,
    `create index job_due on job (run_at) where status = 'pending'`,
    `create unique index job_singleton on job (queue, singleton_key) where status = 'pending' and singleton_key is not null`,
  ]),
};
