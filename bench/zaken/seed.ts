import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { createLoket } from '../../src/app.ts';
import { addTestClient, type TestClient } from '../../src/authz/test-support.ts';
import { loadConfig } from '../../src/platform/config.ts';
import type { Database } from '../../src/platform/db/database.ts';
import { inTransaction } from '../../src/platform/db/transaction.ts';
import { createLogger } from '../../src/platform/logging.ts';
import { rebuildCounts } from '../../src/zaken/store.ts';
import { injectAs, makeTemplates, type Template } from './templates.ts';

/**
 * `npm run bench:seed -- --zaken N`: N zaken over ZAAKTYPEN zaaktypen, each with a status, an initiator rol
 * (a BSN), a besluit, and N documents. Step 1 makes one template of each through Loket's own APIs
 * (templates.ts); step 2 copies them on the database server, set-based (INSERT … SELECT over
 * generate_series), in chunks with a progress line each; step 3 brings every derived table in line
 * (exact counters, identificatie sequences and counters) and analyses the tables.
 *
 * The zaken are spread over five years of registration (created_at), startdatum up to four weeks before
 * it, confidentiality skewed towards the lower levels and independent of the zaaktype.
 */
export interface SeedOptions {
  zaken: number;
  zaaktypen?: number;
  /** BASE_URL of the Loket that will serve the data: resource URLs are stored absolute. */
  baseUrl: string;
  organisationId?: string;
  chunk?: number;
  progress?: (line: string) => void;
}

export interface SeedResult {
  templates: Template[];
  /** An all-rights client and its secret (stored in the database). */
  admin: TestClient;
  seconds: { templates: number; bulk: number; derived: number; total: number };
}

/** Where `npm run bench:seed` puts the data and the base URL the serving Loket must use. */
export const SEED_DEFAULTS = {
  url: 'postgres://postgres@127.0.0.1:5432/test',
  schema: 'bench',
  baseUrl: 'http://loket.bench',
};

const FIVE_YEARS_MS = 5 * 365.25 * 24 * 3600 * 1000;

/** Valid BSNs (the 11-proof) for the initiators: 10,000 people with about N / 10,000 zaken each. */
export function validBsns(count: number): string[] {
  const out: string[] = [];
  for (let base = 10_000_000; out.length < count; base += 7) {
    const digits = String(base).padStart(8, '0').split('').map(Number);
    const sum = digits.reduce((s, d, j) => s + d * (9 - j), 0);
    const check = sum % 11;
    if (check < 10) out.push(`${digits.join('')}${check}`);
  }
  return out;
}

/** Confidentiality rank of seed number i: 40% openbaar, then fewer at each higher level. */
const PICK = sql`(hashint4(i) & 2147483647) % 100`;
const RANK = sql`(case when ${PICK} < 40 then 0 when ${PICK} < 58 then 1 when ${PICK} < 76 then 2
  when ${PICK} < 88 then 3 when ${PICK} < 94 then 4 when ${PICK} < 97 then 5 when ${PICK} < 99 then 6
  else 7 end)::smallint`;
const LEVELS = sql`(array['openbaar','beperkt_openbaar','intern','zaakvertrouwelijk','vertrouwelijk','confidentieel','geheim','zeer_geheim'])`;

export async function seedZaken(database: Database, options: SeedOptions): Promise<SeedResult> {
  const log = options.progress ?? (() => {});
  const types = options.zaaktypen ?? 100;
  const t0 = performance.now();
  const dataDir = mkdtempSync(join(tmpdir(), 'loket-seed-'));
  const config = {
    ...loadConfig({ LOKET_DEMO: '0', LOG_LEVEL: 'warn', PORT: '0', BASE_URL: options.baseUrl }),
    dataDir,
  };
  const admin = await addTestClient(database.db, {
    all: true,
    clientId: `bench-admin-${randomUUID().slice(0, 8)}`,
    organisationId: options.organisationId,
  });
  const loket = await createLoket(config, { database, log: createLogger('warn') });
  let templates: Template[];
  try {
    await loket.start({ listen: false });
    templates = await makeTemplates(injectAs(loket, admin), types);
  } finally {
    await loket.stop().catch(() => {});
    rmSync(dataDir, { recursive: true, force: true });
  }
  const t1 = performance.now();
  log(`templates: ${types} zaaktypen published, one zaak of each made through the API`);
  const { bulk, derived } = await bulkCopy(database, templates, { ...options, zaken: options.zaken - types });
  const total = (performance.now() - t0) / 1000;
  return { templates, admin, seconds: { templates: (t1 - t0) / 1000, bulk, derived, total } };
}

/** Steps 2 and 3: `options.zaken` copies of the templates, then the derived tables. */
async function bulkCopy(
  database: Database,
  templates: Template[],
  options: SeedOptions,
): Promise<{ bulk: number; derived: number }> {
  const log = options.progress ?? (() => {});
  const db = database.db;
  const n = options.zaken;
  const chunk = options.chunk ?? 100_000;
  const types = templates.length;
  const run = randomUUID().slice(0, 8);
  const bsns = validBsns(10_000);
  const start = new Date(Date.now() - FIVE_YEARS_MS - 24 * 3600 * 1000);
  const stepMs = FIVE_YEARS_MS / Math.max(1, n);
  const t0 = performance.now();
  await sql`create table bench_seed_template (k int primary key, zaak uuid, status uuid, rol uuid,
    besluit uuid, document uuid)`.execute(db);
  await db
    .insertInto('bench_seed_template' as never)
    .values(
      templates.map((t, k) => ({
        k,
        zaak: t.zaak,
        status: t.status,
        rol: t.rol,
        besluit: t.besluit,
        document: t.document,
      })) as never,
    )
    .execute();
  // The rows of one chunk: seed number i, its template, its ids, moment, confidentiality and person.
  const series = (lo: number, hi: number) => sql`(select i, t.*,
      md5(${run} || ':z:' || i)::uuid as zid, md5(${run} || ':s:' || i)::uuid as sid,
      md5(${run} || ':r:' || i)::uuid as rid, md5(${run} || ':b:' || i)::uuid as bid,
      md5(${run} || ':c:' || i)::uuid as cid, md5(${run} || ':d:' || i)::uuid as did,
      ${start.toISOString()}::timestamptz + (i * ${stepMs}::float8) * interval '1 millisecond' as at,
      ${RANK} as rank, (${bsns}::text[])[1 + i % ${bsns.length}] as bsn
    from generate_series(${lo}::int, ${hi - 1}::int) i
    join bench_seed_template t on t.k = i % ${types})`;
  for (let lo = 0; lo < n; lo += chunk) {
    const hi = Math.min(n, lo + chunk);
    const c0 = performance.now();
    await inTransaction(db, async (trx) => {
      await sql`create temp table seed_chunk on commit drop as ${series(lo, hi)}`.execute(trx);
      await sql`insert into zrc_zaak (id, organisation_id, dienst_id, zaaktype, zaaktype_key, identificatie,
          bronorganisatie, verantwoordelijke_organisatie, vertrouwelijkheidaanduiding, vertrouwelijkheid_rank,
          registratiedatum, startdatum, einddatum, einddatum_gepland, uiterlijke_einddatum_afdoening,
          publicatiedatum, archiefnominatie, archiefstatus, archiefactiedatum, hoofdzaak_id, subject_bsn,
          subject_kvk, status_id, resultaat_id, created_at, data, rol_ids)
        select c.zid, z.organisation_id, z.dienst_id, z.zaaktype, z.zaaktype_key,
          'ZAAK-' || extract(year from (c.at at time zone 'UTC')::date - (c.i % 28))::int || '-'
            || lpad(nextval('zrc_identificatie_seq')::text, 10, '0'),
          z.bronorganisatie, z.verantwoordelijke_organisatie, ${LEVELS}[c.rank + 1], c.rank,
          (c.at at time zone 'UTC')::date, (c.at at time zone 'UTC')::date - (c.i % 28), null,
          z.einddatum_gepland, z.uiterlijke_einddatum_afdoening, z.publicatiedatum, z.archiefnominatie,
          z.archiefstatus, z.archiefactiedatum, null, c.bsn, null, c.sid, null, c.at, z.data, array[c.rid]
        from seed_chunk c join zrc_zaak z on z.id = c.zaak`.execute(trx);
      // Each copy's one rol is on its zaak already (rol_ids above): the trigger that keeps it rests meanwhile.
      await sql`alter table zrc_rol disable trigger zrc_rol_parts`.execute(trx);
      await sql`insert into zrc_status (id, organisation_id, zaak_id, statustype, datum_status_gezet, gezetdoor,
          data, created_at)
        select c.sid, s.organisation_id, c.zid, s.statustype, c.at, s.gezetdoor, s.data, c.at
        from seed_chunk c join zrc_status s on s.id = c.status`.execute(trx);
      await sql`insert into zrc_rol (id, organisation_id, zaak_id, roltype, omschrijving_generiek,
          betrokkene_type, betrokkene, bsn, data, created_at)
        select c.rid, r.organisation_id, c.zid, r.roltype, r.omschrijving_generiek, r.betrokkene_type,
          r.betrokkene, c.bsn, jsonb_set(r.data, '{betrokkeneIdentificatie,inpBsn}', to_jsonb(c.bsn)), c.at
        from seed_chunk c join zrc_rol r on r.id = c.rol`.execute(trx);
      await sql`alter table zrc_rol enable trigger zrc_rol_parts`.execute(trx);
      await sql`insert into brc_besluit (id, organisation_id, identificatie, verantwoordelijke_organisatie,
          besluittype, zaak, zaak_id, datum, ingangsdatum, vervaldatum, vervalreden, publicatiedatum,
          verzenddatum, uiterlijke_reactiedatum, toelichting, bestuursorgaan, created_at)
        select c.bid, b.organisation_id,
          'BESLUIT-' || extract(year from c.at at time zone 'UTC')::int || '-' || lpad((c.i + 1000000)::text, 10, '0'),
          b.verantwoordelijke_organisatie, b.besluittype, replace(b.zaak, c.zaak::text, c.zid::text), c.zid,
          (c.at at time zone 'UTC')::date, (c.at at time zone 'UTC')::date + 1, b.vervaldatum, b.vervalreden,
          b.publicatiedatum, b.verzenddatum, b.uiterlijke_reactiedatum, b.toelichting, b.bestuursorgaan, c.at
        from seed_chunk c join brc_besluit b on b.id = c.besluit`.execute(trx);
      await sql`insert into zrc_zaak_child (id, organisation_id, zaak_id, kind, ref, data, created_at)
        select c.cid, k.organisation_id, c.zid, k.kind, replace(k.ref, c.besluit::text, c.bid::text), k.data, c.at
        from seed_chunk c join zrc_zaak_child k on k.zaak_id = c.zaak and k.kind = 'zaakbesluit'`.execute(
        trx,
      );
      await sql`insert into drc_eio (id, organisation_id, identificatie, bronorganisatie, versie, lock,
          informatieobjecttype, vertrouwelijkheid_rank, trefwoorden, created_at)
        select c.did, e.organisation_id,
          'DOCUMENT-' || extract(year from c.at at time zone 'UTC')::int || '-'
            || lpad(nextval('drc_identificatie_seq')::text, 10, '0'),
          e.bronorganisatie, e.versie, '', e.informatieobjecttype, e.vertrouwelijkheid_rank, e.trefwoorden, c.at
        from seed_chunk c join drc_eio e on e.id = c.document`.execute(trx);
      await sql`insert into drc_eio_version (eio_id, versie, begin_registratie, content_key, bestandsomvang, data)
        select d.id, v.versie, d.created_at, v.content_key, v.bestandsomvang,
          v.data || jsonb_build_object('identificatie', d.identificatie)
        from seed_chunk c join drc_eio d on d.id = c.did join drc_eio_version v on v.eio_id = c.document`.execute(
        trx,
      );
    });
    const s = (performance.now() - c0) / 1000;
    log(`zaken ${hi.toLocaleString('en')} / ${n.toLocaleString('en')} (${Math.round((hi - lo) / s)} per s)`);
  }
  const t1 = performance.now();
  await inTransaction(db, async (trx) => {
    await rebuildCounts(trx);
    await sql`insert into brc_identificatie_counter as c (verantwoordelijke_organisatie, year, last)
      select verantwoordelijke_organisatie, split_part(identificatie, '-', 2)::int,
        max(split_part(identificatie, '-', 3)::bigint)
      from brc_besluit where identificatie ~ '^BESLUIT-[0-9]{4}-[0-9]+$' group by 1, 2
      on conflict (verantwoordelijke_organisatie, year) do update set last = greatest(c.last, excluded.last)`.execute(
      trx,
    );
    await sql`drop table bench_seed_template`.execute(trx);
  });
  log('derived: counters rebuilt, identificatie counters set; analysing');
  const zaken = [
    'zrc_zaak',
    'zrc_zaak_count',
    'zrc_zaak_count_total',
    'zrc_zaak_start_count',
    'zrc_zaak_start_total',
    'zrc_status',
    'zrc_rol',
  ];
  for (const table of [...zaken, 'zrc_zaak_child', 'brc_besluit', 'drc_eio'])
    await sql`vacuum analyze ${sql.table(table)}`.execute(db);
  const t2 = performance.now();
  return { bulk: (t1 - t0) / 1000, derived: (t2 - t1) / 1000 };
}
