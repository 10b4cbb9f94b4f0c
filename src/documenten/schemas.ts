import { type TSchema, Type } from 'typebox';
import { VERTROUWELIJKHEID } from '../authz/policy.ts';
import { choice, choiceOrBlank, nullable, str } from '../catalog/schemas.ts';
import { PageQuery } from '../zgw/pagination.ts';

export const STATUSSEN = [
  'in_bewerking',
  'concept',
  'definitief',
  'ter_vaststelling',
  'vastgesteld',
  'gearchiveerd',
] as const;
const ALGORITMEN = [
  'crc_16',
  'crc_32',
  'crc_64',
  'fletcher_4',
  'fletcher_8',
  'fletcher_16',
  'fletcher_32',
  'hmac',
  'md5',
  'sha_1',
  'sha_256',
  'sha_512',
  'sha_3',
] as const;

const date = (description?: string) => Type.String({ format: 'date', description });
const url = (maxLength: number, description?: string) =>
  Type.String({ format: 'uri', maxLength, description });
const opt = <T extends TSchema>(s: T) => Type.Optional(s);

export const Ondertekening = Type.Object({
  soort: choiceOrBlank(['analoog', 'digitaal', 'pki'] as const, 'Aanduiding van de wijze van ondertekening.'),
  datum: nullable(date('De datum waarop de ondertekening van het INFORMATIEOBJECT heeft plaatsgevonden.')),
});
export const Integriteit = Type.Object({
  algoritme: choiceOrBlank(ALGORITMEN, 'Aanduiding van algoritme, gebruikt om de checksum te maken.'),
  waarde: str(128, 'De waarde van de checksum.'),
  datum: nullable(date('Datum waarop de checksum is gemaakt.')),
});

/** The writable fields of an EnkelvoudigInformatieObject; `required` lists those POST and PUT demand. */
const eioFields = {
  identificatie: opt(
    str(40, 'Een binnen een gegeven context ondubbelzinnige referentie naar het INFORMATIEOBJECT.'),
  ),
  bronorganisatie: Type.String({
    minLength: 1,
    maxLength: 9,
    description: 'Het RSIN van de bronorganisatie.',
  }),
  creatiedatum: date('Een datum of een gebeurtenis in de levenscyclus van het INFORMATIEOBJECT.'),
  titel: Type.String({
    minLength: 1,
    maxLength: 200,
    description: 'De naam waaronder het INFORMATIEOBJECT formeel bekend is.',
  }),
  vertrouwelijkheidaanduiding: opt(
    choiceOrBlank(
      VERTROUWELIJKHEID,
      'Aanduiding van de mate waarin het INFORMATIEOBJECT voor de openbaarheid bestemd is.',
    ),
  ),
  auteur: Type.String({
    minLength: 1,
    maxLength: 200,
    description: 'De persoon of organisatie die de inhoud maakte.',
  }),
  status: opt(choiceOrBlank(STATUSSEN, 'Aanduiding van de stand van zaken van een INFORMATIEOBJECT.')),
  formaat: opt(str(255, 'Het "Media Type" van de inhoud.')),
  taal: Type.String({ minLength: 3, maxLength: 3, description: 'ISO 639-2/B taalcode, bijvoorbeeld `dut`.' }),
  bestandsnaam: opt(str(255, 'De naam van het bestand, met extensie.')),
  inhoud: opt(nullable(Type.String({ description: 'Binaire inhoud, in base64 geëncodeerd.' }))),
  bestandsomvang: opt(
    nullable(Type.Integer({ minimum: 0, description: 'Aantal bytes dat de inhoud in beslag neemt.' })),
  ),
  link: opt(Type.Union([url(200, 'De URL waarmee de inhoud op te vragen is.'), Type.Literal('')])),
  beschrijving: opt(str(1000, 'Een generieke beschrijving van de inhoud van het INFORMATIEOBJECT.')),
  ontvangstdatum: opt(nullable(date('**DEPRECATED** De datum waarop het INFORMATIEOBJECT ontvangen is.'))),
  verzenddatum: opt(nullable(date('**DEPRECATED** De datum waarop het INFORMATIEOBJECT verzonden is.'))),
  indicatieGebruiksrecht: opt(
    nullable(Type.Boolean({ description: 'Indicatie of er gebruiksrechten gelden.' })),
  ),
  verschijningsvorm: opt(
    Type.String({ description: 'De essentiële opmaakaspecten van een INFORMATIEOBJECT.' }),
  ),
  ondertekening: opt(nullable(Ondertekening)),
  integriteit: opt(nullable(Integriteit)),
  informatieobjecttype: url(200, 'URL-referentie naar het INFORMATIEOBJECTTYPE (in de Catalogi API).'),
  trefwoorden: opt(
    nullable(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { description: 'Trefwoorden.' })),
  ),
  inhoudIsVervallen: opt(nullable(Type.Boolean({ description: 'Of de inhoud vervallen is.' }))),
};
const lock = Type.String({
  minLength: 1,
  description: 'De lock van het document (verplicht bij PUT en PATCH).',
});

export const EioCreateBody = Type.Object(eioFields);
export const EioUpdateBody = Type.Object({ ...eioFields, lock });
export const EioPatchBody = Type.Partial(Type.Object({ ...eioFields, lock }));

const bestandsdeel = Type.Object({
  url: Type.String({ format: 'uri' }),
  volgnummer: Type.Integer(),
  omvang: Type.Integer(),
  voltooid: Type.Boolean(),
  lock: Type.String(),
});
export const BestandsDeel = bestandsdeel;

const { inhoud: _inhoud, ...readable } = eioFields;
export const Eio = Type.Object({
  url: Type.String({ format: 'uri' }),
  ...readable,
  identificatie: Type.String(),
  vertrouwelijkheidaanduiding: Type.String(),
  status: Type.String(),
  versie: Type.Integer(),
  beginRegistratie: Type.String({ format: 'date-time' }),
  inhoud: nullable(Type.String({ format: 'uri', description: 'Download URL van de binaire inhoud.' })),
  locked: Type.Boolean(),
  bestandsdelen: Type.Array(bestandsdeel),
});

export const EioListQuery = Type.Object({
  identificatie: opt(Type.String()),
  bronorganisatie: opt(Type.String()),
  trefwoorden: opt(
    Type.String({ description: 'Trefwoorden, gescheiden door komma’s; alle moeten voorkomen.' }),
  ),
  expand: opt(Type.String()),
  page: PageQuery,
});
export const EioReadQuery = Type.Object({
  versie: opt(
    Type.Integer({ minimum: 1, description: 'Het (automatische) versienummer van het INFORMATIEOBJECT.' }),
  ),
  registratieOp: opt(
    Type.String({ description: 'Een datumtijd in ISO8601-formaat: de versie die toen gold.' }),
  ),
  expand: opt(Type.String()),
});
export const ZoekBody = Type.Object({
  uuid__in: opt(Type.Array(Type.String())),
  uuid_In: opt(Type.Array(Type.String())),
  identificatie: opt(Type.String()),
  bronorganisatie: opt(Type.String()),
  expand: opt(Type.String()),
});

export const Gebruiksrechten = Type.Object({
  url: Type.String({ format: 'uri' }),
  informatieobject: Type.String({ format: 'uri' }),
  startdatum: Type.String(),
  einddatum: nullable(Type.String()),
  omschrijvingVoorwaarden: Type.String(),
});
const gebruiksrechtenFields = {
  informatieobject: Type.String({ format: 'uri', description: 'URL-referentie naar het INFORMATIEOBJECT.' }),
  startdatum: Type.String({
    description: 'Begindatum van de periode waarin de gebruiksrechtvoorwaarden gelden.',
  }),
  einddatum: opt(nullable(Type.String({ description: 'Einddatum van de periode.' }))),
  omschrijvingVoorwaarden: Type.String({
    minLength: 1,
    description: 'Omschrijving van de van toepassing zijnde voorwaarden.',
  }),
};
export const GebruiksrechtenBody = Type.Object(gebruiksrechtenFields);
export const GebruiksrechtenPatch = Type.Partial(Type.Object(gebruiksrechtenFields));
const dateFilter = opt(Type.String());
export const GebruiksrechtenQuery = Type.Object({
  informatieobject: opt(Type.String()),
  startdatum__lt: dateFilter,
  startdatum__lte: dateFilter,
  startdatum__gt: dateFilter,
  startdatum__gte: dateFilter,
  einddatum__lt: dateFilter,
  einddatum__lte: dateFilter,
  einddatum__gt: dateFilter,
  einddatum__gte: dateFilter,
  expand: opt(Type.String()),
});

export const ObjectInformatieObject = Type.Object({
  url: Type.String({ format: 'uri' }),
  informatieobject: Type.String({ format: 'uri' }),
  object: Type.String({ format: 'uri' }),
  objectType: Type.String(),
});
export const ObjectInformatieObjectBody = Type.Object({
  informatieobject: Type.String({ format: 'uri', description: 'URL-referentie naar het INFORMATIEOBJECT.' }),
  object: Type.String({
    format: 'uri',
    minLength: 1,
    maxLength: 1000,
    description: 'URL-referentie naar het OBJECT.',
  }),
  objectType: choice(['besluit', 'zaak', 'verzoek'] as const, 'Het type van het gerelateerde OBJECT.'),
});
export const ObjectInformatieObjectQuery = Type.Object({
  object: opt(Type.String()),
  informatieobject: opt(Type.String()),
  expand: opt(Type.String()),
});
