import { createHash, randomBytes } from 'node:crypto';
import { BrowserLoginError, browserLogin, silentLogin } from '@keycloak-ts/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { walkPages } from './support/form-browser.js';
import { openTarget, targetKind, type KeycloakTarget } from './support/target.js';
import {
  aliceTokens,
  body,
  clientAssertion,
  claimsOf,
  clientKid,
  clientPrivateKey,
  oidcPath,
  protocolRealm,
  REDIRECT,
  token,
} from './support/protocol-realm.js';

let target: KeycloakTarget;
let realm: string;
let issuer: string;

beforeAll(async () => {
  target = await openTarget();
  realm = await target.createRealm('oidc-flows', protocolRealm());
  issuer = `${target.url}/realms/${realm}`;
});
afterAll(() => target.close());

const scopes = (value: unknown): string[] => String(value).split(' ').filter(Boolean).sort();
const EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';
const ACCESS_TYPE = 'urn:ietf:params:oauth:token-type:access_token';
const REFRESH_TYPE = 'urn:ietf:params:oauth:token-type:refresh_token';

function authUrl(clientId: string, extra: Record<string, string> = {}): string {
  return `${issuer}/protocol/openid-connect/auth?${new URLSearchParams({ client_id: clientId, redirect_uri: REDIRECT, response_type: 'code', scope: 'openid', state: 'st-1', nonce: 'n-1', ...extra })}`;
}

function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

describe(`the authorization code grant, logged in with browserLogin (${targetKind})`, () => {
  it('logs alice in through the login form and returns code, state, session_state and iss', async () => {
    const login = await browserLogin(authUrl('app'), { username: 'alice', password: 'alice-pw' });
    expect(login.code).not.toBe('');
    expect(login.state).toBe('st-1');
    expect(login.iss).toBe(issuer);
    expect(login.responseMode).toBe('query');
    expect(login.formSubmitted).toBe(true);
    expect(login.sessionCookie).toBeDefined();
  });

  it('exchanges the code for tokens carrying the nonce, the session and auth_time', async () => {
    const login = await browserLogin(authUrl('app'), { username: 'alice', password: 'alice-pw' });
    const answer = await token(target, realm, {
      grant_type: 'authorization_code',
      client_id: 'app',
      client_secret: 'app-secret',
      code: login.code,
      redirect_uri: REDIRECT,
    });
    expect(answer.status).toBe(200);
    const json = body(answer);
    expect(json['session_state']).toBe(login.sessionState);
    expect(scopes(json['scope'])).toEqual(['email', 'openid', 'profile']);
    const id = claimsOf(json['id_token']);
    expect(id).toMatchObject({
      typ: 'ID',
      aud: 'app',
      azp: 'app',
      nonce: 'n-1',
      sid: login.sessionState,
      auth_time: expect.any(Number),
      at_hash: expect.any(String),
    });
    expect(claimsOf(json['access_token'])).toMatchObject({
      typ: 'Bearer',
      azp: 'app',
      sid: login.sessionState,
      auth_time: id['auth_time'],
    });
    expect(claimsOf(json['access_token'])['jti']).toMatch(/^onrtac:[0-9a-f-]{36}$/);
  });

  it('answers a code used twice 400 invalid_grant "Code not valid"', async () => {
    const login = await browserLogin(authUrl('app'), { username: 'alice', password: 'alice-pw' });
    const form = {
      grant_type: 'authorization_code',
      client_id: 'app',
      client_secret: 'app-secret',
      code: login.code,
      redirect_uri: REDIRECT,
    };
    expect((await token(target, realm, form)).status).toBe(200);
    const again = await token(target, realm, form);
    expect([again.status, again.json]).toEqual([400, { error: 'invalid_grant', error_description: 'Code not valid' }]);
  });

  it('answers another redirect_uri 400 invalid_grant "Incorrect redirect_uri"', async () => {
    const login = await browserLogin(authUrl('app'), { username: 'alice', password: 'alice-pw' });
    const answer = await token(target, realm, {
      grant_type: 'authorization_code',
      client_id: 'app',
      client_secret: 'app-secret',
      code: login.code,
      redirect_uri: `${REDIRECT}/other`,
    });
    expect([answer.status, answer.json]).toEqual([
      400,
      { error: 'invalid_grant', error_description: 'Incorrect redirect_uri' },
    ]);
  });

  it("answers another client's code 400 invalid_grant", async () => {
    const login = await browserLogin(authUrl('app'), { username: 'alice', password: 'alice-pw' });
    const answer = await token(target, realm, {
      grant_type: 'authorization_code',
      client_id: 'spa',
      code: login.code,
      redirect_uri: REDIRECT,
    });
    expect(answer.status).toBe(400);
    expect(body(answer)['error']).toBe('invalid_grant');
  });

  it('rejects a wrong password with ERR_LOGIN_REJECTED', async () => {
    const failure = await browserLogin(authUrl('app'), { username: 'alice', password: 'wrong' }).catch(
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(BrowserLoginError);
    expect((failure as BrowserLoginError).code).toBe('ERR_LOGIN_REJECTED');
  });

  it('logs in again without the form through the SSO cookie (silentLogin)', async () => {
    const first = await browserLogin(authUrl('app'), { username: 'alice', password: 'alice-pw' });
    const again = await silentLogin(authUrl('app'), { cookies: first.cookies });
    expect(again.formSubmitted).toBe(false);
    expect(again.sessionState).toBe(first.sessionState);
  });

  it('answers prompt=none without a session with error=login_required', async () => {
    const failure = await browserLogin(authUrl('app', { prompt: 'none' }), {
      username: 'alice',
      password: 'alice-pw',
    }).catch((e: unknown) => e);
    expect((failure as BrowserLoginError).code).toBe('ERR_LOGIN_REDIRECT_ERROR');
    expect((failure as BrowserLoginError).error).toBe('login_required');
  });

  it('answers the code in the fragment with response_mode=fragment', async () => {
    const login = await browserLogin(authUrl('app', { response_mode: 'fragment' }), {
      username: 'alice',
      password: 'alice-pw',
    });
    expect(login.responseMode).toBe('fragment');
    expect(login.state).toBe('st-1');
  });

  it('answers the code with an auto-posting form with response_mode=form_post', async () => {
    const login = await browserLogin(authUrl('app', { response_mode: 'form_post' }), {
      username: 'alice',
      password: 'alice-pw',
    });
    expect(login.responseMode).toBe('form_post');
    expect(login.redirectUrl).toBe(REDIRECT);
  });
});

describe(`PKCE (${targetKind})`, () => {
  it('exchanges a public client code with the S256 verifier', async () => {
    const { verifier, challenge } = pkce();
    const login = await browserLogin(authUrl('spa', { code_challenge: challenge, code_challenge_method: 'S256' }), {
      username: 'alice',
      password: 'alice-pw',
    });
    const answer = await token(target, realm, {
      grant_type: 'authorization_code',
      client_id: 'spa',
      code: login.code,
      redirect_uri: REDIRECT,
      code_verifier: verifier,
    });
    expect(answer.status).toBe(200);
    expect(claimsOf(body(answer)['access_token'])['azp']).toBe('spa');
  });

  it('answers a wrong verifier 400 invalid_grant "PKCE verification failed: Code mismatch"', async () => {
    const { challenge } = pkce();
    const login = await browserLogin(authUrl('spa', { code_challenge: challenge, code_challenge_method: 'S256' }), {
      username: 'alice',
      password: 'alice-pw',
    });
    const answer = await token(target, realm, {
      grant_type: 'authorization_code',
      client_id: 'spa',
      code: login.code,
      redirect_uri: REDIRECT,
      code_verifier: pkce().verifier,
    });
    expect([answer.status, answer.json]).toEqual([
      400,
      { error: 'invalid_grant', error_description: 'PKCE verification failed: Code mismatch' },
    ]);
  });

  it('answers a missing verifier 400 invalid_grant "PKCE code verifier not specified"', async () => {
    const { challenge } = pkce();
    const login = await browserLogin(authUrl('spa', { code_challenge: challenge, code_challenge_method: 'S256' }), {
      username: 'alice',
      password: 'alice-pw',
    });
    const answer = await token(target, realm, {
      grant_type: 'authorization_code',
      client_id: 'spa',
      code: login.code,
      redirect_uri: REDIRECT,
    });
    expect([answer.status, answer.json]).toEqual([
      400,
      { error: 'invalid_grant', error_description: 'PKCE code verifier not specified' },
    ]);
  });

  it('sends a client that requires S256 back with invalid_request when the challenge is missing', async () => {
    const failure = await browserLogin(authUrl('spa'), { username: 'alice', password: 'alice-pw' }).catch(
      (e: unknown) => e,
    );
    expect((failure as BrowserLoginError).code).toBe('ERR_LOGIN_REDIRECT_ERROR');
    expect((failure as BrowserLoginError).error).toBe('invalid_request');
    expect((failure as BrowserLoginError).errorDescription).toBe('Missing parameter: code_challenge_method');
  });

  it('accepts the plain method on a client without a PKCE requirement', async () => {
    const verifier = pkce().verifier;
    const login = await browserLogin(authUrl('app', { code_challenge: verifier, code_challenge_method: 'plain' }), {
      username: 'alice',
      password: 'alice-pw',
    });
    const answer = await token(target, realm, {
      grant_type: 'authorization_code',
      client_id: 'app',
      client_secret: 'app-secret',
      code: login.code,
      redirect_uri: REDIRECT,
      code_verifier: verifier,
    });
    expect(answer.status).toBe(200);
  });
});

describe(`the device authorization grant (${targetKind})`, () => {
  it('answers the device authorization with codes, verification URIs, expiry and interval', async () => {
    const answer = await target.request('POST', oidcPath(realm, 'auth/device'), { form: { client_id: 'tv' } });
    expect(answer.status).toBe(200);
    const json = body(answer);
    expect(Object.keys(json)).toEqual([
      'device_code',
      'user_code',
      'verification_uri',
      'verification_uri_complete',
      'expires_in',
      'interval',
    ]);
    expect(json['user_code']).toMatch(/^[A-Z]{4}-[A-Z]{4}$/);
    expect(json['verification_uri']).toBe(`${issuer}/device`);
    expect(json['verification_uri_complete']).toBe(`${issuer}/device?user_code=${String(json['user_code'])}`);
    expect([json['expires_in'], json['interval']]).toEqual([600, 5]);
  });

  it('answers the poll before approval 400 authorization_pending', async () => {
    const device = body(await target.request('POST', oidcPath(realm, 'auth/device'), { form: { client_id: 'tv' } }));
    const answer = await token(target, realm, {
      grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
      client_id: 'tv',
      device_code: String(device['device_code']),
    });
    expect([answer.status, answer.json]).toEqual([
      400,
      { error: 'authorization_pending', error_description: 'The authorization request is still pending' },
    ]);
  });

  it('answers tokens after the user logs in on the verification page', async () => {
    const device = body(await target.request('POST', oidcPath(realm, 'auth/device'), { form: { client_id: 'tv' } }));
    const page = await walkPages(String(device['verification_uri_complete']), 'alice', 'alice-pw');
    expect(page.title).toBe('Device Login Successful');
    const answer = await token(target, realm, {
      grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
      client_id: 'tv',
      device_code: String(device['device_code']),
    });
    expect(answer.status).toBe(200);
    expect(claimsOf(body(answer)['access_token'])).toMatchObject({ azp: 'tv', preferred_username: 'alice' });
    expect(claimsOf(body(answer)['access_token'])['jti']).toMatch(/^onrtdg:[0-9a-f-]{36}$/);
  });

  it('refuses a client without the device grant: 400 unauthorized_client', async () => {
    const answer = await target.request('POST', oidcPath(realm, 'auth/device'), { form: { client_id: 'spa' } });
    expect([answer.status, answer.json]).toEqual([
      400,
      {
        error: 'unauthorized_client',
        error_description:
          'Client is not allowed to initiate OAuth 2.0 Device Authorization Grant. The flow is disabled for the client.',
      },
    ]);
  });

  it('answers an unknown device code 400 invalid_grant', async () => {
    const answer = await token(target, realm, {
      grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
      client_id: 'tv',
      device_code: 'nope',
    });
    expect([answer.status, answer.json]).toEqual([
      400,
      { error: 'invalid_grant', error_description: 'Device code not valid' },
    ]);
  });
});

describe(`standard token exchange (V2) (${targetKind})`, () => {
  it('exchanges its own access token: issued_token_type access_token, the session kept, no refresh token', async () => {
    const subject = await aliceTokens(target, realm, { scope: 'openid' });
    const answer = await token(target, realm, {
      grant_type: EXCHANGE,
      client_id: 'app',
      client_secret: 'app-secret',
      subject_token: subject['access_token']!,
      subject_token_type: ACCESS_TYPE,
    });
    expect(answer.status).toBe(200);
    const json = body(answer);
    expect(json['issued_token_type']).toBe(ACCESS_TYPE);
    expect(json).not.toHaveProperty('refresh_token');
    expect(json['session_state']).toBe(subject['session_state']);
    expect(scopes(json['scope'])).toEqual(['email', 'openid', 'profile']);
    expect(claimsOf(json['access_token'])['jti']).toMatch(/^onrtte:[0-9a-f-]{36}$/);
  });

  it('narrows the audience to a requested client', async () => {
    const subject = await aliceTokens(target, realm);
    const answer = await token(target, realm, {
      grant_type: EXCHANGE,
      client_id: 'app',
      client_secret: 'app-secret',
      subject_token: subject['access_token']!,
      subject_token_type: ACCESS_TYPE,
      audience: 'api',
    });
    expect(answer.status).toBe(200);
    expect(claimsOf(body(answer)['access_token'])['aud']).toBe('api');
  });

  it('answers an unknown audience 400 invalid_client "Audience not found"', async () => {
    const subject = await aliceTokens(target, realm);
    const answer = await token(target, realm, {
      grant_type: EXCHANGE,
      client_id: 'app',
      client_secret: 'app-secret',
      subject_token: subject['access_token']!,
      subject_token_type: ACCESS_TYPE,
      audience: 'nobody',
    });
    expect([answer.status, answer.json]).toEqual([
      400,
      { error: 'invalid_client', error_description: 'Audience not found' },
    ]);
  });

  it('answers a bad subject token 400 invalid_request "Invalid token"', async () => {
    const answer = await token(target, realm, {
      grant_type: EXCHANGE,
      client_id: 'app',
      client_secret: 'app-secret',
      subject_token: 'abc',
      subject_token_type: ACCESS_TYPE,
    });
    expect([answer.status, answer.json]).toEqual([
      400,
      { error: 'invalid_request', error_description: 'Invalid token' },
    ]);
  });

  it('answers requested_token_type=refresh_token 400 when the client does not allow it', async () => {
    const subject = await aliceTokens(target, realm);
    const answer = await token(target, realm, {
      grant_type: EXCHANGE,
      client_id: 'app',
      client_secret: 'app-secret',
      subject_token: subject['access_token']!,
      subject_token_type: ACCESS_TYPE,
      requested_token_type: REFRESH_TYPE,
    });
    expect([answer.status, answer.json]).toEqual([
      400,
      { error: 'invalid_request', error_description: 'requested_token_type unsupported' },
    ]);
  });
});

describe(`legacy token exchange (V1, feature token-exchange:v1) (${targetKind})`, () => {
  it('exchanges a client its own token without standard exchange: a refresh token by default', async () => {
    const subject = body(
      await token(target, realm, {
        grant_type: 'password',
        client_id: 'legacy',
        client_secret: 'legacy-secret',
        username: 'alice',
        password: 'alice-pw',
      }),
    );
    const answer = await token(target, realm, {
      grant_type: EXCHANGE,
      client_id: 'legacy',
      client_secret: 'legacy-secret',
      subject_token: String(subject['access_token']),
    });
    expect(answer.status).toBe(200);
    const json = body(answer);
    expect(json['issued_token_type']).toBe(REFRESH_TYPE);
    expect(Object.keys(json).sort()).toEqual([
      'access_token',
      'expires_in',
      'issued_token_type',
      'not-before-policy',
      'refresh_expires_in',
      'refresh_token',
      'scope',
      'session_state',
      'token_type',
    ]);
    expect(json['session_state']).toBe(subject['session_state']);
    expect(claimsOf(json['access_token'])).toMatchObject({ azp: 'legacy', preferred_username: 'alice' });
    expect(claimsOf(json['refresh_token'])).toMatchObject({ typ: 'Refresh', azp: 'legacy' });
  });

  it('refuses another client\'s token: 403 access_denied "Client is not within the token audience"', async () => {
    const subject = await aliceTokens(target, realm);
    const answer = await token(target, realm, {
      grant_type: EXCHANGE,
      client_id: 'legacy',
      client_secret: 'legacy-secret',
      subject_token: subject['access_token']!,
      subject_token_type: ACCESS_TYPE,
    });
    expect([answer.status, answer.json]).toEqual([
      403,
      { error: 'access_denied', error_description: 'Client is not within the token audience' },
    ]);
  });

  it('refuses impersonation (requested_subject) without a permission: 403 "Client not allowed to exchange"', async () => {
    const subject = await aliceTokens(target, realm);
    const answer = await token(target, realm, {
      grant_type: EXCHANGE,
      client_id: 'app',
      client_secret: 'app-secret',
      subject_token: subject['access_token']!,
      requested_subject: 'bob',
    });
    expect([answer.status, answer.json]).toEqual([
      403,
      { error: 'access_denied', error_description: 'Client not allowed to exchange' },
    ]);
  });

  it('refuses an audience the client has no exchange permission for: 403 "Client not allowed to exchange"', async () => {
    const subject = body(
      await token(target, realm, {
        grant_type: 'password',
        client_id: 'legacy',
        client_secret: 'legacy-secret',
        username: 'alice',
        password: 'alice-pw',
      }),
    );
    const answer = await token(target, realm, {
      grant_type: EXCHANGE,
      client_id: 'legacy',
      client_secret: 'legacy-secret',
      subject_token: String(subject['access_token']),
      audience: 'api',
    });
    expect([answer.status, answer.json]).toEqual([
      403,
      { error: 'access_denied', error_description: 'Client not allowed to exchange' },
    ]);
  });
});

describe(`signed-JWT client authentication (${targetKind})`, () => {
  const assertionType = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

  it('authenticates client_secret_jwt (HS256 with the secret)', async () => {
    const assertion = clientAssertion('jwt-secret', issuer, {
      secret: 'a-secret-long-enough-for-hs256-signing-0123456789',
    });
    const answer = await token(target, realm, {
      grant_type: 'client_credentials',
      client_assertion_type: assertionType,
      client_assertion: assertion,
    });
    expect(answer.status).toBe(200);
    expect(claimsOf(body(answer)['access_token'])['azp']).toBe('jwt-secret');
  });

  it('authenticates private_key_jwt (RS256 with the key of the client JWKS)', async () => {
    const assertion = clientAssertion('jwt-key', issuer, { key: clientPrivateKey, kid: clientKid });
    const answer = await token(target, realm, {
      grant_type: 'client_credentials',
      client_assertion_type: assertionType,
      client_assertion: assertion,
    });
    expect(answer.status).toBe(200);
    expect(claimsOf(body(answer)['access_token'])['azp']).toBe('jwt-key');
  });

  it('also accepts the token endpoint as the assertion audience', async () => {
    const assertion = clientAssertion('jwt-key', `${issuer}/protocol/openid-connect/token`, {
      key: clientPrivateKey,
      kid: clientKid,
    });
    const answer = await token(target, realm, {
      grant_type: 'client_credentials',
      client_assertion_type: assertionType,
      client_assertion: assertion,
    });
    expect(answer.status).toBe(200);
  });

  it('answers a reused assertion 400 invalid_client "Token reuse detected"', async () => {
    const assertion = clientAssertion('jwt-key', issuer, { key: clientPrivateKey, kid: clientKid });
    const form = {
      grant_type: 'client_credentials',
      client_assertion_type: assertionType,
      client_assertion: assertion,
    };
    expect((await token(target, realm, form)).status).toBe(200);
    const again = await token(target, realm, form);
    expect([again.status, again.json]).toEqual([
      400,
      { error: 'invalid_client', error_description: 'Token reuse detected' },
    ]);
  });

  it('answers a wrong audience 400 invalid_client "Invalid token audience"', async () => {
    const assertion = clientAssertion('jwt-key', 'https://elsewhere.example', {
      key: clientPrivateKey,
      kid: clientKid,
    });
    const answer = await token(target, realm, {
      grant_type: 'client_credentials',
      client_assertion_type: assertionType,
      client_assertion: assertion,
    });
    expect([answer.status, answer.json]).toEqual([
      400,
      { error: 'invalid_client', error_description: 'Invalid token audience' },
    ]);
  });

  it('answers a client_secret_jwt signed with another secret 400 unauthorized_client', async () => {
    const assertion = clientAssertion('jwt-secret', issuer, {
      secret: 'another-secret-long-enough-for-hs256-0123456789',
    });
    const answer = await token(target, realm, {
      grant_type: 'client_credentials',
      client_assertion_type: assertionType,
      client_assertion: assertion,
    });
    expect(answer.status).toBe(400);
    expect(body(answer)['error']).toBe('unauthorized_client');
  });

  it('refuses a posted secret for a client-jwt client: 400 "Parameter client_assertion_type is missing"', async () => {
    const answer = await token(target, realm, {
      grant_type: 'client_credentials',
      client_id: 'jwt-key',
      client_secret: 'whatever',
    });
    expect([answer.status, answer.json]).toEqual([
      400,
      { error: 'invalid_client', error_description: 'Parameter client_assertion_type is missing' },
    ]);
  });
});
