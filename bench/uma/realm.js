// The realm of the UMA benches (bench/uma.js, bench/guard-path.js): `orders-api` is a resource server
// whose `orders` resource (scope read) readers may read; alice is a reader (and has the realm role
// `user` for guard-path's role rows), bob is not. Passwords are the user names.
const roles = (...ids) => JSON.stringify(ids.map((id) => ({ id, required: false })));

export const REALM = {
  realm: 'bench',
  enabled: true,
  roles: { realm: [{ name: 'user' }], client: { 'orders-api': [{ name: 'reader' }] } },
  users: [
    {
      username: 'alice',
      enabled: true,
      credentials: [{ type: 'password', value: 'alice' }],
      realmRoles: ['user'],
      clientRoles: { 'orders-api': ['reader'] },
    },
    { username: 'bob', enabled: true, credentials: [{ type: 'password', value: 'bob' }] },
  ],
  clients: [
    {
      clientId: 'web',
      publicClient: true,
      directAccessGrantsEnabled: true,
      // The guards check aud by default: web's tokens name the API, as a Keycloak admin's Audience mapper does.
      protocolMappers: [
        {
          name: 'orders-api audience',
          protocol: 'openid-connect',
          protocolMapper: 'oidc-audience-mapper',
          config: {
            'included.client.audience': 'orders-api',
            'access.token.claim': 'true',
            'introspection.token.claim': 'true',
          },
        },
      ],
    },
    {
      clientId: 'orders-api',
      secret: 'orders-secret',
      authorizationServicesEnabled: true,
      authorizationSettings: {
        policyEnforcementMode: 'ENFORCING',
        decisionStrategy: 'UNANIMOUS',
        scopes: [{ name: 'read' }],
        resources: [{ name: 'orders', scopes: [{ name: 'read' }] }],
        policies: [
          { name: 'Readers', type: 'role', logic: 'POSITIVE', config: { roles: roles('orders-api/reader') } },
          {
            name: 'Read orders',
            type: 'scope',
            config: { resources: '["orders"]', scopes: '["read"]', applyPolicies: '["Readers"]' },
          },
        ],
      },
    },
  ],
};

/** The policy-enforcer config of the benches: GET /orders needs orders#read, as protect('orders:read') does. */
export const ENFORCER = {
  paths: [{ path: '/orders', name: 'orders', methods: [{ method: 'GET', scopes: ['read'] }] }],
};
