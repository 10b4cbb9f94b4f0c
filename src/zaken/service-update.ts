import { sql } from 'kysely';
import { requireTypeAccess, vertrouwelijkheidRank } from '../authz/policy.ts';
import { inTransaction } from '../platform/db/transaction.ts';
import { Problem, problems } from '../platform/http/problem.ts';
import { Invalid } from '../zgw/invalid.ts';
import { DATA_FIELDS, zaakJson } from './json.ts';
import { checkZaakRules } from './rules.ts';
import {
  announce,
  type Caller,
  loadZaak,
  rolUrls,
  type ZaakBody,
  type ZakenContext,
} from './service-zaak.ts';
import { zakenTexts as t } from './texts.nl.ts';

const hasScope = (caller: Caller, scope: string) =>
  caller.auth.all || caller.auth.autorisaties.some((a) => a.component === 'zrc' && a.scopes.includes(scope));

/** A closed zaak only changes with `zaken.geforceerd-bijwerken`. */
export function requireOpen(caller: Caller, row: Record<string, unknown>) {
  if (row.einddatum && !hasScope(caller, 'zaken.geforceerd-bijwerken'))
    throw new Problem(403, 'permission_denied', t.closed);
}

/** PUT (`partial` false) or PATCH of a zaak: the zaaktype never changes; a closed zaak needs the forced scope. */
export async function updateZaak(
  ctx: ZakenContext,
  caller: Caller,
  id: string,
  body: ZaakBody,
  partial: boolean,
) {
  return inTransaction(ctx.db, async (trx) => {
    const row = await loadZaak(trx, id, true);
    requireTypeAccess(
      caller.auth,
      'zrc',
      ['zaken.bijwerken'],
      'zaaktype',
      row.zaaktype as string,
      row.vertrouwelijkheidaanduiding as string,
    );
    requireOpen(caller, row);
    const invalid = new Invalid();
    for (const f of ['bronorganisatie', 'verantwoordelijkeOrganisatie', 'startdatum', 'zaaktype'])
      if (!partial && (body[f] === undefined || body[f] === '')) invalid.add(f, 'required', t.required);
    if (body.zaaktype !== undefined && body.zaaktype !== row.zaaktype)
      invalid.add('zaaktype', 'wijzigen-niet-toegelaten', t.zaaktypeImmutable);
    if (body.identificatie !== undefined && body.identificatie !== row.identificatie)
      invalid.add('identificatie', 'wijzigen-niet-toegelaten', t.identificatieImmutable);
    invalid.throwIfAny();
    const zaaktype = (await ctx.local.lookup(trx, row.zaaktype as string)) ?? {};
    await checkZaakRules(ctx, trx, body, zaaktype, {
      id,
      archiefnominatie: row.archiefnominatie,
      archiefactiedatum: row.archiefactiedatum,
    });
    const before = zaakJson(ctx.baseUrl, row);
    const data = { ...((row.data ?? {}) as Record<string, unknown>) };
    for (const f of DATA_FIELDS) if (body[f] !== undefined) data[f] = body[f];
    if (data.betalingsindicatie === 'nvt') data.laatsteBetaaldatum = null;
    const vertrouwelijkheid =
      (body.vertrouwelijkheidaanduiding as string) || (row.vertrouwelijkheidaanduiding as string);
    const set = {
      identificatie: row.identificatie as string,
      bronorganisatie: (body.bronorganisatie as string) ?? row.bronorganisatie,
      verantwoordelijke_organisatie:
        (body.verantwoordelijkeOrganisatie as string) ?? row.verantwoordelijke_organisatie,
      startdatum: (body.startdatum as string) ?? row.startdatum,
      vertrouwelijkheidaanduiding: vertrouwelijkheid,
      vertrouwelijkheid_rank: vertrouwelijkheidRank(vertrouwelijkheid),
      archiefnominatie:
        body.archiefnominatie !== undefined ? (body.archiefnominatie as string | null) : row.archiefnominatie,
      archiefstatus: (body.archiefstatus as string) ?? row.archiefstatus,
      archiefactiedatum:
        body.archiefactiedatum !== undefined
          ? (body.archiefactiedatum as string | null)
          : row.archiefactiedatum,
      data: JSON.stringify(data),
    };
    if (set.identificatie !== row.identificatie || set.bronorganisatie !== row.bronorganisatie) {
      const clash = await trx
        .selectFrom('zrc_zaak')
        .select('id')
        .where('bronorganisatie', '=', set.bronorganisatie as string)
        .where('identificatie', '=', set.identificatie)
        .where('id', '!=', id)
        .executeTakeFirst();
      if (clash)
        throw problems.invalidField('identificatie', 'identificatie-niet-uniek', t.identificatieNotUnique);
    }
    await trx.updateTable('zrc_zaak').set(set).where('id', '=', id).execute();
    const after = zaakJson(ctx.baseUrl, { ...row, ...set, data }, await rolUrls(trx, ctx.baseUrl, id));
    await announce(trx, caller, after, partial ? 'partial_update' : 'update', before);
    return after;
  });
}

export async function deleteZaak(ctx: ZakenContext, caller: Caller, id: string) {
  await inTransaction(ctx.db, async (trx) => {
    const row = await loadZaak(trx, id, true);
    requireTypeAccess(
      caller.auth,
      'zrc',
      ['zaken.verwijderen'],
      'zaaktype',
      row.zaaktype as string,
      row.vertrouwelijkheidaanduiding as string,
    );
    const before = zaakJson(ctx.baseUrl, row);
    // Deelzaken go with their hoofdzaak.
    await trx.deleteFrom('zrc_zaak').where(sql<string>`data->>'hoofdzaak'`, '=', before.url).execute();
    await trx.deleteFrom('zrc_zaak').where('id', '=', id).execute();
    await announce(trx, caller, before, 'destroy', before);
  });
}
