import { generateKeyPairSync, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import Provider, { type Configuration } from 'oidc-provider';
import type { Db } from '../platform/db/database.ts';
import type { App } from '../platform/http/server.ts';
import { getSetting, setSetting } from '../platform/organisations.ts';
import { button, heading, html, paragraph, renderPage, sendPage } from '../web/shared/index.ts';
import { databaseAdapter } from './idp-adapter.ts';
import { idpTexts } from './texts.nl.ts';

/** Someone who can log in at the demo identity provider. */
export interface DemoAccount {
  /** `bsn:<bsn>` for citizens, `staff:<id>` for staff. */
  accountId: string;
  kind: 'citizen' | 'staff';
  name: string;
  description: string;
  claims: Record<string, unknown>;
}

export interface OidcClientSettings {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  /** Which accounts this client's login page offers. */
  kind: 'citizen' | 'staff';
}

export const IDP_PATH = '/demo-idp';

/** Signing keys survive restarts (stored once) so sessions and tokens stay valid. */
async function signingKeys(db: Db): Promise<{ keys: object[]; cookieKeys: string[] }> {
  const stored = await getSetting<{ keys: object[]; cookieKeys: string[] }>(db, 'demo.idp.keys');
  if (stored) return stored;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = {
    ...privateKey.export({ format: 'jwk' }),
    kid: randomBytes(8).toString('hex'),
    use: 'sig',
    alg: 'RS256',
  };
  const value = { keys: [jwk], cookieKeys: [randomBytes(32).toString('hex')] };
  await setSetting(db, 'demo.idp.keys', value);
  return value;
}

/**
 * A local OpenID Connect provider for the demo and the tests: one picks a demo citizen or staff
 * member instead of using DigiD or the organisation's own login. Loket's login code talks to it
 * exactly as to a real provider. Registered only when LOKET_DEMO=1.
 */
export async function registerDemoIdp(
  app: App,
  db: Db,
  baseUrl: string,
  clients: OidcClientSettings[],
  accounts: () => DemoAccount[],
): Promise<void> {
  const issuer = `${baseUrl}${IDP_PATH}`;
  const { keys, cookieKeys } = await signingKeys(db);
  const byId = () => new Map(accounts().map((a) => [a.accountId, a]));
  const configuration: Configuration = {
    clients: clients.map((c) => ({
      client_id: c.clientId,
      client_secret: c.clientSecret,
      redirect_uris: [c.redirectUri],
      grant_types: ['authorization_code'],
      response_types: ['code'],
    })),
    adapter: databaseAdapter(db),
    jwks: { keys: keys as never },
    cookies: { keys: cookieKeys },
    pkce: { required: () => true },
    // Lifetimes in seconds: the login page stays usable for a while, a login for a working day; Loket reads
    // the tokens once, at login.
    ttl: { Interaction: 30 * 60, Session: 8 * 3600, Grant: 8 * 3600, AccessToken: 10 * 60, IdToken: 10 * 60 },
    scopes: ['openid', 'profile'],
    claims: { openid: ['sub'], profile: ['name', 'bsn', 'organisation', 'team', 'roles', 'kind'] },
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `${IDP_PATH}/inloggen/${interaction.uid}` },
    async findAccount(_ctx, id) {
      const account = byId().get(id);
      if (!account) return undefined;
      return {
        accountId: id,
        async claims() {
          return { sub: id, name: account.name, kind: account.kind, ...account.claims };
        },
      };
    },
    // First-party clients: no consent screen; the grant covers what Loket asks for.
    async loadExistingGrant(ctx) {
      const grantId =
        ctx.oidc.result?.consent?.grantId || ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client!.clientId,
        accountId: ctx.oidc.session!.accountId,
      });
      grant.addOIDCScope('openid profile');
      await grant.save();
      return grant;
    },
  };
  const provider = new Provider(issuer, configuration);
  provider.proxy = true;
  const callback = provider.callback();

  // The provider reads its own request bodies: keep Fastify's parsers away from them.
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_req, _payload, done) => done(null));
    const handler = async (req: { raw: IncomingMessage }, reply: { hijack(): void; raw: ServerResponse }) => {
      reply.hijack();
      // Like Express's app.use(path, …): the provider finds its mount path from originalUrl.
      const raw = req.raw as IncomingMessage & { originalUrl?: string };
      raw.originalUrl = raw.url;
      raw.url = (raw.url ?? '/').slice(IDP_PATH.length) || '/';
      callback(req.raw, reply.raw);
    };
    for (const path of [IDP_PATH, `${IDP_PATH}/*`]) {
      scope.route({
        method: ['GET', 'POST'],
        url: path,
        config: { auth: 'public', passQueryThrough: true },
        schema: { hide: true },
        handler,
      });
    }
  });

  const clientKind = new Map(clients.map((c) => [c.clientId, c.kind]));

  // Our own login page: pick a demo person. Registered after the catch-all; Fastify prefers the more specific route.
  app.get(
    `${IDP_PATH}/inloggen/:uid`,
    { config: { auth: 'public' }, schema: { hide: true } },
    async (req, reply) => {
      const details = await provider.interactionDetails(req.raw, reply.raw);
      const kind = clientKind.get(String(details.params.client_id)) ?? 'citizen';
      const list = accounts().filter((a) => a.kind === kind);
      const action = `${IDP_PATH}/inloggen/${details.uid}`;
      const item = (a: DemoAccount) => html`<li class="loket-task-list__item loket-task-list__item--start">
<form method="post" action="${action}"><input type="hidden" name="account" value="${a.accountId}">${button(a.name, { variant: 'secondary' })}</form>
<span class="loket-task-list__hint">${a.description}</span></li>`;
      const items = list.map(item);
      const title = kind === 'staff' ? idpTexts.titleStaff : idpTexts.titleCitizen;
      return sendPage(
        reply,
        renderPage({
          title,
          currentPath: req.url,
          organisation: idpTexts.organisation,
          homeHref: req.url,
          content: html`${heading(1, title)}${paragraph(idpTexts.explanation, { lead: true })}
<ul class="loket-task-list">${items}</ul>`,
        }),
      );
    },
  );

  app.post(
    `${IDP_PATH}/inloggen/:uid`,
    { config: { auth: 'public' }, schema: { hide: true } },
    async (req, reply) => {
      const account = String((req.body as Record<string, unknown> | undefined)?.account ?? '');
      if (!byId().has(account))
        return reply.status(400).type('text/plain; charset=utf-8').send(idpTexts.unknownAccount);
      reply.hijack();
      await provider.interactionFinished(
        req.raw,
        reply.raw,
        { login: { accountId: account } },
        { mergeWithLastSubmission: false },
      );
    },
  );
}
