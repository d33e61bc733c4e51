import { KeycloakAdmin } from '@keycloak-ts/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConnectProxy, type ConnectProxy } from '../http/support/connect-proxy.js';
import { sendJson, startServer, type TestServer } from '../http/support/server.js';
import { useAdminServer } from './support.js';

// The python-keycloak constructor arguments that shape the transport or the login: `proxies` (the
// calls reach the test server only through a CONNECT proxy) and `totp` (sent with the password grant).

const kc = useAdminServer();
let proxy: ConnectProxy;

beforeAll(async () => {
  proxy = await startConnectProxy('Basic unused');
});
afterAll(() => proxy.close());

describe('KeycloakAdmin proxies', () => {
  it('sends the login and the admin calls through the proxy given as python-keycloak proxies', async () => {
    const admin = kc.admin({ proxies: { http: 'http://unused.invalid:1', https: proxy.url } });
    const before = proxy.tunnels.length;
    const realms = await admin.getRealms();
    expect(realms.map((realm) => realm.realm)).toContain('demo');
    const origin = new URL(kc.server.url).host;
    expect(proxy.tunnels.slice(before).map((tunnel) => tunnel.target)).toContain(origin);
  });

  it('refuses proxies that are not URLs with a TypeError naming the option', () => {
    expect(() => kc.admin({ proxies: { https: 42 as unknown as string } })).toThrow(/"proxies"/);
    expect(() => kc.admin({ proxies: 'not a url' })).toThrow(TypeError);
  });
});

describe('KeycloakAdmin totp', () => {
  let tokenForms: URLSearchParams[];
  let fake: TestServer;

  beforeAll(async () => {
    tokenForms = [];
    // A token endpoint that records the form: the test server has no OTP credentials to check it against.
    fake = await startServer((req, res, body) => {
      if (req.url === '/realms/master/protocol/openid-connect/token') {
        tokenForms.push(new URLSearchParams(body));
        return sendJson(res, 200, { access_token: 'opaque-admin-token', expires_in: 60, token_type: 'Bearer' });
      }
      return sendJson(res, req.headers.authorization === 'Bearer opaque-admin-token' ? 200 : 401, []);
    });
  });
  afterAll(() => fake.close());

  it('sends the one-time password in the password grant form', async () => {
    const admin = new KeycloakAdmin({ serverUrl: fake.url, username: 'admin', password: 'admin', totp: '123456' });
    try {
      expect(await admin.getRealms()).toEqual([]);
      expect(Object.fromEntries(tokenForms.at(-1) ?? [])).toEqual({
        grant_type: 'password',
        username: 'admin',
        password: 'admin',
        totp: '123456',
        client_id: 'admin-cli',
      });
    } finally {
      await admin.close();
    }
  });
});
