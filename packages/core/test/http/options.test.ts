import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeycloakConnection, type KeycloakConnectionOptions } from '@keycloak-ts/core';
import { sendJson, startServer, type TestServer } from './support/server.js';

let server: TestServer;

beforeAll(async () => {
  server = await startServer((_req, res) => sendJson(res, 200, { ok: true }));
});

afterAll(() => server.close());

describe('options', () => {
  it('applies documented defaults', async () => {
    const conn = new KeycloakConnection({ baseUrl: 'https://sso.example.com' });
    expect(conn.baseUrl).toBe('https://sso.example.com/');
    expect(conn.timeout).toBe(30_000);
    expect(conn.verify).toBe(true);
    expect(conn.maxRetries).toBe(1);
    expect(conn.proxy).toBeUndefined();
    expect(conn.headers).toEqual({ 'user-agent': 'keycloak-ts' });
    await conn.close();
  });

  it('hides proxy credentials in the proxy getter', async () => {
    const conn = new KeycloakConnection({
      baseUrl: 'https://sso.example.com',
      proxy: 'http://user:pa55@proxy.local:3128',
    });
    expect(conn.proxy).toBe('http://proxy.local:3128/');
    await conn.close();
  });

  const bad: [string, Partial<KeycloakConnectionOptions>, string][] = [
    ['a non-http baseUrl', { baseUrl: 'ftp://sso.example.com' }, 'baseUrl must be an http(s) URL'],
    ['a relative baseUrl', { baseUrl: '/auth' }, 'baseUrl must be an absolute http(s) URL'],
    [
      'a baseUrl with a query',
      { baseUrl: 'https://sso.example.com/?a=1' },
      'baseUrl must not have a query or fragment',
    ],
    ['a baseUrl with credentials', { baseUrl: 'https://u:p@sso.example.com/' }, 'baseUrl must not carry credentials'],
    ['a negative timeout', { timeout: -1 }, 'timeout must be a positive integer (ms or count)'],
    ['a fractional maxRetries', { maxRetries: 1.5 }, 'maxRetries must be a non-negative integer'],
    ['a zero connections', { connections: 0 }, 'connections must be a positive integer (ms or count)'],
    ['a string verify', { verify: 'no' as unknown as boolean }, 'verify must be a boolean'],
    ['a cert without key', { cert: '-----BEGIN CERTIFICATE-----' }, 'cert and key must be given together'],
    ['an empty ca', { ca: '' }, 'ca must be a non-empty PEM string or Buffer'],
    ['a bad proxy', { proxy: 'socks5://proxy.local' }, 'proxy must be an http(s) URL'],
    [
      'a dispatcher with a proxy',
      { dispatcher: new Agent(), proxy: 'http://proxy.local' },
      'dispatcher cannot be combined with proxy: configure the dispatcher instead',
    ],
    ['a non-dispatcher', { dispatcher: {} as Agent }, 'dispatcher must be an undici Dispatcher'],
    ['a bad header name', { headers: { 'X A': '1' } }, 'headers: invalid header name "X A"'],
    ['a non-function onRetry', { onRetry: 'log' as unknown as () => void }, 'onRetry must be a function'],
  ];
  it.each(bad)('refuses %s with a TypeError naming the option', (_label, options, message) => {
    expect(() => new KeycloakConnection({ baseUrl: 'https://sso.example.com', ...options })).toThrow(
      new TypeError(message),
    );
  });

  it('refuses a bad per-call timeout with a TypeError', async () => {
    const conn = new KeycloakConnection({ baseUrl: server.url });
    await expect(conn.rawGet('x', undefined, { timeout: 0 })).rejects.toThrow(
      new TypeError('timeout must be a positive integer (ms or count)'),
    );
    await conn.close();
  });

  it('refuses an untagged body and an unknown method with ERR_OPERATION', async () => {
    const conn = new KeycloakConnection({ baseUrl: server.url });
    await expect(conn.rawPost('x', { username: 'a' } as never)).rejects.toMatchObject({ code: 'ERR_OPERATION' });
    await expect(conn.request({ method: 'TRACE' as never, path: 'x' })).rejects.toMatchObject({
      code: 'ERR_OPERATION',
    });
    await conn.close();
  });
});

describe('dispatcher ownership', () => {
  it('sends through an injected dispatcher, exposes it, and leaves it open on close', async () => {
    const agent = new Agent();
    const conn = new KeycloakConnection({ baseUrl: server.url, dispatcher: agent });
    expect(conn.dispatcher).toBe(agent);
    expect((await conn.rawGet('x')).status).toBe(200);
    await conn.close();
    const stillOpen = await request(server.url, { dispatcher: agent });
    expect(stillOpen.statusCode).toBe(200);
    await stillOpen.body.dump();
    await agent.close();
  });

  it('closes its own pool, and refuses calls once closed', async () => {
    const conn = new KeycloakConnection({ baseUrl: server.url });
    const own = conn.dispatcher;
    await conn.close();
    await conn.close();
    await expect(request(server.url, { dispatcher: own })).rejects.toMatchObject({ code: 'UND_ERR_DESTROYED' });
    await expect(conn.rawGet('x')).rejects.toMatchObject({
      code: 'ERR_OPERATION',
      message: 'The connection is closed',
    });
  });

  it('shares one pool: the exposed dispatcher reaches the same server', async () => {
    const conn = new KeycloakConnection({ baseUrl: server.url });
    const shared = await request(`${server.url}certs`, { dispatcher: conn.dispatcher });
    expect(await shared.body.json()).toEqual({ ok: true });
    await conn.close();
  });
});
