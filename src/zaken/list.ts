import { type Expression, type ExpressionBuilder, type RawBuilder, type SqlBool, sql } from 'kysely';
import { VERTROUWELIJKHEID, vertrouwelijkheidRank } from '../authz/policy.ts';
import type { Db } from '../platform/db/database.ts';
import type { Trx } from '../platform/db/transaction.ts';
import { problems } from '../platform/http/problem.ts';
import { PAGE_SIZE } from '../zgw/pagination.ts';
import { bucketRange, type ZaakRow } from './store.ts';
import { zakenTexts as t } from './texts.nl.ts';

/**
 * The zaken list, counted exactly and paged by number, fast at a million zaken (README.md, "Lists").
 *
 * Without filters other than zaaktype and confidentiality (what a client's autorisaties amount to), the
 * count comes from the counters and a page is found through the per-month counts: only the month(s) the
 * page falls in are scanned, with one ordered index scan per zaaktype merged (Merge Append). Any other
 * filter or ordering takes the plain path: an exact `count(*)` and OFFSET, on the indexes that exist.
 */
export interface ListRequest {
  organisationId: string;
  /** zaaktype URL → highest confidentiality rank the client may read; null: every zaaktype, every rank. */
  allowed: Map<string, number> | null;
  filters: Record<string, unknown>;
  page: number;
}

const TOP_RANK = VERTROUWELIJKHEID.length - 1;
/** Beyond this many zaaktypen one merged scan per zaaktype costs more planning than it saves. */
const MAX_MERGED_TYPES = 64;
const COUNTED_FILTERS = new Set([
  'zaaktype',
  'zaaktype__in',
  'maximaleVertrouwelijkheidaanduiding',
  'expand',
]);

type Pairs = [key: number, rank: number][];
type Bucket = { bucket: number; n: number };

/** A list of values from a query string (comma-separated) or a _zoek body (array). */
export function listOf(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return value.map(String);
  return String(value)
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
}

export async function listZaakRows(db: Db, req: ListRequest): Promise<{ count: number; rows: ZaakRow[] }> {
  const f = req.filters;
  const given = Object.keys(f).filter((k) => f[k] !== undefined && f[k] !== null && f[k] !== '');
  const counted = given.every((k) => COUNTED_FILTERS.has(k));
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const scope = await authorisedScope(trx, req);
      if (scope === 'none') return { count: 0, rows: [] };
      return counted ? countedPage(trx, req, scope) : filteredPage(trx, req, scope);
    });
}

/** What the client may see, narrowed by the zaaktype and confidentiality filters. */
type Scope = { kind: 'all'; cap: number } | { kind: 'pairs'; pairs: Pairs };

async function authorisedScope(trx: Trx, req: ListRequest): Promise<Scope | 'none'> {
  const f = req.filters;
  const cap =
    typeof f.maximaleVertrouwelijkheidaanduiding === 'string'
      ? vertrouwelijkheidRank(f.maximaleVertrouwelijkheidaanduiding)
      : TOP_RANK;
  const wanted = [...(typeof f.zaaktype === 'string' ? [f.zaaktype] : []), ...(listOf(f.zaaktype__in) ?? [])];
  let urls: Map<string, number> | null = req.allowed;
  if (wanted.length > 0) {
    urls = new Map();
    for (const t of wanted) {
      const rank = req.allowed ? req.allowed.get(t) : TOP_RANK;
      if (rank !== undefined) urls.set(t, rank);
    }
  }
  if (urls === null) return { kind: 'all', cap };
  if (urls.size === 0) return 'none';
  const keys = await trx
    .selectFrom('zrc_zaaktype_key')
    .select(['key', 'url'])
    .where('url', 'in', [...urls.keys()])
    .execute();
  const pairs: Pairs = keys.map((k) => [k.key as number, Math.min(urls.get(k.url as string) ?? -1, cap)]);
  const visible = pairs.filter(([, r]) => r >= 0);
  return visible.length === 0 ? 'none' : { kind: 'pairs', pairs: visible };
}

const pairsTable = (pairs: Pairs) =>
  sql`(values ${sql.join(pairs.map(([k, r]) => sql`(${k}::int, ${r}::int)`))}) as a(k, r)`;

/** Per-month counts of what the scope sees, newest month first (counters plus pending deltas). */
async function bucketCounts(trx: Trx, org: string, scope: Scope): Promise<Bucket[]> {
  let source: RawBuilder<unknown>;
  if (scope.kind === 'all' && scope.cap >= TOP_RANK)
    source = sql`select bucket, n from zrc_zaak_count_total where organisation_id = ${org}
      union all select bucket, n from zrc_zaak_count_delta where organisation_id = ${org}`;
  else if (scope.kind === 'all')
    source = sql`select bucket, n from zrc_zaak_count where organisation_id = ${org} and rank <= ${scope.cap}
      union all select bucket, n from zrc_zaak_count_delta where organisation_id = ${org} and rank <= ${scope.cap}`;
  else {
    const a = pairsTable(scope.pairs);
    source = sql`select c.bucket, c.n from zrc_zaak_count c join ${a} on c.zaaktype_key = a.k and c.rank <= a.r
        where c.organisation_id = ${org}
      union all select d.bucket, d.n from zrc_zaak_count_delta d join ${a} on d.zaaktype_key = a.k and d.rank <= a.r
        where d.organisation_id = ${org}`;
  }
  const { rows } = await sql<Bucket>`
    select bucket, sum(n)::bigint as n from (${source}) x group by bucket having sum(n) > 0 order by bucket desc`.execute(
    trx,
  );
  return rows.map((r) => ({ bucket: Number(r.bucket), n: Number(r.n) }));
}

/** Which months hold the rows [offset, offset + size), and the offset within the first of them. */
export function locate(buckets: Bucket[], offset: number, size: number) {
  let before = 0;
  let first = -1;
  for (let i = 0; i < buckets.length; i++) {
    if (before + buckets[i].n > offset) {
      first = i;
      break;
    }
    before += buckets[i].n;
  }
  if (first === -1) return null;
  let last = first;
  let covered = before;
  for (let j = first; j < buckets.length; j++) {
    covered += buckets[j].n;
    last = j;
    if (covered >= offset + size) break;
  }
  return {
    skip: offset - before,
    from: bucketRange(buckets[last].bucket).from,
    to: bucketRange(buckets[first].bucket).to,
  };
}

async function countedPage(trx: Trx, req: ListRequest, scope: Scope) {
  const org = req.organisationId;
  const buckets = await bucketCounts(trx, org, scope);
  const count = buckets.reduce((s, b) => s + b.n, 0);
  const at = locate(buckets, (req.page - 1) * PAGE_SIZE, PAGE_SIZE);
  if (!at) return { count, rows: [] };
  const range = sql`organisation_id = ${org} and created_at >= ${at.from} and created_at < ${at.to}`;
  let source: RawBuilder<unknown>;
  if (scope.kind === 'all')
    source = sql`select * from zrc_zaak where ${range}${scope.cap < TOP_RANK ? sql` and vertrouwelijkheid_rank <= ${scope.cap}` : sql``}`;
  else if (scope.pairs.length <= MAX_MERGED_TYPES)
    source = sql.join(
      scope.pairs.map(
        ([k, r]) =>
          sql`select * from zrc_zaak where ${range} and zaaktype_key = ${k} and vertrouwelijkheid_rank <= ${r}`,
      ),
      sql` union all `,
    );
  else
    source = sql`select z.* from zrc_zaak z join ${pairsTable(scope.pairs)}
      on z.zaaktype_key = a.k and z.vertrouwelijkheid_rank <= a.r where ${range}`;
  const { rows } = await sql<ZaakRow>`select * from (${source}) z
    order by created_at desc, id desc offset ${at.skip} limit ${PAGE_SIZE}`.execute(trx);
  return { count, rows };
}

// ------------------------------------------------------------------------------------------ filtered path

const ORDERINGS: Record<string, string> = {
  startdatum: 'startdatum',
  einddatum: 'einddatum',
  publicatiedatum: 'publicatiedatum',
  archiefactiedatum: 'archiefactiedatum',
  registratiedatum: 'registratiedatum',
  identificatie: 'identificatie',
};

const DATE_FILTERS: [param: string, column: string][] = [
  ['startdatum', 'startdatum'],
  ['registratiedatum', 'registratiedatum'],
  ['einddatum', 'einddatum'],
  ['einddatumGepland', 'einddatum_gepland'],
  ['uiterlijkeEinddatumAfdoening', 'uiterlijke_einddatum_afdoening'],
  ['archiefactiedatum', 'archiefactiedatum'],
];
const OPS: [suffix: string, op: string][] = [
  ['', '='],
  ['__gt', '>'],
  ['__gte', '>='],
  ['__lt', '<'],
  ['__lte', '<='],
];

const ROL_FILTERS: [param: string, path: string[]][] = [
  ['natuurlijkPersoon__anpIdentificatie', ['anpIdentificatie']],
  ['natuurlijkPersoon__inpA_nummer', ['inpA_nummer']],
  ['nietNatuurlijkPersoon__innNnpId', ['innNnpId']],
  ['nietNatuurlijkPersoon__annIdentificatie', ['annIdentificatie']],
  ['vestiging__vestigingsNummer', ['vestigingsNummer']],
  ['medewerker__identificatie', ['identificatie']],
  ['organisatorischeEenheid__identificatie', ['identificatie']],
];

// biome-ignore lint/suspicious/noExplicitAny: the builder of a dynamic where clause over zrc_zaak
type Eb = ExpressionBuilder<any, 'zrc_zaak'>;

/** The where clause of the filters (everything but authorisation). */
function filterConditions(eb: Eb, f: Record<string, unknown>): Expression<SqlBool>[] {
  const c: Expression<SqlBool>[] = [];
  const str = (k: string) => (typeof f[k] === 'string' && f[k] !== '' ? (f[k] as string) : undefined);
  for (const col of ['identificatie', 'bronorganisatie', 'archiefnominatie', 'archiefstatus'] as const) {
    const v = str(col);
    if (v !== undefined) c.push(eb(col, '=', v));
    const many = listOf(f[`${col}__in`]);
    if (many) c.push(many.length ? eb(col, 'in', many) : eb.val(false));
  }
  const uuids = listOf(f.uuid__in);
  if (uuids) c.push(uuids.length ? eb('id', 'in', uuids.filter(isUuid)) : eb.val(false));
  for (const [param, column] of DATE_FILTERS) {
    for (const [suffix, op] of OPS) {
      const v = str(`${param}${suffix}`);
      if (v !== undefined) c.push(eb(sql.ref(column), op as '=', v));
    }
    const isnull = f[`${param}__isnull`];
    if (isnull !== undefined)
      c.push(eb(sql.ref(column), isnull === true || isnull === 'true' ? 'is' : 'is not', null));
  }
  const rolConditions: RawBuilder<unknown>[] = [];
  const rol = (k: string) => str(`rol__${k}`);
  if (rol('betrokkeneType')) rolConditions.push(sql`r.betrokkene_type = ${rol('betrokkeneType')}`);
  if (rol('betrokkene')) rolConditions.push(sql`r.betrokkene = ${rol('betrokkene')}`);
  if (rol('omschrijvingGeneriek'))
    rolConditions.push(sql`r.omschrijving_generiek = ${rol('omschrijvingGeneriek')}`);
  const bsn = rol('betrokkeneIdentificatie__natuurlijkPersoon__inpBsn');
  if (bsn) rolConditions.push(sql`r.bsn = ${bsn}`);
  for (const [param, path] of ROL_FILTERS) {
    const v = rol(`betrokkeneIdentificatie__${param}`);
    if (v) rolConditions.push(sql`r.data->'betrokkeneIdentificatie'->>${path[0]} = ${v}`);
  }
  if (rolConditions.length > 0)
    c.push(
      sql<SqlBool>`zrc_zaak.id in (select r.zaak_id from zrc_rol r where ${sql.join(rolConditions, sql` and `)})`,
    );
  return c;
}

export const isUuid = (v: string) =>
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v);

async function filteredPage(trx: Trx, req: ListRequest, scope: Scope) {
  let q = trx.selectFrom('zrc_zaak').where('organisation_id', '=', req.organisationId);
  q = q.where((eb) => {
    const c = filterConditions(eb, req.filters);
    if (scope.kind === 'all') {
      if (scope.cap < TOP_RANK) c.push(eb('vertrouwelijkheid_rank', '<=', scope.cap));
    } else
      c.push(
        eb.or(
          scope.pairs.map(([k, r]) =>
            eb.and([eb('zaaktype_key', '=', k), eb('vertrouwelijkheid_rank', '<=', r)]),
          ),
        ),
      );
    return eb.and(c);
  });
  const ordering = typeof req.filters.ordering === 'string' ? req.filters.ordering : '';
  const column = ORDERINGS[ordering.replace(/^-/, '')];
  if (ordering && !column) throw problems.invalidField('ordering', 'invalid_choice', t.ordering(ordering));
  const { n } = await q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  let page = q.selectAll();
  if (column) page = page.orderBy(sql.ref(column), ordering.startsWith('-') ? 'desc' : 'asc');
  const rows = await page
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .offset((req.page - 1) * PAGE_SIZE)
    .limit(PAGE_SIZE)
    .execute();
  return { count: n, rows: rows as ZaakRow[] };
}
