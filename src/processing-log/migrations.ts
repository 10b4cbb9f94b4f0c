import { type MigrationSet, sqlMigration } from '../platform/db/migrate.ts';

export const processingLogMigrations: MigrationSet = {
  '2026_11_23_0400_processing_log': sqlMigration([
    `create table processing_log (
      id bigserial primary key,
      organisation_id text not null,
      occurred_at timestamptz not null default now(),
      operation text not null check (operation in ('read', 'write', 'delete')),
      actor_kind text not null,
      actor_id text not null,
      subject_kind text not null,
      subject_id text not null,
      data_categories text[] not null,
      purpose text not null,
      legal_basis text not null,
      trace_id text,
      processing_activity text
    )`,
    'create index processing_log_subject on processing_log (subject_kind, subject_id, occurred_at desc)',
  ]),
};
