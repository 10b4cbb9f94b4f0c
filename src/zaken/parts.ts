import type { Trx } from '../platform/db/transaction.ts';
import { problems } from '../platform/http/problem.ts';
import { Invalid } from '../zgw/invalid.ts';
import { badUrl } from '../zgw/references.ts';
import { requireZaak } from './access.ts';
import { localZaakId } from './rules.ts';
import { findZaak, type ZaakRow } from './store.ts';
import { zakenTexts as t } from './texts.nl.ts';
import type { Caller, ZakenContext } from './types.ts';

/** What every part of a zaak (status, rol, resultaat, zaakobject, …) checks first. */

/**
 * The zaak a new part refers to (one of ours, else `bad-url`), locked for the rest of the transaction,
 * with one of `scopes` checked for its zaaktype and confidentiality.
 */
export async function parentZaak(
  ctx: ZakenContext,
  trx: Trx,
  caller: Caller,
  url: unknown,
  scopes: string[],
): Promise<ZaakRow> {
  if (url === undefined || url === null || url === '')
    new Invalid().add('zaak', 'required', t.required).throwIfAny();
  const id = localZaakId(ctx, url);
  const zaak = id ? await findZaak(trx, id, true) : undefined;
  if (!zaak || zaak.organisation_id !== caller.organisationId) throw badUrl('zaak');
  requireZaak(caller, zaak, scopes);
  return zaak;
}

/** A type of the zaak's zaaktype (statustype, resultaattype, roltype, eigenschap), or a 400 naming the field. */
export async function typeOfZaak(
  ctx: ZakenContext,
  trx: Trx,
  field: string,
  url: unknown,
  resource: string,
  zaak: ZaakRow,
): Promise<Record<string, unknown>> {
  if (!url) throw problems.invalidField(field, 'required', t.required);
  const type = await ctx.local.resolve(trx, field, url as string, { api: 'catalogi', resource });
  if (type.zaaktype !== zaak.zaaktype)
    throw problems.validation([
      { name: 'nonFieldErrors', code: 'zaaktype-mismatch', reason: t.typeMismatch },
    ]);
  return type;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A path id: a UUID (lower case), else the resource does not exist. */
export function pathId(id: string): string {
  if (!UUID.test(id)) throw problems.notFound();
  return id.toLowerCase();
}

/** The id of a zaak URL given as a filter (`?zaak=`); a URL that is not one of ours matches nothing. */
export function zaakFilterId(ctx: ZakenContext, url: unknown): string | undefined {
  if (url === undefined || url === null || url === '') return undefined;
  return localZaakId(ctx, url) ?? '00000000-0000-0000-0000-000000000000';
}

/** Fields that name what a part belongs to and never change (`wijzigen-niet-toegelaten`). */
export function requireUnchanged(
  body: Record<string, unknown>,
  current: Record<string, unknown>,
  fields: string[],
) {
  const invalid = new Invalid();
  for (const f of fields)
    if (body[f] !== undefined && body[f] !== current[f])
      invalid.add(f, 'wijzigen-niet-toegelaten', t.immutable(`Het veld ${f}`));
  invalid.throwIfAny();
}

/** A date-time without offset is UTC (as the reference implementation reads it). */
export { parseDateTime } from '../zgw/datetime.ts';
