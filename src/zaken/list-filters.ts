import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';
import { TOP_RANK } from '../authz/policy.ts';
import { PREPARED } from '../platform/db/database.ts';
import { problems } from '../platform/http/problem.ts';
import { PAGE_SIZE } from '../zgw/pagination.ts';
import {
  type Eb,
  type ListRequest,
  listOf,
  type PageShape,
  pageColumns,
  pageSelect,
  type Scope,
  scopeConditions,
  scopeFilter,
} from './list-shared.ts';
import { START_YEAR, startCount, yearBranches } from './list-start.ts';
import type { Conn } from './store.ts';
import { zakenTexts as t } from './texts.nl.ts';

/**
 * The zaken list with any filter beyond zaaktype and confidentiality, or with an ordering: an exact
 * count(*) and OFFSET on the indexes that exist — in one statement, so count and page share a snapshot.
 * A range of startdatum of a few zaaktypen has a quicker page and count (list-start.ts).
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
  years: number[] | null,
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
  const branches = column ? null : yearBranches(scope, f, years);
  if (branches) {
    // One scan per zaaktype and year of startdatum, each already newest first, merged: a page reads
    // offset + 100 entries of each at most, where one scan of the range sorts every entry in it.
    const scans = branches.map(({ key, rank, first, last, filters }) => {
      const one = base
        .where((eb) => {
          const c = filterConditions(eb, filters);
          if (first !== undefined && first === last) c.push(eb(START_YEAR, '=', first));
          else {
            // A run of years without zaken, written in: a generic plan would take a third of the zaken for
            // it, where it holds none or a few (list-start.ts, `yearBranches`).
            if (first !== undefined) c.push(eb(START_YEAR, '>=', sql.lit(first)));
            if (last !== undefined) c.push(eb(START_YEAR, '<=', sql.lit(last)));
          }
          if (key === undefined) {
            const seen = scopeFilter(scope);
            if (seen) c.push(seen);
          } else {
            c.push(eb('zaaktype_key', '=', key));
            if (rank < TOP_RANK) c.push(eb('vertrouwelijkheid_rank', '<=', rank));
          }
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
  const count =
    startCount(db, req.organisationId, scope, f) ?? sql`(${q.select(sql<number>`count(*)`.as('n'))})`;
  const order = column ? sql`i.ordered_by ${sql.raw(direction)}, ` : sql``;
  return sql`${PREPARED} ${pageSelect(shape, {
    total: sql`(${count})::bigint`,
    from: sql`(select 1) one`,
    page: sql`select ${pageColumns(shape)} from (${ids}) i join zrc_zaak z on z.id = i.id
      order by ${order}i.created_at desc, i.id desc`,
  })}`;
}
