import { resourceUrl } from '../zgw/urls.ts';
import type { ZaakRow } from './store.ts';

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

/** The URLs of a zaak's parts, from the id arrays on its row (kept by triggers, doc.ts). */
export function partsOfRow(baseUrl: string, r: ZaakRow): ZaakParts {
  const urls = (ids: string[] | undefined, url: (id: string) => string) => (ids ?? []).map(url);
  return {
    rollen: urls(r.rol_ids, (id) => partUrl(baseUrl, 'rollen', id)),
    eigenschappen: urls(r.eigenschap_ids, (id) => `${zaakUrl(baseUrl, r.id)}/zaakeigenschappen/${id}`),
    zaakobjecten: urls(r.zaakobject_ids, (id) => partUrl(baseUrl, 'zaakobjecten', id)),
    zaakinformatieobjecten: urls(r.zio_ids, (id) => partUrl(baseUrl, 'zaakinformatieobjecten', id)),
    deelzaken: urls(r.deelzaak_ids, (id) => zaakUrl(baseUrl, id)),
  };
}

export type ZaakJson = ReturnType<typeof zaakJson>;

/** The Zaak resource of the ZGW Zaken API 1.5.1. */
export function zaakJson(baseUrl: string, r: ZaakRow) {
  const parts = partsOfRow(baseUrl, r);
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
