import { sql } from 'kysely';
import { resourceUrl } from '../zgw/urls.ts';
import type { Conn, ZaakRow } from './store.ts';

/** The ZGW shape (Zaken API 1.5.1) of Loket's zaak and the URLs of its parts. */

export const zaakUrl = (baseUrl: string, id: string) => resourceUrl(baseUrl, 'zaken', 'zaken', id);
export const partUrl = (baseUrl: string, resource: string, id: string) =>
  resourceUrl(baseUrl, 'zaken', resource, id);

/** ZGW fields kept in `data` (the rest are columns). */
export const DATA_FIELDS = [
  'omschrijving',
  'toelichting',
  'communicatiekanaal',
  'productenOfDiensten',
  'betalingsindicatie',
  'laatsteBetaaldatum',
  'zaakgeometrie',
  'verlenging',
  'opschorting',
  'selectielijstklasse',
  'relevanteAndereZaken',
  'kenmerken',
  'opdrachtgevendeOrganisatie',
  'processobjectaard',
  'startdatumBewaartermijn',
  'processobject',
] as const;

const BETALING: Record<string, string> = {
  '': '',
  nvt: 'Er is geen sprake van te betalen, met de zaak gemoeide, kosten.',
  nog_niet: 'De met de zaak gemoeide kosten zijn (nog) niet betaald.',
  gedeeltelijk: 'De met de zaak gemoeide kosten zijn gedeeltelijk betaald.',
  geheel: 'De met de zaak gemoeide kosten zijn geheel betaald.',
};

/** The URLs of a zaak's parts that its JSON lists. */
export interface ZaakParts {
  rollen: string[];
  eigenschappen: string[];
  zaakobjecten: string[];
  zaakinformatieobjecten: string[];
  deelzaken: string[];
}

export const NO_PARTS: ZaakParts = {
  rollen: [],
  eigenschappen: [],
  zaakobjecten: [],
  zaakinformatieobjecten: [],
  deelzaken: [],
};

export type ZaakJson = ReturnType<typeof zaakJson>;

/** The Zaak resource of the ZGW Zaken API 1.5.1. */
export function zaakJson(baseUrl: string, r: ZaakRow, parts: ZaakParts = NO_PARTS) {
  const d = r.data ?? {};
  const betalingsindicatie = (d.betalingsindicatie as string | undefined) ?? '';
  return {
    url: zaakUrl(baseUrl, r.id),
    uuid: r.id,
    identificatie: r.identificatie,
    bronorganisatie: r.bronorganisatie,
    omschrijving: (d.omschrijving as string) ?? '',
    toelichting: (d.toelichting as string) ?? '',
    zaaktype: r.zaaktype,
    registratiedatum: r.registratiedatum,
    verantwoordelijkeOrganisatie: r.verantwoordelijke_organisatie,
    startdatum: r.startdatum,
    einddatum: r.einddatum ?? null,
    einddatumGepland: r.einddatum_gepland ?? null,
    uiterlijkeEinddatumAfdoening: r.uiterlijke_einddatum_afdoening ?? null,
    publicatiedatum: r.publicatiedatum ?? null,
    communicatiekanaal: (d.communicatiekanaal as string) ?? '',
    productenOfDiensten: (d.productenOfDiensten as string[]) ?? [],
    vertrouwelijkheidaanduiding: r.vertrouwelijkheidaanduiding,
    betalingsindicatie,
    betalingsindicatieWeergave: BETALING[betalingsindicatie] ?? '',
    laatsteBetaaldatum: (d.laatsteBetaaldatum as string | null) ?? null,
    zaakgeometrie: d.zaakgeometrie ?? null,
    verlenging: d.verlenging ?? null,
    opschorting: d.opschorting ?? { indicatie: false, reden: '' },
    selectielijstklasse: (d.selectielijstklasse as string) ?? '',
    hoofdzaak: r.hoofdzaak_id ? zaakUrl(baseUrl, r.hoofdzaak_id) : null,
    deelzaken: parts.deelzaken,
    relevanteAndereZaken: (d.relevanteAndereZaken as { url: string; aardRelatie: string }[]) ?? [],
    eigenschappen: parts.eigenschappen,
    rollen: parts.rollen,
    status: r.status_id ? partUrl(baseUrl, 'statussen', r.status_id) : null,
    zaakinformatieobjecten: parts.zaakinformatieobjecten,
    zaakobjecten: parts.zaakobjecten,
    kenmerken: (d.kenmerken as unknown[]) ?? [],
    archiefnominatie: r.archiefnominatie ?? null,
    archiefstatus: r.archiefstatus,
    archiefactiedatum: r.archiefactiedatum ?? null,
    resultaat: r.resultaat_id ? partUrl(baseUrl, 'resultaten', r.resultaat_id) : null,
    opdrachtgevendeOrganisatie: (d.opdrachtgevendeOrganisatie as string) ?? '',
    processobjectaard: (d.processobjectaard as string) ?? '',
    startdatumBewaartermijn: (d.startdatumBewaartermijn as string | null) ?? null,
    processobject: d.processobject ?? null,
  };
}

/** The parts of many zaken at once (one query), for a list page or one detail. */
export async function partsOf(db: Conn, baseUrl: string, ids: string[]): Promise<Map<string, ZaakParts>> {
  const parts = new Map<string, ZaakParts>();
  if (ids.length === 0) return parts;
  for (const id of ids)
    parts.set(id, {
      rollen: [],
      eigenschappen: [],
      zaakobjecten: [],
      zaakinformatieobjecten: [],
      deelzaken: [],
    });
  const list = sql.join(ids.map((id) => sql`${id}::uuid`));
  const { rows } = await sql<{ zaak_id: string; kind: string; id: string }>`
    select zaak_id, 'rol' as kind, id, created_at from zrc_rol where zaak_id in (${list})
    union all
    select zaak_id, kind, id, created_at from zrc_zaak_child
      where zaak_id in (${list}) and kind in ('zaakeigenschap', 'zaakobject', 'zaakinformatieobject')
    union all
    select hoofdzaak_id as zaak_id, 'deelzaak' as kind, id, created_at from zrc_zaak where hoofdzaak_id in (${list})
    order by created_at, id`.execute(db);
  for (const r of rows) {
    const p = parts.get(r.zaak_id);
    if (!p) continue;
    if (r.kind === 'rol') p.rollen.push(partUrl(baseUrl, 'rollen', r.id));
    else if (r.kind === 'zaakeigenschap')
      p.eigenschappen.push(`${zaakUrl(baseUrl, r.zaak_id)}/zaakeigenschappen/${r.id}`);
    else if (r.kind === 'zaakobject') p.zaakobjecten.push(partUrl(baseUrl, 'zaakobjecten', r.id));
    else if (r.kind === 'zaakinformatieobject')
      p.zaakinformatieobjecten.push(partUrl(baseUrl, 'zaakinformatieobjecten', r.id));
    else p.deelzaken.push(zaakUrl(baseUrl, r.id));
  }
  return parts;
}

/** The URLs of a zaak's parts from their ids (a list page reads the ids with its rows, list.ts). */
export function partsFromIds(
  baseUrl: string,
  zaakId: string,
  ids: { [K in keyof ZaakParts]: string[] },
): ZaakParts {
  return {
    rollen: ids.rollen.map((id) => partUrl(baseUrl, 'rollen', id)),
    eigenschappen: ids.eigenschappen.map((id) => `${zaakUrl(baseUrl, zaakId)}/zaakeigenschappen/${id}`),
    zaakobjecten: ids.zaakobjecten.map((id) => partUrl(baseUrl, 'zaakobjecten', id)),
    zaakinformatieobjecten: ids.zaakinformatieobjecten.map((id) =>
      partUrl(baseUrl, 'zaakinformatieobjecten', id),
    ),
    deelzaken: ids.deelzaken.map((id) => zaakUrl(baseUrl, id)),
  };
}

/** One zaak in its ZGW shape, with its parts. */
export async function fullZaakJson(db: Conn, baseUrl: string, row: ZaakRow): Promise<ZaakJson> {
  return zaakJson(baseUrl, row, (await partsOf(db, baseUrl, [row.id])).get(row.id));
}
