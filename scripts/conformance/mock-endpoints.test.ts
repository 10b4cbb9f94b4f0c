import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MockEndpoints, startMockEndpoints } from './mock-endpoints.ts';

describe('mock endpoints for the ZGW suite', () => {
  let mock: MockEndpoints;
  beforeAll(async () => {
    mock = await startMockEndpoints();
  });
  afterAll(() => mock.close());

  it('listens on a free local port', () => {
    expect(mock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('answers /200 with an empty 200 text/html, for any method', async () => {
    for (const method of ['GET', 'HEAD', 'POST']) {
      const res = await fetch(`${mock.url}/200`, { method });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html');
      expect(await res.text()).toBe('');
    }
  });

  it('answers /204 with 204 and /404 with an empty 404', async () => {
    expect((await fetch(`${mock.url}/204`)).status).toBe(204);
    const notFound = await fetch(`${mock.url}/404`);
    expect(notFound.status).toBe(404);
    expect(await notFound.text()).toBe('');
  });

  it('answers /communicatiekanaal with a CommunicatieKanaal at its own url', async () => {
    const res = await fetch(`${mock.url}/communicatiekanaal`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.json()).toEqual({
      url: `${mock.url}/communicatiekanaal`,
      naam: 'foo',
      omschrijving: 'bar',
    });
  });

  it('accepts notifications on /callback with 204 and lists them on /callback/received', async () => {
    const notification = {
      kanaal: 'zaken',
      resource: 'zaak',
      actie: 'create',
      hoofdObject: 'http://x/zaken/1',
    };
    const res = await fetch(`${mock.url}/callback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer abc' },
      body: JSON.stringify(notification),
    });
    expect(res.status).toBe(204);
    const listed = await (await fetch(`${mock.url}/callback/received`)).json();
    expect(listed).toEqual([
      expect.objectContaining({
        body: notification,
        headers: expect.objectContaining({ authorization: 'Bearer abc' }),
      }),
    ]);
    expect(mock.received()).toHaveLength(1);

    expect((await fetch(`${mock.url}/callback/received`, { method: 'DELETE' })).status).toBe(204);
    expect(mock.received()).toEqual([]);
  });

  it('answers anything else with 404', async () => {
    expect((await fetch(`${mock.url}/zaaktype`)).status).toBe(404);
  });
});
