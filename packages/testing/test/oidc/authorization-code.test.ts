import { createHash } from 'node:crypto';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserLogin, readForms, silentLogin, startKeycloak, type KeycloakTestServer } from '@keycloak-ts/testing';
import { demoRealm, postForm } from '../support.js';
import { get, post, redirectParams } from './browser-support.js';

let kc: KeycloakTestServer;
let issuer: string;
let authUrl: string;
let tokenUrl: string;
const redirectUri = 'http://localhost:3000/callback';
const verifier = `${'a'.repeat(43)}-._~0123456789`;
const challenge = createHash('sha256').update(verifier).digest('base64url');
const alice = { username: 'alice', password: 'wonder' };

function authorize(params: Record<string, string>): string {
  return `${authUrl}?${new URLSearchParams({ client_id: 'web', redirect_uri: redirectUri, response_type: 'code', scope: 'openid', state: 'st-1', ...params })}`;
}

async function codeFor(params: Record<string, string> = {}): Promise<string> {
  return (await browserLogin(authorize(params), alice)).code;
}

beforeAll(async () => {
  kc = await startKeycloak({
    realms: [
      {
        ...demoRealm,
        clients: [
          ...(demoRealm.clients ?? []),
          {
            clientId: 'spa',
            publicClient: true,
            redirectUris: ['http://127.0.0.1/cb', '/relative/*'],
            rootUrl: 'https://spa.example',
            attributes: { 'pkce.code.challenge.method': 'S256' },
          },
          { clientId: 'conf', secret: 'conf-secret', redirectUris: ['https://conf.example/cb'] },
          { clientId: 'nostd', publicClient: true, standardFlowEnabled: false, redirectUris: ['*'] },
        ],
      },
    ],
  });
  issuer = `${kc.url}/realms/demo`;
  authUrl = `${issuer}/protocol/openid-connect/auth`;
  tokenUrl = `${issuer}/protocol/openid-connect/token`;
});
afterAll(() => kc.close());

describe('authorization endpoint', () => {
  it('shows a login form without JavaScript whose action logs the user in', async () => {
    const page = await get(authorize({}));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html;charset=utf-8');
    const html = await page.text();
    expect(html).toContain('name="username"');
    expect(html).toContain('name="password"');
    expect(html).not.toContain('<script');
    expect(readForms(html, authorize({}))[0]?.action).toMatch(
      new RegExp(`^${issuer}/login-actions/authenticate\\?session_code=`),
    );
  });

  it('redirects with state, session_state, iss and code in that order after a good login', async () => {
    const done = await browserLogin(authorize({}), alice);
    expect(done.responseMode).toBe('query');
    expect(done.redirectUrl.startsWith(`${redirectUri}?state=st-1&session_state=`)).toBe(true);
    expect([...done.params.keys()]).toEqual(['state', 'session_state', 'iss', 'code']);
    expect(done.iss).toBe(issuer);
    expect(done.sessionCookie).toMatch(/^KEYCLOAK_IDENTITY=/);
  });

  it("shows the form again with Keycloak's message after a wrong password", async () => {
    await expect(browserLogin(authorize({}), { username: 'alice', password: 'nope' })).rejects.toMatchObject({
      code: 'ERR_LOGIN_REJECTED',
      status: 200,
      pageMessage: 'Invalid username or password.',
    });
  });

  it('answers an unregistered redirect_uri with an error page, not a redirect', async () => {
    const page = await get(authorize({ redirect_uri: 'https://evil.example/cb' }));
    expect(page.status).toBe(400);
    expect(page.headers.get('location')).toBeNull();
    expect(await page.text()).toContain('Invalid parameter: redirect_uri');
  });

  it('answers an unknown client with the "Client not found." page', async () => {
    const page = await get(authorize({ client_id: 'ghost' }));
    expect(page.status).toBe(400);
    expect(await page.text()).toContain('Client not found.');
  });

  it('accepts wildcard, relative and any-port loopback redirect URIs as Keycloak does', async () => {
    expect((await get(authorize({ redirect_uri: 'http://localhost:3000/deep/path?x=1' }))).status).toBe(200);
    expect((await get(authorize({ redirect_uri: 'http://localhost:3000' }))).status).toBe(200);
    expect((await get(authorize({ redirect_uri: 'http://localhost:3001/x' }))).status).toBe(400);
    const spa = { client_id: 'spa', code_challenge: challenge, code_challenge_method: 'S256' };
    expect((await get(authorize({ ...spa, redirect_uri: 'http://127.0.0.1:49152/cb' }))).status).toBe(200);
    expect((await get(authorize({ ...spa, redirect_uri: 'https://spa.example/relative/page' }))).status).toBe(200);
    expect((await get(authorize({ ...spa, redirect_uri: 'https://user@spa.example/relative/page' }))).status).toBe(400);
  });

  it('sends a missing response_type back to the client as invalid_request', async () => {
    const { response_type: _dropped, ...rest } = Object.fromEntries(new URL(authorize({})).searchParams);
    const answer = await get(`${authUrl}?${new URLSearchParams(rest)}`);
    expect(answer.status).toBe(302);
    expect(Object.fromEntries(redirectParams(answer))).toEqual({
      error: 'invalid_request',
      error_description: 'Missing parameter: response_type',
      state: 'st-1',
      iss: issuer,
    });
  });

  it('refuses the code flow for a client with the standard flow disabled', async () => {
    const answer = await get(authorize({ client_id: 'nostd', redirect_uri: 'https://any.example/' }));
    expect(redirectParams(answer).get('error')).toBe('unauthorized_client');
  });

  it('refuses scopes the client does not have', async () => {
    const answer = await get(authorize({ scope: 'openid made-up' }));
    expect(redirectParams(answer).get('error')).toBe('invalid_scope');
    expect(redirectParams(answer).get('error_description')).toBe('Invalid scopes: openid made-up');
  });

  it("enforces the client's pkce.code.challenge.method", async () => {
    const base = { client_id: 'spa', redirect_uri: 'http://127.0.0.1/cb' };
    expect(redirectParams(await get(authorize(base))).get('error_description')).toBe(
      'Missing parameter: code_challenge_method',
    );
    expect(
      redirectParams(await get(authorize({ ...base, code_challenge: challenge, code_challenge_method: 'plain' }))).get(
        'error_description',
      ),
    ).toBe('Invalid parameter: code challenge method is not matching the configured one');
    expect(
      redirectParams(await get(authorize({ ...base, code_challenge: 'short', code_challenge_method: 'S256' }))).get(
        'error_description',
      ),
    ).toBe('Invalid parameter: code_challenge');
  });

  it('answers prompt=none without a session with login_required', async () => {
    const answer = await get(authorize({ prompt: 'none' }));
    expect(Object.fromEntries(redirectParams(answer))).toEqual({ error: 'login_required', state: 'st-1', iss: issuer });
  });

  it('reuses the SSO cookie: prompt=none then returns a code without a form', async () => {
    const done = await browserLogin(authorize({}), alice);
    const again = await silentLogin(authorize({ state: 'st-2' }), { cookies: done.cookies });
    expect(again).toMatchObject({
      formSubmitted: false,
      responseMode: 'query',
      state: 'st-2',
      sessionState: done.sessionState,
    });
    expect(again.code).toBeTruthy();
  });

  it('puts the answer in the fragment or an auto-posting form when asked', async () => {
    const fragment = await browserLogin(authorize({ response_mode: 'fragment' }), alice);
    expect(fragment.responseMode).toBe('fragment');
    expect(new URLSearchParams(new URL(fragment.redirectUrl).hash.slice(1)).get('code')).toBeTruthy();
    const formPost = await browserLogin(authorize({ response_mode: 'form_post' }), alice);
    expect(formPost).toMatchObject({ responseMode: 'form_post', redirectUrl: redirectUri });
    expect(formPost.code).toBeTruthy();
  });

  it('answers a stale login form with the timed-out page', async () => {
    const response = await post(`${issuer}/login-actions/authenticate?tab_id=nope`, {
      username: 'alice',
      password: 'wonder',
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('Your login attempt timed out.');
  });
});

describe('authorization_code grant', () => {
  it('exchanges a code for tokens with the nonce, at_hash and auth_time in the ID token', async () => {
    const code = await codeFor({ nonce: 'n-0S6' });
    const { status, body } = await postForm(tokenUrl, {
      grant_type: 'authorization_code',
      client_id: 'web',
      code,
      redirect_uri: redirectUri,
    });
    expect(status).toBe(200);
    const id = decodeJwt(String(body['id_token']));
    expect(id).toMatchObject({ nonce: 'n-0S6', typ: 'ID', aud: 'web', iss: issuer });
    expect(typeof id['at_hash']).toBe('string');
    expect(typeof id['auth_time']).toBe('number');
    expect(String(decodeJwt(String(body['access_token'])).jti)).toMatch(/^onrtac:/);
  });

  it('accepts a code once and answers reuse with "Code not valid"', async () => {
    const code = await codeFor();
    const first = await postForm(tokenUrl, {
      grant_type: 'authorization_code',
      client_id: 'web',
      code,
      redirect_uri: redirectUri,
    });
    expect(first.status).toBe(200);
    const again = await postForm(tokenUrl, {
      grant_type: 'authorization_code',
      client_id: 'web',
      code,
      redirect_uri: redirectUri,
    });
    expect(again).toMatchObject({ status: 400, body: { error: 'invalid_grant', error_description: 'Code not valid' } });
    const refresh = await postForm(tokenUrl, {
      grant_type: 'refresh_token',
      client_id: 'web',
      refresh_token: String(first.body['refresh_token']),
    });
    expect(refresh.body).toEqual({ error: 'invalid_grant', error_description: "Session doesn't have required client" });
  });

  it('requires the same redirect_uri as the authorization request', async () => {
    const code = await codeFor();
    const answer = await postForm(tokenUrl, {
      grant_type: 'authorization_code',
      client_id: 'web',
      code,
      redirect_uri: 'http://localhost:3000/other',
    });
    expect(answer.body).toEqual({ error: 'invalid_grant', error_description: 'Incorrect redirect_uri' });
  });

  it("answers a missing code and an expired code with Keycloak's descriptions", async () => {
    expect((await postForm(tokenUrl, { grant_type: 'authorization_code', client_id: 'web' })).body).toEqual({
      error: 'invalid_request',
      error_description: 'Missing parameter: code',
    });
    const code = await codeFor();
    kc.clock.advance(61_000);
    const answer = await postForm(tokenUrl, {
      grant_type: 'authorization_code',
      client_id: 'web',
      code,
      redirect_uri: redirectUri,
    });
    kc.clock.advance(-61_000);
    expect(answer.body).toEqual({ error: 'invalid_grant', error_description: 'Code is expired' });
  });

  it('refuses a code issued to another client', async () => {
    const code = await codeFor();
    const answer = await postForm(tokenUrl, {
      grant_type: 'authorization_code',
      client_id: 'app',
      client_secret: 'app-secret',
      code,
      redirect_uri: redirectUri,
    });
    expect(answer.body).toEqual({
      error: 'invalid_grant',
      error_description: 'Auth error: Found different client_id in clientSession',
    });
  });

  it("checks the PKCE verifier with Keycloak's error strings", async () => {
    const exchange = async (extra: Record<string, string>) => {
      const code = await codeFor({ code_challenge: challenge, code_challenge_method: 'S256' });
      return (
        await postForm(tokenUrl, {
          grant_type: 'authorization_code',
          client_id: 'web',
          code,
          redirect_uri: redirectUri,
          ...extra,
        })
      ).body;
    };
    expect(await exchange({})).toEqual({
      error: 'invalid_grant',
      error_description: 'PKCE code verifier not specified',
    });
    expect(await exchange({ code_verifier: 'tooshort' })).toEqual({
      error: 'invalid_grant',
      error_description: 'PKCE verification failed: Invalid code verifier',
    });
    expect(await exchange({ code_verifier: 'b'.repeat(43) })).toEqual({
      error: 'invalid_grant',
      error_description: 'PKCE verification failed: Code mismatch',
    });
    expect(await exchange({ code_verifier: verifier })).toMatchObject({ token_type: 'Bearer' });
    const plainCode = await codeFor({ code_challenge: verifier });
    expect(
      (
        await postForm(tokenUrl, {
          grant_type: 'authorization_code',
          client_id: 'web',
          code: plainCode,
          redirect_uri: redirectUri,
          code_verifier: verifier,
        })
      ).status,
    ).toBe(200);
    const noChallenge = await codeFor();
    expect(
      (
        await postForm(tokenUrl, {
          grant_type: 'authorization_code',
          client_id: 'web',
          code: noChallenge,
          redirect_uri: redirectUri,
          code_verifier: verifier,
        })
      ).body,
    ).toEqual({
      error: 'invalid_grant',
      error_description: 'PKCE code verifier specified but challenge not present in authorization',
    });
  });
});
