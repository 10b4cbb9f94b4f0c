import { sql } from 'kysely';
import { problems } from '../platform/http/problem.ts';
import type { Resultaattypeomschrijving, SelectielijstResultaat } from '../referentielijsten/index.ts';
import {
  type Afleidingswijze,
  type BrondatumArchiefprocedure,
  brondatumErrors,
  fitsProcestermijn,
  normaliseBrondatum,
} from './archive.ts';
import { json, replaceLinks, t } from './repository.ts';
import { zaaktypeData } from './repository-zaaktype.ts';
import { lookedUp } from './selectielijst.ts';
import { resolveTypes, type TypeRef } from './service.ts';
import { childBase, childService, taken, zaaktypeColumns } from './service-child.ts';
import { mergeData } from './service-statustype.ts';
import { type Conn, Invalid, urlOf } from './support.ts';
import { catalogTexts } from './texts.nl.ts';

const DATA_DEFAULTS = {
  resultaattypeomschrijving: '',
  omschrijvingGeneriek: '',
  selectielijstklasse: '',
  toelichting: '',
  archiefnominatie: '',
  archiefactietermijn: null as string | null,
  brondatumArchiefprocedure: null as BrondatumArchiefprocedure | null,
  procesobjectaard: null as string | null,
  indicatieSpecifiek: null as boolean | null,
  procestermijn: null as string | null,
  beginGeldigheid: null as string | null,
  eindeGeldigheid: null as string | null,
};
type Data = typeof DATA_DEFAULTS;

export type ResultaattypeInput = Partial<Omit<Data, 'brondatumArchiefprocedure' | 'omschrijvingGeneriek'>> & {
  zaaktype?: string;
  omschrijving?: string;
  catalogus?: string | null;
  brondatumArchiefprocedure?:
    | (Partial<BrondatumArchiefprocedure> & { afleidingswijze: Afleidingswijze })
    | null;
  besluittypen?: string[];
  informatieobjecttypen?: string[];
};

function load(db: Conn, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return t(db)
    .selectFrom('catalog_resultaattype as x')
    .innerJoin('catalog_zaaktype as z', 'z.id', 'x.zaaktype_id')
    .selectAll('x')
    .select([
      ...zaaktypeColumns,
      sql<
        string[]
      >`array(select l.besluittype_id::text from catalog_resultaattype_besluittype l where l.resultaattype_id = x.id
        order by l.position)`.as('besluittypen'),
      sql<
        string[]
      >`array(select b.omschrijving from catalog_resultaattype_besluittype l join catalog_besluittype b
        on b.id = l.besluittype_id where l.resultaattype_id = x.id order by l.position)`.as(
        'besluittype_omschrijving',
      ),
      sql<
        string[]
      >`array(select l.informatieobjecttype_id::text from catalog_resultaattype_iot l where l.resultaattype_id = x.id
        order by l.position)`.as('informatieobjecttypen'),
      sql<
        string[]
      >`array(select i.omschrijving from catalog_resultaattype_iot l join catalog_informatieobjecttype i
        on i.id = l.informatieobjecttype_id where l.resultaattype_id = x.id order by l.position)`.as(
        'informatieobjecttype_omschrijving',
      ),
      sql<string[]>`array(select l.zaakobjecttype_id::text from catalog_zaakobjecttype_resultaattype l
        where l.resultaattype_id = x.id order by l.zaakobjecttype_id)`.as('zaakobjecttypen'),
    ])
    .where('x.id', 'in', ids)
    .execute();
}
type Row = Awaited<ReturnType<typeof load>>[number];

export function resultaattypeJson(baseUrl: string, r: Row) {
  const d = mergeData(DATA_DEFAULTS, r.data, {});
  const base = childBase(baseUrl, r);
  return {
    url: urlOf(baseUrl, 'resultaattypen', r.id),
    zaaktype: base.zaaktype,
    zaaktypeIdentificatie: base.zaaktypeIdentificatie,
    omschrijving: r.omschrijving,
    resultaattypeomschrijving: d.resultaattypeomschrijving,
    omschrijvingGeneriek: d.omschrijvingGeneriek,
    selectielijstklasse: d.selectielijstklasse,
    toelichting: d.toelichting,
    archiefnominatie: d.archiefnominatie,
    archiefactietermijn: d.archiefactietermijn,
    brondatumArchiefprocedure: d.brondatumArchiefprocedure && {
      afleidingswijze: d.brondatumArchiefprocedure.afleidingswijze,
      datumkenmerk: d.brondatumArchiefprocedure.datumkenmerk,
      einddatumBekend: d.brondatumArchiefprocedure.einddatumBekend,
      objecttype: d.brondatumArchiefprocedure.objecttype,
      registratie: d.brondatumArchiefprocedure.registratie,
      procestermijn: d.brondatumArchiefprocedure.procestermijn,
    },
    procesobjectaard: d.procesobjectaard,
    catalogus: base.catalogus,
    beginGeldigheid: d.beginGeldigheid,
    eindeGeldigheid: d.eindeGeldigheid,
    beginObject: null,
    eindeObject: null,
    indicatieSpecifiek: d.indicatieSpecifiek,
    procestermijn: d.procestermijn,
    besluittypen: r.besluittypen.map((id) => urlOf(baseUrl, 'besluittypen', id)),
    besluittypeOmschrijving: r.besluittype_omschrijving,
    informatieobjecttypen: r.informatieobjecttypen.map((id) => urlOf(baseUrl, 'informatieobjecttypen', id)),
    informatieobjecttypeOmschrijving: r.informatieobjecttype_omschrijving,
    zaakobjecttypen: r.zaakobjecttypen.map((id) => urlOf(baseUrl, 'zaakobjecttypen', id)),
  };
}

/** What the selectielijst says about the resultaattype's references (looked up before the transaction). */
interface Prepared {
  klasse?: SelectielijstResultaat | null;
  omschrijving?: Resultaattypeomschrijving | null;
}

interface Resolved {
  besluittypen?: TypeRef[] | null;
  informatieobjecttypen?: TypeRef[] | null;
}

/**
 * Resultaattypen: how a zaak of the type can end, and what that means for its archive: the
 * selectielijstklasse (which must belong to the zaaktype's selectielijst procestype), the archiefnominatie
 * and archiefactietermijn (from the selectielijst when not given), and how the brondatum is derived.
 */
export const resultaattypen = childService<ResultaattypeInput, Row, Prepared, Resolved>({
  resource: 'resultaattypen',
  notification: 'resultaattype',
  table: 'catalog_resultaattype',
  unique: 'omschrijving',
  load,
  json: resultaattypeJson,
  async prepare(ctx, input, invalid) {
    const prepared: Prepared = {};
    if (input.resultaattypeomschrijving !== undefined)
      prepared.omschrijving = lookedUp(
        invalid,
        'resultaattypeomschrijving',
        await ctx.selectielijst.getResultaattypeomschrijving(input.resultaattypeomschrijving),
      );
    if (input.selectielijstklasse !== undefined)
      prepared.klasse = lookedUp(
        invalid,
        'selectielijstklasse',
        await ctx.selectielijst.getResultaat(input.selectielijstklasse),
      );
    return prepared;
  },
  async resolve(trx, ctx, input, _zaaktype, _existing, invalid) {
    return {
      besluittypen: input.besluittypen
        ? await resolveTypes(
            trx,
            ctx.baseUrl,
            input.besluittypen,
            'besluittypen',
            'catalog_besluittype',
            'besluittypen',
            invalid,
          )
        : undefined,
      informatieobjecttypen: input.informatieobjecttypen
        ? await resolveTypes(
            trx,
            ctx.baseUrl,
            input.informatieobjecttypen,
            'informatieobjecttypen',
            'catalog_informatieobjecttype',
            'informatieobjecttypen',
            invalid,
          )
        : undefined,
    };
  },
  async rules(trx, { ctx, input, zaaktype, existing, partial, prepared, resolved }, errors) {
    for (const field of ['besluittypen', 'informatieobjecttypen'] as const) {
      if (resolved[field]?.some((x) => x.catalogus_id !== zaaktype.catalogus_id))
        errors.push({
          name: 'nonFieldErrors',
          code: 'relations-incorrect-catalogus',
          reason: catalogTexts.relationsIncorrectCatalogus(field),
        });
    }
    const omschrijving = input.omschrijving ?? existing!.omschrijving;
    if (await taken(trx, 'catalog_resultaattype', zaaktype.id, 'omschrijving', omschrijving, existing?.id))
      errors.push({
        name: 'nonFieldErrors',
        code: 'unique',
        reason: catalogTexts.notUnique('zaaktype, omschrijving'),
      });

    let klasse = prepared.klasse;
    if (klasse === undefined && existing && existing.zaaktype_id !== zaaktype.id) {
      // Moved to another zaaktype: the stored selectielijstklasse must fit that zaaktype's procestype too.
      const stored = mergeData(DATA_DEFAULTS, existing.data, {}).selectielijstklasse;
      klasse = stored
        ? lookedUp(new Invalid(), 'selectielijstklasse', await ctx.selectielijst.getResultaat(stored))
        : undefined;
    }
    if (klasse) {
      const zaaktypeRow = await t(trx)
        .selectFrom('catalog_zaaktype')
        .select('data')
        .where('id', '=', zaaktype.id)
        .executeTakeFirstOrThrow();
      if (klasse.procesType !== zaaktypeData(zaaktypeRow).selectielijstProcestype)
        errors.push({
          name: 'nonFieldErrors',
          code: 'procestype-mismatch',
          reason: catalogTexts.procestypeMismatch,
        });
    }
    const brondatum = input.brondatumArchiefprocedure;
    if (
      prepared.klasse &&
      brondatum &&
      !fitsProcestermijn(prepared.klasse.procestermijn, brondatum.afleidingswijze)
    )
      errors.push({
        name: 'nonFieldErrors',
        code: 'invalid-afleidingswijze-for-procestermijn',
        reason: catalogTexts.afleidingswijzeForProcestermijn(
          brondatum.afleidingswijze,
          prepared.klasse.procestermijn,
        ),
      });
    // The brondatum rules are reported on their own, as the reference implementation does.
    if (brondatum) {
      const fieldErrors = brondatumErrors(normaliseBrondatum(brondatum));
      if (fieldErrors.length) throw problems.validation(fieldErrors);
    } else if (!partial && (input.archiefnominatie ?? '') !== 'blijvend_bewaren') {
      throw problems.validation([
        { name: 'brondatumArchiefprocedure', code: 'required', reason: catalogTexts.brondatumRequired },
      ]);
    }
  },
  async write(trx, { id, input, zaaktype, existing, prepared, resolved }) {
    const data = mergeData(DATA_DEFAULTS, existing?.data, {
      ...input,
      brondatumArchiefprocedure:
        input.brondatumArchiefprocedure === undefined
          ? undefined
          : input.brondatumArchiefprocedure && normaliseBrondatum(input.brondatumArchiefprocedure),
    } as Partial<Data>);
    if (prepared.omschrijving) data.omschrijvingGeneriek = prepared.omschrijving.omschrijving;
    if (!input.archiefnominatie && prepared.klasse) data.archiefnominatie = prepared.klasse.waardering;
    if (input.archiefactietermijn == null && prepared.klasse)
      data.archiefactietermijn = prepared.klasse.bewaartermijn ?? null;
    const row = {
      zaaktype_id: zaaktype.id,
      organisation_id: zaaktype.organisation_id,
      omschrijving: input.omschrijving ?? existing!.omschrijving,
      data: json(data),
    };
    if (existing) await t(trx).updateTable('catalog_resultaattype').set(row).where('id', '=', id).execute();
    else
      await t(trx)
        .insertInto('catalog_resultaattype')
        .values({ id, ...row })
        .execute();
    const org = zaaktype.organisation_id;
    if (resolved.besluittypen)
      await replaceLinks(
        trx,
        'catalog_resultaattype_besluittype',
        'resultaattype_id',
        'besluittype_id',
        org,
        id,
        resolved.besluittypen.map((b) => b.id),
      );
    if (resolved.informatieobjecttypen)
      await replaceLinks(
        trx,
        'catalog_resultaattype_iot',
        'resultaattype_id',
        'informatieobjecttype_id',
        org,
        id,
        resolved.informatieobjecttypen.map((i) => i.id),
      );
  },
});
