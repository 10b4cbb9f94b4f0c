import { randomUUID } from 'node:crypto';
import { requireTypeAccess } from '../authz/policy.ts';
import { inTransaction } from '../platform/db/transaction.ts';
import { problems } from '../platform/http/problem.ts';
import { Invalid } from '../zgw/invalid.ts';
import { resourceUrl } from '../zgw/urls.ts';
import { zaakJson } from './json.ts';
import { requireOpen } from './service-update.ts';
import { announce, loadZaak } from './service-zaak.ts';
import { zakenTexts as t } from './texts.nl.ts';
import type { Caller, ZakenContext } from './types.ts';

export type ChildKind = 'zaakobject' | 'zaakeigenschap' | 'klantcontact';
const PATH: Record<ChildKind, string> = {
  zaakobject: 'zaakobjecten',
  zaakeigenschap: 'zaakeigenschappen',
  klantcontact: 'klantcontacten',
};

/** The ZGW JSON of a simpler child; zaakeigenschappen live under their zaak. */
export function childJson(baseUrl: string, kind: ChildKind, r: Record<string, unknown>) {
  const zaak = resourceUrl(baseUrl, 'zaken', 'zaken', r.zaak_id as string);
  const url =
    kind === 'zaakeigenschap'
      ? `${zaak}/zaakeigenschappen/${r.id}`
      : resourceUrl(baseUrl, 'zaken', PATH[kind], r.id as string);
  return { url, uuid: r.id as string, zaak, ...(r.data as Record<string, unknown>) };
}

/** Adds a zaakobject, zaakeigenschap or klantcontact; a closed zaak needs the forced scope. */
export async function createChild(
  ctx: ZakenContext,
  caller: Caller,
  kind: ChildKind,
  body: Record<string, unknown>,
  zaakId?: string,
) {
  return inTransaction(ctx.db, async (trx) => {
    const url = (body.zaak as string | undefined) ?? '';
    const id = zaakId ?? /\/zaken\/([0-9a-f-]{36})\/?$/i.exec(url)?.[1];
    if (!id) throw problems.invalidField('zaak', url ? 'bad-url' : 'required', t.required);
    const zaak = await loadZaak(trx, id.toLowerCase(), true).catch(() => {
      throw problems.invalidField('zaak', 'bad-url', 'De URL kan niet opgehaald worden.');
    });
    requireTypeAccess(
      caller.auth,
      'zrc',
      ['zaken.bijwerken', 'zaken.geforceerd-bijwerken'],
      'zaaktype',
      zaak.zaaktype as string,
    );
    requireOpen(caller, zaak);
    const invalid = new Invalid();
    let data: Record<string, unknown>;
    if (kind === 'zaakobject') {
      if (!body.objectType) invalid.add('objectType', 'required', t.required);
      invalid.throwIfAny();
      data = {
        object: body.object ?? '',
        zaakobjecttype: body.zaakobjecttype ?? null,
        objectType: body.objectType,
        objectTypeOverige: body.objectTypeOverige ?? '',
        objectTypeOverigeDefinitie: body.objectTypeOverigeDefinitie ?? null,
        relatieomschrijving: body.relatieomschrijving ?? '',
        objectIdentificatie: body.objectIdentificatie ?? null,
      };
    } else if (kind === 'zaakeigenschap') {
      if (!body.eigenschap) invalid.add('eigenschap', 'required', t.required);
      if (body.waarde === undefined) invalid.add('waarde', 'required', t.required);
      invalid.throwIfAny();
      const eigenschap = await ctx.local.resolve(trx, 'eigenschap', body.eigenschap as string, {
        api: 'catalogi',
        resource: 'eigenschappen',
      });
      if (eigenschap.zaaktype !== zaak.zaaktype)
        throw problems.validation([
          { name: 'nonFieldErrors', code: 'zaaktype-mismatch', reason: t.typeMismatch },
        ]);
      data = { eigenschap: body.eigenschap, naam: eigenschap.naam ?? '', waarde: String(body.waarde) };
    } else {
      if (!body.datumtijd) invalid.add('datumtijd', 'required', t.required);
      invalid.throwIfAny();
      data = {
        identificatie: (body.identificatie as string) || `KC-${randomUUID().slice(0, 8).toUpperCase()}`,
        datumtijd: body.datumtijd,
        kanaal: body.kanaal ?? '',
        onderwerp: body.onderwerp ?? '',
        toelichting: body.toelichting ?? '',
      };
    }
    const row = {
      id: randomUUID(),
      organisation_id: caller.organisationId,
      zaak_id: zaak.id as string,
      kind,
      data: JSON.stringify(data),
    };
    await trx.insertInto('zrc_zaak_child').values(row).execute();
    const json = childJson(ctx.baseUrl, kind, { ...row, data });
    await announce(trx, caller, zaakJson(ctx.baseUrl, zaak), 'create', null, {
      name: kind,
      url: json.url,
      nieuw: json,
    });
    return json;
  });
}

/** Lists or reads children of one kind the client may see (optionally of one zaak). */
export async function listChildren(
  ctx: ZakenContext,
  caller: Caller,
  kind: ChildKind,
  zaakId?: string,
  id?: string,
) {
  let q = ctx.db
    .selectFrom('zrc_zaak_child as c')
    .innerJoin('zrc_zaak as z', 'z.id', 'c.zaak_id')
    .select(['c.id', 'c.zaak_id', 'c.data', 'z.zaaktype', 'z.vertrouwelijkheidaanduiding'])
    .where('c.kind', '=', kind);
  if (zaakId) q = q.where('c.zaak_id', '=', zaakId);
  if (id) q = q.where('c.id', '=', id);
  const rows = await q.orderBy('c.created_at').execute();
  return rows
    .filter((r) => {
      try {
        requireTypeAccess(
          caller.auth,
          'zrc',
          ['zaken.lezen'],
          'zaaktype',
          r.zaaktype,
          r.vertrouwelijkheidaanduiding,
        );
        return true;
      } catch {
        return false;
      }
    })
    .map((r) => childJson(ctx.baseUrl, kind, r));
}
