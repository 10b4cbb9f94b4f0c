import { sql } from 'kysely';
import { problems } from '../platform/http/problem.ts';
import { t } from './repository.ts';
import { type Caller, type Conn, nonField } from './support.ts';
import { catalogTexts } from './texts.nl.ts';

type VersionedTable = 'catalog_zaaktype' | 'catalog_besluittype' | 'catalog_informatieobjecttype';

/** What makes two rows versions of the same type: the same catalogus and identificatie (zaaktype) or omschrijving. */
const VERSION_KEY: Record<VersionedTable, 'identificatie' | 'omschrijving'> = {
  catalog_zaaktype: 'identificatie',
  catalog_besluittype: 'omschrijving',
  catalog_informatieobjecttype: 'omschrijving',
};

/** The type's name in the texts that refuse a version. */
const KIND: Record<VersionedTable, string> = {
  catalog_zaaktype: 'zaaktype',
  catalog_besluittype: 'besluittype',
  catalog_informatieobjecttype: 'informatieobjecttype',
};

/** A version as it is stored: its row's own columns. */
interface VersionRow {
  id: string;
  catalogus_id: string;
  begin_geldigheid: string;
  einde_geldigheid: string | null;
}

/**
 * Whether another published version of the type is valid on a day of [begin, einde] (both inclusive;
 * `einde` null = open-ended). Published versions of one type never overlap, so a lookup by date finds
 * at most one. Concepts may overlap anything: the next version is drafted while the current one still
 * applies, and the rule is checked when it is published.
 */
export async function overlapsPublishedVersion(
  db: Conn,
  table: VersionedTable,
  v: { catalogusId: string; key: string; begin: string; einde: string | null; excludeId?: string },
): Promise<boolean> {
  const key = VERSION_KEY[table];
  let q = t(db)
    .selectFrom(table)
    .select('id')
    .where('catalogus_id', '=', v.catalogusId)
    .where(key, '=', v.key)
    .where('concept', '=', false)
    .where((eb) => eb.or([eb('einde_geldigheid', 'is', null), eb('einde_geldigheid', '>=', v.begin)]));
  if (v.einde !== null) q = q.where('begin_geldigheid', '<=', v.einde);
  if (v.excludeId) q = q.where('id', '<>', v.excludeId);
  return (await q.executeTakeFirst()) !== undefined;
}

/**
 * Refuses a version whose period overlaps that of another published version of the same type (400, code
 * `overlap` on `field`: the begin, or the end when only the end was changed).
 */
export async function refuseOverlap(
  db: Conn,
  table: VersionedTable,
  v: { catalogusId: string; key: string; begin: string; einde: string | null; excludeId?: string },
  field: 'beginGeldigheid' | 'eindeGeldigheid' = 'beginGeldigheid',
): Promise<void> {
  if (await overlapsPublishedVersion(db, table, v))
    throw problems.validation([{ name: field, code: 'overlap', reason: catalogTexts.overlap(KIND[table]) }]);
}

/** Publishes a concept version (no longer a concept), unless its period overlaps a published version's. */
export async function publishVersion(
  db: Conn,
  table: VersionedTable,
  row: VersionRow & { identificatie?: string; omschrijving?: string },
): Promise<void> {
  await refuseOverlap(db, table, {
    catalogusId: row.catalogus_id,
    key: row[VERSION_KEY[table]] ?? '',
    begin: row.begin_geldigheid,
    einde: row.einde_geldigheid,
    excludeId: row.id,
  });
  await t(db).updateTable(table).set({ concept: false }).where('id', '=', row.id).execute();
}

/** One side of a link between versioned types: its column in the link table, its table, its name in texts. */
interface LinkSide {
  column: string;
  table: VersionedTable;
  name: string;
}

const BESLUITTYPE: LinkSide = {
  column: 'besluittype_id',
  table: 'catalog_besluittype',
  name: 'besluittypen',
};
const IOT: LinkSide = {
  column: 'informatieobjecttype_id',
  table: 'catalog_informatieobjecttype',
  name: 'informatieobjecttypen',
};
const ZAAKTYPE: LinkSide = { column: 'zaaktype_id', table: 'catalog_zaaktype', name: 'zaaktypen' };

/** The link tables between versioned types; their order is the order in which a type's relations are checked. */
const LINKS: { link: string; sides: [LinkSide, LinkSide] }[] = [
  { link: 'catalog_besluittype_iot', sides: [BESLUITTYPE, IOT] },
  { link: 'catalog_zaaktype_besluittype', sides: [ZAAKTYPE, BESLUITTYPE] },
  { link: 'catalog_ziot', sides: [ZAAKTYPE, IOT] },
];

/** The name of the first kind of published type (not a concept) the version is related to, or null. */
export async function publishedRelation(db: Conn, table: VersionedTable, id: string): Promise<string | null> {
  for (const { link, sides } of LINKS) {
    const own = sides.find((s) => s.table === table);
    const other = sides.find((s) => s !== own);
    if (!own || !other) continue;
    const { rows } = await sql`select 1 from ${sql.table(link)} l
      join ${sql.table(other.table)} o on o.id = ${sql.ref(`l.${other.column}`)}
      where ${sql.ref(`l.${own.column}`)} = ${id} and o.concept = false limit 1`.execute(db);
    if (rows.length > 0) return other.name;
  }
  return null;
}

/**
 * Refuses to delete a published version, or a concept a published type relates to — unless the caller may
 * delete by force.
 */
export async function refuseDelete(
  db: Conn,
  caller: Caller,
  table: VersionedTable,
  row: { id: string; concept: boolean },
): Promise<void> {
  if (caller.forceDelete) return;
  if (!row.concept) throw nonField('non-concept-object', catalogTexts.nonConceptDelete);
  const related = await publishedRelation(db, table, row.id);
  if (related) throw nonField('non-concept-relation', catalogTexts.nonConceptRelation(related));
}

/**
 * The version of a type valid on a date: published versions first, then the latest begin. Null when no
 * version applies on that day.
 */
export async function versionOnDate(
  db: Conn,
  table: VersionedTable,
  v: { catalogusId: string; key: string; date: string },
): Promise<string | null> {
  const key = VERSION_KEY[table];
  const row = await t(db)
    .selectFrom(table)
    .select('id')
    .where('catalogus_id', '=', v.catalogusId)
    .where(key, '=', v.key)
    .where('begin_geldigheid', '<=', v.date)
    .where((eb) => eb.or([eb('einde_geldigheid', 'is', null), eb('einde_geldigheid', '>=', v.date)]))
    .orderBy('concept')
    .orderBy('begin_geldigheid', 'desc')
    .executeTakeFirst();
  return row?.id ?? null;
}

/** SQL condition: valid on `date` (inclusive), for list filters. */
export const validOn = (alias: string, date: string) =>
  sql<boolean>`${sql.ref(`${alias}.begin_geldigheid`)} <= ${date}::date and (${sql.ref(`${alias}.einde_geldigheid`)} is null or ${sql.ref(`${alias}.einde_geldigheid`)} >= ${date}::date)`;
