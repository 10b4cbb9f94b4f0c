import { sql } from 'kysely';
import { t } from './repository.ts';
import type { Conn } from './support.ts';

type VersionedTable = 'catalog_zaaktype' | 'catalog_besluittype' | 'catalog_informatieobjecttype';

/** What makes two rows versions of the same type: the same catalogus and identificatie (zaaktype) or omschrijving. */
const VERSION_KEY: Record<VersionedTable, 'identificatie' | 'omschrijving'> = {
  catalog_zaaktype: 'identificatie',
  catalog_besluittype: 'omschrijving',
  catalog_informatieobjecttype: 'omschrijving',
};

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
