import { type Generated, type Kysely, sql } from 'kysely';
import { type Db, scoped } from '../platform/db/database.ts';
import type { Trx } from '../platform/db/transaction.ts';

type Json = Record<string, unknown>;
type Created = Generated<Date>;

interface Link {
  organisation_id: string;
  position?: Generated<number>;
}

/** The catalogue's tables (see migrations.ts). `data` holds the remaining ZGW fields, named as in the API. */
export interface CatalogTables {
  catalog_revision: { id: number; organisation_id: Generated<string>; revision: number };
  catalog_catalogus: {
    id: string;
    organisation_id: string;
    domein: string;
    rsin: string;
    naam: string | null;
    versie: string | null;
    begindatum_versie: string | null;
    contactpersoon_beheer_naam: string;
    contactpersoon_beheer_telefoonnummer: string;
    contactpersoon_beheer_emailadres: string;
    created_at: Created;
  };
  catalog_dienst: {
    id: string;
    organisation_id: string;
    naam: string;
    publieksomschrijving: string;
    rechtsgronden: string | Json[];
    beslistermijn: string | null;
    streeftermijn: string | null;
    reactietermijnen: string | Json;
    eigenaar_team: string | null;
    automatisch: boolean;
    created_at: Created;
    updated_at: Created;
  };
  catalog_zaaktype: {
    id: string;
    organisation_id: string;
    catalogus_id: string;
    dienst_id: string;
    identificatie: string;
    omschrijving: string;
    concept: boolean;
    begin_geldigheid: string;
    einde_geldigheid: string | null;
    versiedatum: string;
    trefwoorden: string[];
    data: string | Json;
    created_at: Created;
  };
  catalog_besluittype: VersionedRow;
  catalog_informatieobjecttype: VersionedRow;
  catalog_zaaktype_besluittype: Link & { zaaktype_id: string; besluittype_id: string };
  catalog_zaaktype_deelzaaktype: Link & { zaaktype_id: string; deelzaaktype_id: string };
  catalog_besluittype_iot: Link & { besluittype_id: string; informatieobjecttype_id: string };
  catalog_statustype: ChildRow & { volgnummer: number; omschrijving: string };
  catalog_resultaattype: ChildRow & { omschrijving: string };
  catalog_resultaattype_besluittype: Link & { resultaattype_id: string; besluittype_id: string };
  catalog_resultaattype_iot: Link & { resultaattype_id: string; informatieobjecttype_id: string };
  catalog_roltype: ChildRow & { omschrijving: string; omschrijving_generiek: string };
  catalog_eigenschap: ChildRow & { naam: string; statustype_id: string | null };
  catalog_ziot: {
    id: string;
    organisation_id: string;
    zaaktype_id: string;
    informatieobjecttype_id: string;
    statustype_id: string | null;
    volgnummer: number;
    richting: string;
    created_at: Created;
  };
  catalog_zaakobjecttype: ChildRow & {
    objecttype: string;
    relatie_omschrijving: string;
    ander_objecttype: boolean;
    begin_geldigheid: string;
    einde_geldigheid: string | null;
  };
  catalog_zaakobjecttype_resultaattype: {
    organisation_id: string;
    zaakobjecttype_id: string;
    resultaattype_id: string;
  };
  catalog_zaakobjecttype_statustype: {
    organisation_id: string;
    zaakobjecttype_id: string;
    statustype_id: string;
  };
}

interface VersionedRow {
  id: string;
  organisation_id: string;
  catalogus_id: string;
  omschrijving: string;
  concept: boolean;
  begin_geldigheid: string;
  einde_geldigheid: string | null;
  data: string | Json;
  created_at: Created;
}

interface ChildRow {
  id: string;
  organisation_id: string;
  zaaktype_id: string;
  data: string | Json;
  created_at: Created;
}

export type CatalogDb = Kysely<CatalogTables>;

export const t = (db: Db | Trx): CatalogDb => scoped<CatalogTables>(db);

/** jsonb for an insert or update (both backends take JSON text for a jsonb parameter). */
export const json = (value: unknown): string => JSON.stringify(value);

/** A jsonb column as read: both backends parse it; a value written as text stays parsed on the way out. */
export function parsed<T = Json>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

/**
 * Marks a catalogue change: takes the one revision row's lock for the rest of the transaction (so catalogue
 * writes are serialised and validations see a stable catalogue) and invalidates what is remembered of the
 * catalogue (revision.ts).
 */
export async function bumpRevision(trx: Trx): Promise<void> {
  await sql`update catalog_revision set revision = revision + 1 where id = 1`.execute(trx);
}

/** Replaces the members of a link table for one owner, keeping the given order. */
export async function replaceLinks<
  T extends
    | 'catalog_zaaktype_besluittype'
    | 'catalog_zaaktype_deelzaaktype'
    | 'catalog_besluittype_iot'
    | 'catalog_resultaattype_besluittype'
    | 'catalog_resultaattype_iot',
>(
  trx: Trx,
  table: T,
  ownerColumn: string,
  memberColumn: string,
  organisationId: string,
  ownerId: string,
  memberIds: string[],
): Promise<void> {
  // biome-ignore lint/suspicious/noExplicitAny: one helper for five link tables, addressed by name
  const db = trx as Kysely<any>;
  await db
    .deleteFrom(table as string)
    .where(ownerColumn, '=', ownerId)
    .execute();
  const unique = [...new Set(memberIds)];
  if (unique.length === 0) return;
  await db
    .insertInto(table as string)
    .values(
      unique.map((member, position) => ({
        organisation_id: organisationId,
        [ownerColumn]: ownerId,
        [memberColumn]: member,
        position,
      })),
    )
    .execute();
}
