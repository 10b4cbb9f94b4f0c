import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { clientsChanged } from '../platform/auth/client-cache.ts';
import { setClientSecret } from '../platform/auth/zgw-jwt.ts';
import type { Db } from '../platform/db/database.ts';
import { inTransaction } from '../platform/db/transaction.ts';
import { getOrganisation, upsertOrganisation } from '../platform/organisations.ts';
import type { Autorisatie, Component } from './policy.ts';
import { type ApplicatieRecord, releaseClientIds, saveApplicatie } from './repository.ts';

/** One entry of a Django fixture file (`manage.py dumpdata` format), as the ZGW suite ships them. */
export interface DjangoFixture {
  model: string;
  pk: number | string;
  fields: Record<string, unknown>;
}

/** The organisation the suite's API clients and applicaties belong to when seeded from fixtures. */
export const FIXTURE_ORGANISATION = {
  id: 'zgw-conformance',
  name: 'ZGW-conformancetest',
  kind: 'overig',
  rsin: null,
  phone: null,
  openingHours: null,
  website: null,
};

/**
 * Reads every Django fixture entry from a fixture file or from all `*.json` files of a folder (sorted by
 * name). Throws with the file name when a file is not a JSON array of fixtures: bad fixtures stop start-up.
 */
export function readDjangoFixtures(path: string): DjangoFixture[] {
  const files = statSync(path).isDirectory()
    ? readdirSync(path)
        .filter((f) => f.endsWith('.json'))
        .sort()
        .map((f) => join(path, f))
    : [path];
  const all: DjangoFixture[] = [];
  for (const file of files) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      throw new Error(`ZGW fixture ${file} is not valid JSON: ${(err as Error).message}`);
    }
    if (!Array.isArray(parsed)) throw new Error(`ZGW fixture ${file} is not a list of fixtures`);
    for (const entry of parsed) {
      if (!entry || typeof entry.model !== 'string' || typeof entry.fields !== 'object') {
        throw new Error(`ZGW fixture ${file} holds an entry without model or fields`);
      }
      all.push(entry as DjangoFixture);
    }
  }
  return all;
}

/** Django stores list fields in fixtures either as JSON arrays or as JSON text of one. */
export function fixtureList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = JSON.parse(value);
    if (Array.isArray(parsed)) return parsed.map(String);
  }
  return [];
}

const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/**
 * Seeds the suite's API clients (`vng_api_common.jwtsecret`) and applicaties (`authorizations.applicatie`,
 * with `authorizations.autorisatie` entries when present). Idempotent: running it again leaves the same
 * state; the fixtures are authoritative for the client ids and applicaties they name.
 */
export async function seedAuthzFixtures(
  db: Db,
  fixtures: DjangoFixture[],
): Promise<{ clients: number; applicaties: number }> {
  const organisationId = FIXTURE_ORGANISATION.id;
  const secrets = new Map<string, string>();
  for (const f of fixtures) {
    if (f.model !== 'vng_api_common.jwtsecret') continue;
    const id = text(f.fields.identifier);
    if (id) secrets.set(id, String(f.fields.secret ?? ''));
  }
  const autorisaties = new Map<string, Autorisatie[]>();
  for (const f of fixtures) {
    if (f.model !== 'authorizations.autorisatie') continue;
    const key = String(f.fields.applicatie);
    const list = autorisaties.get(key) ?? [];
    list.push({
      component: String(f.fields.component) as Component,
      scopes: fixtureList(f.fields.scopes),
      zaaktype: text(f.fields.zaaktype),
      informatieobjecttype: text(f.fields.informatieobjecttype),
      besluittype: text(f.fields.besluittype),
      maxVertrouwelijkheidaanduiding: text(f.fields.max_vertrouwelijkheidaanduiding),
    });
    autorisaties.set(key, list);
  }
  const applicaties = new Map<string, ApplicatieRecord>();
  for (const f of fixtures) {
    if (f.model !== 'authorizations.applicatie') continue;
    const uuid = String(f.fields.uuid ?? '').toLowerCase();
    if (!uuid) throw new Error(`ZGW fixture applicatie ${f.pk} has no uuid`);
    applicaties.set(uuid, {
      id: uuid,
      organisationId,
      label: String(f.fields.label ?? uuid),
      heeftAlleAutorisaties: f.fields.heeft_alle_autorisaties === true,
      clientIds: [...new Set(fixtureList(f.fields.client_ids))],
      autorisaties: autorisaties.get(String(f.pk)) ?? [],
    });
  }
  if (secrets.size === 0 && applicaties.size === 0) return { clients: 0, applicaties: 0 };

  await inTransaction(db, async (trx) => {
    if (!(await getOrganisation(trx, organisationId))) await upsertOrganisation(trx, FIXTURE_ORGANISATION);
    for (const [clientId, secret] of secrets) await setClientSecret(trx, clientId, secret, organisationId);
    for (const record of applicaties.values()) {
      await releaseClientIds(trx, record.clientIds, record.id);
      await saveApplicatie(trx, record);
    }
  });
  if (!db.isTransaction) clientsChanged(db);
  return { clients: secrets.size, applicaties: applicaties.size };
}
