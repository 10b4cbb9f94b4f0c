import { vertrouwelijkheidRank } from '../authz/policy.ts';
import { unlinkAllOf } from '../documenten/object-relations.ts';
import { inTransaction, type Trx } from '../platform/db/transaction.ts';
import { Invalid } from '../zgw/invalid.ts';
import { requireOpen, requireZaak, SCOPES } from './access.ts';
import { type Actie, announce } from './events.ts';
import { type ZaakJson, zaakJson } from './json.ts';
import { checkZaakRules } from './rules.ts';
import { checkZaakFields, dataOf } from './service-zaak.ts';
import {
  deelzakenOf,
  deleteZaakRow,
  loadZaak,
  updateZaakRow,
  type ZaakChanges,
  type ZaakRow,
} from './store.ts';
import { zakenTexts as t } from './texts.nl.ts';
import type { Caller, ZaakBody, ZakenContext } from './types.ts';

/** The zaak's own fields as ZGW names them, merged with a change: what the rules check. */
function effective(row: ZaakRow, json: ZaakJson, body: ZaakBody): ZaakBody {
  const merged: ZaakBody = { ...json, ...body };
  if (body.hoofdzaak === undefined) merged.hoofdzaak = json.hoofdzaak;
  merged.archiefnominatie =
    body.archiefnominatie !== undefined ? body.archiefnominatie : row.archiefnominatie;
  merged.archiefactiedatum =
    body.archiefactiedatum !== undefined ? body.archiefactiedatum : row.archiefactiedatum;
  return merged;
}

const orNull = <T>(value: unknown, current: T): T => (value !== undefined ? (value as T) : current);

/**
 * PUT (`partial` false) or PATCH of a zaak: the zaaktype and identificatie never change; a closed zaak only
 * with `zaken.geforceerd-bijwerken`.
 */
export async function updateZaak(
  ctx: ZakenContext,
  caller: Caller,
  id: string,
  body: ZaakBody,
  partial: boolean,
) {
  checkZaakFields(body, partial);
  return inTransaction(ctx.db, async (trx) => {
    const row = await loadZaak(trx, id, true);
    requireZaak(caller, row, [SCOPES.bijwerken, SCOPES.geforceerd]);
    requireOpen(caller, row);
    const invalid = new Invalid();
    if (body.zaaktype !== undefined && body.zaaktype !== row.zaaktype)
      invalid.add('zaaktype', 'wijzigen-niet-toegelaten', t.immutable('Het zaaktype'));
    if (body.identificatie !== undefined && body.identificatie !== row.identificatie)
      invalid.add('identificatie', 'wijzigen-niet-toegelaten', t.immutable('De identificatie'));
    invalid.throwIfAny();
    const before = zaakJson(ctx.baseUrl, row);
    const zaaktype = (await ctx.local.lookup(trx, row.zaaktype)) ?? {};
    const { hoofdzaakId } = await checkZaakRules(ctx, trx, effective(row, before, body), zaaktype, row);
    const vertrouwelijkheid = (body.vertrouwelijkheidaanduiding as string) || row.vertrouwelijkheidaanduiding;
    const changes: ZaakChanges = {
      bronorganisatie: (body.bronorganisatie as string) ?? row.bronorganisatie,
      verantwoordelijke_organisatie:
        (body.verantwoordelijkeOrganisatie as string) ?? row.verantwoordelijke_organisatie,
      registratiedatum: (body.registratiedatum as string) ?? row.registratiedatum,
      startdatum: (body.startdatum as string) ?? row.startdatum,
      einddatum_gepland: orNull(body.einddatumGepland, row.einddatum_gepland),
      uiterlijke_einddatum_afdoening: orNull(
        body.uiterlijkeEinddatumAfdoening,
        row.uiterlijke_einddatum_afdoening,
      ),
      publicatiedatum: orNull(body.publicatiedatum, row.publicatiedatum),
      vertrouwelijkheidaanduiding: vertrouwelijkheid,
      vertrouwelijkheid_rank: vertrouwelijkheidRank(vertrouwelijkheid),
      archiefnominatie: orNull(body.archiefnominatie, row.archiefnominatie),
      archiefstatus: (body.archiefstatus as string) ?? row.archiefstatus,
      archiefactiedatum: orNull(body.archiefactiedatum, row.archiefactiedatum),
      hoofdzaak_id: body.hoofdzaak !== undefined ? hoofdzaakId : row.hoofdzaak_id,
      data: dataOf(body, row.data),
    };
    const after = await updateZaakRow(trx, row, changes);
    const json = zaakJson(ctx.baseUrl, after);
    const actie: Actie = partial ? 'partial_update' : 'update';
    await announce(trx, caller, json, { resource: 'zaak', url: json.url, actie, oud: before, nieuw: json });
    return json;
  });
}

/** Deletes a zaak with everything of it, its deelzaken first; each leaves a notification and audit row. */
export async function deleteZaak(ctx: ZakenContext, caller: Caller, id: string): Promise<void> {
  await inTransaction(ctx.db, async (trx) => {
    const row = await loadZaak(trx, id, true);
    requireZaak(caller, row, [SCOPES.verwijderen]);
    const deelzaken = await deelzakenOf(trx, row.id);
    for (const deelzaak of deelzaken) await removeZaak(ctx, trx, caller, deelzaak);
    // Read again when deelzaken went: its list of them (kept by a trigger) is empty now.
    await removeZaak(ctx, trx, caller, deelzaken.length > 0 ? await loadZaak(trx, row.id) : row);
  });
}

async function removeZaak(ctx: ZakenContext, trx: Trx, caller: Caller, row: ZaakRow): Promise<void> {
  const before = zaakJson(ctx.baseUrl, row);
  // The documents' side of the relation (ObjectInformatieObject) goes with it.
  await unlinkAllOf(trx, before.url);
  await deleteZaakRow(trx, row);
  await announce(trx, caller, zaakJson(ctx.baseUrl, row), {
    resource: 'zaak',
    url: before.url,
    actie: 'destroy',
    oud: before,
    nieuw: null,
  });
}
