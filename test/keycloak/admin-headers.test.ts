import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTarget, type KeycloakTarget } from './support/target.js';

let target: KeycloakTarget;
let realm: string;

beforeAll(async () => {
  target = await openTarget();
  realm = await target.createRealm('admin-headers');
});
afterAll(() => target.close());

// Keycloak's admin GET methods are @NoCache and @Produces(APPLICATION_JSON); errors, most writes and the POST
// partial export are neither; @NoCache is per method, so a few GETs lack it and a few writes carry it (measured on
// Keycloak 26.7.3).
describe(`the admin API's cache and media-type headers (${process.env['KEYCLOAK_TARGET'] ?? 'memory'})`, () => {
  it.each([
    `/admin/realms/{realm}`,
    `/admin/realms/{realm}/users/count`,
    `/admin/realms/{realm}/clients`,
    `/admin/realms/{realm}/roles`,
  ])('answers a successful GET %s with Cache-Control no-cache and JSON in UTF-8', async (path) => {
    const answer = await target.request('GET', path.replace('{realm}', realm), { token: 'admin' });
    expect([answer.status, answer.headers.get('cache-control'), answer.headers.get('content-type')]).toEqual([
      200,
      'no-cache',
      'application/json;charset=UTF-8',
    ]);
  });

  it('answers errors, writes and the partial export without Cache-Control', async () => {
    const missing = await target.request('GET', `/admin/realms/${realm}/users/no-such-user`, { token: 'admin' });
    expect([missing.status, missing.headers.get('cache-control'), missing.headers.get('content-type')]).toEqual([
      404,
      null,
      'application/json',
    ]);
    const created = await target.request('POST', `/admin/realms/${realm}/users`, {
      token: 'admin',
      json: { username: 'headers-user' },
    });
    expect([created.status, created.headers.get('cache-control')]).toEqual([201, null]);
    const exported = await target.request('POST', `/admin/realms/${realm}/partial-export`, { token: 'admin' });
    expect([exported.status, exported.headers.get('cache-control'), exported.headers.get('content-type')]).toEqual([
      200,
      null,
      'application/json',
    ]);
  });

  it('answers the GETs Keycloak leaves without @NoCache (the user profile) without Cache-Control', async () => {
    for (const path of [`/admin/realms/${realm}/users/profile`, `/admin/realms/${realm}/users/profile/metadata`]) {
      const answer = await target.request('GET', path, { token: 'admin' });
      expect([path, answer.status, answer.headers.get('cache-control')]).toEqual([path, 200, null]);
    }
  });

  it('answers the writes Keycloak marks @NoCache with Cache-Control no-cache, and the others without', async () => {
    const scope = await target.request('POST', `/admin/realms/${realm}/client-scopes`, {
      token: 'admin',
      json: { name: 'headers-scope', protocol: 'openid-connect' },
    });
    expect([scope.status, scope.headers.get('cache-control')]).toEqual([201, 'no-cache']);
    const group = await target.request('POST', `/admin/realms/${realm}/groups`, {
      token: 'admin',
      json: { name: 'headers-group' },
    });
    expect([group.status, group.headers.get('cache-control')]).toEqual([201, null]);
    const groupId = group.headers.get('location')?.split('/').pop() ?? '';
    const child = await target.request('POST', `/admin/realms/${realm}/groups/${groupId}/children`, {
      token: 'admin',
      json: { name: 'headers-child' },
    });
    expect([child.status, child.headers.get('cache-control')]).toEqual([201, 'no-cache']);
    const user = await target.request('POST', `/admin/realms/${realm}/users`, {
      token: 'admin',
      json: { username: 'headers-member' },
    });
    const userId = user.headers.get('location')?.split('/').pop() ?? '';
    const joined = await target.request('PUT', `/admin/realms/${realm}/users/${userId}/groups/${groupId}`, {
      token: 'admin',
    });
    expect([joined.status, joined.headers.get('cache-control')]).toEqual([204, 'no-cache']);
    const renamed = await target.request('PUT', `/admin/realms/${realm}/groups/${groupId}`, {
      token: 'admin',
      json: { name: 'headers-group-2' },
    });
    expect([renamed.status, renamed.headers.get('cache-control')]).toEqual([204, null]);
    const deletedGroup = await target.request('DELETE', `/admin/realms/${realm}/groups/${groupId}`, { token: 'admin' });
    expect([deletedGroup.status, deletedGroup.headers.get('cache-control')]).toEqual([204, null]);
    const deletedUser = await target.request('DELETE', `/admin/realms/${realm}/users/${userId}`, { token: 'admin' });
    expect([deletedUser.status, deletedUser.headers.get('cache-control')]).toEqual([204, 'no-cache']);
    const again = await target.request('DELETE', `/admin/realms/${realm}/users/${userId}`, { token: 'admin' });
    expect([again.status, again.headers.get('cache-control')]).toEqual([404, null]);
  });
});
