import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RemoteKeySet, TokenIntrospector } from '@keycloak-ts/core';
import { afterEach, describe, expect, it } from 'vitest';
import { invalidTokenError } from '../token/support/expect-invalid.js';

// The token layer's calls (JWKS, introspection) go through KeycloakConnection with one attempt and their own
// time budget; these tests watch the wire to see it.
interface Seen {
  method: string | undefined;
  headers: IncomingHttpHeaders;
}

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function serve(answer: (res: ServerResponse) => void): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    seen.push({ method: req.method, headers: req.headers });
    req.resume();
    req.on('end', () => answer(res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

const json =
  (status: number, body: unknown) =>
  (res: ServerResponse): void => {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };

describe("the token layer's calls to Keycloak", () => {
  it('fetch the JWKS through the connection, with its User-Agent and an Accept of JSON', async () => {
    const { url, seen } = await serve(json(200, { keys: [] }));
    await new RemoteKeySet({ jwksUri: `${url}/realms/acme/protocol/openid-connect/certs` }).reload();
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      method: 'GET',
      headers: { 'user-agent': 'keycloak-ts', accept: 'application/json' },
    });
  });

  it('try a JWKS fetch once: a reset connection is reported unreachable, not retried', async () => {
    const { url, seen } = await serve((res) => res.socket?.destroy());
    const error = await invalidTokenError(new RemoteKeySet({ jwksUri: `${url}/certs` }).reload());
    expect(error.reason).toBe('keycloak_unreachable');
    expect(error.message).toBe('Fetching the realm JWKS failed');
    expect(seen).toHaveLength(1);
  });

  it('try a JWKS fetch once: a 503 is reported as a Keycloak error with its status, not retried', async () => {
    const { url, seen } = await serve(json(503, { error: 'unavailable' }));
    const error = await invalidTokenError(new RemoteKeySet({ jwksUri: `${url}/certs` }).reload());
    expect({ reason: error.reason, status: error.status, message: error.message }).toEqual({
      reason: 'keycloak_error',
      status: 503,
      message: 'Keycloak answered 503 for the realm JWKS',
    });
    expect(seen).toHaveLength(1);
  });

  it('send an introspection as a form through the connection, with the client authentication', async () => {
    const { url, seen } = await serve((res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"active":false}');
    });
    const introspector = new TokenIntrospector({
      issuer: `${url}/realms/acme`,
      clientId: 'api',
      clientSecret: 'secret',
    });
    const error = await invalidTokenError(introspector.introspect('opaque-token'));
    expect(error.reason).toBe('revoked');
    expect(seen[0]).toMatchObject({
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'user-agent': 'keycloak-ts',
        authorization: `Basic ${Buffer.from('api:secret').toString('base64')}`,
      },
    });
  });
});
