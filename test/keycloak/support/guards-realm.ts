import type { ProtocolMapperRepresentation, RealmRepresentation } from '@keycloak-ts/testing';
import type { KeycloakTarget } from './target.js';

const list = (...names: string[]): string => JSON.stringify(names);
const roles = (...names: string[]): string => JSON.stringify(names.map((id) => ({ id, required: false })));

/** The resource server of the guard scenarios, its secret, and the client users log in with. */
export const RESOURCE_SERVER = { clientId: 'resource-server-test', secret: 'secret' } as const;
export const LOGIN_CLIENT = 'public-client-test';

const grant = (name: string, type: 'resource' | 'scope', resources: string[], scopes: string[], policy: string) => ({
  name,
  type,
  decisionStrategy: 'UNANIMOUS',
  config: {
    resources: list(...resources),
    ...(scopes.length === 0 ? {} : { scopes: list(...scopes) }),
    applyPolicies: list(policy),
  },
});

/**
 * The Audience mapper putting the resource server in `aud`, as guards require by default; "Add to token
 * introspection" on, as the admin console sets it (Keycloak 26 re-maps introspection answers).
 */
function audienceMapper(): ProtocolMapperRepresentation {
  return {
    name: `${RESOURCE_SERVER.clientId} audience`,
    protocol: 'openid-connect',
    protocolMapper: 'oidc-audience-mapper',
    config: {
      'included.client.audience': RESOURCE_SERVER.clientId,
      'access.token.claim': 'true',
      'introspection.token.claim': 'true',
    },
  };
}

/**
 * A realm with Authorization Services, built after keycloak-client's PolicyEnforcerTest (realm `authz-test`):
 * `resource-server-test` holds "Resource A" (`/api/resourcea`, granted), "Resource B" (`/api/resourceb`,
 * denied) and "Root" (`/*`, no permission), the tenants of testResolvingPathPlaceholderOnPathBeginning
 * (`/{ver}/tenants/1` granted `admin`, `/{ver}/tenants/2` denied, and the named template resource
 * "tenant-resource" denied), the HTTP-method scopes of testMatchHttpVerbsToScopes, and `product`
 * (`/v1/product/*`: `create` granted, `view` denied) for EnforcerConfigTest's merged paths.
 * marta has the realm role `user` and the client role `reader`; kolo has no role. Both clients' access tokens
 * name the resource server in `aud` (an Audience mapper each). "Always Grant" is a
 * role policy on `user` (JS policies need deployed scripts), "Always Deny" the same, negated.
 */
export function guardsRealm(): Omit<RealmRepresentation, 'realm'> {
  return {
    enabled: true,
    roles: {
      realm: [{ name: 'user' }, { name: 'admin' }],
      client: { [RESOURCE_SERVER.clientId]: [{ name: 'reader' }] },
    },
    users: [
      {
        username: 'marta',
        enabled: true,
        email: 'marta@example.com',
        firstName: 'Marta',
        lastName: 'M',
        credentials: [{ type: 'password', value: 'password', temporary: false }],
        realmRoles: ['user'],
        clientRoles: { [RESOURCE_SERVER.clientId]: ['reader'] },
      },
      {
        username: 'kolo',
        enabled: true,
        email: 'kolo@example.com',
        firstName: 'Kolo',
        lastName: 'K',
        credentials: [{ type: 'password', value: 'password', temporary: false }],
      },
    ],
    clients: [
      {
        clientId: LOGIN_CLIENT,
        publicClient: true,
        directAccessGrantsEnabled: true,
        standardFlowEnabled: false,
        redirectUris: ['http://localhost/*'],
        protocolMappers: [audienceMapper()],
      },
      {
        clientId: RESOURCE_SERVER.clientId,
        secret: RESOURCE_SERVER.secret,
        publicClient: false,
        serviceAccountsEnabled: true,
        authorizationServicesEnabled: true,
        directAccessGrantsEnabled: true,
        redirectUris: ['http://localhost/*'],
        // Tokens it obtains for its users name it too: Keycloak leaves a client out of its own tokens' aud.
        protocolMappers: [audienceMapper()],
        authorizationSettings: {
          allowRemoteResourceManagement: true,
          policyEnforcementMode: 'ENFORCING',
          decisionStrategy: 'UNANIMOUS',
          scopes: [
            { name: 'admin' },
            { name: 'create' },
            { name: 'view' },
            { name: 'GET' },
            { name: 'POST' },
            { name: 'PATCH' },
          ],
          resources: [
            { name: 'Resource A', uris: ['/api/resourcea'] },
            { name: 'Resource B', uris: ['/api/resourceb'] },
            { name: 'Root', uris: ['/*'] },
            { name: 'tenant-resource', uris: ['/{ver}/tenants/{id}'], scopes: [{ name: 'admin' }] },
            { name: 'tenant:1', uris: ['/{ver}/tenants/1'], scopes: [{ name: 'admin' }] },
            { name: 'tenant:2', uris: ['/{ver}/tenants/2'], scopes: [{ name: 'admin' }] },
            {
              name: 'Resource With HTTP Scopes',
              uris: ['/api/resource-with-scope'],
              scopes: [{ name: 'GET' }, { name: 'POST' }],
            },
            { name: 'product', uris: ['/v1/product/*'], scopes: [{ name: 'create' }, { name: 'view' }] },
            { name: 'resources', uris: ['/resources/*'] },
          ],
          policies: [
            {
              name: 'Always Grant Policy',
              type: 'role',
              logic: 'POSITIVE',
              decisionStrategy: 'UNANIMOUS',
              config: { roles: roles('user') },
            },
            {
              name: 'Always Deny Policy',
              type: 'role',
              logic: 'NEGATIVE',
              decisionStrategy: 'UNANIMOUS',
              config: { roles: roles('user') },
            },
            grant('Resource A Permission', 'resource', ['Resource A'], [], 'Always Grant Policy'),
            grant('Resource B Permission', 'resource', ['Resource B'], [], 'Always Deny Policy'),
            grant('Tenant 1 Permission', 'scope', ['tenant:1'], ['admin'], 'Always Grant Policy'),
            grant('Tenant 2 Permission', 'scope', ['tenant:2'], ['admin'], 'Always Deny Policy'),
            grant('Tenant Resource Permission', 'scope', ['tenant-resource'], ['admin'], 'Always Deny Policy'),
            grant('HTTP GET Permission', 'scope', ['Resource With HTTP Scopes'], ['GET'], 'Always Grant Policy'),
            grant('HTTP POST Permission', 'scope', ['Resource With HTTP Scopes'], ['POST'], 'Always Deny Policy'),
            grant('Product Create Permission', 'scope', ['product'], ['create'], 'Always Grant Policy'),
            grant('Product View Permission', 'scope', ['product'], ['view'], 'Always Deny Policy'),
            grant('Resources Permission', 'resource', ['resources'], [], 'Always Grant Policy'),
          ],
        },
      },
    ],
  };
}

/**
 * A user's access token from the public login client (password grant), or from the confidential resource
 * server when `confidential` (Keycloak refuses claims pushed with a public client's token).
 */
export async function userToken(
  target: KeycloakTarget,
  realm: string,
  username: string,
  confidential = false,
): Promise<string> {
  const client: Record<string, string> = confidential
    ? { client_id: RESOURCE_SERVER.clientId, client_secret: RESOURCE_SERVER.secret }
    : { client_id: LOGIN_CLIENT };
  const answer = await target.request('POST', `/realms/${realm}/protocol/openid-connect/token`, {
    form: { grant_type: 'password', ...client, username, password: 'password', scope: 'openid' },
  });
  const token = (answer.json as { access_token?: unknown } | undefined)?.access_token;
  if (answer.status !== 200 || typeof token !== 'string')
    throw new Error(`no token for ${username}: ${answer.status} ${answer.text}`);
  return token;
}

/** The resource server's PAT (client credentials). */
export async function pat(target: KeycloakTarget, realm: string): Promise<string> {
  const answer = await target.request('POST', `/realms/${realm}/protocol/openid-connect/token`, {
    form: {
      grant_type: 'client_credentials',
      client_id: RESOURCE_SERVER.clientId,
      client_secret: RESOURCE_SERVER.secret,
    },
  });
  const token = (answer.json as { access_token?: unknown } | undefined)?.access_token;
  if (answer.status !== 200 || typeof token !== 'string') throw new Error(`no PAT: ${answer.status} ${answer.text}`);
  return token;
}
