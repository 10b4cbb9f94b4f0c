import type { DemoAccount, OidcClientSettings } from './idp.ts';
import { DEMO_STAFF } from './staff.ts';

/** The demo's fixed OIDC clients (the portal and the workbench) at the local identity provider. */
export function demoOidcClients(baseUrl: string): {
  settings: OidcClientSettings[];
  citizen: { clientId: string; clientSecret: string };
  staff: { clientId: string; clientSecret: string };
} {
  const citizen = { clientId: 'loket-portaal', clientSecret: 'demo-portaal-geheim' };
  const staff = { clientId: 'loket-werkplek', clientSecret: 'demo-werkplek-geheim' };
  const redirectUri = `${baseUrl}/inloggen/terug`;
  return {
    citizen,
    staff,
    settings: [
      { ...citizen, redirectUri, kind: 'citizen' },
      { ...staff, redirectUri, kind: 'staff' },
    ],
  };
}

export interface DemoCitizen {
  bsn: string;
  name: string;
  description: string;
}

/** Everyone who can log in at the demo identity provider. */
export function demoAccounts(citizens: DemoCitizen[]): DemoAccount[] {
  return [
    ...citizens.map(
      (c): DemoAccount => ({
        accountId: `bsn:${c.bsn}`,
        kind: 'citizen',
        name: c.name,
        description: c.description,
        claims: { bsn: c.bsn },
      }),
    ),
    ...DEMO_STAFF.map(
      (s): DemoAccount => ({
        accountId: `staff:${s.id}`,
        kind: 'staff',
        name: s.name,
        description: s.description,
        claims: { organisation: s.organisationId, team: s.team, roles: s.roles },
      }),
    ),
  ];
}
