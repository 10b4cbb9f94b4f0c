import { Type } from 'typebox';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { freePort } from '../../../bench/lib.ts';
import { describeBackends, startTestLoket, type TestLoket } from '../../testing/backends.ts';
import { CookieClient } from '../../testing/browserless.ts';
import { SESSION_COOKIE } from './sessions.ts';

// oidc-provider prints a notice (once per process) for every lifetime left at its default.
const notices: string[] = [];
const info = console.info;
vi.spyOn(console, 'info').mockImplementation((...args: unknown[]) => {
  if (String(args[0]).includes('oidc-provider')) notices.push(String(args[0]));
  else info(...args);
});

describeBackends('OpenID Connect login with server-side sessions', (database) => {
  let loket: TestLoket;

  beforeAll(async () => {
    // The redirect URIs must name the real port, so pick it before starting.
    const port = await freePort();
    loket = await startTestLoket(database(), {
      config: { demo: true, port, baseUrl: `http://127.0.0.1:${port}` },
      prepare: ({ app }) => {
        app.get('/test/wie', { config: { auth: 'session' } }, async (req) => ({
          kind: req.session!.kind,
          subject: req.session!.subject,
          name: req.session!.data.name,
          csrf: req.session!.csrfToken,
        }));
        app.post(
          '/test/actie',
          {
            config: { auth: 'session' },
            schema: { body: Type.Object({ _csrf: Type.Optional(Type.String()) }) },
          },
          async () => ({ done: true }),
        );
      },
    });
  });
  afterAll(async () => loket.stop());

  async function loginAsStaff(client: CookieClient, staffId: string) {
    const { res, url } = await client.follow('/inloggen?als=medewerker&terug=/test/wie');
    expect(res.status).toBe(200);
    expect(url).toContain('/demo-idp/inloggen/');
    const page = await res.text();
    expect(page).toContain('Marieke Jansen');
    return client.submit(url, { account: `staff:${staffId}` });
  }

  it('logs a staff member in through the provider and keeps the session in the database', async () => {
    const client = new CookieClient(loket.url);
    const { res, url } = await loginAsStaff(client, 'm.jansen');
    expect(url).toBe(`${loket.url}/test/wie`);
    const who = await res.json();
    expect(who).toMatchObject({ kind: 'staff', subject: 'm.jansen', name: 'Marieke Jansen' });
    const stored = await database()
      .db.selectFrom('web_session')
      .selectAll()
      .where('id', '=', client.cookie(SESSION_COOKIE)!)
      .executeTakeFirst();
    expect(stored).toMatchObject({ kind: 'staff', subject: 'm.jansen', organisation_id: 'voorbeeldstad' });
  });

  it('sends someone without a session to the login first, and back afterwards', async () => {
    const client = new CookieClient(loket.url);
    const first = await client.request('/test/wie');
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toContain('/inloggen?');
  });

  it('refuses a form post without the session’s CSRF token', async () => {
    const client = new CookieClient(loket.url);
    const { res } = await loginAsStaff(client, 'a.bakker');
    const { csrf } = await res.json();
    const without = await client.request('/test/actie', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: '_csrf=wrong',
    });
    expect(without.status).toBe(403);
    expect((await without.json()).code).toBe('csrf');
    const withToken = await client.request('/test/actie', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `_csrf=${encodeURIComponent(csrf)}`,
    });
    expect(withToken.status).toBe(200);
  });

  it('ends the session on logout', async () => {
    const client = new CookieClient(loket.url);
    const { res } = await loginAsStaff(client, 'm.jansen');
    const { csrf } = await res.json();
    const sessionId = client.cookie(SESSION_COOKIE)!;
    const out = await client.request('/uitloggen', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `_csrf=${encodeURIComponent(csrf)}`,
    });
    expect(out.status).toBe(303);
    const row = await database()
      .db.selectFrom('web_session')
      .selectAll()
      .where('id', '=', sessionId)
      .executeTakeFirst();
    expect(row).toBeUndefined();
  });

  it('refuses a callback that was not started here (forged state)', async () => {
    const client = new CookieClient(loket.url);
    const res = await client.request('/inloggen/terug?code=abc&state=forged');
    expect(res.status).toBe(400);
    expect((await res.json()).code).toBe('login_expired');
  });

  it('runs the demo provider with every lifetime chosen, not left at a default', () => {
    expect(notices).toEqual([]);
  });
});
