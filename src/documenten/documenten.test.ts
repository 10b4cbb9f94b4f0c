import { afterAll, beforeAll, expect, it } from 'vitest';
import { addTestClient, apiAs } from '../authz/test-support.ts';
import { inTransaction } from '../platform/db/transaction.ts';
import { describeBackends } from '../testing/backends.ts';
import { linkObject, unlinkObject } from './object-relations.ts';
import { type DocumentenTestbed, DRC, documentenTestbed, eioBody, publishedType } from './test-support.ts';

describeBackends('Documenten API', (database) => {
  let bed: DocumentenTestbed;
  let as: DocumentenTestbed['as'];
  let type: string;

  beforeAll(async () => {
    bed = await documentenTestbed(database());
    as = bed.as;
    type = await publishedType(as, bed.catalogus, 'zaakvertrouwelijk');
  });
  afterAll(async () => bed.stop());

  const create = async (extra: Record<string, unknown> = {}) => {
    const res = await as('POST', `${DRC}/enkelvoudiginformatieobjecten`, eioBody(type, extra));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  };

  it('creates a document: version 1, identificatie generated, vertrouwelijkheid from the type, content stored', async () => {
    const eio = await create();
    expect(eio).toMatchObject({
      versie: 1,
      locked: false,
      bestandsomvang: 16,
      vertrouwelijkheidaanduiding: 'zaakvertrouwelijk',
      indicatieGebruiksrecht: null,
      bestandsdelen: [],
    });
    expect(eio.identificatie).toMatch(/^DOCUMENT-\d{4}-\d{10}$/);
    expect(eio.inhoud).toBe(`${eio.url}/download?versie=1`);
    const content = await bed.fetch(eio.inhoud);
    expect(content.status).toBe(200);
    expect(content.headers.get('content-disposition')).toContain('brief.txt');
    expect(await content.text()).toBe('Dit is de brief.');
  });

  it('refuses a concept type, a URL that is no informatieobjecttype, and a received document in bewerking', async () => {
    const concept = await as('POST', '/catalogi/api/v1/informatieobjecttypen', {
      catalogus: bed.catalogus,
      omschrijving: 'Concepttype',
      vertrouwelijkheidaanduiding: 'openbaar',
      beginGeldigheid: '2024-01-01',
      informatieobjectcategorie: 'brief',
    });
    const refused = await as('POST', `${DRC}/enkelvoudiginformatieobjecten`, eioBody(concept.body.url));
    expect(refused.status).toBe(400);
    expect(refused.body.invalidParams[0]).toMatchObject({
      name: 'informatieobjecttype',
      code: 'not-published',
    });
    const wrongKind = await as('POST', `${DRC}/enkelvoudiginformatieobjecten`, eioBody(bed.catalogus));
    expect(wrongKind.body.invalidParams[0]).toMatchObject({
      name: 'informatieobjecttype',
      code: 'invalid-resource',
    });
    const received = await as(
      'POST',
      `${DRC}/enkelvoudiginformatieobjecten`,
      eioBody(type, { status: 'in_bewerking', ontvangstdatum: '2025-01-01' }),
    );
    expect(received.body.invalidParams[0]).toMatchObject({ name: 'status', code: 'invalid_for_received' });
    const sizes = await as(
      'POST',
      `${DRC}/enkelvoudiginformatieobjecten`,
      eioBody(type, { bestandsomvang: 3 }),
    );
    expect(sizes.body.invalidParams[0]).toMatchObject({ name: 'nonFieldErrors', code: 'file-size' });
  });

  it('makes a new version on every update, and shows and downloads older versions', async () => {
    const eio = await create();
    const path = new URL(eio.url).pathname;
    const { lock } = (await as('POST', `${path}/lock`)).body;
    expect(lock).toMatch(/^[0-9a-f]{32}$/);
    const v2 = await as('PATCH', path, {
      titel: 'Tweede versie',
      inhoud: Buffer.from('versie twee').toString('base64'),
      bestandsomvang: 11,
      lock,
    });
    expect(v2.status, JSON.stringify(v2.body)).toBe(200);
    expect(v2.body).toMatchObject({ versie: 2, titel: 'Tweede versie', bestandsomvang: 11, locked: true });
    const v3 = await as('PUT', path, { ...eioBody(type, { titel: 'Derde versie' }), lock });
    expect(v3.body).toMatchObject({ versie: 3, titel: 'Derde versie', bestandsomvang: 16 });
    expect((await as('GET', `${path}?versie=1`)).body).toMatchObject({
      versie: 1,
      titel: 'Besluit op aanvraag',
    });
    expect((await as('GET', `${path}?versie=2`)).body.titel).toBe('Tweede versie');
    expect((await as('GET', path)).body.versie).toBe(3);
    const at = new Date(Date.parse(v2.body.beginRegistratie) + 1).toISOString();
    expect((await as('GET', `${path}?registratieOp=${encodeURIComponent(at)}`)).body.versie).toBe(2);
    const res = await bed.fetch(`${path}/download?versie=2`);
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    expect(await res.text()).toBe('versie twee');
    expect((await as('GET', `${path}?versie=9`)).status).toBe(404);
    const trail = await as('GET', `${path}/audittrail`);
    expect(trail.body.map((a: { actie: string }) => a.actie)).toEqual(['create', 'partial_update', 'update']);
  });

  it('demands the lock on updates: unlocked, missing, wrong; forced unlock only with its scope', async () => {
    const eio = await create();
    const path = new URL(eio.url).pathname;
    const unlocked = await as('PATCH', path, { titel: 'x', lock: 'abc' });
    expect(unlocked.body.invalidParams[0]).toMatchObject({ name: 'nonFieldErrors', code: 'unlocked' });
    const { lock } = (await as('POST', `${path}/lock`)).body;
    expect((await as('POST', `${path}/lock`)).body.invalidParams[0].code).toBe('existing-lock');
    expect((await as('PATCH', path, { titel: 'x' })).body.invalidParams[0].code).toBe('missing-lock-id');
    expect((await as('PUT', path, eioBody(type))).body.invalidParams[0]).toMatchObject({
      name: 'lock',
      code: 'required',
    });
    expect((await as('PATCH', path, { titel: 'x', lock: 'fout' })).body.invalidParams[0].code).toBe(
      'incorrect-lock-id',
    );

    const limited = await addTestClient(database().db, {
      autorisaties: [
        {
          component: 'drc',
          scopes: ['documenten.lezen', 'documenten.bijwerken', 'documenten.lock'],
          informatieobjecttype: type,
          maxVertrouwelijkheidaanduiding: 'geheim',
        },
      ],
    });
    const asLimited = apiAs(bed.loket.url, limited);
    const notForced = await asLimited('POST', `${path}/unlock`);
    expect(notForced.status).toBe(400);
    expect(notForced.body.invalidParams[0].code).toBe('incorrect-lock-id');
    expect((await asLimited('PATCH', path, { titel: 'Door beperkte client', lock })).status).toBe(200);
    expect((await as('POST', `${path}/unlock`)).status).toBe(204);
    expect((await as('GET', path)).body.locked).toBe(false);
    const again = (await as('POST', `${path}/lock`)).body.lock;
    expect((await as('POST', `${path}/unlock`, { lock: again })).status).toBe(204);
  });

  it('keeps indicatieGebruiksrecht in step with the gebruiksrechten', async () => {
    const eio = await create();
    const refused = await as(
      'POST',
      `${DRC}/enkelvoudiginformatieobjecten`,
      eioBody(type, { indicatieGebruiksrecht: true }),
    );
    expect(refused.body.invalidParams[0]).toMatchObject({
      name: 'indicatieGebruiksrecht',
      code: 'missing-gebruiksrechten',
    });
    const recht = await as('POST', `${DRC}/gebruiksrechten`, {
      informatieobject: eio.url,
      startdatum: '2019-01-01T12:00:00',
      omschrijvingVoorwaarden: 'Alleen intern gebruik',
    });
    expect(recht.status, JSON.stringify(recht.body)).toBe(201);
    expect(recht.body.startdatum).toBe('2019-01-01T12:00:00Z');
    expect((await as('GET', eio.url)).body.indicatieGebruiksrecht).toBe(true);
    const listed = await as('GET', `${DRC}/gebruiksrechten?informatieobject=${encodeURIComponent(eio.url)}`);
    expect(listed.body).toHaveLength(1);
    const changed = await as('PATCH', recht.body.url, { omschrijvingVoorwaarden: 'Ook extern' });
    expect(changed.body.omschrijvingVoorwaarden).toBe('Ook extern');
    const { lock } = (await as('POST', `${eio.url}/lock`)).body;
    const clear = await as('PATCH', eio.url, { indicatieGebruiksrecht: null, lock });
    expect(clear.body.invalidParams[0].code).toBe('existing-gebruiksrechten');
    await as('POST', `${eio.url}/unlock`, { lock });
    expect((await as('DELETE', recht.body.url)).status).toBe(204);
    expect((await as('GET', eio.url)).body.indicatieGebruiksrecht).toBeNull();
  });

  it('refuses to delete a document a zaak still uses; deletes it with its gebruiksrechten afterwards', async () => {
    const eio = await create();
    const zaak = 'https://zaken.example/api/v1/zaken/4f6f0d9e-0a35-4d8a-9b4b-8a3c1d2e3f40';
    await inTransaction(database().db, (trx) =>
      linkObject(trx, { informatieobject: eio.url, object: zaak, objectType: 'zaak' }),
    );
    await as('POST', `${DRC}/gebruiksrechten`, {
      informatieobject: eio.url,
      startdatum: '2025-01-01T00:00:00Z',
      omschrijvingVoorwaarden: 'test',
    });
    const relations = await as(
      'GET',
      `${DRC}/objectinformatieobjecten?informatieobject=${encodeURIComponent(eio.url)}`,
    );
    expect(relations.body).toEqual([expect.objectContaining({ object: zaak, objectType: 'zaak' })]);
    const refused = await as('DELETE', eio.url);
    expect(refused.status).toBe(400);
    expect(refused.body.invalidParams[0]).toMatchObject({
      name: 'nonFieldErrors',
      code: 'pending-relations',
    });
    await inTransaction(database().db, (trx) =>
      unlinkObject(trx, { informatieobject: eio.url, object: zaak }),
    );
    expect((await as('DELETE', eio.url)).status).toBe(204);
    expect((await as('GET', eio.url)).status).toBe(404);
    expect(
      (await as('GET', `${DRC}/gebruiksrechten?informatieobject=${encodeURIComponent(eio.url)}`)).body,
    ).toEqual([]);
    expect((await as('GET', `${eio.url}/audittrail`)).status).toBe(404);
  });

  it('shows a client only the documents of its types up to its confidentiality level (403 on others)', async () => {
    const other = await publishedType(as, bed.catalogus, 'openbaar');
    const open = await create({ vertrouwelijkheidaanduiding: 'openbaar' });
    const secret = await create({ vertrouwelijkheidaanduiding: 'geheim' });
    const foreign = (await as('POST', `${DRC}/enkelvoudiginformatieobjecten`, eioBody(other))).body;
    const reader = await addTestClient(database().db, {
      autorisaties: [
        {
          component: 'drc',
          scopes: ['documenten.lezen'],
          informatieobjecttype: type,
          maxVertrouwelijkheidaanduiding: 'vertrouwelijk',
        },
      ],
    });
    const asReader = apiAs(bed.loket.url, reader);
    expect((await asReader('GET', open.url)).status).toBe(200);
    expect((await asReader('GET', secret.url)).body.code).toBe('permission_denied');
    expect((await asReader('GET', foreign.url)).status).toBe(403);
    expect((await asReader('GET', `${new URL(secret.url).pathname}/download`)).status).toBe(403);
    const list = await asReader('GET', `${DRC}/enkelvoudiginformatieobjecten`);
    const urls = list.body.results.map((r: { url: string }) => r.url);
    expect(urls).toContain(open.url);
    expect(urls).not.toContain(secret.url);
    expect(urls).not.toContain(foreign.url);
    const zoek = await asReader('POST', `${DRC}/enkelvoudiginformatieobjecten/_zoek`, {
      uuid__in: [open.url, secret.url].map((u: string) => u.split('/').pop()),
    });
    expect(zoek.body.results.map((r: { url: string }) => r.url)).toEqual([open.url]);
    expect((await asReader('POST', `${DRC}/enkelvoudiginformatieobjecten`, eioBody(type))).status).toBe(403);
  });

  it('answers ETag and If-None-Match (304), and HEAD', async () => {
    const eio = await create();
    const first = await as('GET', eio.url);
    const etag = first.headers.get('etag') as string;
    expect(etag).toMatch(/^"[0-9a-f]+"$/);
    expect((await as('GET', eio.url, undefined, { 'if-none-match': etag })).status).toBe(304);
    const head = await as('HEAD', eio.url);
    expect(head.status).toBe(200);
    expect(head.headers.get('etag')).toBe(etag);
  });

  it('keeps verzendingen of a document, through exactly one channel', async () => {
    const eio = await create();
    const base = {
      informatieobject: eio.url,
      betrokkene: 'https://klanten.example/api/v1/klanten/1',
      aardRelatie: 'geadresseerde',
      contactPersoon: 'https://medewerkers.example/1',
    };
    const none = await as('POST', `${DRC}/verzendingen`, base);
    expect(none.body.invalidParams[0].code).toBe('invalid-address');
    const sent = await as('POST', `${DRC}/verzendingen`, { ...base, emailadres: 'inwoner@example.nl' });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    const list = await as('GET', `${DRC}/verzendingen?informatieobject=${encodeURIComponent(eio.url)}`);
    expect(list.body).toMatchObject({
      count: 1,
      results: [{ emailadres: 'inwoner@example.nl', mijnOverheid: false }],
    });
    expect((await as('DELETE', sent.body.url)).status).toBe(204);
  });
});
