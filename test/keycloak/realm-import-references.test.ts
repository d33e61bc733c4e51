import { randomUUID } from 'node:crypto';
import type { RealmRepresentation } from '@keycloak-ts/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTarget, targetKind, type KeycloakTarget } from './support/target.js';

// A realm representation that names what it does not hold, sent to POST /admin/realms. RepresentationToModel fails
// on some references with a RuntimeException (500, no detail, nothing created) and passes others silently. A file
// or fixture import of the in-memory server refuses all of them with a message naming the object and the field
// (packages/testing/test/model/import-references.test.ts); the admin API answers as Keycloak does.

let target: KeycloakTarget;
beforeAll(async () => {
  target = await openTarget();
});
afterAll(() => target.close());

const SERVER_ERROR = { error: 'unknown_error', error_description: 'For more on this error consult the server log.' };

describe(`POST /admin/realms with dangling references (${targetKind})`, () => {
  it.each<[string, Omit<RealmRepresentation, 'realm'>]>([
    ['a user in an unknown group', { users: [{ username: 'ann', enabled: true, groups: ['/staff'] }] }],
    ['a user with a role of an unknown client', { users: [{ username: 'ann', clientRoles: { nope: ['writer'] } }] }],
    ['a service account of an unknown client', { users: [{ username: 'sa', serviceAccountClientId: 'nope' }] }],
    ['a composite naming an unknown role', { roles: { realm: [{ name: 'boss', composites: { realm: ['user'] } }] } }],
    ['roles of an unknown client', { roles: { client: { nope: [{ name: 'writer' }] } } }],
    [
      'a scope mapping of an unknown client scope',
      { scopeMappings: [{ clientScope: 'nope', roles: ['offline_access'] }] },
    ],
    ['a scope mapping of an unknown client', { scopeMappings: [{ client: 'nope', roles: ['offline_access'] }] }],
    [
      'client scope mappings of an unknown client',
      { clientScopeMappings: { nope: [{ client: 'account', roles: ['x'] }] } },
    ],
  ])('answers 500 unknown_error for %s and creates no realm', async (_case, rep) => {
    const realm = `refs-${randomUUID().slice(0, 8)}`;
    const answer = await target.request('POST', '/admin/realms', {
      token: 'admin',
      json: { realm, enabled: true, ...rep },
    });
    expect([answer.status, answer.json]).toEqual([500, SERVER_ERROR]);
    const after = await target.request('GET', `/admin/realms/${realm}`, { token: 'admin' });
    expect([after.status, after.json]).toEqual([404, { error: 'Realm not found.' }]);
  });

  it('creates the roles that users, groups, scope mappings and default roles name without declaring them', async () => {
    const realm = await target.createRealm('refs-roles', {
      enabled: true,
      users: [{ username: 'ann', enabled: true, realmRoles: ['ghost'], clientRoles: { account: ['ghost-client'] } }],
      groups: [{ name: 'staff', realmRoles: ['ghost-group'] }],
      scopeMappings: [{ clientScope: 'profile', roles: ['ghost-scope'] }],
      defaultRoles: ['ghost-default'],
    });
    const get = async <T>(path: string): Promise<T> =>
      (await target.request('GET', `/admin/realms/${realm}${path}`, { token: 'admin' })).json as T;
    const names = (roles: Array<{ name: string }>): string[] => roles.map((role) => role.name).sort();
    expect(names(await get('/roles'))).toEqual(
      [
        `default-roles-${realm}`,
        'ghost',
        'ghost-default',
        'ghost-group',
        'ghost-scope',
        'offline_access',
        'uma_authorization',
      ].sort(),
    );
    const [ann] = await get<Array<{ id: string }>>('/users?username=ann&exact=true');
    const mappings = await get<{
      realmMappings: Array<{ name: string }>;
      clientMappings: Record<string, { mappings: Array<{ name: string }> }>;
    }>(`/users/${ann?.id}/role-mappings`);
    expect(names(mappings.realmMappings)).toEqual(['ghost']); // an imported user gets only the roles it lists
    expect(names(mappings.clientMappings['account']?.mappings ?? [])).toEqual(['ghost-client']);
    const [staff] = await get<Array<{ id: string }>>('/groups?search=staff');
    expect(
      names(
        (await get<{ realmMappings: Array<{ name: string }> }>(`/groups/${staff?.id}/role-mappings`)).realmMappings,
      ),
    ).toEqual(['ghost-group']);
  });

  it('keeps a role policy naming an unknown role, without that role', async () => {
    const realm = await target.createRealm('refs-policy', {
      enabled: true,
      roles: { realm: [{ name: 'admin' }] },
      clients: [
        {
          clientId: 'orders-api',
          secret: 'secret',
          authorizationServicesEnabled: true,
          serviceAccountsEnabled: true,
          authorizationSettings: {
            policies: [
              {
                name: 'Only admins',
                type: 'role',
                config: {
                  roles: JSON.stringify([
                    { id: 'admin', required: false },
                    { id: 'nope', required: false },
                  ]),
                },
              },
            ],
          },
        },
      ],
    });
    const get = async <T>(path: string): Promise<T> =>
      (await target.request('GET', `/admin/realms/${realm}${path}`, { token: 'admin' })).json as T;
    const [client] = await get<Array<{ id: string }>>('/clients?clientId=orders-api');
    const [admin] = await get<Array<{ id: string; name: string }>>('/roles?search=admin');
    const policies = await get<Array<{ name: string; config: { roles: string } }>>(
      `/clients/${client?.id}/authz/resource-server/policy?name=Only%20admins`,
    );
    expect(policies.map((policy) => [policy.name, JSON.parse(policy.config.roles)])).toEqual([
      ['Only admins', [{ id: admin?.id, required: false }]],
    ]);
  });

  it('creates a realm whose client names an unknown default client scope, leaving that scope out', async () => {
    const realm = await target.createRealm('refs-scopes', {
      enabled: true,
      clients: [{ clientId: 'web', publicClient: true, defaultClientScopes: ['nope', 'profile'] }],
    });
    const clients = await target.request('GET', `/admin/realms/${realm}/clients?clientId=web`, { token: 'admin' });
    const id = (clients.json as Array<{ id: string }>)[0]?.id ?? '';
    const scopes = await target.request('GET', `/admin/realms/${realm}/clients/${id}/default-client-scopes`, {
      token: 'admin',
    });
    expect((scopes.json as Array<{ name: string }>).map((scope) => scope.name)).toEqual(['profile']);
  });
});
