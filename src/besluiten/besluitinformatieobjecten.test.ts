import { afterAll, beforeAll, expect, it } from 'vitest';
import { addTestClient, apiAs } from '../authz/test-support.ts';
import { listObjectRelations } from '../documenten/object-relations.ts';
import { describeBackends } from '../testing/backends.ts';
import { type BesluitenTestbed, BRC, besluitenTestbed } from './test-support.ts';

const codes = (body: { invalidParams?: { name: string; code: string }[] }) =>
  (body.invalidParams ?? []).map((p) => `${p.name}:${p.code}`);

describeBackends('Besluiten API: besluitinformatieobjecten', (database) => {
  let bed: BesluitenTestbed;
  let besluit: string;
  let document: string;
  const link = (body: Record<string, unknown>, as = bed.as) =>
    as('POST', `${BRC}/besluitinformatieobjecten`, body);
  const mirror = (object: string) => listObjectRelations(database().db, { object });

  beforeAll(async () => {
    bed = await besluitenTestbed(database());
    besluit = (await bed.besluit()).body.url;
    document = await bed.newDocument();
  });
  afterAll(async () => bed?.stop());

  it('links a document of a type of the besluittype, once, and mirrors it as ObjectInformatieObject', async () => {
    const res = await link({ besluit, informatieobject: document });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ besluit, informatieobject: document });
    expect(res.headers.get('location')).toBe(res.body.url);
    const relations = await mirror(besluit);
    expect(relations.map((r) => [r.objectType, r.informatieobject])).toEqual([['besluit', document]]);
    const again = await link({ besluit, informatieobject: document });
    expect(again.status).toBe(400);
    expect(codes(again.body)).toEqual(['nonFieldErrors:unique']);
    expect(await mirror(besluit)).toHaveLength(1);
  });

  it('refuses a document whose type does not go with the besluittype', async () => {
    const otherType = await bed.newInformatieobjecttype();
    const other = await bed.newDocument(otherType);
    const res = await link({ besluit, informatieobject: other });
    expect(res.status).toBe(400);
    expect(codes(res.body)).toEqual(['nonFieldErrors:missing-besluittype-informatieobjecttype-relation']);
    expect((await mirror(besluit)).map((r) => r.informatieobject)).not.toContain(other);
  });

  it('refuses references that do not resolve', async () => {
    const missingDocument = await link({
      besluit,
      informatieobject: `http://loket.test/documenten/api/v1/enkelvoudiginformatieobjecten/${crypto.randomUUID()}`,
    });
    expect(codes(missingDocument.body)).toEqual(['informatieobject:bad-url']);
    const notABesluit = await link({ besluit: bed.besluittype, informatieobject: document });
    expect(codes(notABesluit.body)).toEqual(['besluit:no_match']);
    const goneBesluit = await link({
      besluit: `http://loket.test/besluiten/api/v1/besluiten/${crypto.randomUUID()}`,
      informatieobject: document,
    });
    expect(codes(goneBesluit.body)).toEqual(['besluit:does_not_exist']);
  });

  it('lists the relations as a plain array, filtered by besluit and informatieobject', async () => {
    const all = await bed.as(
      'GET',
      `${BRC}/besluitinformatieobjecten?besluit=${encodeURIComponent(besluit)}`,
    );
    expect(all.status).toBe(200);
    expect(all.body.map((r: { informatieobject: string }) => r.informatieobject)).toEqual([document]);
    const byDocument = await bed.as(
      'GET',
      `${BRC}/besluitinformatieobjecten?informatieobject=${encodeURIComponent(document)}`,
    );
    expect(byDocument.body).toEqual(all.body);
    const unknown = await bed.as(
      'GET',
      `${BRC}/besluitinformatieobjecten?besluit=${encodeURIComponent(`http://loket.test/besluiten/api/v1/besluiten/${crypto.randomUUID()}`)}`,
    );
    expect(unknown.body).toEqual([]);
  });

  it('never changes besluit or informatieobject of a relation', async () => {
    const [relation] = (
      await bed.as('GET', `${BRC}/besluitinformatieobjecten?besluit=${encodeURIComponent(besluit)}`)
    ).body;
    const other = (await bed.besluit()).body.url;
    const put = await bed.as('PUT', relation.url, { besluit: other, informatieobject: document });
    expect(codes(put.body)).toEqual(['besluit:wijzigen-niet-toegelaten']);
    const patch = await bed.as('PATCH', relation.url, { informatieobject: await bed.newDocument() });
    expect(codes(patch.body)).toEqual(['informatieobject:wijzigen-niet-toegelaten']);
    const same = await bed.as('PATCH', relation.url, { besluit });
    expect(same.status).toBe(200);
    expect(same.body).toEqual(relation);
  });

  it('shows a limited client only the relations of its besluittypen', async () => {
    const theirType = await bed.newBesluittype([bed.informatieobjecttype]);
    const theirs = (await bed.besluit({ besluittype: theirType })).body.url;
    expect((await link({ besluit: theirs, informatieobject: document })).status).toBe(201);
    const limited = await addTestClient(database().db, {
      autorisaties: [{ component: 'brc', scopes: ['besluiten.lezen'], besluittype: bed.besluittype }],
    });
    const as = apiAs(bed.loket.url, limited);
    const list = await as(
      'GET',
      `${BRC}/besluitinformatieobjecten?informatieobject=${encodeURIComponent(document)}`,
    );
    expect(list.body.map((r: { besluit: string }) => r.besluit)).toEqual([besluit]);
    const [theirLink] = (
      await bed.as('GET', `${BRC}/besluitinformatieobjecten?besluit=${encodeURIComponent(theirs)}`)
    ).body;
    expect((await as('GET', theirLink.url)).status).toBe(403);
    expect((await link({ besluit, informatieobject: document }, as)).status).toBe(403);
  });

  it('unlinks with its mirror and audit trail entry; deleting the besluit takes every relation with it', async () => {
    const own = (await bed.besluit()).body.url;
    const first = await link({ besluit: own, informatieobject: document });
    expect((await bed.as('DELETE', first.body.url)).status).toBe(204);
    expect(await mirror(own)).toEqual([]);
    const trail = await bed.as('GET', `${own}/audittrail`);
    expect(trail.body.map((e: { resource: string; actie: string }) => `${e.resource} ${e.actie}`)).toEqual([
      'besluit create',
      'besluitinformatieobject create',
      'besluitinformatieobject destroy',
    ]);
    const second = await link({ besluit: own, informatieobject: document });
    expect((await bed.as('DELETE', own)).status).toBe(204);
    expect((await bed.as('GET', second.body.url)).status).toBe(404);
    expect(await mirror(own)).toEqual([]);
    const left = await bed.as('GET', `${BRC}/besluitinformatieobjecten?besluit=${encodeURIComponent(own)}`);
    expect(left.body).toEqual([]);
  });
});
