import { type RawBuilder, sql } from 'kysely';
import { TOP_RANK } from '../authz/policy.ts';
import { dienstOfZaaktypeExpression } from '../catalog/dienst.ts';
import { catalogRevision } from '../catalog/revision.ts';
import { Batcher } from '../platform/db/batcher.ts';
import { type Db, PREPARED } from '../platform/db/database.ts';
import { PerDatabase } from '../platform/db/per-database.ts';
import type { Trx } from '../platform/db/transaction.ts';
import { problems } from '../platform/http/problem.ts';
import { OUTBOX_CHANNEL } from '../platform/outbox/outbox.ts';
import type { Announcement } from './events.ts';

/**
 * Loket's case record: the `zrc_zaak` row and the exact counters kept with it. Every insert, delete and
 * change of confidentiality goes through here, so the counters stay exact (README.md, "Counting").
 */
export type Conn = Db | Trx;

export interface ZaakRow {
  id: string;
  organisation_id: string;
  dienst_id: string | null;
  zaaktype: string;
  zaaktype_key: number;
  identificatie: string;
  bronorganisatie: string;
  verantwoordelijke_organisatie: string;
  vertrouwelijkheidaanduiding: string;
  vertrouwelijkheid_rank: number;
  registratiedatum: string;
  startdatum: string;
  einddatum: string | null;
  einddatum_gepland: string | null;
  uiterlijke_einddatum_afdoening: string | null;
  publicatiedatum: string | null;
  archiefnominatie: string | null;
  archiefstatus: string;
  archiefactiedatum: string | null;
  hoofdzaak_id: string | null;
  subject_bsn: string | null;
  subject_kvk: string | null;
  status_id: string | null;
  resultaat_id: string | null;
  created_at: Date;
  data: Record<string, unknown>;
  /** The ids of the zaak's parts, in the API's order; kept by triggers (doc.ts). Absent on a new row. */
  rol_ids?: string[];
  eigenschap_ids?: string[];
  zaakobject_ids?: string[];
  zio_ids?: string[];
  deelzaak_ids?: string[];
  /** The zaak's ZGW JSON, URLs marked for the base URL (doc.ts). */
  doc?: string;
}

/**
 * The counter bucket of a registration moment: its month in UTC, as yyyymm. The counters also hold each
 * year as a bucket yyyy (the compactor adds a delta to both), so a list reads years before months.
 */
export function bucketOf(at: Date): number {
  return at.getUTCFullYear() * 100 + at.getUTCMonth() + 1;
}

/** The month of a startdatum ('yyyy-mm-dd') as yyyymm: the bucket of the counters by startdatum. */
export function startMonthOf(startdatum: string): number {
  return Number(startdatum.slice(0, 4)) * 100 + Number(startdatum.slice(5, 7));
}

/** The first moment of a bucket and of the bucket after it. */
export function bucketRange(bucket: number): { from: Date; to: Date } {
  const year = Math.floor(bucket / 100);
  const month = (bucket % 100) - 1;
  return { from: new Date(Date.UTC(year, month, 1)), to: new Date(Date.UTC(year, month + 1, 1)) };
}

/**
 * zaaktype URL → compact key, per database, as far as this process has seen them committed. A pair never
 * changes once made (keys are never reused or deleted), so remembering it is always right; a key this
 * transaction made itself is not remembered, as the transaction may still roll back. One map per database
 * (keyed by its root handle), as the same URL has a different key in another database.
 */
const keysPerDatabase = new PerDatabase<number>();
const knownKeysOf = (root: Db) => keysPerDatabase.of(root);

/**
 * The compact key of a zaaktype URL, made on first use (one statement, safe under concurrency). `root` is
 * the database `db` belongs to (db may be a transaction on it).
 */
export async function zaaktypeKey(root: Db, db: Conn, url: string): Promise<number> {
  const knownKeys = knownKeysOf(root);
  const known = knownKeys.get(url);
  if (known !== undefined) return known;
  const { rows } = await sql<{ key: number; made: boolean }>`
    with made as (
      insert into zrc_zaaktype_key (url) values (${url}) on conflict (url) do nothing returning key
    )
    select key, true as made from made union all select key, false as made from zrc_zaaktype_key where url = ${url}`.execute(
    db,
  );
  if (rows[0]) {
    if (!rows[0].made) knownKeys.set(url, rows[0].key);
    return rows[0].key;
  }
  // Made by a concurrent transaction that committed after our snapshot: read it now.
  const again = await db
    .selectFrom('zrc_zaaktype_key')
    .select('key')
    .where('url', '=', url)
    .executeTakeFirst();
  if (!again) throw new Error(`zaaktype key for ${url} not found`);
  knownKeys.set(url, again.key as number);
  return again.key as number;
}

/** The keys of the given zaaktype URLs that have one (committed); URLs without a key are left out. */
export async function existingZaaktypeKeys(db: Db, urls: string[]): Promise<Map<string, number>> {
  const knownKeys = knownKeysOf(db);
  const missing = urls.filter((u) => !knownKeys.has(u));
  if (missing.length > 0) {
    const rows = await db
      .selectFrom('zrc_zaaktype_key')
      .select(['key', 'url'])
      .where('url', 'in', missing)
      .execute();
    for (const r of rows) knownKeys.set(r.url as string, r.key as number);
  }
  const out = new Map<string, number>();
  for (const u of urls) {
    const k = knownKeys.get(u);
    if (k !== undefined) out.set(u, k);
  }
  return out;
}

async function countDelta(
  trx: Trx,
  row: Pick<
    ZaakRow,
    'organisation_id' | 'zaaktype_key' | 'vertrouwelijkheid_rank' | 'created_at' | 'startdatum'
  >,
  n: number,
) {
  await trx
    .insertInto('zrc_zaak_count_delta')
    .values({
      organisation_id: row.organisation_id,
      zaaktype_key: row.zaaktype_key,
      rank: row.vertrouwelijkheid_rank,
      bucket: bucketOf(new Date(row.created_at)),
      start_month: startMonthOf(row.startdatum),
      n,
    })
    .execute();
}

/** A new zaak for `insertZaak`, with what its statement writes along with it. */
export interface NewZaak {
  row: ZaakRow;
  /** The identificatie is `ZAAK-<year of startdatum>-<number>`, the next number of `zrc_identificatie_seq`. */
  numbered: boolean;
  /** The change's outbox event (and its pg_notify) and audit trail row. */
  announced: Announcement;
  /** The uuid of its zaaktype in this Loket's catalogue, if there: the statement reads the zaaktype's dienst. */
  zaaktypeId?: string;
  /** The catalogue revision its zaaktype was read at: at another, nothing is written (`stale`). */
  revision?: number;
}

export type InsertOutcome = 'inserted' | 'taken' | 'stale';

/** Creates outside a transaction, per database: concurrent ones are inserted together (`insertZaken`). */
const batchers = new WeakMap<Db, Batcher<NewZaak, InsertOutcome>>();

/**
 * Inserts a zaak unless its (bronorganisatie, identificatie) exists already: `inserted`, or `taken` on that
 * clash (never an error, so the caller can pick another identificatie in the same transaction), or `stale`
 * (see `revision`). Sets row.identificatie and row.dienst_id to what the insert wrote. Outside a
 * transaction it goes with the zaken other requests create at the same moment, in one statement
 * (platform/db/batcher.ts); in one, alone.
 */
export function insertZaak(conn: Conn, zaak: NewZaak): Promise<InsertOutcome> {
  if (conn.isTransaction) return insertZaken(conn, [zaak]).then((outcomes) => outcomes[0]);
  const db = conn as Db;
  let batcher = batchers.get(db);
  if (!batcher) {
    batcher = new Batcher((zaken) => insertZaken(db, zaken));
    batchers.set(db, batcher);
  }
  return batcher.submit(zaak);
}

/** The batcher of a database's creates (tests and benchmarks read how many batches it ran). */
export const createBatcherOf = (db: Db) => batchers.get(db);

/**
 * Inserts zaken in one statement (one round trip, one commit when `conn` is no transaction): each row with
 * its counter delta, outbox event and audit trail row, whose `resource_weergave` and `nieuw.identificatie`
 * are the identificatie the insert got, and none of these for a row not inserted. The zaken go as one
 * JSON array (`zaakItem`), read with the tables' own row types, so the statement's text is the same for
 * any number of zaken (prepared once per connection). Outcomes in the zaken's order.
 */
export async function insertZaken(conn: Conn, zaken: NewZaak[]): Promise<InsertOutcome[]> {
  const columns = Object.keys(zaken[0].row) as (keyof ZaakRow)[];
  const values = columns.map((c) => {
    if (c === 'dienst_id') return dienstOfZaaktypeExpression(sql`(r.j ->> 't')`);
    if (c === 'identificatie')
      return sql`case when (r.j ->> 'n')::boolean
        then 'ZAAK-' || left(r.j -> 'z' ->> 'startdatum', 4) || '-' || lpad(nextval('zrc_identificatie_seq')::text, 10, '0')
        else r.identificatie end`;
    return sql.ref(`r.${c}`);
  });
  const audit = Object.keys(zaken[0].announced.audit).filter((c) => !AUDIT_OWN.includes(c));
  // The revision is read once (an init plan); a row read at another is not inserted and takes no number.
  const { rows } = await sql<{
    fresh: boolean;
    identificatie: string | null;
    dienst_id: string | null;
  }>`${PREPARED} with r as (
      select x.n, x.j, z.*,
        (x.j ->> 'r') is null or (x.j ->> 'r')::bigint = ${catalogRevision()} as fresh
      from jsonb_array_elements(${`[${zaken.map(zaakItem).join(',')}]`}::jsonb) with ordinality as x (j, n),
        jsonb_populate_record(null::zrc_zaak, x.j -> 'z') as z
    ), z as (
      insert into zrc_zaak (${sql.join(columns.map((c) => sql.ref(c)))})
      select ${sql.join(values)} from r where r.fresh
      on conflict (bronorganisatie, identificatie) do nothing
      returning id, identificatie, dienst_id, organisation_id, zaaktype_key, vertrouwelijkheid_rank
    ), d as (
      insert into zrc_zaak_count_delta (organisation_id, zaaktype_key, rank, bucket, start_month, n)
      select z.organisation_id, z.zaaktype_key, z.vertrouwelijkheid_rank, (r.j ->> 'b')::integer,
        (r.j ->> 'm')::integer, 1
      from z join r on r.id = z.id
    ), e as (
      insert into outbox_event (organisation_id, topic, payload, trace_id)
      select e.organisation_id, e.topic, e.payload, e.trace_id
      from z join r on r.id = z.id, jsonb_populate_record(null::outbox_event, r.j -> 'e') as e
      returning id
    ), a as (
      insert into zgw_audittrail (${sql.join(audit.map((c) => sql.ref(c)))}, resource_weergave, oud, nieuw)
      select ${sql.join(audit.map((c) => sql.ref(`a.${c}`)))}, z.identificatie, nullif(r.j -> 'o', 'null'),
        jsonb_set(r.j -> 'w', '{identificatie}', to_jsonb(z.identificatie))
      from z join r on r.id = z.id, jsonb_populate_record(null::zgw_audittrail, r.j -> 'a') as a
    )
    select r.fresh, z.identificatie, z.dienst_id, (select pg_notify(${OUTBOX_CHANNEL}, '') from e limit 1) as notified
    from r left join z on z.id = r.id order by r.n`.execute(conn);
  return rows.map((result, i) => {
    if (!result.fresh) return 'stale';
    if (result.identificatie === null) return 'taken';
    zaken[i].row.identificatie = result.identificatie;
    zaken[i].row.dienst_id = result.dienst_id;
    return 'inserted';
  });
}

/** Audit trail columns the statement writes itself (the rest come from the announcement's row). */
const AUDIT_OWN = ['resource_weergave', 'oud', 'nieuw'];

/**
 * One zaak of `insertZaken` as JSON: its row (z), numbered (n), catalogue revision (r), zaaktype uuid (t),
 * counter buckets (b, m), outbox event (e), audit row (a) with its JSON texts oud (o) and nieuw (w) as they are.
 */
function zaakItem({ row, numbered, announced, zaaktypeId, revision }: NewZaak): string {
  const { event, audit } = announced;
  const fixed: Record<string, unknown> = { ...audit };
  for (const c of AUDIT_OWN) delete fixed[c];
  const e = {
    organisation_id: event.organisationId,
    topic: event.topic,
    payload: event.payload,
    trace_id: event.traceId ?? null,
  };
  return `{"z":${JSON.stringify(row)},"n":${numbered},"r":${revision ?? null},"t":${JSON.stringify(zaaktypeId ?? null)},"b":${bucketOf(new Date(row.created_at))},"m":${startMonthOf(row.startdatum)},"e":${JSON.stringify(e)},"a":${JSON.stringify(fixed)},"o":${audit.oud ?? null},"w":${audit.nieuw ?? null}}`;
}

export type ZaakChanges = Partial<
  Omit<ZaakRow, 'id' | 'organisation_id' | 'zaaktype' | 'zaaktype_key' | 'created_at'>
>;

/**
 * Changes a zaak (the caller holds its row lock); a new confidentiality or month of startdatum moves it to
 * other counters.
 */
export async function updateZaakRow(trx: Trx, before: ZaakRow, changes: ZaakChanges): Promise<ZaakRow> {
  const set: Record<string, unknown> = { ...changes };
  if (changes.data) set.data = JSON.stringify(changes.data);
  await trx.updateTable('zrc_zaak').set(set).where('id', '=', before.id).execute();
  const after = { ...before, ...changes };
  if (
    after.vertrouwelijkheid_rank !== before.vertrouwelijkheid_rank ||
    startMonthOf(after.startdatum) !== startMonthOf(before.startdatum)
  ) {
    await countDelta(trx, before, -1);
    await countDelta(trx, after, 1);
  }
  return after;
}

/** Deletes a zaak row (its statussen, rollen etc. go with it) and takes it off the counters. */
export async function deleteZaakRow(trx: Trx, row: ZaakRow): Promise<void> {
  await trx.deleteFrom('zrc_zaak').where('id', '=', row.id).execute();
  await countDelta(trx, row, -1);
}

/** A zaak by id (any organisation), or a 404. `forUpdate` locks it for the rest of the transaction. */
export async function loadZaak(db: Conn, id: string, forUpdate = false): Promise<ZaakRow> {
  const row = await findZaak(db, id, forUpdate);
  if (!row) throw problems.notFound();
  return row;
}

export async function findZaak(db: Conn, id: string, forUpdate = false): Promise<ZaakRow | undefined> {
  let q = db.selectFrom('zrc_zaak').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  return (await q.executeTakeFirst()) as ZaakRow | undefined;
}

/** The deelzaken of a hoofdzaak. */
export async function deelzakenOf(db: Conn, id: string): Promise<ZaakRow[]> {
  return (await db.selectFrom('zrc_zaak').selectAll().where('hoofdzaak_id', '=', id).execute()) as ZaakRow[];
}

/**
 * Every case of a person (BSN) or company (KVK number), at every organisation, newest first: the
 * citizen's one door. One indexed query on the subject columns.
 */
export async function casesOfSubject(
  db: Conn,
  subject: string | { bsn?: string; kvk?: string },
): Promise<ZaakRow[]> {
  const s = typeof subject === 'string' ? { bsn: subject } : subject;
  let q = db.selectFrom('zrc_zaak').selectAll();
  if (s.bsn) q = q.where('subject_bsn', '=', s.bsn);
  else if (s.kvk) q = q.where('subject_kvk', '=', s.kvk);
  else return [];
  return (await q.orderBy('startdatum', 'desc').orderBy('created_at', 'desc').execute()) as ZaakRow[];
}

/**
 * Zaken's ids, organisations and zaaktype URLs, as a subquery for a caller's own statement (`from (…) as z`).
 * The ids are one array parameter, so the statement's text is the same for one id or two hundred.
 */
export function zaakTypesOfQuery(db: Conn, caseIds: readonly string[]) {
  return db
    .selectFrom('zrc_zaak')
    .select(['id', 'organisation_id', 'zaaktype'])
    .where('id', '=', sql<string>`any(${caseIds}::uuid[])`);
}

/** The ids of a person's cases at every organisation, as a subquery (`where case_id in (…)`). */
export function caseIdsOfSubjectQuery(db: Conn, bsn: string) {
  return db.selectFrom('zrc_zaak').select('id').where('subject_bsn', '=', bsn);
}

/**
 * A person's cases at every organisation, newest first, with only what a list of them shows — for a
 * caller that composes it into a statement of its own (e.g. with jsonArrayFrom).
 */
export function caseSummariesOfSubjectQuery(db: Conn, bsn: string) {
  return db
    .selectFrom('zrc_zaak')
    .select([
      'id',
      'organisation_id',
      'identificatie',
      'startdatum',
      'einddatum',
      sql<string | null>`data->>'omschrijving'`.as('omschrijving'),
    ])
    .where('subject_bsn', '=', bsn)
    .orderBy('startdatum', 'desc')
    .orderBy('created_at', 'desc');
}

/**
 * Folds the appended count deltas into the counters, in one statement (so a reader, which sums both,
 * never sees a delta twice or not at all). A counter counts the zaken at its rank or below, so a delta
 * at rank r goes into the counters of r and every rank above, each for its month (yyyymm) and its year
 * (yyyy) of registration; and into the counters of its month of startdatum at rank r alone, of its zaaktype
 * and of all zaaktypen (a delta written before there were counters by startdatum has none: its zaak was
 * counted when they were made). Safe to run in several processes at once.
 */
export async function compactCounts(db: Conn, batch = 20_000): Promise<number> {
  const { rows } = await sql<{ moved: number }>`
    with moved as (
      delete from zrc_zaak_count_delta
      where id in (select id from zrc_zaak_count_delta order by id limit ${batch})
      returning organisation_id, zaaktype_key, rank, bucket, start_month, n
    ), upto as (
      select m.organisation_id, m.zaaktype_key, r.rank, b.bucket, m.n
      from moved m join generate_series(0, ${sql.lit(TOP_RANK)}) r(rank) on m.rank <= r.rank
        cross join lateral (values (m.bucket), (m.bucket / 100)) b(bucket)
    ), per_type as (
      insert into zrc_zaak_count as c (organisation_id, zaaktype_key, rank, bucket, n)
      select organisation_id, zaaktype_key, rank, bucket, sum(n) from upto group by 1, 2, 3, 4
      on conflict (organisation_id, zaaktype_key, rank, bucket) do update set n = c.n + excluded.n
      returning 1
    ), totals as (
      insert into zrc_zaak_count_total as t (organisation_id, rank, bucket, n)
      select organisation_id, rank, bucket, sum(n) from upto group by 1, 2, 3
      on conflict (organisation_id, rank, bucket) do update set n = t.n + excluded.n
      returning 1
    ), by_start as (
      insert into zrc_zaak_start_count as s (organisation_id, zaaktype_key, month, rank, n)
      select organisation_id, zaaktype_key, start_month, rank, sum(n) from moved
      where start_month is not null group by 1, 2, 3, 4
      on conflict (organisation_id, zaaktype_key, month, rank) do update set n = s.n + excluded.n
      returning 1
    ), start_totals as (
      insert into zrc_zaak_start_total as s (organisation_id, month, rank, n)
      select organisation_id, start_month, rank, sum(n) from moved
      where start_month is not null group by 1, 2, 3
      on conflict (organisation_id, month, rank) do update set n = s.n + excluded.n
      returning 1
    ), generations as (
      ${raiseGenerations(sql`select distinct organisation_id from moved`)}
    )
    select (select count(*) from moved)::int as moved`.execute(db);
  return rows[0]?.moved ?? 0;
}

/**
 * Raises the counter generation of each organisation `orgs` (a select of organisation_id) names, as an
 * insert … returning, for a CTE: a page remembered at an older generation is read again (list-remember.ts).
 */
function raiseGenerations(orgs: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`insert into zrc_zaak_count_generation as g (organisation_id, generation)
    select organisation_id, 1 from (${orgs}) o
    on conflict (organisation_id) do update set generation = g.generation + 1
    returning 1`;
}

/** Vacuums the delta table (PostgreSQL; not inside a transaction), unless another process is doing so. */
export async function vacuumCountDeltas(db: Conn): Promise<void> {
  await sql`vacuum (skip_locked) zrc_zaak_count_delta`.execute(db);
}

/** Recomputes every counter from the zaak rows (after a bulk load, or as a repair). */
export async function rebuildCounts(trx: Trx): Promise<void> {
  await sql`lock table zrc_zaak_count_delta in exclusive mode`.execute(trx);
  await raiseCountedGenerations(trx);
  await sql`delete from zrc_zaak_count_delta`.execute(trx);
  await sql`delete from zrc_zaak_count`.execute(trx);
  await sql`delete from zrc_zaak_count_total`.execute(trx);
  await sql`delete from zrc_zaak_start_count`.execute(trx);
  await sql`delete from zrc_zaak_start_total`.execute(trx);
  const bucket = sql`(extract(year from created_at at time zone 'UTC') * 100 + extract(month from created_at at time zone 'UTC'))::int`;
  await sql`insert into zrc_zaak_count (organisation_id, zaaktype_key, rank, bucket, n)
    select x.organisation_id, x.zaaktype_key, r.rank, x.bucket, sum(x.n)
    from (
      select organisation_id, zaaktype_key, vertrouwelijkheid_rank as rank, ${bucket} as bucket, count(*) as n
      from zrc_zaak group by 1, 2, 3, 4
    ) x join generate_series(0, ${sql.lit(TOP_RANK)}) r(rank) on x.rank <= r.rank
    group by 1, 2, 3, 4`.execute(trx);
  await sql`insert into zrc_zaak_start_count (organisation_id, zaaktype_key, month, rank, n)
    select organisation_id, zaaktype_key, (extract(year from startdatum) * 100 + extract(month from startdatum))::int,
      vertrouwelijkheid_rank, count(*)
    from zrc_zaak group by 1, 2, 3, 4`.execute(trx);
  await sql`insert into zrc_zaak_start_total (organisation_id, month, rank, n)
    select organisation_id, month, rank, sum(n) from zrc_zaak_start_count group by 1, 2, 3`.execute(trx);
  await sql`insert into zrc_zaak_count (organisation_id, zaaktype_key, rank, bucket, n)
    select organisation_id, zaaktype_key, rank, bucket / 100, sum(n) from zrc_zaak_count group by 1, 2, 3, 4`.execute(
    trx,
  );
  await sql`insert into zrc_zaak_count_total (organisation_id, rank, bucket, n)
    select organisation_id, rank, bucket, sum(n) from zrc_zaak_count group by 1, 2, 3`.execute(trx);
  await raiseCountedGenerations(trx);
}

/** `raiseGenerations` of every organisation with counters or a generation (before and after a rebuild). */
async function raiseCountedGenerations(trx: Trx): Promise<void> {
  await sql`with g as (${raiseGenerations(sql`select organisation_id from zrc_zaak_count_generation
    union select organisation_id from zrc_zaak_count_total`)}) select count(*) from g`.execute(trx);
}
