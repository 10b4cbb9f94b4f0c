import { Invalid } from '../zgw/invalid.ts';
import { fetchReference } from '../zgw/references.ts';
import { type Conn, findZaak, type ZaakRow } from './store.ts';
import { zakenTexts as t } from './texts.nl.ts';
import type { ZaakBody, ZakenContext } from './types.ts';

const ZAAK_URL =
  /\/zaken\/api\/v1\/zaken\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/?$/i;

/** The id of one of this Loket's zaken from its URL, or null. */
export function localZaakId(ctx: { baseUrl: string }, url: unknown): string | null {
  if (typeof url !== 'string' || !url.startsWith(`${ctx.baseUrl}/`)) return null;
  return ZAAK_URL.exec(url)?.[1]?.toLowerCase() ?? null;
}

/**
 * The rules on a zaak's own fields and references (ZGW Zaken 1.5.1), checked on create and update:
 * gegevensgroepen complete, references that resolve, hoofdzaak not a deelzaak nor itself, producten of the
 * zaaktype, betalingsindicatie "nvt" without a payment date, archive fields (and archived documents) before
 * archiving. `body` is the effective zaak (the stored one with the change applied); `current` the stored
 * one on update. Answers the hoofdzaak's id.
 */
export async function checkZaakRules(
  ctx: ZakenContext,
  trx: Conn,
  body: ZaakBody,
  zaaktype: Record<string, unknown>,
  current?: ZaakRow,
): Promise<{ hoofdzaakId: string | null }> {
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
  let hoofdzaakId: string | null = null;
  if (typeof body.hoofdzaak === 'string' && body.hoofdzaak) {
    const id = localZaakId(ctx, body.hoofdzaak);
    const hoofdzaak = id ? await findZaak(trx, id) : undefined;
    if (!hoofdzaak) invalid.add('hoofdzaak', 'no_match', t.noMatch);
    else if (current && hoofdzaak.id === current.id)
      invalid.add('hoofdzaak', 'self-forbidden', t.selfForbidden);
    else if (hoofdzaak.hoofdzaak_id)
      invalid.add('hoofdzaak', 'deelzaak-als-hoofdzaak', t.deelzaakAlsHoofdzaak);
    else hoofdzaakId = hoofdzaak.id;
  }
  if (body.archiefstatus && body.archiefstatus !== 'nog_te_archiveren') {
    if (current && !(await documentsArchived(ctx, trx, current.id)))
      invalid.add('archiefstatus', 'documents-not-archived', t.documentsNotArchived);
    else if (!body.archiefnominatie)
      invalid.add('archiefnominatie', 'archiefnominatie-not-set', t.archiefnominatieNotSet);
    else if (!body.archiefactiedatum)
      invalid.add('archiefactiedatum', 'archiefactiedatum-not-set', t.archiefactiedatumNotSet);
  }
  invalid.throwIfAny();
  if (typeof body.communicatiekanaal === 'string' && body.communicatiekanaal !== '')
    await fetchReference('communicatiekanaal', body.communicatiekanaal, (b) => typeof b.naam === 'string');
  const andere = Array.isArray(body.relevanteAndereZaken)
    ? (body.relevanteAndereZaken as { url?: string }[])
    : [];
  for (const [i, relatie] of andere.entries()) {
    if (typeof relatie?.url !== 'string') continue;
    await ctx.local.resolve(
      trx,
      `relevanteAndereZaken.${i}.url`,
      relatie.url,
      { api: 'zaken', resource: 'zaken' },
      (b) => typeof b.zaaktype === 'string',
    );
  }
  return { hoofdzaakId };
}

/** Whether every document of the zaak (that lives in this Loket) has status `gearchiveerd`. */
async function documentsArchived(ctx: ZakenContext, trx: Conn, zaakId: string): Promise<boolean> {
  const links = await trx
    .selectFrom('zrc_zaak_child')
    .select('ref')
    .where('zaak_id', '=', zaakId)
    .where('kind', '=', 'zaakinformatieobject')
    .execute();
  for (const { ref } of links) {
    const document = await ctx.local.lookup(trx, ref as string);
    if (document && document.status !== 'gearchiveerd') return false;
  }
  return true;
}
