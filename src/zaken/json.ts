import { resourceUrl } from '../zgw/urls.ts';

export type Row = Record<string, unknown>;

/** ZGW fields kept in `data` (the rest are columns). */
export const DATA_FIELDS = [
  'omschrijving',
  'toelichting',
  'einddatumGepland',
  'uiterlijkeEinddatumAfdoening',
  'publicatiedatum',
  'communicatiekanaal',
  'productenOfDiensten',
  'betalingsindicatie',
  'laatsteBetaaldatum',
  'zaakgeometrie',
  'verlenging',
  'opschorting',
  'selectielijstklasse',
  'hoofdzaak',
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

export const zaakUrl = (baseUrl: string, id: string) => resourceUrl(baseUrl, 'zaken', 'zaken', id);

/** The Zaak resource of the ZGW Zaken API 1.5.1. */
export function zaakJson(baseUrl: string, r: Row, rollen: string[] = []) {
  const d = (r.data ?? {}) as Record<string, unknown>;
  const betalingsindicatie = (d.betalingsindicatie as string | undefined) ?? '';
  return {
    url: zaakUrl(baseUrl, r.id as string),
    uuid: r.id as string,
    identificatie: r.identificatie as string,
    bronorganisatie: r.bronorganisatie as string,
    omschrijving: (d.omschrijving as string) ?? '',
    toelichting: (d.toelichting as string) ?? '',
    zaaktype: r.zaaktype as string,
    registratiedatum: r.registratiedatum as string,
    verantwoordelijkeOrganisatie: r.verantwoordelijke_organisatie as string,
    startdatum: r.startdatum as string,
    einddatum: (r.einddatum as string | null) ?? null,
    einddatumGepland: d.einddatumGepland ?? null,
    uiterlijkeEinddatumAfdoening: d.uiterlijkeEinddatumAfdoening ?? null,
    publicatiedatum: d.publicatiedatum ?? null,
    communicatiekanaal: d.communicatiekanaal ?? '',
    productenOfDiensten: d.productenOfDiensten ?? [],
    vertrouwelijkheidaanduiding: r.vertrouwelijkheidaanduiding as string,
    betalingsindicatie,
    betalingsindicatieWeergave: BETALING[betalingsindicatie] ?? '',
    laatsteBetaaldatum: d.laatsteBetaaldatum ?? null,
    zaakgeometrie: d.zaakgeometrie ?? null,
    verlenging: d.verlenging ?? null,
    opschorting: d.opschorting ?? { indicatie: false, reden: '' },
    selectielijstklasse: d.selectielijstklasse ?? '',
    hoofdzaak: d.hoofdzaak ?? null,
    deelzaken: [],
    relevanteAndereZaken: d.relevanteAndereZaken ?? [],
    eigenschappen: [],
    rollen,
    status: r.status_id ? resourceUrl(baseUrl, 'zaken', 'statussen', r.status_id as string) : null,
    zaakinformatieobjecten: [],
    zaakobjecten: [],
    kenmerken: d.kenmerken ?? [],
    archiefnominatie: (r.archiefnominatie as string | null) ?? null,
    archiefstatus: r.archiefstatus as string,
    archiefactiedatum: (r.archiefactiedatum as string | null) ?? null,
    resultaat: r.resultaat_id ? resourceUrl(baseUrl, 'zaken', 'resultaten', r.resultaat_id as string) : null,
    opdrachtgevendeOrganisatie: d.opdrachtgevendeOrganisatie ?? '',
    processobjectaard: d.processobjectaard ?? '',
    startdatumBewaartermijn: d.startdatumBewaartermijn ?? null,
    processobject: d.processobject ?? null,
  };
}
