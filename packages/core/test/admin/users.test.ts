import {
  KeycloakAuthenticationError,
  KeycloakDeleteError,
  KeycloakGetError,
  KeycloakOperationError,
  KeycloakPostError,
  KeycloakPutError,
} from '@keycloak-ts/core';
import { describe, expect, it } from 'vitest';
import { rejectionOf, useAdminServer } from './support.js';

const kc = useAdminServer();

function demoAdmin() {
  return kc.admin({ realmName: 'demo', userRealmName: 'master' });
}

describe('KeycloakAdmin user methods', () => {
  it('creates a user and resolves to the id from the Location header', async () => {
    const admin = demoAdmin();
    const id = await admin.createUser({ username: 'bob', enabled: true, email: 'bob@example.com', firstName: 'Bob' });
    const user = await admin.getUser(id);
    expect(user).toMatchObject({ id, username: 'bob', email: 'bob@example.com', firstName: 'Bob', enabled: true });
  });

  it("fails a duplicate username with KeycloakPostError 409 and Keycloak's message", async () => {
    const admin = demoAdmin();
    await admin.createUser({ username: 'dup' });
    const error = await rejectionOf(admin.createUser({ username: 'dup' }));
    expect(error).toBeInstanceOf(KeycloakPostError);
    expect(error).toMatchObject({
      code: 'ERR_HTTP',
      status: 409,
      body: { errorMessage: 'User exists with same username' },
    });
  });

  it('resolves to the existing id with existOk, in any letter case', async () => {
    const admin = demoAdmin();
    const id = await admin.createUser({ username: 'carol' });
    await expect(admin.createUser({ username: 'Carol' }, { existOk: true })).resolves.toBe(id);
  });

  it("still fails with existOk when the conflict is another user's e-mail", async () => {
    const admin = demoAdmin();
    await admin.createUser({ username: 'erin', email: 'shared@example.com' });
    const error = await rejectionOf(
      admin.createUser({ username: 'frank', email: 'shared@example.com' }, { existOk: true }),
    );
    expect(error).toMatchObject({ status: 409, body: { errorMessage: 'User exists with same email' } });
  });

  it('finds a user id by exact username, and undefined for an unknown or partial one', async () => {
    const admin = demoAdmin();
    const id = await admin.createUser({ username: 'dave' });
    await admin.createUser({ username: 'dave2' });
    await expect(admin.getUserId('DAVE')).resolves.toBe(id);
    await expect(admin.getUserId('dav')).resolves.toBeUndefined();
  });

  it('refuses an empty or missing username in getUserId with ERR_OPERATION before asking Keycloak', async () => {
    const admin = demoAdmin();
    const before = kc.server.counters.get('admin');
    for (const username of ['', undefined, 42]) {
      await expect(admin.getUserId(username as string)).rejects.toMatchObject({
        name: 'KeycloakOperationError',
        code: 'ERR_OPERATION',
      });
    }
    expect(kc.server.counters.get('admin')).toBe(before);
  });

  it('updates only the fields sent', async () => {
    const admin = demoAdmin();
    const id = await admin.createUser({ username: 'gina', firstName: 'Gina', email: 'gina@example.com' });
    await admin.updateUser(id, { firstName: 'Georgina' });
    await expect(admin.getUser(id)).resolves.toMatchObject({ firstName: 'Georgina', email: 'gina@example.com' });
  });

  it("deletes a user, after which each verb on it is its verb's 404 error", async () => {
    const admin = demoAdmin();
    const id = await admin.createUser({ username: 'hank' });
    await admin.deleteUser(id);
    const get = await rejectionOf(admin.getUser(id));
    const put = await rejectionOf(admin.updateUser(id, { firstName: 'x' }));
    const del = await rejectionOf(admin.deleteUser(id));
    expect(get).toBeInstanceOf(KeycloakGetError);
    expect(put).toBeInstanceOf(KeycloakPutError);
    expect(del).toBeInstanceOf(KeycloakDeleteError);
    expect(get).toMatchObject({ code: 'ERR_HTTP', status: 404, body: { error: 'User not found' } });
  });

  it('sets a password the user can then log in with', async () => {
    const admin = demoAdmin();
    const id = await admin.createUser({ username: 'ivan', enabled: true });
    await admin.setUserPassword(id, 's3cret-pass', { temporary: false });
    const asIvan = kc.admin({ realmName: 'demo', username: 'ivan', password: 's3cret-pass' });
    await expect(asIvan.connection.getToken()).resolves.toMatchObject({ access_token: expect.any(String) });
  });

  it('makes a password temporary by default, as python-keycloak does', async () => {
    const admin = demoAdmin();
    const id = await admin.createUser({ username: 'judy', enabled: true });
    await admin.setUserPassword(id, 'temp-pass');
    await expect(admin.getUser(id)).resolves.toMatchObject({ requiredActions: ['UPDATE_PASSWORD'] });
  });

  it('never shows the password of a failed setUserPassword in the error', async () => {
    const error = await rejectionOf(demoAdmin().setUserPassword('no-such-user', 'p4ssw0rd-secret'));
    expect(error).toMatchObject({ status: 404 });
    expect(JSON.stringify((error as KeycloakPutError).body)).not.toContain('p4ssw0rd-secret');
    expect((error as Error).message).not.toContain('p4ssw0rd-secret');
  });

  it('counts users, with a search narrowing the count', async () => {
    const admin = demoAdmin();
    await admin.createUser({ username: 'count-me-1' });
    await admin.createUser({ username: 'count-me-2' });
    const all = await admin.usersCount();
    expect(all).toBe((await admin.getUsers()).length);
    await expect(admin.usersCount({ search: 'count-me' })).resolves.toBe(2);
  });

  it('acts on the realm chosen with changeCurrentRealm while keeping its master token', async () => {
    const admin = kc.admin();
    expect(admin.getCurrentRealm()).toBe('master');
    admin.changeCurrentRealm('demo');
    expect(admin.getCurrentRealm()).toBe('demo');
    const users = await admin.getUsers({ username: 'alice', exact: true });
    expect(users.map((user) => user.username)).toEqual(['alice']);
    expect(() => admin.changeCurrentRealm('')).toThrow(TypeError);
  });
});

describe('KeycloakAdmin path encoding', () => {
  it('keeps a user id of ../../realms inside the users collection: 404, not another resource', async () => {
    const admin = demoAdmin();
    const error = await rejectionOf(admin.getUser('../../realms'));
    expect(error).toBeInstanceOf(KeycloakGetError);
    expect(error).toMatchObject({ status: 404, body: { error: 'User not found' } });
  });

  it('keeps ids with slashes, query and fragment characters in one segment', async () => {
    const admin = demoAdmin();
    for (const id of ['a/b', 'x?max=1', 'y#z', '%2e%2e', 'ünï cødé']) {
      await expect(admin.getUser(id)).rejects.toMatchObject({ status: 404, body: { error: 'User not found' } });
    }
  });

  it('refuses empty, . and .. ids before sending anything', async () => {
    const admin = demoAdmin();
    await admin.getRealms();
    const before = kc.server.counters.get('admin');
    for (const id of ['', '.', '..']) {
      const error = await rejectionOf(admin.deleteUser(id));
      expect(error).toBeInstanceOf(KeycloakOperationError);
      expect(error).toMatchObject({ code: 'ERR_OPERATION' });
    }
    expect(kc.server.counters.get('admin')).toBe(before);
  });

  it('finds a user whose username is non-ASCII by exact match', async () => {
    const admin = demoAdmin();
    const id = await admin.createUser({ username: 'zoë-ß' });
    await expect(admin.getUserId('zoë-ß')).resolves.toBe(id);
  });
});

describe('KeycloakAdmin errors', () => {
  it('gives each call its own AbortSignal: an aborted call fails with ERR_ABORTED', async () => {
    const admin = demoAdmin();
    await admin.getRealms();
    const controller = new AbortController();
    controller.abort();
    await expect(admin.getUsers({}, { signal: controller.signal })).rejects.toMatchObject({ code: 'ERR_ABORTED' });
  });

  it('maps a bare 401 on a static token without credentials to KeycloakAuthenticationError', async () => {
    const admin = kc.admin({ username: undefined, password: undefined, token: 'not-a-token' });
    const before = kc.server.counters.get('admin');
    const error = await rejectionOf(admin.getRealms());
    expect(error).toBeInstanceOf(KeycloakAuthenticationError);
    expect(error).toMatchObject({ code: 'ERR_AUTHENTICATION', status: 401, body: { error: 'HTTP 401 Unauthorized' } });
    expect(kc.server.counters.get('admin') - before).toBe(1);
  });
});

describe('KeycloakAdmin call limits', () => {
  it('fails a call Keycloak never answers with ERR_TIMEOUT after its own timeout', async () => {
    const admin = demoAdmin();
    await admin.getRealms();
    kc.server.faults.inject('admin', { kind: 'hang', times: 1 });
    try {
      await expect(admin.getUsers({ max: 1 }, { timeout: 50 })).rejects.toMatchObject({ code: 'ERR_TIMEOUT' });
    } finally {
      kc.server.faults.clear('admin');
    }
  });
});
