import { sql } from 'kysely';
import { parsed, t } from './repository.ts';
import { type Conn, urlOf } from './support.ts';

/** A zaaktype with everything its ZGW representation lists (child types, relations, object dates). */
export function zaaktypeSelect(db: Conn) {
  return t(db)
    .selectFrom('catalog_zaaktype as z')
    .selectAll('z')
    .select([
      sql<
        string[]
      >`array(select s.id::text from catalog_statustype s where s.zaaktype_id = z.id order by s.volgnummer, s.id)`.as(
        'statustypen',
      ),
      sql<
        string[]
      >`array(select r.id::text from catalog_resultaattype r where r.zaaktype_id = z.id order by r.created_at, r.id)`.as(
        'resultaattypen',
      ),
      sql<
        string[]
      >`array(select e.id::text from catalog_eigenschap e where e.zaaktype_id = z.id order by e.created_at, e.id)`.as(
        'eigenschappen',
      ),
      sql<
        string[]
      >`array(select r.id::text from catalog_roltype r where r.zaaktype_id = z.id order by r.created_at, r.id)`.as(
        'roltypen',
      ),
      sql<
        string[]
      >`array(select o.id::text from catalog_zaakobjecttype o where o.zaaktype_id = z.id order by o.created_at, o.id)`.as(
        'zaakobjecttypen',
      ),
      sql<
        string[]
      >`array(select i.informatieobjecttype_id::text from catalog_ziot i where i.zaaktype_id = z.id
        group by i.informatieobjecttype_id order by min(i.volgnummer))`.as('informatieobjecttypen'),
      sql<
        string[]
      >`array(select b.besluittype_id::text from catalog_zaaktype_besluittype b where b.zaaktype_id = z.id order by b.position)`.as(
        'besluittypen',
      ),
      sql<
        string[]
      >`array(select d.deelzaaktype_id::text from catalog_zaaktype_deelzaaktype d where d.zaaktype_id = z.id order by d.position)`.as(
        'deelzaaktypen',
      ),
      sql<string | null>`(select min(v.begin_geldigheid) from catalog_zaaktype v
        where v.catalogus_id = z.catalogus_id and v.identificatie = z.identificatie)`.as('begin_object'),
      sql<
        string | null
      >`(select case when bool_or(v.einde_geldigheid is null) then null else max(v.einde_geldigheid) end
        from catalog_zaaktype v where v.catalogus_id = z.catalogus_id and v.identificatie = z.identificatie)`.as(
        'einde_object',
      ),
    ]);
}

export type ZaaktypeRow = Awaited<ReturnType<ReturnType<typeof zaaktypeSelect>['executeTakeFirstOrThrow']>>;

/** The ZGW fields a zaaktype keeps in `data`, with the value they have when a client leaves them out. */
export const ZAAKTYPE_DATA_DEFAULTS = {
  omschrijvingGeneriek: '',
  vertrouwelijkheidaanduiding: 'openbaar',
  doel: '',
  aanleiding: '',
  toelichting: '',
  indicatieInternOfExtern: 'extern',
  handelingInitiator: '',
  onderwerp: '',
  handelingBehandelaar: '',
  doorlooptijd: 'P0D',
  servicenorm: null as string | null,
  opschortingEnAanhoudingMogelijk: false,
  verlengingMogelijk: false,
  verlengingstermijn: null as string | null,
  publicatieIndicatie: false,
  publicatietekst: '',
  verantwoordingsrelatie: [] as string[],
  productenOfDiensten: [] as string[],
  selectielijstProcestype: '',
  referentieproces: { naam: '', link: '' } as { naam: string; link?: string },
  verantwoordelijke: '',
  broncatalogus: null as { url?: string; domein: string; rsin: string } | null,
  bronzaaktype: null as { url?: string; identificatie: string; omschrijving: string } | null,
  gerelateerdeZaaktypen: [] as { zaaktype: string; aardRelatie: string; toelichting?: string }[],
};
export type ZaaktypeData = typeof ZAAKTYPE_DATA_DEFAULTS;
export const ZAAKTYPE_DATA_FIELDS = Object.keys(ZAAKTYPE_DATA_DEFAULTS) as (keyof ZaaktypeData)[];

export function zaaktypeData(row: { data: unknown }): ZaaktypeData {
  return { ...ZAAKTYPE_DATA_DEFAULTS, ...parsed<Partial<ZaaktypeData>>(row.data) };
}

export function zaaktypeJson(baseUrl: string, r: ZaaktypeRow) {
  const d = zaaktypeData(r);
  const url = (resource: Parameters<typeof urlOf>[1]) => (id: string) => urlOf(baseUrl, resource, id);
  return {
    url: urlOf(baseUrl, 'zaaktypen', r.id),
    identificatie: r.identificatie,
    omschrijving: r.omschrijving,
    omschrijvingGeneriek: d.omschrijvingGeneriek,
    vertrouwelijkheidaanduiding: d.vertrouwelijkheidaanduiding,
    doel: d.doel,
    aanleiding: d.aanleiding,
    toelichting: d.toelichting,
    indicatieInternOfExtern: d.indicatieInternOfExtern,
    handelingInitiator: d.handelingInitiator,
    onderwerp: d.onderwerp,
    handelingBehandelaar: d.handelingBehandelaar,
    doorlooptijd: d.doorlooptijd,
    servicenorm: d.servicenorm,
    opschortingEnAanhoudingMogelijk: d.opschortingEnAanhoudingMogelijk,
    verlengingMogelijk: d.verlengingMogelijk,
    verlengingstermijn: d.verlengingstermijn,
    trefwoorden: r.trefwoorden,
    publicatieIndicatie: d.publicatieIndicatie,
    publicatietekst: d.publicatietekst,
    verantwoordingsrelatie: d.verantwoordingsrelatie,
    productenOfDiensten: d.productenOfDiensten,
    selectielijstProcestype: d.selectielijstProcestype,
    referentieproces: { naam: d.referentieproces.naam, link: d.referentieproces.link ?? '' },
    concept: r.concept,
    verantwoordelijke: d.verantwoordelijke,
    broncatalogus: {
      url: d.broncatalogus?.url ?? '',
      domein: d.broncatalogus?.domein ?? '',
      rsin: d.broncatalogus?.rsin ?? '',
    },
    bronzaaktype: {
      url: d.bronzaaktype?.url ?? '',
      identificatie: d.bronzaaktype?.identificatie ?? '',
      omschrijving: d.bronzaaktype?.omschrijving ?? '',
    },
    beginGeldigheid: r.begin_geldigheid,
    eindeGeldigheid: r.einde_geldigheid,
    versiedatum: r.versiedatum,
    beginObject: r.begin_object,
    eindeObject: r.einde_object,
    catalogus: urlOf(baseUrl, 'catalogussen', r.catalogus_id),
    statustypen: r.statustypen.map(url('statustypen')),
    resultaattypen: r.resultaattypen.map(url('resultaattypen')),
    eigenschappen: r.eigenschappen.map(url('eigenschappen')),
    informatieobjecttypen: r.informatieobjecttypen.map(url('informatieobjecttypen')),
    roltypen: r.roltypen.map(url('roltypen')),
    besluittypen: r.besluittypen.map(url('besluittypen')),
    deelzaaktypen: r.deelzaaktypen.map(url('zaaktypen')),
    gerelateerdeZaaktypen: d.gerelateerdeZaaktypen.map((g) => ({
      zaaktype: g.zaaktype,
      aardRelatie: g.aardRelatie,
      toelichting: g.toelichting ?? '',
    })),
    zaakobjecttypen: r.zaakobjecttypen.map(url('zaakobjecttypen')),
  };
}
export type ZaaktypeJson = ReturnType<typeof zaaktypeJson>;
