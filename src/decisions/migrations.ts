import { type MigrationSet, sqlMigration } from '../platform/db/migrate.ts';

/**
 * Decisions with their full provenance. `decision_fact_read` is the index behind corrections: "which
 * decisions read fact X at version v" is one primary-key range scan, however many decisions there are.
 */
export const decisionMigrations: MigrationSet = {
  '2026_11_23_3000_decisions': sqlMigration([
    `create table decision (
      id uuid primary key,
      organisation_id text not null,
      case_id uuid,
      subject_bsn text,
      rule_id text not null,
      rule_version_id text not null,
      content_hash text not null,
      reference_date date not null,
      inputs jsonb not null,
      rule_outputs jsonb,
      outputs jsonb,
      trace jsonb,
      explanation_citizen text not null default '',
      explanation_professional text not null default '',
      adverse boolean not null default true,
      status text not null check (status in
        ('draft', 'needs_human', 'awaiting_approval', 'final', 'superseded')),
      needs_human_reason text,
      drafted_by text not null,
      deviation jsonb,
      decided_by text,
      approved_by text,
      decided_at timestamptz,
      objection_until date,
      supersedes uuid references decision (id),
      besluit_url text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`,
    'create index decision_case on decision (case_id)',
    'create index decision_subject on decision (subject_bsn)',
    'create index decision_org_status on decision (organisation_id, status)',
    `create table decision_fact_read (
      fact_id text not null,
      fact_version text not null,
      decision_id uuid not null references decision (id) on delete cascade,
      input text not null,
      primary key (fact_id, fact_version, decision_id, input)
    )`,
    `create table decision_objection (
      id uuid primary key,
      organisation_id text not null,
      decision_id uuid not null references decision (id),
      filed_by text not null,
      reason text not null,
      status text not null check (status in ('open', 'upheld', 'rejected')),
      handled_by text,
      motivation text,
      outcome_decision_id uuid references decision (id),
      filed_at timestamptz not null default now(),
      handled_at timestamptz
    )`,
    'create index decision_objection_decision on decision_objection (decision_id)',
  ]),
  /** The bezwaar case (zaak of zaaktype BEZWAAR) an objection is handled in, once the case engine opened it. */
  '2026_11_23_9110_decision_objection_case': sqlMigration([
    'alter table decision_objection add column case_id uuid',
    'create index decision_objection_case on decision_objection (case_id)',
  ]),
};
