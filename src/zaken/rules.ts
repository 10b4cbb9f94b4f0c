import type { Trx } from '../platform/db/transaction.ts';
import { Invalid } from '../zgw/invalid.ts';
import { fetchReference } from '../zgw/references.ts';
import { zakenTexts as t } from './texts.nl.ts';
import type { ZaakBody, ZakenContext } from './types.ts';

const UUID = /\/zaken\/api\/v1\/zaken\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/?$/i;

/** The id of one of this Loket's zaken from its URL, or null. */
function localZaakId(ctx: ZakenContext, url: string): string | null {
  return url.startsWith(`${ctx.baseUrl}/`) ? (UUID.exec(url)?.[1]?.toLowerCase() ?? null) : null;
}

/**
 * The rules on a zaak's own fields and references (ZGW Zaken 1.5.1), checked on create and update:
 * gegevensgroepen complete, references that resolve, hoofdzaak not a deelzaak nor itself, producten of the
 * zaaktype, betalingsindicatie "nvt" without a payment date, archive fields before archiving.
 * `current` is the stored zaak on update (with its id), the effective body the merge of both.
 */
export async function checkZaakRules(
  ctx: ZakenContext,
  trx: Trx,
  body: ZaakBody,
  zaaktype: Record<string, unknown>,
  current?: { id: string; archiefnominatie: unknown; archiefactiedatum: unknown },
): Promise<void> {
  const invalid = new Invalid();
  for (const [group, fields] of [
    ['opschorting', ['indicatie', 'reden']],
    ['verlenging', ['reden', 'duur']],
  ] as const) {
    const value = body[group] as Record<string, unknown> | null | undefined;
    if (value === null || value === undefined) continue;
    for (const f of fields)
      if (value[f] === undefined || value[f] === null) invalid.add(`${group}.${f}`, 'required', t.required);
  }
  if (body.betalingsindicatie === 'nvt' && body.laatsteBetaaldatum)
    invalid.add('laatsteBetaaldatum', 'betaling-nvt', t.betalingNvt);
  const producten = (zaaktype.productenOfDiensten ?? []) as string[];
  if (
    Array.isArray(body.productenOfDiensten) &&
    body.productenOfDiensten.some((p) => !producten.includes(p as string))
  )
    invalid.add('productenOfDiensten', 'invalid-products-services', t.productenOfDiensten);
  if (typeof body.hoofdzaak === 'string' && body.hoofdzaak) {
    const id = localZaakId(ctx, body.hoofdzaak);
    const hoofdzaak = id
      ? await trx.selectFrom('zrc_zaak').select(['id', 'data']).where('id', '=', id).executeTakeFirst()
      : undefined;
    if (!hoofdzaak) invalid.add('hoofdzaak', 'no_match', t.noMatch);
    else if (current && hoofdzaak.id === current.id)
      invalid.add('hoofdzaak', 'self-forbidden', t.selfForbidden);
    else if ((hoofdzaak.data as Record<string, unknown>)?.hoofdzaak)
      invalid.add('hoofdzaak', 'deelzaak-als-hoofdzaak', t.deelzaakAlsHoofdzaak);
  }
  if (current && body.archiefstatus && body.archiefstatus !== 'nog_te_archiveren') {
    const nominatie = body.archiefnominatie !== undefined ? body.archiefnominatie : current.archiefnominatie;
    const actiedatum =
      body.archiefactiedatum !== undefined ? body.archiefactiedatum : current.archiefactiedatum;
    if (!nominatie) invalid.add('archiefnominatie', 'archiefnominatie-not-set', t.archiefnominatieNotSet);
    else if (!actiedatum)
      invalid.add('archiefactiedatum', 'archiefactiedatum-not-set', t.archiefactiedatumNotSet);
  }
  invalid.throwIfAny();
  if (typeof body.communicatiekanaal === 'string' && body.communicatiekanaal !== '')
    await fetchReference('communicatiekanaal', body.communicatiekanaal, (b) => typeof b.naam === 'string');
  const andere = Array.isArray(body.relevanteAndereZaken)
    ? (body.relevanteAndereZaken as { url?: string }[])
    : [];
  for (const [i, relatie] of andere.entries()) {
    const field = `relevanteAndereZaken.${i}.url`;
    if (typeof relatie?.url !== 'string') continue;
    await ctx.local.resolve(
      trx,
      field,
      relatie.url,
      { api: 'zaken', resource: 'zaken' },
      (b) => typeof b.zaaktype === 'string',
    );
  }
}
