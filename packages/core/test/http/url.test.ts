import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeycloakConnection, buildPath, encodeQuery } from '@keycloak-ts/core';
import { sendJson, startServer, type TestServer } from './support/server.js';

let server: TestServer;
let connection: KeycloakConnection;

beforeAll(async () => {
  // Answers with the raw request target it received, as the server saw it on the wire.
  server = await startServer((req, res) => sendJson(res, 200, { url: req.url }));
  connection = new KeycloakConnection({ baseUrl: server.url });
});

afterAll(async () => {
  await connection.close();
  await server.close();
});

async function seenUrl(path: string, query?: Parameters<KeycloakConnection['rawGet']>[1]): Promise<string> {
  return ((await connection.rawGet(path, query)).body as { url: string }).url;
}

describe('buildPath', () => {
  it('keeps every value inside its own segment on the wire', async () => {
    const cases: [string, string][] = [
      ['a/b', 'a%2Fb'],
      ['../x', '..%2Fx'],
      ['ünï 😀', '%C3%BCn%C3%AF%20%F0%9F%98%80'],
      ['#?&=', '%23%3F%26%3D'],
      ['%2e%2e', '%252e%252e'],
    ];
    for (const [id, encoded] of cases) {
      const path = buildPath('admin/realms/{realm}/users/{id}/groups', { realm: 'demo', id });
      expect(await seenUrl(path)).toBe(`/admin/realms/demo/users/${encoded}/groups`);
    }
  });

  it('accepts numbers', () => {
    expect(buildPath('x/{n}', { n: 42 })).toBe('x/42');
  });

  it('refuses missing, empty and dot values that would hit another endpoint', () => {
    const cases: Record<string, string | number>[] = [{}, { id: '' }, { id: '.' }, { id: '..' }, { id: Number.NaN }];
    for (const params of cases) {
      expect(() => buildPath('admin/realms/demo/users/{id}', params)).toThrow(
        expect.objectContaining({ name: 'KeycloakOperationError', code: 'ERR_OPERATION' }) as Error,
      );
    }
  });
});

describe('query encoding', () => {
  it('repeats arrays, drops undefined and null, and percent-encodes keys and values', async () => {
    const url = await seenUrl('admin/realms/demo/users', {
      search: 'a b&c=d',
      first: 0,
      briefRepresentation: true,
      q: undefined,
      exact: null,
      scope: ['openid', 'profile email'],
      'k y': 'ü',
    });
    expect(url).toBe(
      '/admin/realms/demo/users?search=a%20b%26c%3Dd&first=0&briefRepresentation=true&scope=openid&scope=profile%20email&k%20y=%C3%BC',
    );
  });

  it('appends to a query already in the path', async () => {
    expect(await seenUrl('realms/demo?x=1', { y: 2 })).toBe('/realms/demo?x=1&y=2');
  });

  it('gives an empty string for nothing to send', () => {
    expect(encodeQuery({ a: undefined, b: [] })).toBe('');
  });
});

describe('URL resolution', () => {
  it('keeps the base path, with or without a leading slash on the call path', async () => {
    const conn = new KeycloakConnection({ baseUrl: `${server.url}auth` });
    expect(conn.baseUrl).toBe(`${server.url}auth/`);
    expect(((await conn.rawGet('/realms/demo')).body as { url: string }).url).toBe('/auth/realms/demo');
    expect(((await conn.rawGet('//realms/demo')).body as { url: string }).url).toBe('/auth/realms/demo');
    await conn.close();
  });

  it('uses an absolute URL from a discovery document as is', async () => {
    const conn = new KeycloakConnection({ baseUrl: 'http://127.0.0.1:1/auth/' });
    expect(
      ((await conn.rawGet(`${server.url}realms/demo/protocol/openid-connect/certs`)).body as { url: string }).url,
    ).toBe('/realms/demo/protocol/openid-connect/certs');
    await conn.close();
  });
});
