import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedZaken } from '../../bench/zaken/seed.ts';
import { TOP_RANK } from '../authz/policy.ts';
import { apiAs } from '../authz/test-support.ts';
import { inTransaction } from '../platform/db/transaction.ts';
import { describeBackends, startTestLoket, type TestLoket } from '../testing/backends.ts';
import { PageWriter } from '../zgw/pagination.ts';
import { type ListRequest, listZaakRows, listZaakText } from './list.ts';
import { filteredPage } from './list-filters.ts';
import { type PageRow, ROWS, type Scope } from './list-shared.ts';
import { compactCounts, rebuildCounts } from './store.ts';

/**
 * Every fast path of the zaken list (counters, per-month location of a page, merged scans per zaaktype,
 * the filtered path and its indexes) answers exactly what the naive SQL answers — count(*) and ORDER BY …
 * LIMIT 100 OFFSET n — over filters, authorisations and page numbers, with pending counter deltas too.
 */
const BASE = 'http://loket.test';
const N = 1500;
const TYPES = 12;
const ORDER_COLUMNS: Record<string, string> = {
  startdatum: 'startdatum',
  registratiedatum: 'registratiedatum',
  identificatie: 'identificatie',
  einddatum: 'einddatum',
};

describeBackends('Zaken list equals the naive SQL', (database) => {
  let loket: TestLoket;
  let types: string[];
  let org: string;
  let as: ReturnType<typeof apiAs>;
  /** The zaken made through the API in beforeAll. */
  const made: string[] = [];

  beforeAll(async () => {
    const seed = await seedZaken(database(), { zaken: N, zaaktypen: TYPES, baseUrl: BASE, chunk: 1000 });
    types = seed.templates.map((t) => t.zaaktype);
    org = seed.admin.organisationId;
    loket = await startTestLoket(database(), { config: { baseUrl: BASE } });
    // A few zaken made through the API after the seed: their counts are still pending deltas.
    as = apiAs(loket.url, seed.admin);
    for (const [i, vertrouwelijkheidaanduiding] of ['geheim', 'openbaar', 'intern'].entries())
      made.push(await makeZaak(types[i], vertrouwelijkheidaanduiding));
  }, 180_000);
  afterAll(async () => {
    await loket?.stop();
  });

  const CRS = { 'accept-crs': 'EPSG:4326', 'content-crs': 'EPSG:4326' };

  /** A zaak made through the API (started 1 June 2024); its URL. */
  async function makeZaak(zaaktype: string, vertrouwelijkheidaanduiding: string): Promise<string> {
    const body = {
      bronorganisatie: '000000000',
      verantwoordelijkeOrganisatie: '000000000',
      startdatum: '2024-06-01',
      zaaktype,
      vertrouwelijkheidaanduiding,
    };
    const res = await as('POST', '/zaken/api/v1/zaken', body, CRS);
    expect(res.status).toBe(201);
    return res.body.url;
  }

  /** The naive answer: every condition spelled out, count(*) and OFFSET. */
  async function naive(req: ListRequest) {
    const where: string[] = [`organisation_id = '${org}'`];
    const f = req.filters as Record<string, string>;
    if (req.allowed)
      where.push(
        `(${[...req.allowed].map(([t, r]) => `(zaaktype = '${t}' and vertrouwelijkheid_rank <= ${r})`).join(' or ') || 'false'})`,
      );
    if (f.zaaktype) where.push(`zaaktype = '${f.zaaktype}'`);
    if (f.zaaktype__in) where.push(`zaaktype in (${f.zaaktype__in.split(',').map((t) => `'${t}'`)})`);
    const levels = ['openbaar', 'beperkt_openbaar', 'intern', 'zaakvertrouwelijk', 'vertrouwelijk'];
    if (f.maximaleVertrouwelijkheidaanduiding)
      where.push(`vertrouwelijkheid_rank <= ${levels.indexOf(f.maximaleVertrouwelijkheidaanduiding)}`);
    if (f.startdatum__gte) where.push(`startdatum >= '${f.startdatum__gte}'`);
    if (f.startdatum__lte) where.push(`startdatum <= '${f.startdatum__lte}'`);
    if (f.startdatum__gt) where.push(`startdatum > '${f.startdatum__gt}'`);
    if (f.startdatum__lt) where.push(`startdatum < '${f.startdatum__lt}'`);
    if (f.startdatum) where.push(`startdatum = '${f.startdatum}'`);
    if (f.registratiedatum__gt) where.push(`registratiedatum > '${f.registratiedatum__gt}'`);
    const ordering = f.ordering ?? '';
    const column = ORDER_COLUMNS[ordering.replace(/^-/, '')];
    const order = column ? `${column} ${ordering.startsWith('-') ? 'desc' : 'asc'}, ` : '';
    const w = where.join(' and ');
    const db = database().db;
    const count = (
      await sql.raw<{ n: number }>(`select count(*)::int as n from zrc_zaak where ${w}`).execute(db)
    ).rows[0].n;
    const ids = (
      await sql
        .raw<{ id: string }>(
          `select id from zrc_zaak where ${w} order by ${order}created_at desc, id desc
           limit 100 offset ${(req.page - 1) * 100}`,
        )
        .execute(db)
    ).rows.map((r) => r.id);
    return { count, ids };
  }

  async function same(
    allowed: Map<string, number> | null,
    filters: Record<string, unknown>,
    pages: number[],
  ) {
    for (const page of pages) {
      const req: ListRequest = { organisationId: org, allowed, filters, page };
      const expected = await naive(req);
      // The API joins stored JSON in the database; with expand it reads whole rows: the same page either way.
      const rows = await listZaakRows(database().db, req);
      expect(
        { count: rows.count, ids: rows.rows.map((r) => r.id) },
        `${JSON.stringify(filters)} page ${page}`,
      ).toEqual(expected);
      const out = new PageWriter(page, `${BASE}/zaken/api/v1/zaken`);
      const text = await listZaakText(database().db, req, BASE, out);
      const body = JSON.parse(out.finish().toString()) as {
        count: number;
        results: { uuid: string; url: string }[];
      };
      const docs = body.results;
      expect(text.found).toBe(docs.length);
      expect(
        { count: body.count, ids: docs.map((d) => d.uuid) },
        `${JSON.stringify(filters)} page ${page} (text)`,
      ).toEqual(expected);
      for (const d of docs) expect(d.url).toBe(`${BASE}/zaken/api/v1/zaken/${d.uuid}`);
    }
  }

  const PAGES = [1, 2, 7, 15, 16, 40];
  const FILTERS: Record<string, unknown>[] = [
    {},
    { maximaleVertrouwelijkheidaanduiding: 'intern' },
    { startdatum__gte: '2023-01-01', startdatum__lte: '2024-12-31' },
    // Parts of three years: a limited client's page merges a scan per zaaktype and year (list-start.ts).
    { startdatum__gt: '2022-03-15', startdatum__lt: '2024-02-10', startdatum__gte: '2022-01-01' },
    { registratiedatum__gt: '2025-06-01' },
    { ordering: 'startdatum' },
    { ordering: '-identificatie' },
    { ordering: '-registratiedatum', startdatum__gte: '2022-01-01' },
    // Open on a side: a scan per year of the organisation's zaken, counted by month (list-start.ts).
    { startdatum__gte: '2025-03-15' },
    { startdatum__lt: '2023-02-01' },
    // More years than a page merges scans: a scan per year that holds zaken, one per run of years between.
    { startdatum__gte: '1900-01-01', startdatum__lte: '2099-12-31' },
  ];

  it('with all rights', async () => {
    for (const f of FILTERS) await same(null, f, PAGES);
    await same(null, { zaaktype: `${BASE}/catalogi/api/v1/zaaktypen/x` }, [1]);
  });

  it('with all rights, by zaaktype', async () => {
    await same(null, { zaaktype: types[2] }, [1, 2]);
    await same(null, { zaaktype__in: types.slice(0, 5).join(',') }, PAGES);
    await same(
      null,
      { zaaktype: types[1], startdatum__gte: '2024-01-01', startdatum__lte: '2024-12-31' },
      [1, 2],
    );
    // A range the page must skip inside of, a range of no year, and one day.
    await same(
      null,
      {
        zaaktype__in: types.slice(0, 3).join(','),
        startdatum__gte: '2023-05-01',
        startdatum__lte: '2025-02-28',
      },
      [1, 2, 3, 4],
    );
    await same(null, { zaaktype: types[1], startdatum__gt: '2024-06-01', startdatum__lt: '2024-06-01' }, [1]);
    const day = (
      await sql<{ d: string }>`select startdatum::text as d from zrc_zaak
        where zaaktype = ${types[1]} and organisation_id = ${org} order by created_at desc limit 1`.execute(
        database().db,
      )
    ).rows[0].d;
    await same(null, { zaaktype: types[1], startdatum: day }, [1]);
  });

  it('as a client limited to some zaaktypen and confidentiality levels', async () => {
    const few = new Map(types.slice(0, 4).map((t, i) => [t, [3, 0, 7, 2][i]]));
    const most = new Map(types.slice(0, 10).map((t, i) => [t, i % 8]));
    for (const allowed of [few, most]) {
      for (const f of FILTERS) await same(allowed, f, PAGES);
      await same(allowed, { zaaktype: types[0] }, [1, 2]);
      await same(allowed, { zaaktype__in: `${types[1]},${types[11]}` }, [1]);
    }
    await same(new Map(), {}, [1]);
  });

  /** A client with 40 more zaaktypen (without zaken): 52 in all, beyond MERGE_AT_MOST (list.ts). */
  async function manyZaaktypen(): Promise<Map<string, number>> {
    const extra = Array.from({ length: 40 }, (_, i) => `${BASE}/catalogi/api/v1/zaaktypen/extra-${i}`);
    await database()
      .db.insertInto('zrc_zaaktype_key')
      .values(extra.map((url) => ({ url })))
      .onConflict((oc) => oc.column('url').doNothing())
      .execute();
    return new Map([...types, ...extra].map((t, i) => [t, i % 8]));
  }

  it('as a client with more zaaktypen than a page merges', async () => {
    const many = await manyZaaktypen();
    // Ranges of startdatum too: one scan per year of the organisation's zaken, filtered (list-start.ts).
    for (const f of FILTERS.slice(0, 4)) await same(many, f, PAGES);
  });

  it('as a client with a zaaktype without a zaak it may see, beside one it sees whole', async () => {
    const extra = [...(await manyZaaktypen()).keys()].filter((t) => t.includes('/extra-'));
    // A first page reads no row of the empty zaaktype (limit 0); a deeper page locates its month as usual.
    await same(
      new Map([
        [extra[0], 3],
        [types[1], 0],
        [types[2], 7],
      ]),
      {},
      [1, 2, 3, 7],
    );
  });

  it('stays exact when the deltas are compacted', async () => {
    await compactCounts(database().db);
    await same(null, {}, PAGES);
    await same(new Map(types.slice(0, 4).map((t) => [t, 3])), {}, PAGES);
  });

  it('pages that run over the turn of a year, and the last page of the oldest year', async () => {
    // The counters locate a page by year, then by month inside the year or years it touches (list.ts).
    const db = database().db;
    const years = (
      await sql<{
        year: number;
        n: number;
      }>`select extract(year from created_at at time zone 'UTC')::int as year,
          count(*)::int as n from zrc_zaak where organisation_id = ${org} group by 1 order by 1 desc`.execute(
        db,
      )
    ).rows;
    expect(years.length).toBeGreaterThan(2);
    // The page holding the last zaak of each year: it runs over into the year before, except the last one.
    let before = 0;
    const pages = years.map(({ n }) => {
      before += n;
      return Math.ceil(before / 100);
    });
    await same(null, {}, pages);
    await same(new Map(types.slice(0, 4).map((t, i) => [t, [3, 0, 7, 2][i]])), {}, pages);
  });

  it('pages inside one month that holds every zaak', async () => {
    // Every zaak moved into January 2030: pages skip 0 to 800 rows inside that month. Below 200 skipped
    // the rows come straight from the list index, from 200 on by id (list.ts), for one zaaktype, a few
    // merged, many filtered, and all.
    const db = database().db;
    await sql`update zrc_zaak z set created_at = timestamptz '2030-01-01 00:00:00+00' + make_interval(secs => s.n)
      from (select id, row_number() over (order by id) as n from zrc_zaak where organisation_id = ${org}) s
      where z.id = s.id`.execute(db);
    await inTransaction(db, (trx) => rebuildCounts(trx));
    const one = new Map([[types[0], 7]]);
    const two = new Map([
      [types[1], 7],
      [types[2], 7],
    ]);
    const most = new Map(types.slice(0, 10).map((t, i) => [t, i % 8]));
    for (const allowed of [one, two, most, await manyZaaktypen()]) await same(allowed, {}, [1, 2, 3, 4]);
    await same(null, {}, [1, 2, 9]);
  });

  it('pages of a range of startdatum that a zaaktype fills past a page', async () => {
    // (Almost) every zaak of two zaaktypen started in 2024: a page's scan of one zaaktype and year of startdatum runs
    // past 100 entries, and a page takes rows from both (list-start.ts, yearBranches).
    const db = database().db;
    await sql`update zrc_zaak set startdatum = date '2024-01-01' + abs(hashtext(id::text)) % 366
      where organisation_id = ${org} and zaaktype in (${types[0]}, ${types[1]})`.execute(db);
    // And the newest five (on the first page) on the days around the turns of the years.
    await sql`update zrc_zaak z set startdatum = d.day::date
      from (select id, row_number() over (order by created_at desc, id desc) as n from zrc_zaak
        where organisation_id = ${org} and zaaktype = ${types[0]}) s,
        (values (1, '2022-12-31'), (2, '2023-01-01'), (3, '2023-12-31'), (4, '2024-01-01'), (5, '2024-12-31'))
        d(n, day)
      where z.id = s.id and s.n = d.n`.execute(db);
    await inTransaction(db, (trx) => rebuildCounts(trx));
    const year = { startdatum__gte: '2024-01-01', startdatum__lte: '2024-12-31' };
    const first = await listZaakRows(db, {
      organisationId: org,
      allowed: null,
      filters: { zaaktype: types[0], ...year },
      page: 1,
    });
    expect(first.count).toBeGreaterThan(100);
    await same(null, { zaaktype: types[0], ...year }, [1, 2]);
    await same(null, { zaaktype__in: `${types[0]},${types[1]}`, ...year }, [1, 2, 3]);
    const two = new Map([
      [types[0], 7],
      [types[1], 3],
    ]);
    await same(two, { startdatum__gte: '2023-06-01', startdatum__lte: '2024-12-31' }, [1, 2, 3]);
    // Bounds on the turn of a year: 2023 whole, the first day of 2024 and the last of 2022 left out.
    for (const [gt, lt] of [
      ['2022-12-31', '2024-01-01'],
      ['2024-01-01', '2025-01-01'],
      ['2023-12-31', '2024-12-31'],
    ])
      await same(two, { startdatum__gt: gt, startdatum__lt: lt }, [1, 2]);
  });
  it('counts a range of startdatum from its counters by month, also after changes through the API', async () => {
    // Whole months from the counters (and pending deltas), the days around them from the index (list-start.ts):
    // with every zaaktype only those of the zaaktypen with counters or deltas in their months.
    const db = database().db;
    await inTransaction(db, (trx) => rebuildCounts(trx));
    const few = new Map(types.slice(0, 4).map((t, i) => [t, [3, 0, 7, 2][i]]));
    const ranges = [
      { startdatum__gte: '2023-01-01', startdatum__lte: '2024-12-31' },
      { startdatum__gt: '2023-05-31', startdatum__lt: '2024-07-01' },
      { startdatum__gte: '2023-05-17', startdatum__lte: '2024-06-20' },
      { startdatum__gte: '2024-06-01', startdatum__lte: '2024-06-20' },
      { startdatum__gte: '2024-02-01', startdatum__lte: '2024-02-29' },
      { startdatum: '2024-06-01' },
    ];
    const many = await manyZaaktypen();
    const check = async () => {
      for (const range of ranges) {
        await same(few, range, [1]);
        await same(null, { zaaktype__in: `${types[0]},${types[2]}`, ...range }, [1]);
        // Every zaaktype, and more than a page merges: the counters of all zaaktypen by month.
        await same(null, range, [1]);
        await same(null, { maximaleVertrouwelijkheidaanduiding: 'intern', ...range }, [1]);
        await same(many, range, [1]);
      }
    };
    await check();
    // The zaken made in beforeAll (zaaktypen 0–2, startdatum 2024-06-01): one moves to another month, one
    // to another confidentiality, one is deleted. Their deltas are pending, then compacted.
    expect((await as('PATCH', made[0], { startdatum: '2023-11-15' }, CRS)).status).toBe(200);
    expect((await as('PATCH', made[1], { vertrouwelijkheidaanduiding: 'geheim' }, CRS)).status).toBe(200);
    expect((await as('DELETE', made[2], undefined, CRS)).status).toBe(204);
    await check();
    await compactCounts(db);
    await check();
    // A zaak alone in its months of startdatum: with every zaaktype, the days before the whole month find
    // its zaaktype by its pending delta, then (compacted) by its counter.
    expect((await as('PATCH', made[0], { startdatum: '2015-03-15' }, CRS)).status).toBe(200);
    const lone = { startdatum__gte: '2015-03-10', startdatum__lte: '2015-04-30' };
    const req = { organisationId: org, allowed: null, filters: lone, page: 1 };
    expect((await listZaakRows(db, req)).count).toBe(1);
    await same(null, lone, [1]);
    // Open on a side: every year of startdatum back to 2015, from its pending delta, then its counter.
    const before = { startdatum__lte: '2016-06-30' };
    await same(null, before, [1]);
    await same(few, { startdatum__lt: '2022-01-01' }, [1, 2]);
    await compactCounts(db);
    expect((await listZaakRows(db, req)).count).toBe(1);
    await same(null, before, [1]);
    await same(many, { startdatum__gt: '2014-12-31' }, [1, 3]);
    await same(null, { startdatum__gte: '1900-01-01' }, [1, 2]);
    await same(few, { startdatum__gte: '1900-01-01', startdatum__lte: '2016-12-31' }, [1]);
    // A placeholder startdatum in year 1: a range that starts inside that year keeps its bound.
    expect((await as('PATCH', made[0], { startdatum: '0001-03-01' }, CRS)).status).toBe(200);
    for (const range of [
      { startdatum__gte: '0001-06-15', startdatum__lte: '2016-12-31' },
      { startdatum__lt: '0001-06-15' },
      { startdatum__gte: '0001-01-01' },
    ])
      await same(null, range, [1]);
  });

  it('pages of a range of startdatum stay exact when zaken fall outside the years read', async () => {
    // The years that hold zaken were read before zaken of other years were made: the scans of the runs of
    // years between, before and after them find those (list-start.ts, `yearBranches`).
    const db = database().db;
    const keys = new Map(
      (
        await db
          .selectFrom('zrc_zaaktype_key')
          .select(['key', 'url'])
          .where('url', 'in', types.slice(0, 4))
          .execute()
      ).map((r) => [r.url, r.key]),
    );
    const allowed = new Map(types.slice(0, 4).map((t, i) => [t, [3, 0, 7, 2][i]]));
    const scopes: [Map<string, number> | null, Scope][] = [
      [null, { kind: 'all', cap: TOP_RANK }],
      [allowed, { kind: 'pairs', pairs: [...allowed].map(([t, r]) => [keys.get(t) as number, r]) }],
    ];
    for (const years of [[2023], [2030, 2031], [2022, 2025]])
      for (const filters of [
        { startdatum__gte: '2022-05-10' },
        { startdatum__lte: '2025-08-31' },
        { startdatum__gt: '1980-02-01', startdatum__lt: '2026-03-01' },
      ])
        for (const [allowedMap, scope] of scopes)
          for (const page of [1, 3]) {
            const req: ListRequest = { organisationId: org, allowed: allowedMap, filters, page };
            const statement = filteredPage(db, req, scope, ROWS, years).compile(db);
            const rows = (await db.executeQuery(statement)).rows as PageRow[];
            expect(
              { count: Number(rows[0]?.total ?? 0), ids: rows.filter((r) => r.id !== null).map((r) => r.id) },
              `${JSON.stringify({ years, filters, scope })} page ${page}`,
            ).toEqual(await naive(req));
          }
  });

  it('deep pages are remembered, read by id while they hold, and read again after a change', async () => {
    // From the third page on, a page is remembered with the organisation's counter generation and the number
    // of the client's deltas pending; asked again, it is read by id while both are the same (list-remember.ts).
    const db = database().db;
    await inTransaction(db, (trx) => rebuildCounts(trx));
    const few = new Map(types.slice(0, 4).map((t, i) => [t, [3, 0, 7, 2][i]]));
    const many = await manyZaaktypen();
    // Twice: the first read of each page remembers it, the second reads it by id if it still holds (after a
    // page was found changed, it is not tried for 10 ms).
    const check = async () => {
      for (const allowed of [null, few, many]) await same(allowed, {}, [3, 7, 16]);
      await new Promise((resolve) => setTimeout(resolve, 25));
      for (const allowed of [null, few, many]) await same(allowed, {}, [3, 7, 16]);
    };
    await check();
    const req: ListRequest = { organisationId: org, allowed: null, filters: {}, page: 7 };
    const page = async () => {
      const out = new PageWriter(7, `${BASE}/zaken/api/v1/zaken`);
      await listZaakText(db, req, BASE, out);
      return (JSON.parse(out.finish().toString()) as { results: { uuid: string; omschrijving: string }[] })
        .results;
    };
    const before = (await page()).map((z) => z.uuid);
    expect(before).toHaveLength(100);
    // A changed field writes no delta: the remembered page shows it, its rows being read anew.
    await sql`update zrc_zaak set data = jsonb_set(data, '{omschrijving}', '"Gewijzigd"')
      where id = ${before[10]}`.execute(db);
    const changed = await page();
    expect(changed.map((z) => z.uuid)).toEqual(before);
    expect(changed[10].omschrijving).toBe('Gewijzigd');
    // Proof the remembered page is what is read: a zaak moved to another year behind the counters' back (no
    // delta; no code path of Loket does this) leaves it as it was, and the rows shape's too.
    const rowsBefore = (await listZaakRows(db, req)).rows.map((r) => r.id);
    expect(rowsBefore).toEqual(before);
    await sql`update zrc_zaak set created_at = created_at - interval '40 years' where id = ${before[50]}`.execute(
      db,
    );
    expect((await page()).map((z) => z.uuid)).toEqual(before);
    expect((await listZaakRows(db, req)).rows.map((r) => r.id)).toEqual(before);
    // A rebuild of the counters raises the generation: read again, without that zaak on page 7.
    await inTransaction(db, (trx) => rebuildCounts(trx));
    expect((await page()).map((z) => z.uuid)).not.toContain(before[50]);
    await check();
    // A zaak made in the zaaktypen of each client: its delta is pending (pages read with it pending are
    // remembered with it), then compacted.
    const url = await makeZaak(types[0], 'openbaar');
    await check();
    await compactCounts(db);
    await check();
    // Another confidentiality (out of sight of `few`), compacted before any page is read: the raised
    // generation tells the remembered pages from before it.
    expect((await as('PATCH', url, { vertrouwelijkheidaanduiding: 'geheim' }, CRS)).status).toBe(200);
    await compactCounts(db);
    await check();
    // Then gone.
    expect((await as('DELETE', url, undefined, CRS)).status).toBe(204);
    await check();
    await compactCounts(db);
    await check();
  });
});
