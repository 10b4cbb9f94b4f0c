import { sql } from 'kysely';
import { zaaktypeIdentificatieExpression, zaaktypeUrlReadable } from '../../catalog/dienst.ts';
import { type Db, PREPARED } from '../../platform/db/database.ts';
import { Problem, problems } from '../../platform/http/problem.ts';
import { zaakTypesOfQuery } from '../../zaken/index.ts';
import {
  type Actor,
  type PlanDefinition,
  type PlanValidationError,
  parsePlanDefinition,
  validatePlanDefinition,
} from '../plan/index.ts';
import { type Conn, json, t } from './tables.ts';
import { caseTexts as tx } from './texts.nl.ts';

/**
 * Published plan definitions, one row per (organisation, plan id, version), bound to a zaaktype
 * (identificatie, and optionally one version of it). A definition is validated as a whole before the one
 * insert that publishes it, so an invalid one is refused with every error and never half installed. A
 * published version never changes: the runtime keeps one frozen object per version in memory.
 */

export interface PublishedPlan {
  organisationId: string;
  planId: string;
  version: number;
  zaaktype: string;
  zaaktypeId: string | null;
  name: string;
  publishedAt: Date;
  publishedBy: Actor;
}

export interface PublishInput {
  organisationId: string;
  /** YAML or JSON text, or the definition as an object. */
  definition: string | unknown;
  /** The zaaktype version (catalogue uuid) this plan version is for; absent = every version. */
  zaaktypeId?: string | null;
  actor: Actor;
}

/** The definition is invalid: every error with its JSON Pointer and Dutch reason, as a 400. */
export function invalidPlanProblem(errors: PlanValidationError[]): Problem {
  return problems.validation(
    errors.map((e) => ({
      name: `definition${e.path.replaceAll('/', '.')}`,
      code: 'invalid',
      reason: e.reason,
    })),
    tx.planInvalid(errors.length),
  );
}

const cache = new Map<string, PlanDefinition>();
const key = (organisationId: string, planId: string, version: number) =>
  `${organisationId}\u0000${planId}\u0000${version}`;

export async function publishPlan(trx: Conn, input: PublishInput): Promise<PublishedPlan> {
  const validation =
    typeof input.definition === 'string'
      ? parsePlanDefinition(input.definition)
      : validatePlanDefinition(input.definition);
  if (!validation.valid) throw invalidPlanProblem(validation.errors);
  const plan = validation.plan;
  const latest = await t(trx)
    .selectFrom('case_plan_definition')
    .select(['version', 'zaaktype'])
    .where('organisation_id', '=', input.organisationId)
    .where('plan_id', '=', plan.id)
    .orderBy('version', 'desc')
    .forUpdate()
    .executeTakeFirst();
  if (latest && latest.zaaktype !== plan.zaaktype)
    throw new Problem(409, 'other-zaaktype', tx.conflict, tx.planOtherZaaktype(plan.id, latest.zaaktype));
  if (latest && latest.version >= plan.version)
    throw new Problem(409, 'version-exists', tx.conflict, tx.planVersionTaken(plan.version, latest.version));
  const source = typeof input.definition === 'string' ? input.definition : JSON.stringify(input.definition);
  const row = await t(trx)
    .insertInto('case_plan_definition')
    .values({
      organisation_id: input.organisationId,
      plan_id: plan.id,
      version: plan.version,
      zaaktype: plan.zaaktype,
      zaaktype_id: input.zaaktypeId ?? null,
      name: plan.name,
      definition: json(plan),
      source,
      published_by: json(input.actor),
    })
    .returning('published_at')
    .executeTakeFirstOrThrow();
  cache.set(key(input.organisationId, plan.id, plan.version), plan);
  return {
    organisationId: input.organisationId,
    planId: plan.id,
    version: plan.version,
    zaaktype: plan.zaaktype,
    zaaktypeId: input.zaaktypeId ?? null,
    name: plan.name,
    publishedAt: row.published_at,
    publishedBy: input.actor,
  };
}

function freeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) freeze(v);
    Object.freeze(value);
  }
  return value;
}

/** One published version (the same object every time, so the runtime's index is built once). */
export async function getPlan(
  db: Conn,
  organisationId: string,
  planId: string,
  version: number,
): Promise<PlanDefinition | null> {
  const k = key(organisationId, planId, version);
  const hit = cache.get(k);
  if (hit) return hit;
  const row = await t(db)
    .selectFrom('case_plan_definition')
    .select('definition')
    .where('organisation_id', '=', organisationId)
    .where('plan_id', '=', planId)
    .where('version', '=', version)
    .executeTakeFirst();
  if (!row) return null;
  const plan = freeze(row.definition);
  cache.set(k, plan);
  return plan;
}

export async function requirePlan(
  db: Conn,
  organisationId: string,
  planId: string,
  version: number,
): Promise<PlanDefinition> {
  const plan = await getPlan(db, organisationId, planId, version);
  if (!plan) throw problems.notFound(tx.planNotFound(planId, version));
  return plan;
}

/**
 * The plan a new case of a zaaktype starts with: the latest version published for exactly this zaaktype
 * version, else the latest version published for the zaaktype as a whole.
 */
export async function planForZaaktype(
  db: Conn,
  organisationId: string,
  zaaktype: string,
  zaaktypeId?: string | null,
): Promise<PlanDefinition | null> {
  const row = await t(db)
    .selectFrom('case_plan_definition')
    .select(['plan_id', 'version'])
    .where('organisation_id', '=', organisationId)
    .where('zaaktype', '=', zaaktype)
    .where((eb) =>
      zaaktypeId
        ? eb.or([eb('zaaktype_id', 'is', null), eb('zaaktype_id', '=', zaaktypeId)])
        : eb('zaaktype_id', 'is', null),
    )
    .orderBy((eb) => eb.case().when('zaaktype_id', 'is', null).then(1).else(0).end())
    .orderBy('version', 'desc')
    .executeTakeFirst();
  return row ? getPlan(db, organisationId, row.plan_id, row.version) : null;
}

/**
 * Which of these zaken can have a plan at all, in one statement: is a plan published for the zaak's
 * organisation and the identificatie of its zaaktype (any version)? A zaak left out means `planForZaaktype`
 * would find none, so the case engine can skip the full lookup (case record, catalogue, dienst) for the many
 * zaken made through ZGW whose zaaktype has no plan. It reads the tables, not a memo, so a plan another
 * process published a moment ago counts. A zaaktype URL whose uuid cannot be read here counts as may (the
 * full lookup decides); a missing zaak as may not. Prepared once per connection: the fan-out asks it once
 * per batch, for the new zaken of the organisations that have plans (`organisationsWithPlans`). The zaken and
 * the zaaktype come from their modules' own fragments.
 */
export async function casesThatMayHavePlan(db: Conn, caseIds: readonly string[]): Promise<Set<string>> {
  if (caseIds.length === 0) return new Set();
  const url = sql.ref<string>('z.zaaktype');
  const { rows } = await sql<{ id: string }>`select ${PREPARED} z.id
    from (${zaakTypesOfQuery(db as Db, caseIds)}) as z
    where not ${zaaktypeUrlReadable(url)} or exists (
      select 1 from case_plan_definition d
      where d.organisation_id = z.organisation_id and d.zaaktype = ${zaaktypeIdentificatieExpression(url)}
    )`.execute(db);
  return new Set(rows.map((r) => r.id));
}

/** Which of these organisations have any plan published (only their zaken can have one). */
export async function organisationsWithPlans(
  db: Conn,
  organisationIds: readonly string[],
): Promise<Set<string>> {
  if (organisationIds.length === 0) return new Set();
  const rows = await t(db)
    .selectFrom('case_plan_definition')
    .select('organisation_id')
    .distinct()
    .where('organisation_id', '=', sql<string>`any(${organisationIds}::text[])`)
    .execute();
  return new Set(rows.map((r) => r.organisation_id));
}

/** `casesThatMayHavePlan` for one zaak. */
export async function planMayExistForCase(db: Conn, caseId: string): Promise<boolean> {
  return (await casesThatMayHavePlan(db, [caseId])).has(caseId);
}

export async function listPlans(db: Conn, organisationId: string): Promise<PublishedPlan[]> {
  const rows = await t(db)
    .selectFrom('case_plan_definition')
    .select([
      'organisation_id',
      'plan_id',
      'version',
      'zaaktype',
      'zaaktype_id',
      'name',
      'published_at',
      'published_by',
    ])
    .where('organisation_id', '=', organisationId)
    .orderBy('plan_id')
    .orderBy('version')
    .execute();
  return rows.map((r) => ({
    organisationId: r.organisation_id,
    planId: r.plan_id,
    version: r.version,
    zaaktype: r.zaaktype,
    zaaktypeId: r.zaaktype_id,
    name: r.name,
    publishedAt: r.published_at,
    publishedBy: r.published_by,
  }));
}
