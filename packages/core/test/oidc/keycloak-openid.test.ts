import { KeycloakAuthenticationError, KeycloakOpenID } from '@keycloak-ts/core';
import { startKeycloak, type KeycloakTestServer } from '@keycloak-ts/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { failure } from './support/failure.js';
// `app` introspects its own tokens: Keycloak 26.6.2+ wants it in their aud (an Audience mapper naming itself).
import { selfAudienceRealm } from './support/realm.js';

let kc: KeycloakTestServer;
let app: KeycloakOpenID;
let web: KeycloakOpenID;

beforeAll(async () => {
  kc = await startKeycloak({ realms: [selfAudienceRealm] });
  app = new KeycloakOpenID({ serverUrl: kc.url, realmName: 'demo', clientId: 'app', clientSecretKey: 'app-secret' });
  web = new KeycloakOpenID({ serverUrl: kc.url, realmName: 'demo', clientId: 'web' });
});
afterAll(async () => {
  await Promise.all([app.close(), web.close()]);
  await kc.close();
});
afterEach(() => {
  kc.faults.clear();
  kc.counters.reset();
});

describe('wellKnown', () => {
  it('returns the realm discovery document and fetches it again on every call', async () => {
    const first = await app.wellKnown();
    await app.wellKnown();
    expect(first.issuer).toBe(`${kc.url}/realms/demo`);
    expect(first.token_endpoint).toBe(`${kc.url}/realms/demo/protocol/openid-connect/token`);
    expect(kc.counters.get('discovery')).toBe(2);
  });

  it('reports an unknown realm as a KeycloakGetError with status 404 and Keycloak body', async () => {
    const nowhere = new KeycloakOpenID({ serverUrl: kc.url, realmName: 'nowhere', clientId: 'app' });
    const error = await failure(nowhere.wellKnown());
    expect(error.name).toBe('KeycloakGetError');
    expect(error.code).toBe('ERR_HTTP');
    expect(error.status).toBe(404);
    expect(error.body).toEqual({ error: 'Realm does not exist' });
    await nowhere.close();
  });
});

describe('authUrl', () => {
  it('builds the authorization URL from the cached discovery with every value encoded', async () => {
    const oidc = new KeycloakOpenID({ serverUrl: kc.url, realmName: 'demo', clientId: 'we b&x' });
    const url = await oidc.authUrl('http://localhost:3000/cb?next=/a&b=1', { state: 's&t=1', nonce: 'n n' });
    await oidc.authUrl('http://localhost:3000/cb');
    expect(url).toBe(
      `${kc.url}/realms/demo/protocol/openid-connect/auth?client_id=we%20b%26x&response_type=code` +
        '&redirect_uri=http%3A%2F%2Flocalhost%3A3000%2Fcb%3Fnext%3D%2Fa%26b%3D1&scope=email&state=s%26t%3D1&nonce=n%20n',
    );
    expect(kc.counters.get('discovery')).toBe(1);
    await oidc.close();
  });

  it('appends the PKCE challenge and its method', async () => {
    const url = new URL(
      await web.authUrl('http://localhost:3000/cb', {
        scope: 'openid profile',
        codeChallenge: 'abc-_',
        codeChallengeMethod: 'S256',
      }),
    );
    expect(url.searchParams.get('scope')).toBe('openid profile');
    expect(url.searchParams.get('code_challenge')).toBe('abc-_');
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
  });
});

describe('token', () => {
  it('uses the password grant by default and returns Keycloak token response fields', async () => {
    const tokens = await web.token('alice', 'wonder');
    expect(tokens.token_type).toBe('Bearer');
    expect(typeof tokens.access_token).toBe('string');
    expect(typeof tokens.refresh_token).toBe('string');
    expect(typeof tokens.id_token).toBe('string');
    expect(tokens.expires_in).toBeGreaterThan(0);
  });

  it('gets a service account token with the client_credentials grant', async () => {
    const tokens = await app.token('', '', { grantType: 'client_credentials' });
    const claims = await app.decodeToken(tokens.access_token);
    expect(claims.azp).toBe('app');
    expect(claims.preferred_username).toBe('service-account-app');
  });

  it('refuses a wrong password with KeycloakAuthenticationError, status 400 and invalid_grant', async () => {
    const error = await failure(web.token('alice', 'not-the-password'));
    expect(error).toBeInstanceOf(KeycloakAuthenticationError);
    expect(error.code).toBe('ERR_AUTHENTICATION');
    expect(error.status).toBe(400);
    expect(error.body).toEqual({ error: 'invalid_grant', error_description: 'Invalid user credentials' });
    expect(error.message).toBe('Invalid user credentials');
    expect(error.message).not.toContain('not-the-password');
  });

  it('refuses a wrong client secret with KeycloakAuthenticationError and status 401', async () => {
    const wrong = new KeycloakOpenID({
      serverUrl: kc.url,
      realmName: 'demo',
      clientId: 'app',
      clientSecretKey: 'wrong-secret',
    });
    const error = await failure(wrong.token('alice', 'wonder'));
    expect(error).toBeInstanceOf(KeycloakAuthenticationError);
    expect(error.status).toBe(401);
    expect((error.body as { error: string }).error).toBe('unauthorized_client');
    expect(JSON.stringify(error.body) + error.message).not.toContain('wrong-secret');
    await wrong.close();
  });

  it('reports an unsupported grant as a KeycloakPostError with status 400', async () => {
    const error = await failure(web.token('', '', { grantType: 'urn:example:nothing' }));
    expect(error.name).toBe('KeycloakPostError');
    expect(error.status).toBe(400);
    expect((error.body as { error: string }).error).toBe('unsupported_grant_type');
  });

  it('sends extra parameters in the form, over the named ones', async () => {
    const tokens = await web.token('alice', 'wonder', { extra: { scope: 'openid offline_access' } });
    expect((await web.decodeToken<{ typ: string }>(tokens.refresh_token as string, { validate: false })).typ).toBe(
      'Offline',
    );
  });
});

describe('refreshToken and logout', () => {
  it('refreshes a token, then logout ends the session so the refresh token stops working', async () => {
    const tokens = await app.token('alice', 'wonder');
    const refreshed = await app.refreshToken(tokens.refresh_token as string);
    expect(refreshed.access_token).not.toBe(tokens.access_token);
    await app.logout(refreshed.refresh_token as string);
    const error = await failure(app.refreshToken(refreshed.refresh_token as string));
    expect(error).toBeInstanceOf(KeycloakAuthenticationError);
    expect(error.status).toBe(400);
    expect((error.body as { error: string }).error).toBe('invalid_grant');
  });
});

describe('userinfo', () => {
  it('returns the user claims for an access token', async () => {
    const tokens = await web.token('alice', 'wonder');
    const info = await web.userinfo(tokens.access_token);
    expect(info).toMatchObject({ preferred_username: 'alice', email: 'alice@example.com' });
  });

  it('reports a bad token as KeycloakAuthenticationError with status 401', async () => {
    const error = await failure(web.userinfo('not-a-token'));
    expect(error).toBeInstanceOf(KeycloakAuthenticationError);
    expect(error.status).toBe(401);
  });
});

describe('certs and publicKey', () => {
  it('returns the realm JWKS and the realm public key', async () => {
    const jwks = await app.certs();
    const publicKey = await app.publicKey();
    expect(jwks.keys.some((key) => key.use === 'sig' && key.alg === 'RS256')).toBe(true);
    expect(publicKey).toMatch(/^MIIB[A-Za-z0-9+/=]+$/);
  });
});

describe('entitlement', () => {
  it('reports the removed entitlement API as KeycloakDeprecationError', async () => {
    const tokens = await web.token('alice', 'wonder');
    const error = await failure(web.entitlement(tokens.access_token, 'app'));
    expect(error.name).toBe('KeycloakDeprecationError');
    expect(error.status).toBe(404);
  });
});

describe('introspect', () => {
  it('says an access token is active and a garbage token is not', async () => {
    const tokens = await app.token('alice', 'wonder');
    const active = await app.introspect(tokens.access_token);
    const inactive = await app.introspect('garbage');
    expect(active).toMatchObject({ active: true, username: 'alice', client_id: 'app' });
    expect(inactive).toEqual({ active: false });
  });

  it('needs an rpt with the requesting_party_token hint', async () => {
    const error = await failure(app.introspect('token', { tokenTypeHint: 'requesting_party_token' }));
    expect(error.name).toBe('KeycloakRPTNotFound');
    expect(error.code).toBe('ERR_RPT_NOT_FOUND');
    expect(kc.counters.get('introspect')).toBe(0);
  });

  it('reports a public client as a KeycloakPostError with status 403', async () => {
    const error = await failure(web.introspect('anything'));
    expect(error.name).toBe('KeycloakPostError');
    expect(error.status).toBe(403);
  });
});

describe('decodeToken', () => {
  it('verifies many tokens with one JWKS fetch', async () => {
    const oidc = new KeycloakOpenID({ serverUrl: kc.url, realmName: 'demo', clientId: 'web' });
    const tokens = await Promise.all([1, 2, 3].map(() => oidc.token('alice', 'wonder')));
    kc.counters.reset();
    for (const { access_token: token } of tokens) {
      expect((await oidc.decodeToken(token)).preferred_username).toBe('alice');
      expect((await oidc.decodeToken(token, { leewayDuration: 0 })).preferred_username).toBe('alice');
    }
    expect(kc.counters.get('certs')).toBe(1);
    expect(kc.counters.get('discovery')).toBe(1);
    await oidc.close();
  });

  it('refuses a tampered token with reason bad_signature', async () => {
    const { access_token: token } = await web.token('alice', 'wonder');
    const [header, payload] = token.split('.');
    const forged = Buffer.from(
      JSON.stringify({
        ...JSON.parse(Buffer.from(payload as string, 'base64url').toString()),
        preferred_username: 'root',
      }),
    ).toString('base64url');
    const error = await failure(web.decodeToken(`${header}.${forged}.${token.split('.')[2]}`));
    expect(error).toMatchObject({
      name: 'KeycloakInvalidTokenError',
      code: 'ERR_INVALID_TOKEN',
      reason: 'bad_signature',
    });
  });

  it('checks the audience and the expiry with the given leeway', async () => {
    const { access_token: token } = await web.token('alice', 'wonder');
    await expect(web.decodeToken(token, { audience: 'someone-else' })).rejects.toMatchObject({
      reason: 'audience_mismatch',
    });
    await expect(web.decodeToken(token, { issuer: 'https://elsewhere.example/realms/demo' })).rejects.toMatchObject({
      reason: 'issuer_mismatch',
    });
  });

  it('verifies an ID token by default, as python-keycloak does, and refuses it when only access tokens are asked for', async () => {
    const { id_token: idToken } = await web.token('alice', 'wonder');
    expect(await web.decodeToken(idToken as string)).toMatchObject({
      typ: 'ID',
      aud: 'web',
      preferred_username: 'alice',
    });
    await expect(web.decodeToken(idToken as string, { tokenType: 'Bearer' })).rejects.toMatchObject({
      reason: 'wrong_token_type',
    });
  });

  it('decodes without verification when validate is false, and says malformed for garbage', async () => {
    const { refresh_token: refresh } = await web.token('alice', 'wonder');
    expect((await web.decodeToken<{ typ: string }>(refresh as string, { validate: false })).typ).toBe('Refresh');
    await expect(web.decodeToken('a.b', { validate: false })).rejects.toMatchObject({ reason: 'malformed' });
  });
});

describe('transport failures', () => {
  it('reports a server that is down as KeycloakConnectionError with ERR_CONNECTION', async () => {
    const down = await startKeycloak();
    const { url } = down;
    await down.close();
    const oidc = new KeycloakOpenID({ serverUrl: url, realmName: 'demo', clientId: 'web', maxRetries: 0 });
    const error = await failure(oidc.token('alice', 'wonder'));
    expect(error.name).toBe('KeycloakConnectionError');
    expect(error.code).toBe('ERR_CONNECTION');
    await oidc.close();
  });

  it('stops a hung call when its signal aborts, with ERR_ABORTED', async () => {
    kc.faults.inject('token', { kind: 'hang' });
    const controller = new AbortController();
    const pending = failure(web.token('alice', 'wonder', { signal: controller.signal }));
    setTimeout(() => controller.abort(), 5);
    const error = await pending;
    expect(error.code).toBe('ERR_ABORTED');
  });

  it('gives up on a hung call after the per-call timeout, with ERR_TIMEOUT', async () => {
    kc.faults.inject('certs', { kind: 'hang' });
    const error = await failure(web.certs({ timeout: 20 }));
    expect(error.code).toBe('ERR_TIMEOUT');
  });

  it('stops waiting for the shared discovery fetch when the caller aborts', async () => {
    const oidc = new KeycloakOpenID({ serverUrl: kc.url, realmName: 'demo', clientId: 'web' });
    kc.faults.inject('discovery', { kind: 'hang' });
    const controller = new AbortController();
    const pending = failure(oidc.authUrl('http://localhost:3000/cb', { signal: controller.signal }));
    setTimeout(() => controller.abort(), 5);
    expect((await pending).code).toBe('ERR_ABORTED');
    kc.faults.clear();
    await oidc.close();
  });
});
