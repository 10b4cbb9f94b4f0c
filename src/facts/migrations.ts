import { type MigrationSet, sqlMigration } from '../platform/db/migrate.ts';

/**
 * Facts with provenance (bitemporal: valid_from/valid_until and recorded_at), markers, terugmeldingen,
 * the consequences that run on facts, corrections with their propagation, review tasks, messages to the
 * person, and improvement items at the source.
 */
export const factMigrations: MigrationSet = {
  '2026_11_23_3100_facts': sqlMigration([
    `create table fact (
      id uuid not null,
      version integer not null,
      organisation_id text not null,
      subject_kind text not null check (subject_kind in ('bsn', 'kvk')),
      subject_id text not null,
      attribute text not null,
      value jsonb not null,
      source_kind text not null,
      source_name text not null,
      legal_basis text not null,
      valid_from date not null,
      valid_until date,
      recorded_at timestamptz not null default now(),
      status text not null check (status in ('current', 'superseded', 'withdrawn')),
      withdrawn_reason text,
      marker jsonb,
      primary key (id, version)
    )`,
    'create index fact_subject on fact (subject_kind, subject_id, status)',
    `create table fact_terugmelding (
      id uuid primary key,
      organisation_id text not null,
      fact_id uuid not null,
      fact_version integer not null,
      reporter_kind text not null check (reporter_kind in ('citizen', 'staff')),
      reporter_id text not null,
      explanation text not null,
      evidence text,
      status text not null check (status in ('received', 'investigating', 'corrected', 'rejected')),
      status_reason text,
      consequences_on_hold boolean not null default false,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`,
    'create index fact_terugmelding_fact on fact_terugmelding (fact_id)',
    `create table fact_consequence (
      id uuid primary key,
      organisation_id text not null,
      subject_id text not null,
      kind text not null,
      description text not null,
      fact_id uuid not null,
      fact_version integer not null,
      status text not null check (status in ('running', 'on_hold', 'stopped')),
      hold_reason text,
      created_at timestamptz not null default now()
    )`,
    'create index fact_consequence_fact on fact_consequence (fact_id, status)',
    `create table fact_correction (
      id uuid primary key,
      organisation_id text not null,
      fact_id uuid not null,
      from_version integer not null,
      to_version integer,
      reason text not null,
      status text not null check (status in ('running', 'done')),
      found integer not null default 0,
      unchanged integer not null default 0,
      changed integer not null default 0,
      failed integer not null default 0,
      improvement_id uuid,
      created_at timestamptz not null default now(),
      finished_at timestamptz
    )`,
    `create table fact_correction_item (
      correction_id uuid not null references fact_correction (id),
      decision_id uuid not null,
      organisation_id text not null,
      outcome text not null check (outcome in ('unchanged', 'changed', 'failed')),
      detail text,
      primary key (correction_id, decision_id)
    )`,
    `create table review_task (
      id uuid primary key,
      organisation_id text not null,
      decision_id uuid not null,
      correction_id uuid not null,
      old_outputs jsonb,
      new_outputs jsonb,
      new_trace jsonb,
      status text not null check (status in ('open', 'done')),
      created_at timestamptz not null default now(),
      unique (correction_id, decision_id)
    )`,
    'create index review_task_org on review_task (organisation_id, status)',
    `create table person_message (
      id uuid primary key,
      organisation_id text not null,
      bsn text not null,
      subject text not null,
      body text not null,
      created_at timestamptz not null default now()
    )`,
    'create index person_message_bsn on person_message (bsn, created_at)',
    `create table improvement_item (
      id uuid primary key,
      organisation_id text not null,
      attribute text not null,
      source_name text not null,
      cause text not null,
      people integer not null default 0,
      decisions integer not null default 0,
      status text not null check (status in ('open', 'closed')),
      resolution text,
      created_at timestamptz not null default now(),
      closed_at timestamptz
    )`,
    'create index improvement_item_open on improvement_item (organisation_id, attribute, status)',
  ]),
};
