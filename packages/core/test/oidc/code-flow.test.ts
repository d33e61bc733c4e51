import { createHash, randomBytes } from 'node:crypto';
import { KeycloakAuthenticationError, KeycloakOpenID } from '@keycloak-ts/core';
import { startKeycloak, type KeycloakTestServer } from '@keycloak-ts/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieOf, get, login, redirectParams } from '../support/browser.js';
import { failure } from './support/failure.js';
import { demoRealm } from './support/realm.js';

const redirectUri = 'http://localhost:3000/callback';
let kc: KeycloakTestServer;
let web: KeycloakOpenID;
let portal: KeycloakOpenID;

beforeAll(async () => {
  kc = await startKeycloak({
    realms: [{ ...demoRealm, clients: [...(demoRealm.clients ?? []), { clientId: 'portal', secret: 'portal-secret', redirectUris: ['http://localhost:3000/*'] }] }],
  });
  web = new KeycloakOpenID({ serverUrl: kc.url, realmName: 'demo', clientId: 'web' });
  portal = new KeycloakOpenID({ serverUrl: kc.url, realmName: 'demo', clientId: 'portal', clientSecretKey: 'portal-secret' });
});
afterAll(async () => {
  await Promise.all([web.close(), portal.close()]);
  await kc.close();
});

function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** Logs alice in through the login form of `oidc.authUrl(...)` and returns the redirect. */
async function signIn(oidc: KeycloakOpenID, options: Parameters<KeycloakOpenID['authUrl']>[1] = {}): Promise<Response> {
  const done = await login(await oidc.authUrl(redirectUri, { scope: 'openid', ...options }), 'alice', 'wonder');
  expect(done.status).toBe(302);
  return done;
}

describe('authorization code flow with PKCE', () => {
  it('exchanges the code of a form login for tokens when the S256 verifier matches', async () => {
    const { verifier, challenge } = pkcePair();
    const done = await signIn(web, { state: 'st-1', nonce: 'n-1', codeChallenge: challenge, codeChallengeMethod: 'S256' });
    const params = redirectParams(done);
    expect(params.get('state')).toBe('st-1');
    expect(params.get('iss')).toBe(`${kc.url}/realms/demo`);
    const tokens = await web.token('', '', { grantType: 'authorization_code', code: params.get('code') ?? '', redirectUri, codeVerifier: verifier });
    expect(tokens).toMatchObject({ token_type: 'Bearer', session_state: params.get('session_state') });
    expect(tokens.scope?.split(' ')).toContain('openid');
    const claims = await web.decodeToken(tokens.access_token);
    expect(claims).toMatchObject({ preferred_username: 'alice', azp: 'web', sid: params.get('session_state') });
  });

  it('puts the nonce of authUrl into the ID token, bound to the client', async () => {
    const { verifier, challenge } = pkcePair();
    const done = await signIn(web, { nonce: 'n-0S6_WzA2Mj', codeChallenge: challenge });
    const tokens = await web.token('', '', { grantType: 'authorization_code', code: redirectParams(done).get('code') ?? '', redirectUri, codeVerifier: verifier });
    const idToken = await web.decodeToken<Record<string, unknown>>(tokens.id_token ?? '', { validate: false });
    expect(idToken).toMatchObject({ typ: 'ID', nonce: 'n-0S6_WzA2Mj', aud: 'web', azp: 'web', preferred_username: 'alice' });
    expect(typeof idToken['at_hash']).toBe('string');
  });

  it('refuses a wrong verifier with KeycloakAuthenticationError carrying the server body', async () => {
    const { challenge } = pkcePair();
    const done = await signIn(web, { codeChallenge: challenge });
    const code = redirectParams(done).get('code') ?? '';
    const wrong = pkcePair().verifier;
    const error = await failure(web.token('', '', { grantType: 'authorization_code', code, redirectUri, codeVerifier: wrong }));
    expect(error).toBeInstanceOf(KeycloakAuthenticationError);
    expect(error.code).toBe('ERR_AUTHENTICATION');
    expect(error.status).toBe(400);
    expect(error.body).toEqual({ error: 'invalid_grant', error_description: 'PKCE verification failed: Code mismatch' });
    expect(error.message).toBe('PKCE verification failed: Code mismatch');
    expect(error.message + JSON.stringify(error.body)).not.toContain(wrong);
  });

  it('refuses a missing verifier when the authorization request had a challenge', async () => {
    const done = await signIn(web, { codeChallenge: pkcePair().challenge });
    const error = await failure(web.token('', '', { grantType: 'authorization_code', code: redirectParams(done).get('code') ?? '', redirectUri }));
    expect(error).toBeInstanceOf(KeycloakAuthenticationError);
    expect(error.body).toEqual({ error: 'invalid_grant', error_description: 'PKCE code verifier not specified' });
  });

  it('accepts a code once: the replay fails with "Code not valid"', async () => {
    const { verifier, challenge } = pkcePair();
    const code = redirectParams(await signIn(web, { codeChallenge: challenge })).get('code') ?? '';
    await web.token('', '', { grantType: 'authorization_code', code, redirectUri, codeVerifier: verifier });
    const error = await failure(web.token('', '', { grantType: 'authorization_code', code, redirectUri, codeVerifier: verifier }));
    expect(error.body).toEqual({ error: 'invalid_grant', error_description: 'Code not valid' });
  });

  it('refuses a redirect URI other than the one the code was issued for', async () => {
    const { verifier, challenge } = pkcePair();
    const code = redirectParams(await signIn(web, { codeChallenge: challenge })).get('code') ?? '';
    const error = await failure(web.token('', '', { grantType: 'authorization_code', code, redirectUri: 'http://localhost:3000/other', codeVerifier: verifier }));
    expect(error.body).toEqual({ error: 'invalid_grant', error_description: 'Incorrect redirect_uri' });
  });

  it('lets a confidential client redeem its code with its secret', async () => {
    const { verifier, challenge } = pkcePair();
    const code = redirectParams(await signIn(portal, { codeChallenge: challenge })).get('code') ?? '';
    const tokens = await portal.token('', '', { grantType: 'authorization_code', code, redirectUri, codeVerifier: verifier });
    expect((await portal.decodeToken(tokens.access_token)).azp).toBe('portal');
    expect(await portal.introspect(tokens.access_token)).toMatchObject({ active: true, client_id: 'portal', username: 'alice' });
  });
});

describe('the session of a code flow', () => {
  it('refreshes the code flow tokens in the same session', async () => {
    const { verifier, challenge } = pkcePair();
    const done = await signIn(web, { codeChallenge: challenge });
    const tokens = await web.token('', '', { grantType: 'authorization_code', code: redirectParams(done).get('code') ?? '', redirectUri, codeVerifier: verifier });
    const refreshed = await web.refreshToken(tokens.refresh_token ?? '');
    expect(refreshed.access_token).not.toBe(tokens.access_token);
    const before = await web.decodeToken(tokens.access_token);
    const after = await web.decodeToken(refreshed.access_token);
    expect(after.sid).toBe(before.sid);
    expect(after.sub).toBe(before.sub);
  });

  it('ends the SSO session on logout: the browser cookie no longer signs in silently', async () => {
    const { verifier, challenge } = pkcePair();
    const done = await signIn(web, { codeChallenge: challenge });
    const cookie = cookieOf(done);
    const tokens = await web.token('', '', { grantType: 'authorization_code', code: redirectParams(done).get('code') ?? '', redirectUri, codeVerifier: verifier });
    const silent = async () => redirectParams(await get(await web.authUrl(redirectUri, { scope: 'openid', extraParams: { prompt: 'none' } }), { cookie }));
    expect((await silent()).get('code')).toBeTruthy();

    await web.logout(tokens.refresh_token ?? '');

    expect((await silent()).get('error')).toBe('login_required');
    const error = await failure(web.refreshToken(tokens.refresh_token ?? ''));
    expect(error).toBeInstanceOf(KeycloakAuthenticationError);
    expect(error.body).toEqual({ error: 'invalid_grant', error_description: 'Session not active' });
    const userinfo = await failure(web.userinfo(tokens.access_token));
    expect(userinfo).toBeInstanceOf(KeycloakAuthenticationError);
    expect(userinfo.status).toBe(401);
  });
});
