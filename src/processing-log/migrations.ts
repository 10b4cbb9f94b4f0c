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
  // Tamper evidence (Logboek Dataverwerkingen): every record carries the hash of the previous record about
  // the same subject, so a person's log is a chain anyone can verify; records can never be changed.
  '2026_11_23_3200_processing_log_chain': sqlMigration([
    'alter table processing_log add column prev_hash text',
    'alter table processing_log add column hash text',
    'alter table processing_log add column foreign_operation text',
    `create function processing_log_append_only() returns trigger language plpgsql as $$
     begin
       raise exception 'processing_log is append-only';
     end $$`,
    `create trigger processing_log_append_only before update or delete on processing_log
       for each row execute function processing_log_append_only()`,
  ]),
  // The chain's last record of a subject is found by id: without this index every new record sorted all
  // of that person's earlier records (a person read their home page a thousand times: a thousand rows).
  '2026_11_23_9400_processing_log_chain_index': sqlMigration([
    'create index processing_log_chain on processing_log (subject_kind, subject_id, id)',
  ]),
};
