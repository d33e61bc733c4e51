import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminCall, addAdminUser, tokenFor } from '../admin/admin-support.js';
import { namesOf, startAuthzAdmin, type AuthzAdminFixture } from './admin-support.js';

let f: AuthzAdminFixture;

beforeAll(async () => {
  f = await startAuthzAdmin();
});
afterAll(() => f.kc.close());

describe('resource-server settings', () => {
  it('reads the settings and replaces them with PUT, absent fields taking the representation defaults', async () => {
    const read = await f.rs('GET', '');
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({
      id: f.clientUuid,
      clientId: f.clientUuid,
      name: 'test-app-authz',
      allowRemoteResourceManagement: true,
      policyEnforcementMode: 'ENFORCING',
      decisionStrategy: 'UNANIMOUS',
    });
    expect(
      (
        await f.rs('PUT', '', {
          policyEnforcementMode: 'PERMISSIVE',
          decisionStrategy: 'AFFIRMATIVE',
          allowRemoteResourceManagement: true,
        })
      ).status,
    ).toBe(204);
    expect((await f.rs('GET', '')).body).toMatchObject({
      policyEnforcementMode: 'PERMISSIVE',
      decisionStrategy: 'AFFIRMATIVE',
      allowRemoteResourceManagement: true,
    });
    expect((await f.rs('PUT', '', { policyEnforcementMode: 'ENFORCING' })).status).toBe(204);
    expect((await f.rs('GET', '')).body).toMatchObject({
      policyEnforcementMode: 'ENFORCING',
      decisionStrategy: 'UNANIMOUS',
      allowRemoteResourceManagement: false,
    });
    expect(await f.rs('PUT', '', {})).toMatchObject({
      status: 409,
      body: { error: 'conflict', error_description: 'Duplicate resource error' },
    });
  });

  it('refuses an unknown enforcement mode and a body that is not JSON', async () => {
    expect(await f.rs('PUT', '', { policyEnforcementMode: 'SOMETIMES' })).toMatchObject({
      status: 400,
      body: { error: 'unknown_error', error_description: 'Cannot parse the JSON' },
    });
    expect(await f.rs('PUT', '', '{nope')).toMatchObject({
      status: 400,
      body: { error_description: 'Cannot parse the JSON' },
    });
  });

  it('answers 404 for an unknown client and a client without authorization services', async () => {
    expect(await adminCall(f.kc, 'GET', '/test/clients/no-such-id/authz/resource-server', f.admin)).toMatchObject({
      status: 404,
      body: { error: 'Could not find client' },
    });
    const other = f.kc.model.realm('test')?.clients.get('test-app')?.id;
    expect(
      await adminCall(f.kc, 'GET', `/test/clients/${other}/authz/resource-server/resource`, f.admin),
    ).toMatchObject({ status: 404, body: { error: 'HTTP 404 Not Found' } });
  });
});

describe('resources', () => {
  it('lists resources ordered by name with Keycloak query filters and paging', async () => {
    const all = await f.rs('GET', '/resource?max=-1');
    expect(namesOf(all.body)).toEqual(['Admin Resource', 'Main Page', 'Premium Resource', 'Protected Resource']);
    expect((all.body as Array<Record<string, unknown>>)[0]).toMatchObject({
      owner: { id: f.clientUuid, name: 'test-app-authz' },
      scopes: [{ name: 'admin-access' }],
      attributes: {},
    });
    expect(namesOf((await f.rs('GET', '/resource?name=resource')).body)).toEqual([
      'Admin Resource',
      'Premium Resource',
      'Protected Resource',
    ]);
    expect(namesOf((await f.rs('GET', '/resource?name=resource&exactName=true')).body)).toEqual([]);
    expect(namesOf((await f.rs('GET', '/resource?type=urn:test-app-authz:protected:resource')).body)).toEqual([
      'Main Page',
      'Premium Resource',
    ]);
    expect(namesOf((await f.rs('GET', '/resource?scope=premium-access')).body)).toEqual(['Premium Resource']);
    expect(namesOf((await f.rs('GET', '/resource?first=1&max=2')).body)).toEqual(['Main Page', 'Premium Resource']);
    expect((await f.rs('GET', '/resource?deep=false&max=1')).body).toEqual([
      expect.not.objectContaining({ scopes: expect.anything() }),
    ]);
    expect((await f.rs('GET', '/resource?scope=nothing')).body).toEqual([]);
    expect((await f.rs('GET', '/resource?first=x')).status).toBe(404);
  });

  it('creates, reads, updates and deletes a resource owned by a user', async () => {
    const created = await f.rs('POST', '/resource?max=-1', {
      name: 'Album',
      type: 'album',
      uris: ['/album/1'],
      scopes: [{ name: 'album:view' }],
      owner: 'test-user@localhost',
      ownerManagedAccess: true,
    });
    expect(created.status).toBe(201);
    const album = created.body as { _id: string; owner: { name: string }; scopes: Array<{ id: string; name: string }> };
    expect(album.owner.name).toBe('test-user@localhost');
    expect((await f.rs('GET', `/resource/${album._id}`)).body).toMatchObject({
      name: 'Album',
      ownerManagedAccess: true,
      uris: ['/album/1'],
    });
    expect((await f.rs('GET', `/resource/${album._id}/scopes`)).body).toEqual([
      { id: album.scopes[0]?.id, name: 'album:view' },
    ]);
    expect((await f.rs('GET', '/resource?owner=test-user@localhost')).body).toEqual([
      expect.objectContaining({ name: 'Album' }),
    ]);
    expect(
      (await f.rs('PUT', `/resource/${album._id}`, { name: 'Album 2', uris: ['/album/2'], attributes: { a: ['1'] } }))
        .status,
    ).toBe(204);
    expect((await f.rs('GET', `/resource/${album._id}/attributes`)).body).toEqual({ a: ['1'] });
    expect((await f.rs('DELETE', `/resource/${album._id}`)).status).toBe(204);
    expect(await f.rs('GET', `/resource/${album._id}`)).toMatchObject({
      status: 404,
      body: { error: 'HTTP 404 Not Found' },
    });
    expect((await f.rs('PUT', `/resource/${album._id}`, { name: 'x' })).status).toBe(404);
  });

  it('answers Keycloak’s 409 for a name the owner already uses, and 409 conflict without a name', async () => {
    expect(await f.rs('POST', '/resource', { name: 'Main Page' })).toEqual(
      expect.objectContaining({
        status: 409,
        body: { error: 'invalid_request', error_description: 'Resource with name [Main Page] already exists.' },
      }),
    );
    expect(await f.rs('POST', '/resource', { uris: ['/x'] })).toMatchObject({
      status: 409,
      body: { error: 'conflict', error_description: 'Duplicate resource error' },
    });
    expect((await f.rs('POST', '/resource', [])).status).toBe(400);
  });

  it('finds a resource by exact name with search, and lists the permissions on it, its scopes and its type', async () => {
    expect((await f.rs('GET', '/resource/search?name=Main%20Page')).body).toMatchObject({ name: 'Main Page' });
    expect(await f.rs('GET', '/resource/search?name=Nope')).toMatchObject({ status: 204, body: undefined });
    expect((await f.rs('GET', '/resource/search')).status).toBe(400);
    const main = (await f.rs('GET', '/resource/search?name=Main%20Page')).body as { _id: string };
    expect(namesOf((await f.rs('GET', `/resource/${main._id}/permissions`)).body).sort()).toEqual([
      'Action 1 on Main Page Resource Permission',
      'Action 2 on Main Page Resource Permission',
      'Action 3 on Main Page Resource Permission',
      // Premium Resource is a resource of the server with Main Page's type, so its permission counts too.
      'Premium Resource Permission',
    ]);
  });
});

describe('scopes', () => {
  it('creates, lists, reads, updates and deletes a scope', async () => {
    const created = await f.rs('POST', '/scope', { name: 'photo:print', displayName: 'Print' });
    expect(created.status).toBe(201);
    const id = (created.body as { id: string }).id;
    expect(created.body).toEqual({ id, name: 'photo:print', displayName: 'Print' });
    expect(namesOf((await f.rs('GET', '/scope?name=photo')).body)).toEqual(['photo:print']);
    expect((await f.rs('GET', '/scope/search?name=photo:print')).body).toMatchObject({ id });
    expect((await f.rs('PUT', `/scope/${id}`, { name: 'photo:print2' })).status).toBe(204);
    expect((await f.rs('GET', `/scope/${id}`)).body).toMatchObject({ name: 'photo:print2' });
    expect((await f.rs('DELETE', `/scope/${id}`)).status).toBe(204);
    expect((await f.rs('GET', `/scope/${id}`)).status).toBe(404);
  });

  it('refuses to delete a scope a resource uses, and answers a second create of a name with that scope', async () => {
    const scope = (await f.rs('GET', '/scope/search?name=admin-access')).body as { id: string };
    expect(await f.rs('DELETE', `/scope/${scope.id}`)).toMatchObject({
      status: 400,
      body: { errorMessage: 'Scopes can not be removed while associated with resources.' },
    });
    expect(await f.rs('POST', '/scope', { name: 'admin-access' })).toMatchObject({
      status: 201,
      body: { id: scope.id, name: 'admin-access' },
    });
    expect(namesOf((await f.rs('GET', `/scope/${scope.id}/resources`)).body)).toEqual(['Admin Resource']);
  });
});

describe('the guard', () => {
  const roles: Array<[string, number, number]> = [
    ['view-authorization', 200, 403],
    ['manage-authorization', 200, 201],
    ['manage-clients', 403, 201],
    ['view-clients', 403, 403],
    ['query-users', 403, 403],
  ];

  it.each(roles)('a caller with %s reads with status %s and creates with status %s', async (name, read, write) => {
    addAdminUser(f.kc, 'test', `authz-${name}`, 'pw', 'realm-management', [name]);
    const token = await tokenFor(f.kc, 'test', `authz-${name}`, 'pw');
    expect((await f.rs('GET', '/resource', undefined, token)).status).toBe(read);
    expect(
      (await f.rs('POST', '/policy/user', { name: `by ${name}`, users: ['test-user@localhost'] }, token)).status,
    ).toBe(write);
  });

  it('answers 401 without a token, and 403 for an unknown client to a caller who may not list clients', async () => {
    expect(await adminCall(f.kc, 'GET', `/test/clients/${f.clientUuid}/authz/resource-server`)).toMatchObject({
      status: 401,
      body: { error: 'HTTP 401 Unauthorized' },
    });
    addAdminUser(f.kc, 'test', 'authz-only', 'pw', 'realm-management', ['view-authorization']);
    const token = await tokenFor(f.kc, 'test', 'authz-only', 'pw');
    expect(await adminCall(f.kc, 'GET', '/test/clients/unknown/authz/resource-server', token)).toMatchObject({
      status: 403,
      body: { error: 'HTTP 403 Forbidden' },
    });
  });

  it('exports settings only for a caller who may manage authorization', async () => {
    const token = await tokenFor(f.kc, 'test', 'authz-view-authorization', 'pw');
    expect((await f.rs('GET', '/settings', undefined, token)).status).toBe(403);
    expect((await f.rs('GET', '/settings')).status).toBe(200);
  });
});
