import { randomUUID } from 'node:crypto';
import type { Trx } from '../platform/db/transaction.ts';
import type { AuditActor } from '../zgw/audittrail.ts';
import { announce } from './events.ts';
import { zaakJson } from './json.ts';
import { KINDS } from './kinds.ts';
import { localZaakId } from './rules.ts';
import { findZaak } from './store.ts';

/**
 * The zaak's side of a besluit (ZaakBesluit, GET /zaken/{uuid}/besluiten). The Besluiten module calls these
 * in the transaction in which a besluit gets, changes or loses its zaak — the in-process form of the
 * reference implementation's call from the BRC to the ZRC. The archive derivation on closing
 * (`ingangsdatum_besluit`, `vervaldatum_besluit`) reads the besluiten through this relation.
 */
export interface BesluitLink {
  /** URL of the zaak (one of this Loket's; others are ignored). */
  zaak: string;
  /** URL of the besluit. */
  besluit: string;
  /** Who made the besluit: for the zaak's audit trail and notification. */
  organisationId: string;
  actor: AuditActor;
}

function caller(link: BesluitLink) {
  return {
    organisationId: link.organisationId,
    auth: { clientId: link.actor.applicatieId, applicatieId: null, all: true, autorisaties: [] },
    actor: link.actor,
  };
}

/** Records that the besluit belongs to the zaak (idempotent). */
export async function linkBesluit(trx: Trx, baseUrl: string, link: BesluitLink): Promise<void> {
  const id = localZaakId({ baseUrl }, link.zaak);
  const zaak = id ? await findZaak(trx, id) : undefined;
  if (!zaak) return;
  const exists = await trx
    .selectFrom('zrc_zaak_child')
    .select('id')
    .where('zaak_id', '=', zaak.id)
    .where('kind', '=', 'zaakbesluit')
    .where('ref', '=', link.besluit)
    .executeTakeFirst();
  if (exists) return;
  const row = {
    id: randomUUID(),
    zaak_id: zaak.id,
    kind: 'zaakbesluit' as const,
    ref: link.besluit,
    data: {},
    created_at: new Date(),
  };
  await trx
    .insertInto('zrc_zaak_child')
    .values({ ...row, organisation_id: zaak.organisation_id, data: '{}' })
    .execute();
  const json = KINDS.zaakbesluit.json(baseUrl, row);
  await announce(trx, caller(link), zaakJson(baseUrl, zaak), {
    resource: 'zaakbesluit',
    url: json.url as string,
    actie: 'create',
    oud: null,
    nieuw: json,
  });
}

/** Removes the relation (the besluit is deleted or moved to another zaak). */
export async function unlinkBesluit(trx: Trx, baseUrl: string, link: BesluitLink): Promise<void> {
  const id = localZaakId({ baseUrl }, link.zaak);
  const zaak = id ? await findZaak(trx, id) : undefined;
  if (!zaak) return;
  const rows = await trx
    .deleteFrom('zrc_zaak_child')
    .where('zaak_id', '=', zaak.id)
    .where('kind', '=', 'zaakbesluit')
    .where('ref', '=', link.besluit)
    .returningAll()
    .execute();
  for (const r of rows) {
    const json = KINDS.zaakbesluit.json(baseUrl, { ...r, kind: 'zaakbesluit', data: {} } as never);
    await announce(trx, caller(link), zaakJson(baseUrl, zaak), {
      resource: 'zaakbesluit',
      url: json.url as string,
      actie: 'destroy',
      oud: json,
      nieuw: null,
    });
  }
}
