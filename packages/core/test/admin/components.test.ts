import { KeycloakGetError, KeycloakPostError } from '@keycloak-ts/core';
import { describe, expect, it } from 'vitest';
import { demoRealm, rejectionOf, useAdminServer } from './support.js';

const kc = useAdminServer([demoRealm]);
const demoAdmin = () => kc.admin({ realmName: 'demo', userRealmName: 'master' });
const KEYS = 'org.keycloak.keys.KeyProvider';

describe('KeycloakAdmin component and key methods', () => {
  it('lists key provider components filtered by type and gets the keys metadata', async () => {
    const admin = demoAdmin();
    const components = await admin.getComponents({ type: KEYS });
    expect(components.map((c) => c.providerId)).toContain('rsa-generated');
    const keys = await admin.getKeys();
    expect(keys.active?.['RS256']).toBe(keys.keys?.find((k) => k.algorithm === 'RS256' && k.status === 'ACTIVE')?.kid);
  });

  it('creates a key provider resolving to its id, which then signs as the active RS256 key, and deletes it', async () => {
    const admin = demoAdmin();
    const id = await admin.createComponent({
      name: 'stronger',
      providerId: 'rsa-generated',
      providerType: KEYS,
      config: { priority: ['900'] },
    });
    await expect(admin.getComponent(id)).resolves.toMatchObject({
      id,
      name: 'stronger',
      config: { priority: ['900'] },
    });
    const keys = await admin.getKeys();
    expect(keys.keys?.find((k) => k.kid === keys.active?.['RS256'])?.providerId).toBe(id);
    await admin.updateComponent(id, { name: 'renamed', config: { priority: ['901'] } });
    await expect(admin.getComponent(id)).resolves.toMatchObject({ name: 'renamed', config: { priority: ['901'] } });
    await admin.deleteComponent(id);
    const missing = await rejectionOf(admin.getComponent(id));
    expect(missing).toBeInstanceOf(KeycloakGetError);
    expect(missing).toMatchObject({ code: 'ERR_HTTP', status: 404, body: { error: 'Could not find component' } });
  });

  it("fails a bad component with KeycloakPostError 400 and Keycloak's message", async () => {
    const error = await rejectionOf(
      demoAdmin().createComponent({ providerId: 'rsa-generated', providerType: KEYS, config: { priority: ['first'] } }),
    );
    expect(error).toBeInstanceOf(KeycloakPostError);
    expect(error).toMatchObject({ status: 400, body: { errorMessage: "'Priority' should be a number" } });
  });

  it('syncs a user storage component, reporting nothing imported without a federation provider', async () => {
    const admin = demoAdmin();
    const id = await admin.createComponent({
      name: 'ldap',
      providerId: 'ldap',
      providerType: 'org.keycloak.storage.UserStorageProvider',
    });
    await expect(admin.syncUsers(id, 'triggerChangedUsersSync')).resolves.toMatchObject({
      added: 0,
      updated: 0,
      status: '0 imported users, 0 updated users',
    });
    await expect(admin.syncUsers('nope', 'triggerFullSync')).rejects.toMatchObject({
      status: 404,
      body: { error: 'Could not find component' },
    });
  });
});
