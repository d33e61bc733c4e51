import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKeycloak, type KeycloakTestServer } from '@keycloak-ts/testing';
import { clientToken, grantedNames, sampleRealm, umaRequest, userToken } from './support.js';

const RS = 'test-app-authz';
let kc: KeycloakTestServer;
let pat: string;
let owner: string;
let john: string;
let albumId: string;

const call = async (method: string, path: string, token: string, body?: unknown) => {
  const res = await fetch(`${kc.url}/realms/test/authz/protection${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
};

beforeAll(async () => {
  const realm = sampleRealm('realm-import-testsuite-testrealm.json');
  const client = realm.clients?.find((c) => c.clientId === RS);
  if (client) Object.assign(client, { authorizationServicesEnabled: true, directAccessGrantsEnabled: true });
  kc = await startKeycloak({ realms: [realm] });
  pat = await clientToken(kc.url, 'test', RS, 'secret');
  owner = await userToken(kc.url, 'test', RS, 'secret', 'test-user@localhost', 'password');
  john = await userToken(kc.url, 'test', RS, 'secret', 'john-doh@localhost', 'password');
  const album = await call('POST', '/resource_set', pat, {
    name: 'Album',
    resource_scopes: ['read', 'write'],
    owner: 'test-user@localhost',
    ownerManagedAccess: true,
  });
  albumId = (album.body as { _id: string })._id;
});
afterAll(() => kc.close());

const johnAsks = () =>
  umaRequest(kc.url, 'test', john, [
    ['audience', RS],
    ['permission', `${albumId}#read`],
    ['response_mode', 'permissions'],
  ]);

describe('user-managed permissions (uma-policy)', () => {
  it('lets the owner grant a user a scope, which the UMA grant then honours, and read the policy back', async () => {
    expect((await johnAsks()).status).toBe(403);
    const created = await call('POST', `/uma-policy/${albumId}`, owner, {
      name: 'John may read',
      scopes: ['read'],
      users: ['john-doh@localhost'],
    });
    expect(created.status).toBe(200);
    const id = (created.body as { id: string }).id;
    expect(created.body).toMatchObject({
      id,
      name: 'John may read',
      type: 'uma',
      logic: 'POSITIVE',
      decisionStrategy: 'UNANIMOUS',
      scopes: ['read'],
      users: ['john-doh@localhost'],
    });
    expect(grantedNames((await johnAsks()).body)).toEqual(['Album#read']);
    expect((await call('GET', `/uma-policy/${id}`, owner)).body).toEqual(created.body);
    expect(kc.counters.get('uma-policy')).toBeGreaterThanOrEqual(2);
  });

  it('queries the caller’s own policies by name, resource, scope and paging', async () => {
    await call('POST', `/uma-policy/${albumId}`, owner, {
      name: 'Admins may write',
      scopes: ['write'],
      roles: ['admin'],
    });
    const names = async (query: string) =>
      ((await call('GET', `/uma-policy${query}`, owner)).body as Array<{ name: string }>).map((p) => p.name);
    expect(await names('')).toEqual(['Admins may write', 'John may read']);
    expect(await names('?name=john')).toEqual(['John may read']);
    expect(await names('?scope=write')).toEqual(['Admins may write']);
    expect(await names(`?resource=${albumId}&first=1&max=1`)).toEqual(['John may read']);
    expect((await call('GET', '/uma-policy', john)).body).toEqual([]);
    const admins = ((await call('GET', '/uma-policy?name=Admins', owner)).body as Array<Record<string, unknown>>)[0];
    expect(admins).toMatchObject({ roles: ['admin'], scopes: ['write'] });
  });

  it('replaces the grantees on update, so a user left out loses access', async () => {
    const [policy] = (await call('GET', '/uma-policy?name=john', owner)).body as Array<{ id: string }>;
    expect(
      (
        await call('PUT', `/uma-policy/${policy?.id}`, owner, {
          name: 'Nobody reads',
          scopes: ['read'],
          roles: ['admin'],
        })
      ).status,
    ).toBe(201);
    expect((await call('GET', `/uma-policy/${policy?.id}`, owner)).body).toMatchObject({
      name: 'Nobody reads',
      roles: ['admin'],
    });
    expect((await call('GET', `/uma-policy/${policy?.id}`, owner)).body).not.toHaveProperty('users');
    expect((await johnAsks()).status).toBe(403);
    expect(await call('PUT', `/uma-policy/${policy?.id}`, owner, { name: 'x', resources: ['other'] })).toEqual({
      status: 400,
      body: { error: 'invalid_request', error_description: 'Uma permission resource cannot be changed' },
    });
    expect((await call('DELETE', `/uma-policy/${policy?.id}`, owner)).status).toBe(204);
    expect(await call('GET', `/uma-policy/${policy?.id}`, owner)).toEqual({
      status: 404,
      body: { error: 'invalid_request', error_description: `Policy with [${policy?.id}] does not exist` },
    });
  });

  it('answers Keycloak’s errors for other people’s resources, bad scopes, ids and bodies', async () => {
    expect(
      await call('POST', `/uma-policy/${albumId}`, john, { name: 'Mine now', users: ['john-doh@localhost'] }),
    ).toEqual({
      status: 400,
      body: {
        error: 'invalid_request',
        error_description: `Only resource owner can access policies for resource [${albumId}]`,
      },
    });
    expect(await call('POST', '/uma-policy/nope', owner, { name: 'n' })).toEqual({
      status: 400,
      body: { error: 'invalid_request', error_description: 'Resource [nope] cannot be found' },
    });
    expect(
      (await call('POST', `/uma-policy/${albumId}`, owner, { name: 'Bad scope', scopes: ['delete'] })).body,
    ).toMatchObject({
      error: 'invalid_request',
      error_description: expect.stringContaining('are not valid for resource'),
    });
    expect((await call('POST', `/uma-policy/${albumId}`, owner, { id: 'x', name: 'With id' })).body).toEqual({
      error: 'invalid_request',
      error_description: 'Newly created uma policies should not have an id',
    });
    expect((await call('POST', `/uma-policy/${albumId}`, owner, '{oops')).status).toBe(400);
    expect(
      (await call('POST', `/uma-policy/${albumId}`, owner, { name: 'Ghost', users: ['no-such-user'] })).status,
    ).toBe(400);
    expect(((await call('GET', '/uma-policy?name=Ghost', owner)).body as unknown[]).length).toBe(0);
    expect((await call('GET', '/uma-policy', 'not-a-token')).status).toBe(403);
  });

  it('refuses user-managed policies when the resource server disallows remote management, and on resources without owner-managed access', async () => {
    const plain = await call('POST', '/resource_set', pat, { name: 'Plain', owner: 'test-user@localhost' });
    const plainId = (plain.body as { _id: string })._id;
    expect((await call('POST', `/uma-policy/${plainId}`, owner, { name: 'p' })).body).toEqual({
      error: 'invalid_request',
      error_description: 'Only resources with owner managed accessed can have policies',
    });
    const server = kc.model.realm('test')?.clients.get(RS)?.extensions['authz'] as {
      allowRemoteResourceManagement: boolean;
      id: string;
    };
    server.allowRemoteResourceManagement = false;
    expect(await call('POST', `/uma-policy/${albumId}`, owner, { name: 'r' })).toEqual({
      status: 403,
      body: {
        error: 'request_not_supported',
        error_description: `Remote Resource Management not enabled on resource server [${server.id}]`,
      },
    });
    server.allowRemoteResourceManagement = true;
  });
});
