import { type MigrationSet, sqlMigration } from '../platform/db/migrate.ts';

/**
 * The service catalogue: organisation → dienst (service) → zaaktype versions, and the ZGW Catalogi
 * resources around them. Key and filter fields are columns; the remaining ZGW fields of a type sit in
 * `data` (jsonb, with the ZGW field names). Every relation the API exposes as a list of URLs is a table
 * with foreign keys, so deleting a type removes its relations and never leaves a dangling URL.
 */
export const catalogMigrations: MigrationSet = {
  '2026_11_23_2000_catalog': sqlMigration([
    // One row: bumped (and so locked) by every catalogue change. Serialises catalogue writes and tells every
    // process whether its cached list pages are still current.
    `create table catalog_revision (
      id integer primary key check (id = 1),
      organisation_id text not null default 'system',
      revision bigint not null
    )`,
    'insert into catalog_revision (id, revision) values (1, 0)',
    `create table catalog_catalogus (
      id uuid primary key,
      organisation_id text not null,
      domein text not null,
      rsin text not null,
      naam text,
      versie text,
      begindatum_versie date,
      contactpersoon_beheer_naam text not null,
      contactpersoon_beheer_telefoonnummer text not null default '',
      contactpersoon_beheer_emailadres text not null default '',
      created_at timestamptz not null default now(),
      unique (organisation_id, domein)
    )`,
    'create index catalog_catalogus_rsin on catalog_catalogus (rsin, domein)',
    // Loket's own model: what an organisation offers, on which legal basis, with which service levels.
    `create table catalog_dienst (
      id uuid primary key,
      organisation_id text not null,
      naam text not null,
      publieksomschrijving text not null default '',
      rechtsgronden jsonb not null default '[]',
      beslistermijn text,
      streeftermijn text,
      reactietermijnen jsonb not null default '{}',
      eigenaar_team text,
      automatisch boolean not null default false,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`,
    'create index catalog_dienst_org on catalog_dienst (organisation_id, naam)',
    `create table catalog_zaaktype (
      id uuid primary key,
      organisation_id text not null,
      catalogus_id uuid not null references catalog_catalogus (id) on delete cascade,
      dienst_id uuid not null references catalog_dienst (id),
      identificatie text not null,
      omschrijving text not null,
      concept boolean not null default true,
      begin_geldigheid date not null,
      einde_geldigheid date,
      versiedatum date not null,
      trefwoorden text[] not null default '{}',
      data jsonb not null,
      created_at timestamptz not null default now()
    )`,
    'create index catalog_zaaktype_versions on catalog_zaaktype (catalogus_id, identificatie, begin_geldigheid)',
    'create index catalog_zaaktype_list on catalog_zaaktype (concept, created_at desc, id)',
    'create index catalog_zaaktype_dienst on catalog_zaaktype (dienst_id)',
    `create table catalog_besluittype (
      id uuid primary key,
      organisation_id text not null,
      catalogus_id uuid not null references catalog_catalogus (id) on delete cascade,
      omschrijving text not null default '',
      concept boolean not null default true,
      begin_geldigheid date not null,
      einde_geldigheid date,
      data jsonb not null,
      created_at timestamptz not null default now()
    )`,
    'create index catalog_besluittype_versions on catalog_besluittype (catalogus_id, omschrijving)',
    `create table catalog_informatieobjecttype (
      id uuid primary key,
      organisation_id text not null,
      catalogus_id uuid not null references catalog_catalogus (id) on delete cascade,
      omschrijving text not null,
      concept boolean not null default true,
      begin_geldigheid date not null,
      einde_geldigheid date,
      data jsonb not null,
      created_at timestamptz not null default now()
    )`,
    'create index catalog_iot_versions on catalog_informatieobjecttype (catalogus_id, omschrijving)',
    `create table catalog_zaaktype_besluittype (
      organisation_id text not null,
      zaaktype_id uuid not null references catalog_zaaktype (id) on delete cascade,
      besluittype_id uuid not null references catalog_besluittype (id) on delete cascade,
      position integer not null default 0,
      primary key (zaaktype_id, besluittype_id)
    )`,
    'create index catalog_zaaktype_besluittype_rev on catalog_zaaktype_besluittype (besluittype_id)',
    `create table catalog_zaaktype_deelzaaktype (
      organisation_id text not null,
      zaaktype_id uuid not null references catalog_zaaktype (id) on delete cascade,
      deelzaaktype_id uuid not null references catalog_zaaktype (id) on delete cascade,
      position integer not null default 0,
      primary key (zaaktype_id, deelzaaktype_id)
    )`,
    'create index catalog_deelzaaktype_rev on catalog_zaaktype_deelzaaktype (deelzaaktype_id)',
    `create table catalog_besluittype_iot (
      organisation_id text not null,
      besluittype_id uuid not null references catalog_besluittype (id) on delete cascade,
      informatieobjecttype_id uuid not null references catalog_informatieobjecttype (id) on delete cascade,
      position integer not null default 0,
      primary key (besluittype_id, informatieobjecttype_id)
    )`,
    'create index catalog_besluittype_iot_rev on catalog_besluittype_iot (informatieobjecttype_id)',
    `create table catalog_statustype (
      id uuid primary key,
      organisation_id text not null,
      zaaktype_id uuid not null references catalog_zaaktype (id) on delete cascade,
      volgnummer integer not null,
      omschrijving text not null,
      data jsonb not null,
      created_at timestamptz not null default now(),
      unique (zaaktype_id, volgnummer)
    )`,
    `create table catalog_resultaattype (
      id uuid primary key,
      organisation_id text not null,
      zaaktype_id uuid not null references catalog_zaaktype (id) on delete cascade,
      omschrijving text not null,
      data jsonb not null,
      created_at timestamptz not null default now(),
      unique (zaaktype_id, omschrijving)
    )`,
    `create table catalog_resultaattype_besluittype (
      organisation_id text not null,
      resultaattype_id uuid not null references catalog_resultaattype (id) on delete cascade,
      besluittype_id uuid not null references catalog_besluittype (id) on delete cascade,
      position integer not null default 0,
      primary key (resultaattype_id, besluittype_id)
    )`,
    'create index catalog_resultaattype_besluittype_rev on catalog_resultaattype_besluittype (besluittype_id)',
    `create table catalog_resultaattype_iot (
      organisation_id text not null,
      resultaattype_id uuid not null references catalog_resultaattype (id) on delete cascade,
      informatieobjecttype_id uuid not null references catalog_informatieobjecttype (id) on delete cascade,
      position integer not null default 0,
      primary key (resultaattype_id, informatieobjecttype_id)
    )`,
    'create index catalog_resultaattype_iot_rev on catalog_resultaattype_iot (informatieobjecttype_id)',
    `create table catalog_roltype (
      id uuid primary key,
      organisation_id text not null,
      zaaktype_id uuid not null references catalog_zaaktype (id) on delete cascade,
      omschrijving text not null,
      omschrijving_generiek text not null,
      data jsonb not null,
      created_at timestamptz not null default now()
    )`,
    'create index catalog_roltype_zaaktype on catalog_roltype (zaaktype_id)',
    `create table catalog_eigenschap (
      id uuid primary key,
      organisation_id text not null,
      zaaktype_id uuid not null references catalog_zaaktype (id) on delete cascade,
      naam text not null,
      statustype_id uuid references catalog_statustype (id) on delete set null,
      data jsonb not null,
      created_at timestamptz not null default now(),
      unique (zaaktype_id, naam)
    )`,
    `create table catalog_ziot (
      id uuid primary key,
      organisation_id text not null,
      zaaktype_id uuid not null references catalog_zaaktype (id) on delete cascade,
      informatieobjecttype_id uuid not null references catalog_informatieobjecttype (id) on delete cascade,
      statustype_id uuid references catalog_statustype (id) on delete set null,
      volgnummer integer not null,
      richting text not null,
      created_at timestamptz not null default now(),
      unique (zaaktype_id, volgnummer)
    )`,
    'create index catalog_ziot_iot on catalog_ziot (informatieobjecttype_id)',
    `create table catalog_zaakobjecttype (
      id uuid primary key,
      organisation_id text not null,
      zaaktype_id uuid not null references catalog_zaaktype (id) on delete cascade,
      objecttype text not null,
      relatie_omschrijving text not null,
      ander_objecttype boolean not null,
      begin_geldigheid date not null,
      einde_geldigheid date,
      data jsonb not null,
      created_at timestamptz not null default now()
    )`,
    'create index catalog_zaakobjecttype_zaaktype on catalog_zaakobjecttype (zaaktype_id)',
    `create table catalog_zaakobjecttype_resultaattype (
      organisation_id text not null,
      zaakobjecttype_id uuid not null references catalog_zaakobjecttype (id) on delete cascade,
      resultaattype_id uuid not null references catalog_resultaattype (id) on delete cascade,
      primary key (zaakobjecttype_id, resultaattype_id)
    )`,
    'create index catalog_zot_resultaattype_rev on catalog_zaakobjecttype_resultaattype (resultaattype_id)',
    `create table catalog_zaakobjecttype_statustype (
      organisation_id text not null,
      zaakobjecttype_id uuid not null references catalog_zaakobjecttype (id) on delete cascade,
      statustype_id uuid not null references catalog_statustype (id) on delete cascade,
      primary key (zaakobjecttype_id, statustype_id)
    )`,
    'create index catalog_zot_statustype_rev on catalog_zaakobjecttype_statustype (statustype_id)',
    'create index catalog_eigenschap_statustype on catalog_eigenschap (statustype_id)',
  ]),
};
