import { type MigrationSet, sqlMigration } from '../../platform/db/migrate.ts';

/**
 * The case engine's tables. The case itself is the zaak (src/zaken, `case_id` = zaak id); these tables hold
 * what the engine adds to it: the plan it runs (state as jsonb, with the version it started with), every
 * transition, the open and closed tasks, the deadlines with their changes, and the notices to the citizen.
 * Life events link a citizen's one request to the cases it started at several organisations.
 */
export const caseMigrations: MigrationSet = {
  '2026_11_23_6000_cases': sqlMigration([
    `create table case_plan_definition (
      organisation_id text not null,
      plan_id text not null,
      version integer not null,
      zaaktype text not null,
      zaaktype_id uuid,
      name text not null,
      definition jsonb not null,
      source text not null,
      published_at timestamptz not null default now(),
      published_by jsonb not null,
      primary key (organisation_id, plan_id, version)
    )`,
    'create index case_plan_definition_zaaktype on case_plan_definition (organisation_id, zaaktype, version desc)',
    `create table case_plan (
      case_id uuid primary key,
      organisation_id text not null,
      plan_id text not null,
      plan_version integer not null,
      status text not null check (status in ('active', 'completed', 'terminated')),
      attention integer not null default 0,
      state jsonb not null,
      started_at timestamptz not null,
      updated_at timestamptz not null
    )`,
    `create index case_plan_open on case_plan (organisation_id, plan_id, plan_version) where status = 'active'`,
    `create index case_plan_attention on case_plan (organisation_id) where attention > 0`,
    `create table case_plan_history (
      case_id uuid not null,
      seq integer not null,
      organisation_id text not null,
      at timestamptz not null,
      item_id text not null,
      instance_id text not null,
      from_state text,
      to_state text not null,
      cause jsonb not null,
      actor jsonb,
      primary key (case_id, seq)
    )`,
    `create table case_task (
      case_id uuid not null,
      instance_id text not null,
      organisation_id text not null,
      item_id text not null,
      name text not null,
      description text,
      assignee_kind text not null check (assignee_kind in ('team', 'role', 'citizen')),
      assignee text not null,
      citizen_task text,
      document_type text,
      appointment_type text,
      due_date date,
      state text not null check (state in ('enabled', 'active', 'completed', 'terminated', 'disabled')),
      adhoc jsonb,
      activated jsonb,
      closed_by jsonb,
      closed_reason text,
      outcome jsonb,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      primary key (case_id, instance_id)
    )`,
    `create index case_task_team on case_task (organisation_id, assignee_kind, assignee, due_date)
      where state in ('enabled', 'active')`,
    `create index case_task_citizen on case_task (case_id) where assignee_kind = 'citizen' and state = 'active'`,
    `create table case_deadline (
      case_id uuid not null,
      kind text not null,
      organisation_id text not null,
      term text not null,
      legal boolean not null,
      started_on date not null,
      due_date date not null,
      original_due_date date not null,
      warn_days integer not null,
      status text not null check (status in ('running', 'suspended', 'met', 'lapsed', 'stopped')),
      suspended_on date,
      warned_at timestamptz,
      lapsed_at timestamptz,
      ended_at timestamptz,
      primary key (case_id, kind)
    )`,
    `create index case_deadline_lapsed on case_deadline (organisation_id) where status = 'lapsed'`,
    `create table case_deadline_change (
      id bigserial primary key,
      case_id uuid not null,
      kind text not null,
      organisation_id text not null,
      at timestamptz not null default now(),
      change text not null check (change in
        ('started', 'suspended', 'resumed', 'extended', 'warned', 'lapsed', 'met', 'stopped')),
      reason text,
      actor jsonb,
      due_before date,
      due_after date
    )`,
    'create index case_deadline_change_case on case_deadline_change (case_id, id)',
    `create table case_notice (
      id uuid primary key,
      case_id uuid not null,
      organisation_id text not null,
      kind text not null,
      subject text not null,
      body text not null,
      reason text not null,
      expected_date date,
      contact jsonb not null,
      created_at timestamptz not null default now()
    )`,
    'create index case_notice_case on case_notice (case_id, created_at)',
    `create table life_event (
      id text primary key,
      organisation_id text not null default 'shared',
      name text not null,
      description text not null,
      services jsonb not null,
      questions jsonb not null
    )`,
    `create table life_event_request (
      id uuid primary key,
      organisation_id text not null default 'shared',
      life_event_id text not null references life_event (id),
      subject_bsn text not null,
      created_at timestamptz not null default now()
    )`,
    'create index life_event_request_subject on life_event_request (subject_bsn, created_at desc)',
    `create table life_event_case (
      request_id uuid not null references life_event_request (id),
      case_id uuid not null unique,
      organisation_id text not null,
      service_key text not null,
      shared jsonb not null,
      primary key (request_id, case_id)
    )`,
  ]),
  /** Which team task on the case stands for which decision that waits for a person (see decision-tasks.ts). */
  '2026_11_23_9100_cases_decision_tasks': sqlMigration([
    `create table case_decision_task (
      case_id uuid not null,
      decision_id uuid not null,
      kind text not null check (kind in ('review', 'approve')),
      instance_id text not null,
      organisation_id text not null,
      primary key (decision_id, kind)
    )`,
    'create index case_decision_task_case on case_decision_task (case_id)',
  ]),
};
