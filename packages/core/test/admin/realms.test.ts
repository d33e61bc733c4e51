import {
  KeycloakAuthenticationError,
  KeycloakDeleteError,
  KeycloakGetError,
  KeycloakPostError,
  KeycloakPutError,
} from '@keycloak-ts/core';
import { describe, expect, it } from 'vitest';
import { rejectionOf, useAdminServer } from './support.js';

const kc = useAdminServer();

describe('KeycloakAdmin realm methods', () => {
  it('lists the realms, master and the imported one included', async () => {
    const names = (await kc.admin().getRealms()).map((realm) => realm.realm);
    expect(names).toEqual(expect.arrayContaining(['master', 'demo']));
  });

  it('gets one realm by name with its settings', async () => {
    const realm = await kc.admin().getRealm('demo');
    expect(realm.realm).toBe('demo');
    expect(realm.enabled).toBe(true);
  });

  it('creates a realm and resolves to its name read from the Location header', async () => {
    const admin = kc.admin();
    await expect(admin.createRealm({ realm: 'created', enabled: true, displayName: 'Created' })).resolves.toBe(
      'created',
    );
    expect((await admin.getRealm('created')).displayName).toBe('Created');
  });

  it("fails a second create of the same realm with KeycloakPostError 409 and Keycloak's message", async () => {
    const admin = kc.admin();
    await admin.createRealm({ realm: 'twice' });
    const error = await rejectionOf(admin.createRealm({ realm: 'twice' }));
    expect(error).toBeInstanceOf(KeycloakPostError);
    expect(error).toMatchObject({
      code: 'ERR_HTTP',
      status: 409,
      body: { errorMessage: 'Realm twice already exists' },
    });
  });

  it('resolves to the realm name when it already exists and skipExists is set', async () => {
    const admin = kc.admin();
    await admin.createRealm({ realm: 'skipped' });
    await expect(admin.createRealm({ realm: 'skipped' }, { skipExists: true })).resolves.toBe('skipped');
  });

  it('updates only the fields sent', async () => {
    const admin = kc.admin();
    await admin.createRealm({ realm: 'updated', displayName: 'Before', enabled: true });
    await admin.updateRealm('updated', { displayName: 'After' });
    const realm = await admin.getRealm('updated');
    expect(realm).toMatchObject({ displayName: 'After', enabled: true });
  });

  it('deletes a realm, after which getting it is a KeycloakGetError 404', async () => {
    const admin = kc.admin();
    await admin.createRealm({ realm: 'deleted' });
    await admin.deleteRealm('deleted');
    const error = await rejectionOf(admin.getRealm('deleted'));
    expect(error).toBeInstanceOf(KeycloakGetError);
    expect(error).toMatchObject({ code: 'ERR_HTTP', status: 404, body: { error: 'Realm not found.' } });
  });

  it('maps a missing realm to the error class of each verb', async () => {
    const admin = kc.admin();
    const put = await rejectionOf(admin.updateRealm('nowhere', { enabled: false }));
    const del = await rejectionOf(admin.deleteRealm('nowhere'));
    expect(put).toBeInstanceOf(KeycloakPutError);
    expect(del).toBeInstanceOf(KeycloakDeleteError);
    expect([put, del]).toMatchObject([{ status: 404 }, { status: 404 }]);
  });

  it('reaches a realm whose name has spaces and non-ASCII letters', async () => {
    const admin = kc.admin();
    await admin.createRealm({ realm: 'café ü', enabled: true });
    expect((await admin.getRealm('café ü')).realm).toBe('café ü');
    await admin.deleteRealm('café ü');
  });

  it('answers a user without admin roles with a 403 KeycloakGetError, not an authentication error', async () => {
    const admin = kc.admin({ realmName: 'demo', username: 'alice', password: 'wonder' });
    const error = await rejectionOf(admin.getRealm('demo'));
    expect(error).toBeInstanceOf(KeycloakGetError);
    expect(error).not.toBeInstanceOf(KeycloakAuthenticationError);
    expect(error).toMatchObject({ code: 'ERR_HTTP', status: 403 });
  });

  it('refuses a wrong password with KeycloakAuthenticationError and never shows the password', async () => {
    const admin = kc.admin({ password: 'not-the-password' });
    const error = await rejectionOf(admin.getRealms());
    expect(error).toBeInstanceOf(KeycloakAuthenticationError);
    expect(error).toMatchObject({
      code: 'ERR_AUTHENTICATION',
      status: 400,
      body: { error: 'invalid_grant', error_description: 'Invalid user credentials' },
    });
    expect(
      JSON.stringify({ message: (error as Error).message, body: (error as KeycloakAuthenticationError).body }),
    ).not.toContain('not-the-password');
  });
});
