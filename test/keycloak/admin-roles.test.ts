import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_JSON, byName, namesOf, realmAdmin, type RealmAdmin } from './support/admin-conformance.js';
import { openTarget, targetKind, type KeycloakTarget } from './support/target.js';

type Role = Record<string, unknown> & { id: string; name: string };

let target: KeycloakTarget;
let realm: string;
let api: RealmAdmin;
let realmId: string;
let app: string;
let userId: string;

const role = async (path: string): Promise<Role> => (await api.call('GET', path)).json as Role;
const brief = ({ attributes: _attributes, ...rest }: Role): Record<string, unknown> => rest;

beforeAll(async () => {
  target = await openTarget();
  realm = await target.createRealm('admin-roles');
  api = realmAdmin(target, realm);
  realmId = String(((await api.call('GET', '')).json as { id: string }).id);
  app = await api.create('/clients', { clientId: 'app' });
  userId = await api.create('/users', { username: 'holder', enabled: true });
});
afterAll(() => target.close());

describe(`realm roles (${targetKind})`, () => {
  it('creates a role with 201 and a Location by name, and answers it with attributes', async () => {
    const created = await api.call('POST', '/roles', {
      json: { name: 'editor', description: 'Edits', attributes: { level: ['2'] } },
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`${target.url}/admin/realms/${realm}/roles/editor`);
    const got = await api.call('GET', '/roles/editor');
    expect(got.headers.get('content-type')).toBe(ADMIN_JSON);
    expect(got.json).toEqual({
      id: expect.any(String),
      name: 'editor',
      description: 'Edits',
      composite: false,
      clientRole: false,
      containerId: realmId,
      attributes: { level: ['2'] },
    });
  });

  it("answers 409 for a taken name, and Keycloak's bodies for bad input", async () => {
    expect(await api.call('POST', '/roles', { json: { name: 'editor' } })).toMatchObject({
      status: 409,
      json: { errorMessage: 'Role with name editor already exists' },
    });
    expect((await api.call('POST', '/roles', { json: ['x'] })).json).toEqual({
      error: 'unknown_error',
      error_description: 'Cannot parse the JSON',
    });
    expect((await api.call('POST', '/roles', { json: '{nope' })).json).toEqual({
      error: 'invalid_request',
      error_description: 'Cannot parse the JSON',
    });
  });

  it('answers 404 "Could not find role" for an unknown name, and "Could not find role with id" by id', async () => {
    expect(await api.call('GET', '/roles/nope')).toMatchObject({ status: 404, json: { error: 'Could not find role' } });
    expect(await api.call('PUT', '/roles/nope', { json: { name: 'nope' } })).toMatchObject({
      status: 404,
      json: { error: 'Could not find role' },
    });
    expect(await api.call('GET', '/roles-by-id/nope')).toMatchObject({
      status: 404,
      json: { error: 'Could not find role with id' },
    });
  });

  it("lists the realm's roles briefly, fully on request", async () => {
    const listed = (await api.call('GET', '/roles')).json as Role[];
    expect(namesOf(listed)).toEqual([`default-roles-${realm}`, 'editor', 'offline_access', 'uma_authorization']);
    expect(listed.every((r) => !('attributes' in r))).toBe(true);
    expect(
      ((await api.call('GET', '/roles?briefRepresentation=false')).json as Role[]).find((r) => r.name === 'editor'),
    ).toMatchObject({ attributes: { level: ['2'] } });
  });

  it('searches roles by name or description', async () => {
    expect(namesOf((await api.call('GET', '/roles?search=edits')).json)).toEqual(['editor']);
    expect(namesOf((await api.call('GET', '/roles?search=OFFLINE')).json)).toEqual(['offline_access']);
  });

  it('updates a role by name and by id', async () => {
    const { id } = await role('/roles/editor');
    expect((await api.call('PUT', '/roles/editor', { json: { name: 'editor', description: 'Writes' } })).status).toBe(
      204,
    );
    expect(await role(`/roles-by-id/${id}`)).toMatchObject({ description: 'Writes' });
    expect(
      (await api.call('PUT', `/roles-by-id/${id}`, { json: { name: 'editor', description: 'Reviews' } })).status,
    ).toBe(204);
    expect(await role('/roles/editor')).toMatchObject({ description: 'Reviews' });
  });

  it('deletes a role by id, after which its name is not found', async () => {
    await api.create('/roles', { name: 'short-lived' });
    const { id } = await role('/roles/short-lived');
    expect((await api.call('DELETE', `/roles-by-id/${id}`)).status).toBe(204);
    expect(await api.call('DELETE', '/roles/short-lived')).toMatchObject({
      status: 404,
      json: { error: 'Could not find role' },
    });
  });
});

describe(`composite roles (${targetKind})`, () => {
  it('adds composites named by id, which makes the role composite and lists them by level', async () => {
    await api.create('/roles', { name: 'reader' });
    await api.create('/roles', { name: 'lead' });
    expect(await api.call('POST', '/roles/lead/composites', { json: [{ name: 'reader' }] })).toMatchObject({
      status: 404,
      json: { error: 'Could not find composite role' },
    });
    expect((await api.call('POST', '/roles/lead/composites', { json: [await role('/roles/reader')] })).status).toBe(
      204,
    );
    expect(await role('/roles/lead')).toMatchObject({ composite: true });
    expect(namesOf((await api.call('GET', '/roles/lead/composites')).json)).toEqual(['reader']);
    expect(namesOf((await api.call('GET', '/roles/lead/composites/realm')).json)).toEqual(['reader']);
    const { id } = await role('/roles/lead');
    expect(namesOf((await api.call('GET', `/roles-by-id/${id}/composites`)).json)).toEqual(['reader']);
  });

  it('answers 404 for a composite that does not exist, and unknown_error for a lone object', async () => {
    expect(await api.call('POST', '/roles/lead/composites', { json: [{ id: 'nope' }] })).toMatchObject({
      status: 404,
      json: { error: 'Could not find composite role' },
    });
    expect((await api.call('POST', '/roles/lead/composites', { json: { name: 'reader' } })).json).toEqual({
      error: 'unknown_error',
      error_description: 'Cannot parse the JSON',
    });
  });

  it('adds a client role to a realm role and lists it under the client', async () => {
    await api.create(`/clients/${app}/roles`, { name: 'app-admin' });
    const appAdmin = await role(`/clients/${app}/roles/app-admin`);
    expect((await api.call('POST', '/roles/lead/composites', { json: [appAdmin] })).status).toBe(204);
    expect(namesOf((await api.call('GET', `/roles/lead/composites/clients/${app}`)).json)).toEqual(['app-admin']);
    expect((await api.call('DELETE', '/roles/lead/composites', { json: [appAdmin] })).status).toBe(204);
    expect((await api.call('GET', `/roles/lead/composites/clients/${app}`)).json).toEqual([]);
  });
});

describe(`client roles (${targetKind})`, () => {
  it('creates, reads, lists and deletes a client role', async () => {
    const created = await api.call('POST', `/clients/${app}/roles`, { json: { name: 'viewer', description: 'Views' } });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`${target.url}/admin/realms/${realm}/clients/${app}/roles/viewer`);
    expect(await role(`/clients/${app}/roles/viewer`)).toEqual({
      id: expect.any(String),
      name: 'viewer',
      description: 'Views',
      composite: false,
      clientRole: true,
      containerId: app,
      attributes: {},
    });
    expect(namesOf((await api.call('GET', `/clients/${app}/roles`)).json)).toEqual(['app-admin', 'viewer']);
    expect((await api.call('DELETE', `/clients/${app}/roles/viewer`)).status).toBe(204);
    expect(await api.call('GET', `/clients/${app}/roles/viewer`)).toMatchObject({
      status: 404,
      json: { error: 'Could not find role' },
    });
  });

  it('answers 409 for a taken client role name and 404 for an unknown client', async () => {
    expect(await api.call('POST', `/clients/${app}/roles`, { json: { name: 'app-admin' } })).toMatchObject({
      status: 409,
      json: { errorMessage: 'Role with name app-admin already exists' },
    });
    expect(await api.call('GET', '/clients/nope/roles')).toMatchObject({
      status: 404,
      json: { error: 'Could not find client' },
    });
  });
});

describe(`role mappings of a user (${targetKind})`, () => {
  it('starts with the realm default role, and offers the others as available', async () => {
    const defaults = await role(`/roles/default-roles-${realm}`);
    expect((await api.call('GET', `/users/${userId}/role-mappings`)).json).toEqual({
      realmMappings: [brief(defaults)],
    });
    expect(namesOf((await api.call('GET', `/users/${userId}/role-mappings/realm/composite`)).json)).toEqual([
      `default-roles-${realm}`,
      'offline_access',
      'uma_authorization',
    ]);
    expect(namesOf((await api.call('GET', `/users/${userId}/role-mappings/realm/available`)).json)).toEqual([
      'editor',
      'lead',
      'offline_access',
      'reader',
      'uma_authorization',
    ]);
  });

  it("maps and unmaps realm roles, and lists the role's users with the listing access", async () => {
    const editor = await role('/roles/editor');
    expect((await api.call('POST', `/users/${userId}/role-mappings/realm`, { json: [editor] })).status).toBe(204);
    expect(namesOf((await api.call('GET', `/users/${userId}/role-mappings/realm`)).json)).toEqual([
      `default-roles-${realm}`,
      'editor',
    ]);
    const [holder] = (await api.call('GET', '/roles/editor/users')).json as Record<string, unknown>[];
    expect(holder).toMatchObject({ id: userId, username: 'holder', access: { manage: true } });
    expect((await api.call('DELETE', `/users/${userId}/role-mappings/realm`, { json: [editor] })).status).toBe(204);
    expect((await api.call('GET', '/roles/editor/users')).json).toEqual([]);
  });

  it('maps client roles, shown per client in the mapping summary', async () => {
    const appAdmin = await role(`/clients/${app}/roles/app-admin`);
    expect((await api.call('POST', `/users/${userId}/role-mappings/clients/${app}`, { json: [appAdmin] })).status).toBe(
      204,
    );
    expect(
      ((await api.call('GET', `/users/${userId}/role-mappings`)).json as { clientMappings: unknown }).clientMappings,
    ).toEqual({ app: { id: app, client: 'app', mappings: [brief(appAdmin)] } });
    expect((await api.call('GET', `/users/${userId}/role-mappings/clients/${app}/composite`)).json).toEqual([
      brief(appAdmin),
    ]);
    expect((await api.call('GET', `/users/${userId}/role-mappings/clients/${app}/available`)).json).toEqual([]);
    expect(
      (await api.call('DELETE', `/users/${userId}/role-mappings/clients/${app}`, { json: [appAdmin] })).status,
    ).toBe(204);
  });

  it('answers a body that is not a list of roles with unknown_error, an unknown role with 404', async () => {
    for (const json of [['bad'], { name: 'editor' }]) {
      expect((await api.call('POST', `/users/${userId}/role-mappings/realm`, { json })).json).toEqual({
        error: 'unknown_error',
        error_description: 'Cannot parse the JSON',
      });
    }
    expect(await api.call('POST', `/users/${userId}/role-mappings/realm`, { json: [{ name: 'nope' }] })).toMatchObject({
      status: 404,
      json: { error: 'Role not found' },
    });
  });
});

describe(`scope mappings (${targetKind})`, () => {
  it("holds every role in a full-scope client's composite scope", async () => {
    const all = namesOf((await api.call('GET', '/roles')).json);
    expect(namesOf((await api.call('GET', `/clients/${app}/scope-mappings/realm/composite`)).json)).toEqual(all);
    expect((await api.call('GET', `/clients/${app}/scope-mappings`)).json).toEqual({});
  });

  it("maps realm and client roles into a client's scope and removes them", async () => {
    const editor = await role('/roles/editor');
    const appAdmin = await role(`/clients/${app}/roles/app-admin`);
    expect((await api.call('POST', `/clients/${app}/scope-mappings/realm`, { json: [editor] })).status).toBe(204);
    expect((await api.call('POST', `/clients/${app}/scope-mappings/clients/${app}`, { json: [appAdmin] })).status).toBe(
      204,
    );
    expect((await api.call('GET', `/clients/${app}/scope-mappings`)).json).toEqual({
      realmMappings: [brief(editor)],
      clientMappings: { app: { id: app, client: 'app', mappings: [brief(appAdmin)] } },
    });
    expect(namesOf((await api.call('GET', `/clients/${app}/scope-mappings/realm/available`)).json)).not.toContain(
      'editor',
    );
    expect((await api.call('POST', `/clients/${app}/scope-mappings/realm`, { json: ['bad'] })).json).toEqual({
      error: 'unknown_error',
      error_description: 'Cannot parse the JSON',
    });
    expect((await api.call('DELETE', `/clients/${app}/scope-mappings/realm`, { json: [editor] })).status).toBe(204);
    expect((await api.call('GET', `/clients/${app}/scope-mappings/realm`)).json).toEqual([]);
  });

  it("maps realm roles into a client scope's scope", async () => {
    const scope = await api.create('/client-scopes', { name: 'mapped-scope', protocol: 'openid-connect' });
    const editor = await role('/roles/editor');
    expect((await api.call('POST', `/client-scopes/${scope}/scope-mappings/realm`, { json: [editor] })).status).toBe(
      204,
    );
    expect((await api.call('GET', `/client-scopes/${scope}/scope-mappings`)).json).toEqual({
      realmMappings: [brief(editor)],
    });
    expect((await api.call('GET', `/client-scopes/${scope}/scope-mappings/realm/composite`)).json).toEqual([
      brief(editor),
    ]);
  });
});

describe(`python-keycloak role methods through KeycloakAdmin (${targetKind})`, () => {
  it('creates, reads, updates and deletes realm and client roles, and assigns them to a user', async () => {
    const admin = api.keycloakAdmin();
    try {
      expect(await admin.createRealmRole({ name: 'py-role', description: 'py' })).toBe('py-role');
      expect(await admin.getRealmRole('py-role')).toMatchObject({
        name: 'py-role',
        description: 'py',
        clientRole: false,
      });
      await admin.updateRealmRole('py-role', { name: 'py-role', description: 'py2' });
      const pyRole = await admin.getRealmRole('py-role');
      expect(pyRole.description).toBe('py2');
      await admin.assignRealmRoles(userId, [pyRole]);
      expect((await admin.getRealmRolesOfUser(userId)).map((r) => r.name).sort()).toEqual([
        `default-roles-${realm}`,
        'py-role',
      ]);
      expect((await admin.getRealmRoleMembers('py-role')).map((u) => u.username)).toEqual(['holder']);
      const appUuid = (await admin.getClientId('app')) ?? '';
      expect(await admin.createClientRole(appUuid, { name: 'py-client-role' })).toBe('py-client-role');
      await admin.assignClientRole(userId, appUuid, [await admin.getClientRole(appUuid, 'py-client-role')]);
      expect((await admin.getClientRolesOfUser(userId, appUuid)).map((r) => r.name)).toEqual(['py-client-role']);
      expect(byName(await admin.getClientRoles(appUuid)).map((r) => r.name)).toEqual(['app-admin', 'py-client-role']);
      await admin.deleteRealmRole('py-role');
      await expect(admin.getRealmRole('py-role')).rejects.toMatchObject({ name: 'KeycloakGetError', status: 404 });
    } finally {
      await admin.close();
    }
  });
});
