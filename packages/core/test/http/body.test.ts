import { KeycloakConnection } from '@keycloak-ts/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from './support/server.js';

let server: TestServer;
let connection: KeycloakConnection;

beforeAll(async () => {
  server = await startServer((req, res) => {
    if (req.url === '/ok') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ignored":true}');
      return;
    }
    res
      .writeHead(400, { 'content-type': 'application/json' })
      .end('{"error":"invalid_grant","error_description":"Session not active"}');
  });
  connection = new KeycloakConnection({ baseUrl: server.url, maxRetries: 0 });
});
afterAll(async () => {
  await connection.close();
  await server.close();
});

describe("expect: 'none'", () => {
  it('drops the body of a successful answer', async () => {
    const response = await connection.request({ method: 'POST', path: 'ok', expect: 'none' });
    expect(response).toMatchObject({ status: 200, body: undefined });
  });

  it("still reads an error answer's body so its message reaches the error", async () => {
    const response = await connection.request({ method: 'POST', path: 'fail', expect: 'none' });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ error: 'invalid_grant', error_description: 'Session not active' });
  });
});

describe('a JSON body that cannot be serialised', () => {
  it.each([
    ['a BigInt', { count: 1n }],
    [
      'a circular reference',
      (() => {
        const o: Record<string, unknown> = {};
        o['self'] = o;
        return o;
      })(),
    ],
  ])('holding %s fails as ERR_OPERATION, before anything is sent', async (_what, json) => {
    const before = server.requests.length;
    await expect(connection.request({ method: 'POST', path: 'ok', body: { json } })).rejects.toMatchObject({
      name: 'KeycloakOperationError',
      code: 'ERR_OPERATION',
      message: 'body.json cannot be serialised to JSON',
    });
    expect(server.requests.length).toBe(before);
  });
});
