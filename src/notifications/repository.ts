import { randomUUID } from 'node:crypto';
import { type Generated, type Kysely, sql } from 'kysely';
import { type Db, scoped } from '../platform/db/database.ts';
import type { Trx } from '../platform/db/transaction.ts';

interface NotificationTables {
  kanaal: {
    id: string;
    organisation_id: string;
    naam: string;
    documentatie_link: Generated<string>;
    filters: Generated<string[]>;
    created_at: Generated<Date>;
  };
  abonnement: {
    id: string;
    organisation_id: string;
    client_id: string;
    callback_url: string;
    auth: string;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
  };
  abonnement_kanaal: {
    id: Generated<number>;
    organisation_id: string;
    abonnement_id: string;
    position: number;
    kanaal: string;
    filters: Record<string, string> | string;
  };
  notificatie_aflevering: {
    id: Generated<number>;
    organisation_id: string;
    abonnement_id: string;
    event_id: number;
    kanaal: string;
    resource_url: string;
    actie: string;
    status_code: number | null;
    fout: string | null;
    geslaagd: boolean;
    duur_ms: number;
    tijdstip: Generated<Date>;
  };
}

const t = (db: Db | Trx): Kysely<NotificationTables> => scoped<NotificationTables>(db);

export interface KanaalRecord {
  id: string;
  naam: string;
  documentatieLink: string;
  filters: string[];
}

export interface FilterGroup {
  naam: string;
  filters: Record<string, string>;
}

export interface AbonnementRecord {
  id: string;
  organisationId: string;
  clientId: string;
  callbackUrl: string;
  auth: string;
  kanalen: FilterGroup[];
}

const toKanaal = (r: {
  id: string;
  naam: string;
  documentatie_link: string;
  filters: string[];
}): KanaalRecord => ({
  id: r.id,
  naam: r.naam,
  documentatieLink: r.documentatie_link,
  filters: r.filters,
});

export async function listKanalen(db: Db, naam?: string): Promise<KanaalRecord[]> {
  let query = t(db).selectFrom('kanaal').select(['id', 'naam', 'documentatie_link', 'filters']);
  if (naam !== undefined) query = query.where('naam', '=', naam);
  return (await query.orderBy('naam').execute()).map(toKanaal);
}

export async function getKanaal(
  db: Db | Trx,
  by: { id: string } | { naam: string },
): Promise<KanaalRecord | null> {
  const query = t(db).selectFrom('kanaal').select(['id', 'naam', 'documentatie_link', 'filters']);
  const row = await ('id' in by
    ? query.where('id', '=', by.id)
    : query.where('naam', '=', by.naam)
  ).executeTakeFirst();
  return row ? toKanaal(row) : null;
}

export async function kanalenByNaam(db: Db | Trx, names: string[]): Promise<Map<string, KanaalRecord>> {
  if (names.length === 0) return new Map();
  const rows = await t(db)
    .selectFrom('kanaal')
    .select(['id', 'naam', 'documentatie_link', 'filters'])
    .where('naam', 'in', names)
    .execute();
  return new Map(rows.map((r) => [r.naam, toKanaal(r)]));
}

/** Inserts a kanaal unless one with that name exists; answers whether it was inserted. */
export async function insertKanaal(
  db: Db | Trx,
  organisationId: string,
  k: Omit<KanaalRecord, 'id'> & { id?: string },
): Promise<KanaalRecord | null> {
  const id = k.id ?? randomUUID();
  const row = await t(db)
    .insertInto('kanaal')
    .values({
      id,
      organisation_id: organisationId,
      naam: k.naam,
      documentatie_link: k.documentatieLink,
      filters: k.filters,
    })
    .onConflict((oc) => oc.column('naam').doNothing())
    .returning(['id', 'naam', 'documentatie_link', 'filters'])
    .executeTakeFirst();
  return row ? toKanaal(row) : null;
}

async function withKanalen(
  db: Db | Trx,
  rows: { id: string; organisation_id: string; client_id: string; callback_url: string; auth: string }[],
): Promise<AbonnementRecord[]> {
  if (rows.length === 0) return [];
  const groups = await t(db)
    .selectFrom('abonnement_kanaal')
    .select(['abonnement_id', 'kanaal', 'filters'])
    .where(
      'abonnement_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('position')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    organisationId: r.organisation_id,
    clientId: r.client_id,
    callbackUrl: r.callback_url,
    auth: r.auth,
    kanalen: groups
      .filter((g) => g.abonnement_id === r.id)
      .map((g) => ({ naam: g.kanaal, filters: g.filters as Record<string, string> })),
  }));
}

const ABONNEMENT_COLUMNS = ['id', 'organisation_id', 'client_id', 'callback_url', 'auth'] as const;

export async function listAbonnementen(db: Db, organisationId: string): Promise<AbonnementRecord[]> {
  const rows = await t(db)
    .selectFrom('abonnement')
    .select(ABONNEMENT_COLUMNS)
    .where('organisation_id', '=', organisationId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return withKanalen(db, rows);
}

export async function getAbonnement(
  db: Db | Trx,
  organisationId: string,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<AbonnementRecord | null> {
  let query = t(db)
    .selectFrom('abonnement')
    .select(ABONNEMENT_COLUMNS)
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id);
  if (options.forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row ? ((await withKanalen(db, [row]))[0] ?? null) : null;
}

/** Writes an abonnement whole: inserts or updates the row and replaces its kanalen with their filters. */
export async function saveAbonnement(trx: Trx, a: AbonnementRecord): Promise<void> {
  const db = t(trx);
  await db
    .insertInto('abonnement')
    .values({
      id: a.id,
      organisation_id: a.organisationId,
      client_id: a.clientId,
      callback_url: a.callbackUrl,
      auth: a.auth,
    })
    .onConflict((oc) =>
      oc.column('id').doUpdateSet({ callback_url: a.callbackUrl, auth: a.auth, updated_at: new Date() }),
    )
    .execute();
  await db.deleteFrom('abonnement_kanaal').where('abonnement_id', '=', a.id).execute();
  if (a.kanalen.length > 0) {
    await db
      .insertInto('abonnement_kanaal')
      .values(
        a.kanalen.map((k, position) => ({
          organisation_id: a.organisationId,
          abonnement_id: a.id,
          position,
          kanaal: k.naam,
          filters: JSON.stringify(k.filters ?? {}),
        })),
      )
      .execute();
  }
}

export async function deleteAbonnement(trx: Trx, organisationId: string, id: string): Promise<boolean> {
  const result = await t(trx)
    .deleteFrom('abonnement')
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** The filter groups on one kanaal of one organisation's abonnementen (for routing a notification). */
export async function routesFor(
  db: Db | Trx,
  organisationId: string,
  kanaal: string,
): Promise<{ abonnementId: string; filters: Record<string, string> }[]> {
  const rows = await t(db)
    .selectFrom('abonnement_kanaal')
    .select(['abonnement_id', 'filters'])
    .where('kanaal', '=', kanaal)
    .where('organisation_id', '=', organisationId)
    .execute();
  return rows.map((r) => ({ abonnementId: r.abonnement_id, filters: r.filters as Record<string, string> }));
}

/** Where and how to deliver to an abonnement, read at delivery time. */
export async function deliveryTarget(
  db: Db,
  id: string,
): Promise<{ organisationId: string; callbackUrl: string; auth: string } | null> {
  const row = await t(db)
    .selectFrom('abonnement')
    .select(['organisation_id', 'callback_url', 'auth'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? { organisationId: row.organisation_id, callbackUrl: row.callback_url, auth: row.auth } : null;
}

export interface Aflevering {
  eventId: number;
  poging: number;
  kanaal: string;
  resourceUrl: string;
  actie: string;
  statusCode: number | null;
  fout: string | null;
  geslaagd: boolean;
  duurMs: number;
  tijdstip: Date;
}

/** Writes delivery attempts to the log (their numbers are derived when the log is read). */
export async function logAfleveringen(
  db: Db,
  rows: (Omit<Aflevering, 'poging'> & { organisationId: string; abonnementId: string })[],
): Promise<void> {
  if (rows.length === 0) return;
  const json = JSON.stringify(
    rows.map((a) => ({
      organisation_id: a.organisationId,
      abonnement_id: a.abonnementId,
      event_id: a.eventId,
      kanaal: a.kanaal,
      resource_url: a.resourceUrl,
      actie: a.actie,
      status_code: a.statusCode,
      fout: a.fout,
      geslaagd: a.geslaagd,
      duur_ms: a.duurMs,
      tijdstip: a.tijdstip.toISOString(),
    })),
  );
  // One statement for the whole batch; lines of an abonnement deleted meanwhile are dropped.
  await sql`
    insert into notificatie_aflevering
      (organisation_id, abonnement_id, event_id, kanaal, resource_url, actie, status_code, fout, geslaagd, duur_ms, tijdstip)
    select d ->> 'organisation_id', (d ->> 'abonnement_id')::uuid, (d ->> 'event_id')::bigint, d ->> 'kanaal',
      d ->> 'resource_url', d ->> 'actie', (d ->> 'status_code')::integer, d ->> 'fout', (d ->> 'geslaagd')::boolean,
      (d ->> 'duur_ms')::integer, (d ->> 'tijdstip')::timestamptz
    from jsonb_array_elements(${json}::jsonb) with ordinality as e(d, n)
    where exists (select 1 from abonnement a where a.id = (d ->> 'abonnement_id')::uuid)
    order by n`.execute(db);
}

export async function listAfleveringen(
  db: Db,
  abonnementId: string,
  page: { limit: number; offset: number },
): Promise<{ count: number; rows: Aflevering[] }> {
  const base = t(db).selectFrom('notificatie_aflevering').where('abonnement_id', '=', abonnementId);
  const { count } = await base.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
  // The attempt number: the how-manieth log line of this notification for this abonnement.
  const rows = await t(db)
    .selectFrom(
      base
        .selectAll()
        .select(sql<number>`row_number() over (partition by event_id order by tijdstip, id)`.as('poging'))
        .as('a'),
    )
    .selectAll()
    .orderBy('id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return {
    count: Number(count),
    rows: rows.map((r) => ({
      eventId: r.event_id,
      poging: r.poging,
      kanaal: r.kanaal,
      resourceUrl: r.resource_url,
      actie: r.actie,
      statusCode: r.status_code,
      fout: r.fout,
      geslaagd: r.geslaagd,
      duurMs: r.duur_ms,
      tijdstip: r.tijdstip,
    })),
  };
}
