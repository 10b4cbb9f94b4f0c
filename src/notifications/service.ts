import { randomUUID } from 'node:crypto';
import type { Db } from '../platform/db/database.ts';
import { inTransaction, type Trx } from '../platform/db/transaction.ts';
import { type InvalidParam, Problem, problems } from '../platform/http/problem.ts';
import { emitZgwNotification, type ZgwNotification } from '../zgw/notifications.ts';
import { PAGE_SIZE } from '../zgw/pagination.ts';
import { resourceUrl } from '../zgw/urls.ts';
import type { TargetCache } from './delivery-state.ts';
import { consistentWithKanaal } from './filters.ts';
import {
  type AbonnementRecord,
  type Aflevering,
  deleteAbonnement,
  getAbonnement,
  getKanaal,
  insertKanaal,
  type KanaalRecord,
  kanalenByNaam,
  listAbonnementen,
  listAfleveringen,
  listKanalen,
  saveAbonnement,
} from './repository.ts';
import type { AbonnementInput } from './schemas.ts';
import { notificationTexts as texts } from './texts.nl.ts';

export interface Caller {
  organisationId: string;
  clientId: string;
  traceId?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isHttpUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
  } catch {
    return false;
  }
}

/** The test notification the reference implementation POSTs to a new callback. */
const CALLBACK_PROBE: ZgwNotification = {
  kanaal: 'test',
  hoofdObject: 'http://some.hoofdobject.nl/',
  resource: 'some_resource',
  resourceUrl: 'http://some.resource.nl/',
  actie: 'create',
  aanmaakdatum: '2019-01-01T12:00:00Z',
  kenmerken: {},
};

/**
 * Checks that a callback can receive notifications by POSTing the reference implementation's test
 * notification with the abonnement's auth header; any 2xx answer passes (the reference wants 204).
 */
export async function probeCallback(url: string, auth: string, timeoutMs = 5000): Promise<boolean> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: auth },
      body: JSON.stringify(CALLBACK_PROBE),
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    await res.body?.cancel();
    return res.status >= 200 && res.status < 300;
  } catch {
    return false;
  }
}

export interface NotificationService {
  listKanalen(naam?: string): Promise<KanaalRecord[]>;
  readKanaal(id: string): Promise<KanaalRecord>;
  createKanaal(
    caller: Caller,
    input: { naam: string; documentatieLink?: string; filters?: string[] },
  ): Promise<KanaalRecord>;
  listAbonnementen(caller: Caller): Promise<AbonnementRecord[]>;
  readAbonnement(caller: Caller, id: string): Promise<AbonnementRecord>;
  createAbonnement(caller: Caller, input: AbonnementInput): Promise<AbonnementRecord>;
  updateAbonnement(caller: Caller, id: string, input: AbonnementInput): Promise<AbonnementRecord>;
  deleteAbonnement(caller: Caller, id: string): Promise<void>;
  afleveringen(caller: Caller, id: string, page: number): Promise<{ count: number; rows: Aflevering[] }>;
  publish(caller: Caller, message: ZgwNotification): Promise<ZgwNotification>;
}

export function notificationService(
  db: Db,
  options: {
    probe?: (url: string, auth: string) => Promise<boolean>;
    /** Told about changed and deleted abonnementen, so deliveries from this process follow at once. */
    targets?: TargetCache;
  } = {},
): NotificationService {
  const probe = options.probe ?? probeCallback;

  const abonnement = async (trx: Db | Trx, caller: Caller, id: string, forUpdate = false) => {
    const found = UUID.test(id)
      ? await getAbonnement(trx, caller.organisationId, id.toLowerCase(), { forUpdate })
      : null;
    if (!found) throw problems.notFound();
    return found;
  };

  /** Field checks first (URL, kanalen exist, filters fit), then the callback itself, like the reference. */
  const validateAbonnement = async (
    trx: Db | Trx,
    merged: Omit<AbonnementRecord, 'id' | 'organisationId' | 'clientId'>,
  ) => {
    const errors: InvalidParam[] = [];
    if (!isHttpUrl(merged.callbackUrl))
      errors.push({ name: 'callbackUrl', code: 'invalid', reason: texts.invalidUrl });
    const kanalen = await kanalenByNaam(trx, [...new Set(merged.kanalen.map((k) => k.naam))]);
    merged.kanalen.forEach((group, i) => {
      const kanaal = kanalen.get(group.naam);
      if (!kanaal) {
        errors.push({ name: `kanalen.${i}.naam`, code: 'kanaal_naam', reason: texts.kanaalUnknown });
      } else if (!consistentWithKanaal(kanaal.filters, Object.keys(group.filters ?? {}))) {
        errors.push({
          name: `kanalen.${i}.filters`,
          code: 'inconsistent-abonnement-filters',
          reason: texts.filtersInconsistent,
        });
      }
    });
    if (errors.length > 0) throw problems.validation(errors);
    if (!(await probe(merged.callbackUrl, merged.auth))) {
      throw problems.validation([
        { name: 'nonFieldErrors', code: 'invalid-callback-url', reason: texts.callbackUnreachable },
      ]);
    }
  };

  const normalise = (kanalen: NonNullable<AbonnementInput['kanalen']>) =>
    kanalen.map((k) => ({ naam: k.naam, filters: k.filters ?? {} }));

  return {
    listKanalen: (naam) => listKanalen(db, naam),

    async readKanaal(id) {
      const kanaal = UUID.test(id) ? await getKanaal(db, { id: id.toLowerCase() }) : null;
      if (!kanaal) throw problems.notFound();
      return kanaal;
    },

    async createKanaal(caller, input) {
      const errors: InvalidParam[] = [];
      if (input.documentatieLink && !isHttpUrl(input.documentatieLink)) {
        errors.push({ name: 'documentatieLink', code: 'invalid', reason: texts.invalidUrl });
      }
      if (errors.length > 0) throw problems.validation(errors);
      const created = await insertKanaal(db, caller.organisationId, {
        naam: input.naam,
        documentatieLink: input.documentatieLink ?? '',
        filters: [...new Set(input.filters ?? [])],
      });
      if (!created) throw problems.validation([{ name: 'naam', code: 'unique', reason: texts.kanaalExists }]);
      return created;
    },

    listAbonnementen: (caller) => listAbonnementen(db, caller.organisationId),
    readAbonnement: (caller, id) => abonnement(db, caller, id),

    async createAbonnement(caller, input) {
      const record: AbonnementRecord = {
        id: randomUUID(),
        organisationId: caller.organisationId,
        clientId: caller.clientId,
        callbackUrl: input.callbackUrl!,
        auth: input.auth!,
        kanalen: normalise(input.kanalen ?? []),
      };
      await validateAbonnement(db, record);
      await inTransaction(db, (trx) => saveAbonnement(trx, record));
      return record;
    },

    async updateAbonnement(caller, id, input) {
      const current = await abonnement(db, caller, id);
      const record: AbonnementRecord = {
        ...current,
        callbackUrl: input.callbackUrl ?? current.callbackUrl,
        auth: input.auth ?? current.auth,
        kanalen: input.kanalen ? normalise(input.kanalen) : current.kanalen,
      };
      // The callback is probed outside the transaction: no row lock is held while waiting for a subscriber.
      await validateAbonnement(db, record);
      return inTransaction(db, async (trx) => {
        await abonnement(trx, caller, id, true);
        await saveAbonnement(trx, record);
        options.targets?.forget(record.id);
        return record;
      });
    },

    async deleteAbonnement(caller, id) {
      await inTransaction(db, async (trx) => {
        const current = await abonnement(trx, caller, id, true);
        await deleteAbonnement(trx, caller.organisationId, current.id);
        options.targets?.forget(current.id);
      });
    },

    async afleveringen(caller, id, page) {
      const current = await abonnement(db, caller, id);
      const result = await listAfleveringen(db, current.id, {
        limit: PAGE_SIZE,
        offset: (page - 1) * PAGE_SIZE,
      });
      if (page > 1 && result.rows.length === 0) throw new Problem(404, 'not_found', texts.noPage);
      return result;
    },

    async publish(caller, message) {
      const kenmerken = message.kenmerken ?? {};
      const kanaal = await getKanaal(db, { naam: message.kanaal });
      if (!kanaal)
        throw problems.validation([{ name: 'kanaal', code: 'message_kanaal', reason: texts.kanaalUnknown }]);
      if (!consistentWithKanaal(kanaal.filters, Object.keys(kenmerken))) {
        throw problems.validation([
          { name: 'kenmerken', code: 'kenmerken_inconsistent', reason: texts.kenmerkenInconsistent },
        ]);
      }
      const notification: ZgwNotification = { ...message, kenmerken };
      // Into the outbox: delivered to every matching abonnement at least once, like Loket's own notifications.
      await inTransaction(db, (trx) =>
        emitZgwNotification(trx, caller.organisationId, notification, caller.traceId),
      );
      return notification;
    },
  };
}

export function kanaalUrl(baseUrl: string, id: string): string {
  return resourceUrl(baseUrl, 'notificaties', 'kanaal', id);
}

export function abonnementUrl(baseUrl: string, id: string): string {
  return resourceUrl(baseUrl, 'notificaties', 'abonnement', id);
}
