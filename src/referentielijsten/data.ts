import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The files of the public Referentielijsten data set (VNG-Realisatie/referentielijsten-api) this API serves. */
export const DATA_FILES = {
  procestypen: 'procestypen.json',
  resultaten: 'resultaten.json',
  resultaattypeomschrijvingen: 'resultaattypeomschrijvingen.json',
} as const;

export type Resource = 'procestypen' | 'resultaten' | 'resultaattypeomschrijvingen' | 'communicatiekanalen';

/** A record as served: a plain JSON object whose `url` (and `procesType`) point at this server. */
export type Entry = Record<string, unknown> & { url: string };

export interface Referentielijsten {
  /** Absolute root of the API, e.g. `http://127.0.0.1:3000/referentielijsten/api/v1`. */
  apiRoot: string;
  lists: Record<Resource, Entry[]>;
  /** uuid → entry, per resource. */
  byUuid: Record<Resource, Map<string, Entry>>;
}

export type LoadResult = { ok: true; data: Referentielijsten } | { ok: false; reason: string };

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const UUID_EXACT = new RegExp(`^${UUID.source}$`, 'i');

export function isUuid(value: string): boolean {
  return UUID_EXACT.test(value);
}

/**
 * Communicatiekanalen: the public data set has none, so Loket ships this small set. The uuids are
 * fixed forever: zaken and klantcontacten store URLs built from them.
 */
export const COMMUNICATIEKANALEN: ReadonlyArray<{ uuid: string; naam: string; omschrijving: string }> = [
  {
    uuid: '75afed02-b30b-4818-b3ee-d0b6532de69e',
    naam: 'E-mail',
    omschrijving: 'Contact via elektronische post.',
  },
  {
    uuid: 'ce51385e-ceb2-42fd-9054-799fe88f45ea',
    naam: 'Telefoon',
    omschrijving: 'Contact via de telefoon.',
  },
  {
    uuid: '6e4c9061-909c-4c33-937a-3de8172c309a',
    naam: 'Balie',
    omschrijving: 'Persoonlijk contact aan de balie of het loket.',
  },
  {
    uuid: 'a40595d7-fa7b-43c9-a769-cd5403e63e5c',
    naam: 'Post',
    omschrijving: 'Contact per brief via de post.',
  },
  {
    uuid: '8e1f7078-3370-46e8-987d-116826c45663',
    naam: 'Internet',
    omschrijving: 'Contact via een website of portaal, zoals een digitaal formulier.',
  },
];

/** `<repo>/../shared`, or LOKET_SHARED_DIR: where the public reference data lives. */
export function defaultSharedDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.LOKET_SHARED_DIR) return resolve(env.LOKET_SHARED_DIR);
  const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
  return resolve(repoRoot, '..', 'shared');
}

export function defaultDataDir(sharedDir: string = defaultSharedDir()): string {
  return join(sharedDir, 'data', 'selectielijst', 'referentielijsten-api');
}

/** The uuid in a reference: the data holds bare uuids or URLs of the national service ending in one. */
export function uuidOf(reference: string): string | null {
  const segments = reference.split(/[/?#]/).filter(Boolean);
  for (let i = segments.length - 1; i >= 0; i--) {
    if (UUID_EXACT.test(segments[i])) return segments[i].toLowerCase();
  }
  return null;
}

function asEntries(raw: unknown, file: string): Record<string, unknown>[] {
  if (!Array.isArray(raw) || raw.some((r) => typeof r !== 'object' || r === null || Array.isArray(r))) {
    throw new Error(`${file}: expected a JSON array of objects`);
  }
  return raw as Record<string, unknown>[];
}

/**
 * Builds the served lists from raw records: every `url` becomes `<apiRoot>/<resource>/<uuid>` and
 * every `procesType` of a resultaat becomes the URL of that procestype here.
 */
export function buildReferentielijsten(
  apiRoot: string,
  raw: Record<'procestypen' | 'resultaten' | 'resultaattypeomschrijvingen', Record<string, unknown>[]>,
): Referentielijsten {
  const root = apiRoot.replace(/\/+$/, '');
  const urlFor = (resource: Resource, uuid: string) => `${root}/${resource}/${uuid}`;
  const rewrite = (resource: Resource, records: Record<string, unknown>[]): Entry[] =>
    records.map((record, index) => {
      const uuid = typeof record.url === 'string' ? uuidOf(record.url) : null;
      if (!uuid) throw new Error(`${resource}[${index}]: url "${String(record.url)}" holds no uuid`);
      const entry: Entry = { ...record, url: urlFor(resource, uuid) };
      if (typeof record.procesType === 'string') {
        const procesType = uuidOf(record.procesType);
        if (!procesType)
          throw new Error(`${resource}[${index}]: procesType "${record.procesType}" holds no uuid`);
        entry.procesType = urlFor('procestypen', procesType);
      }
      return entry;
    });

  const lists: Record<Resource, Entry[]> = {
    procestypen: rewrite('procestypen', raw.procestypen),
    resultaten: rewrite('resultaten', raw.resultaten),
    resultaattypeomschrijvingen: rewrite('resultaattypeomschrijvingen', raw.resultaattypeomschrijvingen),
    communicatiekanalen: COMMUNICATIEKANALEN.map((k) => ({
      url: urlFor('communicatiekanalen', k.uuid),
      naam: k.naam,
      omschrijving: k.omschrijving,
    })),
  };
  const byUuid = {} as Record<Resource, Map<string, Entry>>;
  for (const resource of Object.keys(lists) as Resource[]) {
    byUuid[resource] = new Map(lists[resource].map((e) => [uuidOf(e.url)!, e]));
  }
  return { apiRoot: root, lists, byUuid };
}

/** Reads the data set from `dataDir` once. Absent folder or file → `ok: false` with the reason. */
export async function loadReferentielijsten(dataDir: string, apiRoot: string): Promise<LoadResult> {
  if (!existsSync(dataDir)) return { ok: false, reason: `data folder ${dataDir} does not exist` };
  const missing = Object.values(DATA_FILES).filter((f) => !existsSync(join(dataDir, f)));
  if (missing.length > 0) return { ok: false, reason: `${missing.join(', ')} missing in ${dataDir}` };
  const read = async (file: string) =>
    asEntries(JSON.parse(await readFile(join(dataDir, file), 'utf8')), file);
  return {
    ok: true,
    data: buildReferentielijsten(apiRoot, {
      procestypen: await read(DATA_FILES.procestypen),
      resultaten: await read(DATA_FILES.resultaten),
      resultaattypeomschrijvingen: await read(DATA_FILES.resultaattypeomschrijvingen),
    }),
  };
}
