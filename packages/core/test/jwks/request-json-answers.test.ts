import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { requestJson, tokenConnection } from '../../src/jwks/request-json.js';
import { invalidTokenError } from '../token/support/expect-invalid.js';

// requestJson's reading of Keycloak's answers, status by status and body by body, over real HTTP.

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function serve(answer: (res: ServerResponse) => void): Promise<string> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => answer(res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/x`;
}

const answer =
  (status: number, body: string, type = 'application/json') =>
  (res: ServerResponse) =>
    void res.writeHead(status, { 'content-type': type }).end(body);

async function call(url: string, extra: { signal?: AbortSignal; maxBytes?: number } = {}) {
  return requestJson(tokenConnection(url, undefined, extra.maxBytes ?? 1024), {
    url,
    method: 'GET',
    timeoutDuration: 5_000,
    what: 'the thing',
    ...(extra.signal === undefined ? {} : { signal: extra.signal }),
  });
}

describe('requestJson', () => {
  it('takes every 2xx answer, 299 included, with its JSON body and status', async () => {
    for (const status of [200, 201, 299]) {
      const url = await serve(answer(status, '{"ok":true,"__proto__":{"admin":true}}'));
      const response = await call(url);
      expect(response).toEqual({ status, body: { ok: true } });
      await close?.();
      close = undefined;
    }
  });

  it('refuses a 300 and other statuses as keycloak_error, with the JSON body or the first 200 characters', async () => {
    let url = await serve(answer(300, '{"error":"moved"}'));
    let error = await invalidTokenError(call(url));
    expect(error).toMatchObject({ reason: 'keycloak_error', status: 300, body: { error: 'moved' } });
    await close?.();
    url = await serve(answer(503, 'x'.repeat(300), 'text/plain'));
    error = await invalidTokenError(call(url));
    expect(error).toMatchObject({ reason: 'keycloak_error', status: 503, body: 'x'.repeat(200) });
  });

  it('refuses a 2xx body that is not JSON as keycloak_error with the status', async () => {
    const url = await serve(answer(200, 'not json', 'text/plain'));
    const error = await invalidTokenError(call(url));
    expect(error).toMatchObject({ reason: 'keycloak_error', status: 200 });
    expect(error.message).toBe('Keycloak answered the thing with a body that is not JSON');
  });

  it('refuses an answer over the size limit as keycloak_error, with the status and the cause', async () => {
    const url = await serve(answer(200, JSON.stringify({ pad: 'x'.repeat(4096) })));
    const error = await invalidTokenError(call(url, { maxBytes: 1024 }));
    expect(error).toMatchObject({ reason: 'keycloak_error', status: 200 });
    expect(error.message).toBe('Keycloak answered the thing with more than 1024 bytes');
    expect(error.cause).toBeInstanceOf(Error);
  });

  it("stops at the caller's signal: keycloak_unreachable, saying it was aborted", async () => {
    const url = await serve(() => undefined);
    const controller = new AbortController();
    const pending = call(url, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const error = await invalidTokenError(pending);
    expect(error.reason).toBe('keycloak_unreachable');
    expect(error.message).toBe('Fetching the thing was aborted');
  });
});
