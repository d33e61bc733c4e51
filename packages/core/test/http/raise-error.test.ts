import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  KeycloakAuthenticationError,
  KeycloakConnection,
  KeycloakDeleteError,
  KeycloakGetError,
  KeycloakOperationError,
  KeycloakPostError,
  KeycloakPutError,
  REDACTED,
  errorMessageFromBody,
  raiseErrorFromResponse,
} from '@keycloak-ts/core';
import { sendJson, startServer, type TestServer } from './support/server.js';

// Bodies as Keycloak 26 sends them (the shared Keycloak 26 sample `errors.json`).
const ANSWERS: Record<string, { status: number; body: unknown }> = {
  '/user-not-found': { status: 404, body: { error: 'User not found' } },
  '/user-exists': { status: 409, body: { errorMessage: 'User exists with same username' } },
  '/admin-unauthorized': { status: 401, body: { error: 'HTTP 401 Unauthorized' } },
  '/bad-credentials': {
    status: 401,
    body: { error: 'unauthorized_client', error_description: 'Invalid client or Invalid client credentials' },
  },
  '/cannot-parse': { status: 400, body: { error: 'invalid_request', error_description: 'Cannot parse the JSON' } },
  '/realm-not-found': { status: 404, body: { error: 'Realm not found.' } },
  '/created': { status: 201, body: '' },
  '/ok': { status: 200, body: { id: '1' } },
};
const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlLXZhbHVl';

let server: TestServer;
let connection: KeycloakConnection;

beforeAll(async () => {
  server = await startServer((req, res) => {
    if (req.url === '/gateway') {
      res.writeHead(502, { 'content-type': 'text/html' });
      return res.end('<html>Bad Gateway</html>');
    }
    if (req.url === '/leaky')
      return sendJson(res, 400, {
        error: 'invalid_grant',
        error_description: `Token ${JWT} rejected for Bearer abc.def`,
      });
    const answer = ANSWERS[req.url ?? ''] ?? { status: 500, body: { error: 'unknown_error' } };
    if (answer.body === '') {
      res.writeHead(answer.status, { location: `${server.url}admin/realms/demo/users/1` });
      return res.end();
    }
    return sendJson(res, answer.status, answer.body);
  });
  connection = new KeycloakConnection({ baseUrl: server.url, maxRetries: 0 });
});

afterAll(async () => {
  await connection.close();
  await server.close();
});

async function raised(
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  error = KeycloakGetError,
): Promise<unknown> {
  const response = await connection.request({
    method,
    path,
    ...(method === 'POST' || method === 'PUT' ? { body: { json: {} } } : {}),
  });
  try {
    raiseErrorFromResponse(response, { error });
  } catch (thrown) {
    return thrown;
  }
  throw new Error(`expected ${method} ${path} to raise`);
}

describe('raiseErrorFromResponse', () => {
  it('returns the body of an expected status', async () => {
    expect(raiseErrorFromResponse(await connection.rawGet('ok'), { error: KeycloakGetError })).toEqual({ id: '1' });
    expect(
      raiseErrorFromResponse(await connection.rawPost('created', { json: {} }), { error: KeycloakPostError }),
    ).toBeUndefined();
  });

  it("throws the caller's class with Keycloak's message, status and body", async () => {
    const error = await raised('GET', 'user-not-found');
    expect(error).toBeInstanceOf(KeycloakGetError);
    expect(error).toMatchObject({
      code: 'ERR_HTTP',
      status: 404,
      message: 'User not found',
      body: { error: 'User not found' },
    });
  });

  it('picks the class per method', async () => {
    expect(await raised('POST', 'cannot-parse', KeycloakPostError)).toMatchObject({
      name: 'KeycloakPostError',
      message: 'Cannot parse the JSON',
      status: 400,
    });
    expect(await raised('PUT', 'realm-not-found', KeycloakPutError)).toMatchObject({
      name: 'KeycloakPutError',
      message: 'Realm not found.',
    });
    expect(await raised('DELETE', 'user-not-found', KeycloakDeleteError)).toMatchObject({
      name: 'KeycloakDeleteError',
      status: 404,
    });
  });

  it('throws KeycloakAuthenticationError for any 401 whatever class was chosen', async () => {
    const admin = await raised('GET', 'admin-unauthorized');
    expect(admin).toBeInstanceOf(KeycloakAuthenticationError);
    expect(admin).toMatchObject({ code: 'ERR_AUTHENTICATION', status: 401, message: 'HTTP 401 Unauthorized' });
    expect(await raised('POST', 'bad-credentials', KeycloakPostError)).toMatchObject({
      name: 'KeycloakAuthenticationError',
      message: 'Invalid client or Invalid client credentials',
    });
  });

  it('prefers errorMessage, the admin API field, when error_description is absent', async () => {
    expect(await raised('POST', 'user-exists', KeycloakPostError)).toMatchObject({
      status: 409,
      message: 'User exists with same username',
    });
  });

  it('returns the body of a 409 with skipExists instead of throwing', async () => {
    const response = await connection.rawPost('user-exists', { json: { username: 'a' } });
    expect(raiseErrorFromResponse(response, { error: KeycloakPostError, skipExists: true })).toEqual({
      errorMessage: 'User exists with same username',
    });
  });

  it('throws for a success status outside expectedStatus', async () => {
    const response = await connection.rawPost('created', { json: {} });
    expect(() => raiseErrorFromResponse(response, { error: KeycloakPostError, expectedStatus: [204] })).toThrow(
      expect.objectContaining({ name: 'KeycloakPostError', status: 201, message: 'HTTP 201' }) as Error,
    );
  });

  it('uses a status map, falling back to KeycloakOperationError with ERR_HTTP', async () => {
    const map = { 404: KeycloakGetError };
    const notFound = await connection.rawGet('user-not-found');
    expect(() => raiseErrorFromResponse(notFound, { error: map })).toThrow(KeycloakGetError);
    const error = await raised('GET', 'cannot-parse', map as never);
    expect(error).toBeInstanceOf(KeycloakOperationError);
    expect(error).toMatchObject({ code: 'ERR_HTTP', status: 400 });
  });

  it('falls back to "HTTP <status>" for a non-JSON answer and keeps the text as body', async () => {
    expect(await raised('GET', 'gateway')).toMatchObject({
      message: 'HTTP 502',
      status: 502,
      body: '<html>Bad Gateway</html>',
    });
  });

  it('never puts a token or bearer credential in the message', async () => {
    const error = (await raised('POST', 'leaky', KeycloakPostError)) as Error;
    expect(error.message).toBe(`Token ${REDACTED} rejected for Bearer ${REDACTED}`);
    expect(error.message).not.toContain(JWT);
    expect(JSON.stringify((error as KeycloakPostError).body)).not.toContain(JWT);
  });
});

describe('errorMessageFromBody', () => {
  it('caps the length and flattens control characters of what the server says', () => {
    const message = errorMessageFromBody({ error: `line one\r\nline two ${'x'.repeat(500)}` }, 400);
    expect(message.startsWith('line one line two ')).toBe(true);
    expect(message).toHaveLength(301);
  });

  it('ignores empty and non-string fields', () => {
    expect(errorMessageFromBody({ error_description: '', error: 42 }, 418)).toBe('HTTP 418');
    expect(errorMessageFromBody(['x'], 500)).toBe('HTTP 500');
  });
});
