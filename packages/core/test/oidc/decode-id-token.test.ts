import { KeycloakOpenID } from '@keycloak-ts/core';
import { browserLogin, startKeycloak, type KeycloakTestServer } from '@keycloak-ts/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure } from './support/failure.js';
import { demoRealm } from './support/realm.js';

// decodeToken on ID tokens: python-keycloak's decode_token verifies whatever the realm signs, so ID
// tokens validate by default here too, bound to this client and, on request, to one login.

const redirectUri = 'http://localhost:3000/callback';
let kc: KeycloakTestServer;
let web: KeycloakOpenID;
let app: KeycloakOpenID;

beforeAll(async () => {
  kc = await startKeycloak({ realms: [demoRealm] });
  web = new KeycloakOpenID({ serverUrl: kc.url, realmName: 'demo', clientId: 'web' });
  app = new KeycloakOpenID({ serverUrl: kc.url, realmName: 'demo', clientId: 'app', clientSecretKey: 'app-secret' });
});
afterAll(async () => {
  await Promise.all([web.close(), app.close()]);
  await kc.close();
});

async function codeFlow(nonce: string) {
  const done = await browserLogin(await web.authUrl(redirectUri, { scope: 'openid', nonce }), {
    username: 'alice',
    password: 'wonder',
  });
  return web.token('', '', { grantType: 'authorization_code', code: done.code, redirectUri });
}

describe('decodeToken on ID tokens', () => {
  it('verifies the ID token of the code flow with its nonce, access token and max age', async () => {
    const tokens = await codeFlow('n-web-1');
    const claims = await web.decodeToken<Record<string, unknown>>(tokens.id_token ?? '', {
      nonce: 'n-web-1',
      accessToken: tokens.access_token,
      authMaxAge: 60_000,
    });
    expect(claims).toMatchObject({ typ: 'ID', aud: 'web', azp: 'web', nonce: 'n-web-1', preferred_username: 'alice' });
  });

  it('refuses another nonce as nonce_mismatch and another access token as at_hash_mismatch', async () => {
    const tokens = await codeFlow('n-web-2');
    const other = await web.token('alice', 'wonder');
    const nonce = await failure(web.decodeToken(tokens.id_token ?? '', { nonce: 'n-web-3' }));
    expect(nonce).toMatchObject({
      name: 'KeycloakInvalidTokenError',
      code: 'ERR_INVALID_TOKEN',
      reason: 'nonce_mismatch',
    });
    const atHash = await failure(web.decodeToken(tokens.id_token ?? '', { accessToken: other.access_token }));
    expect(atHash).toMatchObject({ code: 'ERR_INVALID_TOKEN', reason: 'at_hash_mismatch' });
  });

  it('refuses the ID token of another client as audience_mismatch, while its access token decodes', async () => {
    const tokens = await app.token('alice', 'wonder');
    await expect(web.decodeToken(tokens.id_token ?? '')).rejects.toMatchObject({ reason: 'audience_mismatch' });
    expect((await app.decodeToken(tokens.id_token ?? '')).aud).toBe('app');
    expect((await web.decodeToken(tokens.access_token)).azp).toBe('app');
  });

  it('refuses ID-token checks on an access token and ID tokens when tokenType is Bearer', async () => {
    const tokens = await web.token('alice', 'wonder');
    await expect(web.decodeToken(tokens.access_token, { nonce: 'n-1' })).rejects.toMatchObject({
      reason: 'wrong_token_type',
    });
    await expect(web.decodeToken(tokens.id_token ?? '', { tokenType: 'Bearer' })).rejects.toMatchObject({
      reason: 'wrong_token_type',
    });
    expect((await web.decodeToken(tokens.id_token ?? '', { tokenType: 'ID' })).typ).toBe('ID');
    await expect(web.decodeToken(tokens.access_token, { tokenType: 'ID' })).rejects.toMatchObject({
      reason: 'wrong_token_type',
    });
  });

  it('verifies access and ID tokens with one JWKS fetch', async () => {
    const oidc = new KeycloakOpenID({ serverUrl: kc.url, realmName: 'demo', clientId: 'web' });
    const tokens = await oidc.token('alice', 'wonder');
    kc.counters.reset();
    await oidc.decodeToken(tokens.access_token);
    await oidc.decodeToken(tokens.id_token ?? '');
    await oidc.decodeToken(tokens.id_token ?? '', { accessToken: tokens.access_token });
    await oidc.decodeToken(tokens.id_token ?? '', { tokenType: 'ID' });
    expect(kc.counters.get('certs')).toBe(1);
    await oidc.close();
  });

  it('keeps refusing ID tokens where the claims decide access (getPolicies with methodTokenInfo decode)', async () => {
    const oidc = new KeycloakOpenID({
      serverUrl: kc.url,
      realmName: 'demo',
      clientId: 'app',
      clientSecretKey: 'app-secret',
    });
    await oidc.loadAuthorizationConfig({
      policies: [{ name: 'Readers', type: 'role', logic: 'POSITIVE', config: { roles: '[{"id":"app/reader"}]' } }],
    });
    const tokens = await oidc.token('alice', 'wonder');
    expect(
      (await oidc.getPolicies(tokens.access_token, { methodTokenInfo: 'decode' }))?.map((policy) => policy.name),
    ).toEqual(['Readers']);
    await expect(oidc.getPolicies(tokens.id_token ?? '', { methodTokenInfo: 'decode' })).rejects.toMatchObject({
      reason: 'wrong_token_type',
    });
    await oidc.close();
  });
});
