import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { namesOf, startAuthzAdmin, type AuthzAdminFixture } from './admin-support.js';
import { grantedNames, umaRequest, userToken } from './support.js';

let f: AuthzAdminFixture;

beforeAll(async () => {
  f = await startAuthzAdmin();
});
afterAll(() => f.kc.close());

const idOf = (body: unknown): string => (body as { id: string }).id;

describe('policies', () => {
  it('lists policies and permissions apart, by name, type and paging', async () => {
    expect(namesOf((await f.rs('GET', '/policy?permission=false')).body)).toEqual([
      'All Users Policy',
      'Any Admin Policy',
      'Any User Policy',
      'Only Premium User Policy',
    ]);
    expect(namesOf((await f.rs('GET', '/permission?name=main')).body)).toEqual([
      'Action 1 on Main Page Resource Permission',
      'Action 2 on Main Page Resource Permission',
      'Action 3 on Main Page Resource Permission',
    ]);
    expect(namesOf((await f.rs('GET', '/policy?type=aggregate')).body)).toEqual(['All Users Policy']);
    expect(namesOf((await f.rs('GET', '/policy/role?first=1&max=1')).body)).toEqual(['Any User Policy']);
    expect(namesOf((await f.rs('GET', '/permission/resource')).body)).toEqual([
      'Administrative Resource Permission',
      'Premium Resource Permission',
      'Protected Resource Permission',
    ]);
    expect((await f.rs('GET', '/policy?max=1')).body).toEqual([
      expect.objectContaining({ type: 'scope', logic: 'POSITIVE', decisionStrategy: 'AFFIRMATIVE', config: {} }),
    ]);
  });

  it('filters by resource and scope, widening to the policies they apply', async () => {
    expect(namesOf((await f.rs('GET', '/policy?resource=Admin%20Resource')).body)).toEqual([
      'Administrative Resource Permission',
      'Any Admin Policy',
    ]);
    expect(namesOf((await f.rs('GET', '/policy?scope=actionForPremiumUser&permission=true')).body)).toEqual([
      'Action 3 on Main Page Resource Permission',
    ]);
    expect((await f.rs('GET', '/policy?resource=nothing-like-this')).body).toEqual([]);
  });

  it('creates typed policies, reads them in typed and generic form, and rejects a duplicate name with Keycloak’s 409', async () => {
    const john = f.kc.model
      .realm('test')
      ?.users.get(
        [...(f.kc.model.realm('test')?.users.values() ?? [])].find((u) => u.username === 'john-doh@localhost')?.id ??
          '',
      )?.id;
    const created = await f.rs('POST', '/policy/user?max=-1', { name: 'Only John', users: ['john-doh@localhost'] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'Only John',
      type: 'user',
      logic: 'POSITIVE',
      decisionStrategy: 'UNANIMOUS',
      users: ['john-doh@localhost'],
    });
    const id = idOf(created.body);
    expect((await f.rs('GET', `/policy/user/${id}`)).body).toEqual({
      id,
      name: 'Only John',
      type: 'user',
      logic: 'POSITIVE',
      decisionStrategy: 'UNANIMOUS',
      users: [john],
    });
    expect((await f.rs('GET', `/policy/${id}`)).body).toEqual({
      id,
      name: 'Only John',
      type: 'user',
      logic: 'POSITIVE',
      decisionStrategy: 'UNANIMOUS',
      config: { users: JSON.stringify([john]) },
    });
    expect(await f.rs('POST', '/policy/role', { name: 'Only John', roles: [{ id: 'user' }] })).toMatchObject({
      status: 409,
      body: { error: 'Policy with name [Only John] already exists', error_description: 'Conflicting policy' },
    });
    expect((await f.rs('GET', '/policy/search?name=Only%20John')).body).toMatchObject({ id });
    expect(await f.rs('GET', '/policy/search?name=nobody')).toMatchObject({ status: 204, body: undefined });
  });

  it('answers bad policy input with typed 400s, never a 500', async () => {
    expect(await f.rs('POST', '/policy/role', { name: 'Ghost role', roles: [{ id: 'no-such-role' }] })).toMatchObject({
      status: 400,
      body: { error: 'invalid_request', error_description: 'Role [no-such-role] does not exist' },
    });
    expect((await f.rs('POST', '/policy/time', { name: 'No time' })).status).toBe(400);
    expect((await f.rs('POST', '/policy', { name: 'Weird', type: 'astrology' })).body).toEqual({
      error: 'invalid_request',
      error_description: 'Unknown policy type [astrology]',
    });
    expect((await f.rs('POST', '/policy/aggregate', { name: 'Agg', policies: ['missing'] })).status).toBe(400);
    expect((await f.rs('POST', '/policy/user', '[1,2]')).status).toBe(400);
    expect((await f.rs('POST', '/policy/not-a-type', { name: 'x' })).status).toBe(404);
  });

  it('creates a scope permission that the UMA grant then enforces, and updates it with 201 as Keycloak does', async () => {
    const user = await f.rs('POST', '/policy/user', { name: 'Only Keycloak User', users: ['keycloak-user@localhost'] });
    const created = await f.rs('POST', '/permission/scope', {
      name: 'Admin action for a user',
      scopes: ['urn:test-app-authz:page:main:actionForAdmin'],
      policies: ['Only Keycloak User'],
      decisionStrategy: 'AFFIRMATIVE',
    });
    expect(created.status).toBe(201);
    const id = idOf(created.body);
    expect((await f.rs('GET', `/permission/scope/${id}`)).body).toMatchObject({
      name: 'Admin action for a user',
      type: 'scope',
    });
    expect((await f.rs('GET', `/policy/${id}/associatedPolicies`)).body).toEqual([
      {
        id: idOf(user.body),
        name: 'Only Keycloak User',
        type: 'user',
        logic: 'POSITIVE',
        decisionStrategy: 'UNANIMOUS',
        config: {},
      },
    ]);
    expect((await f.rs('GET', `/policy/${idOf(user.body)}/dependentPolicies`)).body).toEqual([
      {
        id,
        name: 'Admin action for a user',
        type: 'scope',
        logic: 'POSITIVE',
        decisionStrategy: 'UNANIMOUS',
        config: {},
      },
    ]);
    expect(namesOf((await f.rs('GET', `/policy/${id}/scopes`)).body)).toEqual([
      'urn:test-app-authz:page:main:actionForAdmin',
    ]);
    const token = await userToken(f.kc.url, 'test', 'test-app-authz', 'secret', 'keycloak-user@localhost', 'password');
    const ask = () =>
      umaRequest(f.kc.url, 'test', token, [
        ['audience', 'test-app-authz'],
        ['permission', 'Main Page#urn:test-app-authz:page:main:actionForAdmin'],
        ['response_mode', 'permissions'],
      ]);
    // Action 1's own permission (admins only) still denies under the server's UNANIMOUS strategy.
    expect((await ask()).status).toBe(403);
    expect(
      (
        await f.rs('PUT', '', {
          policyEnforcementMode: 'ENFORCING',
          decisionStrategy: 'AFFIRMATIVE',
          allowRemoteResourceManagement: true,
        })
      ).status,
    ).toBe(204);
    expect(grantedNames((await ask()).body)).toEqual(['Main Page#urn:test-app-authz:page:main:actionForAdmin']);
    // Java's representation defaults reset logic and decisionStrategy; relations left out are kept.
    expect(await f.rs('PUT', `/permission/scope/${id}`, { name: 'Renamed action' })).toMatchObject({
      status: 201,
      body: undefined,
    });
    expect((await f.rs('GET', `/policy/${id}`)).body).toMatchObject({
      name: 'Renamed action',
      logic: 'POSITIVE',
      decisionStrategy: 'UNANIMOUS',
    });
    expect(namesOf((await f.rs('GET', `/policy/${id}/associatedPolicies`)).body)).toEqual(['Only Keycloak User']);
    expect(grantedNames((await ask()).body)).toEqual(['Main Page#urn:test-app-authz:page:main:actionForAdmin']);
    expect(
      (await f.rs('PUT', `/policy/user/${idOf(user.body)}`, { name: 'Only Keycloak User', logic: 'NEGATIVE' })).status,
    ).toBe(201);
    expect((await f.rs('GET', `/policy/user/${idOf(user.body)}`)).body).toMatchObject({
      logic: 'NEGATIVE',
      users: [expect.any(String)],
    });
    expect((await ask()).status).toBe(403);
  });

  it('deletes a policy so that permissions stop applying it (one left applying nothing goes too), then 404', async () => {
    const child = await f.rs('POST', '/policy/client', { name: 'App client', clients: ['test-app-authz'] });
    const other = await f.rs('POST', '/policy/client', { name: 'Other client', clients: ['test-app-authz'] });
    const parent = await f.rs('POST', '/policy/aggregate', {
      name: 'Wrapper',
      policies: [idOf(child.body), idOf(other.body)],
    });
    const lonely = await f.rs('POST', '/policy/aggregate', { name: 'Lonely', policies: [idOf(child.body)] });
    expect((await f.rs('DELETE', `/policy/${idOf(child.body)}`)).status).toBe(204);
    expect(namesOf((await f.rs('GET', `/policy/${idOf(parent.body)}/associatedPolicies`)).body)).toEqual([
      'Other client',
    ]);
    expect((await f.rs('GET', `/policy/${idOf(lonely.body)}`)).status).toBe(404);
    expect(await f.rs('GET', `/policy/${idOf(child.body)}`)).toMatchObject({
      status: 404,
      body: { error: 'HTTP 404 Not Found' },
    });
    expect((await f.rs('DELETE', `/policy/${idOf(child.body)}`)).status).toBe(404);
    expect((await f.rs('GET', `/policy/${idOf(parent.body)}/nonsense`)).status).toBe(404);
  });
});
