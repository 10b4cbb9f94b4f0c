import { type MigrationSet, sqlMigration } from '../../platform/db/migrate.ts';

/**
 * The portal's own tables: which messages a person has read, submissions kept when they could not be
 * handled (so nothing is lost) with the staff task that follows them up. `portal_upload` is no longer
 * written: an upload is now a document of the zaak in Documenten (upload.ts); the table keeps uploads made
 * before that.
 */
export const portalMigrations: MigrationSet = {
  '2026_11_23_8000_portal': sqlMigration([
    `create table portal_message_read (
      organisation_id text not null default 'loket',
      bsn text not null,
      message_key text not null,
      read_at timestamptz not null default now(),
      primary key (bsn, message_key)
    )`,
    `create table portal_submission (
      id uuid primary key,
      organisation_id text not null,
      bsn text not null,
      kind text not null check (kind in ('life-event')),
      target text not null,
      answers jsonb not null,
      failure text not null,
      status text not null check (status in ('pending', 'submitted')),
      request_id uuid,
      attempts integer not null default 0,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`,
    'create index portal_submission_bsn on portal_submission (bsn, created_at)',
    `create table portal_staff_task (
      id uuid primary key,
      organisation_id text not null,
      submission_id uuid not null references portal_submission (id),
      title text not null,
      reason text not null,
      due_date date not null,
      status text not null check (status in ('open', 'done')),
      created_at timestamptz not null default now()
    )`,
    'create index portal_staff_task_open on portal_staff_task (organisation_id, status)',
    `create table portal_upload (
      id uuid primary key,
      organisation_id text not null,
      bsn text not null,
      case_id uuid not null,
      instance_id text not null,
      file_name text not null,
      content_type text not null,
      content_key text not null,
      size bigint not null,
      created_at timestamptz not null default now()
    )`,
    'create index portal_upload_case on portal_upload (case_id)',
  ]),
};
