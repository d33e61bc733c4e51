import { afterAll, beforeAll, expect, it } from 'vitest';
import { browserLogin, silentLogin, startKeycloak, type KeycloakTestServer } from '@keycloak-ts/testing';

let kc: KeycloakTestServer;
beforeAll(async () => {
  kc = await startKeycloak({
    realms: [
      {
        realm: 'demo',
        enabled: true,
        users: [{ username: 'alice', enabled: true, credentials: [{ type: 'password', value: 'wonder' }] }],
        clients: [{ clientId: 'web', publicClient: true, redirectUris: ['http://localhost:3000/*'] }],
      },
    ],
  });
});
afterAll(() => kc.close());

const authUrl = () =>
  `${kc.url}/realms/demo/protocol/openid-connect/auth?${new URLSearchParams({
    client_id: 'web',
    response_type: 'code',
    scope: 'openid',
    state: 's1',
    redirect_uri: 'http://localhost:3000/callback',
  })}`;

it('logs alice in through the form, then again through her SSO cookie', async () => {
  const login = await browserLogin(authUrl(), { username: 'alice', password: 'wonder' });
  expect(login.state).toBe('s1'); // hand login.code to your app's callback, or to the token endpoint
  const again = await silentLogin(authUrl(), { cookies: login.cookies });
  expect(again.sessionState).toBe(login.sessionState);
  await expect(browserLogin(authUrl(), { username: 'alice', password: 'wrong' })).rejects.toMatchObject({
    code: 'ERR_LOGIN_REJECTED',
    pageMessage: 'Invalid username or password.',
  });
});
