import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { KeycloakConnection, KeycloakConnectionError, KeycloakError, toKeycloakError } from '@keycloak-ts/core';
import { sendJson, startServer, type Handler, type TestServer } from './support/server.js';

let server: TestServer | undefined;
let connection: KeycloakConnection | undefined;

afterEach(async () => {
  await connection?.close();
  await server?.close();
  connection = undefined;
  server = undefined;
});

async function connectTo(handler: Handler, options: { timeout?: number } = {}): Promise<KeycloakConnection> {
  server = await startServer(handler);
  connection = new KeycloakConnection({ baseUrl: server.url, maxRetries: 0, ...options });
  return connection;
}

const neverAnswer: Handler = () => {};

describe('transport failures over real HTTP', () => {
  it('reports a call that gets no answer in time as ERR_TIMEOUT, without the query in the message', async () => {
    const conn = await connectTo(neverAnswer, { timeout: 30 });
    const error: unknown = await conn
      .rawGet('realms/demo/protocol', { token: 'super-secret-value' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KeycloakConnectionError);
    expect(error).toMatchObject({ code: 'ERR_TIMEOUT' });
    expect((error as Error).message).toBe(`GET ${server?.url}realms/demo/protocol got no answer within 30 ms`);
    expect((error as Error).message).not.toContain('super-secret-value');
  });

  it('lets a call shorten the connection timeout', async () => {
    const conn = await connectTo(neverAnswer, { timeout: 60_000 });
    await expect(conn.rawGet('slow', undefined, { timeout: 20 })).rejects.toMatchObject({ code: 'ERR_TIMEOUT' });
  });

  it('reports the caller abort as ERR_ABORTED, not a timeout', async () => {
    const controller = new AbortController();
    const conn = await connectTo(() => controller.abort(), { timeout: 60_000 });
    const call = conn.rawGet('realms/demo', undefined, { signal: controller.signal });
    await expect(call).rejects.toMatchObject({ name: 'KeycloakConnectionError', code: 'ERR_ABORTED' });
  });

  it('does not send a call whose signal has already aborted', async () => {
    const conn = await connectTo(neverAnswer);
    const call = conn.rawPost('admin/realms', { json: {} }, { signal: AbortSignal.abort() });
    await expect(call).rejects.toMatchObject({ code: 'ERR_ABORTED' });
    expect(server?.requests).toHaveLength(0);
  });

  it('reports a refused port as ERR_CONNECTION naming ECONNREFUSED', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    connection = new KeycloakConnection({ baseUrl: `http://127.0.0.1:${port}/`, retryDelay: 1 });
    const error: unknown = await connection.rawGet('realms/demo').catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'KeycloakConnectionError', code: 'ERR_CONNECTION' });
    expect((error as Error).message).toBe(
      `GET http://127.0.0.1:${port}/realms/demo failed: connection refused (ECONNREFUSED)`,
    );
    expect((error as Error).cause).toBeDefined();
  });

  it('reports invalid JSON as ERR_INVALID_RESPONSE with the status', async () => {
    const conn = await connectTo((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"access_token": "eyJ');
    });
    const error: unknown = await conn.rawGet('realms/demo').catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'KeycloakError', code: 'ERR_INVALID_RESPONSE', status: 200 });
    expect((error as Error).message).toBe('The answer is not valid JSON');
    expect((error as Error).cause).toBeInstanceOf(SyntaxError);
  });

  it('reports an HTML page where JSON was expected as ERR_INVALID_RESPONSE', async () => {
    const conn = await connectTo((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<html>login</html>');
    });
    await expect(conn.rawGet('realms/demo')).rejects.toMatchObject({
      code: 'ERR_INVALID_RESPONSE',
      status: 200,
      message: 'Expected a JSON answer but got "text/html"',
    });
  });

  it('reads the same page fine when text is expected', async () => {
    const conn = await connectTo((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>login</html>');
    });
    await expect(conn.rawGet('realms/demo', undefined, { expect: 'text' })).resolves.toMatchObject({
      body: '<html>login</html>',
    });
    const bytes = await conn.rawGet('realms/demo', undefined, { expect: 'bytes' });
    expect(Buffer.from(bytes.body as Uint8Array).toString()).toBe('<html>login</html>');
  });

  it('returns an error answer with its JSON body parsed rather than throwing', async () => {
    const conn = await connectTo((_req, res) => sendJson(res, 404, { error: 'User not found' }));
    await expect(conn.rawGet('admin/realms/demo/users/x')).resolves.toEqual({
      status: 404,
      headers: expect.objectContaining({ 'content-type': 'application/json' }) as unknown,
      body: { error: 'User not found' },
    });
  });
});

describe('toKeycloakError', () => {
  const context = { method: 'GET', url: 'https://sso.example.com/realms/demo' };

  it('passes a KeycloakError through unchanged', () => {
    const original = new KeycloakError('kept', { code: 'ERR_INVALID_RESPONSE' });
    expect(toKeycloakError(original, context)).toBe(original);
  });

  it('maps DNS failures to ERR_CONNECTION', () => {
    const cause = Object.assign(new Error('getaddrinfo ENOTFOUND sso.example.com'), { code: 'ENOTFOUND' });
    expect(toKeycloakError(cause, context)).toMatchObject({
      code: 'ERR_CONNECTION',
      message: 'GET https://sso.example.com/realms/demo failed: host not found (ENOTFOUND)',
      cause,
    });
  });

  it("maps undici's headers and body timeouts to ERR_TIMEOUT", () => {
    for (const code of ['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT']) {
      expect(toKeycloakError(Object.assign(new Error('t'), { code }), context).code).toBe('ERR_TIMEOUT');
    }
  });

  it('finds the errno inside an AggregateError and a cause chain', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    expect(toKeycloakError(new AggregateError([refused]), context).message).toContain(
      'connection refused (ECONNREFUSED)',
    );
    const wrapped = Object.assign(new Error('other side closed'), {
      code: 'UND_ERR_SOCKET',
      cause: Object.assign(new Error('x'), { code: 'ECONNRESET' }),
    });
    expect(toKeycloakError(wrapped, context).message).toContain('connection reset (ECONNRESET)');
  });

  it('names TLS failures as such', () => {
    const tls = Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    expect(toKeycloakError(tls, context)).toMatchObject({
      code: 'ERR_CONNECTION',
      message: expect.stringContaining('TLS failure') as unknown,
    });
  });

  it("reports undici's invalid-argument errors as the caller's ERR_OPERATION", () => {
    expect(
      toKeycloakError(Object.assign(new Error('invalid header'), { code: 'UND_ERR_INVALID_ARG' }), context),
    ).toMatchObject({
      name: 'KeycloakOperationError',
      code: 'ERR_OPERATION',
    });
  });

  it('prefers the caller abort over the timeout when both signals fired', () => {
    const fired = AbortSignal.abort();
    expect(toKeycloakError(new Error('aborted'), { ...context, callerSignal: fired, timeoutSignal: fired }).code).toBe(
      'ERR_ABORTED',
    );
    expect(toKeycloakError(new Error('aborted'), { ...context, timeoutSignal: fired, timeoutMs: 5 }).code).toBe(
      'ERR_TIMEOUT',
    );
  });
});
