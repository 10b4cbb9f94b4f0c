import { randomUUID } from 'node:crypto';
import type { Trx } from '../platform/db/transaction.ts';
import { problems } from '../platform/http/problem.ts';
import { Invalid } from '../zgw/invalid.ts';
import { fetchReference } from '../zgw/references.ts';
import { partUrl, zaakUrl } from './json.ts';
import { parseDateTime, typeOfZaak } from './parts.ts';
import type { ZaakRow } from './store.ts';
import { zakenTexts as t } from './texts.nl.ts';
import type { ZakenContext } from './types.ts';

/**
 * The simpler parts of a zaak, stored alike (`zrc_zaak_child`): each kind says how its body becomes
 * `data`, what its main reference (`ref`) is, which fields never change, and how it looks in ZGW.
 */
export type ChildKind =
  | 'zaakobject'
  | 'zaakeigenschap'
  | 'klantcontact'
  | 'zaakinformatieobject'
  | 'zaakcontactmoment'
  | 'zaakverzoek'
  | 'zaakbesluit';

export interface ChildRow {
  id: string;
  zaak_id: string;
  kind: ChildKind;
  ref: string;
  data: Record<string, unknown>;
  created_at: Date | string;
}

export interface KindSpec {
  /** The resource name in URLs (`zaakobjecten`); zaakeigenschappen and besluiten live under their zaak. */
  path: string;
  /** Fields that identify what the part relates (`wijzigen-niet-toegelaten` on change). */
  fixed: string[];
  /** A closed zaak refuses new or changed parts of this kind without the forced scope. */
  guarded: boolean;
  /** The stored data and main reference from a (merged) body; validates it. */
  build(
    ctx: ZakenContext,
    trx: Trx,
    zaak: ZaakRow,
    body: Record<string, unknown>,
  ): Promise<{ ref: string; data: Record<string, unknown> }>;
  json(baseUrl: string, row: ChildRow): Record<string, unknown> & { url: string };
}

const str = (v: unknown, fallback = '') => (typeof v === 'string' ? v : fallback);

function url(baseUrl: string, row: ChildRow, path: string): string {
  if (row.kind === 'zaakeigenschap') return `${zaakUrl(baseUrl, row.zaak_id)}/zaakeigenschappen/${row.id}`;
  if (row.kind === 'zaakbesluit') return `${zaakUrl(baseUrl, row.zaak_id)}/besluiten/${row.id}`;
  return partUrl(baseUrl, path, row.id);
}

const base = (baseUrl: string, row: ChildRow, path: string) => ({
  url: url(baseUrl, row, path),
  uuid: row.id,
});

export const AARD_HOORT_BIJ = 'Hoort bij, omgekeerd: kent';

export const KINDS: Record<ChildKind, KindSpec> = {
  zaakobject: {
    path: 'zaakobjecten',
    fixed: ['zaak'],
    guarded: true,
    async build(ctx, trx, zaak, b) {
      const invalid = new Invalid();
      if (b.objectType === 'overige' && !b.objectTypeOverige && !b.objectTypeOverigeDefinitie)
        invalid.add('objectTypeOverige', 'missing-object-type-overige', t.required);
      invalid.throwIfAny();
      if (typeof b.zaakobjecttype === 'string' && b.zaakobjecttype && ctx.local.isLocal(b.zaakobjecttype))
        await typeOfZaak(ctx, trx, 'zaakobjecttype', b.zaakobjecttype, 'zaakobjecttypen', zaak);
      return {
        ref: str(b.object),
        data: {
          object: str(b.object),
          zaakobjecttype: str(b.zaakobjecttype),
          objectType: b.objectType,
          objectTypeOverige: str(b.objectTypeOverige),
          objectTypeOverigeDefinitie: b.objectTypeOverigeDefinitie ?? null,
          relatieomschrijving: str(b.relatieomschrijving),
          objectIdentificatie: b.objectIdentificatie ?? null,
        },
      };
    },
    json: (baseUrl, row) => {
      const { objectIdentificatie, ...d } = row.data;
      return {
        ...base(baseUrl, row, 'zaakobjecten'),
        zaak: zaakUrl(baseUrl, row.zaak_id),
        ...d,
        ...(objectIdentificatie ? { objectIdentificatie } : {}),
      };
    },
  },
  zaakeigenschap: {
    path: 'zaakeigenschappen',
    fixed: ['zaak', 'eigenschap'],
    guarded: true,
    async build(ctx, trx, zaak, b) {
      const eigenschap = await typeOfZaak(ctx, trx, 'eigenschap', b.eigenschap, 'eigenschappen', zaak);
      return {
        ref: b.eigenschap as string,
        data: { eigenschap: b.eigenschap, naam: str(eigenschap.naam), waarde: str(b.waarde) },
      };
    },
    json: (baseUrl, row) => ({
      ...base(baseUrl, row, 'zaakeigenschappen'),
      zaak: zaakUrl(baseUrl, row.zaak_id),
      eigenschap: row.data.eigenschap,
      naam: row.data.naam,
      waarde: row.data.waarde,
    }),
  },
  klantcontact: {
    path: 'klantcontacten',
    fixed: ['zaak'],
    guarded: true,
    async build(_ctx, _trx, _zaak, b) {
      return {
        ref: '',
        data: {
          identificatie: str(b.identificatie) || `KC-${randomUUID().slice(0, 8).toUpperCase()}`,
          datumtijd: parseDateTime(b.datumtijd as string).toISOString(),
          kanaal: str(b.kanaal),
          onderwerp: str(b.onderwerp),
          toelichting: str(b.toelichting),
        },
      };
    },
    json: (baseUrl, row) => ({
      ...base(baseUrl, row, 'klantcontacten'),
      zaak: zaakUrl(baseUrl, row.zaak_id),
      ...row.data,
    }),
  },
  zaakinformatieobject: {
    path: 'zaakinformatieobjecten',
    fixed: ['zaak', 'informatieobject'],
    guarded: true,
    async build(ctx, trx, zaak, b) {
      const document = await ctx.local.resolve(trx, 'informatieobject', b.informatieobject as string, {
        api: 'documenten',
        resource: 'enkelvoudiginformatieobjecten',
      });
      const zaaktype = await ctx.local.lookup(trx, zaak.zaaktype);
      const allowed = (zaaktype?.informatieobjecttypen ?? null) as string[] | null;
      if (allowed && !allowed.includes(document.informatieobjecttype as string))
        throw problems.validation([
          {
            name: 'nonFieldErrors',
            code: 'missing-zaaktype-informatieobjecttype-relation',
            reason: t.informatieobjecttype,
          },
        ]);
      return {
        ref: b.informatieobject as string,
        data: {
          informatieobject: b.informatieobject,
          titel: str(b.titel),
          beschrijving: str(b.beschrijving),
          vernietigingsdatum:
            typeof b.vernietigingsdatum === 'string'
              ? parseDateTime(b.vernietigingsdatum).toISOString()
              : (b.vernietigingsdatum ?? null),
          status: b.status ?? null,
        },
      };
    },
    json: (baseUrl, row) => ({
      ...base(baseUrl, row, 'zaakinformatieobjecten'),
      informatieobject: row.ref,
      zaak: zaakUrl(baseUrl, row.zaak_id),
      aardRelatieWeergave: AARD_HOORT_BIJ,
      titel: row.data.titel ?? '',
      beschrijving: row.data.beschrijving ?? '',
      registratiedatum: new Date(row.created_at).toISOString(),
      vernietigingsdatum: row.data.vernietigingsdatum ?? null,
      status: row.data.status ?? null,
    }),
  },
  zaakcontactmoment: remoteRef('zaakcontactmomenten', 'contactmoment'),
  zaakverzoek: remoteRef('zaakverzoeken', 'verzoek'),
  zaakbesluit: {
    path: 'besluiten',
    fixed: ['besluit'],
    guarded: false,
    async build(ctx, trx, _zaak, b) {
      await ctx.local.resolve(trx, 'besluit', b.besluit as string, {
        api: 'besluiten',
        resource: 'besluiten',
      });
      return { ref: b.besluit as string, data: {} };
    },
    json: (baseUrl, row) => ({ ...base(baseUrl, row, 'besluiten'), besluit: row.ref }),
  },
};

/** A relation to a resource in another system (contactmoment, verzoek): it must answer as a resource. */
function remoteRef(path: string, field: string): KindSpec {
  return {
    path,
    fixed: ['zaak', field],
    guarded: true,
    async build(ctx, trx, _zaak, b) {
      const value = b[field] as string;
      if (ctx.local.isLocal(value))
        await ctx.local.resolve(trx, field, value, { api: 'zaken', resource: path });
      else await fetchReference(field, value);
      return { ref: value, data: {} };
    },
    json: (baseUrl, row) => ({
      ...base(baseUrl, row, path),
      zaak: zaakUrl(baseUrl, row.zaak_id),
      [field]: row.ref,
    }),
  };
}
