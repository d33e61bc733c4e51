import { generateTotp } from '@keycloak-ts/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTarget, targetKind, type KeycloakTarget } from './support/target.js';
import { aliceTokens, body, claimsOf, headerOf, OTP_SECRET, protocolRealm, token } from './support/protocol-realm.js';

let target: KeycloakTarget;
let realm: string;
let issuer: string;

beforeAll(async () => {
  target = await openTarget();
  realm = await target.createRealm('oidc-grants', protocolRealm());
  issuer = `${target.url}/realms/${realm}`;
});
afterAll(() => target.close());

/** A scope string as a sorted list: Keycloak's order of scope names follows its storage, not the request. */
const scopes = (value: unknown): string[] => String(value).split(' ').filter(Boolean).sort();
const NO_STORE = { 'cache-control': 'no-store', pragma: 'no-cache', 'content-type': 'application/json' };

function headers(answer: { headers: Headers }): Record<string, string | null> {
  return {
    'cache-control': answer.headers.get('cache-control'),
    pragma: answer.headers.get('pragma'),
    'content-type': answer.headers.get('content-type'),
  };
}

const password = {
  grant_type: 'password',
  client_id: 'app',
  client_secret: 'app-secret',
  username: 'alice',
  password: 'alice-pw',
};

describe(`the password grant (${targetKind})`, () => {
  it('answers 200 with the token response keys, Bearer type, no-store headers and the granted scope', async () => {
    const answer = await token(target, realm, { ...password, scope: 'openid' });
    expect(answer.status).toBe(200);
    expect(headers(answer)).toEqual(NO_STORE);
    const json = body(answer);
    expect(Object.keys(json).sort()).toEqual([
      'access_token',
      'expires_in',
      'id_token',
      'not-before-policy',
      'refresh_expires_in',
      'refresh_token',
      'scope',
      'session_state',
      'token_type',
    ]);
    expect(json['token_type']).toBe('Bearer');
    // Keycloak answers exp minus its current second: 300 (1800), or one less when a second turns meanwhile.
    expect([299, 300]).toContain(json['expires_in']);
    expect([1799, 1800]).toContain(json['refresh_expires_in']);
    expect(json['not-before-policy']).toBe(0);
    expect(scopes(json['scope'])).toEqual(['email', 'openid', 'profile']);
  });

  it('mints an access token with typ, azp, aud, roles, sid and the user claims', async () => {
    const json = body(await token(target, realm, { ...password, scope: 'openid' }));
    const access = claimsOf(json['access_token']);
    expect(headerOf(json['access_token'])).toEqual({ alg: 'RS256', typ: 'JWT', kid: expect.any(String) });
    expect(access).toMatchObject({
      iss: issuer,
      typ: 'Bearer',
      azp: 'app',
      aud: 'api',
      acr: '1',
      sid: json['session_state'],
      realm_access: { roles: expect.arrayContaining(['reader', 'offline_access']) },
      resource_access: { api: { roles: ['api-user'] } },
      email_verified: true,
      name: 'Alice Liddell',
      preferred_username: 'alice',
      given_name: 'Alice',
      family_name: 'Liddell',
      email: 'alice@example.com',
    });
    expect(scopes(access['scope'])).toEqual(['email', 'openid', 'profile']);
    expect(access['exp']).toBe(Number(access['iat']) + 300);
    expect(access['jti']).toMatch(/^onrtro:[0-9a-f-]{36}$/);
    expect(access).not.toHaveProperty('session_state');
  });

  it('puts the origins of the client redirect URIs in allowed-origins when the client sets no webOrigins', async () => {
    const json = body(await token(target, realm, password));
    expect(claimsOf(json['access_token'])['allowed-origins']).toEqual(['http://127.0.0.1:9']);
  });

  it('mints an ID token for the client with at_hash, sid and no roles', async () => {
    const json = body(await token(target, realm, { ...password, scope: 'openid' }));
    const id = claimsOf(json['id_token']);
    expect(id).toMatchObject({
      iss: issuer,
      aud: 'app',
      azp: 'app',
      typ: 'ID',
      sid: json['session_state'],
      at_hash: expect.any(String),
      acr: '1',
      preferred_username: 'alice',
      email: 'alice@example.com',
    });
    expect(id).not.toHaveProperty('realm_access');
    expect(id).not.toHaveProperty('scope');
  });

  it('mints a Refresh token (HS512) whose audience is the issuer', async () => {
    const json = body(await token(target, realm, { ...password, scope: 'openid' }));
    const refresh = claimsOf(json['refresh_token']);
    expect(headerOf(json['refresh_token'])).toMatchObject({ alg: 'HS512', typ: 'JWT' });
    expect(refresh).toMatchObject({ iss: issuer, typ: 'Refresh', azp: 'app', sid: json['session_state'] });
    expect([refresh['aud']].flat()[0]).toBe(issuer);
    expect(scopes(refresh['scope'])).toEqual([
      'acr',
      'basic',
      'email',
      'openid',
      'profile',
      'roles',
      'service_account',
      'web-origins',
    ]);
    expect(refresh['exp']).toBe(Number(refresh['iat']) + 1800);
  });

  it('names the session with a 24-character url-safe id (session_state, sid)', async () => {
    const json = body(await token(target, realm, password));
    expect(json['session_state']).toMatch(/^[A-Za-z0-9_-]{24}$/);
  });

  it('leaves the ID token out when openid is not asked for', async () => {
    const json = body(await token(target, realm, password));
    expect(json).not.toHaveProperty('id_token');
    expect(scopes(json['scope'])).toEqual(['email', 'profile']);
  });

  it('answers a wrong password 400 invalid_grant "Invalid user credentials" with no-store headers', async () => {
    const answer = await token(target, realm, { ...password, password: 'wrong' });
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({ error: 'invalid_grant', error_description: 'Invalid user credentials' });
    expect(headers(answer)).toEqual(NO_STORE);
  });

  it('answers an unknown user like a wrong password', async () => {
    const answer = await token(target, realm, { ...password, username: 'nobody' });
    expect([answer.status, answer.json]).toEqual([
      400,
      { error: 'invalid_grant', error_description: 'Invalid user credentials' },
    ]);
  });

  it('answers an unknown scope 400 invalid_scope before it checks the password', async () => {
    const answer = await token(target, realm, { ...password, password: 'wrong', scope: 'nope' });
    expect([answer.status, answer.json]).toEqual([
      400,
      { error: 'invalid_scope', error_description: 'Invalid scopes: nope' },
    ]);
    expect(headers(answer)).toEqual(NO_STORE);
  });

  it('refuses a client without direct access grants: 400 unauthorized_client', async () => {
    const answer = await token(target, realm, {
      grant_type: 'password',
      client_id: 'tv',
      username: 'alice',
      password: 'alice-pw',
    });
    expect([answer.status, answer.json]).toEqual([
      400,
      { error: 'unauthorized_client', error_description: 'Client not allowed for direct access grants' },
    ]);
  });

  it('asks a user with an OTP credential for the code: none or a wrong one is "Invalid user credentials"', async () => {
    const otto = { ...password, username: 'otto', password: 'otto-pw' };
    for (const extra of [{}, { totp: '000000' }] as Record<string, string>[]) {
      const answer = await token(target, realm, { ...otto, ...extra });
      expect([answer.status, answer.json]).toEqual([
        400,
        { error: 'invalid_grant', error_description: 'Invalid user credentials' },
      ]);
    }
  });

  it('logs a user with an OTP credential in with the current code', async () => {
    const answer = await token(target, realm, {
      ...password,
      username: 'otto',
      password: 'otto-pw',
      totp: generateTotp(OTP_SECRET, { timeMs: target.server?.clock.now() ?? Date.now() }),
    });
    expect(answer.status).toBe(200);
    expect(claimsOf(body(answer)['access_token'])['preferred_username']).toBe('otto');
  });
});

describe(`client authentication at the token endpoint (${targetKind})`, () => {
  it('accepts client_secret_basic', async () => {
    const answer = await token(
      target,
      realm,
      { grant_type: 'client_credentials' },
      { authorization: `Basic ${Buffer.from('app:app-secret').toString('base64')}` },
    );
    expect(answer.status).toBe(200);
    expect(claimsOf(body(answer)['access_token'])['azp']).toBe('app');
  });

  it('answers a wrong Basic secret 401 unauthorized_client with no-store headers and no WWW-Authenticate', async () => {
    const answer = await token(
      target,
      realm,
      { grant_type: 'client_credentials' },
      { authorization: `Basic ${Buffer.from('app:nope').toString('base64')}` },
    );
    expect([answer.status, answer.json]).toEqual([
      401,
      { error: 'unauthorized_client', error_description: 'Invalid client or Invalid client credentials' },
    ]);
    expect(headers(answer)).toEqual(NO_STORE);
    expect(answer.headers.get('www-authenticate')).toBeNull();
  });

  it('answers a wrong posted secret 401 unauthorized_client', async () => {
    const answer = await token(target, realm, { ...password, client_secret: 'nope' });
    expect([answer.status, answer.json]).toEqual([
      401,
      { error: 'unauthorized_client', error_description: 'Invalid client or Invalid client credentials' },
    ]);
  });

  it('answers an unknown client 401 invalid_client', async () => {
    const answer = await token(target, realm, {
      grant_type: 'password',
      client_id: 'nobody',
      username: 'alice',
      password: 'alice-pw',
    });
    expect([answer.status, answer.json]).toEqual([
      401,
      { error: 'invalid_client', error_description: 'Invalid client or Invalid client credentials' },
    ]);
  });

  it('answers a request without any client 401 invalid_client', async () => {
    const answer = await token(target, realm, { grant_type: 'password', username: 'alice', password: 'alice-pw' });
    expect([answer.status, answer.json]).toEqual([
      401,
      { error: 'invalid_client', error_description: 'Invalid client or Invalid client credentials' },
    ]);
    expect(headers(answer)).toEqual(NO_STORE);
  });

  it('answers a missing grant_type 400 invalid_request', async () => {
    const answer = await token(target, realm, { client_id: 'app', client_secret: 'app-secret' });
    expect([answer.status, answer.json]).toEqual([
      400,
      { error: 'invalid_request', error_description: 'Missing form parameter: grant_type' },
    ]);
    expect(headers(answer)).toEqual(NO_STORE);
  });

  it('answers an unknown grant_type 400 unsupported_grant_type', async () => {
    const answer = await token(target, realm, { grant_type: 'magic', client_id: 'app', client_secret: 'app-secret' });
    expect([answer.status, answer.json]).toEqual([
      400,
      { error: 'unsupported_grant_type', error_description: 'Unsupported grant_type' },
    ]);
  });
});

describe(`the client_credentials grant (${targetKind})`, () => {
  it('mints a service-account token without refresh token, ID token or session', async () => {
    const answer = await token(target, realm, {
      grant_type: 'client_credentials',
      client_id: 'app',
      client_secret: 'app-secret',
    });
    expect(answer.status).toBe(200);
    expect(headers(answer)).toEqual(NO_STORE);
    const json = body(answer);
    expect(Object.keys(json).sort()).toEqual([
      'access_token',
      'expires_in',
      'not-before-policy',
      'refresh_expires_in',
      'scope',
      'token_type',
    ]);
    expect(json['refresh_expires_in']).toBe(0);
    expect(scopes(json['scope'])).toEqual(['email', 'profile']);
    const access = claimsOf(json['access_token']);
    expect(access).toMatchObject({
      typ: 'Bearer',
      azp: 'app',
      preferred_username: 'service-account-app',
      client_id: 'app',
      clientHost: expect.any(String),
      clientAddress: expect.any(String),
    });
    expect(access).not.toHaveProperty('sid');
    expect(access['jti']).toMatch(/^trrtcc:[0-9a-f-]{36}$/);
    expect((access['realm_access'] as { roles: string[] }).roles.sort()).toEqual([
      `default-roles-${realm}`,
      'offline_access',
      'uma_authorization',
    ]);
  });

  it('refuses a public client: 401 unauthorized_client', async () => {
    const answer = await token(target, realm, { grant_type: 'client_credentials', client_id: 'spa' });
    expect([answer.status, answer.json]).toEqual([
      401,
      { error: 'unauthorized_client', error_description: 'Public client not allowed to retrieve service account' },
    ]);
    expect(headers(answer)).toEqual(NO_STORE);
  });

  it('refuses a client without a service account: 401 unauthorized_client', async () => {
    const answer = await token(target, realm, {
      grant_type: 'client_credentials',
      client_id: 'legacy',
      client_secret: 'legacy-secret',
    });
    expect([answer.status, answer.json]).toEqual([
      401,
      { error: 'unauthorized_client', error_description: 'Client not enabled to retrieve service account' },
    ]);
  });

  it('answers an unknown scope 400 invalid_scope naming every requested scope', async () => {
    const answer = await token(target, realm, {
      grant_type: 'client_credentials',
      client_id: 'app',
      client_secret: 'app-secret',
      scope: 'nope x',
    });
    expect([answer.status, answer.json]).toEqual([
      400,
      { error: 'invalid_scope', error_description: 'Invalid scopes: nope x' },
    ]);
  });
});

describe(`the refresh_token grant (${targetKind})`, () => {
  it('answers new tokens of the same session, with an ID token when the session asked for openid', async () => {
    const first = await aliceTokens(target, realm, { scope: 'openid' });
    const answer = await token(target, realm, {
      grant_type: 'refresh_token',
      client_id: 'app',
      client_secret: 'app-secret',
      refresh_token: first['refresh_token']!,
    });
    expect(answer.status).toBe(200);
    expect(headers(answer)).toEqual(NO_STORE);
    const json = body(answer);
    expect(json['session_state']).toBe(first['session_state']);
    expect(scopes(json['scope'])).toEqual(['email', 'openid', 'profile']);
    expect(claimsOf(json['access_token'])['jti']).toMatch(/^onrtrt:[0-9a-f-]{36}$/);
    expect(claimsOf(json['id_token'])['sid']).toBe(first['session_state']);
    expect(claimsOf(json['refresh_token'])['typ']).toBe('Refresh');
  });

  it('answers a garbage refresh token 400 invalid_grant "Invalid refresh token"', async () => {
    const answer = await token(target, realm, {
      grant_type: 'refresh_token',
      client_id: 'app',
      client_secret: 'app-secret',
      refresh_token: 'abc',
    });
    expect([answer.status, answer.json]).toEqual([
      400,
      { error: 'invalid_grant', error_description: 'Invalid refresh token' },
    ]);
    expect(headers(answer)).toEqual(NO_STORE);
  });

  it('answers a missing refresh token 400 invalid_request "No refresh token"', async () => {
    const answer = await token(target, realm, {
      grant_type: 'refresh_token',
      client_id: 'app',
      client_secret: 'app-secret',
    });
    expect([answer.status, answer.json]).toEqual([
      400,
      { error: 'invalid_request', error_description: 'No refresh token' },
    ]);
  });

  it("refuses another client's refresh token", async () => {
    const first = await aliceTokens(target, realm);
    const answer = await token(target, realm, {
      grant_type: 'refresh_token',
      client_id: 'legacy',
      client_secret: 'legacy-secret',
      refresh_token: first['refresh_token']!,
    });
    expect([answer.status, answer.json]).toEqual([
      400,
      {
        error: 'invalid_grant',
        error_description: "Invalid refresh token. Token client and authorized client don't match",
      },
    ]);
  });

  it('answers an unknown scope with the refresh 400 invalid_scope', async () => {
    const first = await aliceTokens(target, realm);
    const answer = await token(target, realm, {
      grant_type: 'refresh_token',
      client_id: 'app',
      client_secret: 'app-secret',
      refresh_token: first['refresh_token']!,
      scope: 'nope',
    });
    expect([answer.status, answer.json]).toEqual([
      400,
      { error: 'invalid_scope', error_description: 'Invalid scopes: nope' },
    ]);
  });

  it('answers the refresh token of a logged-out session 400 invalid_grant "Session not active"', async () => {
    const first = await aliceTokens(target, realm);
    const logout = await target.request('POST', `/realms/${realm}/protocol/openid-connect/logout`, {
      form: { client_id: 'app', client_secret: 'app-secret', refresh_token: first['refresh_token']! },
    });
    expect(logout.status).toBe(204);
    const answer = await token(target, realm, {
      grant_type: 'refresh_token',
      client_id: 'app',
      client_secret: 'app-secret',
      refresh_token: first['refresh_token']!,
    });
    expect([answer.status, answer.json]).toEqual([
      400,
      { error: 'invalid_grant', error_description: 'Session not active' },
    ]);
  });
});

describe(`offline access (${targetKind})`, () => {
  it('mints an Offline token with refresh_expires_in 0 and offline_access in the scope', async () => {
    const json = await aliceTokens(target, realm, { scope: 'offline_access' });
    expect(json['refresh_expires_in']).toBe(0);
    expect(scopes(json['scope'])).toEqual(['email', 'offline_access', 'profile']);
    const offline = claimsOf(json['refresh_token']);
    expect(offline).toMatchObject({ typ: 'Offline', azp: 'app', sid: json['session_state'] });
    expect(offline).not.toHaveProperty('exp');
  });

  it('refreshes with the offline token and keeps it Offline', async () => {
    const first = await aliceTokens(target, realm, { scope: 'offline_access' });
    const answer = await token(target, realm, {
      grant_type: 'refresh_token',
      client_id: 'app',
      client_secret: 'app-secret',
      refresh_token: first['refresh_token']!,
    });
    expect(answer.status).toBe(200);
    expect(claimsOf(body(answer)['refresh_token'])['typ']).toBe('Offline');
    expect(body(answer)['refresh_expires_in']).toBe(0);
  });

  it('refuses offline_access to a user without the offline_access role: 400 not_allowed', async () => {
    const answer = await token(target, realm, {
      ...password,
      username: 'bob',
      password: 'bob-pw',
      scope: 'offline_access',
    });
    expect([answer.status, answer.json]).toEqual([
      400,
      { error: 'not_allowed', error_description: 'Offline tokens not allowed for the user or client' },
    ]);
  });

  it('keeps the offline session when the online one logs out', async () => {
    const first = await aliceTokens(target, realm, { scope: 'offline_access' });
    const online = await aliceTokens(target, realm);
    await target.request('POST', `/realms/${realm}/protocol/openid-connect/logout`, {
      form: { client_id: 'app', client_secret: 'app-secret', refresh_token: online['refresh_token']! },
    });
    const answer = await token(target, realm, {
      grant_type: 'refresh_token',
      client_id: 'app',
      client_secret: 'app-secret',
      refresh_token: first['refresh_token']!,
    });
    expect(answer.status).toBe(200);
  });
});
