import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKeycloak, type KeycloakTestServer } from '@keycloak-ts/testing';
import { demoRealm } from '../../support.js';
import { addAdminUser, adminCall, tokenFor } from '../admin-support.js';

let kc: KeycloakTestServer;
let token: string;
type Json = Record<string, unknown>;

const call = (method: string, path: string, body?: unknown) => adminCall(kc, method, `/demo${path}`, token, body);
const get = async (path: string): Promise<Json[]> => (await call('GET', path)).body as Json[];
const names = async (path: string): Promise<unknown[]> => (await get(path)).map((r) => r['name']);
const realmRole = async (name: string): Promise<Json> => (await call('GET', `/roles/${name}`)).body as Json;
const clientUuid = (clientId: string): string => kc.model.realm('demo')?.clients.get(clientId)?.id ?? '';
const userId = (username: string): string =>
  [...(kc.model.realm('demo')?.users.values() ?? [])].find((u) => u.username === username)?.id ?? '';
const groupId = (name: string): string => {
  const realm = kc.model.realm('demo');
  return (
    [...(realm?.groups ?? []), ...(realm?.groups.flatMap((g) => g.subGroups) ?? [])].find((g) => g.name === name)?.id ??
    ''
  );
};

const realmRolesIn = (jwt: string): string[] | undefined =>
  (
    JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
      realm_access?: { roles?: string[] };
    }
  ).realm_access?.roles;

beforeAll(async () => {
  kc = await startKeycloak({ realms: [demoRealm] });
  token = await tokenFor(kc, 'master', 'admin', 'admin');
  addAdminUser(kc, 'demo', 'viewer', 'viewer', 'realm-management', ['view-users']);
  addAdminUser(kc, 'demo', 'realm-viewer', 'realm-viewer', 'realm-management', ['view-realm']);
});
afterAll(() => kc.close());

describe('realm roles by name', () => {
  it('lists brief roles sorted by name, filtered by search and paged by first/max', async () => {
    const roles = await get('/roles');
    expect(roles.map((r) => r['name'])).toEqual([
      'boss',
      'default-roles-demo',
      'offline_access',
      'uma_authorization',
      'user',
    ]);
    expect(Object.keys(roles[0] ?? {})).toEqual(['id', 'name', 'composite', 'clientRole', 'containerId']);
    expect(await names('/roles?search=OS')).toEqual(['boss']);
    expect(await names('/roles?first=1&max=2')).toEqual(['default-roles-demo', 'offline_access']);
    expect(await names('/roles?first=1')).toHaveLength(5);
    expect((await get('/roles?briefRepresentation=false'))[0]).toHaveProperty('attributes', {});
  });

  it("creates a role with a Location naming it, and refuses a duplicate with Keycloak's 409 body", async () => {
    const created = await call('POST', '/roles', {
      name: 'auditor',
      description: 'reads logs',
      attributes: { level: '2' },
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`${kc.url}/admin/realms/demo/roles/auditor`);
    expect(await realmRole('auditor')).toMatchObject({
      name: 'auditor',
      description: 'reads logs',
      composite: false,
      clientRole: false,
      attributes: { level: ['2'] },
    });
    const again = await call('POST', '/roles', { name: 'auditor' });
    expect(again).toMatchObject({ status: 409, body: { errorMessage: 'Role with name auditor already exists' } });
  });

  it('refuses a role without a name, an unknown field and a body that is not JSON', async () => {
    expect(await call('POST', '/roles', { description: 'x' })).toEqual(
      expect.objectContaining({ status: 400, body: { error: 'role has no name' } }),
    );
    expect(await call('POST', '/roles', { name: 'x', colour: 'red' })).toMatchObject({
      status: 400,
      body: {
        error: expect.stringMatching(
          /^Invalid json representation for RoleRepresentation\. Unrecognized field "colour" at line 1 column \d+\.$/,
        ),
      },
    });
    expect(await call('POST', '/roles', '{nope')).toMatchObject({
      status: 400,
      body: { error: 'invalid_request', error_description: 'Cannot parse the JSON' },
    });
  });

  it('creates a composite role from realm and client role names, and refuses an unknown one without creating', async () => {
    const created = await call('POST', '/roles', {
      name: 'manager',
      composite: true,
      composites: { realm: ['user'], client: { api: ['reader'], ghost: ['x'] } },
    });
    expect(created.status).toBe(201);
    expect(await names('/roles/manager/composites')).toEqual(['user', 'reader']);
    const missing = await call('POST', '/roles', { name: 'broken', composite: true, composites: { realm: ['nope'] } });
    expect(missing).toMatchObject({ status: 404, body: { errorMessage: 'Realm Role with name nope does not exist' } });
    const missingClientRole = await call('POST', '/roles', {
      name: 'broken',
      composite: true,
      composites: { client: { api: ['nope'] } },
    });
    expect(missingClientRole).toMatchObject({
      status: 404,
      body: { errorMessage: 'Client Role with name nope does not exist' },
    });
    expect(await call('GET', '/roles/broken')).toMatchObject({ status: 404 });
  });

  it('answers 404 "Could not find role" for an unknown name', async () => {
    expect(await call('GET', '/roles/ghost')).toMatchObject({ status: 404, body: { error: 'Could not find role' } });
    expect(await call('PUT', '/roles/ghost', { name: 'ghost' })).toMatchObject({
      status: 404,
      body: { error: 'Could not find role' },
    });
  });

  it('renames a role, replacing its description, and keeps its mappings', async () => {
    await call('POST', '/roles', { name: 'temp', description: 'old' });
    const id = (await realmRole('temp'))['id'];
    kc.model.realm('demo')?.users.get(userId('bob'))?.roleMappings.add(kc.model.realm('demo')!.roles.get('temp')!);
    expect((await call('PUT', '/roles/temp', { name: 'renamed' })).status).toBe(204);
    const renamed = await realmRole('renamed');
    expect(renamed).toMatchObject({ id, name: 'renamed' });
    expect(renamed).not.toHaveProperty('description');
    expect((await get(`/users/${userId('bob')}/role-mappings/realm`)).map((r) => r['name'])).toContain('renamed');
    expect(await call('PUT', '/roles/renamed', { name: 'user' })).toMatchObject({
      status: 409,
      body: { errorMessage: 'Role with name user already exists' },
    });
  });

  it('deletes a role and every mapping of it, but never the default role', async () => {
    await call('POST', '/roles', { name: 'doomed' });
    const doomed = await realmRole('doomed');
    await call('POST', `/users/${userId('bob')}/role-mappings/realm`, [doomed]);
    await call('POST', '/roles/boss/composites', [doomed]);
    expect((await call('DELETE', '/roles/doomed')).status).toBe(204);
    expect(await call('GET', '/roles/doomed')).toMatchObject({ status: 404 });
    expect((await get(`/users/${userId('bob')}/role-mappings/realm`)).map((r) => r['name'])).not.toContain('doomed');
    expect(await names('/roles/boss/composites')).toEqual(['user']);
    expect(await call('DELETE', '/roles/default-roles-demo')).toMatchObject({
      status: 400,
      body: { errorMessage: 'default-roles-demo is default role of the realm and cannot be removed.' },
    });
  });

  it('lists the users and groups holding a role directly', async () => {
    expect((await get('/roles/user/users')).map((u) => u['username'])).toEqual(['bob']);
    expect(Object.keys((await get('/roles/user/users?briefRepresentation=true'))[0] ?? {})).toEqual([
      'id',
      'username',
      'emailVerified',
      'createdTimestamp',
      'enabled',
      'access',
    ]);
    const groups = await get('/roles/boss/groups');
    expect(groups).toEqual([{ id: groupId('staff'), name: 'staff', path: '/staff', subGroups: [] }]);
    expect((await get('/roles/boss/groups?briefRepresentation=false'))[0]).toMatchObject({
      realmRoles: ['boss'],
      attributes: {},
    });
  });
});

describe('composites', () => {
  it('adds and removes composites named by id, and lists them by level', async () => {
    await call('POST', '/roles', { name: 'lead' });
    const reader = (await call('GET', `/clients/${clientUuid('api')}/roles/reader`)).body as Json;
    expect((await call('POST', '/roles/lead/composites', [await realmRole('user'), reader])).status).toBe(204);
    expect(await realmRole('lead')).toMatchObject({ composite: true });
    expect(await names('/roles/lead/composites')).toEqual(['user', 'reader']);
    expect(await names('/roles/lead/composites/realm')).toEqual(['user']);
    expect(await names(`/roles/lead/composites/clients/${clientUuid('api')}`)).toEqual(['reader']);
    expect(await call('GET', '/roles/lead/composites/clients/nope')).toMatchObject({
      status: 404,
      body: { error: 'Could not find client' },
    });
    expect((await call('DELETE', '/roles/lead/composites', [reader])).status).toBe(204);
    expect(await names('/roles/lead/composites')).toEqual(['user']);
  });

  it('refuses a composite whose id is unknown, changing nothing', async () => {
    await call('POST', '/roles', { name: 'solo' });
    const answer = await call('POST', '/roles/solo/composites', [
      await realmRole('user'),
      { name: 'user', id: 'nope' },
    ]);
    expect(answer).toMatchObject({ status: 404, body: { error: 'Could not find composite role' } });
    expect(await names('/roles/solo/composites')).toEqual([]);
  });
});

describe('client roles', () => {
  it('creates, reads, lists and deletes roles of a client by its internal id', async () => {
    const base = `/clients/${clientUuid('app')}/roles`;
    const created = await call('POST', base, { name: 'editor' });
    expect(created.headers.get('location')).toBe(`${kc.url}/admin/realms/demo${base}/editor`);
    expect((await call('GET', `${base}/editor`)).body).toMatchObject({
      name: 'editor',
      clientRole: true,
      containerId: clientUuid('app'),
    });
    expect(await names(base)).toEqual(['editor']);
    expect((await call('DELETE', `${base}/editor`)).status).toBe(204);
    expect(await names(base)).toEqual([]);
  });

  it('answers 404 "Could not find client" for an unknown client id', async () => {
    expect(await call('GET', '/clients/nope/roles')).toMatchObject({
      status: 404,
      body: { error: 'Could not find client' },
    });
  });
});

describe('roles by id', () => {
  it('reads, updates, deletes and pages the composites of a role by id', async () => {
    await call('POST', '/roles', { name: 'byid' });
    const id = String((await realmRole('byid'))['id']);
    expect((await call('GET', `/roles-by-id/${id}`)).body).toMatchObject({ id, name: 'byid', attributes: {} });
    expect((await call('PUT', `/roles-by-id/${id}`, { name: 'byid', description: 'changed' })).status).toBe(204);
    expect(await realmRole('byid')).toMatchObject({ description: 'changed' });
    await call('POST', `/roles-by-id/${id}/composites`, [await realmRole('user'), await realmRole('boss')]);
    expect(await names(`/roles-by-id/${id}/composites?first=1&max=1`)).toEqual(['user']);
    expect(await names(`/roles-by-id/${id}/composites?search=bo`)).toEqual(['boss']);
    expect(await names(`/roles-by-id/${id}/composites/realm`)).toEqual(['boss', 'user']);
    expect(await names(`/roles-by-id/${id}/composites/clients/${clientUuid('api')}`)).toEqual([]);
    expect((await call('DELETE', `/roles-by-id/${id}`)).status).toBe(204);
    expect(await call('GET', `/roles-by-id/${id}`)).toMatchObject({
      status: 404,
      body: { error: 'Could not find role with id' },
    });
  });
});

describe('role mappings of users and groups', () => {
  it('grants realm roles named by name and id, and reads direct, effective and available roles', async () => {
    const base = `/users/${userId('alice')}/role-mappings`;
    expect((await call('POST', `${base}/realm`, [await realmRole('user')])).status).toBe(204);
    expect(await names(`${base}/realm`)).toEqual(['default-roles-demo', 'user']);
    // alice is in /staff/readers, and staff holds boss.
    expect(await names(`${base}/realm/composite`)).toEqual([
      'boss',
      'default-roles-demo',
      'offline_access',
      'uma_authorization',
      'user',
    ]);
    const available = await names(`${base}/realm/available`);
    expect(available).not.toContain('user');
    expect(available).toContain('offline_access'); // held through default-roles-demo, not mapped directly
    expect(await names(`${base}/clients/${clientUuid('api')}/composite`)).toEqual(['reader']);
    const all = (await call('GET', base)).body as Json;
    expect(Object.keys(all)).toEqual(['realmMappings']);
    expect(((all['realmMappings'] as Json[]) ?? []).map((r) => r['name'])).toEqual(['default-roles-demo', 'user']);
  });

  it('refuses a role whose id does not match its name with 404 "Role not found"', async () => {
    const answer = await call('POST', `/users/${userId('alice')}/role-mappings/realm`, [
      { ...(await realmRole('boss')), id: 'other' },
    ]);
    expect(answer).toMatchObject({ status: 404, body: { error: 'Role not found' } });
  });

  it('grants, reads and removes client roles, reporting them under clientMappings', async () => {
    const api = clientUuid('api');
    const reader = (await call('GET', `/clients/${api}/roles/reader`)).body as Json;
    const base = `/users/${userId('bob')}/role-mappings`;
    expect(await names(`${base}/clients/${api}/available`)).toEqual(['reader']);
    expect((await call('POST', `${base}/clients/${api}`, [reader])).status).toBe(204);
    expect(await names(`${base}/clients/${api}`)).toEqual(['reader']);
    expect(((await call('GET', base)).body as Json)['clientMappings']).toMatchObject({
      api: { id: api, client: 'api', mappings: [{ name: 'reader' }] },
    });
    expect((await call('DELETE', `${base}/clients/${api}`, [reader])).status).toBe(204);
    expect(await names(`${base}/clients/${api}`)).toEqual([]);
    expect(await call('GET', `${base}/clients/nope`)).toMatchObject({
      status: 404,
      body: { error: 'Client not found' },
    });
  });

  it('maps roles to groups, whose members then hold them effectively', async () => {
    const base = `/groups/${groupId('readers')}/role-mappings`;
    await call('POST', '/roles', { name: 'group-made' });
    expect((await call('POST', `${base}/realm`, [await realmRole('group-made')])).status).toBe(204);
    expect(await names(`${base}/realm`)).toEqual(['group-made']);
    expect(await names(`${base}/realm/composite`)).toEqual(['boss', 'group-made', 'user']);
    expect(await names(`/users/${userId('alice')}/role-mappings/realm/composite`)).toContain('group-made');
    expect((await call('DELETE', `${base}/realm`)).status).toBe(204);
    expect(await names(`${base}/realm`)).toEqual([]);
    expect(await call('GET', '/groups/nope/role-mappings')).toMatchObject({
      status: 404,
      body: { error: 'Could not find group by id' },
    });
  });

  it('answers 404 "User not found" for an unknown user', async () => {
    expect(await call('GET', '/users/nope/role-mappings')).toMatchObject({
      status: 404,
      body: { error: 'User not found' },
    });
  });

  it('puts a newly granted role into the next access token', async () => {
    await call('POST', '/roles', { name: 'fresh' });
    const before = await tokenFor(kc, 'demo', 'alice', 'wonder', 'web');
    await call('POST', `/users/${userId('alice')}/role-mappings/realm`, [await realmRole('fresh')]);
    const access = await tokenFor(kc, 'demo', 'alice', 'wonder', 'web');
    expect(realmRolesIn(before)).not.toContain('fresh');
    expect(realmRolesIn(access)).toContain('fresh');
  });
});

describe('scope mappings of clients and client scopes', () => {
  it("maps realm roles by id and client roles by name to a client's scope", async () => {
    const base = `/clients/${clientUuid('web')}/scope-mappings`;
    const api = clientUuid('api');
    expect((await call('POST', `${base}/realm`, [{ id: (await realmRole('user'))['id'] }])).status).toBe(204);
    expect((await call('POST', `${base}/clients/${api}`, [{ name: 'reader' }])).status).toBe(204);
    const all = (await call('GET', base)).body as Json;
    expect(all).toMatchObject({
      realmMappings: [{ name: 'user' }],
      clientMappings: { api: { client: 'api', mappings: [{ name: 'reader' }] } },
    });
    expect(await call('POST', `${base}/realm`, [{ name: 'user' }])).toMatchObject({
      status: 404,
      body: { error: 'Role not found' },
    });
    expect((await call('DELETE', `${base}/clients/${api}`, [{ name: 'reader' }])).status).toBe(204);
    expect(await names(`${base}/clients/${api}`)).toEqual([]);
    expect(await call('GET', '/clients/nope/scope-mappings')).toMatchObject({
      status: 404,
      body: { error: 'Could not find client' },
    });
  });

  it('maps roles to a client scope and answers 404 for an unknown scope', async () => {
    const scope = kc.model.realm('demo')?.clientScopes.get('profile')?.id ?? '';
    const base = `/client-scopes/${scope}/scope-mappings`;
    const api = clientUuid('api');
    expect((await call('POST', `${base}/clients/${api}`, [{ name: 'reader' }])).status).toBe(204);
    expect(await names(`${base}/clients/${api}`)).toEqual(['reader']);
    expect((await call('POST', `${base}/realm`, [await realmRole('boss')])).status).toBe(204);
    expect(await names(`${base}/realm/composite`)).toEqual(['boss', 'user']);
    expect(Object.keys((await call('GET', base)).body as Json)).toEqual(['realmMappings', 'clientMappings']);
    expect(await call('GET', '/client-scopes/nope/scope-mappings')).toMatchObject({
      status: 404,
      body: { error: 'Could not find client scope' },
    });
  });
});

describe('access control', () => {
  it('answers 401 without a token and 403 to a caller without the needed role', async () => {
    expect(await adminCall(kc, 'GET', '/demo/roles')).toMatchObject({
      status: 401,
      body: { error: 'HTTP 401 Unauthorized' },
    });
    const viewer = await tokenFor(kc, 'demo', 'viewer', 'viewer');
    expect((await adminCall(kc, 'GET', '/demo/roles', viewer)).status).toBe(200);
    expect(await adminCall(kc, 'POST', '/demo/roles', viewer, { name: 'nope' })).toMatchObject({
      status: 403,
      body: { error: 'HTTP 403 Forbidden' },
    });
    expect((await adminCall(kc, 'GET', `/demo/users/${userId('bob')}/role-mappings`, viewer)).status).toBe(200);
    expect((await adminCall(kc, 'POST', `/demo/users/${userId('bob')}/role-mappings/realm`, viewer, [])).status).toBe(
      403,
    );
    expect((await adminCall(kc, 'GET', `/demo/clients/${clientUuid('web')}/scope-mappings`, viewer)).status).toBe(403);
    const realmViewer = await tokenFor(kc, 'demo', 'realm-viewer', 'realm-viewer');
    expect((await adminCall(kc, 'GET', '/demo/roles/user', realmViewer)).status).toBe(200);
    // getUsersInRole also needs the right to query users.
    expect((await adminCall(kc, 'GET', '/demo/roles/user/users', realmViewer)).status).toBe(403);
    expect((await adminCall(kc, 'GET', '/demo/roles/user/users', viewer)).status).toBe(403);
  });
});
