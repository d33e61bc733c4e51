import { KeycloakDeleteError, KeycloakGetError, KeycloakPostError } from '@keycloak-ts/core';
import { describe, expect, it } from 'vitest';
import { idsOf, rolesRealm } from './role-support.js';
import { rejectionOf, useAdminServer } from './support.js';

const kc = useAdminServer([rolesRealm]);
const shop = () => kc.admin({ realmName: 'shop', userRealmName: 'master' });
const names = (roles: { name?: string }[]) => roles.map((r) => r.name);

async function realmRolesInToken(username: string, password: string): Promise<string[]> {
  const response = await fetch(`${kc.server.url}/realms/shop/protocol/openid-connect/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'password', client_id: 'web', username, password }),
  });
  const body = (await response.json()) as { access_token: string };
  const payload = JSON.parse(Buffer.from(body.access_token.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
    realm_access?: { roles?: string[] };
  };
  return payload.realm_access?.roles ?? [];
}

describe('KeycloakAdmin user role mappings', () => {
  it('assigns, reads and deletes realm roles of a user', async () => {
    const admin = shop();
    const alice = idsOf(kc.server).user('alice');
    const boss = await admin.getRealmRole('boss');
    await admin.assignRealmRoles(alice, boss);
    expect(names(await admin.getRealmRolesOfUser(alice))).toEqual(['boss', 'default-roles-shop']);
    expect(names(await admin.getCompositeRealmRolesOfUser(alice))).toEqual([
      'boss',
      'default-roles-shop',
      'offline_access',
      'uma_authorization',
      'user',
    ]);
    expect((await admin.getCompositeRealmRolesOfUser(alice, { briefRepresentation: false }))[0]).toHaveProperty(
      'attributes',
    );
    const available = names(await admin.getAvailableRealmRolesOfUser(alice));
    expect(available).not.toContain('boss');
    expect(available).toContain('user'); // held through boss, but not mapped directly
    expect(names((await admin.getAllRolesOfUser(alice)).realmMappings ?? [])).toEqual(['boss', 'default-roles-shop']);
    await admin.deleteRealmRolesOfUser(alice, [boss]);
    expect(names(await admin.getRealmRolesOfUser(alice))).toEqual(['default-roles-shop']);
  });

  it('puts a role granted through the admin API into the next access token', async () => {
    const admin = shop();
    const alice = idsOf(kc.server).user('alice');
    await admin.createRealmRole({ name: 'vip' });
    expect(await realmRolesInToken('alice', 'wonder')).not.toContain('vip');
    await admin.assignRealmRoles(alice, [await admin.getRealmRole('vip')]);
    expect(await realmRolesInToken('alice', 'wonder')).toContain('vip');
    await admin.deleteRealmRolesOfUser(alice, [await admin.getRealmRole('vip')]);
    expect(await realmRolesInToken('alice', 'wonder')).not.toContain('vip');
  });

  it('fails a role whose id does not match its name with KeycloakPostError 404 "Role not found"', async () => {
    const admin = shop();
    const error = await rejectionOf(
      admin.assignRealmRoles(idsOf(kc.server).user('alice'), { name: 'user', id: 'forged' }),
    );
    expect(error).toBeInstanceOf(KeycloakPostError);
    expect(error).toMatchObject({ status: 404, body: { error: 'Role not found' } });
  });

  it('fails an unknown user with KeycloakGetError 404 "User not found"', async () => {
    const error = await rejectionOf(shop().getRealmRolesOfUser('nobody'));
    expect(error).toBeInstanceOf(KeycloakGetError);
    expect(error).toMatchObject({ status: 404, body: { error: 'User not found' } });
  });

  it('assigns, reads and deletes client roles of a user', async () => {
    const admin = shop();
    const ids = idsOf(kc.server);
    const [alice, api] = [ids.user('alice'), ids.client('api')];
    const writer = await admin.getClientRole(api, 'writer');
    expect(names(await admin.getAvailableClientRolesOfUser(alice, api))).toEqual(['reader', 'writer']);
    await admin.assignClientRole(alice, api, [writer]);
    expect(names(await admin.getClientRolesOfUser(alice, api))).toEqual(['writer']);
    expect((await admin.getCompositeClientRolesOfUser(alice, api))[0]).toHaveProperty('attributes');
    expect((await admin.getAllRolesOfUser(alice)).clientMappings).toMatchObject({
      api: { id: api, client: 'api', mappings: [{ name: 'writer' }] },
    });
    await admin.deleteClientRolesOfUser(alice, api, writer);
    expect(await admin.getClientRolesOfUser(alice, api)).toEqual([]);
    const error = await rejectionOf(admin.deleteClientRolesOfUser(alice, 'nope', writer));
    expect(error).toBeInstanceOf(KeycloakDeleteError);
    expect(error).toMatchObject({ status: 404, body: { error: 'Client not found' } });
  });

  it('counts client roles inherited from groups as composite roles of the user', async () => {
    const admin = shop();
    const ids = idsOf(kc.server);
    expect(names(await admin.getCompositeClientRolesOfUser(ids.user('bob'), ids.client('api')))).toEqual(['reader']);
    expect(await admin.getClientRolesOfUser(ids.user('bob'), ids.client('api'))).toEqual([]);
  });
});

describe('KeycloakAdmin group role mappings', () => {
  it('assigns, reads and deletes realm and client roles of a group', async () => {
    const admin = shop();
    const ids = idsOf(kc.server);
    const [readers, api] = [ids.group('readers'), ids.client('api')];
    const user = await admin.getRealmRole('user');
    await admin.assignGroupRealmRoles(readers, user);
    expect(names(await admin.getGroupRealmRoles(readers))).toEqual(['user']);
    await admin.deleteGroupRealmRoles(readers, [user]);
    expect(await admin.getGroupRealmRoles(readers, { briefRepresentation: false })).toEqual([]);
    const writer = await admin.getClientRole(api, 'writer');
    await admin.assignGroupClientRoles(readers, api, [writer]);
    expect(names(await admin.getGroupClientRoles(readers, api))).toEqual(['reader', 'writer']);
    expect(names(await admin.getCompositeClientRolesOfGroup(api, readers))).toEqual(['reader', 'writer']);
    await admin.deleteGroupClientRoles(readers, api, writer);
    expect(names(await admin.getGroupClientRoles(readers, api))).toEqual(['reader']);
  });

  it('fails an unknown group with KeycloakGetError 404 "Could not find group by id"', async () => {
    await expect(rejectionOf(shop().getGroupRealmRoles('nope'))).resolves.toMatchObject({
      name: 'KeycloakGetError',
      status: 404,
      body: { error: 'Could not find group by id' },
    });
  });
});

describe('KeycloakAdmin scope mappings', () => {
  it("assigns, reads and deletes realm and client roles of a client's scope", async () => {
    const admin = shop();
    const ids = idsOf(kc.server);
    const [web, api] = [ids.client('web'), ids.client('api')];
    const user = await admin.getRealmRole('user');
    await admin.assignRealmRolesToClientScope(web, user);
    expect(names(await admin.getRealmRolesOfClientScope(web))).toEqual(['user']);
    await admin.deleteRealmRolesOfClientScope(web, [user]);
    expect(await admin.getRealmRolesOfClientScope(web)).toEqual([]);
    const reader = await admin.getClientRole(api, 'reader');
    await admin.assignClientRolesToClientScope(web, api, [reader]);
    expect(names(await admin.getClientRolesOfClientScope(web, api))).toEqual(['reader']);
    await admin.deleteClientRolesOfClientScope(web, api, reader);
    expect(await admin.getClientRolesOfClientScope(web, api)).toEqual([]);
  });

  it('adds, reads and removes client roles of a client scope, and reads all its mappings', async () => {
    const admin = shop();
    const ids = idsOf(kc.server);
    const [profile, api] = [ids.scope('profile'), ids.client('api')];
    const reader = await admin.getClientRole(api, 'reader');
    await admin.addClientSpecificRolesToClientScope(profile, api, reader);
    expect(names(await admin.getClientSpecificRolesOfClientScope(profile, api))).toEqual(['reader']);
    expect(await admin.getAllRolesOfClientScope(profile)).toEqual({
      clientMappings: { api: { id: api, client: 'api', mappings: [expect.objectContaining({ name: 'reader' })] } },
    });
    await admin.removeClientSpecificRolesOfClientScope(profile, api, [reader]);
    expect(await admin.getAllRolesOfClientScope(profile)).toEqual({});
    await expect(rejectionOf(admin.getAllRolesOfClientScope('nope'))).resolves.toMatchObject({
      status: 404,
      body: { error: 'Could not find client scope' },
    });
  });
});
