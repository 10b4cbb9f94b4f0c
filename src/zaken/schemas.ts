import { type TSchema, Type } from 'typebox';
import {
  body,
  choice,
  choiceOrBlank,
  date,
  nullable,
  OBJECTTYPEN,
  optional,
  str,
  url,
  VERTROUWELIJKHEIDAANDUIDING,
} from '../catalog/schemas.ts';
import { PageQuery } from '../zgw/pagination.ts';

/** Request schemas of the Zaken API 1.5.1 (validation and the OpenAPI document). */

/**
 * An ISO 8601 date-time, with or without offset: the reference implementation (Django REST framework)
 * accepts `2018-04-20T13:37:00`, and the public suite sends it; Loket reads it as UTC (`parseDateTime`).
 * JSON Schema's `date-time` format demands an offset, hence the pattern.
 */
export const DATE_TIME_PATTERN =
  '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])[Tt ]([01]\\d|2[0-3]):[0-5]\\d(:[0-5]\\d(\\.\\d+)?)?([Zz]|[+-]([01]\\d|2[0-3]):?[0-5]\\d)?$';
const dateTime = (description?: string) =>
  Type.String({
    pattern: DATE_TIME_PATTERN,
    description: `${description ?? ''} (ISO 8601 date-time; without offset read as UTC)`.trim(),
  });
const rsin = (description: string) => str(9, description);
const anyObject = Type.Record(Type.String(), Type.Unknown());

export const ARCHIEFNOMINATIE = ['blijvend_bewaren', 'vernietigen'] as const;
export const ARCHIEFSTATUS = [
  'nog_te_archiveren',
  'gearchiveerd',
  'gearchiveerd_procestermijn_onbekend',
  'overgedragen',
] as const;
export const BETALINGSINDICATIE = ['nvt', 'nog_niet', 'gedeeltelijk', 'geheel'] as const;
export const BETROKKENE_TYPEN = [
  'natuurlijk_persoon',
  'niet_natuurlijk_persoon',
  'vestiging',
  'organisatorische_eenheid',
  'medewerker',
] as const;

const zaakFields = {
  identificatie: str(
    40,
    'De unieke identificatie van de ZAAK binnen de organisatie die verantwoordelijk is voor de behandeling van de ZAAK.',
  ),
  bronorganisatie: rsin(
    'Het RSIN van de Niet-natuurlijk persoon zijnde de organisatie die de zaak heeft gecreeerd.',
  ),
  omschrijving: str(80, 'Een korte omschrijving van de zaak.'),
  toelichting: str(1000, 'Een toelichting op de zaak.'),
  zaaktype: url('URL-referentie naar het ZAAKTYPE (in de Catalogi API).'),
  registratiedatum: date('De datum waarop de zaakbehandelende organisatie de ZAAK heeft geregistreerd.'),
  verantwoordelijkeOrganisatie: rsin(
    'Het RSIN van de organisatie die eindverantwoordelijk is voor de behandeling van de zaak.',
  ),
  startdatum: date('De datum waarop met de uitvoering van de zaak is gestart.'),
  einddatumGepland: nullable(
    date('De datum waarop volgens de planning verwacht wordt dat de zaak afgerond wordt.'),
  ),
  uiterlijkeEinddatumAfdoening: nullable(
    date('De laatste datum waarop volgens wet- en regelgeving de zaak afgerond dient te zijn.'),
  ),
  publicatiedatum: nullable(date('Datum waarop (het starten van) de zaak gepubliceerd is of wordt.')),
  communicatiekanaal: Type.Union([
    url('Het medium waarlangs de aanleiding om een zaak te starten is ontvangen.'),
    Type.Literal(''),
  ]),
  productenOfDiensten: Type.Array(Type.String({ format: 'uri', maxLength: 1000 }), {
    description: 'De producten en/of diensten die door de zaak worden voortgebracht.',
  }),
  vertrouwelijkheidaanduiding: VERTROUWELIJKHEIDAANDUIDING,
  betalingsindicatie: choiceOrBlank(
    BETALINGSINDICATIE,
    'Indicatie of de, met behandeling van de zaak gemoeide, kosten betaald zijn door de desbetreffende betrokkene.',
  ),
  laatsteBetaaldatum: nullable(
    dateTime(
      'De datum waarop de meest recente betaling is verwerkt van kosten die gemoeid zijn met behandeling van de zaak.',
    ),
  ),
  zaakgeometrie: nullable(
    Type.Object(
      { type: Type.String() },
      { description: 'Punt, lijn of (multi-)vlak geometrie-informatie, in GeoJSON.' },
    ),
  ),
  verlenging: nullable(
    Type.Object(
      { reden: optional(str(200)), duur: optional(Type.String({ format: 'duration' })) },
      { description: 'Gegevens omtrent het verlengen van de doorlooptijd van de behandeling van de ZAAK' },
    ),
  ),
  opschorting: nullable(
    Type.Object(
      { indicatie: optional(Type.Boolean()), reden: optional(str(200)) },
      { description: 'Gegevens omtrent het tijdelijk opschorten van de behandeling van de ZAAK' },
    ),
  ),
  selectielijstklasse: Type.Union([
    url('URL-referentie naar de categorie in de gehanteerde selectielijst.'),
    Type.Literal(''),
  ]),
  hoofdzaak: nullable(
    url(
      'URL-referentie naar de ZAAK, waarom verzocht is door de initiator daarvan, die behandeld wordt in twee of meer separate ZAAKen.',
    ),
  ),
  relevanteAndereZaken: Type.Array(
    Type.Object({ url: url(), aardRelatie: choice(['vervolg', 'onderwerp', 'bijdrage'] as const) }),
    { description: 'Een lijst van relevante andere zaken.' },
  ),
  kenmerken: Type.Array(Type.Object({ kenmerk: str(40), bron: str(40) }), {
    description:
      'Lijst van kenmerken. Merk op dat refereren naar gerelateerde objecten beter kan via `ZaakObject`.',
  }),
  archiefnominatie: nullable(
    choice(
      ARCHIEFNOMINATIE,
      'Aanduiding of het zaakdossier blijvend bewaard of na een bepaalde termijn vernietigd moet worden.',
    ),
  ),
  archiefstatus: choice(
    ARCHIEFSTATUS,
    'Aanduiding of het zaakdossier blijvend bewaard of na een bepaalde termijn vernietigd moet worden.',
  ),
  archiefactiedatum: nullable(
    date(
      'De datum waarop het gearchiveerde zaakdossier vernietigd moet worden dan wel overgebracht moet worden naar een archiefbewaarplaats.',
    ),
  ),
  opdrachtgevendeOrganisatie: str(
    9,
    'De krachtens publiekrecht ingestelde rechtspersoon dan wel ander niet-natuurlijk persoon waarbinnen het (bestuurs)orgaan zetelt dat opdracht heeft gegeven om taken uit te voeren waaraan de zaak invulling geeft.',
  ),
  processobjectaard: nullable(
    str(
      200,
      'Omschrijving van het object, subject of gebeurtenis waarop, vanuit archiveringsoptiek, de zaak betrekking heeft.',
    ),
  ),
  startdatumBewaartermijn: nullable(
    date('De datum die de start markeert van de termijn waarop het zaakdossier vernietigd moet worden.'),
  ),
  processobject: nullable(
    Type.Object({
      datumkenmerk: str(250),
      identificatie: str(250),
      objecttype: str(250),
      registratie: str(250),
    }),
  ),
};
const ZAAK_REQUIRED = ['bronorganisatie', 'verantwoordelijkeOrganisatie', 'startdatum', 'zaaktype'] as const;
export const ZaakBody = body(zaakFields, ZAAK_REQUIRED, false);
export const ZaakPatch = body(zaakFields, ZAAK_REQUIRED, true);

export const StatusBody = Type.Object({
  zaak: url('URL-referentie naar de ZAAK.'),
  statustype: url('URL-referentie naar het STATUSTYPE (in de Catalogi API).'),
  datumStatusGezet: dateTime('De datum waarop de ZAAK de status heeft verkregen.'),
  statustoelichting: optional(str(1000)),
  gezetdoor: optional(nullable(url('Rol die deze status gezet heeft.'))),
});

const resultaatFields = {
  zaak: url('URL-referentie naar de ZAAK.'),
  resultaattype: url('URL-referentie naar het RESULTAATTYPE (in de Catalogi API).'),
  toelichting: str(1000, 'Een toelichting op wat het resultaat van de zaak inhoudt.'),
};
export const ResultaatBody = body(resultaatFields, ['zaak', 'resultaattype'], false);
export const ResultaatPatch = body(resultaatFields, ['zaak', 'resultaattype'], true);

export const RolBody = Type.Object({
  zaak: url('URL-referentie naar de ZAAK.'),
  betrokkene: optional(Type.Union([url(), Type.Literal('')])),
  betrokkeneType: choice(BETROKKENE_TYPEN, 'Type van de `betrokkene`.'),
  afwijkendeNaamBetrokkene: optional(str(625)),
  roltype: url('URL-referentie naar een roltype binnen het ZAAKTYPE van de ZAAK.'),
  roltoelichting: str(1000),
  indicatieMachtiging: optional(choiceOrBlank(['gemachtigde', 'machtiginggever'] as const)),
  contactpersoonRol: optional(
    nullable(
      Type.Object({
        emailadres: optional(str(254)),
        functie: optional(str(50)),
        naam: str(200),
        telefoonnummer: optional(str(20)),
      }),
    ),
  ),
  betrokkeneIdentificatie: optional(nullable(anyObject)),
});

const zaakobjectFields = {
  zaak: url('URL-referentie naar de ZAAK.'),
  object: Type.Union([url('URL-referentie naar de resource die het OBJECT beschrijft.'), Type.Literal('')]),
  zaakobjecttype: Type.Union([
    url('URL-referentie naar het ZAAKOBJECTTYPE (in de Catalogi API).'),
    Type.Literal(''),
  ]),
  objectType: choice(OBJECTTYPEN, 'Beschrijft het type OBJECT gerelateerd aan de ZAAK.'),
  objectTypeOverige: str(100),
  objectTypeOverigeDefinitie: nullable(anyObject),
  relatieomschrijving: str(80),
  objectIdentificatie: nullable(anyObject),
};
export const ZaakObjectBody = body(zaakobjectFields, ['zaak', 'objectType'], false);
export const ZaakObjectPatch = body(zaakobjectFields, ['zaak', 'objectType'], true);

const zioFields = {
  informatieobject: url('URL-referentie naar het INFORMATIEOBJECT (in de Documenten API).'),
  zaak: url('URL-referentie naar de ZAAK.'),
  titel: str(200),
  beschrijving: Type.String(),
  vernietigingsdatum: nullable(dateTime()),
  status: nullable(
    url('De bij de desbetreffende ZAAK behorende STATUS waarvoor het ZAAK-INFORMATIEOBJECT relevant is.'),
  ),
};
export const ZioBody = body(zioFields, ['informatieobject', 'zaak'], false);
export const ZioPatch = body(zioFields, ['informatieobject', 'zaak'], true);

const eigenschapFields = {
  zaak: url('URL-referentie naar de ZAAK.'),
  eigenschap: url('URL-referentie naar de EIGENSCHAP (in de Catalogi API).'),
  waarde: Type.String(),
};
export const ZaakEigenschapBody = body(eigenschapFields, ['zaak', 'eigenschap', 'waarde'], false);
export const ZaakEigenschapPatch = body(eigenschapFields, ['zaak', 'eigenschap', 'waarde'], true);

export const KlantContactBody = Type.Object({
  zaak: url('URL-referentie naar de ZAAK.'),
  identificatie: optional(str(14)),
  datumtijd: dateTime('De datum en het tijdstip waarop het KLANTCONTACT begint'),
  kanaal: optional(str(20)),
  onderwerp: optional(str(200)),
  toelichting: optional(str(1000)),
});

const refBody = (field: string, description: string): TSchema =>
  Type.Object({ zaak: url('URL-referentie naar de ZAAK.'), [field]: url(description) });
export const ZaakContactMomentBody = refBody(
  'contactmoment',
  'URL-referentie naar het CONTACTMOMENT (in de KCC API)',
);
export const ZaakVerzoekBody = refBody(
  'verzoek',
  'URL-referentie naar het VERZOEK (in de Klantinteractie API)',
);
export const ZaakBesluitBody = Type.Object({
  besluit: url('URL-referentie naar het BESLUIT (in de Besluiten API).'),
});

const filter = (description: string) => Type.Optional(Type.String({ description }));
const filterDate = (description: string) => Type.Optional(Type.String({ format: 'date', description }));

/** The filters of GET /zaken (query) and POST /zaken/_zoek (body, plus the `__in` lists and uuid__in). */
export const ZAAK_FILTERS = {
  identificatie: filter('identificatie'),
  bronorganisatie: filter('bronorganisatie'),
  bronorganisatie__in: filter('Meerdere waarden kunnen gescheiden worden door komma’s.'),
  zaaktype: filter('URL-referentie naar het ZAAKTYPE (in de Catalogi API).'),
  archiefnominatie: Type.Optional(choice(ARCHIEFNOMINATIE)),
  archiefnominatie__in: filter('Meerdere waarden kunnen gescheiden worden door komma’s.'),
  archiefactiedatum: filterDate('archiefactiedatum'),
  archiefactiedatum__lt: filterDate('archiefactiedatum'),
  archiefactiedatum__gt: filterDate('archiefactiedatum'),
  archiefactiedatum__isnull: Type.Optional(Type.Boolean()),
  archiefstatus: Type.Optional(choice(ARCHIEFSTATUS)),
  archiefstatus__in: filter('Meerdere waarden kunnen gescheiden worden door komma’s.'),
  startdatum: filterDate('startdatum'),
  startdatum__gt: filterDate('startdatum'),
  startdatum__gte: filterDate('startdatum'),
  startdatum__lt: filterDate('startdatum'),
  startdatum__lte: filterDate('startdatum'),
  registratiedatum: filterDate('registratiedatum'),
  registratiedatum__gt: filterDate('registratiedatum'),
  registratiedatum__lt: filterDate('registratiedatum'),
  einddatum: filterDate('einddatum'),
  einddatum__gt: filterDate('einddatum'),
  einddatum__lt: filterDate('einddatum'),
  einddatum__isnull: Type.Optional(Type.Boolean()),
  einddatumGepland: filterDate('einddatumGepland'),
  einddatumGepland__gt: filterDate('einddatumGepland'),
  einddatumGepland__lt: filterDate('einddatumGepland'),
  uiterlijkeEinddatumAfdoening: filterDate('uiterlijkeEinddatumAfdoening'),
  uiterlijkeEinddatumAfdoening__gt: filterDate('uiterlijkeEinddatumAfdoening'),
  uiterlijkeEinddatumAfdoening__lt: filterDate('uiterlijkeEinddatumAfdoening'),
  rol__betrokkeneType: Type.Optional(choice(BETROKKENE_TYPEN)),
  rol__betrokkene: filter('URL-referentie naar een betrokkene gerelateerd aan de ZAAK.'),
  rol__omschrijvingGeneriek: filter('Algemeen gehanteerde benaming van de aard van de ROL.'),
  maximaleVertrouwelijkheidaanduiding: Type.Optional(VERTROUWELIJKHEIDAANDUIDING),
  rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn: filter('BSN van de betrokkene.'),
  rol__betrokkeneIdentificatie__natuurlijkPersoon__anpIdentificatie: filter('anpIdentificatie'),
  rol__betrokkeneIdentificatie__natuurlijkPersoon__inpA_nummer: filter('A-nummer'),
  rol__betrokkeneIdentificatie__nietNatuurlijkPersoon__innNnpId: filter('innNnpId'),
  rol__betrokkeneIdentificatie__nietNatuurlijkPersoon__annIdentificatie: filter('annIdentificatie'),
  rol__betrokkeneIdentificatie__vestiging__vestigingsNummer: filter('vestigingsNummer'),
  rol__betrokkeneIdentificatie__medewerker__identificatie: filter('identificatie medewerker'),
  rol__betrokkeneIdentificatie__organisatorischeEenheid__identificatie: filter(
    'identificatie organisatorische eenheid',
  ),
  ordering: filter('Het veld waarop de resultaten geordend worden (startdatum, -startdatum, einddatum, …).'),
  expand: filter(
    'Haal details van gelinkte resources direct op, gescheiden met komma’s (punt-notatie voor diepere niveaus).',
  ),
};

export const ZaakQuery = Type.Object({ page: PageQuery, ...ZAAK_FILTERS });
export const ZaakReadQuery = Type.Object({ expand: ZAAK_FILTERS.expand });
export const ZaakZoekBody = Type.Object({
  ...ZAAK_FILTERS,
  uuid__in: Type.Optional(Type.Array(Type.String())),
  zaaktype__in: Type.Optional(Type.Array(Type.String())),
  bronorganisatie__in: Type.Optional(Type.Array(Type.String())),
  archiefnominatie__in: Type.Optional(Type.Array(Type.String())),
  archiefstatus__in: Type.Optional(Type.Array(Type.String())),
  zaakgeometrie: Type.Optional(anyObject),
});
export const ZoekQuery = Type.Object({ page: PageQuery });

export const UuidParams = Type.Object({
  uuid: Type.String({ description: 'Unieke resource identifier (UUID4)' }),
});
export const ZaakChildParams = Type.Object({
  zaak_uuid: Type.String({ description: 'Unieke resource identifier (UUID4)' }),
  uuid: Type.String({ description: 'Unieke resource identifier (UUID4)' }),
});
export const ZaakParams = Type.Object({
  zaak_uuid: Type.String({ description: 'Unieke resource identifier (UUID4)' }),
});
