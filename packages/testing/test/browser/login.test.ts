import { createHash, randomBytes } from 'node:crypto';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserLogin, CookieJar, silentLogin, type KeycloakTestServer } from '@keycloak-ts/testing';
import { postForm } from '../support.js';
import { demoAuthUrl, redirectUri, startBrowserServer } from './support.js';

let kc: KeycloakTestServer;
let issuer: string;

beforeAll(async () => {
  kc = await startBrowserServer();
  issuer = `${kc.url}/realms/demo`;
});
afterAll(() => kc.close());

const authUrl = (params: Record<string, string> = {}): string => demoAuthUrl(kc, params);

const alice = { username: 'alice', password: 'wonder' };

describe('browserLogin', () => {
  it('logs in through the form and returns the code, state, session and SSO cookie the client receives', async () => {
    const result = await browserLogin(authUrl(), alice);
    expect(result.code).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(result.state).toBe('st-1');
    expect(result.iss).toBe(issuer);
    expect(result.responseMode).toBe('query');
    expect(result.formSubmitted).toBe(true);
    expect([...result.params.keys()]).toEqual(['state', 'session_state', 'iss', 'code']);
    expect(result.redirectUrl).toBe(`${redirectUri}?${result.params}`);
    expect(result.sessionCookie).toMatch(/^KEYCLOAK_IDENTITY=ey/);
    expect(result.cookies.header(`${issuer}/protocol/openid-connect/auth`)).toBe(result.sessionCookie);
  });

  it('reads the answer from the fragment and from a form_post page', async () => {
    const fragment = await browserLogin(authUrl({ response_mode: 'fragment' }), alice);
    expect(fragment.responseMode).toBe('fragment');
    expect(fragment.redirectUrl.startsWith(`${redirectUri}#state=st-1&`)).toBe(true);
    expect(fragment.code).not.toBe('');
    const formPost = await browserLogin(authUrl({ response_mode: 'form_post' }), alice);
    expect(formPost.responseMode).toBe('form_post');
    expect(formPost.redirectUrl).toBe(redirectUri);
    expect([...formPost.params.keys()]).toEqual(['state', 'session_state', 'iss', 'code']);
  });

  it('reuses the SSO session of a jar: a second login gets its code without the form', async () => {
    const first = await browserLogin(authUrl(), alice);
    const second = await browserLogin(authUrl({ state: 'st-2' }), { ...alice, cookies: first.cookies });
    expect(second.formSubmitted).toBe(false);
    expect(second.state).toBe('st-2');
    expect(second.sessionState).toBe(first.sessionState);
    expect(second.code).not.toBe(first.code);
  });

  it('completes a PKCE code flow whose code the token endpoint exchanges for tokens of the session', async () => {
    const verifier = randomBytes(32).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const spaRedirect = 'https://spa.example/cb';
    const login = await browserLogin(
      authUrl({
        client_id: 'spa',
        redirect_uri: spaRedirect,
        code_challenge: challenge,
        code_challenge_method: 'S256',
        nonce: 'n-1',
      }),
      alice,
    );
    const tokenUrl = `${issuer}/protocol/openid-connect/token`;
    const exchange = (code: string, codeVerifier: string) =>
      postForm(tokenUrl, {
        grant_type: 'authorization_code',
        client_id: 'spa',
        code,
        redirect_uri: spaRedirect,
        code_verifier: codeVerifier,
      });
    const { status, body } = await exchange(login.code, verifier);
    expect(status).toBe(200);
    expect(decodeJwt(String(body['access_token']))).toMatchObject({
      sid: login.sessionState,
      azp: 'spa',
      preferred_username: 'alice',
    });
    expect(decodeJwt(String(body['id_token']))).toMatchObject({ nonce: 'n-1', aud: 'spa' });
    const other = await browserLogin(
      authUrl({
        client_id: 'spa',
        redirect_uri: spaRedirect,
        code_challenge: challenge,
        code_challenge_method: 'S256',
      }),
      alice,
    );
    expect((await exchange(other.code, randomBytes(32).toString('base64url'))).body).toEqual({
      error: 'invalid_grant',
      error_description: 'PKCE verification failed: Code mismatch',
    });
  });
});

describe('silentLogin', () => {
  it('gets a code with prompt=none from the KEYCLOAK_IDENTITY cookie of an earlier login', async () => {
    const first = await browserLogin(authUrl(), alice);
    const silent = await silentLogin(authUrl({ state: 'quiet' }), { cookies: first.cookies });
    expect(silent.formSubmitted).toBe(false);
    expect(silent.state).toBe('quiet');
    expect(silent.sessionState).toBe(first.sessionState);
    expect(silent.code).not.toBe('');
  });

  it("sends only the jar's cookies: a jar with just the SSO cookie still signs in", async () => {
    const first = await browserLogin(authUrl(), alice);
    const jar = new CookieJar();
    jar.store(`${issuer}/`, new Headers({ 'set-cookie': `${first.sessionCookie ?? ''}; Path=/realms/demo/` }));
    expect((await silentLogin(authUrl({ prompt: 'login' }), { cookies: jar })).sessionState).toBe(first.sessionState);
  });

  it('fails with login_required when the jar holds no session', async () => {
    const error = await silentLogin(authUrl(), { cookies: new CookieJar() }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: 'BrowserLoginError',
      code: 'ERR_LOGIN_REDIRECT_ERROR',
      error: 'login_required',
      status: 302,
    });
  });

  it('fails with login_required once the server ended the session', async () => {
    const first = await browserLogin(authUrl(), alice);
    const userId = decodeJwt(first.sessionCookie?.split('=')[1] ?? '').sub ?? '';
    kc.model.logoutAll('demo', userId);
    await expect(silentLogin(authUrl(), { cookies: first.cookies })).rejects.toMatchObject({
      code: 'ERR_LOGIN_REDIRECT_ERROR',
      error: 'login_required',
    });
  });
});
