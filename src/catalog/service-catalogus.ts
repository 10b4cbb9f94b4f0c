import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../platform/db/database.ts';
import { isUniqueViolation } from '../platform/db/errors.ts';
import { inTransaction } from '../platform/db/transaction.ts';
import { problems } from '../platform/http/problem.ts';
import { getOrganisation } from '../platform/organisations.ts';
import { PAGE_SIZE } from '../zgw/pagination.ts';
import { bumpRevision, t } from './repository.ts';
import {
  type Caller,
  type Conn,
  checkPage,
  Invalid,
  localId,
  pathId,
  uniqueProblem,
  urlOf,
} from './support.ts';
import { catalogTexts } from './texts.nl.ts';

export interface CatalogusInput {
  domein: string;
  rsin: string;
  contactpersoonBeheerNaam: string;
  contactpersoonBeheerTelefoonnummer?: string;
  contactpersoonBeheerEmailadres?: string;
  naam?: string | null;
  versie?: string | null;
  begindatumVersie?: string | null;
}

export interface CatalogusQuery {
  domein?: string;
  domein__in?: string;
  rsin?: string;
  rsin__in?: string;
  page?: number;
}

/** RSIN (and BSN) check: 9 digits passing the elfproef. */
export function validRsin(rsin: string): boolean {
  if (!/^[0-9]{9}$/.test(rsin)) return false;
  const digits = [...rsin].map(Number);
  const sum = digits.slice(0, 8).reduce((s, d, i) => s + d * (9 - i), 0) - digits[8];
  return sum % 11 === 0;
}

function catalogusSelect(db: Conn) {
  return t(db)
    .selectFrom('catalog_catalogus as c')
    .selectAll('c')
    .select([
      sql<
        string[]
      >`array(select z.id::text from catalog_zaaktype z where z.catalogus_id = c.id order by z.created_at, z.id)`.as(
        'zaaktypen',
      ),
      sql<
        string[]
      >`array(select b.id::text from catalog_besluittype b where b.catalogus_id = c.id order by b.created_at, b.id)`.as(
        'besluittypen',
      ),
      sql<
        string[]
      >`array(select i.id::text from catalog_informatieobjecttype i where i.catalogus_id = c.id order by i.created_at, i.id)`.as(
        'informatieobjecttypen',
      ),
    ]);
}

type CatalogusRow = Awaited<ReturnType<ReturnType<typeof catalogusSelect>['executeTakeFirstOrThrow']>>;

export function catalogusJson(baseUrl: string, r: CatalogusRow) {
  return {
    url: urlOf(baseUrl, 'catalogussen', r.id),
    domein: r.domein,
    rsin: r.rsin,
    contactpersoonBeheerNaam: r.contactpersoon_beheer_naam,
    contactpersoonBeheerTelefoonnummer: r.contactpersoon_beheer_telefoonnummer,
    contactpersoonBeheerEmailadres: r.contactpersoon_beheer_emailadres,
    zaaktypen: r.zaaktypen.map((id) => urlOf(baseUrl, 'zaaktypen', id)),
    besluittypen: r.besluittypen.map((id) => urlOf(baseUrl, 'besluittypen', id)),
    informatieobjecttypen: r.informatieobjecttypen.map((id) => urlOf(baseUrl, 'informatieobjecttypen', id)),
    naam: r.naam,
    versie: r.versie,
    begindatumVersie: r.begindatum_versie,
  };
}
export type CatalogusJson = ReturnType<typeof catalogusJson>;

const split = (v: string | undefined) =>
  v
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);

export async function listCatalogussen(db: Db, baseUrl: string, q: CatalogusQuery) {
  const page = q.page ?? 1;
  let base = t(db).selectFrom('catalog_catalogus as c');
  if (q.domein !== undefined) base = base.where('c.domein', '=', q.domein);
  if (q.rsin !== undefined) base = base.where('c.rsin', '=', q.rsin);
  const domeinen = split(q.domein__in);
  if (domeinen) base = base.where('c.domein', 'in', domeinen.length ? domeinen : ['']);
  const rsins = split(q.rsin__in);
  if (rsins) base = base.where('c.rsin', 'in', rsins.length ? rsins : ['']);
  const { count } = await base.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
  checkPage(page, Number(count), PAGE_SIZE);
  const ids = await base
    .select('c.id')
    .orderBy('c.created_at')
    .orderBy('c.id')
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE)
    .execute();
  const rows = ids.length
    ? await catalogusSelect(db)
        .where(
          'c.id',
          'in',
          ids.map((r) => r.id),
        )
        .orderBy('c.created_at')
        .orderBy('c.id')
        .execute()
    : [];
  return { count: Number(count), results: rows.map((r) => catalogusJson(baseUrl, r)) };
}

export async function readCatalogus(db: Conn, baseUrl: string, id: string) {
  const row = await catalogusSelect(db).where('c.id', '=', pathId(id)).executeTakeFirst();
  if (!row) throw problems.notFound();
  return catalogusJson(baseUrl, row);
}

/** The catalogus a URL in a request body points at, for the types that belong to it. */
export async function catalogusRef(
  db: Conn,
  baseUrl: string,
  url: string,
  invalid: Invalid,
  name = 'catalogus',
) {
  const id = localId(baseUrl, url, 'catalogussen');
  const row = id
    ? await t(db)
        .selectFrom('catalog_catalogus')
        .select(['id', 'organisation_id'])
        .where('id', '=', id)
        .executeTakeFirst()
    : undefined;
  if (!row) {
    invalid.add(
      name,
      id ? 'does_not_exist' : 'no_match',
      id ? catalogTexts.doesNotExist : catalogTexts.noMatch,
    );
    return null;
  }
  return row;
}

/**
 * A catalogus belongs to the caller's organisation; its RSIN is the organisation's RSIN when the
 * organisation has one (the catalogus then cannot claim to be someone else's), and its domein is unique
 * within the organisation.
 */
export async function createCatalogus(
  db: Db,
  baseUrl: string,
  caller: Caller,
  input: CatalogusInput,
  options: { id?: string } = {},
) {
  const invalid = new Invalid();
  const organisation = await getOrganisation(db, caller.organisationId);
  // The organisation's own RSIN (registry data) is authoritative; without one, the number must at least be valid.
  if (organisation?.rsin) {
    if (input.rsin !== organisation.rsin)
      invalid.add('rsin', 'rsin-organisatie', catalogTexts.rsinOrganisation(organisation.rsin));
  } else if (!validRsin(input.rsin)) invalid.add('rsin', 'invalid', catalogTexts.rsinInvalid);
  invalid.throwIfAny();
  const id = options.id ?? randomUUID();
  try {
    await inTransaction(db, async (trx) => {
      await bumpRevision(trx);
      const taken = await t(trx)
        .selectFrom('catalog_catalogus')
        .select('id')
        .where('organisation_id', '=', caller.organisationId)
        .where('domein', '=', input.domein)
        .executeTakeFirst();
      if (taken) throw uniqueProblem('domein, rsin');
      await t(trx)
        .insertInto('catalog_catalogus')
        .values({
          id,
          organisation_id: caller.organisationId,
          domein: input.domein,
          rsin: input.rsin,
          naam: input.naam ?? null,
          versie: input.versie ?? null,
          begindatum_versie: input.begindatumVersie ?? null,
          contactpersoon_beheer_naam: input.contactpersoonBeheerNaam,
          contactpersoon_beheer_telefoonnummer: input.contactpersoonBeheerTelefoonnummer ?? '',
          contactpersoon_beheer_emailadres: input.contactpersoonBeheerEmailadres ?? '',
        })
        .execute();
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw uniqueProblem('domein, rsin');
    throw err;
  }
  return readCatalogus(db, baseUrl, id);
}
