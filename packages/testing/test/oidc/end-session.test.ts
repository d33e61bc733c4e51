import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserLogin, readForms, silentLogin, startKeycloak, type KeycloakTestServer } from '@keycloak-ts/testing';
import { demoRealm, postForm } from '../support.js';
import { get, post } from './browser-support.js';

let kc: KeycloakTestServer;
let issuer: string;
let logoutUrl: string;
let tokenUrl: string;

beforeAll(async () => {
  kc = await startKeycloak({
    realms: [
      {
        ...demoRealm,
        clients: [
          ...(demoRealm.clients ?? []),
          {
            clientId: 'site',
            publicClient: true,
            directAccessGrantsEnabled: true,
            redirectUris: ['https://site.example/*'],
            attributes: { 'post.logout.redirect.uris': 'https://site.example/bye##+' },
          },
        ],
      },
    ],
  });
  issuer = `${kc.url}/realms/demo`;
  logoutUrl = `${issuer}/protocol/openid-connect/logout`;
  tokenUrl = `${issuer}/protocol/openid-connect/token`;
});
afterAll(() => kc.close());

async function passwordTokens(): Promise<Record<string, unknown>> {
  return (
    await postForm(tokenUrl, {
      grant_type: 'password',
      client_id: 'site',
      username: 'alice',
      password: 'wonder',
      scope: 'openid',
    })
  ).body;
}

async function sessionAlive(refreshToken: unknown): Promise<boolean> {
  return (
    (await postForm(tokenUrl, { grant_type: 'refresh_token', client_id: 'site', refresh_token: String(refreshToken) }))
      .status === 200
  );
}

describe('end-session endpoint', () => {
  it('ends the session of the id_token_hint and redirects to a registered post_logout_redirect_uri with state', async () => {
    const tokens = await passwordTokens();
    const url = `${logoutUrl}?${new URLSearchParams({ id_token_hint: String(tokens['id_token']), post_logout_redirect_uri: 'https://site.example/bye', state: 's1' })}`;
    const answer = await get(url);
    expect(answer.status).toBe(302);
    expect(answer.headers.get('location')).toBe('https://site.example/bye?state=s1');
    expect(answer.headers.get('set-cookie')).toMatch(/^KEYCLOAK_IDENTITY=; .*Max-Age=0/);
    expect(await sessionAlive(tokens['refresh_token'])).toBe(false);
  });

  it('accepts the client redirect URIs through "+" in post.logout.redirect.uris', async () => {
    const tokens = await passwordTokens();
    const answer = await get(
      `${logoutUrl}?${new URLSearchParams({ id_token_hint: String(tokens['id_token']), post_logout_redirect_uri: 'https://site.example/any/page' })}`,
    );
    expect(answer.headers.get('location')).toBe('https://site.example/any/page');
  });

  it('refuses an unregistered post_logout_redirect_uri with an error page and keeps the session', async () => {
    const tokens = await passwordTokens();
    const answer = await get(
      `${logoutUrl}?${new URLSearchParams({ id_token_hint: String(tokens['id_token']), post_logout_redirect_uri: 'https://evil.example/' })}`,
    );
    expect(answer.status).toBe(400);
    expect(await answer.text()).toContain('Invalid redirect uri');
    expect(await sessionAlive(tokens['refresh_token'])).toBe(true);
  });

  it('refuses a post_logout_redirect_uri without id_token_hint or client_id', async () => {
    const answer = await get(`${logoutUrl}?post_logout_redirect_uri=${encodeURIComponent('https://site.example/bye')}`);
    expect(answer.status).toBe(400);
    expect(await answer.text()).toContain('Missing parameter: id_token_hint');
  });

  it('refuses a forged or non-ID token as id_token_hint', async () => {
    const tokens = await passwordTokens();
    for (const hint of ['not-a-jwt', String(tokens['access_token'])]) {
      const answer = await get(`${logoutUrl}?id_token_hint=${encodeURIComponent(hint)}`);
      expect(answer.status).toBe(400);
      expect(await answer.text()).toContain('Invalid parameter: id_token_hint');
    }
  });

  it('asks for confirmation without a hint, then ends the SSO session of the cookie', async () => {
    const authUrl = `${issuer}/protocol/openid-connect/auth?${new URLSearchParams({ client_id: 'site', redirect_uri: 'https://site.example/cb', response_type: 'code', scope: 'openid' })}`;
    const done = await browserLogin(authUrl, { username: 'alice', password: 'wonder' });
    const cookie = done.sessionCookie ?? '';
    const confirm = await get(logoutUrl, { cookie });
    expect(confirm.status).toBe(200);
    const html = await confirm.text();
    expect(html).toContain('name="confirm" value="yes"');
    const loggedOut = await post(readForms(html, logoutUrl)[0]?.action ?? '', { confirm: 'yes' }, { cookie });
    expect(loggedOut.status).toBe(200);
    expect(await loggedOut.text()).toContain('You are logged out');
    await expect(silentLogin(authUrl, { cookies: done.cookies })).rejects.toMatchObject({
      code: 'ERR_LOGIN_REDIRECT_ERROR',
      error: 'login_required',
    });
  });

  it('still answers the back-channel POST logout with refresh_token', async () => {
    const tokens = await passwordTokens();
    const answer = await postForm(logoutUrl, { client_id: 'site', refresh_token: String(tokens['refresh_token']) });
    expect(answer.status).toBe(204);
    expect(await sessionAlive(tokens['refresh_token'])).toBe(false);
  });
});
