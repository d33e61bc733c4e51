import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKeycloak, type KeycloakTestServer } from '@keycloak-ts/testing';

// openid-client (certified relying party) drives the in-memory Keycloak; where they disagree, the server is wrong.
const redirectUri = 'http://127.0.0.1:8765/callback';
let kc: KeycloakTestServer;
let config: oidc.Configuration;
let issuer: string;

beforeAll(async () => {
  kc = await startKeycloak({
    realms: [
      {
        realm: 'rp',
        enabled: true,
        users: [
          {
            username: 'carol',
            enabled: true,
            email: 'carol@example.com',
            emailVerified: true,
            firstName: 'Carol',
            lastName: 'Danvers',
            credentials: [{ type: 'password', value: 'marvel' }],
          },
        ],
        clients: [
          {
            clientId: 'rp-app',
            secret: 'rp-secret',
            redirectUris: [redirectUri],
            directAccessGrantsEnabled: true,
            serviceAccountsEnabled: true,
            attributes: { 'pkce.code.challenge.method': 'S256' },
            // The relying party introspects its own tokens, which Keycloak 26.6.2+ answers only to a client in
            // their aud: an Audience mapper names it, as an admin sets it up.
            protocolMappers: [
              {
                name: 'rp-app-audience',
                protocol: 'openid-connect',
                protocolMapper: 'oidc-audience-mapper',
                config: { 'included.client.audience': 'rp-app', 'access.token.claim': 'true' },
              },
            ],
          },
        ],
      },
    ],
  });
  issuer = `${kc.url}/realms/rp`;
  config = await oidc.discovery(new URL(issuer), 'rp-app', 'rp-secret', undefined, {
    execute: [oidc.allowInsecureRequests],
  });
});
afterAll(() => kc.close());

// The browser part of the code flow: open the authorization URL, post the login form, read the redirect.
async function browserLogin(url: URL, username: string, password: string): Promise<URL> {
  const page = await fetch(url, { redirect: 'manual' });
  const action = /<form[^>]*action="([^"]+)"/.exec(await page.text())?.[1]?.replace(/&amp;/g, '&');
  if (!action) throw new Error('no login form');
  const done = await fetch(action, {
    method: 'POST',
    redirect: 'manual',
    body: new URLSearchParams({ username, password }),
  });
  return new URL(done.headers.get('location') ?? '');
}

describe('openid-client against @keycloak-ts/testing', () => {
  it('discovers the realm and accepts its metadata', () => {
    const metadata = config.serverMetadata();
    expect(metadata.issuer).toBe(issuer);
    expect(metadata.token_endpoint).toBe(`${issuer}/protocol/openid-connect/token`);
    expect(metadata.code_challenge_methods_supported).toContain('S256');
  });

  it('runs client_credentials', async () => {
    const tokens = await oidc.clientCredentialsGrant(config);
    expect(tokens.token_type).toBe('bearer');
    expect(tokens.refresh_token).toBeUndefined();
    expect(typeof tokens.access_token).toBe('string');
  });

  it('runs the password grant through genericGrantRequest and validates its ID token', async () => {
    const tokens = await oidc.genericGrantRequest(config, 'password', {
      username: 'carol',
      password: 'marvel',
      scope: 'openid',
    });
    expect(tokens.claims()).toMatchObject({ iss: issuer, aud: 'rp-app', preferred_username: 'carol' });
  });

  it('refreshes tokens', async () => {
    const first = await oidc.genericGrantRequest(config, 'password', {
      username: 'carol',
      password: 'marvel',
      scope: 'openid',
    });
    const refreshed = await oidc.refreshTokenGrant(config, first.refresh_token ?? '');
    expect(refreshed.access_token).not.toBe(first.access_token);
    expect(refreshed.claims()?.sub).toBe(first.claims()?.sub);
  });

  it('completes the PKCE code flow with state, nonce and iss checked by the relying party', async () => {
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: 'openid email',
      state,
      nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    });
    const callback = await browserLogin(url, 'carol', 'marvel');
    const tokens = await oidc.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: verifier,
      expectedState: state,
      expectedNonce: nonce,
    });
    expect(tokens.claims()).toMatchObject({ iss: issuer, aud: 'rp-app', nonce, email: 'carol@example.com' });

    const userinfo = await oidc.fetchUserInfo(config, tokens.access_token, tokens.claims()?.sub ?? '');
    expect(userinfo).toMatchObject({ preferred_username: 'carol', email: 'carol@example.com' });

    const introspection = await oidc.tokenIntrospection(config, tokens.access_token);
    expect(introspection).toMatchObject({ active: true, client_id: 'rp-app', username: 'carol' });

    await oidc.tokenRevocation(config, tokens.access_token);
    expect((await oidc.tokenIntrospection(config, tokens.access_token)).active).toBe(false);
  });

  it('sees a replayed code refused as invalid_grant', async () => {
    const verifier = oidc.randomPKCECodeVerifier();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: 'openid',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    });
    const callback = await browserLogin(url, 'carol', 'marvel');
    await oidc.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, idTokenExpected: true });
    const replay = oidc.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier });
    await expect(replay).rejects.toMatchObject({
      code: 'OAUTH_RESPONSE_BODY_ERROR',
      error: 'invalid_grant',
      error_description: 'Code not valid',
    });
  });

  it('builds an end-session URL the server honours', async () => {
    const tokens = await oidc.genericGrantRequest(config, 'password', {
      username: 'carol',
      password: 'marvel',
      scope: 'openid',
    });
    const url = oidc.buildEndSessionUrl(config, { id_token_hint: tokens.id_token ?? '' });
    const answer = await fetch(url, { redirect: 'manual' });
    expect(answer.status).toBe(200);
    expect((await oidc.tokenIntrospection(config, tokens.access_token)).active).toBe(false);
  });
});
