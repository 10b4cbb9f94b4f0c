import { type BrpClient, type Persoon, SourceUnavailableError } from '../../facts/brp/index.ts';
import type { Trx } from '../../platform/db/transaction.ts';
import { recordProcessing } from '../../processing-log/index.ts';
import type { DataListItem } from '../shared/index.ts';
import type { Citizen } from './page.ts';
import { portalTexts as tx } from './texts.nl.ts';

/**
 * What the government already knows about the person, from the BRP: shown with its source, date and
 * legal basis, used to prefill forms. When the BRP cannot be reached that is said plainly, never hidden.
 */

export const KNOWN_FIELDS = ['naam', 'geboorte.datum', 'verblijfplaats', 'partners'];

export type Known = { ok: true; person: Persoon } | { ok: false; unavailable: true };

export async function whatWeKnow(
  trx: Trx,
  brp: BrpClient | null,
  who: Citizen,
  purpose: string,
  traceId: string,
): Promise<Known | null> {
  if (!brp) return null;
  try {
    const person = await brp.getPerson(who.bsn, KNOWN_FIELDS);
    if (!person) return null;
    await recordProcessing(trx, {
      organisationId: who.session.organisationId,
      operation: 'read',
      actor: { kind: 'citizen', id: who.actorId },
      subject: { kind: 'bsn', id: who.bsn },
      dataCategories: ['naam', 'geboortedatum', 'adres', 'partner'],
      purpose,
      legalBasis: tx.start.legalBasis,
      traceId,
      foreignOperation: undefined,
    });
    return { ok: true, person };
  } catch (err) {
    if (err instanceof SourceUnavailableError) return { ok: false, unavailable: true };
    throw err;
  }
}

function address(p: Persoon): string | null {
  const a = p.address;
  if (a?.kind !== 'domestic') return null;
  const number = [a.houseNumber, a.houseLetter, a.houseNumberAddition ? `-${a.houseNumberAddition}` : '']
    .filter((x) => x !== undefined && x !== '')
    .join('');
  return `${a.street ?? ''} ${number}, ${a.postcode ?? ''} ${a.city ?? ''}`.replace(/\s+/g, ' ').trim();
}

/** The known facts as a data list, each with where it came from, when, and on what legal basis. */
export function knownItems(p: Persoon): DataListItem[] {
  const provenance = {
    source: tx.start.source,
    date: p.provenance.retrievedAt,
    legalBasis: tx.start.legalBasis,
  };
  const f = tx.start.brpFields;
  const items: DataListItem[] = [];
  if (p.name?.fullName) items.push({ key: f.name, value: p.name.fullName, provenance });
  if (p.birthDate) items.push({ key: f.birthDate, value: p.birthDate.langFormaat, provenance });
  const a = address(p);
  if (a) items.push({ key: f.address, value: a, provenance });
  return items;
}

/** The current partner's BSN, when the BRP knows one (prefills "the partner's BSN"). */
export function partnerBsn(p: Persoon): string | undefined {
  return p.partners?.find((x) => !x.dissolvedOn && x.bsn)?.bsn;
}
