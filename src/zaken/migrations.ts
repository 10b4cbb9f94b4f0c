import { TOP_RANK } from '../authz/policy.ts';
import { type MigrationSet, sqlMigration } from '../platform/db/migrate.ts';
import { ZAAK_DOC_MIGRATION } from './doc.ts';

/**
 * The zaak is Loket's case: the case of a dienst for a person or company, read by the case engine, the
 * portal and the workbench alike (README.md explains the design). Filter and sort fields are columns; the
 * remaining ZGW fields sit in `data` (jsonb, ZGW names).
 *
 * - `zaaktype_key` is a small integer per zaaktype URL (`zrc_zaaktype_key`), so the list indexes and the
 *   counters stay compact; `zaaktype` keeps the URL itself.
 * - `subject_bsn` / `subject_kvk` (from the initiator rol) make "all cases of a person or company across
 *   organisations" one indexed query.
 * - `zrc_zaak_count` holds exact counts per (organisation, zaaktype, confidentiality rank, month of
 *   registration), `zrc_zaak_count_total` per (organisation, rank, month); each counts the zaken at that rank
 *   or below. Writers only append to `zrc_zaak_count_delta` (no hot rows); a compaction folds the deltas in.
 *   Readers sum both in one statement.
 */
export const zakenMigrations: MigrationSet = {
  '2026_11_23_4000_zaken': sqlMigration([
    `create table zrc_zaaktype_key (
      key serial primary key,
      url text not null unique
    )`,
    'create sequence zrc_identificatie_seq',
    `create table zrc_zaak (
      id uuid primary key,
      organisation_id text not null,
      dienst_id uuid,
      zaaktype text not null,
      zaaktype_key integer not null references zrc_zaaktype_key (key),
      identificatie text not null,
      bronorganisatie text not null,
      verantwoordelijke_organisatie text not null,
      vertrouwelijkheidaanduiding text not null,
      vertrouwelijkheid_rank smallint not null,
      registratiedatum date not null,
      startdatum date not null,
      einddatum date,
      einddatum_gepland date,
      uiterlijke_einddatum_afdoening date,
      publicatiedatum date,
      archiefnominatie text,
      archiefstatus text not null default 'nog_te_archiveren',
      archiefactiedatum date,
      hoofdzaak_id uuid references zrc_zaak (id) on delete cascade,
      subject_bsn text,
      subject_kvk text,
      status_id uuid,
      resultaat_id uuid,
      created_at timestamptz not null,
      data jsonb not null,
      unique (bronorganisatie, identificatie)
    )`,
    'create index zrc_zaak_recent on zrc_zaak (organisation_id, created_at desc, id desc)',
    'create index zrc_zaak_type_recent on zrc_zaak (organisation_id, zaaktype_key, created_at desc, id desc)',
    `create index zrc_zaak_type_start on zrc_zaak (organisation_id, zaaktype_key, startdatum)
       include (vertrouwelijkheid_rank)`,
    'create index zrc_zaak_hoofdzaak on zrc_zaak (hoofdzaak_id) where hoofdzaak_id is not null',
    'create index zrc_zaak_subject_bsn on zrc_zaak (subject_bsn) where subject_bsn is not null',
    'create index zrc_zaak_subject_kvk on zrc_zaak (subject_kvk) where subject_kvk is not null',
    `create table zrc_zaak_count (
      organisation_id text not null,
      zaaktype_key integer not null,
      rank smallint not null,
      bucket integer not null,
      n bigint not null,
      primary key (organisation_id, zaaktype_key, rank, bucket)
    )`,
    `create table zrc_zaak_count_total (
      organisation_id text not null,
      bucket integer not null,
      n bigint not null,
      primary key (organisation_id, bucket)
    )`,
    `create table zrc_zaak_count_delta (
      id bigserial primary key,
      organisation_id text not null,
      zaaktype_key integer not null,
      rank smallint not null,
      bucket integer not null,
      n integer not null
    )`,
    `create table zrc_status (
      id uuid primary key,
      organisation_id text not null,
      zaak_id uuid not null references zrc_zaak (id) on delete cascade,
      statustype text not null,
      datum_status_gezet timestamptz not null,
      gezetdoor text,
      data jsonb not null,
      created_at timestamptz not null default clock_timestamp()
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
      betrokkene text not null default '',
      bsn text,
      data jsonb not null,
      created_at timestamptz not null default clock_timestamp()
    )`,
    'create index zrc_rol_zaak on zrc_rol (zaak_id, created_at)',
    'create index zrc_rol_bsn on zrc_rol (bsn) where bsn is not null',
  ]),
  // The other relations of a zaak, each with its ZGW fields in `data` and its main reference in `ref`
  // (object, eigenschap, informatieobject, contactmoment, verzoek, besluit) for filtering.
  '2026_11_23_4010_zaak_children': sqlMigration([
    `create table zrc_zaak_child (
      id uuid primary key,
      organisation_id text not null,
      zaak_id uuid not null references zrc_zaak (id) on delete cascade,
      kind text not null check (kind in ('zaakobject', 'zaakeigenschap', 'klantcontact',
        'zaakinformatieobject', 'zaakcontactmoment', 'zaakverzoek', 'zaakbesluit')),
      ref text not null default '',
      data jsonb not null,
      created_at timestamptz not null default clock_timestamp()
    )`,
    'create index zrc_zaak_child_zaak on zrc_zaak_child (zaak_id, kind, created_at)',
    'create index zrc_zaak_child_ref on zrc_zaak_child (kind, ref)',
  ]),
  // The list's page of ids comes from index-only scans: confidentiality rides along in both list indexes
  // (list.ts), so the rows skipped before a deep page are never fetched from the table.
  '2026_11_23_9700_zaak_list_ids': sqlMigration([
    `create index zrc_zaak_recent_ids on zrc_zaak (organisation_id, created_at desc, id desc)
       include (vertrouwelijkheid_rank)`,
    `create index zrc_zaak_type_recent_ids on zrc_zaak (organisation_id, zaaktype_key, created_at desc, id desc)
       include (vertrouwelijkheid_rank)`,
    'drop index zrc_zaak_recent',
    'drop index zrc_zaak_type_recent',
  ]),
  // One zaaktype and a date range (the commonest filtered list): count and page ids from the index alone.
  '2026_11_23_9710_zaak_type_start_cover': sqlMigration([
    `create index zrc_zaak_type_start_ids on zrc_zaak (organisation_id, zaaktype_key, startdatum)
       include (vertrouwelijkheid_rank, created_at, id)`,
    'drop index zrc_zaak_type_start',
  ]),
  // Each zaak carries its parts' ids and its own ZGW JSON, so a list page joins stored texts (doc.ts).
  // On a large table this rewrites zrc_zaak once: 414 s for a million zaken here (with CI running beside it).
  // Run VACUUM ANALYZE zrc_zaak after it: until then index-only scans visit the table.
  '2026_11_24_9100_zaak_doc': sqlMigration(ZAAK_DOC_MIGRATION),
  // A limited client's count reads its zaaktypen's counters (10 zaaktypen × 8 levels × 60 months: 2,400
  // rows) from the key alone: 3.1 → 2.0 ms for list (b) at a million zaken (bench/zaken/explain.ts).
  '2026_11_24_9110_zaak_count_cover': sqlMigration([
    `alter table zrc_zaak_count drop constraint zrc_zaak_count_pkey,
      add primary key (organisation_id, zaaktype_key, rank, bucket) include (n)`,
  ]),
  // Counters count the zaken at a rank or below, so a client's count reads one counter per zaaktype and
  // month, not one per confidentiality level (2,440 → 610 rows for list (b)); the totals get a rank too.
  '2026_11_25_1000_zaak_count_upto_rank': sqlMigration([
    'alter table zrc_zaak_count rename to zrc_zaak_count_exact',
    'alter index zrc_zaak_count_pkey rename to zrc_zaak_count_exact_pkey',
    `create table zrc_zaak_count (
      organisation_id text not null,
      zaaktype_key integer not null,
      rank smallint not null,
      bucket integer not null,
      n bigint not null,
      primary key (organisation_id, zaaktype_key, rank, bucket) include (n)
    )`,
    `insert into zrc_zaak_count (organisation_id, zaaktype_key, rank, bucket, n)
       select c.organisation_id, c.zaaktype_key, r.rank, c.bucket, sum(c.n)
       from zrc_zaak_count_exact c join generate_series(0, ${TOP_RANK}) r(rank) on c.rank <= r.rank
       group by 1, 2, 3, 4`,
    'drop table zrc_zaak_count_exact',
    'drop table zrc_zaak_count_total',
    `create table zrc_zaak_count_total (
      organisation_id text not null,
      rank smallint not null,
      bucket integer not null,
      n bigint not null,
      primary key (organisation_id, rank, bucket) include (n)
    )`,
    `insert into zrc_zaak_count_total (organisation_id, rank, bucket, n)
       select organisation_id, rank, bucket, sum(n) from zrc_zaak_count group by 1, 2, 3`,
  ]),
  // Every list reads the pending deltas of its organisation. The compactor deletes them every second, so
  // under steady creates the table is mostly dead rows until it is vacuumed: a minute of 1,000 creates per
  // second made that read a 0.9 ms scan of 6 MB. An index finds the live ones; autovacuum comes sooner.
  '2026_11_25_1010_zaak_count_delta_org': sqlMigration([
    'create index if not exists zrc_zaak_count_delta_org on zrc_zaak_count_delta (organisation_id)',
    `alter table zrc_zaak_count_delta set (autovacuum_vacuum_scale_factor = 0,
       autovacuum_vacuum_threshold = 10000, autovacuum_vacuum_cost_delay = 0)`,
  ]),
  // The counters also count per year (bucket yyyy beside the months yyyymm): a list finds the years its
  // page falls in first and reads only their months (list.ts). Run with no older Loket process compacting:
  // the compactor of before this migration would not add to the year counters.
  '2026_11_26_1000_zaak_count_years': sqlMigration([
    'lock table zrc_zaak_count_delta in exclusive mode',
    `insert into zrc_zaak_count (organisation_id, zaaktype_key, rank, bucket, n)
       select organisation_id, zaaktype_key, rank, bucket / 100, sum(n) from zrc_zaak_count
       where bucket >= 10000 group by 1, 2, 3, 4`,
    `insert into zrc_zaak_count_total (organisation_id, rank, bucket, n)
       select organisation_id, rank, bucket / 100, sum(n) from zrc_zaak_count_total
       where bucket >= 10000 group by 1, 2, 3`,
  ]),
  // One zaaktype and a range of startdatum, newest first (list (a)): per year of startdatum the index runs in
  // created_at order, so a page reads its 100 entries instead of sorting every entry of the range
  // (list-start.ts, `yearBranches`; docs/benchmarks.md). The expression must stay as `START_YEAR` writes it.
  '2026_11_26_1100_zaak_type_start_year': sqlMigration([
    `create index zrc_zaak_type_start_year on zrc_zaak
       (organisation_id, zaaktype_key, (extract(year from startdatum)::int), created_at desc, id desc)
       include (startdatum, vertrouwelijkheid_rank)`,
  ]),
  // Counters by month of startdatum (yyyymm) and confidentiality rank: a list of a range of startdatum
  // counts its whole months from them (list-start.ts). A delta carries the month of its zaak's startdatum
  // too; the deltas pending now (no month) are in the rows counted here. A delta without one (from a Loket
  // of before this migration) is refused.
  '2026_11_26_1200_zaak_start_count': sqlMigration([
    'lock table zrc_zaak_count_delta in exclusive mode',
    'alter table zrc_zaak_count_delta add column start_month integer',
    `alter table zrc_zaak_count_delta add constraint zrc_zaak_count_delta_start_month
       check (start_month is not null) not valid`,
    `create table zrc_zaak_start_count (
       organisation_id text not null,
       zaaktype_key integer not null,
       month integer not null,
       rank smallint not null,
       n bigint not null,
       primary key (organisation_id, zaaktype_key, month, rank) include (n)
     )`,
    `insert into zrc_zaak_start_count (organisation_id, zaaktype_key, month, rank, n)
       select organisation_id, zaaktype_key,
         (extract(year from startdatum) * 100 + extract(month from startdatum))::int, vertrouwelijkheid_rank, count(*)
       from zrc_zaak group by 1, 2, 3, 4`,
  ]),
  // A client with more zaaktypen than a page merges reads the months of its page in order on the
  // organisation's index, filtered on zaaktype and confidentiality (list.ts): with the zaaktype in the index
  // too, the zaken it skips are never fetched from the table (page 500 of 100 zaaktypen: 15.6 → 6.5 ms;
  // docs/benchmarks.md).
  '2026_11_27_1000_zaak_recent_typed': sqlMigration([
    `create index zrc_zaak_recent_typed on zrc_zaak (organisation_id, created_at desc, id desc)
       include (vertrouwelijkheid_rank, zaaktype_key)`,
    'drop index zrc_zaak_recent_ids',
  ]),
  // A range of startdatum for a client with every zaaktype, or more than a page merges (list-start.ts): per
  // year of startdatum the organisation's zaken in created_at order, with what the scan filters on inside the
  // index; and the counters by month of startdatum by month first, which such a count sums over all
  // zaaktypen (the first page of a year of startdatum with all rights: 440 → 4 ms; docs/benchmarks.md).
  // Each of these index builds takes a few seconds per million zaken, writes to zrc_zaak waiting meanwhile.
  '2026_11_27_1100_zaak_start_year_all': sqlMigration([
    `create index zrc_zaak_start_year on zrc_zaak
       (organisation_id, (extract(year from startdatum)::int), created_at desc, id desc)
       include (startdatum, vertrouwelijkheid_rank, zaaktype_key)`,
    `create index zrc_zaak_start_count_month on zrc_zaak_start_count (organisation_id, month, rank)
       include (zaaktype_key, n)`,
  ]),
  // The counters by month of startdatum summed over the zaaktypen, per rank: a range of startdatum with every
  // zaaktype counts its whole months from these (a year with all rights: 12 × 8 counters instead of 12 × 8
  // per zaaktype; docs/benchmarks.md). Filled under the lock the compactor's deltas wait for.
  '2026_11_27_1200_zaak_start_total': sqlMigration([
    'lock table zrc_zaak_count_delta in exclusive mode',
    `create table zrc_zaak_start_total (
       organisation_id text not null,
       month integer not null,
       rank smallint not null,
       n bigint not null,
       primary key (organisation_id, month, rank) include (n)
     )`,
    `insert into zrc_zaak_start_total (organisation_id, month, rank, n)
       select organisation_id, month, rank, sum(n) from zrc_zaak_start_count group by 1, 2, 3`,
  ]),
  // A number per organisation that every change of its counters raises (the compactor, `rebuildCounts`): a
  // deep list page remembered with the number it was read at is still the same page while the number is
  // and no delta of its zaaktypen is pending (list-remember.ts).
  '2026_11_27_1300_zaak_count_generation': sqlMigration([
    `create table zrc_zaak_count_generation (
       organisation_id text primary key,
       generation bigint not null
     )`,
  ]),
};
