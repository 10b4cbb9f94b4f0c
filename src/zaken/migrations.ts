import { type MigrationSet, sqlMigration } from '../platform/db/migrate.ts';

/**
 * The zaak is Loket's case: the case of a dienst for a person or company, read by the case engine, the
 * portal and the workbench alike. Filter and sort fields are columns; the remaining ZGW fields sit in
 * `data` (jsonb, ZGW names). `subject_bsn` (from the initiator rol) makes "all cases of a person across
 * organisations" one indexed query. Status, resultaat and rollen are their own tables.
 */
export const zakenMigrations: MigrationSet = {
  '2026_11_23_4000_zaken': sqlMigration([
    `create table zrc_zaak (
      id uuid primary key,
      organisation_id text not null,
      dienst_id uuid,
      zaaktype text not null,
      zaaktype_id uuid,
      identificatie text not null,
      bronorganisatie text not null,
      verantwoordelijke_organisatie text not null,
      vertrouwelijkheidaanduiding text not null,
      vertrouwelijkheid_rank smallint not null,
      registratiedatum date not null,
      startdatum date not null,
      einddatum date,
      archiefnominatie text,
      archiefstatus text not null default 'nog_te_archiveren',
      archiefactiedatum date,
      subject_bsn text,
      status_id uuid,
      resultaat_id uuid,
      data jsonb not null,
      created_at timestamptz not null default now(),
      unique (bronorganisatie, identificatie)
    )`,
    'create index zrc_zaak_list on zrc_zaak (zaaktype, vertrouwelijkheid_rank, created_at desc, id)',
    'create index zrc_zaak_created on zrc_zaak (created_at desc, id)',
    'create index zrc_zaak_subject on zrc_zaak (subject_bsn) where subject_bsn is not null',
    'create index zrc_zaak_startdatum on zrc_zaak (zaaktype, startdatum)',
    `create table zrc_status (
      id uuid primary key,
      organisation_id text not null,
      zaak_id uuid not null references zrc_zaak (id) on delete cascade,
      statustype text not null,
      datum_status_gezet timestamptz not null,
      data jsonb not null,
      created_at timestamptz not null default now()
    )`,
    'create index zrc_status_zaak on zrc_status (zaak_id, datum_status_gezet)',
    `create table zrc_resultaat (
      id uuid primary key,
      organisation_id text not null,
      zaak_id uuid not null unique references zrc_zaak (id) on delete cascade,
      resultaattype text not null,
      toelichting text not null default ''
    )`,
    `create table zrc_rol (
      id uuid primary key,
      organisation_id text not null,
      zaak_id uuid not null references zrc_zaak (id) on delete cascade,
      roltype text not null,
      omschrijving_generiek text not null,
      betrokkene_type text not null,
      bsn text,
      data jsonb not null,
      created_at timestamptz not null default now()
    )`,
    'create index zrc_rol_zaak on zrc_rol (zaak_id)',
    'create index zrc_rol_bsn on zrc_rol (bsn) where bsn is not null',
  ]),
  // Simpler children of a zaak (zaakobjecten, zaakeigenschappen, klantcontacten): their ZGW fields in `data`.
  '2026_11_23_4010_zaak_children': sqlMigration([
    `create table zrc_zaak_child (
      id uuid primary key,
      organisation_id text not null,
      zaak_id uuid not null references zrc_zaak (id) on delete cascade,
      kind text not null check (kind in ('zaakobject', 'zaakeigenschap', 'klantcontact')),
      data jsonb not null,
      created_at timestamptz not null default now()
    )`,
    'create index zrc_zaak_child_zaak on zrc_zaak_child (zaak_id, kind)',
  ]),
};
