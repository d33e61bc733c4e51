import type { RealmRepresentation } from '@keycloak-ts/testing';

/** The realm the KeycloakOpenID suites import into the in-memory Keycloak. */
export const demoRealm: RealmRepresentation = {
  realm: 'demo',
  enabled: true,
  roles: { realm: [{ name: 'user' }], client: { app: [{ name: 'reader' }, { name: 'writer' }] } },
  users: [
    {
      username: 'alice',
      enabled: true,
      email: 'alice@example.com',
      firstName: 'Alice',
      lastName: 'Liddell',
      credentials: [{ type: 'password', value: 'wonder' }],
      realmRoles: ['user', 'offline_access'],
      clientRoles: { app: ['reader'] },
    },
  ],
  clients: [
    { clientId: 'web', publicClient: true, directAccessGrantsEnabled: true, redirectUris: ['http://localhost:3000/*'] },
    { clientId: 'app', secret: 'app-secret', directAccessGrantsEnabled: true, serviceAccountsEnabled: true },
  ],
};
