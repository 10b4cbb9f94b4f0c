import { fixtureList, readDjangoFixtures } from '../authz/fixtures.ts';
import type { Db } from '../platform/db/database.ts';
import { ZGW_APIS, type ZgwApi } from '../zgw/urls.ts';
import { insertKanaal } from './repository.ts';

/** Kanalen that are not an organisation's own: the standard ones and those from fixtures. */
export const SYSTEM_ORGANISATION = 'system';

/** The kanalen of the ZGW APIs, with the kenmerken their notifications carry. */
export const STANDARD_KANALEN: { naam: string; api: ZgwApi; filters: string[] }[] = [
  { naam: 'autorisaties', api: 'autorisaties', filters: [] },
  { naam: 'zaken', api: 'zaken', filters: ['bronorganisatie', 'zaaktype', 'vertrouwelijkheidaanduiding'] },
  {
    naam: 'documenten',
    api: 'documenten',
    filters: ['bronorganisatie', 'informatieobjecttype', 'vertrouwelijkheidaanduiding'],
  },
  { naam: 'besluiten', api: 'besluiten', filters: ['verantwoordelijkeOrganisatie', 'besluittype'] },
  { naam: 'zaaktypen', api: 'catalogi', filters: ['catalogus'] },
  { naam: 'besluittypen', api: 'catalogi', filters: ['catalogus'] },
  { naam: 'informatieobjecttypen', api: 'catalogi', filters: ['catalogus'] },
];

/** Creates the standard kanalen that do not exist yet (existing ones are left as they are). */
export async function seedStandardKanalen(db: Db, baseUrl: string): Promise<number> {
  let created = 0;
  for (const k of STANDARD_KANALEN) {
    const row = await insertKanaal(db, SYSTEM_ORGANISATION, {
      naam: k.naam,
      documentatieLink: `${baseUrl}${ZGW_APIS[k.api]}/schema/openapi.yaml`,
      filters: k.filters,
    });
    if (row) created++;
  }
  return created;
}

/** Seeds the `datamodel.kanaal` entries of the ZGW suite's fixtures (idempotent: existing names stay). */
export async function seedKanaalFixtures(db: Db, path: string): Promise<number> {
  let created = 0;
  for (const f of readDjangoFixtures(path)) {
    if (f.model !== 'datamodel.kanaal' || typeof f.fields.naam !== 'string') continue;
    const row = await insertKanaal(db, SYSTEM_ORGANISATION, {
      id: typeof f.fields.uuid === 'string' ? f.fields.uuid.toLowerCase() : undefined,
      naam: f.fields.naam,
      documentatieLink: typeof f.fields.documentatie_link === 'string' ? f.fields.documentatie_link : '',
      filters: fixtureList(f.fields.filters),
    });
    if (row) created++;
  }
  return created;
}
