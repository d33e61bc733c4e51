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

/**
 * The Audience mapper (`oidc-audience-mapper`, Included Client Audience) a Keycloak admin adds so a client's
 * access tokens name `audience` in `aud`. Keycloak 26.6.2+ answers introspection active only to a client in the
 * token's `aud`, even the client the token was issued to: a client that introspects its own tokens (introspect,
 * getPolicies, getPermissions, evaluateAuthorization) names itself this way.
 */
export function audienceMapper(audience: string) {
  return {
    name: `${audience}-audience`,
    protocol: 'openid-connect',
    protocolMapper: 'oidc-audience-mapper',
    config: { 'included.client.audience': audience, 'access.token.claim': 'true', 'introspection.token.claim': 'true' },
  };
}

/** {@link demoRealm} whose `app` client is in the audience of its own access tokens, so it may introspect them. */
export const selfAudienceRealm: RealmRepresentation = {
  ...demoRealm,
  clients: demoRealm.clients?.map((client) =>
    client.clientId === 'app' ? { ...client, protocolMappers: [audienceMapper('app')] } : client,
  ),
};
