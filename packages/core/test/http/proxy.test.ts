import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeycloakConnection } from '@keycloak-ts/core';
import { startConnectProxy, type ConnectProxy } from './support/connect-proxy.js';
import { sendJson, startServer, type TestServer } from './support/server.js';

let target: TestServer;
let proxy: ConnectProxy;

beforeAll(async () => {
  target = await startServer((req, res) => sendJson(res, 200, { url: req.url, via: req.headers['x-via'] ?? null }));
  proxy = await startConnectProxy(`Basic ${Buffer.from('svc:pa55').toString('base64')}`);
});

afterAll(async () => {
  await proxy.close();
  await target.close();
});

describe('proxy', () => {
  it('tunnels calls through the proxy with CONNECT', async () => {
    const conn = new KeycloakConnection({ baseUrl: target.url, proxy: proxy.url });
    const response = await conn.rawGet('realms/demo', { a: 1 });
    expect(response.body).toEqual({ url: '/realms/demo?a=1', via: null });
    expect(proxy.tunnels.at(-1)).toEqual({ target: `127.0.0.1:${target.port}`, auth: undefined });
    await conn.close();
  });

  it('sends credentials from the proxy URL as Proxy-Authorization, not to Keycloak', async () => {
    const url = new URL(proxy.url);
    url.username = 'svc';
    url.password = 'pa55';
    const conn = new KeycloakConnection({ baseUrl: target.url, proxy: url.href });
    expect((await conn.rawGet('realms/demo')).status).toBe(200);
    expect(proxy.tunnels.at(-1)?.auth).toBe(`Basic ${Buffer.from('svc:pa55').toString('base64')}`);
    expect(target.requests.at(-1)?.headers['proxy-authorization']).toBeUndefined();
    await conn.close();
  });
});
