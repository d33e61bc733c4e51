import type { RealmRepresentation } from '@keycloak-ts/testing';

const roles = (...names: string[]): string => JSON.stringify(names.map((id) => ({ id, required: false })));
const list = (...names: string[]): string => JSON.stringify(names);

/** The exported settings of the `rules` resource server (see {@link umaRealm}). */
export const rulesSettings = {
  policyEnforcementMode: 'ENFORCING',
  decisionStrategy: 'UNANIMOUS',
  scopes: [{ name: 'view' }, { name: 'edit' }],
  resources: [{ name: 'ledger', scopes: [{ name: 'view' }, { name: 'edit' }] }, { name: 'archive' }],
  policies: [
    { name: 'Readers', type: 'role', config: { roles: roles('api/reader') } },
    { name: 'Writers', type: 'role', config: { roles: roles('api/writer') } },
    { name: 'Not a writer', type: 'role', logic: 'NEGATIVE', config: { roles: roles('api/writer') } },
    {
      name: 'Reader, not writer',
      type: 'aggregate',
      decisionStrategy: 'UNANIMOUS',
      config: { applyPolicies: list('Readers', 'Not a writer') },
    },
    {
      name: 'View ledger',
      type: 'scope',
      decisionStrategy: 'AFFIRMATIVE',
      config: { resources: list('ledger'), scopes: list('view'), applyPolicies: list('Readers', 'Writers') },
    },
    {
      name: 'Edit ledger',
      type: 'scope',
      decisionStrategy: 'UNANIMOUS',
      config: { resources: list('ledger'), scopes: list('edit'), applyPolicies: list('Writers') },
    },
    {
      name: 'Archive',
      type: 'resource',
      decisionStrategy: 'UNANIMOUS',
      config: { resources: list('archive'), applyPolicies: list('Reader, not writer') },
    },
  ],
};

/**
 * A realm with one resource server, `api`, in Keycloak's import format (authorizationSettings as an
 * export writes them: policy config values are JSON strings). `docs` has the scopes read and write,
 * `albums` has view, `status` has no scope at all. alice reads docs; bob reads and writes them, and
 * sees albums and the status; carol has no role of the api.
 */
export const umaRealm: RealmRepresentation = {
  realm: 'uma',
  enabled: true,
  roles: { client: { api: [{ name: 'reader' }, { name: 'writer' }, { name: 'viewer' }] } },
  users: [
    {
      username: 'alice',
      enabled: true,
      credentials: [{ type: 'password', value: 'alice-pw' }],
      clientRoles: { api: ['reader'] },
    },
    {
      username: 'bob',
      enabled: true,
      credentials: [{ type: 'password', value: 'bob-pw' }],
      clientRoles: { api: ['reader', 'writer', 'viewer'] },
    },
    { username: 'carol', enabled: true, credentials: [{ type: 'password', value: 'carol-pw' }] },
  ],
  clients: [
    {
      clientId: 'api',
      secret: 'api-secret',
      directAccessGrantsEnabled: true,
      serviceAccountsEnabled: true,
      authorizationServicesEnabled: true,
      authorizationSettings: {
        allowRemoteResourceManagement: true,
        policyEnforcementMode: 'ENFORCING',
        decisionStrategy: 'UNANIMOUS',
        scopes: [{ name: 'read' }, { name: 'write' }, { name: 'view' }],
        resources: [
          { name: 'docs', uris: ['/docs/*'], scopes: [{ name: 'read' }, { name: 'write' }] },
          { name: 'albums', uris: ['/albums/*'], scopes: [{ name: 'view' }] },
          { name: 'status', uris: ['/status'] },
        ],
        policies: [
          {
            name: 'Readers',
            type: 'role',
            logic: 'POSITIVE',
            decisionStrategy: 'UNANIMOUS',
            config: { roles: roles('api/reader') },
          },
          {
            name: 'Writers',
            type: 'role',
            logic: 'POSITIVE',
            decisionStrategy: 'UNANIMOUS',
            config: { roles: roles('api/writer') },
          },
          {
            name: 'Viewers',
            type: 'role',
            logic: 'POSITIVE',
            decisionStrategy: 'UNANIMOUS',
            config: { roles: roles('api/viewer') },
          },
          {
            name: 'Read docs',
            type: 'scope',
            decisionStrategy: 'UNANIMOUS',
            config: { resources: list('docs'), scopes: list('read'), applyPolicies: list('Readers') },
          },
          {
            name: 'Write docs',
            type: 'scope',
            decisionStrategy: 'UNANIMOUS',
            config: { resources: list('docs'), scopes: list('write'), applyPolicies: list('Writers') },
          },
          {
            name: 'See albums',
            type: 'resource',
            decisionStrategy: 'UNANIMOUS',
            config: { resources: list('albums'), applyPolicies: list('Viewers') },
          },
          {
            name: 'See status',
            type: 'resource',
            decisionStrategy: 'UNANIMOUS',
            config: { resources: list('status'), applyPolicies: list('Viewers') },
          },
        ],
      },
    },
    {
      // Logic, strategies and an aggregate, for comparing local evaluation with the server's: readers view
      // the ledger (AFFIRMATIVE with writers), writers edit it, the archive is for readers who are not writers.
      clientId: 'rules',
      secret: 'rules-secret',
      authorizationServicesEnabled: true,
      authorizationSettings: rulesSettings,
    },
    {
      // Another resource server of the realm with a resource of the same name, where alice may write.
      clientId: 'other-api',
      secret: 'other-secret',
      authorizationServicesEnabled: true,
      authorizationSettings: {
        policyEnforcementMode: 'ENFORCING',
        decisionStrategy: 'UNANIMOUS',
        scopes: [{ name: 'write' }],
        resources: [{ name: 'docs', uris: ['/docs/*'], scopes: [{ name: 'write' }] }],
        policies: [
          {
            name: 'Alice',
            type: 'user',
            logic: 'POSITIVE',
            decisionStrategy: 'UNANIMOUS',
            config: { users: list('alice') },
          },
          {
            name: 'Alice writes',
            type: 'resource',
            decisionStrategy: 'UNANIMOUS',
            config: { resources: list('docs'), applyPolicies: list('Alice') },
          },
        ],
      },
    },
  ],
};
