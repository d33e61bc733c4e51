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
