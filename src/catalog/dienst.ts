import { randomUUID } from 'node:crypto';
import { type Expression, type RawBuilder, type Selectable, sql } from 'kysely';
import type { Trx } from '../platform/db/transaction.ts';
import { type CatalogTables, json, parsed, t } from './repository.ts';
import type { Conn } from './support.ts';

/** An article of law a service rests on, with a link to the text (wetten.overheid.nl). */
export interface Rechtsgrond {
  wet: string;
  artikel?: string;
  url?: string;
}

/**
 * What an organisation offers a citizen or business: Loket's own model, richer than ZGW. A dienst has a
 * public description in plain Dutch, its legal basis, its service levels and an owner team; its case
 * types (ZGW zaaktypen, in versions over time) hang beneath it.
 */
export interface Dienst {
  id: string;
  organisationId: string;
  naam: string;
  /** What the service is, for the citizen (B1). */
  publieksomschrijving: string;
  rechtsgronden: Rechtsgrond[];
  /** The legal decision term (ISO 8601 duration), e.g. P8W. */
  beslistermijn: string | null;
  /** The organisation's own target, shorter than the legal term. */
  streeftermijn: string | null;
  /** Promised response time per channel, e.g. `{ telefoon: 'P1D', email: 'P3D' }`. */
  reactietermijnen: Record<string, string>;
  eigenaarTeam: string | null;
  /** Made by Loket for a zaaktype created through the Catalogi API without a service. */
  automatisch: boolean;
}

export type DienstInput = Omit<Dienst, 'id' | 'automatisch'> & { id?: string; automatisch?: boolean };

type DienstRow = Selectable<CatalogTables['catalog_dienst']>;

function toDienst(r: DienstRow): Dienst {
  return {
    id: r.id,
    organisationId: r.organisation_id,
    naam: r.naam,
    publieksomschrijving: r.publieksomschrijving,
    rechtsgronden: parsed<Rechtsgrond[]>(r.rechtsgronden),
    beslistermijn: r.beslistermijn,
    streeftermijn: r.streeftermijn,
    reactietermijnen: parsed<Record<string, string>>(r.reactietermijnen),
    eigenaarTeam: r.eigenaar_team,
    automatisch: r.automatisch,
  };
}

export async function createDienst(trx: Trx, input: DienstInput): Promise<Dienst> {
  const id = input.id ?? randomUUID();
  await t(trx)
    .insertInto('catalog_dienst')
    .values({
      id,
      organisation_id: input.organisationId,
      naam: input.naam,
      publieksomschrijving: input.publieksomschrijving,
      rechtsgronden: json(input.rechtsgronden),
      beslistermijn: input.beslistermijn,
      streeftermijn: input.streeftermijn,
      reactietermijnen: json(input.reactietermijnen),
      eigenaar_team: input.eigenaarTeam,
      automatisch: input.automatisch ?? false,
    })
    .execute();
  return { ...input, id, automatisch: input.automatisch ?? false };
}

export async function getDienst(db: Conn, id: string): Promise<Dienst | null> {
  const row = await t(db).selectFrom('catalog_dienst').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toDienst(row) : null;
}

export async function listDiensten(db: Conn, organisationId: string): Promise<Dienst[]> {
  const rows = await t(db)
    .selectFrom('catalog_dienst')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .orderBy('naam')
    .execute();
  return rows.map(toDienst);
}

/** What a zaaktype tells about its service when it comes in through the Catalogi API. */
export interface ZaaktypeFacts {
  organisationId: string;
  catalogusId: string;
  identificatie: string;
  omschrijving: string;
  doel: string;
  doorlooptijd: string;
  servicenorm: string | null;
  verantwoordelijke: string;
}

/**
 * The dienst a zaaktype version belongs to: the one given, else the dienst of an earlier version (same
 * catalogus and identificatie), else a new one made from the zaaktype (marked `automatisch`).
 */
export async function dienstForZaaktype(
  trx: Trx,
  facts: ZaaktypeFacts,
  given?: string | null,
): Promise<string> {
  if (given) return given;
  const earlier = await t(trx)
    .selectFrom('catalog_zaaktype')
    .select('dienst_id')
    .where('catalogus_id', '=', facts.catalogusId)
    .where('identificatie', '=', facts.identificatie)
    .orderBy('begin_geldigheid', 'desc')
    .executeTakeFirst();
  if (earlier) return earlier.dienst_id;
  const dienst = await createDienst(trx, {
    organisationId: facts.organisationId,
    naam: facts.omschrijving,
    publieksomschrijving: facts.doel,
    rechtsgronden: [],
    beslistermijn: facts.doorlooptijd,
    streeftermijn: facts.servicenorm,
    reactietermijnen: {},
    eigenaarTeam: facts.verantwoordelijke || null,
    automatisch: true,
  });
  return dienst.id;
}

/** An automatically made dienst follows its zaaktype; a dienst someone maintains is left alone. */
export async function followZaaktype(trx: Trx, dienstId: string, facts: ZaaktypeFacts): Promise<void> {
  await t(trx)
    .updateTable('catalog_dienst')
    .set({
      naam: facts.omschrijving,
      publieksomschrijving: facts.doel,
      beslistermijn: facts.doorlooptijd,
      streeftermijn: facts.servicenorm,
      eigenaar_team: facts.verantwoordelijke || null,
      updated_at: new Date(),
    })
    .where('id', '=', dienstId)
    .where('automatisch', '=', true)
    .execute();
}

/** Removes an automatically made dienst once its last zaaktype is gone. */
export async function removeOrphanedDienst(trx: Trx, dienstId: string): Promise<void> {
  const left = await t(trx)
    .selectFrom('catalog_zaaktype')
    .select('id')
    .where('dienst_id', '=', dienstId)
    .executeTakeFirst();
  if (left) return;
  await t(trx)
    .deleteFrom('catalog_dienst')
    .where('id', '=', dienstId)
    .where('automatisch', '=', true)
    .execute();
}

/** The dienst of a zaaktype version (by its id): the service a case of that zaaktype is a case of. */
export async function dienstOfZaaktype(db: Conn, zaaktypeId: string): Promise<string | null> {
  const row = await t(db)
    .selectFrom('catalog_zaaktype')
    .select('dienst_id')
    .where('id', '=', zaaktypeId)
    .executeTakeFirst();
  return row?.dienst_id ?? null;
}

/**
 * `dienstOfZaaktype` as an expression, for a statement that reads it while it writes (new zaken); the
 * zaaktype's uuid as a value or as an SQL expression.
 */
export function dienstOfZaaktypeExpression(
  zaaktypeId: string | Expression<string | null>,
): RawBuilder<string | null> {
  return sql<string | null>`(select dienst_id from catalog_zaaktype where id = ${zaaktypeId}::uuid)`;
}

const UUID_AT_END = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

/** Whether a zaaktype URL (an SQL expression) ends in a uuid this catalogue could hold. */
export function zaaktypeUrlReadable(url: Expression<string>): RawBuilder<boolean> {
  return sql<boolean>`(${url} ~ ${`/${UUID_AT_END}/*$`}::text)`;
}

/** The identificatie of the zaaktype a URL (an SQL expression) names; null when this catalogue has none. */
export function zaaktypeIdentificatieExpression(url: Expression<string>): RawBuilder<string | null> {
  return sql<string | null>`(select identificatie from catalog_zaaktype
    where id = substring(${url} from ${`(${UUID_AT_END})/*$`}::text)::uuid)`;
}
