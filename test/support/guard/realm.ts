import {
  startKeycloak,
  type KeycloakTestServer,
  type ProtocolMapperRepresentation,
  type RealmRepresentation,
} from '@keycloak-ts/testing';

/**
 * The Audience mapper a Keycloak admin adds to a calling client (its dedicated scope, "Add mapper > By
 * configuration > Audience") so its access tokens name the API in `aud`, as the guards require by default.
 * "Add to token introspection" on too, as the admin console sets it: Keycloak 26 answers introspection
 * with the claims of the mappers that have it.
 */
export function audienceMapper(api: string): ProtocolMapperRepresentation {
  return {
    name: `${api} audience`,
    protocol: 'openid-connect',
    protocolMapper: 'oidc-audience-mapper',
    config: {
      'included.client.audience': api,
      'access.token.claim': 'true',
      'introspection.token.claim': 'true',
    },
  };
}

/**
 * The realm the guard suites run against: alice is an admin with client roles, bob a plain user.
 * `orders-api` is the protected API (confidential, with a service account that may view users);
 * `web` is the public client users log in with, whose Audience mapper puts `orders-api` in `aud`; `partner`
 * is another public client, with no such mapper.
 */
export const shopRealm: RealmRepresentation = {
  realm: 'shop',
  enabled: true,
  roles: {
    realm: [{ name: 'user' }, { name: 'admin' }],
    client: { 'orders-api': [{ name: 'viewer' }], billing: [{ name: 'editor' }] },
  },
  users: [
    {
      username: 'alice',
      enabled: true,
      email: 'alice@example.com',
      emailVerified: true,
      firstName: 'Alice',
      lastName: 'Liddell',
      credentials: [{ type: 'password', value: 'alice-password' }],
      realmRoles: ['user', 'admin'],
      clientRoles: { 'orders-api': ['viewer'], billing: ['editor'] },
    },
    {
      username: 'bob',
      enabled: true,
      email: 'bob@example.com',
      emailVerified: true,
      firstName: 'Bob',
      lastName: 'Builder',
      credentials: [{ type: 'password', value: 'bob-password' }],
      realmRoles: ['user'],
    },
    {
      username: 'service-account-orders-api',
      enabled: true,
      serviceAccountClientId: 'orders-api',
      clientRoles: { 'realm-management': ['view-users'] },
    },
  ],
  clients: [
    {
      clientId: 'web',
      publicClient: true,
      directAccessGrantsEnabled: true,
      redirectUris: ['http://localhost:3000/*'],
      webOrigins: ['+'],
      protocolMappers: [audienceMapper('orders-api')],
    },
    // Another client of the realm, without an Audience mapper: its tokens name orders-api only when they carry
    // orders-api's client roles (Keycloak's "audience resolve" mapper of the roles scope).
    { clientId: 'partner', publicClient: true, directAccessGrantsEnabled: true },
    { clientId: 'orders-api', secret: 'orders-secret', serviceAccountsEnabled: true, directAccessGrantsEnabled: true },
    { clientId: 'billing', bearerOnly: true },
  ],
};

/** A running test Keycloak with the shop realm, and a way to get users' access tokens. */
export interface ShopKeycloak {
  server: KeycloakTestServer;
  serverUrl: string;
  /** The password grant of `web` (or `client`) for alice or bob. */
  tokenFor(user: 'alice' | 'bob', realm?: string, client?: string): Promise<string>;
  close(): Promise<void>;
}

export async function startShop(extraRealms: RealmRepresentation[] = []): Promise<ShopKeycloak> {
  const server = await startKeycloak({ realms: [shopRealm, ...extraRealms] });
  return {
    server,
    serverUrl: server.url,
    tokenFor: (user, realm = 'shop', client = 'web') =>
      passwordToken(server.url, realm, user, `${user}-password`, client),
    close: () => server.close(),
  };
}

/** Fetches an access token with the password grant of a public client (default `web`), or of a confidential one given its secret. */
export async function passwordToken(
  serverUrl: string,
  realm: string,
  username: string,
  password: string,
  clientId = 'web',
  clientSecret?: string,
): Promise<string> {
  const response = await fetch(`${serverUrl}/realms/${realm}/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'password',
      client_id: clientId,
      username,
      password,
      scope: 'openid',
      ...(clientSecret === undefined ? {} : { client_secret: clientSecret }),
    }),
  });
  const body = (await response.json()) as { access_token?: string };
  if (response.status !== 200 || typeof body.access_token !== 'string')
    throw new Error(`no token for ${username}: ${response.status}`);
  return body.access_token;
}
