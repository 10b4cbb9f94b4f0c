import { Type } from 'typebox';
import {
  AFLEIDINGSWIJZEN,
  body,
  choice,
  choiceOrBlank,
  date,
  duration,
  filterText,
  nullable,
  OBJECTTYPEN,
  optional,
  PageQuery,
  STATUS_FILTER,
  str,
  url,
  urls,
  VERTROUWELIJKHEIDAANDUIDING,
} from './schemas.ts';

const refs = (description: string) => Type.Array(Type.String(), { description });
const geldigheid = {
  beginGeldigheid: nullable(date('De datum waarop het is ontstaan.')),
  eindeGeldigheid: nullable(date('De datum waarop het is opgeheven.')),
};
const geldigheidOut = {
  beginGeldigheid: nullable(Type.String()),
  eindeGeldigheid: nullable(Type.String()),
  beginObject: nullable(Type.String()),
  eindeObject: nullable(Type.String()),
};
const childOut = { zaaktype: url(), zaaktypeIdentificatie: Type.String(), catalogus: url() };

// ---------------------------------------------------------------------------------------------- besluittype

const besluittypeFields = {
  catalogus: str(undefined, 'URL-referentie naar de CATALOGUS waartoe dit BESLUITTYPE behoort.'),
  zaaktypen: refs('ZAAKTYPEn met ZAAKen die relevant kunnen zijn voor dit BESLUITTYPE.'),
  omschrijving: str(80),
  omschrijvingGeneriek: str(80),
  besluitcategorie: str(40),
  reactietermijn: nullable(duration()),
  publicatieIndicatie: Type.Boolean(),
  publicatietekst: str(),
  publicatietermijn: nullable(duration()),
  toelichting: str(),
  informatieobjecttypen: refs(
    'Het INFORMATIEOBJECTTYPE van informatieobjecten waarin besluiten van dit BESLUITTYPE worden vastgelegd.',
  ),
  beginGeldigheid: date(),
  eindeGeldigheid: nullable(date()),
};
const BESLUITTYPE_REQUIRED = ['catalogus', 'publicatieIndicatie', 'beginGeldigheid'] as const;
export const BesluittypeBody = body(besluittypeFields, BESLUITTYPE_REQUIRED, false);
export const BesluittypePatch = body(besluittypeFields, BESLUITTYPE_REQUIRED, true);
export const Besluittype = Type.Object({
  url: url(),
  catalogus: url(),
  zaaktypen: urls(),
  omschrijving: Type.String(),
  omschrijvingGeneriek: Type.String(),
  besluitcategorie: Type.String(),
  reactietermijn: nullable(Type.String()),
  publicatieIndicatie: Type.Boolean(),
  publicatietekst: Type.String(),
  publicatietermijn: nullable(Type.String()),
  toelichting: Type.String(),
  informatieobjecttypen: urls(),
  ...geldigheidOut,
  concept: Type.Boolean(),
  resultaattypen: urls(),
  resultaattypenOmschrijving: Type.Array(Type.String()),
  vastgelegdIn: Type.Array(Type.String()),
});
export const BesluittypeQuery = Type.Object({
  catalogus: filterText('URL-referentie naar de CATALOGUS waartoe dit BESLUITTYPE behoort.'),
  zaaktypen: filterText('ZAAKTYPE met ZAAKen die relevant kunnen zijn voor dit BESLUITTYPE'),
  informatieobjecttypen: filterText(
    'Het INFORMATIEOBJECTTYPE van informatieobjecten waarin besluiten van dit BESLUITTYPE worden vastgelegd.',
  ),
  status: STATUS_FILTER,
  omschrijving: filterText('Omschrijving van de aard van BESLUITen van het BESLUITTYPE.'),
  datumGeldigheid: filterText('filter objecten op hun geldigheids datum.'),
  page: PageQuery,
});

// ---------------------------------------------------------------------------------------------- informatieobjecttype

const omschrijvingGeneriek = Type.Object({
  informatieobjecttypeOmschrijvingGeneriek: str(80),
  definitieInformatieobjecttypeOmschrijvingGeneriek: str(255),
  herkomstInformatieobjecttypeOmschrijvingGeneriek: str(12),
  hierarchieInformatieobjecttypeOmschrijvingGeneriek: str(80),
  opmerkingInformatieobjecttypeOmschrijvingGeneriek: optional(nullable(str(255))),
});
const iotFields = {
  catalogus: str(),
  omschrijving: str(80),
  vertrouwelijkheidaanduiding: VERTROUWELIJKHEIDAANDUIDING,
  beginGeldigheid: date(),
  eindeGeldigheid: nullable(date()),
  informatieobjectcategorie: str(80),
  trefwoord: Type.Array(str(30)),
  omschrijvingGeneriek,
};
const IOT_REQUIRED = [
  'catalogus',
  'omschrijving',
  'vertrouwelijkheidaanduiding',
  'beginGeldigheid',
  'informatieobjectcategorie',
] as const;
export const InformatieobjecttypeBody = body(iotFields, IOT_REQUIRED, false);
export const InformatieobjecttypePatch = body(iotFields, IOT_REQUIRED, true);
export const Informatieobjecttype = Type.Object({
  url: url(),
  catalogus: url(),
  omschrijving: Type.String(),
  vertrouwelijkheidaanduiding: Type.String(),
  ...geldigheidOut,
  concept: Type.Boolean(),
  zaaktypen: urls(),
  besluittypen: urls(),
  informatieobjectcategorie: Type.String(),
  trefwoord: Type.Array(Type.String()),
  omschrijvingGeneriek: Type.Object({
    informatieobjecttypeOmschrijvingGeneriek: Type.String(),
    definitieInformatieobjecttypeOmschrijvingGeneriek: Type.String(),
    herkomstInformatieobjecttypeOmschrijvingGeneriek: Type.String(),
    hierarchieInformatieobjecttypeOmschrijvingGeneriek: Type.String(),
    opmerkingInformatieobjecttypeOmschrijvingGeneriek: nullable(Type.String()),
  }),
});
export const InformatieobjecttypeQuery = Type.Object({
  catalogus: filterText('URL-referentie naar de CATALOGUS waartoe dit INFORMATIEOBJECTTYPE behoort.'),
  status: STATUS_FILTER,
  datumGeldigheid: filterText('filter objecten op hun geldigheids datum.'),
  omschrijving: filterText('Omschrijving van de aard van informatieobjecten van dit INFORMATIEOBJECTTYPE.'),
  page: PageQuery,
});

// ---------------------------------------------------------------------------------------------- children of a zaaktype

const childQuery = {
  zaaktype: filterText('URL-referentie naar het ZAAKTYPE.'),
  zaaktypeIdentificatie: filterText('zaaktype_identificatie'),
  status: STATUS_FILTER,
  datumGeldigheid: filterText('filter objecten op hun geldigheids datum.'),
  page: PageQuery,
};

const statustypeFields = {
  omschrijving: str(80),
  omschrijvingGeneriek: str(80),
  statustekst: str(1000, 'De tekst die de initiator krijgt wanneer een zaak deze status bereikt.'),
  zaaktype: str(),
  volgnummer: Type.Integer({ minimum: 1, maximum: 9999 }),
  informeren: Type.Boolean(),
  doorlooptijd: nullable(duration()),
  toelichting: nullable(str(1000)),
  checklistitemStatustype: Type.Array(
    Type.Object({
      itemnaam: str(30),
      toelichting: optional(nullable(str(1000))),
      vraagstelling: str(255),
      verplicht: optional(Type.Boolean()),
    }),
  ),
  eigenschappen: Type.Array(Type.String(), {
    description: 'Afgeleid van `eigenschap.statustype`; wordt bij schrijven genegeerd.',
  }),
  ...geldigheid,
};
const STATUSTYPE_REQUIRED = ['omschrijving', 'zaaktype', 'volgnummer'] as const;
export const StatustypeBody = body(statustypeFields, STATUSTYPE_REQUIRED, false);
export const StatustypePatch = body(statustypeFields, STATUSTYPE_REQUIRED, true);
export const Statustype = Type.Object({
  url: url(),
  omschrijving: Type.String(),
  omschrijvingGeneriek: Type.String(),
  statustekst: Type.String(),
  ...childOut,
  volgnummer: Type.Integer(),
  isEindstatus: Type.Boolean(),
  informeren: Type.Boolean(),
  doorlooptijd: nullable(Type.String()),
  toelichting: nullable(Type.String()),
  checklistitemStatustype: Type.Array(
    Type.Object({
      itemnaam: Type.String(),
      toelichting: nullable(Type.String()),
      vraagstelling: Type.String(),
      verplicht: Type.Boolean(),
    }),
  ),
  eigenschappen: urls(),
  ...geldigheidOut,
  zaakobjecttype: nullable(url()),
});
export const StatustypeQuery = Type.Object(childQuery);

const brondatumIn = Type.Object({
  afleidingswijze: choice(AFLEIDINGSWIJZEN, 'Wijze van bepalen van de brondatum.'),
  datumkenmerk: optional(str(80)),
  einddatumBekend: optional(Type.Boolean()),
  objecttype: optional(choiceOrBlank(OBJECTTYPEN)),
  registratie: optional(str(80)),
  procestermijn: optional(nullable(duration())),
});
const resultaattypeFields = {
  zaaktype: str(),
  omschrijving: str(30),
  resultaattypeomschrijving: str(1000),
  selectielijstklasse: str(1000),
  toelichting: str(),
  archiefnominatie: choiceOrBlank(['blijvend_bewaren', 'vernietigen'] as const),
  archiefactietermijn: nullable(duration()),
  brondatumArchiefprocedure: nullable(brondatumIn),
  procesobjectaard: nullable(str(200)),
  catalogus: nullable(str()),
  ...geldigheid,
  indicatieSpecifiek: nullable(Type.Boolean()),
  procestermijn: nullable(duration()),
  besluittypen: refs('BESLUITTYPEn van besluiten die gepaard gaan met een resultaat van dit RESULTAATTYPE.'),
  informatieobjecttypen: refs(
    'INFORMATIEOBJECTTYPEn die verplicht in het zaakdossier moeten zitten voordat dit resultaat gezet kan worden.',
  ),
};
const RESULTAATTYPE_REQUIRED = [
  'zaaktype',
  'omschrijving',
  'resultaattypeomschrijving',
  'selectielijstklasse',
] as const;
export const ResultaattypeBody = body(resultaattypeFields, RESULTAATTYPE_REQUIRED, false);
export const ResultaattypePatch = body(resultaattypeFields, RESULTAATTYPE_REQUIRED, true);
export const Resultaattype = Type.Object({
  url: url(),
  zaaktype: url(),
  zaaktypeIdentificatie: Type.String(),
  omschrijving: Type.String(),
  resultaattypeomschrijving: Type.String(),
  omschrijvingGeneriek: Type.String(),
  selectielijstklasse: Type.String(),
  toelichting: Type.String(),
  archiefnominatie: Type.String(),
  archiefactietermijn: nullable(Type.String()),
  brondatumArchiefprocedure: nullable(
    Type.Object({
      afleidingswijze: Type.String(),
      datumkenmerk: Type.String(),
      einddatumBekend: Type.Boolean(),
      objecttype: Type.String(),
      registratie: Type.String(),
      procestermijn: nullable(Type.String()),
    }),
  ),
  procesobjectaard: nullable(Type.String()),
  catalogus: url(),
  ...geldigheidOut,
  indicatieSpecifiek: nullable(Type.Boolean()),
  procestermijn: nullable(Type.String()),
  besluittypen: urls(),
  besluittypeOmschrijving: Type.Array(Type.String()),
  informatieobjecttypen: urls(),
  informatieobjecttypeOmschrijving: Type.Array(Type.String()),
  zaakobjecttypen: urls(),
});
// The published spec names two filters here in snake_case, unlike every other list; both spellings work.
export const ResultaattypeQuery = Type.Object({
  zaaktype: childQuery.zaaktype,
  zaaktype_identificatie: filterText('zaaktype_identificatie'),
  zaaktypeIdentificatie: childQuery.zaaktypeIdentificatie,
  status: STATUS_FILTER,
  datum_geldigheid: filterText('filter objecten op hun geldigheids datum.'),
  datumGeldigheid: childQuery.datumGeldigheid,
  page: PageQuery,
});

const OMSCHRIJVING_GENERIEK_ROL = [
  'adviseur',
  'behandelaar',
  'belanghebbende',
  'beslisser',
  'initiator',
  'klantcontacter',
  'zaakcoordinator',
  'mede_initiator',
] as const;
const roltypeFields = {
  zaaktype: str(),
  omschrijving: str(100),
  omschrijvingGeneriek: choice(OMSCHRIJVING_GENERIEK_ROL),
  catalogus: nullable(str()),
  ...geldigheid,
};
const ROLTYPE_REQUIRED = ['zaaktype', 'omschrijving', 'omschrijvingGeneriek'] as const;
export const RoltypeBody = body(roltypeFields, ROLTYPE_REQUIRED, false);
export const RoltypePatch = body(roltypeFields, ROLTYPE_REQUIRED, true);
export const Roltype = Type.Object({
  url: url(),
  zaaktype: url(),
  zaaktypeIdentificatie: Type.String(),
  omschrijving: Type.String(),
  omschrijvingGeneriek: Type.String(),
  catalogus: url(),
  ...geldigheidOut,
});
export const RoltypeQuery = Type.Object({
  zaaktype: childQuery.zaaktype,
  zaaktypeIdentificatie: childQuery.zaaktypeIdentificatie,
  omschrijvingGeneriek: Type.Optional(choice(OMSCHRIJVING_GENERIEK_ROL)),
  status: STATUS_FILTER,
  datumGeldigheid: childQuery.datumGeldigheid,
  page: PageQuery,
});

const eigenschapFields = {
  naam: str(20),
  definitie: str(255),
  specificatie: Type.Object({
    groep: optional(str(32)),
    formaat: choice(['tekst', 'getal', 'datum', 'datum_tijd'] as const),
    lengte: str(14),
    kardinaliteit: str(3),
    waardenverzameling: optional(Type.Array(str(100))),
  }),
  toelichting: str(1000),
  zaaktype: str(),
  statustype: nullable(str()),
  ...geldigheid,
};
const EIGENSCHAP_REQUIRED = ['naam', 'definitie', 'specificatie', 'zaaktype'] as const;
export const EigenschapBody = body(eigenschapFields, EIGENSCHAP_REQUIRED, false);
export const EigenschapPatch = body(eigenschapFields, EIGENSCHAP_REQUIRED, true);
export const Eigenschap = Type.Object({
  url: url(),
  naam: Type.String(),
  definitie: Type.String(),
  specificatie: Type.Object({
    groep: Type.String(),
    formaat: Type.String(),
    lengte: Type.String(),
    kardinaliteit: Type.String(),
    waardenverzameling: Type.Array(Type.String()),
  }),
  toelichting: Type.String(),
  ...childOut,
  statustype: nullable(url()),
  ...geldigheidOut,
});
export const EigenschapQuery = Type.Object(childQuery);

const ziotFields = {
  zaaktype: str(),
  informatieobjecttype: str(undefined, 'URL-referentie naar het INFORMATIEOBJECTTYPE.'),
  volgnummer: Type.Integer({ minimum: 1, maximum: 999 }),
  richting: choice(['inkomend', 'intern', 'uitgaand'] as const),
  statustype: nullable(str()),
};
const ZIOT_REQUIRED = ['zaaktype', 'informatieobjecttype', 'volgnummer', 'richting'] as const;
export const ZiotBody = body(ziotFields, ZIOT_REQUIRED, false);
export const ZiotPatch = body(ziotFields, ZIOT_REQUIRED, true);
export const Ziot = Type.Object({
  url: url(),
  ...childOut,
  informatieobjecttype: url(),
  volgnummer: Type.Integer(),
  richting: Type.String(),
  statustype: nullable(url()),
});
export const ZiotQuery = Type.Object({
  zaaktype: childQuery.zaaktype,
  informatieobjecttype: filterText('URL-referentie naar het INFORMATIEOBJECTTYPE.'),
  richting: Type.Optional(choice(['inkomend', 'intern', 'uitgaand'] as const)),
  status: STATUS_FILTER,
  page: PageQuery,
});

const zaakobjecttypeFields = {
  anderObjecttype: Type.Boolean(),
  beginGeldigheid: date(),
  eindeGeldigheid: nullable(date()),
  objecttype: Type.String({ format: 'uri', maxLength: 200 }),
  relatieOmschrijving: str(80),
  zaaktype: str(),
  resultaattypen: refs('URL-referenties naar de RESULTAATTYPEN.'),
  statustypen: refs('URL-referenties naar de STATUSTYPEN.'),
  catalogus: nullable(str()),
};
const ZAAKOBJECTTYPE_REQUIRED = [
  'anderObjecttype',
  'beginGeldigheid',
  'objecttype',
  'relatieOmschrijving',
  'zaaktype',
] as const;
export const ZaakobjecttypeBody = body(zaakobjecttypeFields, ZAAKOBJECTTYPE_REQUIRED, false);
export const ZaakobjecttypePatch = body(zaakobjecttypeFields, ZAAKOBJECTTYPE_REQUIRED, true);
export const Zaakobjecttype = Type.Object({
  url: url(),
  anderObjecttype: Type.Boolean(),
  beginGeldigheid: Type.String(),
  eindeGeldigheid: nullable(Type.String()),
  beginObject: nullable(Type.String()),
  eindeObject: nullable(Type.String()),
  objecttype: Type.String(),
  relatieOmschrijving: Type.String(),
  zaaktype: url(),
  zaaktypeIdentificatie: Type.String(),
  resultaattypen: urls(),
  statustypen: urls(),
  catalogus: url(),
});
export const ZaakobjecttypeQuery = Type.Object({
  anderObjecttype: filterText(
    'Aanduiding of het een ander, niet in RSGB en RGBZ voorkomend, objecttype betreft (true/false).',
  ),
  catalogus: filterText('URL-referentie naar de CATALOGUS.'),
  datumBeginGeldigheid: filterText('De datum waarop het is ontstaan.'),
  datumEindeGeldigheid: filterText('De datum waarop het is opgeheven.'),
  datumGeldigheid: filterText('filter objecten op hun geldigheids datum.'),
  objecttype: filterText('URL-referentie naar de OBJECTTYPE.'),
  relatieOmschrijving: filterText(
    'Omschrijving van de betrekking van het Objecttype op zaken van het ZAAKTYPE.',
  ),
  zaaktype: childQuery.zaaktype,
  zaaktypeIdentificatie: childQuery.zaaktypeIdentificatie,
  page: PageQuery,
});
