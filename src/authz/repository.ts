import type { Generated, Kysely } from 'kysely';
import { type Db, scoped } from '../platform/db/database.ts';
import type { Trx } from '../platform/db/transaction.ts';
import type { Autorisatie, Component } from './policy.ts';

interface AuthzTables {
  applicatie: {
    id: string;
    organisation_id: string;
    label: string;
    heeft_alle_autorisaties: boolean;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
  };
  applicatie_client: {
    client_id: string;
    applicatie_id: string;
    organisation_id: string;
    position: Generated<number>;
  };
  autorisatie: {
    id: Generated<number>;
    organisation_id: string;
    applicatie_id: string;
    position: number;
    component: string;
    scopes: string[];
    zaaktype: string | null;
    informatieobjecttype: string | null;
    besluittype: string | null;
    max_vertrouwelijkheidaanduiding: string | null;
  };
}

/** An applicatie with its client ids (in the order given) and autorisaties (in the order given). */
export interface ApplicatieRecord {
  id: string;
  organisationId: string;
  label: string;
  heeftAlleAutorisaties: boolean;
  clientIds: string[];
  autorisaties: Autorisatie[];
}

const t = (db: Db | Trx): Kysely<AuthzTables> => scoped<AuthzTables>(db);

async function complete(
  db: Db | Trx,
  rows: { id: string; organisation_id: string; label: string; heeft_alle_autorisaties: boolean }[],
): Promise<ApplicatieRecord[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [clients, autorisaties] = await Promise.all([
    t(db)
      .selectFrom('applicatie_client')
      .select(['applicatie_id', 'client_id'])
      .where('applicatie_id', 'in', ids)
      .orderBy('position')
      .orderBy('client_id')
      .execute(),
    t(db)
      .selectFrom('autorisatie')
      .selectAll()
      .where('applicatie_id', 'in', ids)
      .orderBy('position')
      .execute(),
  ]);
  return rows.map((r) => ({
    id: r.id,
    organisationId: r.organisation_id,
    label: r.label,
    heeftAlleAutorisaties: r.heeft_alle_autorisaties,
    clientIds: clients.filter((c) => c.applicatie_id === r.id).map((c) => c.client_id),
    autorisaties: autorisaties
      .filter((a) => a.applicatie_id === r.id)
      .map((a) => ({
        component: a.component as Component,
        scopes: a.scopes,
        zaaktype: a.zaaktype,
        informatieobjecttype: a.informatieobjecttype,
        besluittype: a.besluittype,
        maxVertrouwelijkheidaanduiding: a.max_vertrouwelijkheidaanduiding,
      })),
  }));
}

/** One page of an organisation's applicaties, newest first; `clientIds` keeps those holding all of them. */
export async function listApplicaties(
  db: Db,
  organisationId: string,
  filter: { clientIds?: string[]; limit: number; offset: number },
): Promise<{ count: number; records: ApplicatieRecord[] }> {
  let base = t(db).selectFrom('applicatie').where('organisation_id', '=', organisationId);
  const wanted = filter.clientIds;
  if (wanted && wanted.length > 0) {
    base = base.where('id', 'in', (qb) =>
      qb
        .selectFrom('applicatie_client')
        .select('applicatie_id')
        .where('client_id', 'in', wanted)
        .groupBy('applicatie_id')
        .having((eb) => eb.fn.countAll(), '=', wanted.length),
    );
  }
  const [{ count }, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow(),
    base
      .select(['id', 'organisation_id', 'label', 'heeft_alle_autorisaties'])
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute(),
  ]);
  return { count: Number(count), records: await complete(db, rows) };
}

export async function getApplicatie(
  db: Db | Trx,
  organisationId: string,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<ApplicatieRecord | null> {
  let query = t(db)
    .selectFrom('applicatie')
    .select(['id', 'organisation_id', 'label', 'heeft_alle_autorisaties'])
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id);
  if (options.forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row ? ((await complete(db, [row]))[0] ?? null) : null;
}

export async function getApplicatieByClientId(
  db: Db,
  organisationId: string,
  clientId: string,
): Promise<ApplicatieRecord | null> {
  const row = await t(db)
    .selectFrom('applicatie_client as c')
    .innerJoin('applicatie as a', 'a.id', 'c.applicatie_id')
    .select(['a.id', 'a.organisation_id', 'a.label', 'a.heeft_alle_autorisaties'])
    .where('c.client_id', '=', clientId)
    .where('a.organisation_id', '=', organisationId)
    .executeTakeFirst();
  return row ? ((await complete(db, [row]))[0] ?? null) : null;
}

/** Client ids among `clientIds` already held by another applicatie (of any organisation), with its id. */
export async function takenClientIds(
  db: Db | Trx,
  clientIds: string[],
  exceptApplicatieId: string | null,
): Promise<{ clientId: string; applicatieId: string }[]> {
  if (clientIds.length === 0) return [];
  let query = t(db)
    .selectFrom('applicatie_client')
    .select(['client_id', 'applicatie_id'])
    .where('client_id', 'in', clientIds);
  if (exceptApplicatieId) query = query.where('applicatie_id', '<>', exceptApplicatieId);
  const rows = await query.execute();
  return rows.map((r) => ({ clientId: r.client_id, applicatieId: r.applicatie_id }));
}

/** Writes an applicatie whole: inserts or updates the row and replaces its client ids and autorisaties. */
export async function saveApplicatie(trx: Trx, record: ApplicatieRecord): Promise<void> {
  const db = t(trx);
  await db
    .insertInto('applicatie')
    .values({
      id: record.id,
      organisation_id: record.organisationId,
      label: record.label,
      heeft_alle_autorisaties: record.heeftAlleAutorisaties,
    })
    .onConflict((oc) =>
      oc.column('id').doUpdateSet({
        label: record.label,
        heeft_alle_autorisaties: record.heeftAlleAutorisaties,
        updated_at: new Date(),
      }),
    )
    .execute();
  await db.deleteFrom('applicatie_client').where('applicatie_id', '=', record.id).execute();
  if (record.clientIds.length > 0) {
    await db
      .insertInto('applicatie_client')
      .values(
        record.clientIds.map((clientId, position) => ({
          client_id: clientId,
          applicatie_id: record.id,
          organisation_id: record.organisationId,
          position,
        })),
      )
      .execute();
  }
  await db.deleteFrom('autorisatie').where('applicatie_id', '=', record.id).execute();
  if (record.autorisaties.length > 0) {
    await db
      .insertInto('autorisatie')
      .values(
        record.autorisaties.map((a, position) => ({
          organisation_id: record.organisationId,
          applicatie_id: record.id,
          position,
          component: a.component,
          scopes: a.scopes,
          zaaktype: a.zaaktype,
          informatieobjecttype: a.informatieobjecttype,
          besluittype: a.besluittype,
          max_vertrouwelijkheidaanduiding: a.maxVertrouwelijkheidaanduiding,
        })),
      )
      .execute();
  }
}

export async function deleteApplicatie(trx: Trx, organisationId: string, id: string): Promise<boolean> {
  const result = await t(trx)
    .deleteFrom('applicatie')
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Takes client ids away from whatever applicatie holds them (fixture seeding makes the fixture authoritative). */
export async function releaseClientIds(
  trx: Trx,
  clientIds: string[],
  keepApplicatieId: string,
): Promise<void> {
  if (clientIds.length === 0) return;
  await t(trx)
    .deleteFrom('applicatie_client')
    .where('client_id', 'in', clientIds)
    .where('applicatie_id', '<>', keepApplicatieId)
    .execute();
}
