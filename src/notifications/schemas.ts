import { Type } from 'typebox';
import { PageQuery, pageSchema } from '../zgw/pagination.ts';

/** A map of kenmerk names to values (OpenAPI 3.0 `additionalProperties`, not JSON Schema patternProperties). */
const kenmerkMap = (description: string) =>
  Type.Unsafe<Record<string, string>>({
    type: 'object',
    description,
    additionalProperties: {
      type: 'string',
      minLength: 1,
      maxLength: 1000,
      title: 'kenmerk',
      description: 'Een waarde behorende bij de sleutel.',
    },
  });

export const Kanaal = Type.Object({
  url: Type.String({ format: 'uri', description: 'URL-referentie naar dit object.' }),
  naam: Type.String({
    minLength: 1,
    maxLength: 50,
    description: 'Naam van het KANAAL (ook wel "Exchange" genoemd) dat de bron vertegenwoordigd.',
  }),
  documentatieLink: Type.String({ maxLength: 200, description: 'URL naar documentatie.' }),
  filters: Type.Array(Type.String({ minLength: 1, maxLength: 100 }), {
    description:
      'Lijst van mogelijke filter kenmerken van een KANAAL. Deze filter kenmerken kunnen worden gebruikt bij het aanmaken van een ABONNEMENT.',
  }),
});

export const KanaalBody = Type.Object({
  naam: Kanaal.properties.naam,
  documentatieLink: Type.Optional(Kanaal.properties.documentatieLink),
  filters: Type.Optional(Kanaal.properties.filters),
});

export const KanaalQuery = Type.Object({ naam: Type.Optional(Type.String()) });

const FilterGroup = Type.Object({
  naam: Type.String({
    minLength: 1,
    description: 'De naam van het KANAAL (`KANAAL.naam`) waarop een abonnement is of wordt genomen.',
  }),
  filters: Type.Optional(
    kenmerkMap(
      'Map van kenmerken (sleutel/waarde) waarop notificaties gefilterd worden. Alleen notificaties waarvan de kenmerken voldoen aan het filter worden doorgestuurd naar de afnemer van het ABONNEMENT.',
    ),
  ),
});

const abonnementFields = {
  callbackUrl: Type.String({
    minLength: 1,
    maxLength: 200,
    description:
      'De URL waar notificaties naar toe gestuurd dienen te worden. Deze URL dient uit te komen bij een API die geschikt is om notificaties op te ontvangen.',
  }),
  auth: Type.String({
    minLength: 1,
    maxLength: 1000,
    writeOnly: true,
    description:
      'Autorisatie header invulling voor het vesturen naar de "Callback URL". Voorbeeld: Bearer a4daa31... Wordt nooit teruggegeven.',
  }),
  kanalen: Type.Array(FilterGroup, {
    description: 'Een lijst van kanalen en filters waarop het ABONNEMENT wordt afgenomen.',
  }),
};

export const AbonnementBody = Type.Object(abonnementFields);
export const AbonnementPatch = Type.Object({
  callbackUrl: Type.Optional(abonnementFields.callbackUrl),
  auth: Type.Optional(abonnementFields.auth),
  kanalen: Type.Optional(abonnementFields.kanalen),
});
export interface AbonnementInput {
  callbackUrl?: string;
  auth?: string;
  kanalen?: { naam: string; filters?: Record<string, string> }[];
}

/** The abonnement as answered: `auth` is write-only (a secret of the subscriber). */
export const Abonnement = Type.Object({
  url: Type.String({ format: 'uri', description: 'URL-referentie naar dit object.' }),
  callbackUrl: abonnementFields.callbackUrl,
  kanalen: Type.Array(
    Type.Object({
      naam: Type.String(),
      filters: Type.Unsafe<Record<string, string>>({
        type: 'object',
        additionalProperties: { type: 'string' },
      }),
    }),
  ),
});

export const Message = Type.Object({
  kanaal: Type.String({
    minLength: 1,
    maxLength: 50,
    description: 'De naam van het kanaal (`KANAAL.naam`) waar het bericht op moet worden gepubliceerd.',
  }),
  hoofdObject: Type.String({
    format: 'uri',
    minLength: 1,
    description:
      'URL-referentie naar het hoofd object van de publicerende API die betrekking heeft op de `resource`.',
  }),
  resource: Type.String({
    minLength: 1,
    maxLength: 100,
    description: 'De resourcenaam waar de notificatie over gaat.',
  }),
  resourceUrl: Type.String({
    format: 'uri',
    minLength: 1,
    description: 'URL-referentie naar de `resource` van de publicerende API.',
  }),
  actie: Type.String({
    minLength: 1,
    maxLength: 100,
    description:
      'De actie die door de publicerende API is gedaan. De publicerende API specificeert de toegestane acties.',
  }),
  aanmaakdatum: Type.String({
    format: 'date-time',
    description: 'Datum en tijd waarop de actie heeft plaatsgevonden.',
  }),
  kenmerken: Type.Optional(
    kenmerkMap(
      'Mapping van kenmerken (sleutel/waarde) van de notificatie. De publicerende API specificeert de toegestane kenmerken.',
    ),
  ),
});

export const UuidParams = Type.Object({
  uuid: Type.String({ maxLength: 64, description: 'Unique resource identifier (UUID4)' }),
});

export const Aflevering = Type.Object({
  notificatie: Type.Object({
    kanaal: Type.String(),
    resourceUrl: Type.String(),
    actie: Type.String(),
  }),
  poging: Type.Integer({
    description: 'Hoeveelste poging om deze notificatie af te leveren (1 = de eerste).',
  }),
  geslaagd: Type.Boolean({ description: 'Of de ontvanger de notificatie met een 2xx-antwoord aannam.' }),
  statuscode: Type.Union([Type.Integer(), Type.Null()], {
    description: 'HTTP-status van het antwoord; leeg als er geen antwoord kwam.',
  }),
  fout: Type.Union([Type.String(), Type.Null()], { description: 'Waarom de poging mislukte.' }),
  duurMs: Type.Integer({ description: 'Hoe lang de poging duurde, in milliseconden.' }),
  tijdstip: Type.String({ format: 'date-time' }),
});
export const AfleveringPage = pageSchema(Aflevering);
export const AfleveringQuery = Type.Object({ page: PageQuery });
