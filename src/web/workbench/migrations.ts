import { type MigrationSet, sqlMigration } from '../../platform/db/migrate.ts';

/**
 * The workbench's own records: what professionals did on a case through the workbench, with who, why and
 * — when they acted at the desk or on the phone for a citizen — for whom; and the colleagues a task can be
 * given to (everyone who has used the workbench of the organisation).
 */
export const workbenchMigrations: MigrationSet = {
  '2026_11_23_9200_workbench': sqlMigration([
    `create table workbench_action (
      id bigserial primary key,
      organisation_id text not null,
      case_id uuid,
      at timestamptz not null default now(),
      actor_id text not null,
      actor_name text not null,
      action text not null,
      reason text,
      on_behalf_of text,
      details jsonb not null default '{}'::jsonb
    )`,
    'create index workbench_action_case on workbench_action (case_id, id)',
    `create table workbench_staff (
      organisation_id text not null,
      staff_id text not null,
      name text not null,
      team text not null,
      roles jsonb not null,
      last_seen timestamptz not null default now(),
      primary key (organisation_id, staff_id)
    )`,
  ]),
};
