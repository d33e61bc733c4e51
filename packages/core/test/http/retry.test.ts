import { createServer, type IncomingMessage } from 'node:http';
import { Agent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { KeycloakConnection, type KeycloakConnectionOptions, type RetryInfo } from '@keycloak-ts/core';
import { parseRetryAfter, retryDelayMs } from '../../src/http/internal/retry.js';
import { sendJson, startServer, type Handler, type TestServer } from './support/server.js';

let server: TestServer | undefined;
let connection: KeycloakConnection | undefined;

afterEach(async () => {
  await connection?.close();
  await server?.close();
  connection = undefined;
  server = undefined;
});

/** A server whose first `failures` requests get `fail`, then `200 {"ok":true}`. */
async function flakyServer(failures: number, fail: Handler): Promise<TestServer> {
  let seen = 0;
  server = await startServer((req, res, body) => {
    seen += 1;
    if (seen <= failures) fail(req, res, body);
    else sendJson(res, 200, { ok: true, attempt: seen });
  });
  return server;
}

function connect(
  target: TestServer,
  retries: RetryInfo[],
  options: Partial<KeycloakConnectionOptions> = {},
): KeycloakConnection {
  connection = new KeycloakConnection({
    baseUrl: target.url,
    retryDelay: 1,
    maxRetryDelay: 5,
    onRetry: (info) => retries.push(info),
    ...options,
  });
  return connection;
}

const unavailable =
  (retryAfter: string): Handler =>
  (_req, res) =>
    sendJson(res, 503, { error: 'busy' }, { 'retry-after': retryAfter });
const resetSocket: Handler = (req) => req.socket.destroy();

/** A port nothing listens on (one the OS just handed out and took back). */
async function freePort(): Promise<number> {
  const probe = await startServer(() => undefined);
  await probe.close();
  return probe.port;
}

describe('retries', () => {
  it('retries a GET answered 503 and reports the Retry-After it was asked to honour', async () => {
    const target = await flakyServer(1, unavailable('2'));
    const retries: RetryInfo[] = [];
    const response = await connect(target, retries).rawGet('admin/realms?x=1');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ ok: true, attempt: 2 });
    expect(target.requests).toHaveLength(2);
    expect(retries).toEqual([
      { attempt: 1, method: 'GET', url: `${target.url}admin/realms`, reason: 503, retryAfterMs: 2000, delayMs: 5 },
    ]);
  });

  it('retries a GET whose socket was reset before any answer', async () => {
    const target = await flakyServer(1, resetSocket);
    const retries: RetryInfo[] = [];
    const response = await connect(target, retries).rawGet('realms/demo');
    expect(response.status).toBe(200);
    expect(target.requests).toHaveLength(2);
    expect(retries).toHaveLength(1);
    expect(retries[0]?.reason).toMatch(/^(ECONNRESET|UND_ERR_SOCKET)$/);
    expect(retries[0]?.delayMs).toBe(1);
  });

  it('retries a 429 after the delay given as an HTTP date', async () => {
    const target = await flakyServer(1, (_req, res) =>
      sendJson(res, 429, { error: 'slow down' }, { 'retry-after': new Date(Date.now() + 60_000).toUTCString() }),
    );
    const retries: RetryInfo[] = [];
    const response = await connect(target, retries).rawGet('realms/demo');
    expect(response.status).toBe(200);
    expect(retries[0]?.reason).toBe(429);
    expect(retries[0]?.retryAfterMs).toBeGreaterThan(50_000);
    expect(retries[0]?.delayMs).toBe(5);
  });

  it('retries a PUT, which is idempotent', async () => {
    const target = await flakyServer(2, unavailable('0'));
    const response = await connect(target, [], { maxRetries: 2 }).rawPut('admin/realms/demo', {
      json: { enabled: true },
    });
    expect(response.status).toBe(200);
    expect(target.requests).toHaveLength(3);
  });

  it('retries a DELETE, which is idempotent', async () => {
    const target = await flakyServer(1, resetSocket);
    const response = await connect(target, []).rawDelete('admin/realms/demo/users/1');
    expect(response.status).toBe(200);
    expect(target.requests).toHaveLength(2);
  });

  it('never retries a POST answered 503: the server sees exactly one request', async () => {
    const target = await flakyServer(5, unavailable('0'));
    const retries: RetryInfo[] = [];
    const response = await connect(target, retries, { maxRetries: 3 }).rawPost('admin/realms/demo/users', {
      json: { username: 'a' },
    });
    expect(response.status).toBe(503);
    expect(target.requests).toHaveLength(1);
    expect(retries).toEqual([]);
  });

  it('never retries a POST whose socket was reset, and reports ERR_CONNECTION', async () => {
    const target = await flakyServer(5, resetSocket);
    const call = connect(target, [], { maxRetries: 3 }).rawPost('admin/realms/demo/users', { json: { username: 'a' } });
    await expect(call).rejects.toMatchObject({ name: 'KeycloakConnectionError', code: 'ERR_CONNECTION' });
    expect(target.requests).toHaveLength(1);
  });

  it('retries a POST whose connection was refused, which was never written, once the server is up', async () => {
    const port = await freePort();
    const received: IncomingMessage[] = [];
    const revived = createServer((req, res) => {
      received.push(req);
      sendJson(res, 201, { created: true });
    });
    const retries: RetryInfo[] = [];
    // Keycloak comes back between the refused attempt and the retry (an IP literal binds on the next tick, before the 1 ms wait ends).
    const onRetry = (info: RetryInfo): void => {
      retries.push(info);
      revived.listen(port, '127.0.0.1');
    };
    connection = new KeycloakConnection({
      baseUrl: `http://127.0.0.1:${port}/`,
      retryDelay: 1,
      maxRetryDelay: 5,
      onRetry,
    });
    try {
      const response = await connection.rawPost(
        'realms/demo/protocol/openid-connect/token',
        new URLSearchParams({ grant_type: 'client_credentials' }),
      );
      expect(response.status).toBe(201);
      expect(received.map((req) => req.method)).toEqual(['POST']);
      expect(retries).toEqual([
        {
          attempt: 1,
          method: 'POST',
          url: `http://127.0.0.1:${port}/realms/demo/protocol/openid-connect/token`,
          reason: 'ECONNREFUSED',
          retryAfterMs: undefined,
          delayMs: 1,
        },
      ]);
    } finally {
      await connection.close();
      revived.closeAllConnections();
      await new Promise((resolve) => revived.close(resolve));
    }
  });

  it('never retries a refused POST through a user-supplied dispatcher, which may start requests its own way', async () => {
    const port = await freePort();
    const dispatcher = new Agent();
    const retries: RetryInfo[] = [];
    try {
      connection = new KeycloakConnection({
        baseUrl: `http://127.0.0.1:${port}/`,
        dispatcher,
        retryDelay: 1,
        onRetry: (info) => retries.push(info),
      });
      await expect(connection.rawPost('admin/realms', { json: {} })).rejects.toMatchObject({
        code: 'ERR_CONNECTION',
        message: expect.stringContaining('(ECONNREFUSED)'),
      });
      expect(retries).toEqual([]);
      // The same refusal of a GET is retried: the dispatcher only decides for non-idempotent calls.
      await expect(connection.rawGet('admin/realms')).rejects.toMatchObject({ code: 'ERR_CONNECTION' });
      expect(retries.map((r) => [r.method, r.reason])).toEqual([['GET', 'ECONNREFUSED']]);
    } finally {
      await dispatcher.close();
    }
  });

  it('gives up after maxRetries and returns the last answer', async () => {
    const target = await flakyServer(10, unavailable('0'));
    const retries: RetryInfo[] = [];
    const response = await connect(target, retries, { maxRetries: 2 }).rawGet('realms/demo');
    expect(response.status).toBe(503);
    expect(target.requests).toHaveLength(3);
    expect(retries.map((r) => r.attempt)).toEqual([1, 2]);
  });

  it("returns a 503 at once when its Retry-After wait would end past the call's time limit", async () => {
    const target = await flakyServer(1, unavailable('5'));
    const retries: RetryInfo[] = [];
    const response = await connect(target, retries, { maxRetryDelay: 10_000, timeout: 1_000 }).rawGet('realms/demo');
    expect(response.status).toBe(503);
    expect(response.body).toEqual({ error: 'busy' });
    expect(target.requests).toHaveLength(1);
    expect(retries).toEqual([]);
  });

  it('does not retry at all with maxRetries 0', async () => {
    const target = await flakyServer(1, unavailable('0'));
    const response = await connect(target, [], { maxRetries: 0 }).rawGet('realms/demo');
    expect(response.status).toBe(503);
    expect(target.requests).toHaveLength(1);
  });

  it('stops waiting for a retry as soon as the caller aborts', async () => {
    const target = await flakyServer(1, unavailable('3600'));
    const controller = new AbortController();
    const call = connect(target, [], {
      maxRetryDelay: 60_000,
      timeout: 120_000,
      onRetry: () => controller.abort(),
    }).rawGet('realms/demo', undefined, {
      signal: controller.signal,
    });
    await expect(call).rejects.toMatchObject({ code: 'ERR_ABORTED' });
    expect(target.requests).toHaveLength(1);
  });
});

describe('Retry-After parsing', () => {
  const now = Date.parse('2025-01-01T00:00:00Z');

  it('reads delay-seconds as milliseconds', () => {
    expect(parseRetryAfter('7', now)).toBe(7000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
  });

  it('reads an HTTP date relative to now, and a past date as zero', () => {
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Tue, 31 Dec 2024 23:00:00 GMT', now)).toBe(0);
  });

  it('ignores an absent or unreadable value', () => {
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
  });

  it('backs off exponentially without Retry-After and caps every wait', () => {
    expect([1, 2, 3].map((attempt) => retryDelayMs(attempt, undefined, 100, 10_000))).toEqual([100, 200, 400]);
    expect(retryDelayMs(1, 120_000, 100, 10_000)).toBe(10_000);
    expect(retryDelayMs(5, undefined, 100, 250)).toBe(250);
  });
});
