import { Type } from 'typebox';
import { body, choiceOrBlank, date, nullable, str } from '../catalog/schemas.ts';
import { PageQuery } from '../zgw/pagination.ts';

/** Schemas of the Besluiten API 1.1.0: validation, serialisation and the OpenAPI document. */

export const VERVALREDENEN = ['tijdelijk', 'ingetrokken_overheid', 'ingetrokken_belanghebbende'] as const;

const uri = (maxLength: number, description: string) =>
  Type.String({ format: 'uri', maxLength, minLength: 1, description });
/** A URL that may also be left blank, as `zaak` may. */
const uriOrBlank = (maxLength: number, description: string) =>
  Type.Union([Type.Literal(''), Type.String({ format: 'uri', maxLength })], { description });

const EXPAND = Type.Optional(
  Type.String({
    description:
      'Haal details van gelinkte resources direct op. Scheid meerdere resources met een komma; gebruik de punt-notatie voor resources die een laag dieper liggen.',
  }),
);

const ZAAK = 'URL-referentie naar de ZAAK (in de Zaken API) waarvan dit besluit uitkomst is.';
const VERVALREDEN =
  'De omschrijving die aangeeft op grond waarvan het besluit is of komt te vervallen.\n\n* `tijdelijk` - Besluit met tijdelijke werking\n* `ingetrokken_overheid` - Besluit ingetrokken door overheid\n* `ingetrokken_belanghebbende` - Besluit ingetrokken o.v.v. belanghebbende';

const besluitFields = {
  identificatie: str(
    50,
    'Identificatie van het besluit binnen de organisatie die het besluit heeft vastgesteld. Indien deze niet opgegeven is, dan wordt die gegenereerd.',
  ),
  verantwoordelijkeOrganisatie: Type.String({
    maxLength: 9,
    minLength: 1,
    description:
      'Het RSIN van de niet-natuurlijk persoon zijnde de organisatie die het besluit heeft vastgesteld.',
  }),
  besluittype: uri(200, 'URL-referentie naar het BESLUITTYPE (in de Catalogi API).'),
  zaak: uriOrBlank(200, ZAAK),
  datum: date('De beslisdatum (AWB) van het besluit.'),
  toelichting: Type.String({ description: 'Toelichting bij het besluit.' }),
  bestuursorgaan: str(
    50,
    'Een orgaan van een rechtspersoon krachtens publiekrecht ingesteld of een persoon of college, met enig openbaar gezag bekleed onder wiens verantwoordelijkheid het besluit vastgesteld is.',
  ),
  ingangsdatum: date('Ingangsdatum van de werkingsperiode van het besluit.'),
  vervaldatum: nullable(date('Datum waarop de werkingsperiode van het besluit eindigt.')),
  vervalreden: choiceOrBlank(VERVALREDENEN, VERVALREDEN),
  publicatiedatum: nullable(date('Datum waarop het besluit gepubliceerd wordt.')),
  verzenddatum: nullable(date('Datum waarop het besluit verzonden is.')),
  uiterlijkeReactiedatum: nullable(date('De datum tot wanneer verweer tegen het besluit mogelijk is.')),
};
const REQUIRED = ['verantwoordelijkeOrganisatie', 'besluittype', 'datum', 'ingangsdatum'] as const;

export const BesluitBody = body(besluitFields, REQUIRED, false);
export const BesluitPatch = body(besluitFields, REQUIRED, true);

export const Besluit = Type.Object({
  url: uri(1000, 'URL-referentie naar dit object. Dit is de unieke identificatie en locatie van dit object.'),
  ...besluitFields,
  zaak: Type.String({ description: ZAAK }),
  vervalreden: Type.String({ description: VERVALREDEN }),
  vervalredenWeergave: Type.String(),
  _expand: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
});

export const BesluitQuery = Type.Object({
  identificatie: Type.Optional(Type.String({ description: 'Identificatie van het besluit.' })),
  verantwoordelijkeOrganisatie: Type.Optional(
    Type.String({ description: 'Het RSIN van de organisatie die het besluit heeft vastgesteld.' }),
  ),
  besluittype: Type.Optional(Type.String({ description: 'URL-referentie naar het BESLUITTYPE.' })),
  zaak: Type.Optional(Type.String({ description: 'URL-referentie naar de ZAAK.' })),
  page: PageQuery,
  expand: EXPAND,
});
export const ReadQuery = Type.Object({ expand: EXPAND });

const bioFields = {
  informatieobject: uri(
    1000,
    'URL-referentie naar het INFORMATIEOBJECT (in de Documenten API) waarin (een deel van) het besluit beschreven is.',
  ),
  besluit: Type.String({ format: 'uri', description: 'URL-referentie naar het BESLUIT.' }),
};
export const BioBody = body(bioFields, ['informatieobject', 'besluit'], false);
export const BioPatch = body(bioFields, ['informatieobject', 'besluit'], true);
export const BesluitInformatieObject = Type.Object({
  url: uri(1000, 'URL-referentie naar dit object. Dit is de unieke identificatie en locatie van dit object.'),
  ...bioFields,
  _expand: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
});
export const BioQuery = Type.Object({
  besluit: Type.Optional(Type.String({ description: 'URL-referentie naar het BESLUIT.' })),
  informatieobject: Type.Optional(
    Type.String({ description: 'URL-referentie naar het INFORMATIEOBJECT (in de Documenten API).' }),
  ),
  expand: EXPAND,
});

export const UuidParams = Type.Object({
  uuid: Type.String({ description: 'Unieke resource identifier (UUID4)' }),
});
export const AuditParams = Type.Object({
  besluit_uuid: Type.String({ description: 'Unieke resource identifier (UUID4)' }),
});
export const AuditEntryParams = Type.Object({
  besluit_uuid: Type.String({ description: 'Unieke resource identifier (UUID4)' }),
  uuid: Type.String({ description: 'Unieke identificatie van de audit regel.' }),
});
