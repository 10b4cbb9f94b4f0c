import type { Generated, Kysely } from 'kysely';
import { type Db, scoped } from '../platform/db/database.ts';
import type { Trx } from '../platform/db/transaction.ts';
import { resourceUrl } from '../zgw/urls.ts';

/** The Besluiten module's tables (see migrations.ts). */
export interface BesluitenTables {
  brc_besluit: {
    id: string;
    organisation_id: string;
    identificatie: string;
    verantwoordelijke_organisatie: string;
    besluittype: string;
    zaak: string;
    zaak_id: string | null;
    datum: string;
    ingangsdatum: string;
    vervaldatum: string | null;
    vervalreden: string;
    publicatiedatum: string | null;
    verzenddatum: string | null;
    uiterlijke_reactiedatum: string | null;
    toelichting: string;
    bestuursorgaan: string;
    created_at: Generated<string>;
  };
  brc_identificatie_counter: { verantwoordelijke_organisatie: string; year: number; last: number };
  brc_besluit_informatieobject: {
    id: string;
    organisation_id: string;
    besluit_id: string;
    informatieobject: string;
    created_at: Generated<string>;
  };
}

export type Conn = Db | Trx;
export const t = (db: Conn): Kysely<BesluitenTables> => scoped<BesluitenTables>(db);

/**
 * A besluit as Loket keeps it: the ZGW fields without URLs of its own. `zaakId` is set when the zaak is a
 * case in this Loket.
 */
export interface BesluitRecord {
  id: string;
  organisationId: string;
  identificatie: string;
  verantwoordelijkeOrganisatie: string;
  besluittype: string;
  zaak: string;
  zaakId: string | null;
  datum: string;
  ingangsdatum: string;
  vervaldatum: string | null;
  vervalreden: string;
  publicatiedatum: string | null;
  verzenddatum: string | null;
  uiterlijkeReactiedatum: string | null;
  toelichting: string;
  bestuursorgaan: string;
}

type BesluitRow = Omit<BesluitenTables['brc_besluit'], 'created_at'>;

export function toRecord(r: BesluitRow): BesluitRecord {
  return {
    id: r.id,
    organisationId: r.organisation_id,
    identificatie: r.identificatie,
    verantwoordelijkeOrganisatie: r.verantwoordelijke_organisatie,
    besluittype: r.besluittype,
    zaak: r.zaak,
    zaakId: r.zaak_id,
    datum: r.datum,
    ingangsdatum: r.ingangsdatum,
    vervaldatum: r.vervaldatum,
    vervalreden: r.vervalreden,
    publicatiedatum: r.publicatiedatum,
    verzenddatum: r.verzenddatum,
    uiterlijkeReactiedatum: r.uiterlijke_reactiedatum,
    toelichting: r.toelichting,
    bestuursorgaan: r.bestuursorgaan,
  };
}

export function toRow(b: BesluitRecord): BesluitRow {
  return {
    id: b.id,
    organisation_id: b.organisationId,
    identificatie: b.identificatie,
    verantwoordelijke_organisatie: b.verantwoordelijkeOrganisatie,
    besluittype: b.besluittype,
    zaak: b.zaak,
    zaak_id: b.zaakId,
    datum: b.datum,
    ingangsdatum: b.ingangsdatum,
    vervaldatum: b.vervaldatum,
    vervalreden: b.vervalreden,
    publicatiedatum: b.publicatiedatum,
    verzenddatum: b.verzenddatum,
    uiterlijke_reactiedatum: b.uiterlijkeReactiedatum,
    toelichting: b.toelichting,
    bestuursorgaan: b.bestuursorgaan,
  };
}

const VERVALREDEN: Record<string, string> = {
  tijdelijk: 'Besluit met tijdelijke werking',
  ingetrokken_overheid: 'Besluit ingetrokken door overheid',
  ingetrokken_belanghebbende: 'Besluit ingetrokken o.v.v. belanghebbende',
};

export const besluitUrl = (baseUrl: string, id: string) => resourceUrl(baseUrl, 'besluiten', 'besluiten', id);
export const bioUrl = (baseUrl: string, id: string) =>
  resourceUrl(baseUrl, 'besluiten', 'besluitinformatieobjecten', id);

/** The Besluit resource of the ZGW Besluiten API 1.1.0. */
export function besluitJson(baseUrl: string, b: BesluitRecord) {
  return {
    url: besluitUrl(baseUrl, b.id),
    identificatie: b.identificatie,
    verantwoordelijkeOrganisatie: b.verantwoordelijkeOrganisatie,
    besluittype: b.besluittype,
    zaak: b.zaak,
    datum: b.datum,
    toelichting: b.toelichting,
    bestuursorgaan: b.bestuursorgaan,
    ingangsdatum: b.ingangsdatum,
    vervaldatum: b.vervaldatum,
    vervalreden: b.vervalreden,
    vervalredenWeergave: VERVALREDEN[b.vervalreden] ?? '',
    publicatiedatum: b.publicatiedatum,
    verzenddatum: b.verzenddatum,
    uiterlijkeReactiedatum: b.uiterlijkeReactiedatum,
  };
}
export type BesluitJson = ReturnType<typeof besluitJson>;

export interface BioRecord {
  id: string;
  besluitId: string;
  informatieobject: string;
}

/** The BesluitInformatieObject resource. */
export function bioJson(baseUrl: string, r: BioRecord) {
  return {
    url: bioUrl(baseUrl, r.id),
    informatieobject: r.informatieobject,
    besluit: besluitUrl(baseUrl, r.besluitId),
  };
}

/** One besluit by id (optionally locked for the rest of the transaction), or null. */
export async function loadBesluit(db: Conn, id: string, forUpdate = false): Promise<BesluitRecord | null> {
  let q = t(db).selectFrom('brc_besluit').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row ? toRecord(row) : null;
}

export async function loadBio(db: Conn, id: string): Promise<BioRecord | null> {
  const row = await t(db)
    .selectFrom('brc_besluit_informatieobject')
    .select(['id', 'besluit_id', 'informatieobject'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? { id: row.id, besluitId: row.besluit_id, informatieobject: row.informatieobject } : null;
}

/** The besluiten of a zaak in this Loket, oldest first. */
export async function besluitenOfZaak(db: Conn, zaakId: string): Promise<BesluitRecord[]> {
  const rows = await t(db)
    .selectFrom('brc_besluit')
    .selectAll()
    .where('zaak_id', '=', zaakId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toRecord);
}
