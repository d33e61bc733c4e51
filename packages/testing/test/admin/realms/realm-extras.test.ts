import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKeycloak, type KeycloakTestServer } from '@keycloak-ts/testing';
import { demoRealm } from '../../support.js';
import { addAdminUser, adminCall, tokenFor } from '../admin-support.js';

let kc: KeycloakTestServer;
let token: string;
let viewer: string;
type Json = Record<string, unknown>;

const call = (method: string, path: string, body?: unknown, as = token) =>
  adminCall(kc, method, `/demo${path}`, as, body);

beforeAll(async () => {
  kc = await startKeycloak({ realms: [demoRealm] });
  token = await tokenFor(kc, 'master', 'admin', 'admin');
  addAdminUser(kc, 'demo', 'realm-viewer', 'realm-viewer', 'realm-management', ['view-realm']);
  viewer = await tokenFor(kc, 'demo', 'realm-viewer', 'realm-viewer');
});
afterAll(() => kc.close());

describe('user profile', () => {
  it("answers Keycloak 26's default UPConfig", async () => {
    const profile = (await call('GET', '/users/profile')).body as { attributes: Json[]; groups: Json[] };
    expect(profile.attributes.map((a) => a['name'])).toEqual(['username', 'email', 'firstName', 'lastName']);
    expect(profile.attributes[0]).toMatchObject({
      displayName: '${username}',
      validations: { length: { min: 3, max: 255 } },
      multivalued: false,
    });
    expect(profile.groups).toEqual([
      {
        name: 'user-metadata',
        displayHeader: 'User metadata',
        displayDescription: 'Attributes, which refer to user metadata',
      },
    ]);
  });

  it('replaces the config on PUT, answering it back with 200, and keeps it for the next GET', async () => {
    const current = (await call('GET', '/users/profile')).body as { attributes: Json[] };
    const next = {
      ...current,
      attributes: [
        ...current.attributes,
        { name: 'phone', displayName: 'Phone', permissions: { view: ['admin'], edit: ['admin'] } },
      ],
      unmanagedAttributePolicy: 'ENABLED',
    };
    expect(await call('PUT', '/users/profile', next)).toMatchObject({ status: 200, body: next });
    expect((await call('GET', '/users/profile')).body).toEqual(next);
  });

  it('refuses a config without username or email, with an unnamed attribute, or of the wrong shape', async () => {
    expect(await call('PUT', '/users/profile', { attributes: [{ name: 'username' }] })).toMatchObject({
      status: 400,
      body: { errorMessage: "Invalid configuration: The attribute 'email' can not be removed" },
    });
    expect(
      await call('PUT', '/users/profile', { attributes: [{ name: 'username' }, { name: 'email' }, {}] }),
    ).toMatchObject({ status: 400, body: { errorMessage: 'Invalid configuration: attribute name is required' } });
    expect(await call('PUT', '/users/profile', { attributes: 'all' })).toMatchObject({
      status: 400,
      body: { error_description: 'Cannot parse the JSON' },
    });
    expect(
      (await call('PUT', '/users/profile', { attributes: [{ name: 'username' }, { name: 'email' }] }, viewer)).status,
    ).toBe(403);
  });
});

describe('server info', () => {
  it('answers system, memory and profile info, themes, providers and mapper types to any admin', async () => {
    const response = await fetch(`${kc.url}/admin/serverinfo`, { headers: { authorization: `Bearer ${token}` } });
    const info = (await response.json()) as Json;
    expect(response.status).toBe(200);
    expect(info['systemInfo']).toMatchObject({ version: '26.5.5', uptimeMillis: expect.any(Number) });
    expect(info['memoryInfo']).toMatchObject({ total: expect.any(Number), freePercentage: expect.any(Number) });
    expect(info['profileInfo']).toMatchObject({ name: 'community' });
    expect(Object.keys(info['themes'] as object)).toContain('login');
    const oidcTypes = (info['protocolMapperTypes'] as Record<string, Json[]>)['openid-connect']?.map((t) => t['id']);
    expect(oidcTypes).toContain('oidc-usermodel-attribute-mapper');
    expect(
      (info['builtinProtocolMappers'] as Record<string, Json[]>)['openid-connect']?.map((m) => m['name']),
    ).toContain('email');
    expect(
      Object.keys((info['providers'] as Record<string, { providers: object }>)['authenticator']?.providers ?? {}),
    ).toContain('auth-otp-form');
    expect((await fetch(`${kc.url}/admin/serverinfo`)).status).toBe(401);
  });
});

describe('cache clears and user storage sync', () => {
  it('answers 204 to the three cache clears for manage-realm, 403 for a viewer', async () => {
    for (const cache of ['keys', 'realm', 'user']) {
      expect((await call('POST', `/clear-${cache}-cache`)).status).toBe(204);
      expect((await call('POST', `/clear-${cache}-cache`, undefined, viewer)).status).toBe(403);
    }
  });

  it('syncs nothing for a user storage component, and 404s an unknown one or action', async () => {
    const created = await call('POST', '/components', {
      name: 'ldap',
      providerId: 'ldap',
      providerType: 'org.keycloak.storage.UserStorageProvider',
    });
    const id = created.headers.get('location')?.split('/').pop() ?? '';
    expect(await call('POST', `/user-storage/${id}/sync?action=triggerFullSync`)).toMatchObject({
      status: 200,
      body: {
        ignored: false,
        added: 0,
        updated: 0,
        removed: 0,
        failed: 0,
        status: '0 imported users, 0 updated users',
      },
    });
    expect(await call('POST', `/user-storage/${id}/sync?action=dance`)).toMatchObject({
      status: 404,
      body: { error: 'Unknown action: dance' },
    });
    expect(await call('POST', '/user-storage/nope/sync?action=triggerFullSync')).toMatchObject({
      status: 404,
      body: { error: 'Could not find component' },
    });
  });
});
