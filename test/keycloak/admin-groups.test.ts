import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_JSON, realmAdmin, type RealmAdmin } from './support/admin-conformance.js';
import { openTarget, targetKind, type KeycloakTarget } from './support/target.js';

let target: KeycloakTarget;
let realm: string;
let api: RealmAdmin;
let staff: string;
let devs: string;
let userId: string;

const ACCESS = { view: true, viewMembers: true, manage: true, manageMembership: true, manageMembers: true };

beforeAll(async () => {
  target = await openTarget();
  realm = await target.createRealm('admin-groups');
  api = realmAdmin(target, realm);
  staff = await api.create('/groups', { name: 'staff', attributes: { floor: ['3'] } });
  userId = await api.create('/users', { username: 'member', enabled: true });
});
afterAll(() => target.close());

describe(`groups (${targetKind})`, () => {
  it('answers the full group with access by id', async () => {
    const answer = await api.call('GET', `/groups/${staff}`);
    expect(answer.headers.get('content-type')).toBe(ADMIN_JSON);
    expect(answer.json).toEqual({
      id: staff,
      name: 'staff',
      path: '/staff',
      subGroupCount: 0,
      subGroups: [],
      attributes: { floor: ['3'] },
      realmRoles: [],
      clientRoles: {},
      access: ACCESS,
    });
  });

  it('creates a sub-group with 201, answering it with access, typed without charset and without subGroupCount', async () => {
    const answer = await api.call('POST', `/groups/${staff}/children`, { json: { name: 'devs' } });
    expect(answer.status).toBe(201);
    expect(answer.headers.get('content-type')).toBe('application/json');
    devs = (answer.headers.get('location') ?? '').split('/').pop() ?? '';
    expect(answer.json).toEqual({
      id: devs,
      name: 'devs',
      path: '/staff/devs',
      parentId: staff,
      subGroups: [],
      attributes: {},
      realmRoles: [],
      clientRoles: {},
      access: ACCESS,
    });
  });

  it('lists top-level groups briefly with access, and fully on request', async () => {
    expect((await api.call('GET', '/groups')).json).toEqual([
      { id: staff, name: 'staff', path: '/staff', subGroupCount: 1, subGroups: [], access: ACCESS },
    ]);
    expect((await api.call('GET', '/groups?briefRepresentation=false')).json).toEqual([
      {
        id: staff,
        name: 'staff',
        path: '/staff',
        subGroupCount: 1,
        subGroups: [],
        attributes: { floor: ['3'] },
        realmRoles: [],
        clientRoles: {},
        access: ACCESS,
      },
    ]);
    expect((await api.call('GET', '/groups/count')).json).toEqual({ count: 2 });
  });

  it('answers a search as the matches under their ancestors, access on every node', async () => {
    expect((await api.call('GET', '/groups?search=dev')).json).toEqual([
      {
        id: staff,
        name: 'staff',
        path: '/staff',
        subGroupCount: 1,
        access: ACCESS,
        subGroups: [
          {
            id: devs,
            name: 'devs',
            path: '/staff/devs',
            parentId: staff,
            subGroupCount: 0,
            subGroups: [],
            access: ACCESS,
          },
        ],
      },
    ]);
  });

  it('lists children fully with access', async () => {
    expect((await api.call('GET', `/groups/${staff}/children`)).json).toEqual([
      {
        id: devs,
        name: 'devs',
        path: '/staff/devs',
        parentId: staff,
        subGroupCount: 0,
        subGroups: [],
        attributes: {},
        realmRoles: [],
        clientRoles: {},
        access: ACCESS,
      },
    ]);
  });

  it('finds a group by path, without access, and 404s an unknown path', async () => {
    expect((await api.call('GET', '/group-by-path/staff/devs')).json).toEqual({
      id: devs,
      name: 'devs',
      path: '/staff/devs',
      parentId: staff,
      subGroupCount: 0,
      subGroups: [],
      attributes: {},
      realmRoles: [],
      clientRoles: {},
    });
    expect(await api.call('GET', '/group-by-path/nope')).toMatchObject({
      status: 404,
      json: { error: 'Group path does not exist' },
    });
  });

  it('refuses a missing name with 400 and a taken name with 409, at the top and among siblings', async () => {
    expect(await api.call('POST', '/groups', { json: {} })).toMatchObject({
      status: 400,
      json: { errorMessage: 'Group name is missing' },
    });
    expect(await api.call('POST', '/groups', { json: { name: 'staff' } })).toMatchObject({
      status: 409,
      json: { errorMessage: "Top level group named 'staff' already exists." },
    });
    expect(await api.call('POST', `/groups/${staff}/children`, { json: { name: 'devs' } })).toMatchObject({
      status: 409,
      json: { errorMessage: "Sibling group named 'devs' already exists." },
    });
  });

  it('answers a group attribute that is not a list with unknown_error', async () => {
    expect((await api.call('POST', '/groups', { json: { name: 'typed', attributes: { a: 'x' } } })).json).toEqual({
      error: 'unknown_error',
      error_description: 'Cannot parse the JSON',
    });
  });

  it('answers 404 "Could not find group by id" on read, update and delete of an unknown id', async () => {
    expect(await api.call('GET', '/groups/nope')).toMatchObject({
      status: 404,
      json: { error: 'Could not find group by id' },
    });
    expect(await api.call('PUT', '/groups/nope', { json: { name: 'x' } })).toMatchObject({
      status: 404,
      json: { error: 'Could not find group by id' },
    });
    expect(await api.call('DELETE', '/groups/nope')).toMatchObject({
      status: 404,
      json: { error: 'Could not find group by id' },
    });
  });

  it('renames a group and replaces its attributes', async () => {
    const id = await api.create('/groups', { name: 'temp', attributes: { a: ['1'] } });
    expect((await api.call('PUT', `/groups/${id}`, { json: { name: 'temp2', attributes: { b: ['2'] } } })).status).toBe(
      204,
    );
    expect((await api.call('GET', `/groups/${id}`)).json).toMatchObject({
      name: 'temp2',
      path: '/temp2',
      attributes: { b: ['2'] },
    });
    expect((await api.call('DELETE', `/groups/${id}`)).status).toBe(204);
    expect((await api.call('DELETE', `/groups/${id}`)).status).toBe(404);
  });

  it('moves a sub-group to the top level with a POST naming its id', async () => {
    const id = await api.create(`/groups/${staff}/children`, { name: 'movers' });
    expect((await api.call('POST', '/groups', { json: { id, name: 'movers' } })).status).toBe(204);
    expect((await api.call('GET', `/groups/${id}`)).json).toMatchObject({ path: '/movers' });
    expect((await api.call('GET', `/groups/${id}`)).json).not.toHaveProperty('parentId');
    await api.call('DELETE', `/groups/${id}`);
  });
});

describe(`group membership (${targetKind})`, () => {
  it('joins a group, listed on the user without subGroupCount and counted', async () => {
    expect((await api.call('PUT', `/users/${userId}/groups/${devs}`)).status).toBe(204);
    expect((await api.call('GET', `/users/${userId}/groups`)).json).toEqual([
      { id: devs, name: 'devs', path: '/staff/devs', parentId: staff, subGroups: [] },
    ]);
    expect((await api.call('GET', `/users/${userId}/groups?briefRepresentation=false`)).json).toEqual([
      {
        id: devs,
        name: 'devs',
        path: '/staff/devs',
        parentId: staff,
        subGroups: [],
        attributes: {},
        realmRoles: [],
        clientRoles: {},
      },
    ]);
    expect((await api.call('GET', `/users/${userId}/groups/count`)).json).toEqual({ count: 1 });
  });

  it("lists a group's members without access, full or brief", async () => {
    const [member] = (await api.call('GET', `/groups/${devs}/members`)).json as Record<string, unknown>[];
    expect(member).toMatchObject({ id: userId, username: 'member', totp: false });
    expect(member).not.toHaveProperty('access');
    expect((await api.call('GET', `/groups/${devs}/members?briefRepresentation=true`)).json).toEqual([
      { id: userId, username: 'member', emailVerified: false, createdTimestamp: expect.any(Number), enabled: true },
    ]);
  });

  it('answers 404 "Group not found" for an unknown group, and leaves a group idempotently', async () => {
    expect(await api.call('PUT', `/users/${userId}/groups/nope`)).toMatchObject({
      status: 404,
      json: { error: 'Group not found' },
    });
    expect((await api.call('DELETE', `/users/${userId}/groups/${devs}`)).status).toBe(204);
    expect((await api.call('DELETE', `/users/${userId}/groups/${devs}`)).status).toBe(204);
    expect((await api.call('GET', `/users/${userId}/groups/count`)).json).toEqual({ count: 0 });
  });

  it('maps realm roles to a group and refuses a body that is not a list of roles', async () => {
    await api.call('POST', '/roles', { json: { name: 'group-role' } });
    const role = (await api.call('GET', '/roles/group-role')).json;
    expect((await api.call('POST', `/groups/${staff}/role-mappings/realm`, { json: [role] })).status).toBe(204);
    const { attributes: _attributes, ...brief } = role as Record<string, unknown>;
    expect((await api.call('GET', `/groups/${staff}/role-mappings`)).json).toEqual({ realmMappings: [brief] });
    expect((await api.call('GET', '/roles/group-role/groups')).json).toEqual([
      { id: staff, name: 'staff', path: '/staff', subGroups: [] },
    ]);
    expect((await api.call('POST', `/groups/${staff}/role-mappings/realm`, { json: ['bad'] })).json).toEqual({
      error: 'unknown_error',
      error_description: 'Cannot parse the JSON',
    });
    expect(await api.call('POST', `/groups/${staff}/role-mappings/realm`, { json: [{ name: 'nope' }] })).toMatchObject({
      status: 404,
      json: { error: 'Role not found' },
    });
  });
});

describe(`python-keycloak group methods through KeycloakAdmin (${targetKind})`, () => {
  it('creates groups and sub-groups, adds and removes members, finds by path and deletes', async () => {
    const admin = api.keycloakAdmin();
    try {
      const top = await admin.createGroup({ name: 'py-top' });
      const sub = await admin.createGroup({ name: 'py-sub' }, top);
      expect((await admin.getGroupByPath('/py-top/py-sub')).id).toBe(sub);
      await admin.groupUserAdd(userId, sub ?? '');
      expect((await admin.getGroupMembers(sub ?? '')).map((u) => u.username)).toEqual(['member']);
      expect((await admin.getUserGroups(userId)).map((g) => g.path)).toEqual(['/py-top/py-sub']);
      await admin.groupUserRemove(userId, sub ?? '');
      expect(await admin.getGroupMembers(sub ?? '')).toEqual([]);
      await admin.deleteGroup(top ?? '');
      await expect(admin.getGroup(top ?? '')).rejects.toMatchObject({ name: 'KeycloakGetError', status: 404 });
    } finally {
      await admin.close();
    }
  });
});
