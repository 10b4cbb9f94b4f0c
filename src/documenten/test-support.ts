import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { addTestClient, apiAs, type TestClient, zgwToken } from '../authz/test-support.ts';
import { newCatalogus } from '../catalog/test-support.ts';
import type { Config } from '../platform/config.ts';
import type { Database } from '../platform/db/database.ts';
import { startTestLoket, type TestLoket } from '../testing/backends.ts';

export const DRC = '/documenten/api/v1';
const ZTC = '/catalogi/api/v1';
type As = ReturnType<typeof apiAs>;

/** A Loket with its document files in a fresh temporary folder, an all-rights client and a catalogue. */
export interface DocumentenTestbed {
  loket: TestLoket;
  as: As;
  catalogus: string;
  dataDir: string;
  admin: TestClient;
  /** A raw HTTP request as the all-rights client (for downloads and multipart uploads). */
  fetch(pathOrUrl: string, init?: RequestInit): Promise<Response>;
  stop(): Promise<void>;
}

export async function documentenTestbed(
  database: Database,
  config: Partial<Config> = {},
): Promise<DocumentenTestbed> {
  const dataDir = await mkdtemp(join(tmpdir(), 'loket-drc-'));
  const admin = await addTestClient(database.db, { all: true });
  const loket = await startTestLoket(database, {
    config: { baseUrl: 'http://loket.test', dataDir, ...config },
  });
  const as = apiAs(loket.url, admin);
  const catalogus = await newCatalogus(as, 'DRC');
  return {
    loket,
    as,
    catalogus,
    dataDir,
    admin,
    async fetch(pathOrUrl, init = {}) {
      const path = pathOrUrl.startsWith('http')
        ? `${new URL(pathOrUrl).pathname}${new URL(pathOrUrl).search}`
        : pathOrUrl;
      const headers = new Headers(init.headers);
      headers.set('authorization', `Bearer ${await zgwToken(admin)}`);
      return fetch(`${loket.url}${path}`, { ...init, headers });
    },
    async stop() {
      await loket.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A published informatieobjecttype (unique omschrijving) with the given confidentiality level. */
export async function publishedType(as: As, catalogus: string, vertrouwelijkheidaanduiding = 'openbaar') {
  const res = await as('POST', `${ZTC}/informatieobjecttypen`, {
    catalogus,
    omschrijving: `Type ${crypto.randomUUID().slice(0, 8)}`,
    vertrouwelijkheidaanduiding,
    beginGeldigheid: '2024-01-01',
    informatieobjectcategorie: 'brief',
  });
  expect(res.status).toBe(201);
  const published = await as('POST', `${res.body.url}/publish`);
  expect(published.status).toBe(200);
  return res.body.url as string;
}

export function eioBody(informatieobjecttype: string, extra: Record<string, unknown> = {}) {
  return {
    bronorganisatie: '000000000',
    creatiedatum: '2025-03-01',
    titel: 'Besluit op aanvraag',
    auteur: 'Team vergunningen',
    taal: 'dut',
    inhoud: Buffer.from('Dit is de brief.').toString('base64'),
    bestandsnaam: 'brief.txt',
    formaat: 'text/plain',
    informatieobjecttype,
    ...extra,
  };
}
