import { type MigrationSet, sqlMigration } from '../platform/db/migrate.ts';

/**
 * The contact module's tables: call-back and appointment requests (each one is a task for a team with a
 * service-level deadline), contact moments (what was said, by whom, through which channel) and the demo's
 * mailbox (e-mail notifications caught locally instead of sent).
 */
export const contactMigrations: MigrationSet = {
  '2026_11_23_8000_contact': sqlMigration([
    `create table contact_request (
      id text primary key,
      organisation_id text not null,
      team text not null,
      subject_bsn text not null,
      requester_name text not null default '',
      kind text not null check (kind in ('terugbellen', 'afspraak-balie', 'afspraak-video')),
      question text not null,
      case_id text,
      dienst_id text,
      about text not null,
      phone text,
      preferred_time text not null,
      preferred_note text,
      service_term text not null,
      due_date date not null,
      status text not null default 'open' check (status in ('open', 'closed')),
      outcome text check (outcome in ('reached', 'not-reached')),
      outcome_note text,
      closed_by_id text,
      closed_by_name text,
      closed_at timestamptz,
      created_at timestamptz not null default now()
    )`,
    'create index contact_request_queue on contact_request (organisation_id, status, due_date)',
    'create index contact_request_person on contact_request (subject_bsn, created_at)',
    'create index contact_request_case on contact_request (case_id) where case_id is not null',
    `create table contact_moment (
      id text primary key,
      organisation_id text not null,
      subject_bsn text not null,
      case_id text,
      request_id text references contact_request (id),
      channel text not null check (channel in ('telefoon', 'balie', 'video', 'e-mail', 'brief', 'portaal')),
      summary text not null,
      staff_id text not null,
      staff_name text not null,
      occurred_at timestamptz not null default now()
    )`,
    'create index contact_moment_person on contact_moment (subject_bsn, occurred_at)',
    'create index contact_moment_case on contact_moment (case_id) where case_id is not null',
    `create table demo_mail (
      id text primary key,
      organisation_id text not null,
      recipient_bsn text not null,
      subject text not null,
      body text not null,
      source_topic text not null,
      source_id text not null,
      created_at timestamptz not null default now(),
      unique (source_topic, source_id)
    )`,
    'create index demo_mail_created on demo_mail (created_at)',
  ]),
};
