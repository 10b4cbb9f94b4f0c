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
  '2026_11_23_9820_processing_log_chain_index': sqlMigration([
    'create index processing_log_chain on processing_log (subject_kind, subject_id, id)',
  ]),
  // Appending is one statement: the lock on the subject's chain, its last hash and the insert happen in
  // the database (three round trips became one). Each statement in the function sees the commits made
  // while it waited for the lock, so the chain has no forks. The hash is SHA-256 over the same JSON as
  // before: the caller sends the record's canonical JSON without the previous hash, which goes first.
  '2026_11_23_9830_processing_log_append': sqlMigration([
    `create function processing_log_append(
       p_subject_kind text, p_subject_id text, p_canonical text, p_organisation_id text,
       p_occurred_at timestamptz, p_operation text, p_actor_kind text, p_actor_id text,
       p_data_categories text[], p_purpose text, p_legal_basis text, p_trace_id text,
       p_processing_activity text, p_foreign_operation text) returns void language plpgsql as $$
     declare
       prev text;
     begin
       perform pg_advisory_xact_lock(hashtext(p_subject_kind || ':' || p_subject_id));
       select hash into prev from processing_log
         where subject_kind = p_subject_kind and subject_id = p_subject_id order by id desc limit 1;
       prev := coalesce(prev, repeat('0', 64));
       insert into processing_log (organisation_id, occurred_at, operation, actor_kind, actor_id, subject_kind,
         subject_id, data_categories, purpose, legal_basis, trace_id, processing_activity, foreign_operation,
         prev_hash, hash)
       values (p_organisation_id, p_occurred_at, p_operation, p_actor_kind, p_actor_id, p_subject_kind,
         p_subject_id, p_data_categories, p_purpose, p_legal_basis, p_trace_id, p_processing_activity,
         p_foreign_operation, prev,
         encode(sha256(convert_to('["' || prev || '",' || substr(p_canonical, 2), 'UTF8')), 'hex'));
     end $$`,
  ]),
};
