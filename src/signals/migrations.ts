import { type MigrationSet, sqlMigration } from '../platform/db/migrate.ts';

/**
 * Signals ("er klopt iets niet") raised by professionals, routed to the owner of a service or a data
 * source, and their history (what the owner did and said), which the raiser can follow.
 */
export const signalMigrations: MigrationSet = {
  '2026_11_23_9100_signals': sqlMigration([
    `create table signal (
      id uuid primary key,
      organisation_id text not null,
      raised_by text not null,
      raised_by_name text not null,
      case_id uuid,
      subject_bsn text,
      dienst_id uuid,
      dienst_name text,
      process text not null check (process in ('agree', 'change', 'recover', 'operate', 'improve')),
      failure text not null check (failure in
        ('need', 'rule', 'data', 'decision', 'execution', 'communication')),
      summary text not null,
      description text not null,
      owner_organisation_id text not null,
      owner_team text,
      owner_name text not null,
      status text not null check (status in ('received', 'investigating', 'fixing', 'resolved', 'rejected')),
      improvement_id uuid,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`,
    'create index signal_raiser on signal (organisation_id, raised_by, created_at)',
    'create index signal_owner on signal (owner_organisation_id, status, created_at)',
    `create table signal_event (
      id bigserial primary key,
      signal_id uuid not null references signal (id),
      organisation_id text not null,
      actor text not null,
      actor_name text not null,
      kind text not null check (kind in ('raised', 'status', 'response', 'improvement')),
      status text,
      text text,
      at timestamptz not null default now()
    )`,
    'create index signal_event_signal on signal_event (signal_id, id)',
  ]),
};
