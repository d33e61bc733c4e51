import { KeycloakPostError, KeycloakPutError } from '@keycloak-ts/core';
import { describe, expect, it } from 'vitest';
import { demoRealm, rejectionOf, useAdminServer } from './support.js';

const kc = useAdminServer([demoRealm]);
const demoAdmin = () => kc.admin({ realmName: 'demo', userRealmName: 'master' });

describe('KeycloakAdmin realm import and export', () => {
  it('imports a realm resolving to its name, and fails a second import with KeycloakPostError 409', async () => {
    const admin = kc.admin();
    await expect(
      admin.importRealm({ realm: 'imported', enabled: true, users: [{ username: 'ivy', enabled: true }] }),
    ).resolves.toBe('imported');
    await expect(admin.getRealm('imported')).resolves.toMatchObject({ realm: 'imported' });
    const error = await rejectionOf(admin.importRealm({ realm: 'imported' }));
    expect(error).toBeInstanceOf(KeycloakPostError);
    expect(error).toMatchObject({ status: 409, body: { errorMessage: 'Realm imported already exists' } });
  });

  it('partially imports into the named realm and exports the current realm with clients on request', async () => {
    const admin = demoAdmin();
    const result = await admin.partialImportRealm('demo', {
      ifResourceExists: 'SKIP',
      clients: [{ clientId: 'partial-client' }],
    });
    expect(result).toMatchObject({ added: 1 });
    const withClients = await admin.exportRealm(true, false);
    expect(withClients.clients?.map((c) => c['clientId'])).toContain('partial-client');
    const plain = await admin.exportRealm();
    expect(plain).not.toHaveProperty('clients');
    expect(plain).not.toHaveProperty('users');
  });
});

describe('KeycloakAdmin server info, caches and user profile', () => {
  it('reads the server info', async () => {
    await expect(demoAdmin().getServerInfo()).resolves.toMatchObject({
      systemInfo: { version: expect.any(String) },
      profileInfo: { name: 'community' },
    });
  });

  it('clears the keys, realm and user caches', async () => {
    const admin = demoAdmin();
    await expect(admin.clearKeysCache()).resolves.toBeUndefined();
    await expect(admin.clearRealmCache()).resolves.toBeUndefined();
    await expect(admin.clearUserCache()).resolves.toBeUndefined();
  });

  it('reads and replaces the user profile config; one without email fails with KeycloakPutError 400', async () => {
    const admin = demoAdmin();
    const profile = await admin.getRealmUsersProfile();
    expect(profile.attributes?.map((a) => a.name)).toEqual(['username', 'email', 'firstName', 'lastName']);
    const updated = await admin.updateRealmUsersProfile({ ...profile, unmanagedAttributePolicy: 'ENABLED' });
    expect(updated.unmanagedAttributePolicy).toBe('ENABLED');
    await expect(admin.getRealmUsersProfile()).resolves.toMatchObject({ unmanagedAttributePolicy: 'ENABLED' });
    const error = await rejectionOf(admin.updateRealmUsersProfile({ attributes: [{ name: 'username' }] }));
    expect(error).toBeInstanceOf(KeycloakPutError);
    expect(error).toMatchObject({
      status: 400,
      body: { errorMessage: "Invalid configuration: The attribute 'email' can not be removed" },
    });
  });
});
