import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addTestClient, apiAs } from '../authz/test-support.ts';
import type { DomainEvent } from '../platform/outbox/outbox.ts';
import { describeBackends, memoryLogger, startTestLoket, type TestLoket } from '../testing/backends.ts';
import { toCloudEvent } from './cloudevents.ts';
import { consistentWithKanaal, matchesFilters } from './filters.ts';
import { startSubscriber, until } from './test-support.ts';

const notificatie = {
  kanaal: 'besluiten',
  hoofdObject: 'https://besluiten.example/api/v1/besluiten/7a5e0bd9-4cf6-4e43-a1a4-4ab6d0bda0f1',
  resource: 'besluit',
  resourceUrl: 'https://besluiten.example/api/v1/besluiten/7a5e0bd9-4cf6-4e43-a1a4-4ab6d0bda0f1',
  actie: 'create',
  aanmaakdatum: '2026-11-23T10:00:00Z',
  kenmerken: {
    verantwoordelijkeOrganisatie: '002564440',
    besluittype: 'https://catalogi.example/besluittypen/1',
  },
};

describeBackends('CloudEvents sinks', (database) => {
  let loket: TestLoket;
  let sink: Awaited<ReturnType<typeof startSubscriber>>;

  beforeAll(async () => {
    sink = await startSubscriber();
    loket = await startTestLoket(database(), {
      config: { baseUrl: 'http://loket.test', cloudEventsSinks: [sink.url] },
      log: memoryLogger().log,
    });
  });
  afterAll(async () => {
    await loket.stop();
    await sink.close();
  });

  it('receives every notification as a CloudEvent in JSON structured mode, NL GOV profile', async () => {
    const client = await addTestClient(database().db, { all: true });
    expect(
      (await apiAs(loket.url, client)('POST', '/notificaties/api/v1/notificaties', notificatie)).status,
    ).toBe(200);
    const [received] = await until(() => (sink.received.length > 0 ? sink.received : undefined));
    expect(received.headers['content-type']).toBe('application/cloudevents+json; charset=utf-8');
    expect(received.body).toEqual({
      specversion: '1.0',
      id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      source: 'urn:nld:voorbeeldstad.loket',
      type: 'nl.overheid.besluiten.besluit.create',
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      subject: '7a5e0bd9-4cf6-4e43-a1a4-4ab6d0bda0f1',
      dataref: notificatie.resourceUrl,
      datacontenttype: 'application/json',
      data: notificatie,
    });
  });
});

describe('CloudEvent identity and filter rules', () => {
  const event = (id: number): DomainEvent => ({
    id,
    organisationId: 'voorbeeldstad',
    topic: 'zgw.besluiten',
    payload: notificatie,
    traceId: null,
    createdAt: new Date('2026-11-23T10:00:01Z'),
  });

  it('gives a redelivered event the same id and another event another id', () => {
    expect(toCloudEvent('http://a', event(1)).id).toBe(toCloudEvent('http://a', event(1)).id);
    expect(toCloudEvent('http://a', event(1)).id).not.toBe(toCloudEvent('http://a', event(2)).id);
    expect(toCloudEvent('http://a', event(1)).id).not.toBe(toCloudEvent('http://b', event(1)).id);
  });

  it('matches filters like the reference implementation: equal, wildcard, or a kenmerk not carried', () => {
    const kenmerken = { bronorganisatie: '111', zaaktype: 'z1' };
    expect(matchesFilters({}, kenmerken)).toBe(true);
    expect(matchesFilters({ bronorganisatie: '111' }, kenmerken)).toBe(true);
    expect(matchesFilters({ bronorganisatie: '*' }, kenmerken)).toBe(true);
    expect(matchesFilters({ bronorganisatie: '222' }, kenmerken)).toBe(false);
    expect(matchesFilters({ bronorganisatie: '111', zaaktype: 'z2' }, kenmerken)).toBe(false);
    expect(matchesFilters({ vertrouwelijkheidaanduiding: 'geheim' }, kenmerken)).toBe(true);
    expect(
      matchesFilters({ verantwoordelijke_organisatie: '1' }, { verantwoordelijkeOrganisatie: '2' }),
    ).toBe(false);
  });

  it('accepts filter names that the kanaal has, or a superset of them', () => {
    expect(consistentWithKanaal(['a', 'b'], ['a'])).toBe(true);
    expect(consistentWithKanaal(['a', 'b'], ['a', 'b', 'c'])).toBe(true);
    expect(consistentWithKanaal(['a', 'b'], ['a', 'c'])).toBe(false);
    expect(consistentWithKanaal([], [])).toBe(true);
  });
});
