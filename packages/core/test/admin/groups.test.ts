import {
  KeycloakDeleteError,
  KeycloakGetError,
  KeycloakOperationError,
  KeycloakPostError,
  KeycloakPutError,
} from '@keycloak-ts/core';
import { describe, expect, it } from 'vitest';
import { rejectionOf, useAdminServer } from './support.js';

const kc = useAdminServer([
  {
    realm: 'demo',
    enabled: true,
    smtpServer: { host: 'localhost', from: 'keycloak@example.com' },
    users: [
      {
        username: 'alice',
        enabled: true,
        email: 'alice@example.com',
        credentials: [{ type: 'password', value: 'wonder' }],
        realmRoles: ['default-roles-demo'],
      },
    ],
    clients: [
      {
        clientId: 'app',
        secret: 'app-secret',
        directAccessGrantsEnabled: true,
        redirectUris: ['https://app.example.com/*'],
      },
    ],
  },
]);

const demoAdmin = () => kc.admin({ realmName: 'demo', userRealmName: 'master' });

describe('KeycloakAdmin group methods', () => {
  it('creates groups and sub-groups, resolving to their ids, and fills subGroups as python-keycloak', async () => {
    const admin = demoAdmin();
    const top = await admin.createGroup({ name: 'tree' });
    const mid = await admin.createGroup({ name: 'mid' }, top);
    const leaf = await admin.createGroup({ name: 'leaf' }, mid);
    const one = await admin.getGroup(top ?? '');
    expect(one.subGroups?.map((g) => [g.id, g.subGroups])).toEqual([[mid, []]]);
    const full = await admin.getGroup(top ?? '', { fullHierarchy: true });
    expect(full.subGroups?.[0]?.subGroups?.map((g) => g.id)).toEqual([leaf]);
    expect(admin.getSubgroups(full, '/tree/mid/leaf')?.id).toBe(leaf);
    expect(admin.getSubgroups(full, '/tree/nope')).toBeUndefined();
    const listed = await admin.getGroups({ search: 'tree' });
    expect(listed.map((g) => g.path)).toEqual(['/tree']);
    await expect(admin.getGroupByPath('/tree/mid/leaf')).resolves.toMatchObject({ id: leaf, name: 'leaf' });
    await expect(admin.getGroupChildren(top ?? '', { briefRepresentation: true })).resolves.toMatchObject([
      { id: mid },
    ]);
  });

  it('refuses query together with fullHierarchy in getGroupChildren before asking Keycloak', async () => {
    const error = await rejectionOf(demoAdmin().getGroupChildren('x', { search: 'a' }, { fullHierarchy: true }));
    expect(error).toBeInstanceOf(KeycloakOperationError);
    expect(error).toMatchObject({ code: 'ERR_OPERATION' });
  });

  it('fails a duplicate name with KeycloakPostError 409, or resolves to undefined with skipExists', async () => {
    const admin = demoAdmin();
    await admin.createGroup({ name: 'dup' });
    const error = await rejectionOf(admin.createGroup({ name: 'dup' }));
    expect(error).toBeInstanceOf(KeycloakPostError);
    expect(error).toMatchObject({
      code: 'ERR_HTTP',
      status: 409,
      body: { errorMessage: "Top level group named 'dup' already exists." },
    });
    await expect(admin.createGroup({ name: 'dup' }, undefined, { skipExists: true })).resolves.toBeUndefined();
  });

  it("updates, counts and deletes groups, with each verb's 404 error afterwards", async () => {
    const admin = demoAdmin();
    const before = await admin.groupsCount();
    const id = (await admin.createGroup({ name: 'old' })) ?? '';
    await admin.updateGroup(id, { name: 'new', attributes: { a: ['1'] } });
    await expect(admin.getGroup(id)).resolves.toMatchObject({ name: 'new', path: '/new', attributes: { a: ['1'] } });
    await expect(admin.groupsCount()).resolves.toEqual({ count: before.count + 1 });
    await expect(admin.groupsCount({ search: 'new', top: true })).resolves.toEqual({ count: 1 });
    await admin.deleteGroup(id);
    const get = await rejectionOf(admin.getGroup(id));
    expect(get).toBeInstanceOf(KeycloakGetError);
    expect(get).toMatchObject({ status: 404, body: { error: 'Could not find group by id' } });
    expect(await rejectionOf(admin.updateGroup(id, { name: 'x' }))).toBeInstanceOf(KeycloakPutError);
    expect(await rejectionOf(admin.deleteGroup(id))).toBeInstanceOf(KeycloakDeleteError);
    expect(await rejectionOf(admin.getGroupByPath('/new'))).toMatchObject({
      name: 'KeycloakGetError',
      status: 404,
      body: { error: 'Group path does not exist' },
    });
  });

  it('adds and removes members, listed by getGroupMembers, getUserGroups and their iterators', async () => {
    const admin = demoAdmin();
    const id = (await admin.createGroup({ name: 'club' })) ?? '';
    const alice = (await admin.getUserId('alice')) ?? '';
    await admin.groupUserAdd(alice, id);
    await expect(admin.getGroupMembers(id)).resolves.toMatchObject([{ username: 'alice' }]);
    const members: string[] = [];
    for await (const user of admin.iterateGroupMembers(id, {}, { pageSize: 1 })) members.push(user.username ?? '');
    expect(members).toEqual(['alice']);
    await expect(admin.getUserGroups(alice)).resolves.toMatchObject([{ id, name: 'club' }]);
    const groups: string[] = [];
    for await (const group of admin.iterateUserGroups(alice)) groups.push(group.name ?? '');
    expect(groups).toEqual(['club']);
    await admin.groupUserRemove(alice, id);
    await expect(admin.getUserGroups(alice)).resolves.toEqual([]);
  });

  it('fails groupSetPermissions with 501 "Feature not enabled", as Keycloak 26 without fine-grained permissions', async () => {
    const admin = demoAdmin();
    const id = (await admin.createGroup({ name: 'perm' })) ?? '';
    const error = await rejectionOf(admin.groupSetPermissions(id, true));
    expect(error).toBeInstanceOf(KeycloakPutError);
    expect(error).toMatchObject({ status: 501, body: { error: 'Feature not enabled' } });
  });
});

describe('KeycloakAdmin user extras', () => {
  it('disables and enables one user and then every user', async () => {
    const admin = demoAdmin();
    const alice = (await admin.getUserId('alice')) ?? '';
    await admin.disableUser(alice);
    await expect(admin.getUser(alice)).resolves.toMatchObject({ enabled: false });
    await admin.enableUser(alice);
    await admin.disableAllUsers();
    expect((await admin.getUsers()).every((u) => u.enabled === false)).toBe(true);
    await admin.enableAllUsers();
    expect((await admin.getUsers()).every((u) => u.enabled === true)).toBe(true);
  });

  it('reads sessions and consents, logs the user out and revokes offline tokens', async () => {
    const admin = demoAdmin();
    const alice = (await admin.getUserId('alice')) ?? '';
    const form = new URLSearchParams({
      grant_type: 'password',
      client_id: 'app',
      client_secret: 'app-secret',
      username: 'alice',
      password: 'wonder',
      scope: 'openid offline_access',
    });
    const issued = await fetch(`${kc.server.url}/realms/demo/protocol/openid-connect/token`, {
      method: 'POST',
      body: form,
    });
    expect(issued.status).toBe(200);
    await expect(admin.getSessions(alice)).resolves.toMatchObject([
      { username: 'alice', userId: alice, clients: expect.any(Object) },
    ]);
    await expect(admin.userConsents(alice)).resolves.toMatchObject([
      { clientId: 'app', additionalGrants: [{ key: 'Offline Token' }] },
    ]);
    await admin.userLogout(alice);
    await expect(admin.getSessions(alice)).resolves.toEqual([]);
    await admin.revokeConsent(alice, 'app');
    const error = await rejectionOf(admin.revokeConsent(alice, 'app'));
    expect(error).toMatchObject({
      name: 'KeycloakDeleteError',
      status: 404,
      body: { error: 'Consent nor offline token not found' },
    });
  });

  it('lists and deletes credentials', async () => {
    const admin = demoAdmin();
    const id = await admin.createUser({ username: 'cred', enabled: true });
    await admin.setUserPassword(id, 'pass-word', { temporary: false });
    const [password] = await admin.getCredentials(id);
    expect(password).toMatchObject({ type: 'password' });
    expect(password?.secretData).toBeUndefined();
    await admin.deleteCredential(id, password?.id ?? '');
    await expect(admin.getCredentials(id)).resolves.toEqual([]);
    expect(await rejectionOf(admin.deleteCredential(id, 'nope'))).toMatchObject({
      name: 'KeycloakDeleteError',
      status: 404,
      body: { error: 'Credential not found' },
    });
  });

  it('adds, lists and deletes social logins', async () => {
    const admin = demoAdmin();
    const id = await admin.createUser({ username: 'social' });
    // Keycloak lists only links to providers the realm has.
    await admin.createIdp({ alias: 'github', providerId: 'github' });
    await admin.addUserSocialLogin(id, 'github', '42', 'octo');
    await expect(admin.getUserSocialLogins(id)).resolves.toEqual([
      { identityProvider: 'github', userId: '42', userName: 'octo' },
    ]);
    expect(await rejectionOf(admin.addUserSocialLogin(id, 'github', '43', 'x'))).toMatchObject({
      name: 'KeycloakPostError',
      status: 409,
    });
    await admin.deleteUserSocialLogin(id, 'github');
    await expect(admin.getUserSocialLogins(id)).resolves.toEqual([]);
  });

  it('sends the e-mail actions, which the test server records in its outbox', async () => {
    const admin = demoAdmin();
    const alice = (await admin.getUserId('alice')) ?? '';
    kc.server.mail.clear();
    await admin.sendUpdateAccount(alice, ['UPDATE_PASSWORD'], {
      clientId: 'app',
      redirectUri: 'https://app.example.com/back',
      lifespan: 300,
    });
    await admin.sendVerifyEmail(alice);
    expect(kc.server.mail.sent.map((m) => [m.kind, m.actions, m.clientId, m.redirectUri, m.lifespanSeconds])).toEqual([
      ['execute-actions', ['UPDATE_PASSWORD'], 'app', 'https://app.example.com/back', 300],
      ['verify-email', [], 'admin-cli', undefined, 43200],
    ]);
    const error = await rejectionOf(admin.sendUpdateAccount(alice, ['FLY']));
    expect(error).toMatchObject({
      name: 'KeycloakPutError',
      status: 400,
      body: { errorMessage: 'Provided invalid required actions' },
    });
  });
});
