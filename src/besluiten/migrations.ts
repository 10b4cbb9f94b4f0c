import { type MigrationSet, sqlMigration } from '../platform/db/migrate.ts';

/**
 * The besluit (a decision under the Awb) and the documents it is laid down in.
 *
 * - `zaak` keeps the zaak URL as given; `zaak_id` is set when that zaak lives in this Loket, so the case,
 *   the portal and the decisions module find a case's besluiten with one indexed query (`besluitenOfZaak`).
 * - `identificatie` is unique per verantwoordelijke organisatie; generated ones come from
 *   `brc_identificatie_counter` (one row per organisation and year).
 * - No foreign keys to other modules' tables: a zaak or besluittype may live in another system.
 */
export const besluitenMigrations: MigrationSet = {
  '2026_11_23_5000_besluiten': sqlMigration([
    `create table brc_besluit (
      id uuid primary key,
      organisation_id text not null,
      identificatie text not null,
      verantwoordelijke_organisatie text not null,
      besluittype text not null,
      zaak text not null default '',
      zaak_id uuid,
      datum date not null,
      ingangsdatum date not null,
      vervaldatum date,
      vervalreden text not null default '',
      publicatiedatum date,
      verzenddatum date,
      uiterlijke_reactiedatum date,
      toelichting text not null default '',
      bestuursorgaan text not null default '',
      created_at timestamptz not null default clock_timestamp(),
      unique (verantwoordelijke_organisatie, identificatie)
    )`,
    'create index brc_besluit_recent on brc_besluit (created_at desc, id desc)',
    'create index brc_besluit_type on brc_besluit (besluittype, created_at desc, id desc)',
    'create index brc_besluit_zaak_id on brc_besluit (zaak_id) where zaak_id is not null',
    "create index brc_besluit_zaak on brc_besluit (zaak) where zaak <> ''",
    `create table brc_identificatie_counter (
      verantwoordelijke_organisatie text not null,
      year integer not null,
      last bigint not null,
      primary key (verantwoordelijke_organisatie, year)
    )`,
    `create table brc_besluit_informatieobject (
      id uuid primary key,
      organisation_id text not null,
      besluit_id uuid not null references brc_besluit (id) on delete cascade,
      informatieobject text not null,
      created_at timestamptz not null default clock_timestamp(),
      unique (besluit_id, informatieobject)
    )`,
    'create index brc_bio_informatieobject on brc_besluit_informatieobject (informatieobject)',
  ]),
};
