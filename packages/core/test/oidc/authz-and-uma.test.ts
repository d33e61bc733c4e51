import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildPermissionParam, KeycloakOpenID } from '@keycloak-ts/core';
import { startKeycloak, type KeycloakTestServer } from '@keycloak-ts/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoRealm } from './support/realm.js';

// Exported authorization settings in Keycloak's format: role policies name roles as "client/role"
// in a JSON string, permissions apply policies by name.
const settings = {
  policies: [
    { name: 'Readers', type: 'role', logic: 'POSITIVE', config: { roles: '[{"id":"app/reader","required":false}]' } },
    { name: 'Writers', type: 'role', logic: 'POSITIVE', config: { roles: '[{"id":"app/writer","required":false}]' } },
    { name: 'Read docs', type: 'scope', config: { scopes: '["read"]', applyPolicies: '["Readers"]' } },
    { name: 'Write docs', type: 'resource', config: { resources: '["docs"]', applyPolicies: '["Writers"]' } },
  ],
};

let kc: KeycloakTestServer;
let app: KeycloakOpenID;

beforeAll(async () => {
  kc = await startKeycloak({ realms: [demoRealm] });
  app = new KeycloakOpenID({ serverUrl: kc.url, realmName: 'demo', clientId: 'app', clientSecretKey: 'app-secret' });
});
afterAll(async () => {
  await app.close();
  await kc.close();
});

describe('getPolicies and getPermissions', () => {
  it('refuse to run before a config is loaded, without calling Keycloak', async () => {
    const fresh = new KeycloakOpenID({ serverUrl: kc.url, realmName: 'demo', clientId: 'app', clientSecretKey: 'app-secret' });
    kc.counters.reset();
    await expect(fresh.getPolicies('token')).rejects.toMatchObject({ name: 'KeycloakAuthorizationConfigError', code: 'ERR_AUTHORIZATION_CONFIG' });
    await expect(fresh.getPermissions('token')).rejects.toMatchObject({ code: 'ERR_AUTHORIZATION_CONFIG' });
    expect(kc.counters.get('introspect')).toBe(0);
    await fresh.close();
  });

  it('match the token client roles against the role policies, by introspection and by decoding', async () => {
    await app.loadAuthorizationConfig(settings);
    const { access_token: token } = await app.token('alice', 'wonder');
    const byIntrospection = await app.getPolicies(token);
    const byDecoding = await app.getPolicies(token, { methodTokenInfo: 'decode' });
    const permissions = await app.getPermissions(token);
    expect(byIntrospection?.map((policy) => policy.name)).toEqual(['Readers']);
    expect(byDecoding?.map((policy) => policy.name)).toEqual(['Readers']);
    expect(permissions?.map((permission) => permission.name)).toEqual(['Read docs']);
  });

  it('refuse an inactive token with reason revoked', async () => {
    await app.loadAuthorizationConfig(settings);
    await expect(app.getPermissions('not-a-token')).rejects.toMatchObject({ name: 'KeycloakInvalidTokenError', reason: 'revoked' });
  });

  it('return undefined when the token has no role of this client', async () => {
    await app.loadAuthorizationConfig(settings);
    const { access_token: token } = await app.token('', '', { grantType: 'client_credentials' });
    expect(await app.getPolicies(token)).toBeUndefined();
  });
});

describe('buildPermissionParam', () => {
  it('turns strings, lists and resource maps into permission values', () => {
    expect(buildPermissionParam('')).toEqual([]);
    expect(buildPermissionParam('docs#read')).toEqual(['docs#read']);
    expect(buildPermissionParam(['a', 'b#x', 'a'])).toEqual(['a', 'b#x']);
    expect(buildPermissionParam({ docs: ['read', 'write'], albums: null, photos: 'view' })).toEqual(['docs#read', 'docs#write', 'albums', 'photos#view']);
  });

  it('refuses values that are not strings with ERR_OPERATION', () => {
    expect(() => buildPermissionParam([1] as unknown as string[])).toThrow(expect.objectContaining({ code: 'ERR_OPERATION' }) as Error);
  });
});

describe('umaPermissions and hasUmaAccess', () => {
  // A token endpoint that speaks the UMA grant as Keycloak answers it (errors.json): permissions for
  // "good", 403 access_denied for "denied", 401 for "expired".
  let uma: Server;
  let oidc: KeycloakOpenID;
  let seen: URLSearchParams | undefined;
  let seenAuthorization: string | undefined;

  beforeAll(async () => {
    uma = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        seen = new URLSearchParams(body);
        seenAuthorization = req.headers.authorization;
        const json = (status: number, value: unknown): void => void res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
        if (req.headers.authorization === 'Bearer denied') return json(403, { error: 'access_denied', error_description: 'not_authorized' });
        if (req.headers.authorization === 'Bearer expired') return json(401, { error: 'invalid_grant', error_description: 'Invalid bearer token' });
        json(200, [{ rsid: '1', rsname: 'docs', scopes: ['read'] }, { rsid: '2', rsname: 'albums' }]);
      });
    });
    await new Promise<void>((resolve) => uma.listen(0, '127.0.0.1', resolve));
    oidc = new KeycloakOpenID({ serverUrl: `http://127.0.0.1:${(uma.address() as AddressInfo).port}`, realmName: 'demo', clientId: 'app' });
  });
  afterAll(async () => {
    await oidc.close();
    await new Promise<void>((resolve) => uma.close(() => resolve()));
  });

  it('asks the UMA grant for permissions with the bearer token and this client as audience', async () => {
    const granted = await oidc.umaPermissions('good', { docs: ['read', 'write'] }, { extraPayload: { claim_token_format: 'urn:ietf:params:oauth:token-type:jwt' } });
    expect(granted).toEqual([{ rsid: '1', rsname: 'docs', scopes: ['read'] }, { rsid: '2', rsname: 'albums' }]);
    expect(seenAuthorization).toBe('Bearer good');
    expect(seen?.get('grant_type')).toBe('urn:ietf:params:oauth:grant-type:uma-ticket');
    expect(seen?.getAll('permission')).toEqual(['docs#read', 'docs#write']);
    expect(seen?.get('response_mode')).toBe('permissions');
    expect(seen?.get('audience')).toBe('app');
    expect(seen?.get('claim_token_format')).toBe('urn:ietf:params:oauth:token-type:jwt');
  });

  it('says which needed permissions were not granted', async () => {
    expect(await oidc.hasUmaAccess('good', ['docs#read', 'albums'])).toEqual({ is_logged_in: true, is_authorized: true, missing_permissions: [] });
    expect(await oidc.hasUmaAccess('good', ['docs#write', 'albums'])).toEqual({ is_logged_in: true, is_authorized: false, missing_permissions: ['docs#write'] });
  });

  it('maps 403 to logged in but not authorized, and 401 to not logged in', async () => {
    expect(await oidc.hasUmaAccess('denied', 'docs#read')).toEqual({ is_logged_in: true, is_authorized: false, missing_permissions: ['docs#read'] });
    expect(await oidc.hasUmaAccess('expired', 'docs#read')).toEqual({ is_logged_in: false, is_authorized: false, missing_permissions: ['docs#read'] });
  });
});
