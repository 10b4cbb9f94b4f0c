import { resourceUrl } from '../zgw/urls.ts';

/** The metadata fields of an EnkelvoudigInformatieObject a client writes (stored per version in `data`). */
export const EIO_FIELDS = [
  'identificatie',
  'bronorganisatie',
  'creatiedatum',
  'titel',
  'vertrouwelijkheidaanduiding',
  'auteur',
  'status',
  'formaat',
  'taal',
  'bestandsnaam',
  'link',
  'beschrijving',
  'ontvangstdatum',
  'verzenddatum',
  'indicatieGebruiksrecht',
  'verschijningsvorm',
  'ondertekening',
  'integriteit',
  'informatieobjecttype',
  'trefwoorden',
  'inhoudIsVervallen',
] as const;

/** What a field is when a client leaves it out (the reference implementation's defaults). */
export const EIO_DEFAULTS: Record<string, unknown> = {
  identificatie: '',
  status: '',
  formaat: '',
  bestandsnaam: '',
  link: '',
  beschrijving: '',
  ontvangstdatum: null,
  verzenddatum: null,
  indicatieGebruiksrecht: null,
  verschijningsvorm: '',
  ondertekening: { soort: '', datum: null },
  integriteit: { algoritme: '', waarde: '', datum: null },
  trefwoorden: [],
  inhoudIsVervallen: false,
};

export type DocumentenResource =
  | 'enkelvoudiginformatieobjecten'
  | 'bestandsdelen'
  | 'gebruiksrechten'
  | 'objectinformatieobjecten'
  | 'verzendingen';

export const drcUrl = (baseUrl: string, resource: DocumentenResource, id: string): string =>
  resourceUrl(baseUrl, 'documenten', resource, id);

export interface EioRow {
  id: string;
  versie: number;
  lock: string;
}
export interface VersionRow {
  versie: number;
  begin_registratie: string | Date;
  content_key: string | null;
  bestandsomvang: number | string | null;
  data: Record<string, unknown>;
}
export interface PartRow {
  id: string;
  volgnummer: number;
  omvang: number | string;
  content_key: string | null;
}

/** One bestandsdeel as it appears in a document's `bestandsdelen`. */
export function partJson(baseUrl: string, part: PartRow, lock: string) {
  return {
    url: drcUrl(baseUrl, 'bestandsdelen', part.id),
    volgnummer: part.volgnummer,
    omvang: Number(part.omvang),
    voltooid: part.content_key !== null,
    lock,
  };
}

/** The EnkelvoudigInformatieObject JSON of one version of a document. */
export function eioJson(baseUrl: string, eio: EioRow, version: VersionRow, parts: PartRow[] = []) {
  const url = drcUrl(baseUrl, 'enkelvoudiginformatieobjecten', eio.id);
  const d = version.data;
  const field = <T = unknown>(name: string) => (name in d ? d[name] : (EIO_DEFAULTS[name] ?? null)) as T;
  return {
    url,
    identificatie: field<string>('identificatie'),
    bronorganisatie: field<string>('bronorganisatie'),
    creatiedatum: field<string>('creatiedatum'),
    titel: field<string>('titel'),
    vertrouwelijkheidaanduiding: field<string>('vertrouwelijkheidaanduiding'),
    auteur: field<string>('auteur'),
    status: field<string>('status'),
    formaat: field<string>('formaat'),
    taal: field<string>('taal'),
    versie: version.versie,
    beginRegistratie: new Date(version.begin_registratie).toISOString(),
    bestandsnaam: field<string>('bestandsnaam'),
    inhoud: version.content_key === null ? null : `${url}/download?versie=${version.versie}`,
    bestandsomvang: version.bestandsomvang === null ? null : Number(version.bestandsomvang),
    link: field<string>('link'),
    beschrijving: field<string>('beschrijving'),
    ontvangstdatum: field<string | null>('ontvangstdatum'),
    verzenddatum: field<string | null>('verzenddatum'),
    indicatieGebruiksrecht: field<boolean | null>('indicatieGebruiksrecht'),
    verschijningsvorm: field<string>('verschijningsvorm'),
    ondertekening: field('ondertekening'),
    integriteit: field('integriteit'),
    informatieobjecttype: field<string>('informatieobjecttype'),
    locked: eio.lock !== '',
    bestandsdelen: parts.map((p) => partJson(baseUrl, p, eio.lock)),
    trefwoorden: field<string[] | null>('trefwoorden'),
    inhoudIsVervallen: field<boolean | null>('inhoudIsVervallen'),
  };
}

export type EioJson = ReturnType<typeof eioJson>;
