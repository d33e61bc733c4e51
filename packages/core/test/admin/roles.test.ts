import {
  KeycloakDeleteError,
  KeycloakGetError,
  KeycloakOperationError,
  KeycloakPostError,
  KeycloakPutError,
} from '@keycloak-ts/core';
import { describe, expect, it } from 'vitest';
import { idsOf, rolesRealm } from './role-support.js';
import { rejectionOf, useAdminServer } from './support.js';

const kc = useAdminServer([rolesRealm]);
const shop = () => kc.admin({ realmName: 'shop', userRealmName: 'master' });
const names = (roles: { name?: string }[]) => roles.map((r) => r.name);

describe('KeycloakAdmin realm role methods', () => {
  it('creates a realm role and resolves to its name, then reads it by name and by id', async () => {
    const admin = shop();
    await expect(admin.createRealmRole({ name: 'clerk', description: 'sells' })).resolves.toBe('clerk');
    const role = await admin.getRealmRole('clerk');
    expect(role).toMatchObject({
      name: 'clerk',
      description: 'sells',
      composite: false,
      clientRole: false,
      attributes: {},
    });
    await expect(admin.getRealmRoleById(String(role.id))).resolves.toEqual(role);
    await expect(admin.getRoleById(String(role.id))).resolves.toEqual(role);
  });

  it('fails a duplicate with KeycloakPostError 409, and resolves to the name with skipExists', async () => {
    const admin = shop();
    await admin.createRealmRole({ name: 'twice' });
    const error = await rejectionOf(admin.createRealmRole({ name: 'twice' }));
    expect(error).toBeInstanceOf(KeycloakPostError);
    expect(error).toMatchObject({
      code: 'ERR_HTTP',
      status: 409,
      body: { errorMessage: 'Role with name twice already exists' },
    });
    await expect(admin.createRealmRole({ name: 'twice' }, { skipExists: true })).resolves.toBe('twice');
  });

  it('lists realm roles with every page, a search text and a single page with first/max', async () => {
    const admin = shop();
    const all = await admin.getRealmRoles();
    expect(names(all)).toEqual(
      expect.arrayContaining(['boss', 'default-roles-shop', 'offline_access', 'uma_authorization', 'user']),
    );
    expect(all[0]).not.toHaveProperty('attributes');
    expect(names(await admin.getRealmRoles({ searchText: 'BOS' }))).toEqual(['boss']);
    expect(await admin.getRealmRoles({ first: 0, max: 2 })).toHaveLength(2);
    expect((await admin.getRealmRoles({ briefRepresentation: false }))[0]).toHaveProperty('attributes');
    const iterated: string[] = [];
    for await (const role of admin.iterateRealmRoles({ pageSize: 2 })) iterated.push(String(role.name));
    expect(iterated).toEqual(names(all));
  });

  it("fails an unknown role with KeycloakGetError 404 and Keycloak's message", async () => {
    const error = await rejectionOf(shop().getRealmRole('ghost'));
    expect(error).toBeInstanceOf(KeycloakGetError);
    expect(error).toMatchObject({ status: 404, body: { error: 'Could not find role' } });
  });

  it('updates and deletes a role by name and by id', async () => {
    const admin = shop();
    await admin.createRealmRole({ name: 'short-lived' });
    await admin.updateRealmRole('short-lived', { name: 'short-lived', description: 'soon gone' });
    const role = await admin.getRealmRole('short-lived');
    expect(role.description).toBe('soon gone');
    await admin.updateRoleById(String(role.id), { name: 'renamed' });
    await expect(admin.getRealmRole('renamed')).resolves.toMatchObject({ id: role.id });
    await admin.deleteRealmRole('renamed');
    await expect(rejectionOf(admin.deleteRealmRole('renamed'))).resolves.toBeInstanceOf(KeycloakDeleteError);
    await admin.createRealmRole({ name: 'by-id' });
    await admin.deleteRoleById(String((await admin.getRealmRole('by-id')).id));
    await expect(rejectionOf(admin.getRealmRole('by-id'))).resolves.toMatchObject({ status: 404 });
  });

  it('fails an update without a name with KeycloakPutError 400', async () => {
    const error = await rejectionOf(shop().updateRealmRole('user', { description: 'x' }));
    expect(error).toBeInstanceOf(KeycloakPutError);
    expect(error).toMatchObject({ status: 400, body: { error: 'HTTP 400 Bad Request' } });
  });

  it('adds, lists and removes composites of a realm role, one role or a list', async () => {
    const admin = shop();
    const ids = idsOf(kc.server);
    await admin.createRealmRole({ name: 'lead' });
    const user = await admin.getRealmRole('user');
    const reader = await admin.getClientRole(ids.client('api'), 'reader');
    await admin.addCompositeRealmRolesToRole('lead', user);
    await admin.addCompositeRealmRolesToRole('lead', [reader]);
    expect(names(await admin.getCompositeRealmRolesOfRole('lead'))).toEqual(['user', 'reader']);
    const leadId = String((await admin.getRealmRole('lead')).id);
    expect(names(await admin.getRoleCompositesById(leadId))).toEqual(['user', 'reader']);
    expect(names(await admin.getRoleCompositesById(leadId, { first: 1, max: 1 }))).toEqual(['reader']);
    const iterated: string[] = [];
    for await (const role of admin.iterateRoleCompositesById(leadId, { pageSize: 1 })) iterated.push(String(role.name));
    expect(iterated).toEqual(['user', 'reader']);
    expect(names(await admin.getRoleClientLevelChildren(ids.client('api'), leadId))).toEqual(['reader']);
    await admin.removeCompositeRealmRolesToRole('lead', [reader]);
    expect(names(await admin.getCompositeRealmRolesOfRole('lead'))).toEqual(['user']);
  });

  it('fails a composite without a known id with KeycloakPostError 404', async () => {
    const error = await rejectionOf(shop().addCompositeRealmRolesToRole('boss', { name: 'user' }));
    expect(error).toMatchObject({
      name: 'KeycloakPostError',
      status: 404,
      body: { error: 'Could not find composite role' },
    });
  });

  it('lists the users and groups holding a realm role', async () => {
    const admin = shop();
    expect((await admin.getRealmRoleMembers('user')).map((u) => u.username)).toEqual(['bob']);
    const members: string[] = [];
    for await (const user of admin.iterateRealmRoleMembers('user')) members.push(String(user.username));
    expect(members).toEqual(['bob']);
    expect(await admin.getRealmRoleGroups('boss')).toEqual([
      expect.objectContaining({ name: 'staff', path: '/staff' }),
    ]);
    expect(await admin.getRealmRoleGroups('boss', { first: 0, max: 10 }, { briefRepresentation: false })).toEqual([
      expect.objectContaining({ realmRoles: ['boss'] }),
    ]);
    const groups: string[] = [];
    for await (const group of admin.iterateRealmRoleGroups('boss')) groups.push(String(group.path));
    expect(groups).toEqual(['/staff']);
  });

  it('reads, adds and removes the realm default roles', async () => {
    const admin = shop();
    const defaultId = await admin.getDefaultRealmRoleId();
    expect(defaultId).toBe(kc.server.model.realm('shop')?.defaultRole.id);
    expect(names(await admin.getRealmDefaultRoles())).toEqual(['offline_access', 'uma_authorization']);
    const user = await admin.getRealmRole('user');
    await admin.addRealmDefaultRoles([user]);
    expect(names(await admin.getRealmDefaultRoles())).toContain('user');
    await admin.removeRealmDefaultRoles([user]);
    expect(names(await admin.getRealmDefaultRoles())).not.toContain('user');
  });

  it('fails getDefaultRealmRoleId with ERR_OPERATION when the realm has no default role by that name', async () => {
    const admin = shop();
    const realm = kc.server.model.realm('shop');
    const role = realm?.defaultRole;
    if (!realm || !role) throw new Error('no default role');
    realm.roles.delete(role.name);
    try {
      const error = await rejectionOf(admin.getDefaultRealmRoleId());
      expect(error).toBeInstanceOf(KeycloakOperationError);
      expect(error).toMatchObject({ code: 'ERR_OPERATION' });
    } finally {
      realm.roles.set(role.name, role);
    }
  });
});

describe('KeycloakAdmin client role methods', () => {
  it("creates, reads, updates and deletes a client role by the client's internal id", async () => {
    const admin = shop();
    const api = idsOf(kc.server).client('api');
    await expect(admin.createClientRole(api, { name: 'admin' })).resolves.toBe('admin');
    await expect(admin.createClientRole(api, { name: 'admin' }, { skipExists: true })).resolves.toBe('admin');
    const role = await admin.getClientRole(api, 'admin');
    expect(role).toMatchObject({ name: 'admin', clientRole: true, containerId: api });
    await expect(admin.getClientRoleId(api, 'admin')).resolves.toBe(role.id);
    await admin.updateClientRole(api, 'admin', { name: 'admin', description: 'all powers' });
    expect((await admin.getClientRole(api, 'admin')).description).toBe('all powers');
    expect(names(await admin.getClientRoles(api))).toEqual(['admin', 'reader', 'writer']);
    await admin.deleteClientRole(api, 'admin');
    await expect(rejectionOf(admin.getClientRoleId(api, 'admin'))).resolves.toMatchObject({
      name: 'KeycloakGetError',
      status: 404,
    });
  });

  it('fails an unknown client with KeycloakGetError 404 "Could not find client"', async () => {
    await expect(rejectionOf(shop().getClientRoles('nope'))).resolves.toMatchObject({
      name: 'KeycloakGetError',
      status: 404,
      body: { error: 'Could not find client' },
    });
  });

  it('manages composites of a client role and lists its holders', async () => {
    const admin = shop();
    const api = idsOf(kc.server).client('api');
    const reader = await admin.getClientRole(api, 'reader');
    await admin.addCompositeClientRolesToRole(api, 'writer', reader);
    expect(names(await admin.getCompositeClientRolesOfRole(api, 'writer'))).toEqual(['reader']);
    await admin.removeCompositeClientRolesFromRole(api, 'writer', [reader]);
    expect(await admin.getCompositeClientRolesOfRole(api, 'writer')).toEqual([]);
    expect((await admin.getClientRoleGroups(api, 'reader')).map((g) => g.path)).toEqual(['/staff/readers']);
    const groups: string[] = [];
    for await (const group of admin.iterateClientRoleGroups(api, 'reader')) groups.push(String(group.name));
    expect(groups).toEqual(['readers']);
    const bob = idsOf(kc.server).user('bob');
    await admin.assignClientRole(bob, api, reader);
    expect(
      (await admin.getClientRoleMembers(api, 'reader', { briefRepresentation: true })).map((u) => u.username),
    ).toEqual(['bob']);
    const members: string[] = [];
    for await (const user of admin.iterateClientRoleMembers(api, 'reader')) members.push(String(user.username));
    expect(members).toEqual(['bob']);
  });
});
