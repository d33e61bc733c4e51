import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKeycloak, type KeycloakTestServer, type RealmRepresentation } from '@keycloak-ts/testing';
import { postForm } from '../../support.js';
import { addAdminUser, adminCall, tokenFor } from '../admin-support.js';

const realm: RealmRepresentation = {
  realm: 'grp',
  enabled: true,
  roles: { realm: [{ name: 'editor' }] },
  groups: [
    {
      name: 'staff',
      attributes: { site: ['paris'] },
      realmRoles: ['editor'],
      subGroups: [{ name: 'readers' }, { name: 'writers', subGroups: [{ name: 'night' }] }],
    },
    { name: 'guests' },
  ],
  users: [
    {
      username: 'alice',
      enabled: true,
      credentials: [{ type: 'password', value: 'wonder' }],
      groups: ['/staff/readers'],
    },
    { username: 'bob', enabled: true, credentials: [{ type: 'password', value: 'builder' }] },
  ],
  clients: [
    {
      clientId: 'app',
      secret: 'app-secret',
      directAccessGrantsEnabled: true,
      protocolMappers: [
        {
          name: 'groups',
          protocol: 'openid-connect',
          protocolMapper: 'oidc-group-membership-mapper',
          config: { 'full.path': 'true', 'claim.name': 'groups', 'access.token.claim': 'true' },
        },
      ],
    },
  ],
};

let kc: KeycloakTestServer;
let token: string;
type Json = Record<string, unknown>;

const call = (method: string, path: string, body?: unknown, as = token) =>
  adminCall(kc, method, `/grp${path}`, as, body);
const idOf = (location: string | null): string => location?.split('/').pop() ?? '';
const groupId = (path: string): string => {
  const find = (groups: { id: string; name: string; subGroups: unknown[] }[], rest: string[]): string => {
    const g = groups.find((x) => x.name === rest[0]);
    if (!g) throw new Error(`no group ${path}`);
    return rest.length === 1 ? g.id : find(g.subGroups as typeof groups, rest.slice(1));
  };
  return find(kc.model.realm('grp')?.groups ?? [], path.split('/').filter(Boolean));
};
const userId = (username: string): string =>
  [...(kc.model.realm('grp')?.users.values() ?? [])].find((u) => u.username === username)?.id ?? '';

async function accessToken(username: string, password: string): Promise<Json> {
  const { body } = await postForm(`${kc.url}/realms/grp/protocol/openid-connect/token`, {
    grant_type: 'password',
    client_id: 'app',
    client_secret: 'app-secret',
    username,
    password,
  });
  return JSON.parse(
    Buffer.from(String(body['access_token']).split('.')[1] ?? '', 'base64url').toString('utf8'),
  ) as Json;
}

beforeAll(async () => {
  kc = await startKeycloak({ realms: [realm] });
  token = await tokenFor(kc, 'master', 'admin', 'admin');
});
afterAll(() => kc.close());

describe('listing and counting groups', () => {
  it('lists top-level groups by name, brief, with subGroupCount, empty subGroups and access', async () => {
    const { status, body } = await call('GET', '/groups');
    expect(status).toBe(200);
    const access = { view: true, viewMembers: true, manage: true, manageMembership: true, manageMembers: true };
    expect(body).toEqual([
      { id: groupId('/guests'), name: 'guests', path: '/guests', subGroupCount: 0, subGroups: [], access },
      { id: groupId('/staff'), name: 'staff', path: '/staff', subGroupCount: 2, subGroups: [], access },
    ]);
  });

  it('adds attributes and role names when briefRepresentation is false', async () => {
    const { body } = await call('GET', '/groups?briefRepresentation=false&max=1&first=1');
    expect(body).toEqual([
      expect.objectContaining({
        name: 'staff',
        attributes: { site: ['paris'] },
        realmRoles: ['editor'],
        clientRoles: {},
      }),
    ]);
  });

  it('answers a search with the matches hung under their ancestors', async () => {
    const { body } = await call('GET', '/groups?search=NIG');
    expect(body).toEqual([
      expect.objectContaining({
        name: 'staff',
        subGroups: [
          expect.objectContaining({
            name: 'writers',
            parentId: groupId('/staff'),
            subGroups: [expect.objectContaining({ name: 'night', path: '/staff/writers/night', subGroups: [] })],
          }),
        ],
      }),
    ]);
    const flat = await call('GET', '/groups?search=night&populateHierarchy=false');
    expect((flat.body as Json[]).map((g) => g['path'])).toEqual(['/staff/writers/night']);
  });

  it('filters by attributes with q and by whole names with exact', async () => {
    expect(((await call('GET', '/groups?q=site:paris')).body as Json[]).map((g) => g['name'])).toEqual(['staff']);
    expect((await call('GET', '/groups?search=read&exact=true')).body).toEqual([]);
  });

  it('counts every group, the top-level ones, or the matches of a search', async () => {
    expect((await call('GET', '/groups/count')).body).toEqual({ count: 5 });
    expect((await call('GET', '/groups/count?top=true')).body).toEqual({ count: 2 });
    expect((await call('GET', '/groups/count?search=ers')).body).toEqual({ count: 2 });
  });
});

describe('one group', () => {
  it('answers the full group with access rights by id, without them by path', async () => {
    const byId = await call('GET', `/groups/${groupId('/staff/writers')}`);
    expect(byId.body).toEqual({
      id: groupId('/staff/writers'),
      name: 'writers',
      path: '/staff/writers',
      parentId: groupId('/staff'),
      subGroupCount: 1,
      subGroups: [],
      attributes: {},
      realmRoles: [],
      clientRoles: {},
      access: { view: true, viewMembers: true, manage: true, manageMembership: true, manageMembers: true },
    });
    const { access: _access, ...plain } = byId.body as Record<string, unknown>;
    expect((await call('GET', '/group-by-path/staff/writers')).body).toEqual(plain);
  });

  it("answers Keycloak's 404 bodies for an unknown id or path", async () => {
    expect(await call('GET', '/groups/nope')).toMatchObject({
      status: 404,
      body: { error: 'Could not find group by id' },
    });
    expect(await call('GET', '/group-by-path/staff/nope')).toMatchObject({
      status: 404,
      body: { error: 'Group path does not exist' },
    });
  });

  it('lists children (full by default) and direct members', async () => {
    const children = await call('GET', `/groups/${groupId('/staff')}/children?briefRepresentation=true`);
    expect((children.body as Json[]).map((g) => [g['name'], g['attributes']])).toEqual([
      ['readers', undefined],
      ['writers', undefined],
    ]);
    const members = await call('GET', `/groups/${groupId('/staff/readers')}/members?briefRepresentation=true`);
    expect((members.body as Json[]).map((u) => u['username'])).toEqual(['alice']);
    expect((await call('GET', `/groups/${groupId('/staff')}/members`)).body).toEqual([]);
  });

  it('answers 501 "Feature not enabled" for fine-grained permissions, as Keycloak 26 by default', async () => {
    const id = groupId('/guests');
    expect(await call('GET', `/groups/${id}/management/permissions`)).toMatchObject({
      status: 501,
      body: { error: 'Feature not enabled' },
    });
    expect(await call('PUT', `/groups/${id}/management/permissions`, { enabled: true })).toMatchObject({
      status: 501,
      body: { error: 'Feature not enabled' },
    });
  });
});

describe('writing groups', () => {
  it("creates top-level and child groups with a Location, and refuses a sibling's name with 409", async () => {
    const top = await call('POST', '/groups', { name: 'ops', attributes: { tier: ['1'] }, description: 'Operations' });
    expect(top.status).toBe(201);
    expect(top.headers.get('location')).toBe(`${kc.url}/admin/realms/grp/groups/${idOf(top.headers.get('location'))}`);
    const child = await call('POST', `/groups/${idOf(top.headers.get('location'))}/children`, { name: 'oncall' });
    expect(child.status).toBe(201);
    expect(child.body).toMatchObject({
      name: 'oncall',
      path: '/ops/oncall',
      parentId: idOf(top.headers.get('location')),
    });
    expect(await call('POST', '/groups', { name: 'ops' })).toMatchObject({
      status: 409,
      body: { errorMessage: "Top level group named 'ops' already exists." },
    });
    expect(
      await call('POST', `/groups/${idOf(top.headers.get('location'))}/children`, { name: 'oncall' }),
    ).toMatchObject({ status: 409, body: { errorMessage: "Sibling group named 'oncall' already exists." } });
    expect((await call('GET', `/groups/${idOf(top.headers.get('location'))}`)).body).toMatchObject({
      description: 'Operations',
      attributes: { tier: ['1'] },
    });
  });

  it("refuses a missing name, an unknown field and a malformed body with Keycloak's 400 bodies", async () => {
    expect(await call('POST', '/groups', { name: ' ' })).toMatchObject({
      status: 400,
      body: { errorMessage: 'Group name is missing' },
    });
    expect(await call('POST', '/groups', { name: 'x', colour: 'red' })).toMatchObject({
      status: 400,
      body: {
        error: expect.stringMatching(
          /^Invalid json representation for GroupRepresentation\. Unrecognized field "colour" at line 1 column \d+\.$/,
        ),
      },
    });
    expect(await call('POST', '/groups', { name: 'x', attributes: { a: 'not-a-list' } })).toMatchObject({
      status: 400,
      body: { error: 'unknown_error', error_description: 'Cannot parse the JSON' },
    });
    expect(await call('POST', '/groups', '{')).toMatchObject({
      status: 400,
      body: { error_description: 'Cannot parse the JSON' },
    });
  });

  it("renames a group (its path follows), refusing another id or a sibling's name", async () => {
    const id = idOf((await call('POST', '/groups', { name: 'tmp' })).headers.get('location'));
    expect((await call('PUT', `/groups/${id}`, { name: 'temp', attributes: { k: ['v'] } })).status).toBe(204);
    expect((await call('GET', `/groups/${id}`)).body).toMatchObject({
      name: 'temp',
      path: '/temp',
      attributes: { k: ['v'] },
    });
    expect(await call('PUT', `/groups/${id}`, { name: 'temp', id: 'other' })).toMatchObject({
      status: 400,
      body: { errorMessage: 'Invalid group id' },
    });
    expect(await call('PUT', `/groups/${id}`, { name: 'guests' })).toMatchObject({
      status: 409,
      body: { errorMessage: "Sibling group named 'guests' already exists." },
    });
  });

  it('moves a group under another by posting its id, and refuses a move into its own subtree', async () => {
    const a = idOf((await call('POST', '/groups', { name: 'a' })).headers.get('location'));
    const b = idOf((await call('POST', '/groups', { name: 'b' })).headers.get('location'));
    expect((await call('POST', `/groups/${a}/children`, { id: b, name: 'b' })).status).toBe(204);
    expect((await call('GET', `/groups/${b}`)).body).toMatchObject({ path: '/a/b', parentId: a });
    expect((await call('POST', `/groups/${b}/children`, { id: a, name: 'a' })).status).toBe(400);
    expect((await call('POST', '/groups', { id: b, name: 'b' })).status).toBe(204);
    expect((await call('GET', `/groups/${b}`)).body).toMatchObject({ path: '/b' });
  });

  it('deletes a group with its subtree and the memberships in it', async () => {
    const top = idOf((await call('POST', '/groups', { name: 'doomed' })).headers.get('location'));
    const child = idOf((await call('POST', `/groups/${top}/children`, { name: 'inner' })).headers.get('location'));
    await call('PUT', `/users/${userId('bob')}/groups/${child}`);
    expect((await call('DELETE', `/groups/${top}`)).status).toBe(204);
    expect((await call('GET', `/groups/${child}`)).status).toBe(404);
    expect((await call('GET', `/users/${userId('bob')}/groups`)).body).toEqual([]);
  });
});

describe('group membership', () => {
  it('joins and leaves groups, lists and counts them, and answers 404 "Group not found"', async () => {
    const bob = userId('bob');
    expect((await call('PUT', `/users/${bob}/groups/${groupId('/guests')}`)).status).toBe(204);
    expect((await call('PUT', `/users/${bob}/groups/${groupId('/guests')}`)).status).toBe(204);
    const listed = await call('GET', `/users/${bob}/groups`);
    expect(listed.body).toEqual([{ id: groupId('/guests'), name: 'guests', path: '/guests', subGroups: [] }]);
    expect((await call('GET', `/users/${bob}/groups/count`)).body).toEqual({ count: 1 });
    expect(await call('PUT', `/users/${bob}/groups/nope`)).toMatchObject({
      status: 404,
      body: { error: 'Group not found' },
    });
    expect((await call('DELETE', `/users/${bob}/groups/${groupId('/guests')}`)).status).toBe(204);
    expect((await call('GET', `/users/${bob}/groups/count`)).body).toEqual({ count: 0 });
  });

  it("puts memberships and the groups' roles into newly issued tokens", async () => {
    const before = await accessToken('bob', 'builder');
    expect(before['groups']).toBeUndefined();
    await call('PUT', `/users/${userId('bob')}/groups/${groupId('/staff/writers')}`);
    const after = await accessToken('bob', 'builder');
    expect(after['groups']).toEqual(['/staff/writers']);
    expect((after['realm_access'] as { roles: string[] }).roles).toContain('editor');
  });
});

describe('permissions', () => {
  beforeAll(() => {
    addAdminUser(kc, 'grp', 'querier', 'pw', 'realm-management', ['query-groups']);
    addAdminUser(kc, 'grp', 'viewer', 'pw', 'realm-management', ['view-users']);
  });

  it('answers 401 without a token', async () => {
    expect((await adminCall(kc, 'GET', '/grp/groups')).status).toBe(401);
  });

  it('lets query-groups list but not read, and view-users read but not write', async () => {
    const querier = await tokenFor(kc, 'grp', 'querier', 'pw');
    const viewer = await tokenFor(kc, 'grp', 'viewer', 'pw');
    expect((await call('GET', '/groups', undefined, querier)).status).toBe(200);
    expect(await call('GET', `/groups/${groupId('/guests')}`, undefined, querier)).toMatchObject({
      status: 403,
      body: { error: 'HTTP 403 Forbidden' },
    });
    expect((await call('GET', `/groups/${groupId('/guests')}`, undefined, viewer)).body).toMatchObject({
      access: { view: true, manage: false },
    });
    expect((await call('POST', '/groups', { name: 'nope' }, viewer)).status).toBe(403);
    expect(
      (await call('PUT', `/users/${userId('alice')}/groups/${groupId('/guests')}`, undefined, viewer)).status,
    ).toBe(403);
  });
});
