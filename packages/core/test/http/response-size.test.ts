import {
  KeycloakConnection,
  KeycloakError,
  KeycloakInvalidTokenError,
  RemoteKeySet,
  TokenIntrospector,
} from '@keycloak-ts/core';
import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { invalidTokenError } from '../token/support/expect-invalid.js';
import { startRealmServer, type RealmServer } from '../token/support/realm-server.js';
import { startServer, type TestServer } from './support/server.js';

let server: TestServer | undefined;
let connection: KeycloakConnection | undefined;
afterEach(async () => {
  await connection?.close();
  await server?.close();
  connection = server = undefined;
});

const SECRET_BODY_BYTE = 's';

/** Streams `chunkBytes`-sized chunks without a content-length until the client goes away; resolves the bytes sent then. */
function streamForever(res: ServerResponse, status: number, chunkBytes = 1024): Promise<number> {
  res.writeHead(status, { 'content-type': 'application/json' });
  let sent = 0;
  const chunk = SECRET_BODY_BYTE.repeat(chunkBytes);
  return new Promise((resolve) => {
    res.on('close', () => resolve(sent));
    const pump = (): void => {
      if (res.destroyed) return;
      sent += chunkBytes;
      if (res.write(chunk)) setImmediate(pump);
      else res.once('drain', pump);
    };
    pump();
  });
}

async function failure(promise: Promise<unknown>): Promise<KeycloakError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(KeycloakError);
  return error as KeycloakError;
}

describe('KeycloakConnection maxResponseBytes', () => {
  it('defaults to 16 MiB and refuses a limit that is not a positive integer, naming the option', () => {
    expect(new KeycloakConnection({ baseUrl: 'http://127.0.0.1:1/' }).maxResponseBytes).toBe(16 * 1024 * 1024);
    for (const bad of [0, -1, 1.5, Number.POSITIVE_INFINITY]) {
      expect(() => new KeycloakConnection({ baseUrl: 'http://127.0.0.1:1/', maxResponseBytes: bad })).toThrow(
        new TypeError('maxResponseBytes must be a positive integer (ms or count)'),
      );
    }
  });

  it('aborts an endless answer once it passes the limit, with ERR_INVALID_RESPONSE, the status and no body content', async () => {
    let sentBeforeClose: Promise<number> | undefined;
    server = await startServer((_req, res) => void (sentBeforeClose = streamForever(res, 200)));
    connection = new KeycloakConnection({ baseUrl: server.url, maxResponseBytes: 64 * 1024 });
    const error = await failure(connection.request({ method: 'GET', path: 'admin/realms/demo/partial-export' }));
    expect(error.code).toBe('ERR_INVALID_RESPONSE');
    expect(error.status).toBe(200);
    expect(error.message).toBe(
      `GET ${server.url}admin/realms/demo/partial-export answered HTTP 200 with a body larger than maxResponseBytes (65536 bytes)`,
    );
    expect(error.body).toBeUndefined();
    // The socket was closed by us: the server saw the client leave instead of streaming on.
    expect(await sentBeforeClose).toBeGreaterThan(64 * 1024);
  });

  it('refuses an answer whose content-length passes the limit before any of it arrives', async () => {
    // The server announces 1 MiB but sends nothing: only the header can end this call before its timeout.
    server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(1024 * 1024) });
      res.flushHeaders();
    });
    connection = new KeycloakConnection({ baseUrl: server.url, maxResponseBytes: 1024, timeout: 10_000 });
    const error = await failure(connection.request({ method: 'GET', path: 'big' }));
    expect([error.code, error.status]).toEqual(['ERR_INVALID_RESPONSE', 200]);
  });

  it('also bounds error answers and byte answers', async () => {
    let status = 500;
    server = await startServer((_req, res) => void streamForever(res, status));
    connection = new KeycloakConnection({ baseUrl: server.url, maxResponseBytes: 4096, maxRetries: 0 });
    const failed = await failure(connection.request({ method: 'GET', path: 'x' }));
    expect([failed.code, failed.status]).toEqual(['ERR_INVALID_RESPONSE', 500]);
    status = 200;
    const bytes = await failure(connection.request({ method: 'GET', path: 'x', expect: 'bytes' }));
    expect([bytes.code, bytes.status]).toEqual(['ERR_INVALID_RESPONSE', 200]);
  });

  it('reads an answer of exactly the limit, and the connection stays usable after a refusal', async () => {
    const exact = JSON.stringify({ pad: 'p'.repeat(100) });
    server = await startServer((req, res) => {
      if (req.url === '/endless') return void streamForever(res, 200);
      res.writeHead(200, { 'content-type': 'application/json' }).end(exact);
    });
    connection = new KeycloakConnection({ baseUrl: server.url, maxResponseBytes: Buffer.byteLength(exact) });
    expect((await failure(connection.request({ method: 'GET', path: 'endless' }))).code).toBe('ERR_INVALID_RESPONSE');
    const response = await connection.request<{ pad: string }>({ method: 'GET', path: 'exact' });
    expect(response.body.pad).toHaveLength(100);
    const bytes = await connection.request({ method: 'GET', path: 'exact', expect: 'bytes' });
    expect(bytes.body).toEqual(new Uint8Array(Buffer.from(exact)));
  });
});

describe('the JWKS and introspection size limits', () => {
  let realm: RealmServer | undefined;
  afterEach(async () => {
    await realm?.close();
    realm = undefined;
  });

  it('refuses a JWKS larger than 512 KiB as keycloak_error with its status', async () => {
    realm = await startRealmServer([]);
    realm.extraJwks = [{ kty: 'oct', kid: 'huge', k: 'A'.repeat(600 * 1024) }];
    const error = await invalidTokenError(new RemoteKeySet({ jwksUri: realm.jwksUri }).reload());
    expect([error.reason, error.status]).toEqual(['keycloak_error', 200]);
    expect(error.message).toBe('Keycloak answered the realm JWKS with more than 524288 bytes');
  });

  it('refuses an introspection answer larger than 256 KiB as keycloak_error, without its content', async () => {
    realm = await startRealmServer([]);
    realm.introspect = () => ({ active: true, padding: 'A'.repeat(300 * 1024) });
    const introspector = new TokenIntrospector({
      issuer: realm.issuer,
      clientId: 'orders-api',
      clientSecret: 'secret',
    });
    const error = await invalidTokenError(introspector.introspect('opaque-token'));
    expect(error).toBeInstanceOf(KeycloakInvalidTokenError);
    expect([error.reason, error.status, error.body]).toEqual(['keycloak_error', 200, undefined]);
    expect(error.message).not.toContain('AAAA');
  });
});
