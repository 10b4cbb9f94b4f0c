import { type Expression, type ExpressionBuilder, type RawBuilder, type SqlBool, sql } from 'kysely';
import { TOP_RANK } from '../authz/policy.ts';
import { PREPARED } from '../platform/db/database.ts';
import { problems } from '../platform/http/problem.ts';
import { PAGE_SIZE } from '../zgw/pagination.ts';
import {
  type ListRequest,
  listOf,
  MERGE_AT_MOST,
  type PageShape,
  pageColumns,
  pageSelect,
  type Scope,
} from './list-shared.ts';
import type { Conn } from './store.ts';
import { zakenTexts as t } from './texts.nl.ts';

/**
 * The zaken list with any filter beyond zaaktype and confidentiality, or with an ordering: an exact
 * count(*) and OFFSET on the indexes that exist — in one statement, so count and page share a snapshot.
 */
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

export function filteredPage(
  db: Conn,
  req: ListRequest,
  scope: Scope,
  shape: PageShape,
): RawBuilder<unknown> {
  const f = req.filters;
  const base = db.selectFrom('zrc_zaak').where('organisation_id', '=', req.organisationId);
  const q = base.where((eb) => eb.and([...filterConditions(eb, f), ...scopeConditions(eb, scope)]));
  const ordering = typeof f.ordering === 'string' ? f.ordering : '';
  const column = ORDERINGS[ordering.replace(/^-/, '')];
  if (ordering && !column) throw problems.invalidField('ordering', 'invalid_choice', t.ordering(ordering));
  const offset = (req.page - 1) * PAGE_SIZE;
  // The page's ids first (index-only where an index covers the filters), then only those rows, in the
  // order of the ids (which the join keeps, so PostgreSQL does not sort the wide rows again).
  const direction = ordering.startsWith('-') ? 'desc' : 'asc';
  let ids: RawBuilder<unknown>;
  const branches = column ? null : yearBranches(scope, f);
  if (branches) {
    // One scan per zaaktype and year of startdatum, each already newest first, merged: a page reads
    // offset + 100 entries of each at most, where one scan of the range sorts every entry in it.
    const scans = branches.map(({ key, rank, year, filters }) => {
      const one = base
        .where((eb) => {
          const c = filterConditions(eb, filters);
          c.push(eb('zaaktype_key', '=', key), eb(START_YEAR, '=', year));
          if (rank < TOP_RANK) c.push(eb('vertrouwelijkheid_rank', '<=', rank));
          return eb.and(c);
        })
        .select(['id', 'created_at'])
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(offset + PAGE_SIZE);
      return sql`(${one})`;
    });
    ids = sql`select id, created_at from (${sql.join(scans, sql` union all `)}) y
      order by created_at desc, id desc offset ${offset} limit ${PAGE_SIZE}`;
  } else {
    let page = q.select(['id', 'created_at']);
    if (column) page = page.select(sql.ref(column).as('ordered_by')).orderBy(sql.ref(column), direction);
    ids = sql`${page.orderBy('created_at', 'desc').orderBy('id', 'desc').offset(offset).limit(PAGE_SIZE)}`;
  }
  const count = q.select(sql<number>`count(*)`.as('n'));
  const order = column ? sql`i.ordered_by ${sql.raw(direction)}, ` : sql``;
  return sql`${PREPARED} ${pageSelect(shape, {
    total: sql`(${count})::bigint`,
    from: sql`(select 1) one`,
    page: sql`select ${pageColumns(shape)} from (${ids}) i join zrc_zaak z on z.id = i.id
      order by ${order}i.created_at desc, i.id desc`,
  })}`;
}

/** What the client may see, as conditions (none with every zaaktype up to the top rank). */
function scopeConditions(eb: Eb, scope: Scope): Expression<SqlBool>[] {
  if (scope.kind === 'all')
    return scope.cap < TOP_RANK ? [eb('vertrouwelijkheid_rank', '<=', scope.cap)] : [];
  return [
    eb.or(
      scope.pairs.map(([k, r]) =>
        // At the top rank every zaak qualifies: no condition to test per index entry.
        r >= TOP_RANK
          ? eb('zaaktype_key', '=', k)
          : eb.and([eb('zaaktype_key', '=', k), eb('vertrouwelijkheid_rank', '<=', r)]),
      ),
    ),
  ];
}

/** The year of startdatum, written as the index zrc_zaak_type_start_year holds it (migrations.ts). */
const START_YEAR = sql<number>`extract(year from startdatum)::int`;

/** One scan of a page by years of startdatum: a zaaktype up to a rank, one year, and the filters it needs. */
interface YearBranch {
  key: number;
  rank: number;
  year: number;
  filters: Record<string, unknown>;
}

const START_FILTERS = [
  'startdatum',
  'startdatum__gt',
  'startdatum__gte',
  'startdatum__lt',
  'startdatum__lte',
];

/**
 * The scans, one per zaaktype and year of startdatum, that together hold exactly the zaken of a range of
 * startdatum bounded on both sides, for a client limited to some zaaktypen (or a zaaktype filter); or null,
 * when the range is open, the scope is every zaaktype, or the scans would be more than MERGE_AT_MOST. Each
 * year of a zaaktype is a run of the index in created_at order (migrations.ts, `zaak_type_start_year`). A
 * year the range covers whole drops the range from its scan: the year says it all, and a prepared
 * statement's generic plan, which cannot know how much of the year a range holds, still takes the index.
 */
function yearBranches(scope: Scope, f: Record<string, unknown>): YearBranch[] | null {
  if (scope.kind !== 'pairs') return null;
  const date = (k: string) => {
    const v = f[k];
    return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined;
  };
  const on = date('startdatum');
  const [gt, gte, lt, lte] = [
    date('startdatum__gt'),
    date('startdatum__gte'),
    date('startdatum__lt'),
    date('startdatum__lte'),
  ];
  const years = (ds: (string | undefined)[]) =>
    ds.filter((d) => d !== undefined).map((d) => Number(d.slice(0, 4)));
  const lower = years([on, gt, gte]);
  const upper = years([on, lt, lte]);
  if (lower.length === 0 || upper.length === 0) return null;
  const from = Math.max(...lower);
  const count = Math.min(...upper) - from + 1;
  if (count < 1 || count * scope.pairs.length > MERGE_AT_MOST) return null;
  const rest = Object.fromEntries(Object.entries(f).filter(([k]) => !START_FILTERS.includes(k)));
  const whole = (year: number) =>
    on === undefined &&
    (gt === undefined || gt < `${year}-01-01`) &&
    (gte === undefined || gte <= `${year}-01-01`) &&
    (lt === undefined || lt > `${year}-12-31`) &&
    (lte === undefined || lte >= `${year}-12-31`);
  return scope.pairs.flatMap(([key, rank]) =>
    Array.from({ length: count }, (_, i) => {
      const year = from + i;
      return { key, rank, year, filters: whole(year) ? rest : f };
    }),
  );
}
