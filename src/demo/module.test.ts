import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HaalCentraalBrpClient } from '../facts/brp/client.ts';
import { loadConfig } from '../platform/config.ts';
import { openTestDatabase, startTestLoket, type TestLoket } from '../testing/backends.ts';
import { DEMO_BSN } from './people.ts';

describe('the demo stands in for the outside world', () => {
  let loket: TestLoket;
  beforeAll(async () => {
    const database = await openTestDatabase('pglite');
    const demo = loadConfig({ LOKET_DEMO: '1', PORT: '0' });
    loket = await startTestLoket(database, { config: { demo: true, brp: demo.brp } });
  });
  afterAll(async () => {
    await loket?.stop();
    await loket?.database.close();
  });

  it('configures the BRP test service with a key when no real BRP is set', () => {
    expect(loadConfig({ LOKET_DEMO: '1' }).brp).toMatchObject({ local: true, apiKey: expect.any(String) });
    expect(loadConfig({ LOKET_DEMO: '0' }).brp).toBeNull();
    expect(
      loadConfig({ LOKET_DEMO: '1', LOKET_BRP_URL: 'https://brp.example.nl/haalcentraal/api/brp' }).brp,
    ).toMatchObject({ local: false, baseUrl: 'https://brp.example.nl/haalcentraal/api/brp' });
  });

  it('serves the demo people through the Haal Centraal API, only with the key', async () => {
    const baseUrl = `${loket.url}/haalcentraal/api/brp`;
    const client = new HaalCentraalBrpClient({ baseUrl, apiKey: loket.context.config.brp?.apiKey ?? '' });
    const person = await client.getPerson(DEMO_BSN.sanne, ['burgerservicenummer', 'naam']);
    expect(person?.bsn).toBe(DEMO_BSN.sanne);
    expect(person?.name?.surname).toBe('Vries');

    const withoutKey = new HaalCentraalBrpClient({ baseUrl });
    await expect(withoutKey.getPerson(DEMO_BSN.sanne, ['naam'])).rejects.toThrow();
  });

  it('runs the demo identity provider next to it', async () => {
    const res = await fetch(`${loket.url}/demo-idp/.well-known/openid-configuration`);
    expect(res.status).toBe(200);
  });
});
