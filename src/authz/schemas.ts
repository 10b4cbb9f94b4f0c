import { Type } from 'typebox';
import { PageQuery, pageSchema } from '../zgw/pagination.ts';
import { VERTROUWELIJKHEID } from './policy.ts';

/** The components of Autorisaties API 1.0.0, with their descriptions (`componentWeergave`). */
export const COMPONENTEN = {
  ac: 'Autorisatiecomponent',
  nrc: 'Notificatierouteringcomponent',
  zrc: 'Zaakregistratiecomponent',
  ztc: 'Zaaktypecatalogus',
  drc: 'Documentregistratiecomponent',
  brc: 'Besluitregistratiecomponent',
} as const;
export type ApiComponent = keyof typeof COMPONENTEN;

const componentDescription = `Component waarop autorisatie van toepassing is.\n\nUitleg bij mogelijke waarden:\n\n${Object.entries(
  COMPONENTEN,
)
  .map(([k, v]) => `* \`${k}\` - ${v}`)
  .join('\n')}`;

const typeUrl = (what: string) =>
  Type.String({
    maxLength: 1000,
    description: `URL naar het ${what} waarop de autorisatie van toepassing is. Leeg als de scopes geen ${what} nodig hebben.`,
  });

/** One autorisatie as clients send it: type fields may be empty ("") when the scopes do not need them. */
const AutorisatieIn = Type.Object({
  component: Type.Unsafe<ApiComponent>({
    type: 'string',
    enum: Object.keys(COMPONENTEN),
    description: componentDescription,
  }),
  componentWeergave: Type.Optional(
    Type.String({ description: 'Genegeerd: wordt afgeleid van `component`.' }),
  ),
  scopes: Type.Array(Type.String({ minLength: 1, maxLength: 100 }), {
    description:
      'Lijst van scope labels. Elke scope geeft toegang tot een set van acties/operaties, zoals gedocumenteerd bij de betreffende component.',
  }),
  zaaktype: Type.Optional(typeUrl('zaaktype')),
  informatieobjecttype: Type.Optional(typeUrl('informatieobjecttype')),
  besluittype: Type.Optional(typeUrl('besluittype')),
  maxVertrouwelijkheidaanduiding: Type.Optional(
    Type.Unsafe<string>({
      type: 'string',
      enum: [...VERTROUWELIJKHEID, ''],
      description: 'Maximaal toegelaten vertrouwelijkheidaanduiding (inclusief).',
    }),
  ),
});
export type AutorisatieInput = {
  component: ApiComponent;
  scopes: string[];
  zaaktype?: string;
  informatieobjecttype?: string;
  besluittype?: string;
  maxVertrouwelijkheidaanduiding?: string;
};

const AutorisatieOut = Type.Object({
  component: Type.String({ description: componentDescription }),
  componentWeergave: Type.String({ description: 'Omschrijving van `component`.' }),
  scopes: Type.Array(Type.String()),
  zaaktype: Type.Optional(Type.String({ description: 'Alleen bij component `zrc`.' })),
  informatieobjecttype: Type.Optional(Type.String({ description: 'Alleen bij component `drc`.' })),
  besluittype: Type.Optional(Type.String({ description: 'Alleen bij component `brc`.' })),
  maxVertrouwelijkheidaanduiding: Type.Optional(
    Type.String({ description: 'Alleen bij component `zrc` en `drc`.' }),
  ),
});

const fields = {
  clientIds: Type.Array(Type.String({ minLength: 1, maxLength: 50 }), {
    minItems: 1,
    description:
      "Lijst van consumer identifiers (hun 'client_id'). Een `client_id` mag slechts bij één applicatie-object voorkomen.",
  }),
  label: Type.String({
    minLength: 1,
    maxLength: 100,
    description: 'Een leesbare representatie van de applicatie, voor eindgebruikers.',
  }),
  heeftAlleAutorisaties: Type.Boolean({
    description:
      'Indien alle autorisaties gegeven zijn, dan hoeven deze niet individueel opgegeven te worden. Gebruik dit alleen als je de consumer helemaal vertrouwt.',
  }),
  autorisaties: Type.Array(AutorisatieIn),
};

/** POST and PUT: clientIds and label are required; heeftAlleAutorisaties and autorisaties keep their value when left out. */
export const ApplicatieBody = Type.Object({
  clientIds: fields.clientIds,
  label: fields.label,
  heeftAlleAutorisaties: Type.Optional(fields.heeftAlleAutorisaties),
  autorisaties: Type.Optional(fields.autorisaties),
});

export const ApplicatiePatch = Type.Object({
  clientIds: Type.Optional(fields.clientIds),
  label: Type.Optional(fields.label),
  heeftAlleAutorisaties: Type.Optional(fields.heeftAlleAutorisaties),
  autorisaties: Type.Optional(fields.autorisaties),
});

export interface ApplicatieInput {
  clientIds?: string[];
  label?: string;
  heeftAlleAutorisaties?: boolean;
  autorisaties?: AutorisatieInput[];
}

export const Applicatie = Type.Object({
  url: Type.String({ format: 'uri', description: 'URL-referentie naar dit object.' }),
  clientIds: Type.Array(Type.String()),
  label: Type.String(),
  heeftAlleAutorisaties: Type.Boolean(),
  autorisaties: Type.Array(AutorisatieOut),
});

export const ApplicatiePage = pageSchema(Applicatie);

export const UuidParams = Type.Object({
  // Not format 'uuid': a malformed id is a 404 (no such resource), as in the reference implementation.
  uuid: Type.String({ maxLength: 64, description: 'Unique resource identifier (UUID4)' }),
});

export const ListQuery = Type.Object({
  clientIds: Type.Optional(
    Type.String({
      description: 'Applicaties met al deze client ids. Meerdere waarden gescheiden door komma’s.',
    }),
  ),
  page: PageQuery,
});

export const ConsumerQuery = Type.Object({
  clientId: Type.String({
    minLength: 1,
    description: 'Geef het client ID op waarvoor je de applicatie wil opvragen.',
  }),
});
