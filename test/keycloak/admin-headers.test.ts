import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTarget, type KeycloakTarget } from './support/target.js';

let target: KeycloakTarget;
let realm: string;

beforeAll(async () => {
  target = await openTarget();
  realm = await target.createRealm('admin-headers');
});
afterAll(() => target.close());

// Keycloak's admin GET methods are @NoCache and @Produces(APPLICATION_JSON); errors, writes and the POST partial
// export are neither (measured on Keycloak 26.7.3).
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
});
