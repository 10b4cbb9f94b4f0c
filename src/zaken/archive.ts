import type { Trx } from '../platform/db/transaction.ts';
import { problems } from '../platform/http/problem.ts';
import { fetchReference } from '../zgw/references.ts';
import { localZaakId } from './rules.ts';
import { findZaak, type ZaakRow } from './store.ts';
import { zakenTexts as t } from './texts.nl.ts';
import type { ZakenContext } from './types.ts';

/**
 * Archiving on close (ZGW "brondatum archiefprocedure"): when the end status is set, the zaak takes its
 * resultaattype's archiefnominatie (unless it has one) and its archiefactiedatum = brondatum +
 * archiefactietermijn (unless it has one), the brondatum derived as the resultaattype says.
 */

/** Adds an ISO 8601 duration (years, months, weeks, days) to a date `YYYY-MM-DD`. */
export function addDuration(date: string, iso: string | null | undefined): string | null {
  const m = iso ? /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T.*)?$/.exec(iso) : null;
  if (!m) return null;
  const [y, mo, d] = date.split('-').map(Number);
  const years = y + Number(m[1] ?? 0);
  const months = mo - 1 + Number(m[2] ?? 0);
  // Day overflow clamps to the month's last day (31 January + 1 month = 28/29 February).
  const last = new Date(Date.UTC(years, months + 1, 0)).getUTCDate();
  const result = new Date(Date.UTC(years, months, Math.min(d, last)));
  result.setUTCDate(result.getUTCDate() + 7 * Number(m[3] ?? 0) + Number(m[4] ?? 0));
  return result.toISOString().slice(0, 10);
}

/** A date from a value such as `2013-1-1`, `2013-01-01` or `2013-01-01T10:00:00Z`, or null. */
export function dateOf(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})/.exec(value);
  if (!m) return null;
  return `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
}

const latest = (dates: (string | null)[]): string | null =>
  dates
    .filter((d): d is string => d !== null)
    .sort()
    .at(-1) ?? null;

const cannot = (why: string) =>
  problems.validation([
    { name: 'nonFieldErrors', code: 'archiefactiedatum-error', reason: t.brondatum(why) },
  ]);

interface Procedure {
  afleidingswijze?: string;
  datumkenmerk?: string;
  objecttype?: string;
  procestermijn?: string | null;
}

async function children(trx: Trx, zaakId: string, kind: string) {
  return trx
    .selectFrom('zrc_zaak_child')
    .select(['ref', 'data'])
    .where('zaak_id', '=', zaakId)
    .where('kind', '=', kind)
    .execute();
}

/** A referenced resource: local ones in-process, others over HTTP; null when it cannot be had. */
async function referenced(ctx: ZakenContext, trx: Trx, url: string): Promise<Record<string, unknown> | null> {
  if (ctx.local.isLocal(url)) return ctx.local.lookup(trx, url);
  return fetchReference('object', url).catch(() => null);
}

/** The brondatum of the archive procedure, or null when it is set by hand (`ander_datumkenmerk`). */
async function brondatum(ctx: ZakenContext, trx: Trx, zaak: ZaakRow, einddatum: string, p: Procedure) {
  switch (p.afleidingswijze) {
    case 'afgehandeld':
      return einddatum;
    case 'termijn':
      if (!p.procestermijn) throw cannot(t.brondatumSetting);
      return addDuration(einddatum, p.procestermijn);
    case 'hoofdzaak': {
      const hoofdzaak = zaak.hoofdzaak_id ? await findZaak(trx, zaak.hoofdzaak_id) : undefined;
      if (!hoofdzaak?.einddatum) throw cannot(t.brondatumNoHoofdzaak);
      return hoofdzaak.einddatum;
    }
    case 'eigenschap': {
      if (!p.datumkenmerk) throw cannot(t.brondatumSetting);
      const found = (await children(trx, zaak.id, 'zaakeigenschap')).find(
        (e) => (e.data as { naam?: string }).naam === p.datumkenmerk,
      );
      const date = dateOf((found?.data as { waarde?: string } | undefined)?.waarde);
      if (!date) throw cannot(t.brondatumNoEigenschap(p.datumkenmerk));
      return date;
    }
    case 'zaakobject': {
      if (!p.objecttype || !p.datumkenmerk) throw cannot(t.brondatumSetting);
      const dates: (string | null)[] = [];
      for (const o of await children(trx, zaak.id, 'zaakobject')) {
        const d = o.data as {
          objectType?: string;
          object?: string;
          objectIdentificatie?: Record<string, unknown>;
        };
        if (d.objectType !== p.objecttype) continue;
        const object = d.object ? await referenced(ctx, trx, d.object) : d.objectIdentificatie;
        dates.push(dateOf(object?.[p.datumkenmerk]));
      }
      const date = latest(dates);
      if (!date) throw cannot(t.brondatumNoObject(p.objecttype));
      return date;
    }
    case 'gerelateerde_zaak': {
      const andere = ((zaak.data.relevanteAndereZaken ?? []) as { url: string }[]).map((r) =>
        localZaakId(ctx, r.url),
      );
      const dates: (string | null)[] = [];
      for (const id of andere) dates.push(id ? ((await findZaak(trx, id))?.einddatum ?? null) : null);
      const date = latest(dates);
      if (!date) throw cannot(t.brondatumNoZaak);
      return date;
    }
    case 'ingangsdatum_besluit':
    case 'vervaldatum_besluit': {
      const field = p.afleidingswijze === 'ingangsdatum_besluit' ? 'ingangsdatum' : 'vervaldatum';
      const dates: (string | null)[] = [];
      for (const b of await children(trx, zaak.id, 'zaakbesluit'))
        dates.push(dateOf((await referenced(ctx, trx, b.ref as string))?.[field]));
      const date = latest(dates);
      if (!date) throw cannot(t.brondatumNoBesluit);
      return date;
    }
    default:
      // ander_datumkenmerk (and anything unknown): the archiefactiedatum is set by hand.
      return null;
  }
}

/** The archive fields of a zaak that closes on `einddatum` with this resultaattype. */
export async function archiveOnClose(
  ctx: ZakenContext,
  trx: Trx,
  zaak: ZaakRow,
  resultaattype: Record<string, unknown>,
  einddatum: string,
): Promise<{ archiefnominatie: string | null; archiefactiedatum: string | null }> {
  const archiefnominatie =
    zaak.archiefnominatie ?? ((resultaattype.archiefnominatie as string | null) || null);
  let archiefactiedatum = zaak.archiefactiedatum;
  const termijn = resultaattype.archiefactietermijn as string | null | undefined;
  if (!archiefactiedatum && termijn) {
    const procedure = (resultaattype.brondatumArchiefprocedure ?? {}) as Procedure;
    const bron = await brondatum(ctx, trx, zaak, einddatum, procedure);
    archiefactiedatum = bron ? addDuration(bron, termijn) : null;
  }
  return { archiefnominatie, archiefactiedatum };
}
