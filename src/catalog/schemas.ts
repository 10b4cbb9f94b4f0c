import { type Static, type TSchema, Type } from 'typebox';
import { VERTROUWELIJKHEID } from '../authz/policy.ts';
import { PageQuery } from '../zgw/pagination.ts';
import { AFLEIDINGSWIJZEN } from './archive.ts';

/** OpenAPI 3.0 style nullable: understood by the request validator, the response serializer and the document. */
export const nullable = <T extends TSchema>(s: T) => Type.Unsafe<Static<T> | null>({ ...s, nullable: true });
export const str = (maxLength?: number, description?: string) =>
  Type.String(maxLength === undefined ? { description } : { maxLength, description });
export const url = (description?: string) => Type.String({ format: 'uri', description });
export const urls = (description?: string) => Type.Array(Type.String({ format: 'uri' }), { description });
export const date = (description?: string) => Type.String({ format: 'date', description });
export const duration = (description?: string) => Type.String({ format: 'duration', description });
export const choice = <T extends readonly string[]>(values: T, description?: string) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values], description });
/** A choice that may also be left blank (`""`), as several ZGW enums allow. */
export const choiceOrBlank = <T extends readonly string[]>(values: T, description?: string) =>
  Type.Unsafe<T[number] | ''>({ type: 'string', enum: [...values, ''], description });

export const VERTROUWELIJKHEIDAANDUIDING = choice(
  VERTROUWELIJKHEID,
  'Aanduiding van de mate waarin het voor de openbaarheid bestemd is.',
);
export const STATUS_FILTER = Type.Optional(
  Type.Unsafe<'alles' | 'concept' | 'definitief'>({
    type: 'string',
    enum: ['alles', 'concept', 'definitief'],
    description:
      'filter objects depending on their concept status:\n* `alles`: Toon objecten waarvan het attribuut `concept` true of false is.\n* `concept`: Toon objecten waarvan het attribuut `concept` true is.\n* `definitief`: Toon objecten waarvan het attribuut `concept` false is (standaard).',
  }),
);
export const OBJECTTYPEN = [
  'adres',
  'besluit',
  'buurt',
  'enkelvoudig_document',
  'gemeente',
  'gemeentelijke_openbare_ruimte',
  'huishouden',
  'inrichtingselement',
  'kadastrale_onroerende_zaak',
  'kunstwerkdeel',
  'maatschappelijke_activiteit',
  'medewerker',
  'natuurlijk_persoon',
  'niet_natuurlijk_persoon',
  'openbare_ruimte',
  'organisatorische_eenheid',
  'pand',
  'spoorbaandeel',
  'status',
  'terreindeel',
  'terrein_gebouwd_object',
  'vestiging',
  'waterdeel',
  'wegdeel',
  'wijk',
  'woonplaats',
  'woz_deelobject',
  'woz_object',
  'woz_waarde',
  'zakelijk_recht',
  'overige',
] as const;

export const UuidParams = Type.Object({
  uuid: Type.String({ maxLength: 64, description: 'Unieke resource identifier (UUID4)' }),
});
export const optional = <T extends TSchema>(s: T) => Type.Optional(s);
export const filterText = (description: string) => Type.Optional(Type.String({ description }));
export { PageQuery };

// ---------------------------------------------------------------------------------------------- catalogus

export const CatalogusBody = Type.Object({
  domein: str(
    5,
    'Een afkorting waarmee wordt aangegeven voor welk domein in een CATALOGUS ZAAKTYPEn zijn uitgewerkt.',
  ),
  rsin: str(9, 'Het RSIN van de organisatie die eigenaar is van de CATALOGUS (het RSIN van uw organisatie).'),
  contactpersoonBeheerNaam: str(
    40,
    'De naam van de contactpersoon die verantwoordelijk is voor het beheer van de CATALOGUS.',
  ),
  contactpersoonBeheerTelefoonnummer: optional(str(20)),
  contactpersoonBeheerEmailadres: optional(
    Type.Union([Type.Literal(''), Type.String({ format: 'email', maxLength: 254 })]),
  ),
  naam: optional(nullable(str(200))),
  versie: optional(nullable(str(20))),
  begindatumVersie: optional(nullable(date())),
});

export const Catalogus = Type.Object({
  url: url('URL-referentie naar dit object.'),
  domein: Type.String(),
  rsin: Type.String(),
  contactpersoonBeheerNaam: Type.String(),
  contactpersoonBeheerTelefoonnummer: Type.String(),
  contactpersoonBeheerEmailadres: Type.String(),
  zaaktypen: urls('URL-referenties naar ZAAKTYPEn die in deze CATALOGUS worden ontsloten.'),
  besluittypen: urls('URL-referenties naar BESLUITTYPEn die in deze CATALOGUS worden ontsloten.'),
  informatieobjecttypen: urls(
    'URL-referenties naar INFORMATIEOBJECTTYPEn die in deze CATALOGUS worden ontsloten.',
  ),
  naam: nullable(Type.String()),
  versie: nullable(Type.String()),
  begindatumVersie: nullable(date()),
});

export const CatalogusQuery = Type.Object({
  domein: filterText('domein'),
  domein__in: filterText('Meerdere waarden kunnen gescheiden worden door komma’s.'),
  rsin: filterText('rsin'),
  rsin__in: filterText('Meerdere waarden kunnen gescheiden worden door komma’s.'),
  page: PageQuery,
});

// ---------------------------------------------------------------------------------------------- zaaktype

const ZaaktypenRelatieBody = Type.Object({
  zaaktype: str(200, 'URL-referentie naar het gerelateerde ZAAKTYPE, mogelijk in een extern ZTC.'),
  aardRelatie: choice(
    ['vervolg', 'bijdrage', 'onderwerp'] as const,
    'Omschrijving van de aard van de relatie van zaken van het ZAAKTYPE tot zaken van het andere ZAAKTYPE',
  ),
  toelichting: optional(str(255)),
});

const zaaktypeFields = {
  identificatie: str(
    50,
    'Unieke identificatie van het ZAAKTYPE binnen de CATALOGUS waarin het ZAAKTYPE voorkomt.',
  ),
  omschrijving: str(80, 'Omschrijving van de aard van ZAAKen van het ZAAKTYPE.'),
  omschrijvingGeneriek: str(80),
  vertrouwelijkheidaanduiding: VERTROUWELIJKHEIDAANDUIDING,
  doel: str(undefined, 'Een omschrijving van hetgeen beoogd is te bereiken met een zaak van dit zaaktype.'),
  aanleiding: str(),
  toelichting: str(),
  indicatieInternOfExtern: choice(['intern', 'extern'] as const),
  handelingInitiator: str(20),
  onderwerp: str(80),
  handelingBehandelaar: str(20),
  doorlooptijd: duration(
    'De periode waarbinnen volgens wet- en regelgeving een ZAAK van het ZAAKTYPE afgerond dient te zijn (de beslistermijn).',
  ),
  servicenorm: nullable(
    duration(
      'De doorlooptijd waarbinnen ZAAKen van dit ZAAKTYPE afgerond dienen te worden conform de geldende servicenormen.',
    ),
  ),
  opschortingEnAanhoudingMogelijk: Type.Boolean(),
  verlengingMogelijk: Type.Boolean(),
  verlengingstermijn: nullable(duration()),
  trefwoorden: Type.Array(str(30)),
  publicatieIndicatie: Type.Boolean(),
  publicatietekst: str(),
  verantwoordingsrelatie: Type.Array(str(40)),
  productenOfDiensten: Type.Array(Type.String({ format: 'uri', maxLength: 1000 })),
  selectielijstProcestype: str(
    200,
    'URL-referentie naar een vanuit archiveringsoptiek onderkende groep processen met dezelfde kenmerken (PROCESTYPE in de Selectielijst API).',
  ),
  referentieproces: Type.Object({ naam: str(80), link: optional(str(200)) }),
  verantwoordelijke: str(50),
  broncatalogus: Type.Object({ url: optional(str(200)), domein: str(5), rsin: str(9) }),
  bronzaaktype: Type.Object({ url: optional(str(200)), identificatie: str(50), omschrijving: str(80) }),
  catalogus: str(undefined, 'URL-referentie naar de CATALOGUS waartoe dit ZAAKTYPE behoort.'),
  besluittypen: Type.Array(Type.String(), {
    description: 'URL-referenties naar de BESLUITTYPEN die mogelijk zijn binnen dit ZAAKTYPE.',
  }),
  deelzaaktypen: Type.Array(Type.String(), {
    description: 'De ZAAKTYPE(n) waaronder ZAAKen als deelzaak kunnen voorkomen bij ZAAKen van dit ZAAKTYPE.',
  }),
  gerelateerdeZaaktypen: Type.Array(ZaaktypenRelatieBody),
  beginGeldigheid: date('De datum waarop het is ontstaan.'),
  eindeGeldigheid: nullable(date('De datum waarop het is opgeheven (de laatste dag waarop het geldig is).')),
  versiedatum: date(),
};
const ZAAKTYPE_REQUIRED = [
  'identificatie',
  'omschrijving',
  'vertrouwelijkheidaanduiding',
  'doel',
  'aanleiding',
  'indicatieInternOfExtern',
  'handelingInitiator',
  'onderwerp',
  'handelingBehandelaar',
  'doorlooptijd',
  'opschortingEnAanhoudingMogelijk',
  'verlengingMogelijk',
  'publicatieIndicatie',
  'productenOfDiensten',
  'referentieproces',
  'verantwoordelijke',
  'catalogus',
  'besluittypen',
  'gerelateerdeZaaktypen',
  'beginGeldigheid',
  'versiedatum',
] as const;

/** A body with these fields, of which `required` must be present (POST and PUT) or none (PATCH). */
export function body<P extends Record<string, TSchema>>(
  fields: P,
  required: readonly (keyof P)[],
  partial: boolean,
) {
  const props: Record<string, TSchema> = {};
  for (const [name, schema] of Object.entries(fields))
    props[name] = partial || !required.includes(name) ? Type.Optional(schema) : schema;
  return Type.Object(props);
}

export const ZaaktypeBody = body(zaaktypeFields, ZAAKTYPE_REQUIRED, false);
export const ZaaktypePatch = body(zaaktypeFields, ZAAKTYPE_REQUIRED, true);

export const Zaaktype = Type.Object({
  url: url(),
  identificatie: Type.String(),
  omschrijving: Type.String(),
  omschrijvingGeneriek: Type.String(),
  vertrouwelijkheidaanduiding: Type.String(),
  doel: Type.String(),
  aanleiding: Type.String(),
  toelichting: Type.String(),
  indicatieInternOfExtern: Type.String(),
  handelingInitiator: Type.String(),
  onderwerp: Type.String(),
  handelingBehandelaar: Type.String(),
  doorlooptijd: Type.String(),
  servicenorm: nullable(Type.String()),
  opschortingEnAanhoudingMogelijk: Type.Boolean(),
  verlengingMogelijk: Type.Boolean(),
  verlengingstermijn: nullable(Type.String()),
  trefwoorden: Type.Array(Type.String()),
  publicatieIndicatie: Type.Boolean(),
  publicatietekst: Type.String(),
  verantwoordingsrelatie: Type.Array(Type.String()),
  productenOfDiensten: Type.Array(Type.String()),
  selectielijstProcestype: Type.String(),
  referentieproces: Type.Object({ naam: Type.String(), link: Type.String() }),
  concept: Type.Boolean({
    description:
      'Geeft aan of het object een concept betreft. Concepten zijn niet-definitieve versies en zouden niet gebruikt moeten worden buiten deze API.',
  }),
  verantwoordelijke: Type.String(),
  broncatalogus: Type.Object({ url: Type.String(), domein: Type.String(), rsin: Type.String() }),
  bronzaaktype: Type.Object({
    url: Type.String(),
    identificatie: Type.String(),
    omschrijving: Type.String(),
  }),
  beginGeldigheid: Type.String(),
  eindeGeldigheid: nullable(Type.String()),
  versiedatum: Type.String(),
  beginObject: nullable(
    Type.String({ description: 'De datum waarop de eerste versie van het object ontstaan is.' }),
  ),
  eindeObject: nullable(Type.String({ description: 'De datum van de allerlaatste versie van het object.' })),
  catalogus: url(),
  statustypen: urls(),
  resultaattypen: urls(),
  eigenschappen: urls(),
  informatieobjecttypen: urls(),
  roltypen: urls(),
  besluittypen: urls(),
  deelzaaktypen: urls(),
  gerelateerdeZaaktypen: Type.Array(
    Type.Object({ zaaktype: Type.String(), aardRelatie: Type.String(), toelichting: Type.String() }),
  ),
  zaakobjecttypen: urls(),
});

export const ZaaktypeQuery = Type.Object({
  catalogus: filterText('URL-referentie naar de CATALOGUS waartoe dit ZAAKTYPE behoort.'),
  identificatie: filterText(
    'Unieke identificatie van het ZAAKTYPE binnen de CATALOGUS waarin het ZAAKTYPE voorkomt.',
  ),
  trefwoorden: filterText('Meerdere waarden kunnen gescheiden worden door komma’s.'),
  status: STATUS_FILTER,
  datumGeldigheid: filterText('filter objecten op hun geldigheids datum.'),
  page: PageQuery,
});

export const ZaaktypeReadQuery = Type.Object({
  datumGeldigheid: filterText(
    'De versie van dit zaaktype (zelfde catalogus en identificatie) die op deze datum geldig is.',
  ),
});

export { AFLEIDINGSWIJZEN };
