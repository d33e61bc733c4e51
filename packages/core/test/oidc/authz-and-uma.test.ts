import { KeycloakOpenID } from '@keycloak-ts/core';
import { startKeycloak, type KeycloakTestServer } from '@keycloak-ts/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// `app` introspects its own tokens: Keycloak 26.6.2+ wants it in their aud (an Audience mapper naming itself).
import { demoRealm, selfAudienceRealm } from './support/realm.js';

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
  kc = await startKeycloak({ realms: [selfAudienceRealm] });
  app = new KeycloakOpenID({ serverUrl: kc.url, realmName: 'demo', clientId: 'app', clientSecretKey: 'app-secret' });
});
afterAll(async () => {
  await app.close();
  await kc.close();
});

describe('getPolicies and getPermissions', () => {
  it('refuse a token whose aud lacks this client as audience_mismatch, a logged-out one that names it as revoked', async () => {
    // Without the Audience mapper, Keycloak 26.6.2+ answers app's introspection of its own token inactive.
    const plain = await startKeycloak({ realms: [demoRealm] });
    const bare = new KeycloakOpenID({
      serverUrl: plain.url,
      realmName: 'demo',
      clientId: 'app',
      clientSecretKey: 'app-secret',
    });
    try {
      await bare.loadAuthorizationConfig(settings);
      const { access_token } = await bare.token('alice', 'wonder');
      await expect(bare.getPolicies(access_token)).rejects.toMatchObject({
        name: 'KeycloakInvalidTokenError',
        reason: 'audience_mismatch',
        message: 'Keycloak reports the token inactive, and its aud does not contain app, the client introspecting it',
      });
      expect((await bare.getPolicies(access_token, { methodTokenInfo: 'decode' }))?.map((p) => p.name)).toEqual([
        'Readers',
      ]);
    } finally {
      await bare.close();
      await plain.close();
    }
    await app.loadAuthorizationConfig(settings);
    const tokens = await app.token('alice', 'wonder');
    await app.logout(tokens.refresh_token ?? '');
    await expect(app.getPermissions(tokens.access_token)).rejects.toMatchObject({ reason: 'revoked' });
  });

  it('refuse to run before a config is loaded, without calling Keycloak', async () => {
    const fresh = new KeycloakOpenID({
      serverUrl: kc.url,
      realmName: 'demo',
      clientId: 'app',
      clientSecretKey: 'app-secret',
    });
    kc.counters.reset();
    await expect(fresh.getPolicies('token')).rejects.toMatchObject({
      name: 'KeycloakAuthorizationConfigError',
      code: 'ERR_AUTHORIZATION_CONFIG',
    });
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
    await expect(app.getPermissions('not-a-token')).rejects.toMatchObject({
      name: 'KeycloakInvalidTokenError',
      reason: 'revoked',
    });
  });

  it('return undefined when the token has no role of this client', async () => {
    await app.loadAuthorizationConfig(settings);
    const { access_token: token } = await app.token('', '', { grantType: 'client_credentials' });
    expect(await app.getPolicies(token)).toBeUndefined();
  });
});
