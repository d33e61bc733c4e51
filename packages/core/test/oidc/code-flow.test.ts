import { createHash, randomBytes } from 'node:crypto';
import { KeycloakAuthenticationError, KeycloakOpenID } from '@keycloak-ts/core';
import {
  browserLogin,
  silentLogin,
  startKeycloak,
  type BrowserLoginResult,
  type KeycloakTestServer,
} from '@keycloak-ts/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure } from './support/failure.js';
import { audienceMapper, demoRealm } from './support/realm.js';

const redirectUri = 'http://localhost:3000/callback';
let kc: KeycloakTestServer;
let web: KeycloakOpenID;
let portal: KeycloakOpenID;

beforeAll(async () => {
  kc = await startKeycloak({
    realms: [
      {
        ...demoRealm,
        clients: [
          ...(demoRealm.clients ?? []),
          {
            clientId: 'portal',
            secret: 'portal-secret',
            redirectUris: ['http://localhost:3000/*'],
            // It introspects its own tokens, which Keycloak 26.6.2+ answers only to a client in their aud.
            protocolMappers: [audienceMapper('portal')],
          },
        ],
      },
    ],
  });
  web = new KeycloakOpenID({ serverUrl: kc.url, realmName: 'demo', clientId: 'web' });
  portal = new KeycloakOpenID({
    serverUrl: kc.url,
    realmName: 'demo',
    clientId: 'portal',
    clientSecretKey: 'portal-secret',
  });
});
afterAll(async () => {
  await Promise.all([web.close(), portal.close()]);
  await kc.close();
});

function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** Logs alice in through the login form of `oidc.authUrl(...)` and returns what the redirect URI receives. */
async function signIn(
  oidc: KeycloakOpenID,
  options: Parameters<KeycloakOpenID['authUrl']>[1] = {},
): Promise<BrowserLoginResult> {
  return browserLogin(await oidc.authUrl(redirectUri, { scope: 'openid', ...options }), {
    username: 'alice',
    password: 'wonder',
  });
}

describe('authorization code flow with PKCE', () => {
  it('exchanges the code of a form login for tokens when the S256 verifier matches', async () => {
    const { verifier, challenge } = pkcePair();
    const done = await signIn(web, {
      state: 'st-1',
      nonce: 'n-1',
      codeChallenge: challenge,
      codeChallengeMethod: 'S256',
    });
    expect(done.state).toBe('st-1');
    expect(done.iss).toBe(`${kc.url}/realms/demo`);
    const tokens = await web.token('', '', {
      grantType: 'authorization_code',
      code: done.code,
      redirectUri,
      codeVerifier: verifier,
    });
    expect(tokens).toMatchObject({ token_type: 'Bearer', session_state: done.sessionState });
    expect(tokens.scope?.split(' ')).toContain('openid');
    const claims = await web.decodeToken(tokens.access_token);
    expect(claims).toMatchObject({ preferred_username: 'alice', azp: 'web', sid: done.sessionState });
  });

  it('puts the nonce of authUrl into the ID token, bound to the client', async () => {
    const { verifier, challenge } = pkcePair();
    const done = await signIn(web, { nonce: 'n-0S6_WzA2Mj', codeChallenge: challenge });
    const tokens = await web.token('', '', {
      grantType: 'authorization_code',
      code: done.code,
      redirectUri,
      codeVerifier: verifier,
    });
    const idToken = await web.decodeToken<Record<string, unknown>>(tokens.id_token ?? '', {
      nonce: 'n-0S6_WzA2Mj',
      accessToken: tokens.access_token,
    });
    expect(idToken).toMatchObject({
      typ: 'ID',
      nonce: 'n-0S6_WzA2Mj',
      aud: 'web',
      azp: 'web',
      preferred_username: 'alice',
    });
    expect(typeof idToken['at_hash']).toBe('string');
  });

  it('refuses a wrong verifier with KeycloakAuthenticationError carrying the server body', async () => {
    const { challenge } = pkcePair();
    const done = await signIn(web, { codeChallenge: challenge });
    const code = done.code;
    const wrong = pkcePair().verifier;
    const error = await failure(
      web.token('', '', { grantType: 'authorization_code', code, redirectUri, codeVerifier: wrong }),
    );
    expect(error).toBeInstanceOf(KeycloakAuthenticationError);
    expect(error.code).toBe('ERR_AUTHENTICATION');
    expect(error.status).toBe(400);
    expect(error.body).toEqual({
      error: 'invalid_grant',
      error_description: 'PKCE verification failed: Code mismatch',
    });
    expect(error.message).toBe('PKCE verification failed: Code mismatch');
    expect(error.message + JSON.stringify(error.body)).not.toContain(wrong);
  });

  it('refuses a missing verifier when the authorization request had a challenge', async () => {
    const done = await signIn(web, { codeChallenge: pkcePair().challenge });
    const error = await failure(web.token('', '', { grantType: 'authorization_code', code: done.code, redirectUri }));
    expect(error).toBeInstanceOf(KeycloakAuthenticationError);
    expect(error.body).toEqual({ error: 'invalid_grant', error_description: 'PKCE code verifier not specified' });
  });

  it('accepts a code once: the replay fails with "Code not valid"', async () => {
    const { verifier, challenge } = pkcePair();
    const code = (await signIn(web, { codeChallenge: challenge })).code;
    await web.token('', '', { grantType: 'authorization_code', code, redirectUri, codeVerifier: verifier });
    const error = await failure(
      web.token('', '', { grantType: 'authorization_code', code, redirectUri, codeVerifier: verifier }),
    );
    expect(error.body).toEqual({ error: 'invalid_grant', error_description: 'Code not valid' });
  });

  it('refuses a redirect URI other than the one the code was issued for', async () => {
    const { verifier, challenge } = pkcePair();
    const code = (await signIn(web, { codeChallenge: challenge })).code;
    const error = await failure(
      web.token('', '', {
        grantType: 'authorization_code',
        code,
        redirectUri: 'http://localhost:3000/other',
        codeVerifier: verifier,
      }),
    );
    expect(error.body).toEqual({ error: 'invalid_grant', error_description: 'Incorrect redirect_uri' });
  });

  it('lets a confidential client redeem its code with its secret', async () => {
    const { verifier, challenge } = pkcePair();
    const code = (await signIn(portal, { codeChallenge: challenge })).code;
    const tokens = await portal.token('', '', {
      grantType: 'authorization_code',
      code,
      redirectUri,
      codeVerifier: verifier,
    });
    expect((await portal.decodeToken(tokens.access_token)).azp).toBe('portal');
    expect(await portal.introspect(tokens.access_token)).toMatchObject({
      active: true,
      client_id: 'portal',
      username: 'alice',
    });
  });
});

describe('the session of a code flow', () => {
  it('refreshes the code flow tokens in the same session', async () => {
    const { verifier, challenge } = pkcePair();
    const done = await signIn(web, { codeChallenge: challenge });
    const tokens = await web.token('', '', {
      grantType: 'authorization_code',
      code: done.code,
      redirectUri,
      codeVerifier: verifier,
    });
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
    const tokens = await web.token('', '', {
      grantType: 'authorization_code',
      code: done.code,
      redirectUri,
      codeVerifier: verifier,
    });
    const silent = async () =>
      silentLogin(await web.authUrl(redirectUri, { scope: 'openid' }), { cookies: done.cookies });
    expect((await silent()).sessionState).toBe(done.sessionState);

    await web.logout(tokens.refresh_token ?? '');

    await expect(silent()).rejects.toMatchObject({ code: 'ERR_LOGIN_REDIRECT_ERROR', error: 'login_required' });
    const error = await failure(web.refreshToken(tokens.refresh_token ?? ''));
    expect(error).toBeInstanceOf(KeycloakAuthenticationError);
    expect(error.body).toEqual({ error: 'invalid_grant', error_description: 'Session not active' });
    const userinfo = await failure(web.userinfo(tokens.access_token));
    expect(userinfo).toBeInstanceOf(KeycloakAuthenticationError);
    expect(userinfo.status).toBe(401);
  });
});
