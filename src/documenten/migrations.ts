import { type MigrationSet, sqlMigration } from '../platform/db/migrate.ts';
import { objectRelationMigrations } from './object-relations.ts';

/**
 * The Documenten API's tables. A document (`drc_eio`) keeps what all its versions share: identity, the
 * lock, the number of the latest version, and the latest version's type and confidentiality (the columns
 * lists filter on). Every create or update writes a `drc_eio_version` row: the metadata in `data` (ZGW
 * names) and the content as a key in the document storage (`storage.ts`); versions without new content
 * share the previous version's key. Bestandsdelen are the parts of a chunked upload, each its own stored
 * object until the unlock assembles them.
 */
export const documentenMigrations: MigrationSet = {
  ...objectRelationMigrations,
  '2026_11_23_7000_documenten': sqlMigration([
    'create sequence drc_identificatie_seq',
    `create table drc_eio (
      id uuid primary key,
      organisation_id text not null,
      identificatie text not null,
      bronorganisatie text not null,
      versie integer not null,
      lock text not null default '',
      informatieobjecttype text not null,
      vertrouwelijkheid_rank smallint not null,
      trefwoorden jsonb not null default '[]',
      created_at timestamptz not null default now(),
      unique (bronorganisatie, identificatie)
    )`,
    'create index drc_eio_list on drc_eio (informatieobjecttype, vertrouwelijkheid_rank, created_at, id)',
    'create index drc_eio_created on drc_eio (created_at, id)',
    `create table drc_eio_version (
      eio_id uuid not null references drc_eio (id) on delete cascade,
      versie integer not null,
      begin_registratie timestamptz not null,
      content_key text,
      bestandsomvang bigint,
      data jsonb not null,
      primary key (eio_id, versie)
    )`,
    `create table drc_bestandsdeel (
      id uuid primary key,
      eio_id uuid not null references drc_eio (id) on delete cascade,
      volgnummer integer not null,
      omvang bigint not null,
      content_key text,
      unique (eio_id, volgnummer)
    )`,
    `create table drc_gebruiksrechten (
      id uuid primary key,
      eio_id uuid not null references drc_eio (id) on delete cascade,
      startdatum timestamptz not null,
      einddatum timestamptz,
      omschrijving_voorwaarden text not null,
      created_at timestamptz not null default now()
    )`,
    'create index drc_gebruiksrechten_eio on drc_gebruiksrechten (eio_id)',
    `create table drc_verzending (
      id uuid primary key,
      eio_id uuid not null references drc_eio (id) on delete cascade,
      data jsonb not null,
      created_at timestamptz not null default now()
    )`,
    'create index drc_verzending_eio on drc_verzending (eio_id)',
    // ObjectInformatieObject also relates documents to verzoeken (Documenten API 1.5: objectType `verzoek`).
    'alter table drc_object_informatieobject drop constraint drc_object_informatieobject_object_type_check',
    `alter table drc_object_informatieobject add constraint drc_object_informatieobject_object_type_check
      check (object_type in ('zaak', 'besluit', 'verzoek'))`,
    // Content no version refers to any more (a deleted document, a replaced part); removed by a job.
    `create table drc_orphan_content (
      content_key text primary key,
      created_at timestamptz not null default now()
    )`,
  ]),
};
