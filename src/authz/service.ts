import { randomUUID } from 'node:crypto';
import { clientsChanged } from '../platform/auth/client-cache.ts';
import type { Db } from '../platform/db/database.ts';
import { isUniqueViolation } from '../platform/db/errors.ts';
import { inTransaction, type Trx } from '../platform/db/transaction.ts';
import { type InvalidParam, Problem, problems } from '../platform/http/problem.ts';
import { emitZgwNotification } from '../zgw/notifications.ts';
import { PAGE_SIZE } from '../zgw/pagination.ts';
import { resourceUrl } from '../zgw/urls.ts';
import type { Autorisatie } from './policy.ts';
import {
  type ApplicatieRecord,
  deleteApplicatie as deleteRow,
  getApplicatie,
  getApplicatieByClientId,
  listApplicaties as listRows,
  saveApplicatie,
  takenClientIds,
} from './repository.ts';
import { type ApiComponent, type ApplicatieInput, type AutorisatieInput, COMPONENTEN } from './schemas.ts';
import { authzTexts } from './texts.nl.ts';

/** Who is asking: the organisation of the calling API client, and the request id for tracing. */
export interface Caller {
  organisationId: string;
  traceId?: string;
}

export const KANAAL_AUTORISATIES = 'autorisaties';

/** Components whose main scopes (`zaken.*`, …) need the type and confidentiality fields (AutorisatieValidator). */
const REQUIRED_PER_COMPONENT: Partial<
  Record<ApiComponent, { prefix: string; fields: (keyof AutorisatieInput)[] }>
> = {
  zrc: { prefix: 'zaken.', fields: ['maxVertrouwelijkheidaanduiding', 'zaaktype'] },
  drc: { prefix: 'documenten.', fields: ['maxVertrouwelijkheidaanduiding', 'informatieobjecttype'] },
  brc: { prefix: 'besluiten.', fields: ['besluittype'] },
};

/** The type fields each component carries; other fields are not stored for it. */
const FIELDS_PER_COMPONENT: Record<ApiComponent, (keyof AutorisatieInput)[]> = {
  zrc: ['zaaktype', 'maxVertrouwelijkheidaanduiding'],
  drc: ['informatieobjecttype', 'maxVertrouwelijkheidaanduiding'],
  brc: ['besluittype'],
  ac: [],
  nrc: [],
  ztc: [],
};

const URL_FIELDS = ['zaaktype', 'informatieobjecttype', 'besluittype'] as const;

function isHttpUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
  } catch {
    return false;
  }
}

/** Field-level checks of the autorisaties, with the reference implementation's names and codes. */
function autorisatieErrors(autorisaties: AutorisatieInput[]): InvalidParam[] {
  const errors: InvalidParam[] = [];
  autorisaties.forEach((a, i) => {
    // Fields the component does not carry are ignored, as the reference's per-component serializer does.
    for (const field of URL_FIELDS) {
      if (!FIELDS_PER_COMPONENT[a.component].includes(field)) continue;
      const value = a[field];
      if (value && !isHttpUrl(value)) {
        errors.push({ name: `autorisaties.${i}.${field}`, code: 'invalid', reason: authzTexts.invalidUrl });
      }
    }
    const rule = REQUIRED_PER_COMPONENT[a.component];
    if (!rule || !a.scopes.some((s) => s.startsWith(rule.prefix))) return;
    for (const field of rule.fields) {
      if (!a[field]) {
        errors.push({
          name: `autorisaties.${i}.${field}`,
          code: 'required',
          reason: authzTexts.requiredFor(a.component),
        });
      }
    }
  });
  return errors;
}

function toAutorisatie(a: AutorisatieInput): Autorisatie {
  const keep = FIELDS_PER_COMPONENT[a.component];
  const value = (field: keyof AutorisatieInput) =>
    keep.includes(field) && a[field] ? String(a[field]) : null;
  return {
    component: a.component,
    scopes: [...new Set(a.scopes)],
    zaaktype: value('zaaktype'),
    informatieobjecttype: value('informatieobjecttype'),
    besluittype: value('besluittype'),
    maxVertrouwelijkheidaanduiding: value('maxVertrouwelijkheidaanduiding'),
  };
}

/**
 * Validates a new or changed applicatie the way the reference implementation does: first every field
 * (client ids unique across applicaties, type fields per component), and only when those pass the
 * whole object (either heeftAlleAutorisaties or autorisaties, never both, never neither).
 */
async function validated(
  db: Db | Trx,
  input: ApplicatieInput,
  existing: ApplicatieRecord | null,
): Promise<Omit<ApplicatieRecord, 'id' | 'organisationId'>> {
  const errors: InvalidParam[] = [];
  if (input.clientIds) {
    const duplicates = input.clientIds.filter((c, i) => input.clientIds!.indexOf(c) !== i);
    if (duplicates.length > 0) {
      errors.push({ name: 'clientIds', code: 'unique', reason: authzTexts.duplicateClientIds(duplicates) });
    } else {
      const taken = await takenClientIds(db, input.clientIds, existing?.id ?? null);
      if (taken.length > 0) {
        errors.push({
          name: 'clientIds',
          code: 'clientId-exists',
          reason: authzTexts.clientIdExists(
            taken.map((x) => x.clientId),
            [...new Set(taken.map((x) => x.applicatieId))],
          ),
        });
      }
    }
  }
  if (input.autorisaties) errors.push(...autorisatieErrors(input.autorisaties));
  if (errors.length > 0) throw problems.validation(errors);

  const merged = {
    clientIds: input.clientIds ?? existing?.clientIds ?? [],
    label: input.label ?? existing?.label ?? '',
    heeftAlleAutorisaties: input.heeftAlleAutorisaties ?? existing?.heeftAlleAutorisaties ?? false,
    autorisaties: input.autorisaties ? input.autorisaties.map(toAutorisatie) : (existing?.autorisaties ?? []),
  };
  if (merged.heeftAlleAutorisaties && merged.autorisaties.length > 0) {
    throw problems.validation([
      { name: 'nonFieldErrors', code: 'ambiguous-authorizations-specified', reason: authzTexts.ambiguous },
    ]);
  }
  if (!merged.heeftAlleAutorisaties && merged.autorisaties.length === 0) {
    throw problems.validation([
      { name: 'nonFieldErrors', code: 'missing-authorizations', reason: authzTexts.missing },
    ]);
  }
  return merged;
}

const clientIdRace = () =>
  problems.validation([{ name: 'clientIds', code: 'clientId-exists', reason: authzTexts.clientIdRace }]);

export function applicatieUrl(baseUrl: string, id: string): string {
  return resourceUrl(baseUrl, 'autorisaties', 'applicaties', id);
}

async function notify(
  trx: Trx,
  baseUrl: string,
  caller: Caller,
  id: string,
  actie: 'create' | 'update' | 'partial_update' | 'destroy',
) {
  const url = applicatieUrl(baseUrl, id);
  await emitZgwNotification(
    trx,
    caller.organisationId,
    {
      kanaal: KANAAL_AUTORISATIES,
      hoofdObject: url,
      resource: 'applicatie',
      resourceUrl: url,
      actie,
      kenmerken: {},
    },
    caller.traceId,
  );
}

export interface AuthzService {
  list(
    caller: Caller,
    query: { clientIds?: string[]; page: number },
  ): Promise<{ count: number; records: ApplicatieRecord[] }>;
  read(caller: Caller, id: string): Promise<ApplicatieRecord>;
  consumer(caller: Caller, clientId: string): Promise<ApplicatieRecord>;
  create(caller: Caller, input: ApplicatieInput): Promise<ApplicatieRecord>;
  update(caller: Caller, id: string, input: ApplicatieInput, partial: boolean): Promise<ApplicatieRecord>;
  remove(caller: Caller, id: string): Promise<void>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function authzService(db: Db, baseUrl: string): AuthzService {
  const found = (record: ApplicatieRecord | null): ApplicatieRecord => {
    if (!record) throw problems.notFound();
    return record;
  };
  const existing = async (trx: Db | Trx, caller: Caller, id: string, forUpdate = false) => {
    if (!UUID.test(id)) throw problems.notFound();
    return found(await getApplicatie(trx, caller.organisationId, id.toLowerCase(), { forUpdate }));
  };

  return {
    async list(caller, query) {
      const result = await listRows(db, caller.organisationId, {
        clientIds: query.clientIds,
        limit: PAGE_SIZE,
        offset: (query.page - 1) * PAGE_SIZE,
      });
      if (query.page > 1 && result.records.length === 0)
        throw new Problem(404, 'not_found', authzTexts.noPage);
      return result;
    },

    read: (caller, id) => existing(db, caller, id),

    async consumer(caller, clientId) {
      return found(await getApplicatieByClientId(db, caller.organisationId, clientId));
    },

    async create(caller, input) {
      try {
        return await changingClients(db, async (trx) => {
          const values = await validated(trx, input, null);
          const record: ApplicatieRecord = {
            id: randomUUID(),
            organisationId: caller.organisationId,
            ...values,
          };
          await saveApplicatie(trx, record);
          await notify(trx, baseUrl, caller, record.id, 'create');
          return record;
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw clientIdRace();
        throw err;
      }
    },

    async update(caller, id, input, partial) {
      try {
        return await changingClients(db, async (trx) => {
          const current = await existing(trx, caller, id, true);
          const values = await validated(trx, input, current);
          const record: ApplicatieRecord = { ...current, ...values };
          await saveApplicatie(trx, record);
          await notify(trx, baseUrl, caller, record.id, partial ? 'partial_update' : 'update');
          return record;
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw clientIdRace();
        throw err;
      }
    },

    async remove(caller, id) {
      await changingClients(db, async (trx) => {
        const current = await existing(trx, caller, id, true);
        await deleteRow(trx, caller.organisationId, current.id);
        await notify(trx, baseUrl, caller, current.id, 'destroy');
      });
    },
  };
}

interface AutorisatieJson {
  component: string;
  componentWeergave: string;
  scopes: string[];
  zaaktype?: string;
  informatieobjecttype?: string;
  besluittype?: string;
  maxVertrouwelijkheidaanduiding?: string;
}

/** The API representation of an applicatie (Autorisaties API 1.0.0 `Applicatie`). */
export function applicatieJson(baseUrl: string, r: ApplicatieRecord) {
  return {
    url: applicatieUrl(baseUrl, r.id),
    clientIds: r.clientIds,
    label: r.label,
    heeftAlleAutorisaties: r.heeftAlleAutorisaties,
    autorisaties: r.autorisaties.map((a) => {
      const component = a.component as ApiComponent;
      const out: AutorisatieJson = {
        component: a.component,
        componentWeergave: COMPONENTEN[component] ?? a.component,
        scopes: a.scopes,
      };
      for (const field of FIELDS_PER_COMPONENT[component] ?? []) {
        if (field === 'component' || field === 'scopes') continue;
        out[field] = a[field] ?? '';
      }
      return out;
    }),
  };
}

/** A change of applicaties in its own transaction; once committed, this process forgets what it remembered. */
async function changingClients<T>(db: Db, work: (trx: Trx) => Promise<T>): Promise<T> {
  const result = await inTransaction(db, work);
  if (!db.isTransaction) clientsChanged(db);
  return result;
}
