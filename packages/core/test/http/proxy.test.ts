import { createServer, type IncomingMessage } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeycloakConnection } from '@keycloak-ts/core';
import { sendJson, startServer, type TestServer } from './support/server.js';

let target: TestServer;
let proxy: TestServer;
const tunnels: { target: string | undefined; auth: string | undefined }[] = [];

beforeAll(async () => {
  target = await startServer((req, res) => sendJson(res, 200, { url: req.url, via: req.headers['x-via'] ?? null }));
  // A tiny CONNECT proxy: records each tunnel, requires Basic proxy credentials when they are sent.
  const proxyServer = createServer();
  proxyServer.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    const auth = req.headers['proxy-authorization'];
    tunnels.push({ target: req.url, auth });
    if (auth !== undefined && auth !== `Basic ${Buffer.from('svc:pa55').toString('base64')}`) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\n\r\n');
      return;
    }
    const [host = '', port = ''] = (req.url ?? '').split(':');
    const upstream = connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  proxy = await startServer(() => {}, proxyServer);
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
    expect(tunnels.at(-1)).toEqual({ target: `127.0.0.1:${target.port}`, auth: undefined });
    await conn.close();
  });

  it('sends credentials from the proxy URL as Proxy-Authorization, not to Keycloak', async () => {
    const url = new URL(proxy.url);
    url.username = 'svc';
    url.password = 'pa55';
    const conn = new KeycloakConnection({ baseUrl: target.url, proxy: url.href });
    expect((await conn.rawGet('realms/demo')).status).toBe(200);
    expect(tunnels.at(-1)?.auth).toBe(`Basic ${Buffer.from('svc:pa55').toString('base64')}`);
    expect(target.requests.at(-1)?.headers['proxy-authorization']).toBeUndefined();
    await conn.close();
  });
});
