import type { RealmRepresentation } from '@keycloak-ts/testing';
import { audienceMapper } from './realm.js';

const roles = (...names: string[]): string => JSON.stringify(names.map((id) => ({ id, required: false })));
const list = (...names: string[]): string => JSON.stringify(names);

/**
 * The realm of the UMA guard suites, in Keycloak's export format (policy config values are JSON
 * strings). `orders-api` is the resource server:
 * - `orders` (scopes read, write): readers read, writers write;
 * - `reports` (no scope): only alice, by a user policy;
 * - `urn:shop:invoices` (scope `invoice:view`): readers; its name and scope hold colons on purpose;
 * - `documents` (scope read, uris `/api/documents/{id}` and `/lazy/documents/{id}`): readers;
 * - `archive` (no scope, uri `/api/archive`): only alice.
 * - `vault` (scope open): whoever pushes a `region` claim starting `eu-` (a regex policy on the
 *   context attributes, so only a claim-information-point's pushed claims can grant it).
 * alice reads and writes, bob only reads, carol has no role of the API. `shop-backend` is a
 * confidential client users log in with: Keycloak refuses claims pushed with a public client's token.
 * Both clients users log in with have an Audience mapper for `orders-api` (carol's tokens name it too).
 */
export const umaShopRealm: RealmRepresentation = {
  realm: 'uma-shop',
  enabled: true,
  roles: { client: { 'orders-api': [{ name: 'reader' }, { name: 'writer' }] } },
  users: [
    {
      username: 'alice',
      enabled: true,
      credentials: [{ type: 'password', value: 'alice-password' }],
      clientRoles: { 'orders-api': ['reader', 'writer'] },
    },
    {
      username: 'bob',
      enabled: true,
      credentials: [{ type: 'password', value: 'bob-password' }],
      clientRoles: { 'orders-api': ['reader'] },
    },
    { username: 'carol', enabled: true, credentials: [{ type: 'password', value: 'carol-password' }] },
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
    {
      clientId: 'shop-backend',
      secret: 'backend-secret',
      directAccessGrantsEnabled: true,
      protocolMappers: [audienceMapper('orders-api')],
    },
    {
      clientId: 'orders-api',
      secret: 'orders-secret',
      serviceAccountsEnabled: true,
      authorizationServicesEnabled: true,
      authorizationSettings: {
        allowRemoteResourceManagement: true,
        policyEnforcementMode: 'ENFORCING',
        decisionStrategy: 'UNANIMOUS',
        scopes: [{ name: 'read' }, { name: 'write' }, { name: 'invoice:view' }, { name: 'open' }],
        resources: [
          { name: 'orders', uris: ['/orders/*'], scopes: [{ name: 'read' }, { name: 'write' }] },
          { name: 'reports', uris: ['/reports'] },
          { name: 'urn:shop:invoices', uris: ['/invoices/*'], scopes: [{ name: 'invoice:view' }] },
          { name: 'documents', uris: ['/api/documents/{id}', '/lazy/documents/{id}'], scopes: [{ name: 'read' }] },
          { name: 'archive', uris: ['/api/archive'] },
          { name: 'vault', scopes: [{ name: 'open' }] },
        ],
        policies: [
          {
            name: 'Readers',
            type: 'role',
            logic: 'POSITIVE',
            decisionStrategy: 'UNANIMOUS',
            config: { roles: roles('orders-api/reader') },
          },
          {
            name: 'Writers',
            type: 'role',
            logic: 'POSITIVE',
            decisionStrategy: 'UNANIMOUS',
            config: { roles: roles('orders-api/writer') },
          },
          {
            name: 'Only alice',
            type: 'user',
            logic: 'POSITIVE',
            decisionStrategy: 'UNANIMOUS',
            config: { users: list('alice') },
          },
          {
            name: 'Read orders',
            type: 'scope',
            decisionStrategy: 'UNANIMOUS',
            config: { resources: list('orders'), scopes: list('read'), applyPolicies: list('Readers') },
          },
          {
            name: 'Write orders',
            type: 'scope',
            decisionStrategy: 'UNANIMOUS',
            config: { resources: list('orders'), scopes: list('write'), applyPolicies: list('Writers') },
          },
          {
            name: 'See reports',
            type: 'resource',
            decisionStrategy: 'UNANIMOUS',
            config: { resources: list('reports'), applyPolicies: list('Only alice') },
          },
          {
            name: 'View invoices',
            type: 'scope',
            decisionStrategy: 'UNANIMOUS',
            config: {
              resources: list('urn:shop:invoices'),
              scopes: list('invoice:view'),
              applyPolicies: list('Readers'),
            },
          },
          {
            name: 'Read documents',
            type: 'scope',
            decisionStrategy: 'UNANIMOUS',
            config: { resources: list('documents'), scopes: list('read'), applyPolicies: list('Readers') },
          },
          {
            name: 'See archive',
            type: 'resource',
            decisionStrategy: 'UNANIMOUS',
            config: { resources: list('archive'), applyPolicies: list('Only alice') },
          },
          {
            name: 'In the EU',
            type: 'regex',
            logic: 'POSITIVE',
            config: { targetClaim: 'region', pattern: 'eu-.*', targetContextAttributes: 'true' },
          },
          {
            name: 'Open vault',
            type: 'scope',
            decisionStrategy: 'UNANIMOUS',
            config: { resources: list('vault'), scopes: list('open'), applyPolicies: list('In the EU') },
          },
        ],
      },
    },
  ],
};

/**
 * The policy-enforcer config of the suites (keycloak.json's `policy-enforcer` section). Its credentials
 * get the PAT that finds the resource of the `/api/orders/{id}` template by the request path, as
 * Keycloak's enforcer does (PathConfigMatcher.resolvePathConfig), and the named ones by name.
 */
export const ordersEnforcer = {
  resource: 'orders-api',
  credentials: { secret: 'orders-secret' },
  'enforcement-mode': 'ENFORCING',
  paths: [
    {
      path: '/api/orders',
      name: 'orders',
      methods: [
        { method: 'GET', scopes: ['read'] },
        { method: 'POST', scopes: ['write'] },
      ],
    },
    {
      path: '/api/orders/{id}',
      name: 'orders',
      methods: [{ method: 'DELETE', scopes: ['read', 'write'], 'scopes-enforcement-mode': 'ANY' }],
    },
    { path: '/api/reports', name: 'reports' },
    { path: '/api/health', 'enforcement-mode': 'DISABLED' },
    {
      path: '/api/audit',
      name: 'orders',
      methods: [{ method: 'GET', scopes: ['write'], 'scopes-enforcement-mode': 'DISABLED' }],
    },
  ],
};

/**
 * A policy-enforcer config whose paths have no `name`: their resources are found through the
 * Protection API with the resource server's own credentials, as in a keycloak.json.
 */
export const unnamedPathsEnforcer = {
  resource: 'orders-api',
  credentials: { secret: 'orders-secret' },
  paths: [
    { path: '/api/documents/{id}', methods: [{ method: 'GET', scopes: ['read'] }] },
    { path: '/api/archive' },
    { path: '/api/drafts/*' },
  ],
};

/**
 * A claim-information-point: the `X-Region` header of the request, pushed to Keycloak as the claim
 * `region`, decides whether the vault opens (a request without the header pushes no claim).
 */
export const vaultEnforcer = {
  paths: [
    {
      path: '/vault',
      name: 'vault',
      methods: [{ method: 'POST', scopes: ['open'] }],
      'claim-information-point': { claims: { region: "{request.header['x-region']}" } },
    },
  ],
};

/** No paths, lazy-load-paths: the server's resource whose uris match the request path decides. */
export const lazyEnforcer = {
  resource: 'orders-api',
  credentials: { secret: 'orders-secret' },
  'lazy-load-paths': true,
};
