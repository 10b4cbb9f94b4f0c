import { ZGW_APIS } from '../zgw/urls.ts';

/**
 * Each zaak carries its own ZGW JSON (`zrc_zaak.doc`), so a list page is 100 stored texts joined, not
 * 100 objects built and serialised per request (README.md, "Lists").
 *
 * - The ids of a zaak's parts (rollen, eigenschappen, objecten, documenten, deelzaken) live on the zaak
 *   row in id arrays, kept by triggers on the tables that hold those parts, in the order the API lists
 *   them (created_at, id).
 * - `doc` is a stored generated column: PostgreSQL writes it whenever the row changes, so no code path can
 *   forget it. It has the same fields in the same order as `zaakJson` (json.ts); a test holds the two
 *   equal for zaken with every kind of part and field.
 * - Loket's base URL is not the database's business: every URL in `doc` starts with the character U+0001
 *   instead. JSON text never holds that character raw (it is written `\u0001` inside strings), so
 *   replacing it with the base URL touches nothing else.
 */
export const BASE_MARK = '\u0001';

const ZRC = ZGW_APIS.zaken;

/**
 * The zaak's ZGW JSON as text, from its columns. Declared immutable, as a generated column needs: its
 * result depends on its arguments alone (dates are written with a fixed format). PL/pgSQL, because it
 * keeps its one expression planned per connection, with the small helpers below inlined into it: as a
 * SQL function it was planned again on every insert (creates fell from 1,046 to 496 per second).
 */
const DOC_FUNCTION = `create or replace function zrc_zaak_doc(
    id uuid, identificatie text, bronorganisatie text, zaaktype text, registratiedatum date,
    verantwoordelijke_organisatie text, startdatum date, einddatum date, einddatum_gepland date,
    uiterlijke_einddatum_afdoening date, publicatiedatum date, vertrouwelijkheidaanduiding text,
    hoofdzaak_id uuid, status_id uuid, resultaat_id uuid, archiefnominatie text, archiefstatus text,
    archiefactiedatum date, data jsonb, rol_ids uuid[], eigenschap_ids uuid[], zaakobject_ids uuid[],
    zio_ids uuid[], deelzaak_ids uuid[])
  returns text language plpgsql immutable parallel safe as $f$
  begin
  return '{"url":' || zrc_json_url('${ZRC}/zaken/', id)
    || ',"uuid":"' || id || '"'
    || ',"identificatie":' || zrc_json_text(identificatie)
    || ',"bronorganisatie":' || zrc_json_text(bronorganisatie)
    || ',"omschrijving":' || zrc_json_or(data -> 'omschrijving', '""')
    || ',"toelichting":' || zrc_json_or(data -> 'toelichting', '""')
    || ',"zaaktype":' || zrc_json_text(zaaktype)
    || ',"registratiedatum":' || zrc_json_date(registratiedatum)
    || ',"verantwoordelijkeOrganisatie":' || zrc_json_text(verantwoordelijke_organisatie)
    || ',"startdatum":' || zrc_json_date(startdatum)
    || ',"einddatum":' || zrc_json_date(einddatum)
    || ',"einddatumGepland":' || zrc_json_date(einddatum_gepland)
    || ',"uiterlijkeEinddatumAfdoening":' || zrc_json_date(uiterlijke_einddatum_afdoening)
    || ',"publicatiedatum":' || zrc_json_date(publicatiedatum)
    || ',"communicatiekanaal":' || zrc_json_or(data -> 'communicatiekanaal', '""')
    || ',"productenOfDiensten":' || zrc_json_or(data -> 'productenOfDiensten', '[]')
    || ',"vertrouwelijkheidaanduiding":' || zrc_json_text(vertrouwelijkheidaanduiding)
    || ',"betalingsindicatie":' || zrc_json_or(data -> 'betalingsindicatie', '""')
    || ',"betalingsindicatieWeergave":' || case coalesce(data ->> 'betalingsindicatie', '')
         when 'nvt' then '"Er is geen sprake van te betalen, met de zaak gemoeide, kosten."'
         when 'nog_niet' then '"De met de zaak gemoeide kosten zijn (nog) niet betaald."'
         when 'gedeeltelijk' then '"De met de zaak gemoeide kosten zijn gedeeltelijk betaald."'
         when 'geheel' then '"De met de zaak gemoeide kosten zijn geheel betaald."'
         else '""' end
    || ',"laatsteBetaaldatum":' || zrc_json_or(data -> 'laatsteBetaaldatum', 'null')
    || ',"zaakgeometrie":' || zrc_json_or(data -> 'zaakgeometrie', 'null')
    || ',"verlenging":' || zrc_json_or(data -> 'verlenging', 'null')
    || ',"opschorting":' || zrc_json_or(data -> 'opschorting', '{"indicatie":false,"reden":""}')
    || ',"selectielijstklasse":' || zrc_json_or(data -> 'selectielijstklasse', '""')
    || ',"hoofdzaak":' || zrc_json_url('${ZRC}/zaken/', hoofdzaak_id)
    || ',"deelzaken":' || zrc_json_urls('${ZRC}/zaken/', deelzaak_ids)
    || ',"relevanteAndereZaken":' || zrc_json_or(data -> 'relevanteAndereZaken', '[]')
    || ',"eigenschappen":' || zrc_json_urls('${ZRC}/zaken/' || id || '/zaakeigenschappen/', eigenschap_ids)
    || ',"rollen":' || zrc_json_urls('${ZRC}/rollen/', rol_ids)
    || ',"status":' || zrc_json_url('${ZRC}/statussen/', status_id)
    || ',"zaakinformatieobjecten":' || zrc_json_urls('${ZRC}/zaakinformatieobjecten/', zio_ids)
    || ',"zaakobjecten":' || zrc_json_urls('${ZRC}/zaakobjecten/', zaakobject_ids)
    || ',"kenmerken":' || zrc_json_or(data -> 'kenmerken', '[]')
    || ',"archiefnominatie":' || zrc_json_text(archiefnominatie)
    || ',"archiefstatus":' || zrc_json_text(archiefstatus)
    || ',"archiefactiedatum":' || zrc_json_date(archiefactiedatum)
    || ',"resultaat":' || zrc_json_url('${ZRC}/resultaten/', resultaat_id)
    || ',"opdrachtgevendeOrganisatie":' || zrc_json_or(data -> 'opdrachtgevendeOrganisatie', '""')
    || ',"processobjectaard":' || zrc_json_or(data -> 'processobjectaard', '""')
    || ',"startdatumBewaartermijn":' || zrc_json_or(data -> 'startdatumBewaartermijn', 'null')
    || ',"processobject":' || zrc_json_or(data -> 'processobject', 'null')
    || '}';
  end
$f$`;

/**
 * Small JSON writers for the function above: stable (as what they call is), one expression each, so
 * PostgreSQL inlines them into it.
 */
const HELPERS = [
  `create or replace function zrc_json_text(v text) returns text language sql stable parallel safe as
    $f$ select coalesce(to_json(v)::text, 'null') $f$`,
  `create or replace function zrc_json_date(v date) returns text language sql stable parallel safe as
    $f$ select case when v is null then 'null' else '"' || to_char(v, 'YYYY-MM-DD') || '"' end $f$`,
  // A JSON null inside data counts as absent, as ?? does in zaakJson.
  `create or replace function zrc_json_or(v jsonb, otherwise text) returns text language sql stable
    parallel safe as $f$ select coalesce(nullif(v, 'null'::jsonb)::text, otherwise) $f$`,
  `create or replace function zrc_json_url(path text, id uuid) returns text language sql stable
    parallel safe as $f$ select case when id is null then 'null' else '"' || chr(1) || path || id || '"' end $f$`,
  `create or replace function zrc_json_urls(path text, ids uuid[]) returns text language sql stable
    parallel safe as $f$ select case when cardinality(ids) = 0 then '[]'
      else '["' || chr(1) || path || array_to_string(ids, '","' || chr(1) || path) || '"]' end $f$`,
];

/**
 * Triggers that keep a zaak's part arrays: each recomputes the one array a change touches, for the zaak
 * (or zaken) involved, in the API's order.
 */
const PART_TRIGGERS = [
  `create or replace function zrc_rol_parts() returns trigger language plpgsql as $f$
  begin
    update zrc_zaak z set rol_ids = coalesce((select array_agg(r.id order by r.created_at, r.id)
      from zrc_rol r where r.zaak_id = z.id), '{}')
    where z.id in (select (case when tg_op = 'DELETE' then old.zaak_id else new.zaak_id end)
      union select (case when tg_op = 'UPDATE' then old.zaak_id end));
    return null;
  end $f$`,
  `create trigger zrc_rol_parts after insert or delete or update of zaak_id, created_at on zrc_rol
    for each row execute function zrc_rol_parts()`,
  `create or replace function zrc_child_parts() returns trigger language plpgsql as $f$
  declare
    zaak uuid;
  begin
    foreach zaak in array array[case when tg_op = 'DELETE' then old.zaak_id else new.zaak_id end,
      case when tg_op = 'UPDATE' then old.zaak_id end] loop
      continue when zaak is null;
      update zrc_zaak z set
        eigenschap_ids = coalesce((select array_agg(k.id order by k.created_at, k.id) from zrc_zaak_child k
          where k.zaak_id = z.id and k.kind = 'zaakeigenschap'), '{}'),
        zaakobject_ids = coalesce((select array_agg(k.id order by k.created_at, k.id) from zrc_zaak_child k
          where k.zaak_id = z.id and k.kind = 'zaakobject'), '{}'),
        zio_ids = coalesce((select array_agg(k.id order by k.created_at, k.id) from zrc_zaak_child k
          where k.zaak_id = z.id and k.kind = 'zaakinformatieobject'), '{}')
      where z.id = zaak;
    end loop;
    return null;
  end $f$`,
  `create trigger zrc_child_parts_insert after insert on zrc_zaak_child for each row
    when (new.kind in ('zaakeigenschap', 'zaakobject', 'zaakinformatieobject'))
    execute function zrc_child_parts()`,
  `create trigger zrc_child_parts_delete after delete on zrc_zaak_child for each row
    when (old.kind in ('zaakeigenschap', 'zaakobject', 'zaakinformatieobject'))
    execute function zrc_child_parts()`,
  `create trigger zrc_child_parts_update after update of zaak_id, kind, created_at on zrc_zaak_child
    for each row execute function zrc_child_parts()`,
  `create or replace function zrc_deelzaak_parts() returns trigger language plpgsql as $f$
  begin
    update zrc_zaak z set deelzaak_ids = coalesce((select array_agg(d.id order by d.created_at, d.id)
      from zrc_zaak d where d.hoofdzaak_id = z.id), '{}')
    where z.id in (select (case when tg_op = 'DELETE' then old.hoofdzaak_id else new.hoofdzaak_id end)
      union select (case when tg_op = 'UPDATE' then old.hoofdzaak_id end));
    return null;
  end $f$`,
  // Only a zaak with a hoofdzaak calls the function: a plain create pays for the WHEN test alone.
  `create trigger zrc_deelzaak_parts_insert after insert on zrc_zaak for each row
    when (new.hoofdzaak_id is not null) execute function zrc_deelzaak_parts()`,
  `create trigger zrc_deelzaak_parts_delete after delete on zrc_zaak for each row
    when (old.hoofdzaak_id is not null) execute function zrc_deelzaak_parts()`,
  `create trigger zrc_deelzaak_parts_update after update of hoofdzaak_id on zrc_zaak for each row
    when (old.hoofdzaak_id is distinct from new.hoofdzaak_id) execute function zrc_deelzaak_parts()`,
];

/** The migration: part arrays, filled for the zaken there are, their triggers, then the stored JSON. */
export const ZAAK_DOC_MIGRATION = [
  `alter table zrc_zaak add column rol_ids uuid[] not null default '{}',
    add column eigenschap_ids uuid[] not null default '{}', add column zaakobject_ids uuid[] not null default '{}',
    add column zio_ids uuid[] not null default '{}', add column deelzaak_ids uuid[] not null default '{}'`,
  `update zrc_zaak z set rol_ids = r.ids from (select zaak_id, array_agg(id order by created_at, id) as ids
    from zrc_rol group by zaak_id) r where r.zaak_id = z.id`,
  `update zrc_zaak z set eigenschap_ids = coalesce(k.e, '{}'), zaakobject_ids = coalesce(k.o, '{}'),
      zio_ids = coalesce(k.i, '{}')
    from (select zaak_id,
        array_agg(id order by created_at, id) filter (where kind = 'zaakeigenschap') as e,
        array_agg(id order by created_at, id) filter (where kind = 'zaakobject') as o,
        array_agg(id order by created_at, id) filter (where kind = 'zaakinformatieobject') as i
      from zrc_zaak_child where kind in ('zaakeigenschap', 'zaakobject', 'zaakinformatieobject')
      group by zaak_id) k
    where k.zaak_id = z.id`,
  `update zrc_zaak z set deelzaak_ids = d.ids from (select hoofdzaak_id, array_agg(id order by created_at, id)
    as ids from zrc_zaak where hoofdzaak_id is not null group by hoofdzaak_id) d where d.hoofdzaak_id = z.id`,
  ...PART_TRIGGERS,
  ...HELPERS,
  DOC_FUNCTION,
  `alter table zrc_zaak add column doc text not null generated always as (zrc_zaak_doc(id, identificatie,
    bronorganisatie, zaaktype, registratiedatum, verantwoordelijke_organisatie, startdatum, einddatum,
    einddatum_gepland, uiterlijke_einddatum_afdoening, publicatiedatum, vertrouwelijkheidaanduiding,
    hoofdzaak_id, status_id, resultaat_id, archiefnominatie, archiefstatus, archiefactiedatum, data, rol_ids,
    eigenschap_ids, zaakobject_ids, zio_ids, deelzaak_ids)) stored`,
];
