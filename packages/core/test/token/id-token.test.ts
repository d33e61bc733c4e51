import {
  KeycloakGuard,
  TokenVerifier,
  type KeycloakIdTokenClaims,
  type RequestSource,
  type TokenVerifierOptions,
} from '@keycloak-ts/core';
import { browserLogin, startKeycloak, type KeycloakTestServer, type RealmRepresentation } from '@keycloak-ts/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invalidTokenError, reasonOf } from './support/expect-invalid.js';

// ID tokens as the in-memory Keycloak issues them (password grant with scope openid, and the code flow
// through its login form), verified by TokenVerifier with tokenType 'ID'.

const redirectUri = 'http://localhost:3000/callback';
const realm: RealmRepresentation = {
  realm: 'shop',
  enabled: true,
  users: [
    {
      username: 'alice',
      enabled: true,
      email: 'alice@example.com',
      firstName: 'Alice',
      lastName: 'Liddell',
      credentials: [{ type: 'password', value: 'alice' }],
    },
  ],
  clients: [
    {
      clientId: 'web',
      publicClient: true,
      directAccessGrantsEnabled: true,
      redirectUris: ['http://localhost:3000/*'],
      // web's access tokens are meant for the API (its guard checks aud); its ID tokens stay web's own.
      protocolMappers: [
        {
          name: 'api audience',
          protocol: 'openid-connect',
          protocolMapper: 'oidc-audience-mapper',
          config: { 'included.client.audience': 'api', 'access.token.claim': 'true' },
        },
      ],
    },
    { clientId: 'admin-ui', publicClient: true, directAccessGrantsEnabled: true },
    { clientId: 'api', bearerOnly: true },
  ],
};

let kc: KeycloakTestServer;
let issuer: string;

beforeAll(async () => {
  kc = await startKeycloak({ realms: [realm] });
  issuer = `${kc.url}/realms/shop`;
});
afterAll(() => kc.close());

interface Tokens {
  access_token: string;
  refresh_token: string;
  id_token: string;
}

async function tokenEndpoint(fields: Record<string, string>): Promise<Tokens> {
  const response = await fetch(`${issuer}/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as Tokens;
}

function passwordGrant(clientId = 'web'): Promise<Tokens> {
  return tokenEndpoint({
    grant_type: 'password',
    client_id: clientId,
    username: 'alice',
    password: 'alice',
    scope: 'openid',
  });
}

/** Logs alice in through the login form with `nonce` and exchanges the code. */
async function codeFlow(nonce: string): Promise<Tokens> {
  const query = new URLSearchParams({
    client_id: 'web',
    redirect_uri: redirectUri,
    response_type: 'code',
    scope: 'openid',
    nonce,
  });
  const { code } = await browserLogin(`${issuer}/protocol/openid-connect/auth?${query}`, {
    username: 'alice',
    password: 'alice',
  });
  return tokenEndpoint({ grant_type: 'authorization_code', client_id: 'web', code, redirect_uri: redirectUri });
}

function idVerifier(options: Partial<TokenVerifierOptions> = {}): TokenVerifier<KeycloakIdTokenClaims> {
  return new TokenVerifier<KeycloakIdTokenClaims>({ issuer, tokenType: 'ID', clientId: 'web', ...options });
}

describe('TokenVerifier with tokenType ID', () => {
  it('verifies the ID token of a password grant with scope openid, bound to its access token', async () => {
    const tokens = await passwordGrant();
    const verified = await idVerifier().verify(tokens.id_token, { accessToken: tokens.access_token });
    expect(verified.claims).toMatchObject({
      typ: 'ID',
      aud: 'web',
      azp: 'web',
      iss: issuer,
      preferred_username: 'alice',
    });
    expect(verified.claims.at_hash).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('verifies the ID token of the code flow against the nonce sent and the max age of the login', async () => {
    const tokens = await codeFlow('n-0S6_WzA2Mj');
    const { claims } = await idVerifier().verify(tokens.id_token, {
      nonce: 'n-0S6_WzA2Mj',
      accessToken: tokens.access_token,
      authMaxAge: 60_000,
    });
    expect(claims.nonce).toBe('n-0S6_WzA2Mj');
    expect(typeof claims.auth_time).toBe('number');
  });

  it('refuses the ID token of the code flow with another nonce as nonce_mismatch', async () => {
    const tokens = await codeFlow('n-sent');
    const error = await invalidTokenError(idVerifier().verify(tokens.id_token, { nonce: 'n-other' }));
    expect(error.reason).toBe('nonce_mismatch');
    expect(error.message).not.toContain('n-sent');
  });

  it('refuses a nonce check on an ID token issued without nonce as nonce_mismatch', async () => {
    const tokens = await passwordGrant();
    expect(await reasonOf(idVerifier().verify(tokens.id_token, { nonce: 'n-1' }))).toBe('nonce_mismatch');
  });

  it('refuses the ID token with the access token of another grant as at_hash_mismatch', async () => {
    const [first, second] = await Promise.all([passwordGrant(), passwordGrant()]);
    expect(await reasonOf(idVerifier().verify(first.id_token, { accessToken: second.access_token }))).toBe(
      'at_hash_mismatch',
    );
  });

  it('refuses an authentication older than the max age as auth_too_old, on the verifier clock', async () => {
    const tokens = await codeFlow('n-age');
    const authTime = (await idVerifier().verify(tokens.id_token)).claims.auth_time as number;
    const later = idVerifier({ now: () => (authTime + 120) * 1000, tokenCache: false });
    expect(await reasonOf(later.verify(tokens.id_token, { authMaxAge: 60_000 }))).toBe('auth_too_old');
    expect((await later.verify(tokens.id_token, { authMaxAge: 180_000 })).claims.auth_time).toBe(authTime);
  });

  it('refuses an auth_time check on an ID token without auth_time (password grant) as missing_claim', async () => {
    const tokens = await passwordGrant();
    expect(await reasonOf(idVerifier().verify(tokens.id_token, { authMaxAge: 60_000 }))).toBe('missing_claim');
  });

  it('runs the per-call checks on cache hits too', async () => {
    const tokens = await codeFlow('n-cached');
    const verifier = idVerifier();
    await verifier.verify(tokens.id_token, { nonce: 'n-cached' });
    expect(await reasonOf(verifier.verify(tokens.id_token, { nonce: 'n-other' }))).toBe('nonce_mismatch');
    expect(await reasonOf(verifier.verify(tokens.id_token, { accessToken: tokens.refresh_token }))).toBe(
      'at_hash_mismatch',
    );
    expect(verifier.stats).toMatchObject({ cacheHits: 2, signatureVerifications: 1 });
  });

  it('refuses the ID token of another client of the realm as audience_mismatch', async () => {
    const tokens = await passwordGrant('admin-ui');
    const error = await invalidTokenError(idVerifier().verify(tokens.id_token));
    expect(error.reason).toBe('audience_mismatch');
    expect(error.message).toBe('The ID token audience does not contain the client id');
  });

  it('refuses an access token when only ID tokens are accepted, and ID-token checks on an access token', async () => {
    const tokens = await passwordGrant();
    const onlyId = await invalidTokenError(idVerifier().verify(tokens.access_token));
    expect(onlyId).toMatchObject({
      reason: 'wrong_token_type',
      message: 'The token is an access token (typ "Bearer"), not an accepted type',
    });
    const both = idVerifier({ tokenType: ['Bearer', 'ID'] });
    expect((await both.verify(tokens.access_token)).claims.typ).toBe('Bearer');
    expect((await both.verify(tokens.id_token)).claims.typ).toBe('ID');
    const checked = await invalidTokenError(both.verify(tokens.access_token, { nonce: 'n-1' }));
    expect(checked).toMatchObject({
      reason: 'wrong_token_type',
      message: 'ID-token checks were asked but the token is not an ID token',
    });
  });

  it('still refuses the refresh token, saying only Keycloak can check it', async () => {
    const tokens = await passwordGrant();
    const error = await invalidTokenError(idVerifier({ tokenType: ['Bearer', 'ID'] }).verify(tokens.refresh_token));
    expect(error).toMatchObject({
      reason: 'wrong_token_type',
      message: 'The token is a refresh token: only Keycloak can check it (introspection or a refresh grant)',
    });
  });
});

describe('the default token type', () => {
  it('refuses an ID token in TokenVerifier as wrong_token_type', async () => {
    const tokens = await passwordGrant();
    const error = await invalidTokenError(new TokenVerifier({ issuer }).verify(tokens.id_token));
    expect(error).toMatchObject({
      reason: 'wrong_token_type',
      message: 'The token is an ID token (typ "ID"), not an access token',
    });
  });

  it('refuses an ID token sent to a guard as a bearer token with 401 invalid_token', async () => {
    const tokens = await passwordGrant();
    const source: RequestSource<{ rawHeaders: string[] }> = {
      rawHeaders: (request) => request.rawHeaders,
      query: () => undefined,
    };
    const guard = new KeycloakGuard({ serverUrl: kc.url, realm: 'shop', clientId: 'api' }, source);
    try {
      const error: unknown = await Promise.resolve()
        .then(() => guard.protectInline()({ rawHeaders: ['Authorization', `Bearer ${tokens.id_token}`] }))
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(error).toMatchObject({ status: 401, code: 'ERR_TOKEN_REJECTED', reason: 'wrong_token_type' });
      expect((error as { headers: Record<string, string> }).headers).toEqual({
        'www-authenticate':
          'Bearer realm="shop", error="invalid_token", error_description="The access token is invalid"',
      });
      expect(
        await Promise.resolve(
          guard.protectInline()({ rawHeaders: ['Authorization', `Bearer ${tokens.access_token}`] }),
        ),
      ).toBeDefined();
    } finally {
      await guard.close();
    }
  });
});

describe('TokenVerifier ID-token options', () => {
  it.each([
    [{ tokenType: 'ID' }, '"clientId" is required when "tokenType" accepts ID tokens'],
    [{ tokenType: ['Bearer', 'ID'] }, '"clientId" is required when "tokenType" accepts ID tokens'],
    [{ tokenType: 'Refresh' }, '"tokenType" must be "Bearer", "ID" or a non-empty list of them'],
    [{ tokenType: [] }, '"tokenType" must be "Bearer", "ID" or a non-empty list of them'],
    [{ tokenType: 'ID', clientId: '' }, '"clientId" must be a non-empty string'],
  ])('throws a TypeError naming the option for %j', (options, message) => {
    expect(
      () => new TokenVerifier({ issuer: 'https://kc.example/realms/a', ...(options as Partial<TokenVerifierOptions>) }),
    ).toThrow(new TypeError(message));
  });

  it.each([
    [{ nonce: '' }, '"nonce" must be a non-empty string'],
    [{ accessToken: 42 }, '"accessToken" must be a non-empty string'],
    [{ authMaxAge: -1 }, '"authMaxAge" must be a non-negative number of milliseconds'],
  ])('rejects the malformed per-call check %j with a TypeError', async (checks, message) => {
    const tokens = await passwordGrant();
    await expect(idVerifier().verify(tokens.id_token, checks as object)).rejects.toThrow(new TypeError(message));
  });
});
