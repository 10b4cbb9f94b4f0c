import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addTestClient, apiAs, zgwToken } from '../authz/test-support.ts';
import { describeBackends } from '../testing/backends.ts';
import { besluitenOfZaak } from './index.ts';
import { type BesluitenTestbed, BRC, besluitenTestbed } from './test-support.ts';

const tomorrow = () => new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
const codes = (body: { invalidParams?: { name: string; code: string }[] }) =>
  (body.invalidParams ?? []).map((p) => `${p.name}:${p.code}`);

describeBackends('Besluiten API: besluiten', (database) => {
  let bed: BesluitenTestbed;
  beforeAll(async () => {
    bed = await besluitenTestbed(database());
  });
  afterAll(async () => bed?.stop());

  describe('identificatie', () => {
    it('is generated per verantwoordelijke organisatie and year when not given', async () => {
      const first = await bed.besluit({ verantwoordelijkeOrganisatie: '111222333' });
      const second = await bed.besluit({ verantwoordelijkeOrganisatie: '111222333' });
      const other = await bed.besluit({ verantwoordelijkeOrganisatie: '123456782' });
      expect([first.status, second.status, other.status]).toEqual([201, 201, 201]);
      expect(first.body.identificatie).toBe('BESLUIT-2025-0000000001');
      expect(second.body.identificatie).toBe('BESLUIT-2025-0000000002');
      expect(other.body.identificatie).toBe('BESLUIT-2025-0000000001');
      expect(first.body.url).toMatch(/^http:\/\/loket\.test\/besluiten\/api\/v1\/besluiten\/[0-9a-f-]{36}$/);
    });

    it('is unique per verantwoordelijke organisatie, and the generator skips numbers a client chose', async () => {
      const org = '192837412';
      const chosen = await bed.besluit({
        verantwoordelijkeOrganisatie: org,
        identificatie: 'BESLUIT-2025-0000000001',
      });
      expect(chosen.status).toBe(201);
      const again = await bed.besluit({
        verantwoordelijkeOrganisatie: org,
        identificatie: 'BESLUIT-2025-0000000001',
      });
      expect(again.status).toBe(400);
      expect(codes(again.body)).toEqual(['identificatie:identificatie-niet-uniek']);
      const elsewhere = await bed.besluit({ identificatie: 'BESLUIT-2025-0000000001' });
      expect(elsewhere.status).toBe(201);
      const generated = await bed.besluit({ verantwoordelijkeOrganisatie: org });
      expect(generated.body.identificatie).toBe('BESLUIT-2025-0000000002');
    });
  });

  describe('fields', () => {
    it('refuses an invalid RSIN and a beslisdatum in the future', async () => {
      const res = await bed.besluit({ verantwoordelijkeOrganisatie: '123456789', datum: tomorrow() });
      expect(res.status).toBe(400);
      expect(codes(res.body)).toEqual(['verantwoordelijkeOrganisatie:invalid', 'datum:future_not_allowed']);
    });

    it('demands the required fields', async () => {
      const res = await bed.as('POST', `${BRC}/besluiten`, { besluittype: bed.besluittype });
      expect(res.status).toBe(400);
      expect(codes(res.body).sort()).toEqual(
        ['datum:required', 'ingangsdatum:required', 'verantwoordelijkeOrganisatie:required'].sort(),
      );
    });

    it('keeps identificatie, verantwoordelijke organisatie and besluittype as they were', async () => {
      const { body } = await bed.besluit();
      const other = await bed.newBesluittype();
      const put = await bed.as('PUT', body.url, {
        verantwoordelijkeOrganisatie: body.verantwoordelijkeOrganisatie,
        besluittype: other,
        datum: body.datum,
        ingangsdatum: body.ingangsdatum,
      });
      expect(codes(put.body)).toEqual(['besluittype:wijzigen-niet-toegelaten']);
      for (const change of [{ identificatie: 'anders' }, { verantwoordelijkeOrganisatie: '123456782' }]) {
        const patch = await bed.as('PATCH', body.url, change);
        expect(patch.status).toBe(400);
        expect(codes(patch.body)).toEqual([`${Object.keys(change)[0]}:wijzigen-niet-toegelaten`]);
      }
      const ok = await bed.as('PATCH', body.url, { toelichting: 'Aangepast', vervalreden: 'tijdelijk' });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({
        toelichting: 'Aangepast',
        vervalreden: 'tijdelijk',
        vervalredenWeergave: 'Besluit met tijdelijke werking',
        identificatie: body.identificatie,
      });
    });
  });

  describe('besluittype', () => {
    it('must be published', async () => {
      const concept = await bed.newBesluittype([], false);
      const res = await bed.besluit({ besluittype: concept });
      expect(res.status).toBe(400);
      expect(codes(res.body)).toEqual(['besluittype:not-published']);
    });

    it('must be a besluittype that exists', async () => {
      const missing = await bed.besluit({
        besluittype: `http://loket.test/catalogi/api/v1/besluittypen/${crypto.randomUUID()}`,
      });
      expect(codes(missing.body)).toEqual(['besluittype:bad-url']);
      const wrongKind = await bed.besluit({ besluittype: bed.zaaktype });
      expect(codes(wrongKind.body)).toEqual(['besluittype:invalid-resource']);
    });
  });

  describe('zaak', () => {
    it('must have a zaaktype that goes with the besluittype', async () => {
      const otherZaaktype = await bed.newZaaktype([]);
      const zaak = await bed.newZaak(otherZaaktype);
      const res = await bed.besluit({ zaak });
      expect(res.status).toBe(400);
      expect(codes(res.body)).toEqual(['nonFieldErrors:zaaktype-mismatch']);
    });

    it('makes the besluit visible from the case, and filterable by zaak', async () => {
      const zaak = await bed.newZaak();
      const res = await bed.besluit({ zaak });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body.zaak).toBe(zaak);
      const zaakId = zaak.split('/').pop() as string;
      const ofCase = await besluitenOfZaak(database().db, zaakId);
      expect(ofCase.map((b) => b.identificatie)).toEqual([res.body.identificatie]);
      const listed = await bed.as('GET', `${BRC}/besluiten?zaak=${encodeURIComponent(zaak)}`);
      expect(listed.body.results.map((b: { url: string }) => b.url)).toEqual([res.body.url]);
      const missing = await bed.besluit({
        zaak: `http://loket.test/zaken/api/v1/zaken/${crypto.randomUUID()}`,
      });
      expect(codes(missing.body)).toEqual(['zaak:bad-url']);
    });

    it('keeps the zaak’s ZaakBesluit in step: linked on create, moved on update, gone on delete', async () => {
      const zaakBesluiten = async (zaak: string) => {
        const res = await bed.as('GET', `${zaak}/besluiten`);
        expect(res.status).toBe(200);
        return (res.body as { besluit: string }[]).map((r) => r.besluit);
      };
      const zaak = await bed.newZaak();
      const other = await bed.newZaak();
      const created = await bed.besluit({ zaak });
      expect(created.status).toBe(201);
      const url = created.body.url as string;
      expect(await zaakBesluiten(zaak)).toEqual([url]);

      expect((await bed.as('PATCH', url, { zaak: other })).status).toBe(200);
      expect(await zaakBesluiten(zaak)).toEqual([]);
      expect(await zaakBesluiten(other)).toEqual([url]);

      expect((await bed.as('PATCH', url, { zaak: '' })).status).toBe(200);
      expect(await zaakBesluiten(other)).toEqual([]);
      expect((await bed.as('PATCH', url, { zaak: other })).status).toBe(200);
      expect((await bed.as('DELETE', url)).status).toBe(204);
      expect(await zaakBesluiten(other)).toEqual([]);
    });
  });

  describe('authorisation per besluittype', () => {
    it('shows a limited client only its besluittypen and refuses the rest with 403', async () => {
      const mine = await bed.newBesluittype();
      const theirs = await bed.newBesluittype();
      const own = await bed.besluit({ besluittype: mine });
      const other = await bed.besluit({ besluittype: theirs });
      const limited = await addTestClient(database().db, {
        autorisaties: [
          {
            component: 'brc',
            scopes: ['besluiten.lezen', 'besluiten.aanmaken', 'audittrails.lezen'],
            besluittype: mine,
          },
        ],
      });
      const as = apiAs(bed.loket.url, limited);
      const list = await as('GET', `${BRC}/besluiten`);
      expect(list.status).toBe(200);
      expect(list.body.results.map((b: { url: string }) => b.url)).toEqual([own.body.url]);
      expect(list.body.count).toBe(1);
      expect((await as('GET', own.body.url)).status).toBe(200);
      const denied = await as('GET', other.body.url);
      expect(denied.status).toBe(403);
      expect(denied.body.code).toBe('permission_denied');
      expect((await bed.besluit({ besluittype: theirs }, as)).status).toBe(403);
      expect((await bed.besluit({ besluittype: mine }, as)).status).toBe(201);
      expect((await as('PATCH', own.body.url, { toelichting: 'x' })).status).toBe(403);
      expect((await as('GET', `${other.body.url}/audittrail`)).status).toBe(403);
    });
  });

  describe('audit trail, ETag and notifications', () => {
    it('records every change with its before and after, and forgets it with the besluit', async () => {
      const { body } = await bed.besluit();
      await bed.as(
        'PATCH',
        body.url,
        { bestuursorgaan: 'College van B&W' },
        { 'x-audit-toelichting': 'Typfout' },
      );
      const trail = await bed.as('GET', `${body.url}/audittrail`);
      expect(trail.status).toBe(200);
      expect(trail.body.map((e: { actie: string }) => e.actie)).toEqual(['create', 'partial_update']);
      const update = trail.body[1];
      expect(update).toMatchObject({
        bron: 'BRC',
        hoofdObject: body.url,
        resource: 'besluit',
        toelichting: 'Typfout',
      });
      expect(update.wijzigingen.oud.bestuursorgaan).toBe('');
      expect(update.wijzigingen.nieuw.bestuursorgaan).toBe('College van B&W');
      const one = await bed.as('GET', `${body.url}/audittrail/${update.uuid}`);
      expect(one.body).toEqual(update);
      expect((await bed.as('DELETE', body.url)).status).toBe(204);
      expect((await bed.as('GET', `${body.url}/audittrail`)).status).toBe(404);
      expect((await bed.as('GET', body.url)).status).toBe(404);
    });

    it('answers 304 to a matching If-None-Match and supports HEAD', async () => {
      const { body } = await bed.besluit();
      const first = await bed.as('GET', body.url);
      const etag = first.headers.get('etag') as string;
      expect(etag).toMatch(/^"[0-9a-f]+"$/);
      expect((await bed.as('GET', body.url, undefined, { 'if-none-match': etag })).status).toBe(304);
      await bed.as('PATCH', body.url, { toelichting: 'Gewijzigd' });
      expect((await bed.as('GET', body.url, undefined, { 'if-none-match': etag })).status).toBe(200);
      const head = await fetch(`${bed.loket.url}${new URL(body.url).pathname}`, {
        method: 'HEAD',
        headers: { authorization: `Bearer ${await zgwToken(bed.admin)}` },
      });
      expect(head.status).toBe(200);
      expect(head.headers.get('etag')).toBeTruthy();
      expect(await head.text()).toBe('');
    });

    it('announces changes on kanaal besluiten with verantwoordelijkeOrganisatie and besluittype', async () => {
      const { body } = await bed.besluit({ verantwoordelijkeOrganisatie: '987654317' });
      await bed.as('DELETE', body.url);
      const events = await database()
        .db.selectFrom('outbox_event')
        .select('payload')
        .where('topic', '=', 'zgw.besluiten')
        .orderBy('id')
        .execute();
      const mine = events
        .map((e) => e.payload as { hoofdObject: string; actie: string; kenmerken: Record<string, string> })
        .filter((p) => p.hoofdObject === body.url);
      expect(mine.map((p) => p.actie)).toEqual(['create', 'destroy']);
      expect(mine[0]?.kenmerken).toEqual({
        verantwoordelijkeOrganisatie: '987654317',
        besluittype: bed.besluittype,
      });
    });
  });

  describe('expand', () => {
    it('embeds the besluittype and the zaak, and refuses fields it cannot expand', async () => {
      const zaak = await bed.newZaak();
      const { body } = await bed.besluit({ zaak });
      const res = await bed.as('GET', `${body.url}?expand=besluittype,zaak`);
      expect(res.status).toBe(200);
      expect(res.body._expand.besluittype.url).toBe(bed.besluittype);
      expect(res.body._expand.zaak.url).toBe(zaak);
      const bad = await bed.as('GET', `${body.url}?expand=verantwoordelijkeOrganisatie`);
      expect(codes(bad.body)).toEqual(['expand:invalid-expand-field']);
    });
  });
});
